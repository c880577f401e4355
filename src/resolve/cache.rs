//! Reuse of each document's text analysis between rebuilds, for `serve`.
//!
//! Extracting prose and finding mentions is most of resolving; for a document whose file
//! was not re-read (the same parsed file) and whose actor names did not change, the
//! previous results still hold.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::mentions::{Found, Matcher};
use super::prose::Prose;
use crate::load::raw::{RawDocument, RawFile};

/// What a document's text yields, independent of the rest of the dossier but the actor names.
#[derive(Debug)]
pub struct TextFacts {
    /// The prose runs and wiki links.
    pub prose: Prose,
    /// Mentions of actors.
    pub found: Vec<Found>,
}

/// Text facts by document id, valid for one set of actor names.
#[derive(Debug, Default)]
pub struct Cache {
    names: u64,
    documents: HashMap<String, (Arc<RawFile<RawDocument>>, Arc<TextFacts>)>,
}

impl Cache {
    /// The facts of `raw` if they are still valid for actor names fingerprinted `names`.
    pub fn get(&self, raw: &Arc<RawFile<RawDocument>>, names: u64) -> Option<Arc<TextFacts>> {
        if self.names != names {
            return None;
        }
        let (file, facts) = self.documents.get(&raw.id)?;
        Arc::ptr_eq(file, raw).then(|| facts.clone())
    }

    /// Replaces the cache with the facts of this build.
    pub fn store(
        &mut self,
        names: u64,
        entries: impl IntoIterator<Item = (Arc<RawFile<RawDocument>>, Arc<TextFacts>)>,
    ) {
        self.names = names;
        self.documents = entries
            .into_iter()
            .map(|(raw, facts)| (raw.id.clone(), (raw, facts)))
            .collect();
    }
}

/// A fingerprint of the actor names a [`Matcher`] was built from.
pub fn names_fingerprint<'a>(names: impl IntoIterator<Item = (usize, &'a str)>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (actor, name) in names {
        (actor, name).hash(&mut h);
    }
    h.finish()
}

/// Analyses the text of `raw`.
pub fn facts(
    raw: &RawFile<RawDocument>,
    format: crate::model::Format,
    matcher: &Matcher,
) -> TextFacts {
    let prose = super::prose::extract(raw.body(), format);
    let found = matcher.find(&prose);
    TextFacts { prose, found }
}
