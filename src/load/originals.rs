//! The original files that documents cite (`source.file`): each read once, measured and
//! hashed, in parallel, and read again only when the watcher says it changed.
//!
//! An original lives in the project's `originals/` folder. The path is checked before
//! anything is read, by the same rule as the content's walk: no way out of the folder, and
//! no symbolic link followed, so that no file from outside the project is ever published.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::model::Original;
use rayon::prelude::*;

/// The folder of the originals, beside `content/`; the site publishes them under the same name.
pub const ORIGINALS_DIR: &str = "originals";

/// Why an original could not be read; the resolve stage turns it into a diagnostic at the
/// document's `source.file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// The path breaks the rule for originals (the reason says how).
    Refused(&'static str),
    /// Nothing is at the path; the file of `originals/` spelt most like it, if any.
    Missing(Option<String>),
    /// A symbolic link, which is never followed.
    Link,
    /// A directory or a special file.
    NotAFile,
    /// Reading failed.
    Failed(String),
}

/// An original, or why it could not be read.
pub type Read = Result<Arc<Original>, Unread>;

/// The originals read so far, by the path a document gives (a load's memo).
#[derive(Debug, Default)]
pub struct Originals {
    read: BTreeMap<String, Read>,
}

impl Originals {
    /// Forgets what was read at or under each of the `changed` paths (relative to the root),
    /// so that the next build reads them again.
    pub fn forget(&mut self, changed: &BTreeSet<PathBuf>) {
        self.read
            .retain(|declared, _| !changed.iter().any(|c| Path::new(declared).starts_with(c)));
    }

    /// The originals at the `wanted` paths (as documents give them), reading in parallel
    /// those not read yet, and forgetting those no longer wanted.
    pub fn read(&mut self, root: &Path, wanted: BTreeSet<&str>) -> BTreeMap<String, Read> {
        self.read
            .retain(|declared, _| wanted.contains(declared.as_str()));
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|declared| !self.read.contains_key(*declared))
            .collect();
        let fresh: Vec<(String, Read)> = missing
            .into_par_iter()
            .map(|declared| (declared.to_string(), read_original(root, declared)))
            .collect();
        self.read.extend(fresh);
        self.read.clone()
    }
}

/// The path of an original as a document gives it, if it is one: relative, inside
/// `originals/`, without `.` or `..`.
pub fn original_path(declared: &str) -> Result<PathBuf, &'static str> {
    if declared.contains('\\') {
        return Err("write the path with `/` separators, as in `originals/letter.pdf`");
    }
    // By the text, not `Path::components`, which would quietly drop a `.` or a second `/`.
    let mut parts = declared.split('/');
    if parts.next() != Some(ORIGINALS_DIR) {
        return Err(
            "an original is kept in the project's `originals/` folder: `originals/letter.pdf`",
        );
    }
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() || rest.iter().any(|p| p.is_empty() || *p == "." || *p == "..") {
        return Err("name a file inside `originals/`, without `.` or `..`: `originals/letter.pdf`");
    }
    Ok(PathBuf::from(declared))
}

/// Reads, measures and hashes the original at `declared`, looking at each folder on the
/// way without following links.
fn read_original(root: &Path, declared: &str) -> Read {
    let rel = original_path(declared).map_err(Unread::Refused)?;
    let mut at = root.to_path_buf();
    for (i, part) in rel.components().enumerate() {
        at.push(part);
        let meta = match fs::symlink_metadata(&at) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Unread::Missing(spelt_like(root, declared)));
            }
            Err(e) => return Err(Unread::Failed(e.to_string())),
        };
        let last = i + 1 == rel.components().count();
        if meta.file_type().is_symlink() {
            return Err(Unread::Link);
        }
        if last && !meta.is_file() || !last && !meta.is_dir() {
            return Err(if last {
                Unread::NotAFile
            } else {
                Unread::Missing(spelt_like(root, declared))
            });
        }
    }
    let bytes = fs::read(&at).map_err(|e| Unread::Failed(e.to_string()))?;
    Ok(Arc::new(measure(&rel, &bytes)))
}

/// The file of `originals/` whose path is spelt most like `declared`: a typo's likely fix.
fn spelt_like(root: &Path, declared: &str) -> Option<String> {
    let folder = root.join(ORIGINALS_DIR);
    let files: Vec<String> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some(site_path(e.path().strip_prefix(&folder).ok()?)))
        .map(|path| {
            path.strip_suffix(".txt")
                .map(str::to_string)
                .unwrap_or(path)
        })
        .collect();
    // compared without the folder, whose name every candidate shares
    let name = declared.strip_prefix("originals/").unwrap_or(declared);
    let like = crate::suggest::closest(name, files.iter().map(String::as_str))?;
    Some(format!("{ORIGINALS_DIR}/{like}"))
}

/// What the document page says about the original `bytes`, found at `rel`.
fn measure(rel: &Path, bytes: &[u8]) -> Original {
    let format = format_of(rel, bytes);
    let pages = (format == "PDF")
        .then(|| lopdf::Document::load_metadata_mem(bytes).ok())
        .flatten()
        .map(|meta| meta.page_count)
        .filter(|&count| count > 0);
    Original {
        path: rel.to_path_buf(),
        site_path: site_path(rel),
        size: bytes.len() as u64,
        sha256: crate::hash::sha256_hex(bytes),
        format,
        pages,
    }
}

/// `rel` with `/` separators, as documents write the paths of originals.
fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Extensions of files a browser runs when it opens them: a saved web page may hold scripts.
const ACTIVE: &[&str] = &[
    "htm", "html", "shtml", "xht", "xhtml", "svg", "xml", "mht", "mhtml",
];

/// The path in the site: the same as in the project, with `/` separators; a file a browser
/// would run (a saved web page) gets `.txt` added, so that the site's own origin shows its
/// source instead of running its scripts (the bytes, and so the hash, are the same).
fn site_path(rel: &Path) -> String {
    let path = slash_path(rel);
    let active = rel
        .extension()
        .is_some_and(|e| ACTIVE.contains(&e.to_string_lossy().to_ascii_lowercase().as_str()));
    if active { format!("{path}.txt") } else { path }
}

/// The format's usual name: from the bytes for a PDF (whatever the file is called), else
/// from the extension.
fn format_of(rel: &Path, bytes: &[u8]) -> String {
    if bytes.starts_with(b"%PDF-") {
        return "PDF".into();
    }
    let extension = rel
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    match extension.as_str() {
        "HTM" => "HTML".into(),
        "MD" | "MARKDOWN" => "Markdown".into(),
        "TXT" => "text".into(),
        "" => "file".into(),
        _ => extension,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn originals_are_inside_the_originals_folder() {
        assert!(original_path("originals/letter.pdf").is_ok());
        assert!(original_path("originals/2019/letter.pdf").is_ok());
        for refused in [
            "letter.pdf",
            "content/documents/letter.pdf",
            "/etc/passwd",
            "originals/../dossier.toml",
            "originals/./letter.pdf",
            "originals",
            "originals/",
            "./originals/letter.pdf",
            "originals\\letter.pdf",
        ] {
            assert!(original_path(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn a_pdf_is_known_by_its_bytes_and_other_files_by_their_extension() {
        assert_eq!(
            format_of(Path::new("originals/a.bin"), b"%PDF-1.7\n"),
            "PDF"
        );
        assert_eq!(format_of(Path::new("originals/a.htm"), b"<html>"), "HTML");
        assert_eq!(
            format_of(Path::new("originals/a.docx"), b"PK\x03\x04"),
            "DOCX"
        );
        assert_eq!(format_of(Path::new("originals/a"), b""), "file");
    }

    #[test]
    fn a_saved_web_page_is_published_as_text_never_run() {
        assert_eq!(
            site_path(Path::new("originals/a/page.HTML")),
            "originals/a/page.HTML.txt"
        );
        assert_eq!(
            site_path(Path::new("originals/chart.svg")),
            "originals/chart.svg.txt"
        );
        assert_eq!(
            site_path(Path::new("originals/letter.pdf")),
            "originals/letter.pdf"
        );
    }

    #[test]
    fn the_hash_is_sha256_as_sha256sum_prints_it() {
        assert_eq!(
            crate::hash::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn an_original_is_read_again_only_once_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("originals")).unwrap();
        fs::write(dir.path().join("originals/a.txt"), "one").unwrap();
        let mut originals = Originals::default();
        let wanted = || BTreeSet::from(["originals/a.txt"]);
        let first = originals.read(dir.path(), wanted());
        fs::write(dir.path().join("originals/a.txt"), "two").unwrap();
        assert_eq!(originals.read(dir.path(), wanted()), first);
        originals.forget(&BTreeSet::from([PathBuf::from("originals")]));
        let again = originals.read(dir.path(), wanted());
        assert_eq!(
            again["originals/a.txt"].as_ref().unwrap().sha256,
            crate::hash::sha256_hex(b"two")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("originals")).unwrap();
        fs::write(dir.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), dir.path().join("originals/a"))
            .unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("originals/d")).unwrap();
        assert_eq!(read_original(dir.path(), "originals/a"), Err(Unread::Link));
        assert_eq!(
            read_original(dir.path(), "originals/d/secret"),
            Err(Unread::Link)
        );
        assert_eq!(
            read_original(dir.path(), "originals/b"),
            Err(Unread::Missing(None))
        );
        fs::write(dir.path().join("originals/letter.pdf"), "x").unwrap();
        assert_eq!(
            read_original(dir.path(), "originals/leter.pdf"),
            Err(Unread::Missing(Some("originals/letter.pdf".into())))
        );
    }
}
