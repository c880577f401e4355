//! The GitHub Pages workflow `dossier init` writes (`pages.yml` beside this file): it installs
//! a released dossier through this repository's action (`action.yml` at its root) instead
//! of compiling dossier on every run.

/// The GitHub repository dossier is released from, for builds not told otherwise:
/// `OWNER/dossier` stands for it until it is known. A fork that publishes its own
/// releases sets its repository here (README, "Install").
pub const RELEASED_FROM: &str = "OWNER/dossier";

/// The repository whose action (`OWNER/REPO@v1`) the generated workflow uses: the release
/// workflow sets `DOSSIER_REPOSITORY` to its own repository when it builds the binaries;
/// any other build uses [`RELEASED_FROM`].
pub const ACTION_REPOSITORY: &str = match option_env!("DOSSIER_REPOSITORY") {
    Some(repository) => repository,
    None => RELEASED_FROM,
};

/// True while [`ACTION_REPOSITORY`] is the placeholder, which the generated workflow must
/// not be published with.
pub fn repository_is_placeholder() -> bool {
    ACTION_REPOSITORY.starts_with("OWNER/")
}

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
