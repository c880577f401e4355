//! The search index as the browser fetches it: a small manifest, the terms split into
//! shards by the first two letters of each term, and the entries split into chunks.
//!
//! A query fetches the manifest, one term shard per word typed (every term that starts
//! with the word's first two letters is in the same shard, so a prefix search needs no
//! other), then only the chunks of entries that hold the results it shows. At 10,000
//! documents this is about a tenth of the whole index (bench/README.md, `bench/search.py`).
//!
//! - `search-index.json`, the manifest: the shards' and chunks' paths, the chunk size, and
//!   the [`Group`]s (type, kind, year) by which results are narrowed;
//! - `search-index/tN.json`: the terms whose first two characters hash to `N` (FNV-1a of
//!   their UTF-8 bytes, modulo the number of shards), with their postings;
//! - `search-index/eN.json`: entries `N × CHUNK` to `(N + 1) × CHUNK`.
//!
//! The layout depends only on how many entries there are, so the build plans one page per
//! file before the index is built. The index is built once, while the other pages render
//! (see `render::render`), and each file is cut from it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::super::context::{SearchKind, SearchPage};
use super::super::urls::file_for;
use super::super::{OutputFile, Page, Site};
use super::{Entry, Group, Index};
use crate::diagnostic::Diagnostic;
use crate::model::Dossier;

/// Where the manifest is written, under the site root.
pub const INDEX_FILE: &str = "search-index.json";
/// The directory of the shards and chunks, under the site root.
const DIR: &str = "search-index";
/// Entries per chunk: a page of results is 30 entries, which most often sit in one or two
/// chunks (entries of one kind and year are together, and ties rank by year).
pub const CHUNK: usize = 64;
/// Most shards a dossier's terms are split into.
const MAX_SHARDS: usize = 256;
/// Entries per shard, about: a shard holds the postings of a few two-letter prefixes.
const ENTRIES_PER_SHARD: usize = 200;

/// How many shards and chunks an index of `entries` entries is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Term shards (a power of two).
    pub shards: usize,
    /// Entry chunks.
    pub chunks: usize,
}

impl Layout {
    /// The layout for `dossier`'s documents, actors and events.
    pub fn of(dossier: &Dossier) -> Layout {
        Layout::for_entries(dossier.documents.len() + dossier.actors.len() + dossier.events.len())
    }

    /// The layout for `entries` entries.
    pub fn for_entries(entries: usize) -> Layout {
        Layout {
            shards: entries
                .div_ceil(ENTRIES_PER_SHARD)
                .next_power_of_two()
                .clamp(1, MAX_SHARDS),
            chunks: entries.div_ceil(CHUNK).max(1),
        }
    }

    /// The manifest, then every shard and chunk, as pages to render.
    pub fn pages(self) -> impl Iterator<Item = Page> {
        let shards = (0..self.shards).map(|n| Page::SearchShard(to_u32(n)));
        let chunks = (0..self.chunks).map(|n| Page::SearchChunk(to_u32(n)));
        std::iter::once(Page::SearchIndex)
            .chain(shards)
            .chain(chunks)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// True for the pages cut from the built index.
pub fn is_cut_from_index(page: &Page) -> bool {
    matches!(
        page,
        Page::SearchIndex | Page::SearchShard(_) | Page::SearchChunk(_)
    )
}

/// The shard of `term` among `shards`: FNV-1a of the UTF-8 bytes of its first two
/// characters. `search.js` computes the same for each word typed.
pub fn shard_of(term: &str, shards: usize) -> usize {
    let end = term.char_indices().nth(2).map_or(term.len(), |(i, _)| i);
    let mut hash: u32 = 0x811c_9dc5;
    for &b in &term.as_bytes()[..end] {
        hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    hash as usize % shards.max(1)
}

fn shard_path(n: usize) -> String {
    format!("{DIR}/t{n}.json")
}

fn chunk_path(n: usize) -> String {
    format!("{DIR}/e{n}.json")
}

/// The index with its terms sorted into shards, ready to be cut into files.
pub struct Built {
    index: Index,
    layout: Layout,
    /// For each shard, its terms (numbers into `index.terms`), in order.
    by_shard: Vec<Vec<u32>>,
}

impl Built {
    /// Sorts the terms of `index` into the shards of `layout`.
    pub fn new(index: Index, layout: Layout) -> Built {
        let mut by_shard = vec![Vec::new(); layout.shards];
        for (i, term) in index.terms.iter().enumerate() {
            by_shard[shard_of(term, layout.shards)].push(to_u32(i));
        }
        Built {
            index,
            layout,
            by_shard,
        }
    }
}

/// `search-index.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    /// Format version, bumped when `search.js` must change with it.
    version: u32,
    /// How many entries.
    count: usize,
    /// Entries per chunk.
    chunk: usize,
    /// The shards' paths, relative to the manifest.
    shards: Vec<String>,
    /// The chunks' paths, relative to the manifest.
    chunks: Vec<String>,
    /// `[type, kind, year, first entry]` of each group.
    groups: Vec<(&'a str, &'a str, Option<i32>, u32)>,
}

/// `search-index/tN.json`: terms, sorted, with the delta-encoded entries whose headings
/// and whose texts hold each.
#[derive(Serialize)]
struct Shard<'a> {
    terms: Vec<&'a str>,
    heads: Vec<&'a [u32]>,
    texts: Vec<&'a [u32]>,
}

impl Built {
    fn manifest(&self) -> Manifest<'_> {
        Manifest {
            version: 2,
            count: self.index.entries.len(),
            chunk: CHUNK,
            shards: (0..self.layout.shards).map(shard_path).collect(),
            chunks: (0..self.layout.chunks).map(chunk_path).collect(),
            groups: (self.index.groups.iter())
                .map(|g: &Group| (g.of, g.kind.as_str(), g.year, g.start))
                .collect(),
        }
    }

    fn shard(&self, n: usize) -> Shard<'_> {
        let terms = self.by_shard.get(n).map_or(&[][..], Vec::as_slice);
        let index = &self.index;
        let pick = |t: &u32| usize::try_from(*t).unwrap_or(usize::MAX);
        Shard {
            terms: terms
                .iter()
                .map(|t| index.terms[pick(t)].as_str())
                .collect(),
            heads: terms
                .iter()
                .map(|t| index.heads[pick(t)].as_slice())
                .collect(),
            texts: terms
                .iter()
                .map(|t| index.texts[pick(t)].as_slice())
                .collect(),
        }
    }

    /// The path and bytes of the file `page` names: a shard, a chunk, or the manifest.
    pub fn file(&self, page: &Page) -> (String, serde_json::Result<Vec<u8>>) {
        let number = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
        match *page {
            Page::SearchShard(n) => (
                shard_path(number(n)),
                serde_json::to_vec(&self.shard(number(n))),
            ),
            Page::SearchChunk(n) => (
                chunk_path(number(n)),
                serde_json::to_vec(self.chunk(number(n))),
            ),
            _ => (INDEX_FILE.to_string(), serde_json::to_vec(&self.manifest())),
        }
    }

    fn chunk(&self, n: usize) -> &[Entry] {
        let entries = &self.index.entries;
        let start = (n * CHUNK).min(entries.len());
        &entries[start..(start + CHUNK).min(entries.len())]
    }
}

impl Site<'_, '_> {
    /// The search page; its script reads the manifest named by `data-index`.
    pub(in super::super) fn search(&self) -> Result<OutputFile, Diagnostic> {
        let url = self.urls.path("search/");
        let (document_kinds, actor_kinds) = self.search_kinds();
        let mut page = self.meta("search", "search", url.clone(), false);
        page.json_ld = self.json_ld(self.ld_page("SearchResultsPage", &page, None))?;
        let context = SearchPage {
            page,
            index: self.urls.path(INDEX_FILE),
            script: self.urls.path("search.js"),
            document_kinds,
            actor_kinds,
            years: self.search_years(),
        };
        self.html("search.html", file_for(self.urls, &url), &context)
    }

    /// The kinds of documents and of actors, each once and sorted, for the kind filter.
    fn search_kinds(&self) -> (Vec<&str>, Vec<SearchKind<'_>>) {
        let docs: BTreeSet<&str> = (self.dossier.documents.iter())
            .map(|d| d.kind.as_str())
            .filter(|k| !k.is_empty())
            .collect();
        let actors: BTreeMap<&str, &str> = (self.links.actors.iter())
            .map(|a| (a.kind, a.kind_label.as_str()))
            .collect();
        let actors = actors.into_iter();
        let actors = actors.map(|(value, label)| SearchKind { value, label });
        (docs.into_iter().collect(), actors.collect())
    }

    /// The years of documents and events, newest first, for the year filter.
    fn search_years(&self) -> Vec<i32> {
        let d = self.dossier;
        let docs = d.documents.iter().filter_map(|x| x.date.as_ref());
        let years: BTreeSet<i32> = docs
            .chain(d.events.iter().map(|e| &e.date))
            .map(|w| w.start.year)
            .collect();
        years.into_iter().rev().collect()
    }

    /// Builds the index of this site's dossier and sorts it into shards.
    pub(in super::super) fn build_search(&self) -> Built {
        let reuse = self.search_memo.zip(self.prints.as_ref());
        let index = super::build(
            self.dossier,
            &self.links.documents,
            &self.links.actors,
            self.events,
            reuse,
        );
        Built::new(index, Layout::of(self.dossier))
    }

    /// One file of the index: the manifest, a shard or a chunk.
    pub(in super::super) fn search_file(&self, page: &Page) -> Result<OutputFile, Diagnostic> {
        // Built while the other pages rendered; built here only if that was skipped.
        let local;
        let built = match self.search.get() {
            Some(built) => built,
            None => {
                local = self.build_search();
                &local
            }
        };
        let (path, written) = built.file(page);
        let bytes = written.map_err(|e| {
            Diagnostic::error(
                std::path::Path::new(&path),
                0..0,
                format!("could not write the search index: {e}"),
                "this is a bug in dossier; please report it",
            )
        })?;
        Ok(OutputFile { path, bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_with_the_same_two_first_letters_share_a_shard() {
        for shards in [1, 8, 128] {
            let n = shard_of("se", shards);
            for term in ["securite", "sel", "se"] {
                assert_eq!(shard_of(term, shards), n, "{term}");
            }
            assert!(n < shards);
        }
        // two characters, not two bytes
        assert_eq!(shard_of("éta", 64), shard_of("étu", 64));
    }

    #[test]
    fn the_shard_hash_is_fnv1a_as_search_js_computes_it() {
        // FNV-1a of "se" (0x73 0x65), as search.js computes it with Math.imul
        let mut h: u32 = 0x811c_9dc5;
        for b in [0x73u32, 0x65] {
            h = (h ^ b).wrapping_mul(16_777_619);
        }
        assert_eq!(shard_of("securite", 1 << 16), h as usize % (1 << 16));
    }

    #[test]
    fn the_layout_grows_with_the_entries() {
        assert_eq!(
            Layout::for_entries(0),
            Layout {
                shards: 1,
                chunks: 1
            }
        );
        assert_eq!(
            Layout::for_entries(30),
            Layout {
                shards: 1,
                chunks: 1
            }
        );
        assert_eq!(
            Layout::for_entries(23_000),
            Layout {
                shards: 128,
                chunks: 360
            }
        );
        assert_eq!(Layout::for_entries(10_000_000).shards, MAX_SHARDS);
    }
}
