//! Stage 1, load: walk `content/`, read each file, split and parse its front matter.
//!
//! Files are read and parsed in parallel; every problem becomes a diagnostic and loading
//! goes on, so that one run reports the mistakes of every file.

pub mod frontmatter;
pub mod raw;

use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::Error;
use crate::config::{self, BuildOptions, Settings};
use crate::diagnostic::Diagnostic;
use raw::{RawDossier, RawFile};

/// What loading produced: settings, raw content, and the problems found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// `dossier.toml` (defaults where it was invalid).
    pub settings: Settings,
    /// The parsed content files.
    pub raw: RawDossier,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which part of `content/` a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    Documents,
    Actors,
    Events,
}

/// Loads the settings and every content file of the project at `options.root`.
pub fn load(options: &BuildOptions) -> Result<Loaded, Error> {
    let root = &options.root;
    let settings_path = root.join(config::SETTINGS_FILE);
    if !settings_path.is_file() {
        return Err(Error::NotADossier(root.to_path_buf()));
    }
    let mut diagnostics = Vec::new();
    let settings = match read_text(root, Path::new(config::SETTINGS_FILE)) {
        Ok(text) => {
            let languages = crate::render::theme::languages(root);
            let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
            config::parse(Path::new(config::SETTINGS_FILE), &text, &languages)
        }
        Err(d) => Err(d),
    };
    let mut settings = settings.unwrap_or_else(|d| {
        diagnostics.push(d);
        Settings::default()
    });
    if let Some(url) = &options.base_url {
        settings.base_url = url.clone();
    }
    let (raw, mut found) = load_content(root, options.drafts);
    diagnostics.append(&mut found);
    Ok(Loaded {
        settings,
        raw,
        diagnostics,
    })
}

/// Walks and parses `root/content`, returning the raw dossier and the problems found.
pub fn load_content(root: &Path, drafts: bool) -> (RawDossier, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for entry in WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored(e.file_name()))
    {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                match classify(&rel) {
                    Some(section) => files.push((rel, section)),
                    None => diagnostics.push(Diagnostic::warning(
                        &rel,
                        0..0,
                        "this file is not part of the dossier and is ignored",
                        "documents go in content/documents/ (.md or .txt), actors in content/actors/ and events in content/events/ (.md)",
                    )),
                }
            }
            Ok(_) => {}
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                diagnostics.push(Diagnostic::error(
                    &rel,
                    0..0,
                    format!("cannot read: {e}"),
                    "check the file's permissions",
                ));
            }
        }
    }
    let parsed: Vec<Result<Parsed, (Option<String>, Diagnostic)>> = files
        .par_iter()
        .map(|(rel, section)| {
            parse_file(root, rel, *section).map_err(|d| {
                (
                    rel.file_stem().and_then(|s| s.to_str()).map(String::from),
                    d,
                )
            })
        })
        .collect();
    let mut raw = RawDossier::default();
    for result in parsed {
        match result {
            Ok(Parsed::Overview(f)) => raw.overview = Some(f),
            Ok(Parsed::Document(f)) if drafts || !f.front.draft => raw.documents.push(f),
            Ok(Parsed::Actor(f)) if drafts || !f.front.draft => raw.actors.push(f),
            Ok(Parsed::Event(f)) if drafts || !f.front.draft => raw.events.push(f),
            Ok(_) => {}
            Err((id, d)) => {
                raw.broken.extend(id);
                diagnostics.push(d);
            }
        }
    }
    (raw, diagnostics)
}

enum Parsed {
    Overview(RawFile<raw::RawOverview>),
    Document(RawFile<raw::RawDocument>),
    Actor(RawFile<raw::RawActor>),
    Event(RawFile<raw::RawEvent>),
}

/// Hidden files and editor droppings (`.#x`, `x~`, `x.swp`) are never content.
fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
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

fn parse_file(root: &Path, rel: &Path, section: Section) -> Result<Parsed, Diagnostic> {
    let text = read_text(root, rel)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            rel,
            0..0,
            "this file is empty",
            "add front matter between `+++` lines and a body, or delete the file",
        ));
    }
    let id = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    check_id(rel, &id)?;
    Ok(match section {
        Section::Overview => Parsed::Overview(file(rel, id, text, "overview front matter")?),
        Section::Documents => Parsed::Document(file(rel, id, text, "document front matter")?),
        Section::Actors => Parsed::Actor(file(rel, id, text, "actor front matter")?),
        Section::Events => Parsed::Event(file(rel, id, text, "event front matter")?),
    })
}

fn file<T: DeserializeOwned>(
    rel: &Path,
    id: String,
    text: String,
    what: &str,
) -> Result<RawFile<T>, Diagnostic> {
    let split = frontmatter::split(rel, &text)?;
    let front = frontmatter::parse(rel, &text, &split, what)?;
    Ok(RawFile {
        id,
        path: rel.to_path_buf(),
        body: split.body,
        text,
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
