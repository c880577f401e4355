//! The raw content model: front matter exactly as written, before any id is resolved.
//!
//! No struct here says `deny_unknown_fields`, yet every key without a field is an error:
//! [`super::frontmatter::parse`] reports each one, with a hint, when serde skips its value
//! (`deny_unknown_fields` would stop at the first). Keys under `extra` are free.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use super::frontmatter::Located;

pub use crate::model::Extra;

/// Everything read from `content/`, before resolving.
#[derive(Debug, Default)]
pub struct RawDossier {
    /// `content/_index.md`.
    pub overview: Option<Arc<RawFile<RawOverview>>>,
    /// `content/documents/*`.
    pub documents: Vec<Arc<RawFile<RawDocument>>>,
    /// `content/actors/*.md`.
    pub actors: Vec<Arc<RawFile<RawActor>>>,
    /// `content/events/*.md`.
    pub events: Vec<Arc<RawFile<RawEvent>>>,
    /// Ids of files that could not be parsed: references to them are not reported again.
    pub broken: Vec<String>,
}

/// A parsed content file: where it is, its text, its front matter and where its body starts.
#[derive(Debug, Clone)]
pub struct RawFile<T> {
    /// The id: the file stem.
    pub id: String,
    /// Path relative to the project root, as shown in diagnostics.
    pub path: PathBuf,
    /// The whole file text, shared with the bodies of the resolved model (an `Arc<String>`
    /// rather than `Arc<str>`, so the text read is shared without being copied again).
    pub text: std::sync::Arc<String>,
    /// The body's byte range in `text`.
    pub body: Range<usize>,
    /// The parsed front matter.
    pub front: T,
}

impl<T> RawFile<T> {
    /// The body text.
    pub fn body(&self) -> &str {
        &self.text[self.body.clone()]
    }
}

/// Front matter of `content/_index.md`.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct RawOverview {
    /// Heading of the overview page (the site title when absent).
    pub title: Option<String>,
    /// Free data.
    #[serde(default)]
    pub extra: Extra,
}

/// Where a document came from.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct RawSource {
    /// Who published it.
    pub publisher: Option<String>,
    /// The original title, if it differs.
    pub title: Option<String>,
    /// Where it can be found.
    pub url: Option<Located>,
    /// When it was retrieved (a date).
    pub retrieved: Option<Located>,
    /// The original file, relative to the project root (`originals/<id>.pdf`), as `dossier
    /// import` records it: checked against `sha256` and published by the build.
    pub file: Option<Located>,
    /// The SHA-256 of the original file, in lowercase hex, as `dossier import` records it.
    pub sha256: Option<Located>,
    /// What a reader should know about the original (how it was obtained or made), shown
    /// beside it.
    pub note: Option<String>,
    /// An archived copy of `url` (Wayback Machine or archive.today).
    pub archive: Option<Located>,
    /// More archived copies.
    #[serde(default)]
    pub archives: Vec<Located>,
}

/// Front matter of a source document.
#[derive(Debug, Clone, Deserialize)]
pub struct RawDocument {
    /// Title.
    pub title: Located,
    /// Publication or sending date.
    pub date: Option<Located>,
    /// End of the period it covers.
    pub end: Option<Located>,
    /// Circa date.
    #[serde(default)]
    pub approximate: bool,
    /// Free word: letter, article, …
    pub kind: Option<String>,
    /// BCP 47 language of the text.
    pub lang: Option<Located>,
    /// Actor ids of the authors.
    #[serde(default)]
    pub authors: Vec<Located>,
    /// Actor ids the document concerns.
    #[serde(default)]
    pub actors: Vec<Located>,
    /// Provenance.
    pub source: Option<RawSource>,
    /// Analyst summary.
    pub summary: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Left out of builds unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Plain text shown with the lines of each paragraph joined; `dossier.toml`'s `reflow`
    /// when absent. Markdown joins them anyway.
    pub reflow: Option<bool>,
    /// Events this document evidences.
    #[serde(default)]
    pub events: Vec<RawDocEvent>,
    /// Free data.
    #[serde(default)]
    pub extra: Extra,
}

/// An event declared inside a document, which is its source.
#[derive(Debug, Clone, Deserialize)]
pub struct RawDocEvent {
    /// Explicit id; derived from the title when absent.
    pub id: Option<Located>,
    /// When it happened.
    pub date: Located,
    /// End of a range.
    pub end: Option<Located>,
    /// Circa date.
    #[serde(default)]
    pub approximate: bool,
    /// Title.
    pub title: Located,
    /// Actor ids.
    #[serde(default)]
    pub actors: Vec<Located>,
    /// Where.
    pub place: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The verbatim passage of this document that supports the event.
    pub quote: Located,
    /// Words just before the passage, when the quote alone occurs more than once.
    pub prefix: Option<Located>,
    /// Words just after the passage, likewise.
    pub suffix: Option<Located>,
    /// confirmed | alleged | disputed | denied.
    pub status: Option<Located>,
    /// What this document's passage says of the event: supports | contradicts | denies.
    pub stance: Option<Located>,
    /// The event of the same period this one follows, when its day (or month) is unknown.
    pub after: Option<Located>,
    /// Free data.
    #[serde(default)]
    pub extra: Extra,
}

/// Front matter of an actor.
#[derive(Debug, Clone, Deserialize)]
pub struct RawActor {
    /// Display name (also detected as a mention).
    pub name: Located,
    /// person | organisation | public-body | state | media | other.
    pub kind: Option<Located>,
    /// Other names that count as mentions.
    #[serde(default)]
    pub aliases: Vec<Located>,
    /// ISO country code.
    pub country: Option<String>,
    /// One line for lists.
    pub description: Option<String>,
    /// Links to other actors.
    #[serde(default)]
    pub relations: Vec<RawRelation>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Left out of builds unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free data.
    #[serde(default)]
    pub extra: Extra,
}

/// A labelled link from one actor to another, dated and sourced like an event.
#[derive(Debug, Clone, Deserialize)]
pub struct RawRelation {
    /// The other actor's id.
    pub actor: Located,
    /// What the relation is ("founded by").
    pub label: String,
    /// When it began.
    pub since: Option<Located>,
    /// When it ended.
    pub until: Option<Located>,
    /// The passages that support it (or contradict or deny it, by their `stance`).
    #[serde(default)]
    pub sources: Vec<RawCitation>,
}

/// Front matter of a standalone event.
#[derive(Debug, Clone, Deserialize)]
pub struct RawEvent {
    /// Title.
    pub title: Located,
    /// When it happened.
    pub date: Located,
    /// End of a range.
    pub end: Option<Located>,
    /// Circa date.
    #[serde(default)]
    pub approximate: bool,
    /// Actor ids.
    #[serde(default)]
    pub actors: Vec<Located>,
    /// Where.
    pub place: Option<String>,
    /// The passages that support it (or contradict or deny it, by their `stance`).
    #[serde(default)]
    pub sources: Vec<RawCitation>,
    /// confirmed | alleged | disputed | denied.
    pub status: Option<Located>,
    /// The event of the same period this one follows, when its day (or month) is unknown.
    pub after: Option<Located>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Left out of builds unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free data.
    #[serde(default)]
    pub extra: Extra,
}

/// A passage of a document cited as evidence.
#[derive(Debug, Clone, Deserialize)]
pub struct RawCitation {
    /// The document id.
    pub document: Located,
    /// The verbatim passage.
    pub quote: Located,
    /// Words just before the passage, when the quote alone occurs more than once.
    pub prefix: Option<Located>,
    /// Words just after the passage, likewise.
    pub suffix: Option<Located>,
    /// What the passage says of the event: supports (the default) | contradicts | denies.
    pub stance: Option<Located>,
}
