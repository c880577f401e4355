//! Resolving by delta: edits to documents that change only their text or what only their
//! own page and links show are applied to the previous dossier, instead of resolving
//! everything again (the usual edits in `serve`).
//!
//! An edit qualifies when the document's front matter declares the same things as before:
//! the same date, authors, actors, declared events and quotes (by value; positions may
//! move). Its title, kind, language, source, summary, tags and extra data may change. Its
//! id, place in the order and references then stay as they were. The last build must have
//! been free of problems, and so must the edited file: a problem is left to a full resolve,
//! which reports it in context. The text is analysed again, and what depends on the file is
//! updated: the document, the passages its citing events point to, and the lists of the
//! actors it concerns and mentions. A test compares the result with a full resolve.

use std::path::Path;
use std::sync::Arc;

use super::analysis::{Analysis, analyse_text};
use super::cache::{self, Cache, TextFacts};
use super::quote::Selector;
use crate::load::frontmatter::Located;
use crate::load::raw::{RawDocEvent, RawDocument, RawFile};
use crate::model::{Citation, Citer, DocId, Document, Dossier, Target};

/// Applies each of `edited` (documents whose files were re-read) to `dossier`, the result
/// of the last build, and returns true; or returns false, leaving `dossier` and `cache`
/// untouched, when any of them needs a full resolve.
pub fn apply_document_edits(
    dossier: &mut Dossier,
    edited: &[Arc<RawFile<RawDocument>>],
    originals: &super::records::Originals,
    cache: &mut Cache,
) -> bool {
    let mut updates = Vec::with_capacity(edited.len());
    for raw in edited {
        match prepare(dossier, raw, originals, cache) {
            Some(update) if !updates.iter().any(|u: &Update| u.doc == update.doc) => {
                updates.push(update);
            }
            _ => return false,
        }
    }
    for update in updates {
        commit(dossier, update, cache);
    }
    true
}

/// One document's new file, analysed, ready to be applied.
struct Update {
    doc: DocId,
    raw: Arc<RawFile<RawDocument>>,
    /// The document as its file declares it, with its events and link targets.
    document: Document,
    facts: Arc<TextFacts>,
    analysis: Arc<Analysis>,
    /// The analysis context (ids and citing quotes), unchanged.
    context: u64,
    /// The front matter is byte for byte the same: what was read from it still holds.
    same_front: bool,
}

fn prepare(
    dossier: &Dossier,
    raw: &Arc<RawFile<RawDocument>>,
    originals: &super::records::Originals,
    cache: &Cache,
) -> Option<Update> {
    let Some(&Target::Document(doc)) = dossier.ids.get(&raw.id) else {
        return None;
    };
    let (old, context) = cache.previous(&raw.id)?;
    let same_front = old.text[..old.body.start] == raw.text[..raw.body.start];
    if old.path != raw.path || !(same_front || same_declarations(&old.front, &raw.front)) {
        return None;
    }
    let matcher = cache.matcher(cache.names())?;
    let previous = &dossier.documents[doc.0];
    let mut problems = Vec::new();
    let settings = &dossier.settings;
    let mut document = super::records::document(
        raw,
        previous.date,
        settings,
        &dossier.ids,
        originals,
        &mut problems,
    );
    if !problems.is_empty() {
        return None;
    }
    let facts = Arc::new(cache::facts(raw, document.body.format, &matcher));
    if facts
        .prose
        .links
        .iter()
        .any(|l| !dossier.ids.contains_key(&l.id))
    {
        return None;
    }
    let cites = cache.cites(doc.0)?;
    let cites: Vec<(Citer, usize, &Selector, &Path)> = cites
        .iter()
        .map(|(citer, c, quote, file)| (*citer, *c, quote, file.as_path()))
        .collect();
    // Every citation was located last time, so the sources of an event or relation are its
    // citations.
    let placed = |(citer, c, ..): &(Citer, usize, &Selector, &Path)| {
        sources(dossier, *citer).is_some_and(|s| s.get(*c).is_some_and(|s| s.document == doc))
    };
    if !cites.iter().all(placed) {
        return None;
    }
    // Links elsewhere show its title in their contexts: a new title is left to a full resolve.
    if document.title != previous.title && !previous.linked_from.is_empty() {
        return None;
    }
    let target = |id: &str| dossier.ids.get(id).copied();
    let title = |t: Target| {
        Some(match t {
            Target::Document(x) if x == doc => document.title.as_str(),
            Target::Document(x) => dossier.documents.get(x.0)?.title.as_str(),
            Target::Actor(x) => dossier.actors.get(x.0)?.name.as_str(),
            Target::Event(x) => dossier.events.get(x.0)?.title.as_str(),
        })
    };
    let analysis = analyse_text(&document, &facts, &cites, &dossier.actors, target, title);
    if !analysis.diagnostics.is_empty() {
        return None;
    }
    document.events = previous.events.clone();
    // what links to it is in other files
    document.linked_from = previous.linked_from.clone();
    document.link_targets = super::link_targets(&facts.prose, |id| dossier.ids.get(id).copied());
    document.excerpt = facts.excerpt.clone();
    Some(Update {
        doc,
        raw: raw.clone(),
        document,
        facts,
        analysis: Arc::new(analysis),
        context,
        same_front,
    })
}

/// True when two front matters declare the same things (values, not positions), apart from
/// what only the document's own page and links show: title, kind, language, source,
/// summary, tags and extra data.
fn same_declarations(a: &RawDocument, b: &RawDocument) -> bool {
    // Destructured in full, so that a new field must be classified here.
    let RawDocument {
        title: _,
        date,
        end,
        approximate,
        kind: _,
        lang: _,
        authors,
        actors,
        source: _,
        summary: _,
        tags: _,
        draft,
        reflow: _,
        events,
        extra: _,
    } = a;
    value(date) == value(&b.date)
        && value(end) == value(&b.end)
        && *approximate == b.approximate
        && values(authors) == values(&b.authors)
        && values(actors) == values(&b.actors)
        && *draft == b.draft
        && events.len() == b.events.len()
        && events.iter().zip(&b.events).all(|(x, y)| same_event(x, y))
}

fn same_event(a: &RawDocEvent, b: &RawDocEvent) -> bool {
    let RawDocEvent {
        id,
        date,
        end,
        approximate,
        title,
        actors,
        place,
        tags,
        quote,
        prefix,
        suffix,
        status,
        stance,
        after,
        extra,
    } = a;
    value(id) == value(&b.id)
        && date.value == b.date.value
        && value(end) == value(&b.end)
        && *approximate == b.approximate
        && title.value == b.title.value
        && values(actors) == values(&b.actors)
        && *place == b.place
        && *tags == b.tags
        && quote.value == b.quote.value
        && value(prefix) == value(&b.prefix)
        && value(suffix) == value(&b.suffix)
        && value(status) == value(&b.status)
        && value(stance) == value(&b.stance)
        && value(after) == value(&b.after)
        && *extra == b.extra
}

/// The sources of what `citer` names, as the last build located them.
fn sources(dossier: &Dossier, citer: Citer) -> Option<&[Citation]> {
    match citer {
        Citer::Event(e) => dossier.events.get(e.0).map(|e| &e.sources[..]),
        Citer::Relation(r) => (dossier.actors.get(r.actor.0))
            .and_then(|a| a.relations.get(r.index))
            .map(|r| &r.sources[..]),
    }
}

fn value(sp: &Option<Located>) -> Option<&str> {
    sp.as_ref().map(Located::as_str)
}

fn values(sps: &[Located]) -> Vec<&str> {
    sps.iter().map(Located::as_str).collect()
}

fn commit(dossier: &mut Dossier, update: Update, cache: &mut Cache) {
    let Update {
        doc: d,
        raw,
        mut document,
        facts,
        analysis,
        context,
        same_front,
    } = update;
    document.passages = analysis.passages.clone();
    document.mentions = analysis.mentions.clone();
    document.references = analysis.references.clone();
    document.version = cache::version(facts.file_print, cache.names(), context);
    dossier.documents[d.0] = document;
    for &((citer, c), passage) in &analysis.citations {
        let sources = match citer {
            Citer::Event(e) => dossier.events.get_mut(e.0).map(|e| &mut e.sources),
            Citer::Relation(r) => (dossier.actors.get_mut(r.actor.0))
                .and_then(|a| a.relations.get_mut(r.index))
                .map(|r| &mut r.sources),
        };
        // `prepare` found every citation placed
        if let Some(source) = sources.and_then(|s| s.get_mut(c)) {
            source.document = d;
            source.passage = passage;
        }
    }
    // The back-links are computed again, by the rule a full resolve uses.
    super::backlinks::relink(dossier);
    cache.refresh(raw, facts, (context, analysis), same_front);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(toml: &str) -> RawDocument {
        toml::from_str(toml).expect("front matter")
    }

    const BASE: &str = r#"title = "A letter"
date = "2018-12"
kind = "letter"
authors = ["huawei"]
actors = ["andrus-ansip"]
summary = "Short."

[[events]]
date = "2018-12-07"
title = "A press conference"
actors = ["andrus-ansip"]
quote = "mandatory backdoors"
"#;

    #[test]
    fn what_only_the_page_shows_may_change_and_positions_may_move() {
        let edited = BASE
            .replace(
                "title = \"A letter\"",
                "title = \"A much longer title for the letter\"",
            )
            .replace("kind = \"letter\"", "kind = \"memo\"\ntags = [\"new\"]")
            .replace(
                "summary = \"Short.\"",
                "summary = \"Longer.\"\nlang = \"fr\"",
            );
        assert!(same_declarations(&front(BASE), &front(&edited)));
    }

    #[test]
    fn dates_references_and_declared_events_may_not() {
        for (from, to) in [
            ("date = \"2018-12\"", "date = \"2018-11\""),
            ("authors = [\"huawei\"]", "authors = []"),
            (
                "actors = [\"andrus-ansip\"]\nsummary",
                "actors = []\nsummary",
            ),
            ("quote = \"mandatory backdoors\"", "quote = \"backdoors\""),
            ("title = \"A press conference\"", "title = \"Another\""),
            ("date = \"2018-12-07\"", "date = \"2018-12-08\""),
        ] {
            let edited = BASE.replacen(from, to, 1);
            assert_ne!(edited, BASE, "{from}");
            assert!(
                !same_declarations(&front(BASE), &front(&edited)),
                "{from} -> {to}"
            );
        }
    }
}
