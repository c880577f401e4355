//! The documents index and the tags: which listing pages a dossier has, at which addresses.
//!
//! Every listing is a list of documents, newest first (the dossier's order), cut into pages
//! of `page_size` documents: the first at the listing's address, the next ones under
//! `page/2/`, `page/3/`… The listings are the whole index (`documents/`), and the index
//! narrowed to one kind (`documents/kind/<kind>/`), one language (`documents/lang/<code>/`)
//! or one year (`documents/year/<year>/`, `documents/year/undated/`). Each tag has a page
//! (`tags/<slug>/`) listing its documents, actors and events, cut the same way, and
//! `tags/` lists the tags.

mod pagination;
mod render;
pub mod slugs;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher as _};

use super::Page;
use crate::model::{ActorId, DocId, Dossier, EventId};
pub use pagination::Pagination;

/// What a documents listing is narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    /// Every document.
    All,
    /// One kind of document.
    Kind,
    /// One language.
    Lang,
    /// One year of publication (or none).
    Year,
}

/// One listing of documents.
#[derive(Debug)]
pub struct Listing {
    /// What it is narrowed to.
    pub facet: Facet,
    /// The kind, the language code or the year as written; empty for every document and
    /// for the undated ones.
    pub value: String,
    /// The address of its first page under the site root: `documents/kind/letter/`.
    pub path: String,
    /// Its documents, newest first.
    pub documents: Vec<DocId>,
}

/// One tag and what carries it.
#[derive(Debug)]
pub struct Tag {
    /// The tag as written.
    pub name: String,
    /// The address of its first page under the site root: `tags/energy/`.
    pub path: String,
    /// Documents with the tag, newest first.
    pub documents: Vec<DocId>,
    /// Actors with the tag, in the dossier's order.
    pub actors: Vec<ActorId>,
    /// Events with the tag, in timeline order.
    pub events: Vec<EventId>,
}

impl Tag {
    /// How many things carry it.
    pub fn len(&self) -> usize {
        self.documents.len() + self.actors.len() + self.events.len()
    }
}

/// A thing listed on a tag page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagItem {
    /// A document.
    Document(DocId),
    /// An actor.
    Actor(ActorId),
    /// An event.
    Event(EventId),
}

/// The listings and tags of a dossier.
#[derive(Debug)]
pub struct Indexes {
    /// How many documents (or things, on a tag page) one page lists.
    pub page_size: usize,
    /// The whole index first, then by kind, language and year.
    pub listings: Vec<Listing>,
    /// Every tag, in the order of their slugs.
    pub tags: Vec<Tag>,
    /// A fingerprint of every listing's and tag's address and size: what the facet bar and
    /// the tags index show.
    pub summary: u64,
    /// A fingerprint of every tag's address: every page that shows a tag links to it.
    pub tag_print: u64,
}

impl Indexes {
    /// The listings and tags of `dossier`.
    pub fn of(dossier: &Dossier) -> Indexes {
        let page_size = match dossier.settings.page_size {
            0 => usize::MAX,
            n => n,
        };
        let mut kinds: BTreeMap<&str, Vec<DocId>> = BTreeMap::new();
        let mut langs: BTreeMap<&str, Vec<DocId>> = BTreeMap::new();
        let mut years: BTreeMap<Option<i32>, Vec<DocId>> = BTreeMap::new();
        for (i, d) in dossier.documents.iter().enumerate() {
            kinds.entry(&d.kind).or_default().push(DocId(i));
            langs.entry(&d.lang).or_default().push(DocId(i));
            let year = d.date.as_ref().map(|w| w.start.year);
            years.entry(year).or_default().push(DocId(i));
        }
        let mut listings = vec![Listing {
            facet: Facet::All,
            value: String::new(),
            path: "documents/".into(),
            documents: (0..dossier.documents.len()).map(DocId).collect(),
        }];
        for (facet, dir, values) in [(Facet::Kind, "kind", kinds), (Facet::Lang, "lang", langs)] {
            let slugs = slugs::unique(values.keys().copied(), dir);
            for ((value, documents), slug) in values.into_iter().zip(slugs) {
                listings.push(Listing {
                    facet,
                    value: value.to_string(),
                    path: format!("documents/{dir}/{slug}/"),
                    documents,
                });
            }
        }
        // newest first, the undated last, as the documents themselves
        let mut years: Vec<_> = years.into_iter().collect();
        years.sort_by_key(|(year, _)| year.map_or(i64::MAX, |y| -i64::from(y)));
        for (year, documents) in years {
            let value = year.map(|y| y.to_string()).unwrap_or_default();
            let slug = if value.is_empty() { "undated" } else { &value };
            listings.push(Listing {
                facet: Facet::Year,
                path: format!("documents/year/{slug}/"),
                value,
                documents,
            });
        }
        let tags = tags(dossier);
        let mut h = crate::hash::hasher();
        tags.iter().for_each(|t| (&t.name, &t.path).hash(&mut h));
        let tag_print = h.finish();
        let mut h = crate::hash::hasher();
        page_size.hash(&mut h);
        for l in &listings {
            (&l.path, &l.value, l.documents.len()).hash(&mut h);
        }
        for t in &tags {
            (
                &t.name,
                &t.path,
                t.documents.len(),
                t.actors.len(),
                t.events.len(),
            )
                .hash(&mut h);
        }
        Indexes {
            page_size,
            listings,
            tags,
            summary: h.finish(),
            tag_print,
        }
    }

    /// How many pages a list of `items` takes (one, even empty).
    pub fn pages_for(&self, items: usize) -> usize {
        items.div_ceil(self.page_size).max(1)
    }

    /// The pages of every listing and tag, and the tags index.
    pub fn pages(&self) -> impl Iterator<Item = Page> + '_ {
        let listings = self.listings.iter().enumerate().flat_map(|(i, l)| {
            (0..self.pages_for(l.documents.len())).map(move |p| Page::Listing {
                listing: i as u32,
                page: p as u32,
            })
        });
        let tags = self.tags.iter().enumerate().flat_map(|(i, t)| {
            (0..self.pages_for(t.len())).map(move |p| Page::Tag {
                tag: i as u32,
                page: p as u32,
            })
        });
        listings.chain(std::iter::once(Page::Tags)).chain(tags)
    }

    /// The address of each tag's first page under the site root, by tag as written.
    pub fn tag_paths(dossier: &Dossier) -> Vec<(String, String)> {
        tags(dossier)
            .into_iter()
            .map(|t| (t.name, t.path))
            .collect()
    }

    /// The things page `page` (from 0) of a tag lists: documents, then actors, then events.
    pub fn tag_items(&self, tag: &Tag, page: usize) -> Vec<TagItem> {
        let all = (tag.documents.iter().map(|d| TagItem::Document(*d)))
            .chain(tag.actors.iter().map(|a| TagItem::Actor(*a)))
            .chain(tag.events.iter().map(|e| TagItem::Event(*e)));
        all.skip(page.saturating_mul(self.page_size))
            .take(self.page_size)
            .collect()
    }

    /// The documents page `page` (from 0) of a listing shows.
    pub fn listed<'l>(&self, listing: &'l Listing, page: usize) -> &'l [DocId] {
        let start = page
            .saturating_mul(self.page_size)
            .min(listing.documents.len());
        let end = start
            .saturating_add(self.page_size)
            .min(listing.documents.len());
        &listing.documents[start..end]
    }
}

/// The address of page `page` (from 0) of the listing at `path`: `documents/`,
/// `documents/page/2/`.
pub fn page_path(path: &str, page: usize) -> String {
    match page {
        0 => path.to_string(),
        n => format!("{path}page/{}/", n + 1),
    }
}

/// Every tag used by a document, an actor or an event, with what carries it, in the order
/// of their slugs.
fn tags(dossier: &Dossier) -> Vec<Tag> {
    /// What carries one tag.
    type Carriers = (Vec<DocId>, Vec<ActorId>, Vec<EventId>);
    let mut by_name: BTreeMap<&str, Carriers> = BTreeMap::new();
    for (i, d) in dossier.documents.iter().enumerate() {
        for t in unique(&d.tags) {
            by_name.entry(t).or_default().0.push(DocId(i));
        }
    }
    for (i, a) in dossier.actors.iter().enumerate() {
        for t in unique(&a.tags) {
            by_name.entry(t).or_default().1.push(ActorId(i));
        }
    }
    for (i, e) in dossier.events.iter().enumerate() {
        for t in unique(&e.tags) {
            by_name.entry(t).or_default().2.push(EventId(i));
        }
    }
    let slugs = slugs::unique(by_name.keys().copied(), "tag");
    let mut tags: Vec<Tag> = (by_name.into_iter().zip(slugs))
        .map(|((name, (documents, actors, events)), slug)| Tag {
            name: name.to_string(),
            path: format!("tags/{slug}/"),
            documents,
            actors,
            events,
        })
        .collect();
    // by slug (`energy` before `energy-2`), not by path (`tags/energy-2/` first)
    tags.sort_by(|a, b| {
        a.path
            .trim_end_matches('/')
            .cmp(b.path.trim_end_matches('/'))
    });
    tags
}

/// The non-empty tags of a list, each once.
fn unique(tags: &[String]) -> impl Iterator<Item = &str> {
    let mut seen: Vec<&str> = Vec::new();
    tags.iter().map(|t| t.as_str()).filter(move |t| {
        if t.trim().is_empty() || seen.contains(t) {
            return false;
        }
        seen.push(t);
        true
    })
}
