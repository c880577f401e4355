//! The data behind a split timeline's filters: for each actor, tag, document kind and
//! status, a small JSON file listing its events across every period, so that choosing one
//! fetches only what it shows; and the list of actors the actor field suggests.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::context::filter_key;
use crate::model::{Dossier, Event};

/// What a timeline filter chooses by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// An actor taking part (the event lists it in `actors`).
    Actor,
    /// A tag of the event.
    Tag,
    /// The kind of a document that evidences or declares the event.
    Kind,
    /// The event's status.
    Status,
}

impl Facet {
    /// Every facet, in the order of the filter panel.
    pub const ALL: [Facet; 4] = [Facet::Actor, Facet::Tag, Facet::Kind, Facet::Status];

    /// Its folder under `timeline/filters/`, and its name in the address (`?actor=`).
    pub fn name(self) -> &'static str {
        match self {
            Facet::Actor => "actor",
            Facet::Tag => "tag",
            Facet::Kind => "kind",
            Facet::Status => "status",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// For each facet, every value events have (by filter key, sorted) with those events.
#[derive(Debug, Default)]
pub struct FilterFiles {
    values: [Vec<(String, Vec<usize>)>; 4],
}

impl FilterFiles {
    /// The values of `dossier`'s events, and which events have each.
    pub fn of(dossier: &Dossier) -> FilterFiles {
        let mut maps: [BTreeMap<String, Vec<usize>>; 4] = Default::default();
        for (i, e) in dossier.events.iter().enumerate() {
            let mut add = |facet: Facet, key: String| {
                let events = maps[facet.index()].entry(key).or_default();
                // an event whose two sources are letters is one letter event
                if events.last() != Some(&i) {
                    events.push(i);
                }
            };
            for a in &e.actors {
                add(Facet::Actor, dossier.actor(*a).id.clone());
            }
            for t in &e.tags {
                add(Facet::Tag, filter_key(t));
            }
            for k in event_kinds(dossier, e) {
                add(Facet::Kind, filter_key(k));
            }
            if let Some(s) = e.status {
                add(Facet::Status, s.name().to_string());
            }
        }
        FilterFiles {
            values: maps.map(|m| m.into_iter().filter(|(k, _)| !k.is_empty()).collect()),
        }
    }

    /// How many values `facet` has.
    pub fn len(&self, facet: Facet) -> usize {
        self.values[facet.index()].len()
    }

    /// Value `i` of `facet` and its events.
    pub fn get(&self, facet: Facet, i: usize) -> Option<(&str, &[usize])> {
        (self.values[facet.index()].get(i)).map(|(k, events)| (k.as_str(), events.as_slice()))
    }
}

/// The kinds of the documents that evidence or declare `event`, each once: an event whose
/// two sources are letters is one letter event.
pub fn event_kinds<'d>(dossier: &'d Dossier, event: &Event) -> Vec<&'d String> {
    let mut kinds: Vec<&String> = (event.sources.iter().map(|c| c.document))
        .chain(event.declared_in)
        .map(|d| &dossier.document(d).kind)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// The file of `key` under `timeline/filters/`: `tag/backdoors.json`. A key that is not
/// plain lowercase ASCII is named by a hash of it, so that no file system (some ignore case)
/// and no URL can confuse two keys.
pub fn file_name(facet: Facet, key: &str) -> String {
    let plain = !key.is_empty()
        && (key.bytes())
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if plain {
        format!("{}/{key}.json", facet.name())
    } else {
        // SHA-256 rather than the build's fingerprint hash, which may differ between machines
        let hash = crate::hash::sha256_hex(key.as_bytes());
        format!("{}/x-{}.json", facet.name(), &hash[..16])
    }
}

/// One event in a filter file: `[id, page, iso date, date as shown, title, status]`, the
/// page relative to `timeline/` (`2019/`).
#[derive(Debug, Serialize)]
pub struct Row<'a>(
    pub &'a str,
    pub String,
    pub &'a str,
    pub &'a str,
    pub &'a str,
    pub &'static str,
);

/// A filter file.
#[derive(Debug, Serialize)]
pub struct FilterFile<'a> {
    /// The events with the value, in timeline order.
    pub events: Vec<Row<'a>>,
}

/// The actors the actor field suggests: `[id, name, events]`, by name.
#[derive(Debug, Serialize)]
pub struct ActorList<'a> {
    /// Every actor that takes part in an event.
    pub actors: Vec<(&'a str, &'a str, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_name_their_file_and_others_are_hashed_apart() {
        assert_eq!(file_name(Facet::Tag, "backdoors"), "tag/backdoors.json");
        assert_eq!(file_name(Facet::Status, "denied"), "status/denied.json");
        let upper = file_name(Facet::Tag, "Cloud");
        let lower = file_name(Facet::Tag, "cloud");
        assert_ne!(upper, lower);
        assert!(
            upper.starts_with("tag/x-") && upper.ends_with(".json"),
            "{upper}"
        );
        let accented = file_name(Facet::Kind, "lettre-ouverte-é");
        assert!(!accented.contains('é'), "{accented}");
    }
}
