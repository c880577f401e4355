//! Rebuilds after edits, for `serve` and `build --watch`: only what a change touches.
//!
//! A [`Session`] runs the same pipeline as a build ([`crate::build`]), with its memo kept
//! between builds: an edit re-reads only the files it names, resolves with the cached
//! analyses, renders only pages whose fingerprint changed, and writes only files whose
//! bytes changed. The site on disk is always the last good build: nothing is written when
//! there are errors. What an edit changed is told to it as [`Changes`], which
//! [`Changes::classify`] sorts out of the paths a file watcher reports.

mod changes;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::Error;
use crate::config::BuildOptions;
use crate::pipeline::Progress;
use crate::pipeline::{self, Memo, Outcome};
use crate::render::{self, fingerprint::PageKey};
use crate::write::{self, Destination};

/// What changed on disk, by kind, as the watcher classifies it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// `dossier.toml` changed: rebuild from scratch.
    pub settings: bool,
    /// Something under `templates/` changed: reload the theme, re-render every page.
    pub templates: bool,
    /// Files under `static/` (relative to the root), created, changed or removed.
    pub statics: BTreeSet<PathBuf>,
    /// Files or directories under `content/` (relative to the root), created, changed or removed.
    pub content: BTreeSet<PathBuf>,
    /// Files or directories under `originals/` (relative to the root), created, changed or
    /// removed: read and hashed again.
    pub originals: BTreeSet<PathBuf>,
}

impl Changes {
    /// True when nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        !self.settings
            && !self.templates
            && self.statics.is_empty()
            && self.content.is_empty()
            && self.originals.is_empty()
    }
}

/// A dossier being rebuilt as it is edited: the pipeline's memo kept between builds,
/// told what each edit changed.
pub struct Session {
    options: BuildOptions,
    memo: Memo,
}

impl Session {
    /// A session for the project of `options`; nothing is read until the first build.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            memo: Memo::kept(),
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Reads everything and builds the whole site, swapping it in atomically.
    pub fn build_all(&mut self) -> Result<Outcome, Error> {
        self.options.output = write::safe_output(&self.options.root, &self.options.output)?;
        let previous = std::mem::replace(&mut self.memo, Memo::kept());
        crate::drop_in_background(previous);
        Progress::quiet(|p| pipeline::run(&self.options, &mut self.memo, Destination::Staged, p))
    }

    /// Applies `changes` and rebuilds what they touch.
    pub fn apply(&mut self, changes: &Changes) -> Result<Outcome, Error> {
        Progress::quiet(|p| self.apply_then(changes, p))
    }

    /// Like [`Session::apply`], reporting to `progress` (see [`Progress`]).
    pub fn apply_then(
        &mut self,
        changes: &Changes,
        progress: Progress<'_>,
    ) -> Result<Outcome, Error> {
        if changes.settings || !self.memo.written.has_site() {
            return self.build_all();
        }
        if changes.templates {
            self.memo.templates_changed();
        }
        self.memo
            .content
            .update(&self.options.root, &changes.content);
        if !changes.originals.is_empty() {
            self.memo.originals.forget(&changes.originals);
            // what the documents say of their originals is checked by a full resolve
            self.memo.content.beyond_documents();
        }
        if !changes.statics.is_empty() {
            // A static file may shadow a built-in asset, or stop doing so.
            self.memo
                .mark_stale(|k| matches!(k, PageKey::Fixed(render::Page::Asset(_))));
        }
        pipeline::run(
            &self.options,
            &mut self.memo,
            Destination::InPlace,
            progress,
        )
    }

    /// True when the last rebuild was superseded and left pages for the next one: a watch
    /// loop then rebuilds even if the edits that superseded it turn out to change nothing.
    pub fn has_stale_pages(&self) -> bool {
        self.memo.has_stale_pages()
    }
}
