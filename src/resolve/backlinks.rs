//! Back-links: who wrote, is named in, or takes part in what, computed once for all pages.

use rayon::prelude::*;

use crate::model::{Actor, ActorId, DocId, Document, Event, EventId, Relation, Target};

/// Fills documents' events, actors and links to them, actors' documents, mentions, events
/// and relations, and events' links to them.
pub fn link(documents: &mut [Document], actors: &mut [Actor], events: &mut [Event]) {
    for (e, event) in events.iter().enumerate() {
        let id = EventId(e);
        // An event has a source or two: a scan beats a set.
        let sources = event.sources.iter().map(|s| s.document);
        for (i, doc) in sources.clone().enumerate() {
            if !sources.clone().take(i).any(|d| d == doc) {
                documents[doc.0].events.push(id);
            }
        }
        if let Some(doc) = event.declared_in
            && !sources.clone().any(|d| d == doc)
        {
            documents[doc.0].events.push(id);
        }
        for a in &event.actors {
            actors[a.0].events.push(id);
        }
    }
    // Independent per document, and a large dossier has many.
    let concerned: Vec<Vec<ActorId>> = documents.par_iter().map(concerned).collect();
    for ((d, doc), concerned) in documents.iter_mut().enumerate().zip(concerned) {
        let id = DocId(d);
        for a in &doc.authors {
            actors[a.0].authored.push(id);
        }
        for a in &concerned {
            actors[a.0].documents.push(id);
        }
        for (m, mention) in doc.mentions.iter().enumerate() {
            actors[mention.actor.0].mentions.push((id, m));
        }
        doc.actors = concerned;
    }
    for d in 0..documents.len() {
        let references = documents[d].references.clone();
        for (r, reference) in references.iter().enumerate() {
            match reference.target {
                Target::Document(to) => documents[to.0].linked_from.push((DocId(d), r)),
                Target::Event(to) => events[to.0].linked_from.push((DocId(d), r)),
                Target::Actor(_) => {}
            }
        }
    }
    let incoming: Vec<(ActorId, Relation)> = actors
        .iter()
        .enumerate()
        .flat_map(|(a, actor)| {
            actor
                .relations
                .iter()
                .filter(|r| !r.incoming)
                .map(move |r| {
                    (
                        r.actor,
                        Relation {
                            actor: ActorId(a),
                            incoming: true,
                            ..r.clone()
                        },
                    )
                })
        })
        .collect();
    for (to, relation) in incoming {
        actors[to.0].relations.push(relation);
    }
}

/// Computes every back-link of `dossier` again from its documents, actors and events, as
/// [`link`] first did: for a dossier whose documents were edited ([`super::delta`]).
pub fn relink(dossier: &mut crate::model::Dossier) {
    for doc in &mut dossier.documents {
        doc.events.clear();
        doc.linked_from.clear();
    }
    for actor in &mut dossier.actors {
        actor.authored.clear();
        actor.documents.clear();
        actor.mentions.clear();
        actor.events.clear();
        actor.relations.retain(|r| !r.incoming);
    }
    for event in &mut dossier.events {
        event.linked_from.clear();
    }
    link(
        &mut dossier.documents,
        &mut dossier.actors,
        &mut dossier.events,
    );
}

/// The actors a document concerns, from its declared authors and actors and its mentions:
/// authors, declared actors, then mentioned actors, each once.
pub fn concerned(doc: &Document) -> Vec<ActorId> {
    let mut concerned: Vec<ActorId> = Vec::new();
    let mentioned = doc.mentions.iter().map(|m| m.actor);
    for a in doc
        .authors
        .iter()
        .chain(&doc.actors)
        .copied()
        .chain(mentioned)
    {
        if !concerned.contains(&a) {
            concerned.push(a);
        }
    }
    concerned
}
