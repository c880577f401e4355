//! The integrity report: where a resolved dossier is weak, though nothing in it is wrong.
//!
//! Read from the immutable [`Dossier`] after resolving, by the `/integrity/` page and by
//! `dossier check --report`, so that both list the same weak points: events without a
//! source, `confirmed` events resting on one source or one publisher, events dated after
//! the document that reports them, documents no event cites, actors nothing names or
//! involves, relations without a source, passages cited by several events, and documents
//! with no address, original or archived copy to check them against.

use std::path::PathBuf;

use crate::date::PartialDate;
use crate::model::{Dossier, Status};

/// What kind of weak point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weakness {
    /// An event that cites no source.
    Unsourced,
    /// A `confirmed` event resting on a single source or a single publisher.
    SingleVoice,
    /// An event dated after the document that reports it.
    AfterItsSource,
    /// A document no event cites.
    Uncited,
    /// An actor neither mentioned, linked, nor involved in an event or a document.
    Unconnected,
    /// A relation between actors without a source.
    UnsourcedRelation,
    /// A passage cited by several events.
    SharedQuote,
    /// A document without a source address, original or archived copy.
    Untraceable,
}

impl Weakness {
    /// Every kind, in the order the report lists them.
    pub const ALL: [Weakness; 8] = [
        Weakness::Unsourced,
        Weakness::SingleVoice,
        Weakness::AfterItsSource,
        Weakness::Uncited,
        Weakness::Unconnected,
        Weakness::UnsourcedRelation,
        Weakness::SharedQuote,
        Weakness::Untraceable,
    ];

    /// Its key: the interface strings `integrity_<key>` name it, and the page's anchors.
    pub fn key(self) -> &'static str {
        match self {
            Weakness::Unsourced => "unsourced",
            Weakness::SingleVoice => "single-voice",
            Weakness::AfterItsSource => "after-its-source",
            Weakness::Uncited => "uncited",
            Weakness::Unconnected => "unconnected",
            Weakness::UnsourcedRelation => "unsourced-relation",
            Weakness::SharedQuote => "shared-quote",
            Weakness::Untraceable => "untraceable",
        }
    }

    /// A heading in English, for the terminal.
    pub fn heading(self) -> &'static str {
        match self {
            Weakness::Unsourced => "events with no source",
            Weakness::SingleVoice => "confirmed events resting on one source or one publisher",
            Weakness::AfterItsSource => "events dated after the document that reports them",
            Weakness::Uncited => "documents no event cites",
            Weakness::Unconnected => "actors neither mentioned, linked nor involved",
            Weakness::UnsourcedRelation => "relations without a source",
            Weakness::SharedQuote => "passages cited by several events",
            Weakness::Untraceable => "documents without a source address, original or archive",
        }
    }
}

/// What to fix: the page that shows it and the file that declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// An event (its id).
    Event(String),
    /// A document (its id).
    Document(String),
    /// An actor (its id).
    Actor(String),
}

/// One weak point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Its kind.
    pub weakness: Weakness,
    /// What it is about.
    pub place: Place,
    /// Its title or name, as the report shows it.
    pub title: String,
    /// What is weak, in a few words (`2 sources, both from AsktheEU.org`).
    pub detail: String,
    /// The file to edit, relative to the project.
    pub file: PathBuf,
}

/// Every weak point of `dossier`, by kind in the report's order, then in the dossier's.
pub fn findings(dossier: &Dossier) -> Vec<Finding> {
    let mut found = Vec::new();
    events(dossier, &mut found);
    documents(dossier, &mut found);
    actors(dossier, &mut found);
    found.sort_by_key(|f| f.weakness);
    found
}

fn events(dossier: &Dossier, found: &mut Vec<Finding>) {
    for event in &dossier.events {
        let file = event.body.path.clone();
        let mut finding = |weakness, detail: String| {
            found.push(Finding {
                weakness,
                place: Place::Event(event.id.clone()),
                title: event.title.clone(),
                detail,
                file: file.clone(),
            })
        };
        if event.sources.is_empty() {
            finding(Weakness::Unsourced, String::new());
        }
        let cited: Vec<_> = event
            .sources
            .iter()
            .map(|c| dossier.document(c.document))
            .collect();
        if event.status == Some(Status::Confirmed)
            && !cited.is_empty()
            && let Some(weakness) = crate::resolve::claims::single_voice(&cited)
        {
            finding(Weakness::SingleVoice, format!("rests on {weakness}"));
        }
        for document in &cited {
            let Some(reported) = document.date else {
                continue;
            };
            let reported_by = reported.end.unwrap_or(reported.start);
            if earliest(event.date.start) > latest(reported_by) {
                finding(
                    Weakness::AfterItsSource,
                    format!(
                        "{}, reported by {} ({reported_by})",
                        event.date.start, document.id
                    ),
                );
            }
        }
    }
}

fn documents(dossier: &Dossier, found: &mut Vec<Finding>) {
    for document in &dossier.documents {
        let mut finding = |weakness, detail: String| {
            found.push(Finding {
                weakness,
                place: Place::Document(document.id.clone()),
                title: document.title.clone(),
                detail,
                file: document.body.path.clone(),
            })
        };
        if document.events.is_empty() {
            finding(Weakness::Uncited, String::new());
        }
        let source = &document.source;
        if source.url.is_none() && source.original.is_none() && source.archives.is_empty() {
            finding(Weakness::Untraceable, String::new());
        }
        for passage in document.passages.iter().filter(|p| p.events.len() > 1) {
            let ids: Vec<&str> = (passage.events.iter())
                .map(|e| dossier.event(*e).id.as_str())
                .collect();
            finding(
                Weakness::SharedQuote,
                format!("“{}”, cited by {}", passage.text, ids.join(", ")),
            );
        }
    }
}

fn actors(dossier: &Dossier, found: &mut Vec<Finding>) {
    for actor in &dossier.actors {
        let mut finding = |weakness, detail: String| {
            found.push(Finding {
                weakness,
                place: Place::Actor(actor.id.clone()),
                title: actor.name.clone(),
                detail,
                file: actor.body.path.clone(),
            })
        };
        let connected = !(actor.mentions.is_empty()
            && actor.documents.is_empty()
            && actor.authored.is_empty()
            && actor.events.is_empty());
        if !connected {
            finding(Weakness::Unconnected, String::new());
        }
        // Declared on this actor (an incoming one is the other actor's to source).
        let unsourced = (actor.relations.iter()).filter(|r| !r.incoming && r.sources.is_empty());
        for relation in unsourced {
            let other = &dossier.actor(relation.actor).name;
            finding(
                Weakness::UnsourcedRelation,
                format!("{} {other}", relation.label),
            );
        }
    }
}

/// The report as text for a terminal: each kind with its count, then its entries, each
/// with the file to edit.
pub fn render(findings: &[Finding]) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    if findings.is_empty() {
        text.push_str("integrity report: no weak points\n");
        return text;
    }
    let _ = writeln!(text, "integrity report: {} weak point(s)", findings.len());
    for weakness in Weakness::ALL {
        let of_kind: Vec<&Finding> = findings.iter().filter(|f| f.weakness == weakness).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(text, "\n{} ({}):", weakness.heading(), of_kind.len());
        for f in of_kind {
            let detail = if f.detail.is_empty() {
                String::new()
            } else {
                format!(" — {}", f.detail)
            };
            let _ = writeln!(text, "  {}: {}{detail}", f.file.display(), f.title);
        }
    }
    text
}

/// The first day a date may stand for, as `(year, month, day)`.
fn earliest(date: PartialDate) -> (i32, u8, u8) {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

/// The last day a date may stand for (the month's last day taken as 31: only the order
/// matters).
fn latest(date: PartialDate) -> (i32, u8, u8) {
    (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn an_event_is_after_its_source_only_when_every_reading_of_the_dates_says_so() {
        let after = |event: &str, document: &str| earliest(date(event)) > latest(date(document));
        assert!(after("2019-01-02", "2019-01-01"));
        assert!(after("2019-02", "2019-01-31"));
        assert!(
            !after("2019-01-15", "2019-01"),
            "within the document's month"
        );
        assert!(
            !after("2019", "2019-06-01"),
            "the year may be the first half"
        );
        assert!(!after("2018-12-07", "2018-12"));
        assert!(after("2020", "2019"));
    }
}
