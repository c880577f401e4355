//! What the load knows of `content/`: every file read, and every entry skipped with the
//! problem about it. A first load reads everything; after edits, the paths they name are
//! looked at again by the same rule ([`load::locate`]), so a rebuild always holds exactly
//! what a build would read: a symbolic link made while `serve` runs is skipped, never
//! read through.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawDocument, RawFile};
use crate::load::{self, Entry, Loading, Parsed};

/// The content files read, and the entries skipped.
#[derive(Debug, Default)]
pub struct Content {
    /// Every content file read, parsed or not, by path relative to the root.
    files: BTreeMap<PathBuf, Loading>,
    /// The entries of `content/` that are not read (strays, symbolic links, unreadable
    /// entries), with the problem reported about each, by path.
    skipped: BTreeMap<PathBuf, Diagnostic>,
    /// The documents re-read since the last [`Content::take_edited`], when every path the
    /// edits named was a document and still is (or was never read and is gone); `None`
    /// once any other kind of path changed.
    edited: Option<Vec<PathBuf>>,
    /// False until everything has been read once.
    read: bool,
}

impl Content {
    /// Reads all of `root/content` unless it was read already (then only the edits noted
    /// since are read, by [`Content::update`]).
    pub fn read_all(&mut self, root: &Path) {
        if self.read {
            return;
        }
        // Each file is parsed as soon as the walk finds it (walking alone is a tenth of
        // loading 100,000 files); the map puts them back in path order.
        let (files, skipped): (Vec<(PathBuf, Loading)>, Vec<Diagnostic>) =
            load::entries(root, Path::new("content"))
                .par_bridge()
                .partition_map(|entry| match entry {
                    Ok(rel) => {
                        let loading = load::load_file(root, &rel);
                        rayon::iter::Either::Left((rel, loading))
                    }
                    Err(problem) => rayon::iter::Either::Right(problem),
                });
        *self = Content {
            files: files.into_iter().collect(),
            skipped: by_path(skipped).collect(),
            edited: Some(Vec::new()),
            read: true,
        };
    }

    /// The documents re-read since the last call, when nothing else changed (see
    /// [`Content::update`]): such edits may be applied to the previous dossier.
    pub fn take_edited(&mut self) -> Option<Vec<Arc<RawFile<RawDocument>>>> {
        let edited = self.edited.replace(Vec::new())?;
        let documents = edited.iter().map(|rel| self.document(rel).cloned());
        documents.collect()
    }

    /// Forgets what was at or under each of the `changed` paths (relative to `root`) and
    /// reads what is there now. Notes whether every path was a document and still is a
    /// file, or was never read and is gone (an editor's temporary file, renamed over the
    /// document it saves): such edits may be applied by delta ([`Content::take_edited`]).
    pub fn update(&mut self, root: &Path, changed: &BTreeSet<PathBuf>) {
        if !self.read {
            return;
        }
        let located: Vec<(&PathBuf, Option<(PathBuf, Entry)>)> = changed
            .iter()
            .map(|rel| (rel, load::locate(root, rel)))
            .collect();
        let only_documents = located.iter().all(|(rel, now)| {
            matches!(
                (self.files.get(*rel), now),
                (None, None) | (Some(Ok(Parsed::Document(_))), Some((_, Entry::File)))
            )
        });
        let mut touched = Vec::new();
        for (rel, now) in located {
            forget(&mut self.files, rel);
            forget(&mut self.skipped, rel);
            match now {
                Some((_, Entry::File)) if load::section_of(rel).is_none() => {
                    self.skipped.insert(rel.clone(), load::stray(rel));
                }
                Some((_, Entry::File)) => touched.push(rel.clone()),
                Some((_, Entry::Dir)) => {
                    let (files, skipped) = load::walk(root, rel);
                    touched.extend(files);
                    self.skipped.extend(by_path(skipped));
                }
                Some((link, Entry::Link)) => {
                    let warning = load::link(&link);
                    self.skipped.insert(link, warning);
                }
                Some((_, Entry::Ignored)) | None => {}
            }
        }
        self.read_files(root, touched);
        match (&mut self.edited, only_documents) {
            (Some(edited), true) => {
                let exists = |rel: &&PathBuf| root.join(rel).exists();
                edited.extend(changed.iter().filter(exists).cloned());
            }
            (edited, _) => *edited = None,
        }
    }

    /// Notes that something beyond the documents' files changed (an original they cite): the
    /// next resolve is a full one, not a delta.
    pub fn beyond_documents(&mut self) {
        self.edited = None;
    }

    /// The document read from `rel`, if it is one.
    fn document(&self, rel: &Path) -> Option<&Arc<RawFile<RawDocument>>> {
        match self.files.get(rel) {
            Some(Ok(Parsed::Document(file))) => Some(file),
            _ => None,
        }
    }

    /// Every file read, in path order.
    pub fn files(&self) -> impl Iterator<Item = &Loading> {
        self.files.values()
    }

    /// The problems about the entries not read.
    pub fn skipped(&self) -> impl Iterator<Item = &Diagnostic> {
        self.skipped.values()
    }

    /// Reads the given content files (relative to `root`), which the load's rule admits.
    fn read_files(&mut self, root: &Path, files: Vec<PathBuf>) {
        let loaded: Vec<(PathBuf, Loading)> = files
            .into_par_iter()
            .map(|rel| {
                let loading = load::load_file(root, &rel);
                (rel, loading)
            })
            .collect();
        self.files.extend(loaded);
    }
}

/// Problems about entries of `content/`, keyed by the entry's path.
fn by_path(diagnostics: Vec<Diagnostic>) -> impl Iterator<Item = (PathBuf, Diagnostic)> {
    diagnostics.into_iter().map(|d| (d.file.clone(), d))
}

/// Removes the entry for `rel` and those for every path under it from `map`: in a map
/// ordered by path (component by component), they are the entries from `rel`'s on.
fn forget<V>(map: &mut BTreeMap<PathBuf, V>, rel: &Path) {
    let under: Vec<PathBuf> = map
        .range::<Path, _>((Bound::Included(rel), Bound::Unbounded))
        .map(|(path, _)| path)
        .take_while(|path| path.starts_with(rel))
        .cloned()
        .collect();
    for path in under {
        map.remove(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgetting_a_path_forgets_what_is_under_it_and_nothing_else() {
        let paths = [
            "content/documents/a",
            "content/documents/a-b.md",
            "content/documents/a.md",
            "content/documents/a/b/c.md",
            "content/documents/a/x.md",
            "content/documents/ab/x.md",
            "content/events/a/x.md",
        ];
        let mut map: BTreeMap<PathBuf, ()> = paths.iter().map(|p| (p.into(), ())).collect();
        forget(&mut map, Path::new("content/documents/a"));
        let left: Vec<&str> = map.keys().filter_map(|p| p.to_str()).collect();
        assert_eq!(
            left,
            [
                "content/documents/a-b.md",
                "content/documents/a.md",
                "content/documents/ab/x.md",
                "content/events/a/x.md",
            ]
        );
        forget(&mut map, Path::new("content/documents/a.md"));
        assert_eq!(map.len(), 3);
    }
}
