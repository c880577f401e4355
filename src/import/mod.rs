//! `dossier import`: source files (PDF, saved web pages, DOCX, text, Markdown) turned into
//! documents, their originals kept byte for byte and hashed.
//!
//! Each file goes through four steps, and a file that fails stops only itself:
//! 1. its format's extractor ([`pdf`], [`html`], [`docx`], [`text`]) reads the text and what
//!    the file says about itself, an [`Extracted`], never panicking on a hostile file;
//! 2. [`detect`] finds the language of the text and the actors it names;
//! 3. [`document`] writes the front matter through the `toml` serializer and checks that the
//!    result loads as a dossier document, exactly as the build will read it;
//! 4. the original goes to `originals/<id>.<ext>` and the document to
//!    `content/documents/<id>.txt` (`.md` for Markdown), neither ever over an existing file.

mod detect;
mod document;
mod docx;
mod html;
mod pdf;
mod text;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

pub use detect::Language;

/// What `dossier import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The project root (holds `dossier.toml`).
    pub root: PathBuf,
    /// The files to import, as given.
    pub files: Vec<PathBuf>,
    /// The id of the document, for a single file (a slug of the title when absent).
    pub id: Option<String>,
    /// The document's kind (what the file suggests when absent).
    pub kind: Option<String>,
    /// The language of the text (detected when absent).
    pub lang: Option<String>,
    /// Write `reflow = true`: the text's hard-wrapped lines are joined for display.
    pub reflow: bool,
}

/// What happened to one file.
#[derive(Debug)]
pub struct FileReport {
    /// The file as given on the command line.
    pub file: PathBuf,
    /// The document made of it, or why there is none.
    pub result: Result<Imported, Failure>,
}

/// A document imported from a file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Its id.
    pub id: String,
    /// The document written, relative to the root.
    pub document: PathBuf,
    /// The copy of the original, relative to the root.
    pub original: PathBuf,
    /// How many pages the original has (PDF only).
    pub pages: Option<usize>,
    /// How many words its text has.
    pub words: usize,
    /// The language written in the front matter, and whether it was detected.
    pub lang: Option<Language>,
    /// The ids of the actors named in the text.
    pub actors: Vec<String>,
}

/// Why a file was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// It cannot be read as its format: missing, encrypted, image-only, corrupt, unknown type.
    Unreadable(String),
    /// Importing it would overwrite a document or an original; nothing was written for it.
    Refused(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unreadable(why) | Failure::Refused(why) => f.write_str(why),
        }
    }
}

/// What a format's extractor found in a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Extracted {
    /// The text, verbatim; PDF pages separated by form feeds.
    pub text: String,
    /// The title the file gives itself.
    pub title: Option<String>,
    /// Its date as written, at the precision found (`2018`, `2018-12`, `2018-12-07`).
    pub date: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// A kind the file declares (a web page's `og:type` of `article`).
    pub kind: Option<String>,
    /// How many pages it has, for paged formats.
    pub pages: Option<usize>,
}

/// The formats `import` reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileType {
    Pdf,
    Html,
    Docx,
    Text,
    Markdown,
}

impl FileType {
    fn of(path: &Path) -> Option<FileType> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => FileType::Pdf,
            "html" | "htm" | "xhtml" => FileType::Html,
            "docx" => FileType::Docx,
            "txt" | "text" => FileType::Text,
            "md" | "markdown" => FileType::Markdown,
            _ => return None,
        })
    }

    /// The extension of the document written: Markdown stays Markdown, the rest is text.
    fn document_extension(self) -> &'static str {
        match self {
            FileType::Markdown => "md",
            _ => "txt",
        }
    }

    fn extract(self, bytes: &[u8]) -> Result<Extracted, String> {
        match self {
            FileType::Pdf => pdf::extract(bytes),
            FileType::Html => html::extract(bytes),
            FileType::Docx => docx::extract(bytes),
            FileType::Text => text::extract(bytes, false),
            FileType::Markdown => text::extract(bytes, true),
        }
    }
}

/// The longest id made from a title: long enough to tell documents apart, short enough for
/// a URL and a file name.
const MAX_ID_LEN: usize = 60;

/// Imports every file of `options`, each on its own: one that fails leaves the others be.
/// An error is returned only when nothing can be imported (no dossier, a bad option).
pub fn import(options: &ImportOptions) -> Result<Vec<FileReport>, Error> {
    let root = &options.root;
    if !root.join(crate::config::SETTINGS_FILE).is_file() {
        return Err(Error::NotADossier(root.clone()));
    }
    check_options(options)?;
    let actors = detect::Actors::load(root);
    Ok(options
        .files
        .iter()
        .map(|file| FileReport {
            file: file.clone(),
            result: import_file(options, &actors, file),
        })
        .collect())
}

/// Refuses options that cannot apply: `--id` for several files, an id or language tag that
/// the build would reject.
fn check_options(options: &ImportOptions) -> Result<(), Error> {
    if let Some(id) = &options.id {
        if options.files.len() > 1 {
            return Err(Error::Usage(format!(
                "--id names one document, but {} files were given: import them one at a time to choose their ids, or leave --id out",
                options.files.len()
            )));
        }
        if !is_id(id) {
            let slug = crate::slug::slugify(id);
            let example = if slug.is_empty() {
                "my-document"
            } else {
                &slug
            };
            return Err(Error::Usage(format!(
                "--id `{id}` cannot be an id: use lowercase letters, digits, `-` and `_` (for example `{example}`)"
            )));
        }
    }
    if let Some(lang) = &options.lang
        && !crate::resolve::is_language_tag(lang)
    {
        return Err(Error::Usage(format!(
            "--lang `{lang}` is not a language tag: use a BCP 47 tag such as `en`, `fr` or `pt-BR`"
        )));
    }
    if options.kind.as_deref().is_some_and(|k| k.trim().is_empty()) {
        return Err(Error::Usage(
            "--kind is empty: give a word such as `letter` or `report`, or leave it out".into(),
        ));
    }
    Ok(())
}

/// The rule the build applies to file stems (`load::check_id`).
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn import_file(
    options: &ImportOptions,
    actors: &detect::Actors,
    file: &Path,
) -> Result<Imported, Failure> {
    let shown = file.display();
    let format = FileType::of(file).ok_or_else(|| {
        Failure::Unreadable(format!(
            "{shown}: not a format dossier imports (.pdf, .html or .htm, .docx, .txt, .md)"
        ))
    })?;
    let bytes =
        fs::read(file).map_err(|e| Failure::Unreadable(format!("{shown}: cannot read it: {e}")))?;
    let extracted = extract_guarded(format, &bytes)
        .map_err(|why| Failure::Unreadable(format!("{shown}: {why}")))?;
    let words = extracted.text.split_whitespace().count();
    if words == 0 {
        return Err(Failure::Unreadable(format!(
            "{shown}: {}",
            empty_text(format)
        )));
    }
    let title = extracted
        .title
        .clone()
        .unwrap_or_else(|| title_from_name(file));
    let id = match &options.id {
        Some(id) => id.clone(),
        None => default_id(&title, file),
    };
    let original_ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map_or_else(String::new, str::to_ascii_lowercase);
    let original = PathBuf::from("originals").join(format!("{id}.{original_ext}"));
    let document =
        PathBuf::from("content/documents").join(format!("{id}.{}", format.document_extension()));
    refuse_overwrite(&options.root, &id, &[&document, &original], file)?;

    let lang = match &options.lang {
        Some(tag) => Some(Language::given(tag)),
        None => detect::language(&extracted.text),
    };
    let named = actors.named_in(&extracted.text);
    let sha256 = crate::hash::sha256_hex(&bytes);
    let fields = document::Fields {
        extracted: &extracted,
        title: &title,
        kind: options.kind.as_deref(),
        lang: lang.as_ref(),
        reflow: options.reflow,
        original: &original,
        sha256: &sha256,
        actors: &named,
    };
    let text = document::write(&fields, &document)
        .map_err(|why| Failure::Unreadable(format!("{shown}: {why}")))?;
    write_both(
        &options.root,
        (&original, &bytes),
        (&document, text.as_bytes()),
    )
    .map_err(|why| Failure::Unreadable(format!("{shown}: {why}")))?;
    Ok(Imported {
        id,
        document,
        original,
        pages: extracted.pages,
        words,
        lang,
        actors: named.into_iter().map(|a| a.id).collect(),
    })
}

/// Runs an extractor, turning a panic into an error. The parsers are hardened against
/// hostile files (lopdf bounds decompression and rebuilds broken cross-references), but a
/// panic deep in a crate must still cost only this file, never the other files of the run.
fn extract_guarded(format: FileType, bytes: &[u8]) -> Result<Extracted, String> {
    std::panic::catch_unwind(|| format.extract(bytes)).unwrap_or_else(|_| {
        Err("the file is damaged or uses a construct the reader does not handle (its parser stopped); open it and save or print it again as a new file".into())
    })
}

/// Why a file without words cannot be a document, by format.
fn empty_text(format: FileType) -> &'static str {
    match format {
        FileType::Pdf => {
            "this PDF has no text layer: it is a scan or holds only images; run OCR on it (for example `ocrmypdf in.pdf out.pdf`) and import the result"
        }
        FileType::Html => "no article text was found in this page",
        FileType::Docx => "this Word file has no text",
        FileType::Text | FileType::Markdown => "this file is empty",
    }
}

/// A title for a file that gives none: its name, `-` and `_` read as spaces.
fn title_from_name(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    one_line(&stem).unwrap_or_else(|| "Untitled document".to_string())
}

/// A slug of the title, or of the file name when the title has no Latin letter or digit.
fn default_id(title: &str, file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    std::iter::once(title.to_string())
        .chain(stem)
        .map(|t| shorten_slug(&crate::slug::slugify(&t)))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "document".to_string())
}

/// Cuts a slug at a hyphen before [`MAX_ID_LEN`].
fn shorten_slug(slug: &str) -> String {
    if slug.len() <= MAX_ID_LEN {
        return slug.to_string();
    }
    // slugs are ASCII: any byte index is a character boundary
    let cut = &slug[..MAX_ID_LEN];
    cut.rfind('-')
        .map_or(cut, |at| &cut[..at])
        .trim_end_matches('-')
        .to_string()
}

/// Refuses an id that a content file already has, or a document or original already there.
fn refuse_overwrite(root: &Path, id: &str, paths: &[&Path], file: &Path) -> Result<(), Failure> {
    let taken = paths
        .iter()
        .map(|p| p.to_path_buf())
        .chain(
            [
                "documents/{}.md",
                "documents/{}.txt",
                "actors/{}.md",
                "events/{}.md",
            ]
            .iter()
            .map(|pattern| PathBuf::from("content").join(pattern.replace("{}", id))),
        )
        .find(|rel| fs::symlink_metadata(root.join(rel)).is_ok());
    match taken {
        Some(rel) => Err(Failure::Refused(format!(
            "{}: refusing to overwrite {}: the id `{id}` is taken; nothing was written for this file (choose another id with --id)",
            file.display(),
            rel.display()
        ))),
        None => Ok(()),
    }
}

/// Writes the original, then the document, each created anew (never opened over another
/// file); if the document cannot be written, the original written for it is removed.
fn write_both(
    root: &Path,
    original: (&Path, &[u8]),
    document: (&Path, &[u8]),
) -> Result<(), String> {
    create_new(root, original.0, original.1)?;
    create_new(root, document.0, document.1).inspect_err(|_| {
        let _ = fs::remove_file(root.join(original.0));
    })
}

fn create_new(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), String> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut out = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", rel.display()))?;
    out.write_all(bytes)
        .and_then(|()| out.sync_all())
        .map_err(|e| {
            drop(fs::remove_file(&path));
            format!("cannot write {}: {e}", rel.display())
        })
}

/// Keeps the date prefix of an ISO 8601 date or datetime at the precision it has:
/// `2018-12-07T14:05:00+01:00` → `2018-12-07`, `2018-12` → `2018-12`, `2018` → `2018`.
/// The date is the one written, in the publisher's time zone: converting it to UTC could
/// move an evening's article to the next day.
pub(crate) fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let candidates = [10, 7, 4];
    candidates.into_iter().find_map(|len| {
        let head = text.get(..len)?;
        let rest = &text[len..];
        // a longer form must not be cut in a number: `2018-1` is no month
        let ends_cleanly = rest.is_empty()
            || match len {
                10 => rest.starts_with(['T', 't', ' ']),
                _ => {
                    rest.starts_with(['T', 't', ' ', 'Z'])
                        || !rest.starts_with(|c: char| c.is_ascii_digit() || c == '-')
                }
            };
        (ends_cleanly && crate::date::PartialDate::parse(head).is_ok()).then(|| head.to_string())
    })
}

/// Text as one line with single spaces, or `None` when blank: titles and names come from
/// metadata that may hold line breaks, tabs or runs of spaces.
pub(crate) fn one_line(text: &str) -> Option<String> {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

#[cfg(test)]
mod tests;
