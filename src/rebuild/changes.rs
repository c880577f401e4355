//! Classifying file-system events: which stages a batch of changed paths touches.
//!
//! Pure and unit-tested: editors' temporary and backup files are ignored, the output
//! directory never triggers a rebuild, and every path is sorted into settings, templates,
//! static files or content.

use std::path::{Path, PathBuf};

use super::Changes;
use crate::config::SETTINGS_FILE;
use crate::load;

impl Changes {
    /// Sorts the changed `paths` (absolute, or relative to `root`), as a file watcher
    /// reports them, into what a [`Session`](super::Session) applies: paths under `output`
    /// or outside `root`, and editors' temporary and backup files, are left out.
    pub fn classify(
        root: &Path,
        output: &Path,
        paths: impl IntoIterator<Item = PathBuf>,
    ) -> Changes {
        let mut changes = Changes::default();
        for path in paths {
            let rel = match path.strip_prefix(root) {
                Ok(rel) => rel.to_path_buf(),
                Err(_) if path.is_relative() => path.clone(),
                Err(_) => continue,
            };
            if path.starts_with(output)
                || rel.starts_with(output)
                || rel.as_os_str().is_empty()
                || is_ignored(&rel)
            {
                continue;
            }
            let mut parts = rel.components();
            let first = parts
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            let nested = parts.next().is_some();
            match first.as_str() {
                SETTINGS_FILE if !nested => changes.settings = true,
                "templates" => changes.templates = true,
                "static" => {
                    changes.statics.insert(rel);
                }
                "content" => {
                    changes.content.insert(rel);
                }
                crate::load::originals::ORIGINALS_DIR => {
                    changes.originals.insert(rel);
                }
                _ => {}
            }
        }
        changes
    }
}

/// Hidden files and editors' droppings, or anything inside a hidden directory: the load's
/// rule ([`load::is_ignored`]), so that the watcher and the build skip the same files.
fn is_ignored(rel: &Path) -> bool {
    rel.components().any(|c| load::is_ignored(c.as_os_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(paths: &[&str]) -> Changes {
        Changes::classify(
            Path::new("/p"),
            Path::new("/p/site"),
            paths.iter().map(|p| PathBuf::from(format!("/p/{p}"))),
        )
    }

    #[test]
    fn a_document_edit_is_a_content_change() {
        let c = changes(&["content/documents/a.md"]);
        assert_eq!(
            c.content.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("content/documents/a.md")]
        );
        assert!(!c.settings && !c.templates && c.statics.is_empty());
    }

    #[test]
    fn settings_templates_and_static_are_told_apart() {
        let c = changes(&["dossier.toml", "templates/base.html", "static/img/x.png"]);
        assert!(c.settings && c.templates);
        assert_eq!(
            c.statics.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("static/img/x.png")]
        );
    }

    #[test]
    fn an_original_replaced_is_an_originals_change() {
        let c = changes(&["originals/letter.pdf", "originals/.letter.pdf.swp"]);
        assert_eq!(
            c.originals.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("originals/letter.pdf")]
        );
        assert!(c.content.is_empty());
    }

    #[test]
    fn editor_droppings_and_the_output_are_ignored() {
        let c = changes(&[
            "content/documents/.a.md.swp",
            "content/documents/a.md~",
            "content/documents/4913",
            "content/actors/#x.md#",
            "content/actors/x.md.bak",
            "static/.x.css.swo",
            "content/.git/index",
            "site/index.html",
            "target/debug/x",
            "README.md",
        ]);
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn a_save_by_rename_keeps_the_real_file() {
        let c = changes(&["content/documents/.a.md.tmp-123", "content/documents/a.md"]);
        assert_eq!(c.content.len(), 1);
    }

    #[test]
    fn paths_outside_the_root_are_ignored() {
        let c = Changes::classify(
            Path::new("/p"),
            Path::new("/tmp/out"),
            [
                PathBuf::from("/elsewhere/content/a.md"),
                PathBuf::from("/tmp/out/x"),
            ],
        );
        assert!(c.is_empty());
    }
}
