//! `dossier theme eject [NAME...]`: copies built-in templates and assets into the project,
//! where they override the built-in ones and can be edited.

use std::path::{Path, PathBuf};

use super::write_new;
use crate::Error;
use crate::render::shipped::built_in_files;

/// Copies the built-in files `names` (all of them when empty) into the project at `root`.
/// A name is a project path (`templates/base.html`) or a file name (`base.html`,
/// `i18n/fr.toml`, `style.css`). Nothing is written if a name is unknown or a copy
/// would overwrite a file.
pub fn theme_eject(root: &Path, names: &[String]) -> Result<Vec<PathBuf>, Error> {
    if !root.join(crate::config::SETTINGS_FILE).is_file() {
        return Err(Error::NotADossier(root.to_path_buf()));
    }
    let all: Vec<(String, &str)> = built_in_files().collect();
    let mut chosen: Vec<(PathBuf, String)> = Vec::new();
    if names.is_empty() {
        chosen.extend(all.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())));
    }
    for name in names {
        let name = name.replace('\\', "/");
        let found = all.iter().find(|(path, _)| {
            *path == name || path.split_once('/').is_some_and(|(_, rest)| rest == name)
        });
        let Some((path, text)) = found else {
            // compared with the file names too: `bsae.html` is closer to `base.html`
            let candidates = all.iter().flat_map(|(p, _)| {
                [
                    p.as_str(),
                    p.split_once('/').map_or(p.as_str(), |(_, rest)| rest),
                ]
            });
            let hint = match crate::suggest::closest(&name, candidates) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "the built-in files are {}",
                    all.iter()
                        .map(|(p, _)| p.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err(Error::Scaffold(format!(
                "`{name}` is not a built-in template or asset: {hint}"
            )));
        };
        if !chosen.iter().any(|(p, _)| p == Path::new(path)) {
            chosen.push((PathBuf::from(path), text.to_string()));
        }
    }
    write_new(root, &chosen)
}
