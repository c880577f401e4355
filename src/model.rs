//! The resolved dossier: every id checked, every quote located, every mention found.
//!
//! Produced once by `resolve` and read-only afterwards. Cross-references are typed
//! indices into the dossier's vectors, never pointers or paths.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Settings;
use crate::date::{PartialDate, When};

/// Free data under `extra`, passed to templates untouched.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Where a document comes from, as checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Who published it.
    pub publisher: Option<String>,
    /// The original title, if it differs.
    pub title: Option<String>,
    /// Where it can be found (a web address).
    pub url: Option<String>,
    /// When it was retrieved.
    pub retrieved: Option<crate::date::PartialDate>,
    /// The original file, its hash checked.
    pub original: Option<Arc<Original>>,
    /// What a reader should know about the original (how it was obtained or made).
    pub note: Option<String>,
    /// Archived copies of `url`, as listed.
    pub archives: Vec<Archive>,
}

/// An original file as the build read it: what the document page says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// Where it is, relative to the project root (`originals/letter.pdf`).
    pub path: PathBuf,
    /// Its path in the site, with `/` separators (`originals/letter.pdf`).
    pub site_path: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, in lowercase hexadecimal (as `sha256sum` prints it).
    pub sha256: String,
    /// The file format as a reader calls it (`PDF`, `HTML`, `DOCX`).
    pub format: String,
    /// The number of pages of a PDF.
    pub pages: Option<u32>,
}

/// An archived copy of a source's web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    /// The copy's address.
    pub url: String,
    /// The archive that holds it (`Wayback Machine`, `archive.today`).
    pub service: &'static str,
    /// When the copy was made (read from the address), to the second.
    pub captured: crate::date::PartialDate,
    /// The capture time as the address gives it, ISO 8601 (`2019-01-15T09:30:00Z`), for
    /// Robust Links' `data-versiondate`.
    pub captured_at: String,
}

/// Index of a document in [`Dossier::documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub usize);
/// Index of an actor in [`Dossier::actors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub usize);
/// Index of an event in [`Dossier::events`] (which is in timeline order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventId(pub usize);

/// Every id of a dossier and what it names.
pub type IdMap = HashMap<String, Target, ahash::RandomState>;

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A source document.
    Document(DocId),
    /// An actor.
    Actor(ActorId),
    /// An event.
    Event(EventId),
}

/// The whole dossier, resolved.
#[derive(Debug, Default)]
pub struct Dossier {
    /// Settings from `dossier.toml`.
    pub settings: Settings,
    /// The overview page.
    pub overview: Overview,
    /// Documents, newest first.
    pub documents: Vec<Document>,
    /// Actors, by name.
    pub actors: Vec<Actor>,
    /// Events in timeline order.
    pub events: Vec<Event>,
    /// Every id of the dossier.
    pub ids: IdMap,
}

impl Dossier {
    /// The document `id`.
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id.0]
    }
    /// The actor `id`.
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.0]
    }
    /// The event `id`.
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.0]
    }
}

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// CommonMark with `[[id]]` links.
    #[default]
    Markdown,
    /// Plain text: paragraphs and line breaks kept.
    Text,
}

/// A slice of a file's text, shared with the loaded file rather than copied: on large
/// dossiers every body would otherwise be held twice.
#[derive(Clone, Default)]
pub struct Text {
    file: Arc<String>,
    range: Range<usize>,
}

impl Text {
    /// The bytes `range` of `file`; `range` must lie on character boundaries.
    pub fn slice(file: &Arc<String>, range: Range<usize>) -> Text {
        debug_assert!(file.get(range.clone()).is_some());
        Text {
            file: file.clone(),
            range,
        }
    }

    /// The bytes `range` of this text, sharing its file; `range` must lie on character
    /// boundaries.
    pub fn sub(&self, range: Range<usize>) -> Text {
        debug_assert!(self.as_str().get(range.clone()).is_some());
        Text {
            file: self.file.clone(),
            range: self.range.start + range.start..self.range.start + range.end,
        }
    }

    /// The 1-based line, in its file, of byte `at` of this text (for diagnostics).
    pub fn line_in_file(&self, at: usize) -> usize {
        let end = (self.range.start + at).min(self.file.len());
        memchr::memchr_iter(b'\n', &self.file.as_bytes()[..end]).count() + 1
    }

    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        // Ranges are checked when made; `get` keeps a wrong one from panicking anyway.
        self.file.get(self.range.clone()).unwrap_or_default()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        let range = 0..text.len();
        Text {
            file: Arc::new(text),
            range,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// A body of text and where it lives, so that spans in it map to file positions.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The file it comes from, relative to the root.
    pub path: PathBuf,
    /// The body text.
    pub text: Text,
    /// Byte offset of the body in its file.
    pub offset: usize,
    /// Markdown or plain text.
    pub format: Format,
    /// Plain text shown with the lines of each paragraph joined (`reflow = true`).
    pub reflow: bool,
}

/// `content/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// Heading.
    pub title: String,
    /// The briefing summary.
    pub body: Body,
    /// Free data.
    pub extra: Extra,
}

/// A source document.
#[derive(Debug, Clone)]
pub struct Document {
    /// File stem.
    pub id: String,
    /// Title.
    pub title: String,
    /// Publication date.
    pub date: Option<When>,
    /// Free word: letter, article, …
    pub kind: String,
    /// BCP 47 language of the text.
    pub lang: String,
    /// Authors.
    pub authors: Vec<ActorId>,
    /// Actors it concerns: declared, then detected by mention, without repeats.
    pub actors: Vec<ActorId>,
    /// Provenance.
    pub source: Source,
    /// Analyst summary.
    pub summary: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The source text, verbatim.
    pub body: Body,
    /// Cited passages, in text order (shared with the analysis that `serve` keeps).
    pub passages: Arc<[Passage]>,
    /// Actor mentions in the text, in text order (shared likewise): names found, and
    /// `[[id]]` links to actors.
    pub mentions: Arc<[Mention]>,
    /// `[[id]]` links in the text to documents and events, in text order (shared likewise).
    pub references: Arc<[Reference]>,
    /// The links to this document from other documents' text, as (document, index into its
    /// references), in document order.
    pub linked_from: Vec<(DocId, usize)>,
    /// Events this document evidences, in timeline order.
    pub events: Vec<EventId>,
    /// Free data.
    pub extra: Extra,
    /// What the body's `[[…]]` links point to, each once: the page shows their labels.
    pub link_targets: Vec<Target>,
    /// The excerpt its search result shows (see `Prose::excerpt`).
    pub excerpt: Arc<str>,
    /// A fingerprint of everything the document was resolved from (its file, the actor
    /// names, the ids and the quotes citing it): equal versions make equal pages.
    pub version: u64,
}

/// A passage of a document cited by at least one event, with its stable anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Anchor id on the document page (`q-mandatory-backdoors`).
    pub anchor: String,
    /// Byte range in the document body.
    pub range: Range<usize>,
    /// The passage as it appears, with whitespace runs folded to single spaces.
    pub text: String,
    /// Events citing it.
    pub events: Vec<EventId>,
    /// Relations citing it.
    pub relations: Vec<RelationId>,
    /// The pages it is on, in a paged document.
    pub pages: Option<Pages>,
    /// The rest of the sentence it is in, as read, so that it is shown in its sentence.
    pub sentence: Sentence,
}

/// The words of a passage's sentence (or sentences) before and after it, as read (whitespace
/// folded), cut short with `…` when a sentence is very long.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Sentence {
    /// From the sentence's start to the passage.
    pub before: String,
    /// From the passage to the sentence's end.
    pub after: String,
}

/// The pages of a paged document (one whose text has form feeds, U+000C, between its
/// pages, as `dossier import` writes a PDF's text) that a passage is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pages {
    /// The page it starts on, from 1.
    pub first: u32,
    /// The page it ends on.
    pub last: u32,
}

impl Pages {
    /// The pages of `text` that its bytes `range` are on, if `text` is paged: page `n`
    /// starts after the `n - 1`th form feed.
    pub fn of(text: &str, range: Range<usize>) -> Option<Pages> {
        let bytes = text.as_bytes();
        memchr::memchr(b'\x0c', bytes)?;
        let page = |at: usize| {
            let before = bytes.get(..at).unwrap_or(bytes);
            1 + memchr::memchr_iter(b'\x0c', before).count() as u32
        };
        Some(Pages {
            first: page(range.start),
            last: page(range.end),
        })
    }
}

/// A `[[id]]` link in a document's text to a document or an event, listed on the page of
/// what it links to with the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// What it links to.
    pub target: Target,
    /// Byte range of the whole link in the document body.
    pub range: Range<usize>,
    /// Anchor id of the link on the document page (`l-fbi-asks-apple-1`).
    pub anchor: String,
    /// Words around the link; a link without a label of its own matches nothing, and is
    /// shown as the title of what it links to.
    pub context: Arc<Context>,
}

/// An actor named in a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Who is mentioned.
    pub actor: ActorId,
    /// Byte range in the document body.
    pub range: Range<usize>,
    /// Anchor id on the document page (`m-huawei-3`).
    pub anchor: String,
    /// Words around the mention, for the actor page (shared with the text analysis).
    pub context: Arc<Context>,
    /// Written as a `[[id]]` link to the actor rather than found by name: the link is the
    /// mention, and carries its anchor. A link without a label of its own reads as the
    /// actor's name in its context.
    pub linked: bool,
}

/// A mention with some text on each side. A dossier has many mentions: where the document
/// has the words verbatim (a line of prose, the common case), they are a slice of it, not
/// a copy.
#[derive(Debug, Clone)]
pub struct Context {
    /// The text before, the mention as written, and the text after.
    words: Words,
    /// Where the mention is in the words.
    matched: Range<usize>,
    /// Whether the words were cut short before and after the mention (shown as `…`).
    cut: (bool, bool),
}

#[derive(Debug, Clone)]
enum Words {
    /// A slice of the document.
    Body(Text),
    /// Whitespace folded from the document's text (line breaks, runs of spaces): a copy.
    Folded(Box<str>),
}

impl Context {
    /// The context made of `words` (a slice of the document), the mention being
    /// `words[matched]`, `cut` saying whether the words were cut short before and after.
    pub fn in_body(words: Text, matched: Range<usize>, cut: (bool, bool)) -> Context {
        debug_assert!(words.get(matched.clone()).is_some());
        Context {
            words: Words::Body(words),
            matched,
            cut,
        }
    }

    /// Like [`Context::in_body`], for words that are not in the document as they are.
    pub fn folded(words: &str, matched: Range<usize>, cut: (bool, bool)) -> Context {
        debug_assert!(words.get(matched.clone()).is_some());
        Context {
            words: Words::Folded(words.into()),
            matched,
            cut,
        }
    }

    /// Whether the words are a slice of the document rather than a copy.
    #[cfg(test)]
    pub(crate) fn is_slice(&self) -> bool {
        matches!(self.words, Words::Body(_))
    }

    fn words(&self) -> &str {
        match &self.words {
            Words::Body(text) => text,
            Words::Folded(text) => text,
        }
    }

    /// Text before the mention (starting with an ellipsis when cut short).
    pub fn before(&self) -> Cow<'_, str> {
        let before = &self.words()[..self.matched.start];
        if self.cut.0 {
            Cow::Owned(["…", before].concat())
        } else {
            Cow::Borrowed(before)
        }
    }

    /// The mention as written.
    pub fn matched(&self) -> &str {
        &self.words()[self.matched.clone()]
    }

    /// Text after the mention (ending with an ellipsis when cut short).
    pub fn after(&self) -> Cow<'_, str> {
        let after = &self.words()[self.matched.end..];
        if self.cut.1 {
            Cow::Owned([after, "…"].concat())
        } else {
            Cow::Borrowed(after)
        }
    }
}

// Equal contexts show the same text, whether sliced or copied.
impl PartialEq for Context {
    fn eq(&self, other: &Context) -> bool {
        (self.words(), &self.matched, self.cut) == (other.words(), &other.matched, other.cut)
    }
}

impl Eq for Context {}

impl std::hash::Hash for Context {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.words(), &self.matched, self.cut).hash(state);
    }
}

/// Kinds of actors.
pub const ACTOR_KINDS: &[&str] = &[
    "person",
    "organisation",
    "public-body",
    "state",
    "media",
    "other",
];

/// A person, organisation, public body, state or outlet.
#[derive(Debug, Clone)]
pub struct Actor {
    /// File stem.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One of [`ACTOR_KINDS`].
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// ISO country code.
    pub country: String,
    /// One line for lists.
    pub description: String,
    /// Labelled links to other actors.
    pub relations: Vec<Relation>,
    /// Tags.
    pub tags: Vec<String>,
    /// Profile.
    pub body: Body,
    /// Documents it wrote, newest first.
    pub authored: Vec<DocId>,
    /// Documents that concern or mention it, newest first.
    pub documents: Vec<DocId>,
    /// Mentions in document text, as (document, index into its mentions).
    pub mentions: Vec<(DocId, usize)>,
    /// Events it takes part in, in timeline order.
    pub events: Vec<EventId>,
    /// Free data.
    pub extra: Extra,
    /// What the profile's `[[…]]` links point to, each once: the page shows their labels.
    pub link_targets: Vec<Target>,
    /// A fingerprint of the actor's file.
    pub version: u64,
}

/// A labelled relation to another actor.
#[derive(Debug, Clone)]
pub struct Relation {
    /// The other actor.
    pub actor: ActorId,
    /// What links them.
    pub label: String,
    /// When it began, if known.
    pub since: Option<PartialDate>,
    /// When it ended, if it did.
    pub until: Option<PartialDate>,
    /// The passages cited for it, located like an event's.
    pub sources: Vec<Citation>,
    /// True when declared by the other actor (shown as an incoming relation).
    pub incoming: bool,
    /// The relation as declared (itself, or the one an incoming relation copies).
    pub declared: RelationId,
}

/// A relation as its actor declares it: the actor, and the relation's place among those it
/// declares (which come first in [`Actor::relations`], before the incoming copies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationId {
    /// The declaring actor.
    pub actor: ActorId,
    /// Index into its relations.
    pub index: usize,
}

/// What cites a passage: an event, or a relation between two actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Citer {
    /// An event's source.
    Event(EventId),
    /// A relation's source.
    Relation(RelationId),
}

/// A dated event, traceable to the passages that support it.
#[derive(Debug, Clone)]
pub struct Event {
    /// Explicit, derived from the title, or the file stem.
    pub id: String,
    /// Title.
    pub title: String,
    /// When.
    pub date: When,
    /// Who took part.
    pub actors: Vec<ActorId>,
    /// Where.
    pub place: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The passages cited for it (or against it, by their stance).
    pub sources: Vec<Citation>,
    /// How well it is established, as the author judges from its sources.
    pub status: Option<Status>,
    /// The event of its period it follows, placed there by its author.
    pub after: Option<EventId>,
    /// Optional description (standalone events).
    pub body: Body,
    /// The document that declares it, for events declared in front matter.
    pub declared_in: Option<DocId>,
    /// The links to it from documents' text, as (document, index into its references), in
    /// document order.
    pub linked_from: Vec<(DocId, usize)>,
    /// Free data.
    pub extra: Extra,
}

/// A passage of a document cited as evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation {
    /// The document.
    pub document: DocId,
    /// Index into the document's passages.
    pub passage: usize,
    /// What the passage says of the event.
    pub stance: Stance,
}

/// How well an event is established (the W3C's and fact-checkers' usual scale, kept short).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Established by its sources.
    Confirmed,
    /// Claimed, not established.
    Alleged,
    /// Sources disagree: at least one supports it and one contradicts or denies it.
    Disputed,
    /// Denied by a source (usually the party concerned).
    Denied,
}

impl Status {
    /// Every status, as written in front matter.
    pub const NAMES: [&'static str; 4] = ["confirmed", "alleged", "disputed", "denied"];

    /// As written in front matter, and as the timeline's filter key.
    pub fn name(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Alleged => "alleged",
            Status::Disputed => "disputed",
            Status::Denied => "denied",
        }
    }

    /// The status written `name`.
    pub fn from_name(name: &str) -> Option<Status> {
        [
            Status::Confirmed,
            Status::Alleged,
            Status::Disputed,
            Status::Denied,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }
}

/// What a cited passage says of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Stance {
    /// It reports or asserts the event.
    #[default]
    Supports,
    /// It says otherwise.
    Contradicts,
    /// It denies it (usually the party concerned).
    Denies,
}

impl Stance {
    /// Every stance, as written in front matter.
    pub const NAMES: [&'static str; 3] = ["supports", "contradicts", "denies"];

    /// As written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Contradicts => "contradicts",
            Stance::Denies => "denies",
        }
    }

    /// The stance written `name`.
    pub fn from_name(name: &str) -> Option<Stance> {
        [Stance::Supports, Stance::Contradicts, Stance::Denies]
            .into_iter()
            .find(|s| s.name() == name)
    }
}
