//! Template contexts: one typed, borrowed struct per page kind.
//!
//! Every template also sees, through Tera's global context:
//! `site` ([`SiteView`]), `t` (the interface strings of the dossier's language, a map
//! from key to text, see `templates/i18n/en.toml`) and `nav` ([`Nav`]).

use std::borrow::Cow;

use serde::Serialize;

mod briefing;
mod evidence;
mod filters;
mod indexes;
mod network;
mod provenance;
mod shared;
mod timeline;
pub use briefing::*;
pub use evidence::*;
pub use filters::*;
pub use indexes::*;
pub use network::*;
pub use provenance::*;
use shared::{each, maybe_once, once};
pub use timeline::*;

use super::urls::Urls;
use crate::date::Precision;
use crate::model::Extra;
use std::sync::OnceLock;

/// The dossier as a whole, available to every template as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Title from `dossier.toml`.
    pub title: &'a str,
    /// Description from `dossier.toml`.
    pub description: &'a str,
    /// Author from `dossier.toml`.
    pub author: &'a str,
    /// Interface language (`en`, `fr`).
    pub lang: &'a str,
    /// The base URL as configured.
    pub base_url: &'a str,
    /// The path prefix of every URL (`/` or `/repo/`).
    pub base_path: &'a str,
    /// Counts for the overview.
    pub counts: Counts,
    /// Free data from `dossier.toml`'s `extra`.
    pub extra: &'a Extra,
    /// True when the integrity report lists weak points (the menu links it only then).
    pub weak_points: bool,
}

/// How many things the dossier holds.
#[derive(Debug, Serialize, Clone, Copy)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Actors.
    pub actors: usize,
    /// Events.
    pub events: usize,
}

/// Site-wide URLs, available to every template as `nav`.
#[derive(Debug, Serialize)]
pub struct Nav {
    /// Overview.
    pub home: String,
    /// Document index.
    pub documents: String,
    /// Actor index.
    pub actors: String,
    /// Tags index.
    pub tags: String,
    /// Timeline.
    pub timeline: String,
    /// Search page.
    pub search: String,
    /// The whole dossier on one printable page.
    pub briefing: String,
    /// The actors' network.
    pub network: String,
    /// Main stylesheet.
    pub style: String,
    /// Syntax highlighting stylesheet (only linked by pages with code).
    pub highlight: String,
    /// Atom feed.
    pub feed: String,
    /// The integrity report.
    pub integrity: String,
    /// The page about the open data.
    pub data: String,
}

impl Nav {
    /// The links of a site served at `urls`.
    pub fn new(urls: &Urls) -> Nav {
        Nav {
            home: urls.home(),
            documents: urls.path("documents/"),
            actors: urls.path("actors/"),
            tags: urls.path("tags/"),
            timeline: urls.path("timeline/"),
            search: urls.path("search/"),
            briefing: urls.path("briefing/"),
            network: urls.path("network/"),
            style: urls.path("style.css"),
            highlight: urls.path("highlight.css"),
            feed: urls.path("feed.xml"),
            integrity: urls.path("integrity/"),
            data: urls.path("data/"),
        }
    }
}

/// What every page context has as `page`.
#[derive(Debug, Serialize)]
pub struct PageMeta<'a> {
    /// The `<title>` and main heading.
    pub title: Cow<'a, str>,
    /// The page kind: overview, documents, document, actors, actor, timeline, not-found.
    pub kind: &'static str,
    /// The page's own URL (path).
    pub url: String,
    /// The absolute URL (for canonical links).
    pub permalink: String,
    /// The page's `lang`.
    pub lang: &'a str,
    /// A description for `<meta name="description">`.
    pub description: &'a str,
    /// True when the page shows highlighted code (link `nav.highlight`).
    pub has_code: bool,
    /// What the page shows as schema.org JSON-LD, escaped for a `<script>` element (see
    /// `linked_data`); empty for none.
    pub json_ld: String,
}

/// A date as shown: text at its precision, and the ISO form for `<time datetime>`.
#[derive(Debug, Serialize, Clone)]
pub struct DateView {
    /// Its Tera value, once a page has shown it (see `shared::SharedView`).
    #[serde(skip)]
    pub value: OnceLock<tera::Value>,
    /// `2018`, `2018-12` or `2018-12-07` (the start of a range).
    pub iso: String,
    /// `7 December 2018`, `8–10 May 2024`, `c. 2016`.
    pub text: String,
    /// year, month or day.
    pub precision: Precision,
    /// The year, for grouping.
    pub year: i32,
    /// Circa.
    pub approximate: bool,
}

/// An actor as linked from anywhere.
#[derive(Debug, Serialize)]
pub struct ActorLink<'a> {
    /// Id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// person, organisation, …
    pub kind: &'a str,
    /// The kind in the interface language.
    pub kind_label: String,
    /// One line.
    pub description: &'a str,
    /// Page URL.
    pub url: String,
    /// How many documents concern it.
    pub document_count: usize,
    /// How many events it takes part in.
    pub event_count: usize,
    /// Its Tera value, once a page has shown it (see `shared::SharedView`).
    #[serde(skip)]
    pub value: OnceLock<tera::Value>,
}

/// A document as linked from anywhere.
#[derive(Debug, Serialize)]
pub struct DocLink<'a> {
    /// Id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Page URL.
    pub url: String,
    /// letter, article, parliamentary-question, … (the filter key)
    pub kind: &'a str,
    /// The kind in words: `parliamentary question`.
    pub kind_label: String,
    /// Language of the text.
    pub lang: &'a str,
    /// Publication date.
    #[serde(serialize_with = "maybe_once")]
    pub date: Option<&'a DateView>,
    /// Analyst summary.
    pub summary: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// Its number, `3` for `D3`: the briefing's numbering, oldest first, used by every
    /// short reference (`D3 §2`) on the site.
    pub number: usize,
    /// Its Tera value, once a page has shown it (see `shared::SharedView`).
    #[serde(skip)]
    pub value: OnceLock<tera::Value>,
}

/// A cited passage, as shown beside an event.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    /// The document.
    #[serde(serialize_with = "once")]
    pub document: &'a DocLink<'a>,
    /// Link to the marked passage on the document page.
    pub url: String,
    /// The passage, verbatim.
    pub quote: &'a str,
    /// The passage between the quotation marks of its language (made once per event
    /// rather than by the `quoted` filter on every page that shows it).
    pub quoted: String,
    /// The words of its sentence before it (see `model::Sentence`).
    pub before: &'a str,
    /// The words of its sentence after it.
    pub after: &'a str,
    /// The quotation marks of its language, around the whole sentence.
    pub open: &'static str,
    /// The closing one.
    pub close: &'static str,
    /// Its short reference: `D3 §2`, document 3's cited passage 2 (see `views::reference`).
    pub reference: String,
    /// Its number in its document, `2` for `§2`.
    pub number: usize,
    /// The document's language (the quote keeps it).
    pub lang: &'a str,
    /// The pages the passage is on in a paged document: `p. 2`, `pp. 2–3`.
    pub pages: Option<String>,
    /// The address of that page in the original PDF (`…/letter.pdf#page=2`).
    pub original_page: Option<String>,
    /// `supports`, `contradicts` or `denies`.
    pub stance: &'static str,
    /// Who says what, shown before the quotation when the event's sources disagree or it
    /// has a status: `Huawei Technologies denies`, or `Denies` for a document without
    /// authors; empty otherwise.
    pub stance_label: String,
}

/// An event as shown on the timeline and on actor and document pages.
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    /// Id (the anchor on the timeline).
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Link on the timeline.
    pub url: String,
    /// When.
    #[serde(serialize_with = "once")]
    pub date: &'a DateView,
    /// `exact date within the month unknown` for an event known to the month (or the
    /// year) that its author did not place after another; empty otherwise.
    pub date_note: &'a str,
    /// Who.
    #[serde(serialize_with = "each")]
    pub actors: Vec<&'a ActorLink<'a>>,
    /// Where.
    pub place: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// How well it is established: `confirmed`, `alleged`, `disputed`, `denied` (empty
    /// when the author gave no status), and as shown.
    pub status: &'static str,
    /// The status in the dossier's language (`Alleged`).
    pub status_label: String,
    /// The passages cited for it (or against it, by their stance).
    pub sources: Vec<SourceView<'a>>,
    /// Description, rendered.
    pub description: String,
    /// Actor ids separated by spaces (for filtering, see [`filter_key`]).
    pub actor_ids: String,
    /// Tags as filter keys, separated by spaces.
    pub tag_keys: String,
    /// The kinds of its source documents as filter keys, separated by spaces.
    pub kind_keys: String,
    /// Links to it from documents' text, grouped by document, with their context (last: a
    /// template's field lookup scans the fields in order).
    pub linked_from: Vec<MentionGroup<'a>>,
    /// Its Tera value, once a page has shown it (see `shared::SharedView`).
    #[serde(skip)]
    pub value: OnceLock<tera::Value>,
}

/// The overview page (`index.html`, template `overview.html`).
#[derive(Debug, Serialize)]
pub struct OverviewPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The briefing summary, rendered.
    pub body: String,
    /// The latest events, newest first.
    #[serde(serialize_with = "each")]
    pub recent_events: Vec<&'a EventView<'a>>,
    /// The newest documents.
    #[serde(serialize_with = "each")]
    pub recent_documents: Vec<&'a DocLink<'a>>,
    /// How many weak points the integrity report lists.
    pub weak_points: usize,
    /// The integrity report's address.
    pub integrity: String,
    /// The data files and their licence.
    pub open_data: super::data::OpenData<'a>,
    /// Free data from `_index.md`.
    pub extra: &'a Extra,
}

/// A source's provenance.
#[derive(Debug, Serialize)]
pub struct SourceInfo<'a> {
    /// Publisher.
    pub publisher: Option<&'a str>,
    /// Original title.
    pub title: Option<&'a str>,
    /// Where it is published.
    pub url: Option<&'a str>,
    /// When it was retrieved, at its precision.
    pub retrieved: Option<DateView>,
    /// The original file, published with the site.
    pub original: Option<OriginalView<'a>>,
    /// Archived copies of `url`, the latest first: its links carry the latest as Robust
    /// Links attributes.
    pub archives: Vec<ArchiveView<'a>>,
}

/// The mentions of an actor in one document (or the links to a document or an event).
#[derive(Debug, Serialize)]
pub struct MentionGroup<'a> {
    /// The document.
    #[serde(serialize_with = "once")]
    pub document: &'a DocLink<'a>,
    /// Its passages that name the actor, in text order.
    pub passages: Vec<MentionView<'a>>,
}

/// A mention of an actor, with its context.
#[derive(Debug, Serialize)]
pub struct MentionView<'a> {
    /// Link to the mention on the document page.
    pub url: String,
    /// Text before.
    pub before: Cow<'a, str>,
    /// The name as written.
    pub matched: &'a str,
    /// Text after.
    pub after: Cow<'a, str>,
}

/// A cited passage of a document.
#[derive(Debug, Serialize)]
pub struct PassageView<'a> {
    /// Anchor on the page.
    pub anchor: &'a str,
    /// The passage.
    pub text: &'a str,
    /// The pages it is on in a paged document: `p. 2`, `pp. 2–3`.
    pub pages: Option<String>,
    /// The address of that page in the original PDF (`…/letter.pdf#page=2`).
    pub original_page: Option<String>,
    /// Events citing it.
    #[serde(serialize_with = "each")]
    pub events: Vec<&'a EventView<'a>>,
    /// Relations citing it.
    pub relations: Vec<RelationRef<'a>>,
}

/// A relation named where a passage it cites is shown, linked to its actor page.
#[derive(Debug, Clone, Serialize)]
pub struct RelationRef<'a> {
    /// The relation on the page of the actor that declares it.
    pub url: String,
    /// The actor that declares it.
    pub from: &'a str,
    /// The label.
    pub label: &'a str,
    /// The other actor.
    pub to: &'a str,
}

/// A document page (template `document.html`).
#[derive(Debug, Serialize)]
pub struct DocumentPage<'a> {
    /// Page metadata (its `lang` is the document's).
    pub page: PageMeta<'a>,
    /// The document.
    #[serde(serialize_with = "once")]
    pub document: &'a DocLink<'a>,
    /// Provenance.
    pub source: SourceInfo<'a>,
    /// Authors.
    #[serde(serialize_with = "each")]
    pub authors: Vec<&'a ActorLink<'a>>,
    /// Actors concerned or mentioned.
    #[serde(serialize_with = "each")]
    pub actors: Vec<&'a ActorLink<'a>>,
    /// The source text with mentions linked and cited passages marked.
    pub body: String,
    /// Events it evidences.
    #[serde(serialize_with = "each")]
    pub events: Vec<&'a EventView<'a>>,
    /// Its cited passages, in text order.
    pub passages: Vec<PassageView<'a>>,
    /// The relations its passages support, each once, with references to the passages.
    pub cited_relations: Vec<CitedRelation<'a>>,
    /// Links to it from other documents' text, grouped by document, with their context.
    pub linked_from: Vec<MentionGroup<'a>>,
    /// Free data.
    pub extra: &'a Extra,
}

/// A group of actors of one kind.
#[derive(Debug, Serialize)]
pub struct ActorGroup<'a> {
    /// person, organisation, …
    pub kind: &'a str,
    /// The kind's plural label.
    pub label: String,
    /// The actors, by name.
    #[serde(serialize_with = "each")]
    pub actors: Vec<&'a ActorLink<'a>>,
}

/// The actor index (template `actors.html`).
#[derive(Debug, Serialize)]
pub struct ActorsPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// Actors grouped by kind.
    pub groups: Vec<ActorGroup<'a>>,
}

/// A relation as shown on an actor page.
#[derive(Debug, Serialize)]
pub struct RelationView<'a> {
    /// The other actor.
    #[serde(serialize_with = "once")]
    pub actor: &'a ActorLink<'a>,
    /// The label.
    pub label: &'a str,
    /// Its anchor on the actor page ([`super::views::relation_anchors`]).
    pub anchor: String,
    /// When it held, in words: `since 1987`, `until March 2019`, `1987 – 2019`; or empty.
    pub period: String,
    /// The passages cited for it.
    pub sources: Vec<SourceView<'a>>,
    /// Declared by the other actor.
    pub incoming: bool,
}

/// An actor page (template `actor.html`).
#[derive(Debug, Serialize)]
pub struct ActorPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The actor.
    #[serde(serialize_with = "once")]
    pub actor: &'a ActorLink<'a>,
    /// Other names (its own name left out).
    pub aliases: Vec<&'a str>,
    /// Country code.
    pub country: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// Profile, rendered.
    pub profile: String,
    /// Relations, outgoing then incoming.
    pub relations: Vec<RelationView<'a>>,
    /// Its events, in timeline order.
    #[serde(serialize_with = "each")]
    pub events: Vec<&'a EventView<'a>>,
    /// Passages that mention it, grouped by document.
    pub mentions: Vec<SnippetGroup<'a>>,
    /// Documents it wrote.
    #[serde(serialize_with = "each")]
    pub authored: Vec<&'a DocLink<'a>>,
    /// Documents that concern or mention it.
    #[serde(serialize_with = "each")]
    pub documents: Vec<&'a DocLink<'a>>,
    /// Its neighbourhood in the network, when it is linked to other actors.
    pub network: Option<NeighbourhoodView<'a>>,
    /// Free data.
    pub extra: &'a Extra,
}

/// The search page (template `search.html`).
#[derive(Debug, Serialize)]
pub struct SearchPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// URL of `search-index.json` (for the `data-index` attribute).
    pub index: String,
    /// The search script.
    pub script: String,
    /// The kinds of documents results can be narrowed to, sorted.
    pub document_kinds: Vec<&'a str>,
    /// The kinds of actors results can be narrowed to, sorted.
    pub actor_kinds: Vec<SearchKind<'a>>,
    /// The years of documents and events, newest first.
    pub years: Vec<i32>,
}

/// A kind of actor, for the search page's kind filter.
#[derive(Debug, Serialize)]
pub struct SearchKind<'a> {
    /// The kind as written in front matter (the value in the address).
    pub value: &'a str,
    /// The kind as shown.
    pub label: &'a str,
}

/// The 404 page (template `404.html`).
#[derive(Debug, Serialize)]
pub struct NotFoundPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
}

/// One entry of the Atom feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    /// The document.
    #[serde(serialize_with = "once")]
    pub document: &'a DocLink<'a>,
    /// Absolute URL.
    pub permalink: String,
    /// RFC 3339 date.
    pub updated: String,
}

/// The Atom feed (template `feed.xml`).
#[derive(Debug, Serialize)]
pub struct FeedPage<'a> {
    /// Absolute URL of the feed.
    pub feed_url: String,
    /// Absolute URL of the site.
    pub site_url: String,
    /// Newest entry date.
    pub updated: String,
    /// Newest documents first.
    pub entries: Vec<FeedEntry<'a>>,
}

/// One URL of the sitemap.
#[derive(Debug, Serialize)]
pub struct SitemapEntry {
    /// Absolute URL.
    pub loc: String,
    /// Last modification, when known (`2018-12-07`).
    pub lastmod: Option<String>,
}

/// The sitemap (template `sitemap.xml`).
#[derive(Debug, Serialize)]
pub struct SitemapPage {
    /// Every page.
    pub entries: Vec<SitemapEntry>,
}
