//! Views: each actor, document and event prepared once for all the pages that show it.

use super::context::{ActorLink, DateView, DocLink, EventView, SourceView, filter_key};
use super::theme::Strings;
use super::urls::Urls;
use crate::date::When;
use crate::model::Dossier;

/// Formats a date for display and for `<time datetime>`.
pub fn date_view(when: &When, strings: &Strings) -> DateView {
    DateView {
        iso: when.start.to_string(),
        text: strings.dates.format_when(when),
        precision: when.start.precision(),
        year: when.start.year,
        approximate: when.approximate,
    }
}

/// Links to every actor and document, indexed like the dossier's vectors.
pub struct Links<'a> {
    /// By actor index.
    pub actors: Vec<ActorLink<'a>>,
    /// By document index.
    pub documents: Vec<DocLink<'a>>,
}

impl<'a> Links<'a> {
    /// Prepares the links of `dossier`.
    pub fn new(dossier: &'a Dossier, urls: &Urls, strings: &Strings) -> Links<'a> {
        let actors = dossier
            .actors
            .iter()
            .map(|a| ActorLink {
                id: &a.id,
                name: &a.name,
                kind: &a.kind,
                kind_label: strings.kind(&a.kind, false),
                description: &a.description,
                url: urls.actor(&a.id),
                document_count: a.documents.len(),
                event_count: a.events.len(),
            })
            .collect();
        let documents = dossier
            .documents
            .iter()
            .map(|d| DocLink {
                id: &d.id,
                title: &d.title,
                url: urls.document(&d.id),
                kind: &d.kind,
                lang: &d.lang,
                date: d.date.as_ref().map(|w| date_view(w, strings)),
                summary: &d.summary,
                tags: &d.tags,
            })
            .collect();
        Links { actors, documents }
    }
}

/// Prepares the view of every event; `description` renders an event's body.
pub fn events<'a>(
    dossier: &'a Dossier,
    links: &'a Links<'a>,
    urls: &Urls,
    strings: &Strings,
    description: impl Fn(&crate::model::Event) -> String + Sync,
) -> Vec<EventView<'a>> {
    use rayon::prelude::*;
    dossier
        .events
        .par_iter()
        .map(|e| EventView {
            id: &e.id,
            title: &e.title,
            url: urls.event(&e.id),
            date: date_view(&e.date, strings),
            actors: e.actors.iter().map(|a| &links.actors[a.0]).collect(),
            place: &e.place,
            tags: &e.tags,
            sources: e
                .sources
                .iter()
                .map(|c| {
                    let doc = dossier.document(c.document);
                    let passage = &doc.passages[c.passage];
                    let document = &links.documents[c.document.0];
                    SourceView {
                        document,
                        url: format!("{}#{}", document.url, passage.anchor),
                        quote: &passage.text,
                        lang: &doc.lang,
                    }
                })
                .collect(),
            description: if e.body.text.trim().is_empty() {
                String::new()
            } else {
                description(e)
            },
            actor_ids: keys(e.actors.iter().map(|a| dossier.actor(*a).id.as_str())),
            tag_keys: keys(e.tags.iter().map(String::as_str)),
            kind_keys: keys(
                e.sources
                    .iter()
                    .map(|c| c.document)
                    .chain(e.declared_in)
                    .map(|d| dossier.document(d).kind.as_str()),
            ),
        })
        .collect()
}

/// Distinct filter keys, space-separated.
fn keys<'s>(values: impl Iterator<Item = &'s str>) -> String {
    let mut keys: Vec<String> = values.map(filter_key).filter(|k| !k.is_empty()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.join(" ")
}
