//! `data/dossier.json`: the whole dossier as it was resolved (documents with their text,
//! actors, events) and every citation as a Web Annotation ([`super::annotation`]).

use serde::Serialize;

use super::annotation::{self, Annotation};
use super::{Urls, absolute};
use crate::date::{PartialDate, Precision, When};
use crate::model::{Actor, ActorId, Citation, Document, Dossier, Event, Format, Source};

/// The top level of `dossier.json`.
#[derive(Debug, Serialize)]
pub struct DossierData<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// The site's home page.
    url: String,
    /// The licence of the data, as `dossier.toml` gives it (free text or an SPDX id).
    license: Option<&'a str>,
    documents: Vec<DocumentData<'a>>,
    actors: Vec<ActorData<'a>>,
    events: Vec<EventData<'a>>,
    /// Every cited passage, document by document in text order.
    annotations: Vec<Annotation<'a>>,
}

/// A date with how precisely it is known.
#[derive(Debug, Serialize)]
struct DateData {
    /// `2018`, `2018-12` or `2018-12-07`.
    value: String,
    precision: Precision,
}

impl From<&PartialDate> for DateData {
    fn from(date: &PartialDate) -> DateData {
        DateData {
            value: date.to_string(),
            precision: date.precision(),
        }
    }
}

/// When something happened: a date (none for an undated document), an optional end, and
/// whether it is approximate.
#[derive(Debug, Serialize)]
struct WhenData {
    date: Option<DateData>,
    end: Option<DateData>,
    approximate: bool,
}

impl From<Option<&When>> for WhenData {
    fn from(when: Option<&When>) -> WhenData {
        WhenData {
            date: when.map(|w| (&w.start).into()),
            end: when.and_then(|w| w.end.as_ref()).map(DateData::from),
            approximate: when.is_some_and(|w| w.approximate),
        }
    }
}

#[derive(Debug, Serialize)]
struct DocumentData<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(flatten)]
    when: WhenData,
    kind: &'a str,
    lang: &'a str,
    authors: Vec<&'a str>,
    actors: Vec<&'a str>,
    source: SourceData<'a>,
    tags: &'a [String],
    summary: &'a str,
    /// `markdown` or `text`: how `text` is written.
    format: &'static str,
    /// The source text, verbatim, as the build read it (the annotations' offsets count
    /// its code points).
    text: &'a str,
    /// The events it evidences, in timeline order.
    events: Vec<&'a str>,
    url: String,
}

#[derive(Debug, Serialize)]
struct SourceData<'a> {
    publisher: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    retrieved: Option<DateData>,
    note: Option<&'a str>,
    original: Option<OriginalData<'a>>,
    archives: Vec<ArchiveData<'a>>,
}

/// The original file, as published under `/originals/`.
#[derive(Debug, Serialize)]
struct OriginalData<'a> {
    /// Its file name, as kept in `originals/`.
    file: Option<&'a str>,
    url: String,
    sha256: &'a str,
    size: u64,
    format: &'a str,
    pages: Option<u32>,
}

#[derive(Debug, Serialize)]
struct ArchiveData<'a> {
    url: &'a str,
    service: &'a str,
    captured: &'a str,
}

#[derive(Debug, Serialize)]
struct ActorData<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    country: &'a str,
    description: &'a str,
    tags: &'a [String],
    relations: Vec<RelationData<'a>>,
    /// The profile, in Markdown.
    profile: &'a str,
    /// Documents it wrote, newest first.
    authored: Vec<&'a str>,
    /// Documents that concern or mention it, newest first.
    documents: Vec<&'a str>,
    /// Events it takes part in, in timeline order.
    events: Vec<&'a str>,
    url: String,
}

#[derive(Debug, Serialize)]
struct RelationData<'a> {
    actor: &'a str,
    label: &'a str,
    /// `outgoing` when this actor declares it, `incoming` when the other one does.
    direction: &'static str,
    since: Option<DateData>,
    until: Option<DateData>,
    sources: Vec<CitationData<'a>>,
    /// The relation on the page of the actor that declares it.
    url: String,
}

#[derive(Debug, Serialize)]
struct EventData<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(flatten)]
    when: WhenData,
    place: &'a str,
    actors: Vec<&'a str>,
    tags: &'a [String],
    /// The description, in Markdown.
    description: &'a str,
    /// The document whose front matter declares it.
    declared_in: Option<&'a str>,
    /// How well it is established: confirmed, alleged, disputed or denied (null: not said).
    status: Option<&'static str>,
    /// The event of its period it follows, placed there by the author (it comes just
    /// after it in `events`).
    after: Option<&'a str>,
    sources: Vec<CitationData<'a>>,
    /// The event on the timeline.
    url: String,
}

/// A source of an event: the document, the passage as the build located it, and the id of
/// its annotation.
#[derive(Debug, Serialize)]
struct CitationData<'a> {
    document: &'a str,
    quote: &'a str,
    /// What the passage says of the event: supports, contradicts or denies.
    stance: &'static str,
    annotation: String,
}

/// More bytes than `dossier.json` takes: every text twice over (escaping lengthens it a
/// little), and room for the fields and citations of each document, actor and event.
pub fn size_hint(dossier: &Dossier) -> usize {
    let texts: usize = (dossier.documents.iter().map(|d| d.body.text.len()))
        .chain(dossier.actors.iter().map(|a| a.body.text.len()))
        .chain(dossier.events.iter().map(|e| e.body.text.len()))
        .sum();
    let items = dossier.documents.len() + dossier.actors.len() + dossier.events.len();
    2 * texts + 4096 * items + 65_536
}

impl<'a> DossierData<'a> {
    /// The data of `dossier`, its URLs those of a site at `urls`.
    pub fn new(dossier: &'a Dossier, urls: &Urls) -> DossierData<'a> {
        let s = &dossier.settings;
        let license = s
            .license
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        DossierData {
            title: &s.title,
            description: &s.description,
            language: &s.language,
            url: absolute(urls, &urls.home()),
            license,
            documents: (dossier.documents.iter())
                .map(|d| document(dossier, d, urls))
                .collect(),
            actors: (dossier.actors.iter())
                .map(|a| actor(dossier, a, urls))
                .collect(),
            events: (dossier.events.iter())
                .map(|e| event(dossier, e, urls))
                .collect(),
            annotations: (dossier.documents.iter())
                .flat_map(|d| annotation::of_document(dossier, d, urls))
                .collect(),
        }
    }
}

fn actor_ids<'a>(dossier: &'a Dossier, ids: &[ActorId]) -> Vec<&'a str> {
    ids.iter().map(|a| dossier.actor(*a).id.as_str()).collect()
}

fn document<'a>(dossier: &'a Dossier, doc: &'a Document, urls: &Urls) -> DocumentData<'a> {
    DocumentData {
        id: &doc.id,
        title: &doc.title,
        when: doc.date.as_ref().into(),
        kind: &doc.kind,
        lang: &doc.lang,
        authors: actor_ids(dossier, &doc.authors),
        actors: actor_ids(dossier, &doc.actors),
        source: source(&doc.source, urls),
        tags: &doc.tags,
        summary: &doc.summary,
        format: match doc.body.format {
            Format::Markdown => "markdown",
            Format::Text => "text",
        },
        text: &doc.body.text,
        events: (doc.events.iter())
            .map(|e| dossier.event(*e).id.as_str())
            .collect(),
        url: absolute(urls, &urls.document(&doc.id)),
    }
}

fn source<'a>(source: &'a Source, urls: &Urls) -> SourceData<'a> {
    SourceData {
        publisher: source.publisher.as_deref(),
        title: source.title.as_deref(),
        url: source.url.as_deref(),
        retrieved: source.retrieved.as_ref().map(DateData::from),
        note: source.note.as_deref(),
        original: source.original.as_deref().map(|o| OriginalData {
            file: o.path.file_name().and_then(|n| n.to_str()),
            url: absolute(urls, &urls.path(&o.site_path)),
            sha256: &o.sha256,
            size: o.size,
            format: &o.format,
            pages: o.pages,
        }),
        archives: (source.archives.iter())
            .map(|a| ArchiveData {
                url: &a.url,
                service: a.service,
                captured: &a.captured_at,
            })
            .collect(),
    }
}

fn actor<'a>(dossier: &'a Dossier, actor: &'a Actor, urls: &Urls) -> ActorData<'a> {
    let docs = |ids: &[crate::model::DocId]| -> Vec<&'a str> {
        ids.iter()
            .map(|d| dossier.document(*d).id.as_str())
            .collect()
    };
    ActorData {
        id: &actor.id,
        name: &actor.name,
        kind: &actor.kind,
        aliases: &actor.aliases,
        country: &actor.country,
        description: &actor.description,
        tags: &actor.tags,
        relations: (actor.relations.iter())
            .map(|r| RelationData {
                actor: &dossier.actor(r.actor).id,
                label: &r.label,
                direction: if r.incoming { "incoming" } else { "outgoing" },
                since: r.since.as_ref().map(DateData::from),
                until: r.until.as_ref().map(DateData::from),
                sources: citations(dossier, &r.sources, urls),
                url: annotation::relation_url(dossier, r.declared, urls),
            })
            .collect(),
        profile: &actor.body.text,
        authored: docs(&actor.authored),
        documents: docs(&actor.documents),
        events: (actor.events.iter())
            .map(|e| dossier.event(*e).id.as_str())
            .collect(),
        url: absolute(urls, &urls.actor(&actor.id)),
    }
}

fn event<'a>(dossier: &'a Dossier, event: &'a Event, urls: &Urls) -> EventData<'a> {
    EventData {
        id: &event.id,
        title: &event.title,
        when: Some(&event.date).into(),
        place: &event.place,
        actors: actor_ids(dossier, &event.actors),
        tags: &event.tags,
        description: &event.body.text,
        declared_in: event.declared_in.map(|d| dossier.document(d).id.as_str()),
        status: event.status.map(crate::model::Status::name),
        after: event.after.map(|e| dossier.event(e).id.as_str()),
        sources: citations(dossier, &event.sources, urls),
        url: absolute(urls, &urls.event(&event.id)),
    }
}

/// The sources of an event or relation, each with the id of its passage's annotation.
fn citations<'a>(dossier: &'a Dossier, sources: &[Citation], urls: &Urls) -> Vec<CitationData<'a>> {
    (sources.iter())
        .filter_map(|c| {
            let doc = dossier.document(c.document);
            let passage = doc.passages.get(c.passage)?;
            Some(CitationData {
                document: &doc.id,
                quote: &passage.text,
                stance: c.stance.name(),
                annotation: format!(
                    "{}#{}",
                    absolute(urls, &urls.document(&doc.id)),
                    passage.anchor
                ),
            })
        })
        .collect()
}
