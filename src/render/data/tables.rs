//! `data/events.csv` and `data/actors.csv`: one row per event or actor, for spreadsheets.
//!
//! RFC 4180 as the `csv` crate writes it: a header row, CRLF line ends, fields quoted only
//! when they hold a comma, a quote or a line break, quotes doubled; UTF-8 without a byte
//! order mark. Lists of ids are joined with `; `; an event's quotes, which may hold any
//! punctuation, one per line within their field.

use super::{Urls, absolute};
use crate::model::{ActorId, Dossier};

/// A CSV writer into memory, as RFC 4180 has it.
fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// The written table.
fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, String> {
    writer.into_inner().map_err(|e| e.to_string())
}

fn actor_ids(dossier: &Dossier, ids: &[ActorId]) -> String {
    let ids: Vec<&str> = ids.iter().map(|a| dossier.actor(*a).id.as_str()).collect();
    ids.join("; ")
}

/// The columns of `events.csv`.
pub(super) const EVENT_COLUMNS: [&str; 15] = [
    "id",
    "date",
    "end",
    "date_precision",
    "approximate",
    "title",
    "place",
    "status",
    "actors",
    "tags",
    "documents",
    "quotes",
    "stances",
    "declared_in",
    "url",
];

/// `events.csv`: every event, in timeline order.
pub fn events(dossier: &Dossier, urls: &Urls) -> Result<Vec<u8>, String> {
    let mut out = writer();
    out.write_record(EVENT_COLUMNS).map_err(|e| e.to_string())?;
    for e in &dossier.events {
        let cited = e.sources.iter().filter_map(|c| {
            let doc = dossier.document(c.document);
            doc.passages.get(c.passage)?;
            Some((doc.id.as_str(), c))
        });
        let (mut documents, citations): (Vec<&str>, Vec<&crate::model::Citation>) = cited.unzip();
        // one line per source, in the same order: the quote and its stance
        let quotes: Vec<&str> = (citations.iter())
            .map(|c| {
                dossier.document(c.document).passages[c.passage]
                    .text
                    .as_str()
            })
            .collect();
        let stances: Vec<&str> = citations.iter().map(|c| c.stance.name()).collect();
        // A document cited twice is listed once.
        let mut seen = std::collections::HashSet::new();
        documents.retain(|d| seen.insert(*d));
        let end = e.date.end.map(|d| d.to_string()).unwrap_or_default();
        let precision = match e.date.start.precision() {
            crate::date::Precision::Year => "year",
            crate::date::Precision::Month => "month",
            crate::date::Precision::Day => "day",
        };
        let row: [&str; 15] = [
            &e.id,
            &e.date.start.to_string(),
            &end,
            precision,
            if e.date.approximate { "true" } else { "false" },
            &e.title,
            &e.place,
            e.status.map_or("", crate::model::Status::name),
            &actor_ids(dossier, &e.actors),
            &e.tags.join("; "),
            &documents.join("; "),
            &quotes.join("\n"),
            &stances.join("\n"),
            e.declared_in
                .map_or("", |d| dossier.document(d).id.as_str()),
            &absolute(urls, &urls.event(&e.id)),
        ];
        out.write_record(row).map_err(|e| e.to_string())?;
    }
    finish(out)
}

/// The columns of `actors.csv`.
pub(super) const ACTOR_COLUMNS: [&str; 10] = [
    "id",
    "name",
    "kind",
    "country",
    "aliases",
    "description",
    "tags",
    "documents",
    "events",
    "url",
];

/// `actors.csv`: every actor, by name. `documents` counts the documents it wrote, concerns
/// or is mentioned in, each once; `events` the events it takes part in.
pub fn actors(dossier: &Dossier, urls: &Urls) -> Result<Vec<u8>, String> {
    let mut out = writer();
    out.write_record(ACTOR_COLUMNS).map_err(|e| e.to_string())?;
    for a in &dossier.actors {
        let mut documents: Vec<_> = a.authored.iter().chain(&a.documents).collect();
        documents.sort_unstable();
        documents.dedup();
        let row: [&str; 10] = [
            &a.id,
            &a.name,
            &a.kind,
            &a.country,
            &a.aliases.join("; "),
            &a.description,
            &a.tags.join("; "),
            &documents.len().to_string(),
            &a.events.len().to_string(),
            &absolute(urls, &urls.actor(&a.id)),
        ];
        out.write_record(row).map_err(|e| e.to_string())?;
    }
    finish(out)
}
