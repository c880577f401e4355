//! Reuse of each document's text analysis between rebuilds, for `serve`.
//!
//! Extracting prose and finding mentions is most of resolving; for a document whose file
//! was not re-read (the same parsed file) and whose actor names did not change, the
//! previous results still hold. The same goes for what those results become once quotes
//! are located and mentions numbered ([`Analysis`]), as long as the id table and the
//! quotes citing the document are the same too.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

pub use super::analysis::{Analysis, TextFacts, facts, file_print};
use super::events::Draft;
use super::mentions::Matcher;
use super::quote::Selector;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawDocument, RawFile};
use crate::model::Citer;

/// What the last build learnt about one document.
#[derive(Debug)]
struct Entry {
    file: Arc<RawFile<RawDocument>>,
    facts: Arc<TextFacts>,
    /// The analysis, with the fingerprint of the ids and citations it was made with.
    analysis: Option<(u64, Arc<Analysis>)>,
}

/// Text facts and analyses by document id, valid for one set of actor names.
#[derive(Debug, Default)]
pub struct Cache {
    /// Whether to keep anything (rebuilds) or not (a one-off build, which would only hold
    /// memory it never reads).
    remember: bool,
    names: u64,
    /// The matcher of the actor names fingerprinted `names`, once a build needed one.
    matcher: Option<Arc<Matcher>>,
    documents: HashMap<String, Entry>,
    /// The events each document declares, with the problems found reading them.
    drafts: HashMap<String, (Arc<RawFile<RawDocument>>, Arc<Declared>)>,
    /// By document index, the citations of the last full resolve that cite it.
    cites: Vec<Vec<Cite>>,
}

/// A citation of a document: event, citation number, what it cites, file declaring the event.
pub type Cite = (Citer, usize, Selector, PathBuf);

/// The events a document declares, and the problems found reading them.
pub type Declared = (Vec<Draft>, Vec<Diagnostic>);

impl Cache {
    /// An empty cache that keeps what each build learns when `remember`, or nothing.
    pub fn new(remember: bool) -> Cache {
        Cache {
            remember,
            ..Cache::default()
        }
    }

    /// True when the cache keeps what builds learn.
    pub fn remembers(&self) -> bool {
        self.remember
    }

    fn entry(&self, raw: &Arc<RawFile<RawDocument>>, names: u64) -> Option<&Entry> {
        let entry = self.documents.get(&raw.id)?;
        (self.names == names && Arc::ptr_eq(&entry.file, raw)).then_some(entry)
    }

    /// The facts of `raw` if they are still valid for actor names fingerprinted `names`.
    pub fn get(&self, raw: &Arc<RawFile<RawDocument>>, names: u64) -> Option<Arc<TextFacts>> {
        self.entry(raw, names).map(|e| e.facts.clone())
    }

    /// The analysis of `raw` if it was made with the same names and `context` (ids, citations).
    pub fn analysis(
        &self,
        raw: &Arc<RawFile<RawDocument>>,
        names: u64,
        context: u64,
    ) -> Option<Arc<Analysis>> {
        match &self.entry(raw, names)?.analysis {
            Some((c, analysis)) if *c == context => Some(analysis.clone()),
            _ => None,
        }
    }

    /// The fingerprint of the actor names the cache holds facts for.
    pub fn names(&self) -> u64 {
        self.names
    }

    /// The file, facts and analysis context the last build used for document `id`.
    pub fn previous(&self, id: &str) -> Option<(&Arc<RawFile<RawDocument>>, u64)> {
        let entry = self.documents.get(id)?;
        Some((&entry.file, entry.analysis.as_ref()?.0))
    }

    /// The citations of document `doc` (an index of the last full resolve).
    pub fn cites(&self, doc: usize) -> Option<&[Cite]> {
        self.cites.get(doc).map(Vec::as_slice)
    }

    /// Records the citations of every document, by index.
    pub fn store_cites(&mut self, cites: Vec<Vec<Cite>>) {
        self.cites = cites;
    }

    /// Replaces what is known of one document whose declarations did not change: its file,
    /// facts and analysis (made in the same context); and, when its front matter is the
    /// same byte for byte (positions included), the file its declared events come from.
    pub fn refresh(
        &mut self,
        file: Arc<RawFile<RawDocument>>,
        facts: Arc<TextFacts>,
        analysis: (u64, Arc<Analysis>),
        same_front: bool,
    ) {
        if let (true, Some((declared_by, _))) = (same_front, self.drafts.get_mut(&file.id)) {
            *declared_by = file.clone();
        }
        let entry = Entry {
            file,
            facts,
            analysis: Some(analysis),
        };
        self.documents.insert(entry.file.id.clone(), entry);
    }

    /// The matcher for actor names fingerprinted `names`, if the last build made it.
    pub fn matcher(&self, names: u64) -> Option<Arc<Matcher>> {
        self.matcher.clone().filter(|_| self.names == names)
    }

    /// The events `raw` declares, as the previous build read them.
    pub fn drafts(&self, raw: &Arc<RawFile<RawDocument>>) -> Option<Arc<Declared>> {
        let (file, declared) = self.drafts.get(&raw.id)?;
        Arc::ptr_eq(file, raw).then(|| declared.clone())
    }

    /// Replaces the events documents declare with those of this build.
    pub fn store_drafts(
        &mut self,
        entries: impl IntoIterator<Item = (Arc<RawFile<RawDocument>>, Arc<Declared>)>,
    ) {
        self.drafts = entries
            .into_iter()
            .map(|(raw, declared)| (raw.id.clone(), (raw, declared)))
            .collect();
    }

    /// Replaces the cache with what this build learnt: per document, its file, its facts
    /// and its analysis with the context fingerprint it was made with.
    pub fn store(
        &mut self,
        names: u64,
        matcher: Option<Arc<Matcher>>,
        entries: impl IntoIterator<
            Item = (
                Arc<RawFile<RawDocument>>,
                Arc<TextFacts>,
                (u64, Arc<Analysis>),
            ),
        >,
    ) {
        self.names = names;
        self.matcher = matcher;
        self.documents = entries
            .into_iter()
            .map(|(file, facts, analysis)| {
                let entry = Entry {
                    file,
                    facts,
                    analysis: Some(analysis),
                };
                (entry.file.id.clone(), entry)
            })
            .collect();
    }
}

/// A fingerprint of the actor names a [`Matcher`] was built from.
pub fn names_fingerprint<'a>(names: impl IntoIterator<Item = (usize, &'a str)>) -> u64 {
    let mut h = crate::hash::hasher();
    for (actor, name) in names {
        (actor, name).hash(&mut h);
    }
    h.finish()
}

/// A document's version: the fingerprint of its file, of the actor names and of the
/// context of its analysis (ids and citing quotes), which together determine its pages.
pub fn version(file: u64, names: u64, context: u64) -> u64 {
    crate::hash::of(&(file, names, context))
}
