//! Fingerprints: what each page depends on, hashed, so a rebuild renders only the pages
//! whose inputs changed.
//!
//! A page's fingerprint combines the fingerprints of the views it shows (document and
//! actor links, events) and of its own content. Pages that show the whole dossier
//! (indexes, timeline, search, briefing, feed) depend on everything. Settings and
//! templates are not fingerprinted: a change to them re-renders every page.

use std::collections::HashMap;
use std::hash::{Hash, Hasher as _};

use rayon::prelude::*;

use super::indexes::TagItem;
use super::{Page, Site};
use crate::hash::{self, combine, hasher};
use crate::model::{Body, Dossier, Target};

/// Which page, in terms that survive a rebuild (ids, not indices).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageKey {
    /// A document page, by document id.
    Document(String),
    /// An actor page, by actor id.
    Actor(String),
    /// Any page that is not per document or actor.
    Fixed(Page),
}

/// The key of `page` in `dossier`.
pub fn key(dossier: &Dossier, page: &Page) -> PageKey {
    match page {
        Page::Document(d) => PageKey::Document(dossier.document(*d).id.clone()),
        Page::Actor(a) => PageKey::Actor(dossier.actor(*a).id.clone()),
        other => PageKey::Fixed(*other),
    }
}

/// True for pages that show the whole dossier and change with any edit.
pub fn shows_everything(page: &Page) -> bool {
    !matches!(
        page,
        Page::Document(_)
            | Page::Actor(_)
            | Page::NotFound
            | Page::Robots
            | Page::Highlight
            | Page::Asset(_)
            | Page::NoJekyll
            | Page::Cname
    )
}

/// The fingerprint of a page left unrendered for the next rebuild: it matches no page.
pub const STALE: u64 = 0;

/// What a build rendered: for each page, its fingerprint and output path.
#[derive(Debug, Clone, Default)]
pub struct RenderedPages {
    /// Fingerprint and output path by page.
    pub pages: HashMap<PageKey, (u64, String)>,
}

/// The fingerprints of the views a build shares between pages.
pub struct ViewFingerprints {
    doc_links: Vec<u64>,
    actor_links: Vec<u64>,
    events: Vec<u64>,
    doc_own: Vec<u64>,
    actor_own: Vec<u64>,
    everything: u64,
    counts: u64,
}

/// Hashes a body; with wiki links, the labels of every target too (they show in the text).
fn body_print(body: &Body, labels: u64, h: &mut hash::Hasher) {
    body.text.hash(h);
    (body.format == crate::model::Format::Text).hash(h);
    if body.text.contains("[[") {
        labels.hash(h);
    }
}

impl ViewFingerprints {
    /// For each search entry (documents, actors, events), a fingerprint of what it is made
    /// from, given how many bytes of each document's text are indexed.
    pub(super) fn search_keys(&self, share: usize) -> Vec<u64> {
        let docs = (self.doc_own.iter().zip(&self.doc_links))
            .map(|(own, link)| combine([*own, *link, share as u64]));
        let actors = (self.actor_own.iter().zip(&self.actor_links))
            .map(|(own, link)| combine([*own, *link]));
        docs.chain(actors)
            .chain(self.events.iter().copied())
            .collect()
    }
}

impl Site<'_, '_> {
    /// Fingerprints every shared view of this build.
    ///
    /// Documents and actors carry a version (a fingerprint of what they were resolved
    /// from), so their own parts are hashed from it rather than from their text; events
    /// are hashed from their fields and the prints of what they show.
    pub(super) fn prints(&self) -> ViewFingerprints {
        let d = self.dossier;
        let doc_links: Vec<u64> = self
            .links
            .documents
            .par_iter()
            .map(hash::of_serialized)
            .collect();
        let actor_links: Vec<u64> = self
            .links
            .actors
            .par_iter()
            .map(hash::of_serialized)
            .collect();
        let events: Vec<u64> = d
            .events
            .par_iter()
            .enumerate()
            .map(|(i, e)| {
                let mut h = hasher();
                (&e.id, &e.title, &e.date, &e.place, &e.tags, &e.body.text).hash(&mut h);
                (e.status, e.after).hash(&mut h);
                // its URL: the page of a split timeline it is on
                self.periods.path_of(i).hash(&mut h);
                // Links in a description show the labels of what they link to.
                if e.body.text.contains("[[") {
                    self.events[i].description.hash(&mut h);
                }
                for a in &e.actors {
                    actor_links[a.0].hash(&mut h);
                }
                for s in &e.sources {
                    let passage = &d.document(s.document).passages[s.passage];
                    (doc_links[s.document.0], &passage.anchor, &passage.text).hash(&mut h);
                    // its number (`§2`) and its sentence show with it
                    (s.stance, passage.pages, s.passage, &passage.sentence).hash(&mut h);
                }
                e.declared_in.map(|doc| doc_links[doc.0]).hash(&mut h);
                // Links to it show their document and the words around them.
                for (doc, r) in &e.linked_from {
                    (doc_links[doc.0], d.document(*doc).version, r).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        // What a `[[id]]` link shows: the URL (from the id) and the title or name.
        let mut labels = hasher();
        d.documents
            .iter()
            .for_each(|x| (&x.id, &x.title).hash(&mut labels));
        d.actors
            .iter()
            .for_each(|x| (&x.id, &x.name).hash(&mut labels));
        d.events
            .iter()
            .for_each(|x| (&x.id, &x.title).hash(&mut labels));
        self.periods.page_of.hash(&mut labels);
        let labels = labels.finish();
        // A document shows the labels of what its own links point to, not of everything.
        let label = |t: &Target, h: &mut hash::Hasher| match *t {
            Target::Document(x) => (&d.document(x).id, &d.document(x).title).hash(h),
            Target::Actor(x) => (&d.actor(x).id, &d.actor(x).name).hash(h),
            Target::Event(x) => {
                (&d.event(x).id, &d.event(x).title).hash(h);
                self.periods.path_of(x.0).hash(h);
            }
        };
        let doc_own = d
            .documents
            .par_iter()
            .map(|doc| {
                let mut h = hasher();
                doc.version.hash(&mut h);
                doc.link_targets.iter().for_each(|t| label(t, &mut h));
                h.finish()
            })
            .collect::<Vec<u64>>();
        let actor_own = d
            .actors
            .par_iter()
            .map(|actor| {
                let mut h = hasher();
                actor.version.hash(&mut h);
                actor.link_targets.iter().for_each(|t| label(t, &mut h));
                for r in &actor.relations {
                    (r.actor.0, &r.label, r.incoming, r.since, r.until).hash(&mut h);
                    for s in &r.sources {
                        let passage = &d.document(s.document).passages[s.passage];
                        (doc_links[s.document.0], s.stance, &passage.anchor).hash(&mut h);
                        (&passage.text, passage.pages, s.passage, &passage.sentence).hash(&mut h);
                    }
                }
                for (doc, m) in &actor.mentions {
                    (d.document(*doc).version, m).hash(&mut h);
                }
                h.finish()
            })
            .collect::<Vec<u64>>();
        let mut overview = hasher();
        body_print(&d.overview.body, labels, &mut overview);
        (&d.overview.title, format!("{:?}", d.overview.extra)).hash(&mut overview);
        // Every page shows the counts, and the menu links the integrity report only when
        // it lists something.
        let counts = combine([
            d.documents.len() as u64,
            d.actors.len() as u64,
            d.events.len() as u64,
            u64::from(self.menu_links_integrity()),
            self.indexes.tag_print,
        ]);
        let everything = combine(
            doc_links
                .iter()
                .chain(&actor_links)
                .chain(&events)
                .chain(&doc_own)
                .chain(&actor_own)
                .copied()
                .chain([overview.finish(), counts]),
        );
        ViewFingerprints {
            doc_links,
            actor_links,
            events,
            doc_own,
            actor_own,
            everything,
            counts,
        }
    }

    /// The fingerprint of `page`: it changes whenever what the page shows changes.
    pub(super) fn fingerprint(&self, page: &Page, p: &ViewFingerprints) -> u64 {
        let d = self.dossier;
        let mut parts = vec![p.counts];
        match *page {
            Page::Document(id) => {
                let doc = d.document(id);
                parts.extend([p.doc_own[id.0], p.doc_links[id.0]]);
                parts.extend(
                    doc.authors
                        .iter()
                        .chain(&doc.actors)
                        .map(|a| p.actor_links[a.0]),
                );
                parts.extend(doc.events.iter().map(|e| p.events[e.0]));
                // the relations citing its passages, named and linked to their actors
                for r in doc.passages.iter().flat_map(|passage| &passage.relations) {
                    let other = d.actor(r.actor).relations.get(r.index).map(|x| x.actor);
                    parts.extend([p.actor_own[r.actor.0], p.actor_links[r.actor.0]]);
                    parts.extend(other.map(|o| p.actor_links[o.0]));
                }
                // links to it show their document and the words around them
                parts.extend(
                    doc.linked_from.iter().map(|(from, r)| {
                        combine([p.doc_links[from.0], p.doc_own[from.0], *r as u64])
                    }),
                );
            }
            Page::Actor(id) => {
                let actor = d.actor(id);
                parts.extend([p.actor_own[id.0], p.actor_links[id.0]]);
                parts.extend(actor.relations.iter().map(|r| p.actor_links[r.actor.0]));
                parts.extend(actor.events.iter().map(|e| p.events[e.0]));
                let docs = actor
                    .mentions
                    .iter()
                    .map(|(doc, _)| doc)
                    .chain(&actor.authored)
                    .chain(&actor.documents);
                parts.extend(docs.map(|doc| p.doc_links[doc.0]));
            }
            Page::TimelineFilter(facet, i) => {
                // a filter's file lists its events, each with its date, title and page
                let events = self.filters.get(facet, i as usize).map(|(_, e)| e);
                parts.extend(events.unwrap_or_default().iter().map(|e| p.events[*e]));
            }
            Page::Listing { listing, page } => {
                let ix = &self.indexes;
                if let Some(l) = ix.listings.get(listing as usize) {
                    parts.push(hash::of_serialized(&(&l.path, page)));
                    parts.push(ix.summary);
                    let listed = ix.listed(l, page as usize);
                    parts.extend(listed.iter().map(|d| p.doc_links[d.0]));
                }
            }
            Page::Tags => parts.push(self.indexes.summary),
            Page::Tag { tag, page } => {
                let ix = &self.indexes;
                if let Some(t) = ix.tags.get(tag as usize) {
                    parts.push(hash::of_serialized(&(&t.name, &t.path, page)));
                    parts.push(ix.summary);
                    parts.extend(ix.tag_items(t, page as usize).into_iter().map(|i| match i {
                        TagItem::Document(d) => p.doc_links[d.0],
                        TagItem::Actor(a) => p.actor_links[a.0],
                        TagItem::Event(e) => p.events[e.0],
                    }));
                }
            }
            Page::NotFound => {
                // Settings and templates, and the menu.
                parts = vec![u64::from(self.menu_links_integrity())];
            }
            Page::Robots | Page::Highlight | Page::Asset(_) | Page::NoJekyll | Page::Cname => {
                // Settings and templates only: they re-render everything when they change.
                parts.clear();
            }
            _ => parts.push(p.everything),
        }
        // A real page never takes the stale mark, which would keep it from being rendered.
        combine(parts).max(STALE + 1)
    }
}
