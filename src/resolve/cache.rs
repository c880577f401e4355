//! Reuse of each document's text analysis between rebuilds, for `serve`.
//!
//! Extracting prose and finding mentions is most of resolving; for a document whose file
//! was not re-read (the same parsed file) and whose actor names did not change, the
//! previous results still hold. The same goes for what those results become once quotes
//! are located and mentions numbered ([`Analysis`]), as long as the id table and the
//! quotes citing the document are the same too.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use super::analysis::Analysis;
use super::events::Draft;
use super::mentions::{Found, Matcher};
use super::prose::Prose;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawDocument, RawFile};

/// What a document's text yields, independent of the rest of the dossier but the actor names.
#[derive(Debug)]
pub struct TextFacts {
    /// The prose runs and wiki links.
    pub prose: Prose,
    /// Mentions of actors.
    pub found: Vec<Found>,
    /// A fingerprint of the whole file the facts come from.
    pub file_print: u64,
}

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
    names: u64,
    documents: HashMap<String, Entry>,
    /// The events each document declares, with the problems found reading them.
    drafts: HashMap<String, (Arc<RawFile<RawDocument>>, Arc<Declared>)>,
}

/// The events a document declares, and the problems found reading them.
pub type Declared = (Vec<Draft>, Vec<Diagnostic>);

impl Cache {
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
        entries: impl IntoIterator<
            Item = (
                Arc<RawFile<RawDocument>>,
                Arc<TextFacts>,
                (u64, Arc<Analysis>),
            ),
        >,
    ) {
        self.names = names;
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

/// The hasher of every fingerprint resolving keeps: fixed keys, so that equal inputs give
/// equal fingerprints from one rebuild to the next, and fast on whole files.
pub fn hasher() -> ahash::AHasher {
    ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher()
}

/// The fingerprint of `value`.
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}

/// A fingerprint of the actor names a [`Matcher`] was built from.
pub fn names_fingerprint<'a>(names: impl IntoIterator<Item = (usize, &'a str)>) -> u64 {
    let mut h = hasher();
    for (actor, name) in names {
        (actor, name).hash(&mut h);
    }
    h.finish()
}

/// A document's version: the fingerprint of its file, of the actor names and of the
/// context of its analysis (ids and citing quotes), which together determine its pages.
pub fn version(file: u64, names: u64, context: u64) -> u64 {
    fingerprint(&(file, names, context))
}

/// A fingerprint of a loaded file: its path and its whole text.
pub fn file_print<T>(raw: &RawFile<T>) -> u64 {
    fingerprint(&(&raw.path, &*raw.text))
}

/// Analyses the text of `raw`.
pub fn facts(
    raw: &RawFile<RawDocument>,
    format: crate::model::Format,
    matcher: &Matcher,
) -> TextFacts {
    let prose = super::prose::extract(raw.body(), format);
    let found = matcher.find(&prose);
    TextFacts {
        prose,
        found,
        file_print: file_print(raw),
    }
}
