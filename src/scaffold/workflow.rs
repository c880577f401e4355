//! The GitHub Pages workflow `dossier init` writes (`pages.yml` beside this file): it installs
//! a released dossier through this repository's action (`action.yml` at its root) instead
//! of compiling dossier on every run.

/// Stands for the GitHub repository dossier is released from, until one is known.
pub const PLACEHOLDER_REPOSITORY: &str = "OWNER/dossier";

/// The repository whose action (`OWNER/REPO@v1`) the generated workflow uses. The release
/// workflow sets `DOSSIER_REPOSITORY` to its own repository when it builds the binaries;
/// any other build uses the constant, which a fork publishing its own releases sets to its
/// repository (README, "Install").
pub const ACTION_REPOSITORY: &str = match option_env!("DOSSIER_REPOSITORY") {
    Some(repository) => repository,
    None => PLACEHOLDER_REPOSITORY,
};

const TEMPLATE: &str = include_str!("pages.yml");

/// The workflow, installing dossier `version` through the action of `repository`.
pub fn pages_workflow(repository: &str, version: &str) -> String {
    TEMPLATE
        .replace("__REPOSITORY__", repository)
        .replace("__VERSION__", version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_names_the_action_and_the_version() {
        let text = pages_workflow("someone/dossier", "1.2.3");
        assert!(text.contains("uses: someone/dossier@v1\n"), "{text}");
        assert!(text.contains("version: \"1.2.3\"\n"), "{text}");
        assert!(!text.contains("__"), "a placeholder is left: {text}");
    }
}
