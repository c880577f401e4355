//! The id table: one namespace for documents, actors and events, and typed look-ups.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Located;
use crate::model::{ActorId, DocId, IdMap, Target};
use crate::suggest;

/// Every declared id and what it names.
#[derive(Debug, Default)]
pub struct Ids {
    map: IdMap,
    broken: std::collections::HashSet<String>,
    /// Everything declared, in order: equal fingerprints mean equal tables.
    print: RunningFingerprint,
}

/// The table's running fingerprint (see [`crate::hash`]).
#[derive(Debug, Clone)]
struct RunningFingerprint(crate::hash::Hasher);

impl Default for RunningFingerprint {
    fn default() -> RunningFingerprint {
        RunningFingerprint(crate::hash::hasher())
    }
}

impl Ids {
    /// An empty table with room for `n` ids.
    pub fn with_capacity(n: usize) -> Ids {
        Ids {
            map: IdMap::with_capacity_and_hasher(n, ahash::RandomState::new()),
            ..Ids::default()
        }
    }

    /// Declares `id`; a second declaration of the same id is refused with what the first
    /// declared (the caller knows where that was, and reports it: see [`duplicate`]).
    pub fn declare(&mut self, id: &str, target: Target) -> Result<(), Target> {
        // What a lookup answers, not where it was declared: moving a declaration within
        // its file (an edit above it) must not invalidate what depends on the table.
        (id, target).hash(&mut self.print.0);
        match self.map.entry(id.to_string()) {
            std::collections::hash_map::Entry::Occupied(first) => Err(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(target);
                Ok(())
            }
        }
    }

    /// Marks ids of files that failed to load: references to them are not errors of their own.
    pub fn mark_broken(&mut self, ids: impl IntoIterator<Item = String>) {
        let mut ids: Vec<String> = ids.into_iter().collect();
        ids.sort();
        ids.hash(&mut self.print.0);
        self.broken.extend(ids);
    }

    /// A fingerprint of every declaration so far, for caches that depend on the whole table.
    pub fn fingerprint(&self) -> u64 {
        self.print.0.finish()
    }

    /// True for the id of a file that failed to load.
    pub fn is_broken(&self, id: &str) -> bool {
        self.broken.contains(id)
    }

    /// What `id` names.
    pub fn get(&self, id: &str) -> Option<Target> {
        self.map.get(id).copied()
    }

    /// The plain map, for the resolved dossier.
    pub fn into_map(self) -> IdMap {
        self.map
    }

    /// The actor `reference` names; otherwise an error at its span.
    pub fn actor(
        &self,
        reference: &Located,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Option<ActorId> {
        match self.get(reference.as_str()) {
            Some(Target::Actor(a)) => Some(a),
            None if self.is_broken(reference.as_str()) => None,
            other => {
                out.push(self.wrong(reference, file, other, "actor", |t| {
                    matches!(t, Target::Actor(_))
                }));
                None
            }
        }
    }

    /// The document `reference` names; otherwise an error at its span.
    pub fn document(
        &self,
        reference: &Located,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Option<DocId> {
        match self.get(reference.as_str()) {
            Some(Target::Document(d)) => Some(d),
            None if self.is_broken(reference.as_str()) => None,
            other => {
                out.push(self.wrong(reference, file, other, "document", |t| {
                    matches!(t, Target::Document(_))
                }));
                None
            }
        }
    }

    /// An error for a reference to a missing id, or to an id of the wrong kind.
    fn wrong(
        &self,
        reference: &Located,
        file: &Path,
        found: Option<Target>,
        kind: &str,
        fits: impl Fn(&Target) -> bool,
    ) -> Diagnostic {
        let id = reference.as_str();
        let (message, hint) = match found {
            Some(t) => (
                format!("`{id}` is {}, not {} {kind}", describe(t), article(kind)),
                format!("use the id of {} {kind} here", article(kind)),
            ),
            None => {
                let candidates: Vec<&str> = self
                    .map
                    .iter()
                    .filter(|(_, t)| fits(t))
                    .map(|(k, _)| k.as_str())
                    .collect();
                let hint = match suggest::closest(id, candidates.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!("create content/{kind}s/{id}.md or fix the id"),
                };
                (format!("unknown {kind} `{id}`"), hint)
            }
        };
        Diagnostic::error(file, reference.span.clone(), message, hint)
    }

    /// An error for a `[[id]]` link to nothing, with a suggestion from every id.
    pub fn unknown_link(&self, id: &str, file: &Path, span: Range<usize>) -> Diagnostic {
        let hint = match suggest::closest(id, self.map.keys().map(String::as_str)) {
            Some(c) => format!("did you mean `[[{c}]]`?"),
            None => "link to the id (file name without extension) of a document, actor or event"
                .to_string(),
        };
        Diagnostic::error(file, span, format!("`[[{id}]]` links to nothing"), hint)
    }
}

fn describe(t: Target) -> &'static str {
    match t {
        Target::Document(_) => "a document",
        Target::Actor(_) => "an actor",
        Target::Event(_) => "an event",
    }
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Resolves actor references: the id table while resolving, or the ids of a resolved
/// dossier when an edit is applied to it (see [`super::delta`]).
pub trait ActorRefs {
    /// The actor `reference` names; otherwise a problem at its span.
    fn actor_ref(
        &self,
        reference: &Located,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Option<ActorId>;
}

impl ActorRefs for Ids {
    fn actor_ref(
        &self,
        reference: &Located,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Option<ActorId> {
        self.actor(reference, file, out)
    }
}

impl ActorRefs for IdMap {
    fn actor_ref(
        &self,
        reference: &Located,
        file: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Option<ActorId> {
        match self.get(reference.as_str()) {
            Some(Target::Actor(a)) => Some(*a),
            // Never shown: a problem sends the edit to a full resolve, which explains it.
            _ => {
                out.push(Diagnostic::error(
                    file,
                    reference.span.clone(),
                    format!("`{}` is not an actor", reference.as_str()),
                    "resolve the whole dossier",
                ));
                None
            }
        }
    }
}

/// The error for `id` declared again at `span` of `file`, first declared in `first`.
pub fn duplicate(id: &str, first: &Path, file: &Path, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        file,
        span,
        format!("the id `{id}` is already used by {}", first.display()),
        "ids are unique across documents, actors and events: rename one of them",
    )
}
