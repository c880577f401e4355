//! Stage 1, load: walk `content/`, read each file, split and parse its front matter.
//!
//! Files are read and parsed in parallel; every problem becomes a diagnostic and loading
//! goes on, so that one run reports the mistakes of every file.

mod content;
pub mod frontmatter;
pub mod originals;
pub mod raw;
mod settings;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs::{self, FileType};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::Error;
use crate::config::{self, BuildOptions, Settings};
use crate::diagnostic::Diagnostic;
pub use content::Content;
pub use originals::Originals;
use raw::{RawDossier, RawFile};

/// What loading produced: settings, raw content, and the problems found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// `dossier.toml` (defaults where it was invalid).
    pub settings: Settings,
    /// The parsed content files.
    pub raw: RawDossier,
    /// The originals the documents cite, by the path they give.
    pub originals: BTreeMap<String, originals::Read>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which part of `content/` a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `content/_index.md`.
    Overview,
    /// `content/documents/`.
    Documents,
    /// `content/actors/`.
    Actors,
    /// `content/events/`.
    Events,
}

/// Loads the settings, the content files of the project at `options.root` and the
/// originals they cite: all of them the first time `content` and `originals` are used, then
/// only those that edits named ([`Content::update`], [`Originals::forget`]).
pub fn load(
    options: &BuildOptions,
    content: &mut Content,
    originals: &mut Originals,
) -> Result<Loaded, Error> {
    let (settings, mut diagnostics) = load_settings(options)?;
    content.read_all(&options.root);
    let (raw, mut problems) = assemble(content.files(), options.drafts);
    diagnostics.append(&mut problems);
    diagnostics.extend(content.skipped().cloned());
    let cited = raw
        .documents
        .iter()
        .filter_map(|d| d.front.source.as_ref()?.file.as_ref())
        .map(|file| file.as_str());
    let originals = originals.read(&options.root, cited.collect());
    Ok(Loaded {
        settings,
        raw,
        originals,
        diagnostics,
    })
}

/// Reads `dossier.toml` (defaults where it is invalid, with the problem) and applies the
/// command-line overrides.
pub fn load_settings(options: &BuildOptions) -> Result<(Settings, Vec<Diagnostic>), Error> {
    let root = &options.root;
    if !root.join(config::SETTINGS_FILE).is_file() {
        return Err(Error::NotADossier(root.to_path_buf()));
    }
    let mut diagnostics = Vec::new();
    let parsed = read_text(root, Path::new(config::SETTINGS_FILE))
        .map_err(|d| vec![d])
        .and_then(|text| settings::parse(Path::new(config::SETTINGS_FILE), &text));
    let mut settings = parsed.unwrap_or_else(|problems| {
        diagnostics.extend(problems);
        Settings::default()
    });
    if let Some(url) = &options.base_url {
        config::base_path(url).map_err(Error::Usage)?;
        settings.base_url = url.clone();
    }
    Ok((settings, diagnostics))
}

/// The content files under `root/dir` (relative to `root`) in path order, and warnings for
/// strays.
pub fn walk(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, mut diagnostics) = (Vec::new(), Vec::new());
    for entry in entries(root, dir) {
        match entry {
            Ok(rel) => files.push(rel),
            Err(problem) => diagnostics.push(problem),
        }
    }
    files.sort_unstable_by(|a, b| path_order(a, b));
    (files, diagnostics)
}

/// The order of content files: by their paths' bytes, which is the same for every build.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    a.as_os_str()
        .as_encoded_bytes()
        .cmp(b.as_os_str().as_encoded_bytes())
}

/// The content files under `root/dir` (relative to `root`), and a problem for each stray,
/// symbolic link or unreadable entry, in the order the file system gives them.
fn entries(root: &Path, dir: &Path) -> impl Iterator<Item = Result<PathBuf, Diagnostic>> {
    // Links are not followed (walkdir's default), except `root/dir` itself, as a walk's root.
    let walker = WalkDir::new(root.join(dir)).into_iter();
    walker
        .filter_entry(|e| !is_ignored(e.file_name()))
        .filter_map(move |walked| match walked {
            Ok(e) => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                match entry(e.file_name(), e.file_type()) {
                    Entry::File => Some(match classify(&rel) {
                        Some(_) => Ok(rel),
                        None => Err(stray(&rel)),
                    }),
                    Entry::Link => Some(Err(link(&rel))),
                    Entry::Dir | Entry::Ignored => None,
                }
            }
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                Some(Err(Diagnostic::error(
                    &rel,
                    0..0,
                    format!("cannot read: {e}"),
                    "check the file's permissions",
                )))
            }
        })
}

/// What the load makes of an entry of `content/`. This is the one rule deciding which files
/// a dossier is made of: the build's walk applies it to every entry it finds and rebuilds to
/// every changed path ([`locate`]), so `build` and `serve` read exactly the same files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A regular file: read, as content or as a stray.
    File,
    /// A directory: walked.
    Dir,
    /// A symbolic link: never followed, so that no file from outside the project is
    /// published; skipped with a warning ([`link`]).
    Link,
    /// Hidden files, editors' droppings ([`is_ignored`]), and entries that are neither files
    /// nor directories: skipped silently.
    Ignored,
}

/// The [`Entry`] for an entry named `name` whose own type (links not followed) is `file_type`.
pub fn entry(name: &OsStr, file_type: FileType) -> Entry {
    if is_ignored(name) {
        Entry::Ignored
    } else if file_type.is_symlink() {
        Entry::Link
    } else if file_type.is_dir() {
        Entry::Dir
    } else if file_type.is_file() {
        Entry::File
    } else {
        Entry::Ignored
    }
}

/// What is at `rel` (relative to `root`, under `content/`), as the walk would find it:
/// each directory on the way is looked at without following links, and a path through a
/// link or an ignored directory is that directory's entry. Returns the path the entry is
/// about (`rel`, or the directory on the way) with the entry; `None` when nothing is there.
pub fn locate(root: &Path, rel: &Path) -> Option<(PathBuf, Entry)> {
    let mut at = PathBuf::new();
    let mut parts = rel.components().peekable();
    while let Some(part) = parts.next() {
        // `content/` itself is followed, as every walk follows its root.
        let follow = at.as_os_str().is_empty();
        at.push(part);
        let path = root.join(&at);
        let meta = if follow {
            fs::metadata(&path)
        } else {
            fs::symlink_metadata(&path)
        };
        match entry(part.as_os_str(), meta.ok()?.file_type()) {
            Entry::Dir => {}
            Entry::File if parts.peek().is_none() => return Some((at, Entry::File)),
            Entry::File => return None,
            decided => return Some((at, decided)),
        }
    }
    Some((at, Entry::Dir))
}

/// The warning for a file in `content/` that is not part of the dossier.
pub fn stray(rel: &Path) -> Diagnostic {
    Diagnostic::warning(
        rel,
        0..0,
        "this file is not part of the dossier and is ignored",
        "documents go in content/documents/ (.md or .txt), actors in content/actors/ and events in content/events/ (.md)",
    )
}

/// The warning for a symbolic link in `content/`, which is never followed.
pub fn link(rel: &Path) -> Diagnostic {
    Diagnostic::warning(
        rel,
        0..0,
        format!("skipped a symbolic link: {}", rel.display()),
        "dossier only reads regular files inside the project: copy the file here instead of linking to it",
    )
}

/// One content file, parsed or not.
pub type Loading = Result<Parsed, Broken>;

/// A content file that could not be parsed: its id (so references to it are not reported
/// again) and why.
#[derive(Debug, Clone)]
pub struct Broken {
    /// The file stem.
    pub id: Option<String>,
    /// The problems (front matter may have several unknown keys).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses one content file (`rel` relative to `root`, under `content/`).
pub fn load_file(root: &Path, rel: &Path) -> Loading {
    let broken = |diagnostics| Broken {
        id: rel.file_stem().and_then(|s| s.to_str()).map(String::from),
        diagnostics,
    };
    match classify(rel) {
        Some(section) => parse_file(root, rel, section).map_err(broken),
        None => Err(broken(vec![stray(rel)])),
    }
}

/// Puts parsed files together, leaving drafts out unless `drafts`.
pub fn assemble<'a>(
    files: impl Iterator<Item = &'a Loading>,
    drafts: bool,
) -> (RawDossier, Vec<Diagnostic>) {
    let mut raw = RawDossier::default();
    let mut diagnostics = Vec::new();
    for file in files {
        match file {
            Ok(Parsed::Overview(f)) => raw.overview = Some(f.clone()),
            Ok(Parsed::Document(f)) if drafts || !f.front.draft => raw.documents.push(f.clone()),
            Ok(Parsed::Actor(f)) if drafts || !f.front.draft => raw.actors.push(f.clone()),
            Ok(Parsed::Event(f)) if drafts || !f.front.draft => raw.events.push(f.clone()),
            Ok(_) => {}
            Err(b) => {
                raw.broken.extend(b.id.clone());
                diagnostics.extend(b.diagnostics.iter().cloned());
            }
        }
    }
    (raw, diagnostics)
}

/// A parsed content file, shared cheaply between builds.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// `content/_index.md`.
    Overview(Arc<RawFile<raw::RawOverview>>),
    /// A document.
    Document(Arc<RawFile<raw::RawDocument>>),
    /// An actor.
    Actor(Arc<RawFile<raw::RawActor>>),
    /// A standalone event.
    Event(Arc<RawFile<raw::RawEvent>>),
}

/// Hidden files and editors' swap, backup, lock and autosave files: never content, and
/// never a reason to rebuild. The one list, for the walk, the watcher and the theme.
pub fn is_ignored(name: &OsStr) -> bool {
    const DROPPINGS: [&str; 6] = [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap"];
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || DROPPINGS.iter().any(|suffix| name.ends_with(suffix))
        // vim's probe of whether it may write in a directory
        || name == "4913"
        // Emacs' autosave files
        || name.starts_with('#') && name.ends_with('#')
}

/// Which section of `content/` a file (relative to the root) belongs to, if any.
pub fn section_of(rel: &Path) -> Option<Section> {
    classify(rel)
}

fn classify(rel: &Path) -> Option<Section> {
    let mut parts = rel.components().skip(1);
    let first = parts.next()?.as_os_str().to_str()?;
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    let nested = parts.next().is_some();
    match (first, ext) {
        ("_index.md", _) if !nested => Some(Section::Overview),
        ("documents", "md" | "txt") if nested => Some(Section::Documents),
        ("actors", "md") if nested => Some(Section::Actors),
        ("events", "md") if nested => Some(Section::Events),
        _ => None,
    }
}

fn parse_file(root: &Path, rel: &Path, section: Section) -> Result<Parsed, Vec<Diagnostic>> {
    let text = read_text(root, rel).map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            rel,
            0..0,
            "this file is empty",
            "add front matter between `+++` lines and a body, or delete the file",
        )]);
    }
    let id = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    check_id(rel, &id).map_err(|d| vec![d])?;
    Ok(match section {
        Section::Overview => {
            Parsed::Overview(Arc::new(file(rel, id, text, "overview front matter")?))
        }
        Section::Documents => {
            Parsed::Document(Arc::new(file(rel, id, text, "document front matter")?))
        }
        Section::Actors => Parsed::Actor(Arc::new(file(rel, id, text, "actor front matter")?)),
        Section::Events => Parsed::Event(Arc::new(file(rel, id, text, "event front matter")?)),
    })
}

fn file<T: DeserializeOwned>(
    rel: &Path,
    id: String,
    text: String,
    what: &str,
) -> Result<RawFile<T>, Vec<Diagnostic>> {
    let split = frontmatter::split(rel, &text).map_err(|d| vec![d])?;
    let front = frontmatter::parse(rel, &text, &split, what)?;
    Ok(RawFile {
        id,
        path: rel.to_path_buf(),
        body: split.body,
        text: Arc::new(text),
        front,
    })
}

/// Ids become URLs: keep them to lowercase letters, digits, `-` and `_`.
fn check_id(rel: &Path, id: &str) -> Result<(), Diagnostic> {
    if id == "_index"
        || (!id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'))
    {
        return Ok(());
    }
    Err(Diagnostic::error(
        rel,
        0..0,
        format!("`{id}` cannot be an id: the file name becomes a URL"),
        format!(
            "rename the file to `{}` (lowercase letters, digits, `-` and `_`)",
            crate::slug::slugify(id)
        ),
    ))
}

/// Reads a file as UTF-8; a diagnostic points at the first byte that is not.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        Diagnostic::error(
            rel,
            0..0,
            format!("cannot read this file: {e}"),
            "check that it exists and is readable",
        )
    })?;
    // Validated with SIMD first: every content file passes through here, and std's check
    // slows down on text with accents. Only a failure asks std where the bad byte is.
    // `String::from_utf8` alone makes load take 13 % more instructions and 11 % more time
    // at 1,000 documents (benches/stages.rs load, 2026-12-06; bench/README.md).
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just checked to be valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Diagnostic::error(
            rel,
            at..at + 1,
            "this file is not valid UTF-8",
            "save it as UTF-8 (most editors offer this under \"Save with encoding\")",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_droppings_and_hidden_files_are_ignored() {
        for name in [".a.md.swp", "a.md~", "a.md.bak", "4913", "#a.md#", ".git"] {
            assert!(is_ignored(OsStr::new(name)), "{name}");
        }
        for name in ["a.md", "notes.txt", "4913.md", "#tag.md"] {
            assert!(!is_ignored(OsStr::new(name)), "{name}");
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_path_through_a_link_is_that_link() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let documents = root.join("content/documents");
        fs::create_dir_all(documents.join("real")).unwrap();
        fs::create_dir_all(root.join("outside")).unwrap();
        fs::write(documents.join("real/a.md"), "text").unwrap();
        fs::write(root.join("outside/b.md"), "text").unwrap();
        std::os::unix::fs::symlink(root.join("outside"), documents.join("linked")).unwrap();
        std::os::unix::fs::symlink(root.join("outside/b.md"), documents.join("b.md")).unwrap();
        let at = |rel: &str| locate(root, Path::new(rel));
        let found = |rel: &str, entry| Some((PathBuf::from(rel), entry));
        let a = "content/documents/real/a.md";
        assert_eq!(at(a), found(a, Entry::File));
        assert_eq!(
            at("content/documents/real"),
            found("content/documents/real", Entry::Dir)
        );
        let linked = "content/documents/linked";
        assert_eq!(at(linked), found(linked, Entry::Link));
        assert_eq!(
            at("content/documents/linked/b.md"),
            found(linked, Entry::Link)
        );
        let b = "content/documents/b.md";
        assert_eq!(at(b), found(b, Entry::Link));
        assert_eq!(at("content/documents/gone.md"), None);
        assert_eq!(at("content/documents/real/a.md/x"), None);
    }
}
