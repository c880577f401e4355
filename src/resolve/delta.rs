//! Resolving by delta: edits that change only the text of documents are applied to the
//! previous dossier instead of resolving everything again (the usual edit in `serve`).
//!
//! An edit qualifies when the document keeps its front matter byte for byte: its id, date,
//! place in the order, declared events, references, and everything else read from the front
//! matter stay as they were. The last build must have been free of problems, and so must
//! the new text: a problem is left to a full resolve, which reports it in context. The text
//! is analysed again, and what depends on it is updated: the document's body, passages,
//! mentions and version, the passages its citing events point to, and the lists of the
//! actors it concerns and mentions. A test compares the result with a full resolve.

use std::path::Path;
use std::sync::Arc;

use super::analysis::{Analysis, analyse_text};
use super::cache::{self, Cache, TextFacts};
use super::markdown_body;
use crate::load::frontmatter::Sp;
use crate::load::raw::{RawDocument, RawFile};
use crate::model::{ActorId, Body, Citation, DocId, Dossier, EventId, Target};

/// Applies the new text of each of `edited` (documents whose files were re-read) to
/// `dossier`, the result of the last build, and returns true; or returns false, leaving
/// `dossier` and `cache` untouched, when any of them needs a full resolve.
pub fn apply_text_edits(
    dossier: &mut Dossier,
    edited: &[Arc<RawFile<RawDocument>>],
    cache: &mut Cache,
) -> bool {
    let mut updates = Vec::with_capacity(edited.len());
    for raw in edited {
        match prepare(dossier, raw, cache) {
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

/// One document's new text, analysed, ready to be applied.
struct Update {
    doc: DocId,
    raw: Arc<RawFile<RawDocument>>,
    body: Body,
    facts: Arc<TextFacts>,
    analysis: Arc<Analysis>,
    /// The analysis context (ids and citing quotes), unchanged.
    context: u64,
    /// Authors, declared actors and mentioned actors, in that order, each once.
    concerned: Vec<ActorId>,
}

fn prepare(dossier: &Dossier, raw: &Arc<RawFile<RawDocument>>, cache: &Cache) -> Option<Update> {
    let Some(&Target::Document(doc)) = dossier.ids.get(&raw.id) else {
        return None;
    };
    let (old, context) = cache.previous(&raw.id)?;
    if old.path != raw.path || old.text[..old.body.start] != raw.text[..raw.body.start] {
        return None;
    }
    let matcher = cache.matcher(cache.names())?;
    let previous = &dossier.documents[doc.0];
    let body = Body {
        format: previous.body.format,
        ..markdown_body(raw)
    };
    let facts = Arc::new(cache::facts(raw, body.format, &matcher));
    if facts
        .prose
        .links
        .iter()
        .any(|l| !dossier.ids.contains_key(&l.id))
    {
        return None;
    }
    let cites = cache.cites(doc.0)?;
    let cites: Vec<(EventId, usize, &Sp, &Path)> = cites
        .iter()
        .map(|(event, c, quote, file)| (*event, *c, quote, file.as_path()))
        .collect();
    // Every citation was located last time, so an event's sources are its citations.
    let placed = |(event, c, ..): &(EventId, usize, &Sp, &Path)| {
        dossier
            .events
            .get(event.0)
            .is_some_and(|e| e.sources.get(*c).is_some_and(|s| s.document == doc))
    };
    if !cites.iter().all(placed) {
        return None;
    }
    let mut document = previous.clone();
    document.body = body.clone();
    let analysis = analyse_text(&document, &facts, &cites, &dossier.actors);
    if !analysis.diagnostics.is_empty() {
        return None;
    }
    let declared = raw
        .front
        .actors
        .iter()
        .filter_map(|a| match dossier.ids.get(a.as_str()) {
            Some(Target::Actor(x)) => Some(*x),
            _ => None,
        });
    let mut concerned: Vec<ActorId> = Vec::new();
    let mentioned = analysis.mentions.iter().map(|m| m.actor);
    for a in previous
        .authors
        .iter()
        .copied()
        .chain(declared)
        .chain(mentioned)
    {
        if !concerned.contains(&a) {
            concerned.push(a);
        }
    }
    Some(Update {
        doc,
        raw: raw.clone(),
        body,
        facts,
        analysis: Arc::new(analysis),
        context,
        concerned,
    })
}

fn commit(dossier: &mut Dossier, update: Update, cache: &mut Cache) {
    let Update {
        doc: d,
        raw,
        body,
        facts,
        analysis,
        context,
        concerned,
    } = update;
    let document = &mut dossier.documents[d.0];
    let before = std::mem::replace(&mut document.actors, concerned.clone());
    let mentioned_before: Vec<ActorId> = document.mentions.iter().map(|m| m.actor).collect();
    document.body = body;
    document.passages = analysis.passages.clone();
    document.mentions = analysis.mentions.clone();
    document.link_targets = super::link_targets(&facts.prose, |id| dossier.ids.get(id).copied());
    document.version = cache::version(facts.file_print, cache.names(), context);
    for &((event, c), passage) in &analysis.citations {
        dossier.events[event.0].sources[c] = Citation {
            document: d,
            passage,
        };
    }
    // Actors list documents and mentions in document order, then mention order.
    for a in before.iter().chain(&concerned) {
        let documents = &mut dossier.actors[a.0].documents;
        let at = documents.partition_point(|x| x.0 < d.0);
        let listed = documents.get(at) == Some(&d);
        match (listed, concerned.contains(a)) {
            (true, false) => {
                documents.remove(at);
            }
            (false, true) => documents.insert(at, d),
            _ => {}
        }
    }
    let mut touched = mentioned_before;
    touched.extend(dossier.documents[d.0].mentions.iter().map(|m| m.actor));
    touched.sort_unstable();
    touched.dedup();
    for a in touched {
        let mentions = &mut dossier.actors[a.0].mentions;
        mentions.retain(|(doc, _)| *doc != d);
        let at = mentions.partition_point(|(doc, _)| doc.0 < d.0);
        let now = dossier.documents[d.0].mentions.iter().enumerate();
        let mine: Vec<(DocId, usize)> = now
            .filter(|(_, m)| m.actor == a)
            .map(|(i, _)| (d, i))
            .collect();
        mentions.splice(at..at, mine);
    }
    cache.refresh(raw, facts, (context, analysis));
}
