//! The search index: every document, actor and event, folded for accent-insensitive search.
//!
//! The [`Index`] is built once per build and written in pieces ([`shards`]) that
//! `static/search.js` fetches as a query needs them. It holds
//! - `entries`: what a result shows, in the original text (title, a meta line, a summary
//!   and an excerpt, each with its language), ordered by type, year (newest first) and
//!   kind, so that each [`Group`] of entries with the same three is one range;
//! - `terms`: every word of the dossier, folded by [`fold`] and sorted, with, for each
//!   term, the entries whose headings (`heads`) and whose text (`texts`) contain it, as
//!   delta-encoded entry numbers.
//!
//! Words are indexed over the whole text of every body (up to [`TEXT_BUDGET`] for the
//! dossier, past which each document is indexed up to its share), while entries keep only
//! a short excerpt to show: the index stays small (one posting per distinct word of an
//! entry) without losing the end of long documents. `search.js` folds the query the same way
//! (canonical decomposition, combining marks dropped, lowercase, per character), so
//! `securite` finds `sécurité`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::context::{ActorLink, DocLink, EventView};
use super::fingerprint::ViewFingerprints;
use crate::model::{Actor, Body, Document, Dossier, Event, Format, Target};
use crate::resolve::prose;
use crate::shorten::shorten;

mod fold;
pub mod shards;

use fold::distinct_words;
pub use fold::terms;

/// Characters of summary kept for a result.
const SUMMARY_CHARS: usize = 240;
/// Document text (bytes, all documents together) indexed in full; past it, each document
/// is indexed up to its share of this budget, so the cost of the index stays bounded.
pub const TEXT_BUDGET: usize = 16_000_000;
/// Bytes of each document indexed at least, however large the dossier.
const MIN_INDEXED: usize = 1_500;
/// What a search result shows. The fields have one- or two-letter names in
/// `search-index.json`, which holds one entry per document, actor and event.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    /// `d` document, `a` actor, `e` event.
    #[serde(rename = "k")]
    pub kind: &'static str,
    /// Link: a page, or an event's anchor on the timeline.
    #[serde(rename = "u")]
    pub url: String,
    /// Title or name.
    #[serde(rename = "t")]
    pub title: String,
    /// The title's language, when it is not the dossier's.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(rename = "tl")]
    pub title_lang: String,
    /// One line: date, kind, place.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(rename = "m")]
    pub meta: String,
    /// Summary or description, in the dossier's language, shortened.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(rename = "s")]
    pub summary: String,
    /// The beginning of the text (or an event's quote), shortened.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(rename = "x")]
    pub excerpt: String,
    /// The excerpt's language, when it is not the dossier's.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(rename = "xl")]
    pub excerpt_lang: String,
}

/// The whole index, in memory; [`shards`] writes it in pieces.
#[derive(Debug)]
pub struct Index {
    /// Results, by entry number: documents, then actors, then events, each by year and
    /// kind (see [`Group`]).
    pub entries: Vec<Entry>,
    /// The ranges of entries of one type, kind and year, in entry order.
    pub groups: Vec<Group>,
    /// Folded words, sorted.
    pub terms: Vec<String>,
    /// For each term, the entries whose title, name, aliases or place contain it.
    pub heads: Vec<Vec<u32>>,
    /// For each term, the entries whose text contains it (summary, body, description, quotes).
    pub texts: Vec<Vec<u32>>,
}

/// What results can be narrowed by: the entries from `start` to the next group's start
/// are all of one type, kind and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `d` document, `a` actor, `e` event.
    pub of: &'static str,
    /// A document's kind, an actor's kind, or nothing (events).
    pub kind: String,
    /// The year of a document's or event's (start) date.
    pub year: Option<i32>,
    /// The first entry of the group.
    pub start: u32,
}

/// How an entry is filed: its type (in the order documents, actors, events), year (newest
/// first, undated last) and kind. Entries sort by this, then by the dossier's order: results
/// that tie rank newest first, and the first page of them then sits in few chunks.
type Filing<'d> = (u8, bool, std::cmp::Reverse<Option<i32>>, &'d str);

/// The filing of entry `i` (documents, then actors, then events).
fn filing(dossier: &Dossier, i: usize) -> Filing<'_> {
    let (d, a) = (dossier.documents.len(), dossier.actors.len());
    let (rank, kind, year) = if i < d {
        let doc = &dossier.documents[i];
        (
            0,
            doc.kind.as_str(),
            doc.date.as_ref().map(|w| w.start.year),
        )
    } else if i < d + a {
        (1, dossier.actors[i - d].kind.as_str(), None)
    } else {
        (2, "", Some(dossier.events[i - d - a].date.start.year))
    };
    (rank, year.is_none(), std::cmp::Reverse(year), kind)
}

/// The entries in index order (see [`filing`]), and their groups.
fn filed(dossier: &Dossier, count: usize) -> (Vec<usize>, Vec<Group>) {
    let filings: Vec<Filing> = (0..count).map(|i| filing(dossier, i)).collect();
    let mut order: Vec<usize> = (0..count).collect();
    // stable: within a filing, the dossier's order (documents newest first)
    order.sort_by(|&x, &y| filings[x].cmp(&filings[y]));
    let mut groups: Vec<Group> = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        let f = &filings[i];
        if at > 0 && filings[order[at - 1]] == *f {
            continue;
        }
        groups.push(Group {
            of: ["d", "a", "e"][usize::from(f.0)],
            kind: f.3.to_string(),
            year: f.2.0,
            start: u32::try_from(at).unwrap_or(u32::MAX),
        });
    }
    (order, groups)
}

/// One entry with its words (see [`distinct_words`]), before the entries are merged.
#[derive(Clone)]
struct Prepared {
    entry: Entry,
    heads: String,
    texts: String,
}

/// Search entries kept from one rebuild to the next, by a fingerprint of what each entry
/// was made from: an edit re-reads the words of the entries it changed only.
#[derive(Default)]
pub struct Memo(Mutex<HashMap<u64, Arc<Prepared>>>);

/// Builds the index of `dossier`, from the links and event views the pages use; with
/// `reuse`, entries whose key (see [`ViewFingerprints::search_keys`]) is in the memo are taken from
/// it, and the memo then holds this build's entries.
pub fn build(
    dossier: &Dossier,
    documents: &[DocLink],
    actors: &[ActorLink],
    events: &super::views::Events,
    reuse: Option<(&Memo, &ViewFingerprints)>,
) -> Index {
    let total: usize = dossier.documents.iter().map(|d| d.body.text.len()).sum();
    let shared = IndexContext {
        dossier,
        lang: &dossier.settings.language,
        share: if total <= TEXT_BUDGET {
            usize::MAX
        } else {
            (TEXT_BUDGET / dossier.documents.len().max(1)).max(MIN_INDEXED)
        },
    };
    let keys = reuse.map(|(_, prints)| prints.search_keys(shared.share));
    let old = reuse.map(|(memo, _)| std::mem::take(&mut *lock(memo)));
    let (d, a) = (dossier.documents.len(), dossier.actors.len());
    let count = d + a + dossier.events.len();
    let prepare = |i: usize| {
        let key = keys.as_ref().map(|k| k[i]);
        if let (Some(old), Some(key)) = (&old, key)
            && let Some(hit) = old.get(&key)
        {
            return hit.clone();
        }
        Arc::new(match i {
            i if i < d => shared.document(&dossier.documents[i], &documents[i]),
            i if i < d + a => shared.actor(&dossier.actors[i - d], &actors[i - d]),
            i => shared.event(&dossier.events[i - d - a], &events[i - d - a]),
        })
    };
    let (order, groups) = filed(dossier, count);
    let mut merged = Merged::with_capacity(count);
    let mut kept = Vec::with_capacity(if reuse.is_some() { count } else { 0 });
    // A chunk at a time: the words of every entry held at once took a tenth of the peak
    // memory of a large build, and are needed only until they are merged.
    for start in (0..count).step_by(MERGE_CHUNK) {
        let chunk: Vec<Arc<Prepared>> = order[start..count.min(start + MERGE_CHUNK)]
            .par_iter()
            .map(|&i| prepare(i))
            .collect();
        if reuse.is_some() {
            kept.extend(chunk.iter().cloned());
        }
        merged.add(chunk);
    }
    if let (Some((memo, _)), Some(keys)) = (reuse, keys) {
        let keys = order.iter().map(|&i| keys[i]);
        *lock(memo) = keys.zip(kept).collect();
    }
    merged.finish(groups)
}

/// Entries prepared in parallel, then merged, per chunk of this many.
const MERGE_CHUNK: usize = 4096;

fn lock(memo: &Memo) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Prepared>>> {
    memo.0.lock().unwrap_or_else(|e| e.into_inner())
}

/// What every entry of one index needs.
struct IndexContext<'a> {
    /// The dossier, for the titles and names `[[id]]` links show.
    dossier: &'a Dossier,
    /// The dossier's language: other languages are marked on entries.
    lang: &'a str,
    /// Bytes of each document's text to index.
    share: usize,
}

impl<'a> IndexContext<'a> {
    /// `lang`, when it is not the dossier's.
    fn other(&self, lang: &str) -> String {
        if lang == self.lang {
            String::new()
        } else {
            lang.to_string()
        }
    }

    /// The title or name that `[[id]]` shows.
    fn label(&self, id: &str) -> Option<&'a str> {
        let d = self.dossier;
        Some(match d.ids.get(id)? {
            Target::Document(x) => d.document(*x).title.as_str(),
            Target::Actor(x) => d.actor(*x).name.as_str(),
            Target::Event(x) => d.event(*x).title.as_str(),
        })
    }

    /// The first `max` bytes of `body` with its links as a reader reads them, for the words
    /// of the index: `[[id|label]]` as its label, `[[id]]` as the title or name it shows,
    /// `[text](address)` as its text. Scanned rather than parsed: only words are taken from
    /// it, and parsing every body again (the benchmark corpus links from every document)
    /// cost a sixth of the render stage.
    fn read<'b>(&self, body: &'b Body, max: usize) -> Cow<'b, str> {
        let text = prefix(&body.text, max);
        if body.format == Format::Text || !(text.contains("[[") || text.contains("](")) {
            return Cow::Borrowed(text);
        }
        let mut read = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find('[') {
            read.push_str(&rest[..at]);
            let after = &rest[at..];
            // a wiki link: its label, or what its id names
            if let Some(inner) = after.strip_prefix("[[")
                && let Some(end) = inner.find("]]").filter(|&e| !inner[..e].contains('\n'))
            {
                let shown = match inner[..end].split_once('|') {
                    Some((_, label)) => label,
                    None => self.label(inner[..end].trim()).unwrap_or_default(),
                };
                read.push_str(shown);
                rest = &inner[end + 2..];
                continue;
            }
            // a Markdown link: its text, without its address
            let link = after.find("](").filter(|&e| !after[..e].contains('\n'));
            if let Some(close) = link
                && let Some(end) = after[close..].find(')')
            {
                read.push_str(&after[1..close]);
                rest = &after[close + end + 1..];
                continue;
            }
            read.push('[');
            rest = &after[1..];
        }
        read.push_str(rest);
        Cow::Owned(read)
    }

    /// The first words of a body as a reader reads them, shortened (only its beginning is
    /// parsed).
    fn excerpt(&self, body: &Body) -> String {
        let text = prefix(&body.text, prose::BEGINNING_BYTES * 3 / 2);
        prose::extract(text, body.format).excerpt(text, |id| self.label(id))
    }

    fn document(&self, d: &Document, link: &DocLink) -> Prepared {
        let date = link.date.as_ref().map_or("", |v| v.text.as_str());
        // Resolving shortened the excerpt without the titles links show: a beginning with
        // a link is read again.
        let linked = prefix(&d.body.text, prose::BEGINNING_BYTES * 3 / 2).contains("[[");
        Prepared {
            heads: distinct_words([d.title.as_str()]),
            texts: distinct_words([
                d.summary.as_str(),
                &self.read(&d.body, self.share),
                date,
                d.kind.as_str(),
                &d.tags.join(" "),
            ]),
            entry: Entry {
                kind: "d",
                url: link.url.clone(),
                title: d.title.clone(),
                title_lang: self.other(&d.lang),
                meta: join_meta([date, d.kind.as_str()]),
                summary: shorten(&d.summary, SUMMARY_CHARS),
                // taken from the prose resolving extracted and shortened, not parsed again
                excerpt: if linked && d.body.format == Format::Markdown {
                    self.excerpt(&d.body)
                } else {
                    d.excerpt.to_string()
                },
                excerpt_lang: self.other(&d.lang),
            },
        }
    }

    fn actor(&self, a: &Actor, link: &ActorLink) -> Prepared {
        let names = std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str));
        Prepared {
            heads: distinct_words(names),
            texts: distinct_words([
                a.description.as_str(),
                &self.read(&a.body, usize::MAX),
                &a.tags.join(" "),
            ]),
            entry: Entry {
                kind: "a",
                url: link.url.clone(),
                title: a.name.clone(),
                title_lang: String::new(),
                meta: join_meta([link.kind_label.as_str(), a.country.as_str()]),
                summary: shorten(&a.description, SUMMARY_CHARS),
                excerpt: self.excerpt(&a.body),
                excerpt_lang: String::new(),
            },
        }
    }

    fn event(&self, e: &Event, view: &EventView) -> Prepared {
        let tags = e.tags.join(" ");
        let description = self.read(&e.body, usize::MAX);
        let texts = [&*description, view.date.text.as_str(), &tags];
        let quotes = view.sources.iter().map(|s| s.quote);
        // an event's excerpt is its first quote, in its document's language
        let first = view.sources.first();
        Prepared {
            heads: distinct_words([e.title.as_str(), e.place.as_str()]),
            texts: distinct_words(texts.into_iter().chain(quotes)),
            entry: Entry {
                kind: "e",
                url: view.url.clone(),
                title: e.title.clone(),
                title_lang: String::new(),
                meta: join_meta([view.date.text.as_str(), e.place.as_str()]),
                summary: shorten(&self.excerpt(&e.body), SUMMARY_CHARS),
                excerpt: first.map_or_else(String::new, |s| shorten(s.quote, prose::EXCERPT_CHARS)),
                excerpt_lang: first.map_or_else(String::new, |s| self.other(s.lang)),
            },
        }
    }
}

/// The entries whose headings, and whose texts, hold a word.
type Postings = (Vec<u32>, Vec<u32>);

/// The entries and their words gathered so far.
struct Merged {
    postings: FxHashMap<String, Postings>,
    entries: Vec<Entry>,
}

impl Merged {
    fn with_capacity(entries: usize) -> Merged {
        Merged {
            postings: FxHashMap::default(),
            entries: Vec::with_capacity(entries),
        }
    }

    /// Adds the next entries, numbered after those already added.
    fn add(&mut self, prepared: Vec<Arc<Prepared>>) {
        for p in prepared {
            let n = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
            let p = Arc::unwrap_or_clone(p);
            for (words, heads) in [(&p.heads, true), (&p.texts, false)] {
                for word in words.split(' ').filter(|w| !w.is_empty()) {
                    let slot = match self.postings.get_mut(word) {
                        Some(slot) => slot,
                        None => self.postings.entry(word.to_string()).or_default(),
                    };
                    if heads { &mut slot.0 } else { &mut slot.1 }.push(n);
                }
            }
            self.entries.push(p.entry);
        }
    }

    /// The index: the words sorted into one dictionary, with their postings.
    fn finish(self, groups: Vec<Group>) -> Index {
        let mut sorted: Vec<(String, Postings)> = self.postings.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut index = Index {
            entries: self.entries,
            groups,
            terms: Vec::with_capacity(sorted.len()),
            heads: Vec::with_capacity(sorted.len()),
            texts: Vec::with_capacity(sorted.len()),
        };
        for (term, (heads, texts)) in sorted {
            index.terms.push(term);
            index.heads.push(deltas(heads));
            index.texts.push(deltas(texts));
        }
        index
    }
}

/// Ascending numbers as differences from the previous one (smaller in JSON).
fn deltas(mut numbers: Vec<u32>) -> Vec<u32> {
    let mut last = 0;
    for n in &mut numbers {
        let d = *n - last;
        last = *n;
        *n = d;
    }
    numbers
}

/// The first `max` bytes of `text`, or a little less to end on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn join_meta<'t>(parts: impl IntoIterator<Item = &'t str>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests;
