//! Contexts of the printable briefing, which holds the whole dossier on one page.

use std::borrow::Cow;

use serde::Serialize;

use super::*;

/// A citation in the briefing: the quote, its source, its in-page target and a visible
/// reference. (The briefing's contexts hold only what it shows: it can list thousands.)
#[derive(Debug, Serialize)]
pub struct BriefingCitation<'a> {
    /// The passage as the other pages show it (made for a relation's sources, shared with
    /// the timeline for an event's).
    pub source: Cow<'a, SourceView<'a>>,
    /// Link to the passage within the briefing.
    pub href: String,
    /// Visible reference, `D3 §2`: document 3 of the briefing, its cited passage 2 (and
    /// its page in a paged document, `D3 §2, p. 4`).
    pub reference: String,
}

/// An actor named in the briefing, linked within it.
#[derive(Debug, Serialize)]
pub struct BriefingName<'a> {
    /// Anchor in the briefing.
    pub anchor: String,
    /// The name.
    pub name: &'a str,
}

/// An event in the briefing.
#[derive(Debug, Serialize)]
pub struct BriefingEvent<'a> {
    /// Anchor in the briefing.
    pub anchor: String,
    /// Title.
    pub title: &'a str,
    /// When.
    pub date: &'a DateView,
    /// Where.
    pub place: &'a str,
    /// Its status (`alleged`), empty when it has none.
    pub status: &'a str,
    /// The status as shown.
    pub status_label: &'a str,
    /// Who.
    pub actors: Vec<BriefingName<'a>>,
    /// Description, rendered.
    pub description: &'a str,
    /// Tags.
    pub tags: &'a [String],
    /// Its sources, linked within the briefing.
    pub citations: Vec<BriefingCitation<'a>>,
}

/// A year of events in the briefing.
#[derive(Debug, Serialize)]
pub struct BriefingYear<'a> {
    /// The year.
    pub year: i32,
    /// Its events, in order.
    pub events: Vec<BriefingEvent<'a>>,
}

/// An actor in the briefing.
#[derive(Debug, Serialize)]
pub struct BriefingActor<'a> {
    /// The actor.
    #[serde(serialize_with = "once")]
    pub actor: &'a ActorLink<'a>,
    /// Anchor in the briefing.
    pub anchor: String,
    /// Other names (its own name left out).
    pub aliases: Vec<&'a str>,
    /// Country code.
    pub country: &'a str,
    /// Relations, outgoing then incoming.
    pub relations: Vec<BriefingRelation<'a>>,
    /// Profile, rendered.
    pub profile: String,
}

/// A relation in the briefing, its sources linked within it.
#[derive(Debug, Serialize)]
pub struct BriefingRelation<'a> {
    /// The relation as the actor page shows it.
    #[serde(flatten)]
    pub relation: RelationView<'a>,
    /// Its sources, linked within the briefing.
    pub citations: Vec<BriefingCitation<'a>>,
}

/// Actors of one kind in the briefing.
#[derive(Debug, Serialize)]
pub struct BriefingActorGroup<'a> {
    /// person, organisation, …
    pub kind: &'a str,
    /// The kind's plural label.
    pub label: String,
    /// The actors, by name.
    pub actors: Vec<BriefingActor<'a>>,
}

/// A cited passage of a document in the briefing.
#[derive(Debug, Serialize)]
pub struct BriefingPassage<'a> {
    /// Its number within the document (`§2`).
    pub number: usize,
    /// Its visible reference, `D3 §2` (`D3 §2, p. 4` in a paged document).
    pub reference: String,
    /// Anchor of the passage in the briefing (on the mark in the text, or on this entry).
    pub anchor: String,
    /// The passage.
    pub text: &'a str,
    /// Events citing it, linked within the briefing.
    pub events: Vec<EventRef<'a>>,
}

/// A link to an event within the briefing.
#[derive(Debug, Serialize)]
pub struct EventRef<'a> {
    /// Anchor in the briefing.
    pub anchor: String,
    /// The event's title.
    pub title: &'a str,
}

/// A document in the briefing.
#[derive(Debug, Serialize)]
pub struct BriefingDocument<'a> {
    /// `D3`.
    pub reference: String,
    /// Anchor in the briefing.
    pub anchor: String,
    /// The document.
    #[serde(serialize_with = "once")]
    pub document: &'a DocLink<'a>,
    /// Provenance.
    pub source: SourceInfo<'a>,
    /// Authors.
    #[serde(serialize_with = "each")]
    pub authors: Vec<&'a ActorLink<'a>>,
    /// The full text with cited passages marked, unless the dossier is too large for it.
    pub body: Option<String>,
    /// Its cited passages, in text order.
    pub passages: Vec<BriefingPassage<'a>>,
}

/// The printable briefing (template `briefing.html`).
#[derive(Debug, Serialize)]
pub struct BriefingPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The dossier's title.
    pub title: &'a str,
    /// The title again, as a CSS string: the running header of every printed page.
    pub running_header: String,
    /// The overview's body, rendered.
    pub overview: String,
    /// Every event by year.
    pub years: Vec<BriefingYear<'a>>,
    /// Every actor by kind.
    pub actor_groups: Vec<BriefingActorGroup<'a>>,
    /// Every document, oldest first.
    pub documents: Vec<BriefingDocument<'a>>,
    /// False when the documents are too long to print whole: only cited passages are shown.
    pub full_texts: bool,
    /// False when the dossier is too large to print: `years` and `documents` are empty.
    pub complete: bool,
}
