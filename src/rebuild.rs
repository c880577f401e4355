//! Rebuilds after edits, for `serve` and `build --watch`: only what a change touches.
//!
//! A [`Session`] keeps what the last build learnt: every parsed content file, each
//! document's text analysis, the theme, and the fingerprint and output path of every page.
//! An edit re-reads only the files it names, resolves with the cached analyses, renders
//! only pages whose fingerprint changed, and writes only files whose bytes changed. The
//! site on disk is always the last good build: nothing is written when there are errors.

mod content;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::build::Outcome;
use crate::config::BuildOptions;
use crate::diagnostic::{self, Diagnostic, Sources};
use crate::linkcheck::Links;
use crate::load::raw::{RawDocument, RawFile};
use crate::load::{self, Loaded};
use crate::render::fingerprint::{PageKey, Rendition, STALE};
use crate::render::theme::{self, Theme};
use crate::render::{self, OutputFile, urls::Urls};
use crate::resolve::{self, cache::Cache};
use crate::{Error, write};
use content::Content;

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
}

impl Changes {
    /// True when nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        !self.settings && !self.templates && self.statics.is_empty() && self.content.is_empty()
    }
}

/// How a rebuild in a watch loop reports progress and learns that it is out of date.
pub struct Progress<'p> {
    /// Called as soon as the pages about single documents and actors are written, before
    /// the pages that show the whole dossier are rendered.
    pub first: &'p mut dyn FnMut(),
    /// True when newer edits are waiting: the pages that show the whole dossier and are
    /// not started yet are then left stale, for the rebuild that follows.
    pub superseded: &'p (dyn Fn() -> bool + Sync),
}

/// What the last good build left, to build on.
struct Built {
    rendition: Rendition,
    /// Hash of every file on disk that a build wrote, by output path.
    written: HashMap<String, u64>,
    /// Output paths copied from `static/`.
    statics: BTreeSet<String>,
}

/// A dossier being rebuilt as it is edited.
pub struct Session {
    options: BuildOptions,
    content: Content,
    cache: Cache,
    theme: Option<Result<Theme, Vec<Diagnostic>>>,
    theme_sources: Sources,
    built: Option<Built>,
    /// Search entries of the last render, reused by the next.
    search: render::search::Memo,
    /// The last rebuild was superseded and left pages stale.
    cut_short: bool,
    /// The last build's dossier when it had no problems: edits to documents that keep
    /// their declarations are applied to it (see [`resolve::delta`]).
    dossier: Option<crate::model::Dossier>,
    /// The links and ids of every page of the last render, so that a rebuild checks the
    /// pages it renders against the whole site.
    links: Links,
}

impl Session {
    /// A session for the project of `options`; nothing is read until the first build.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            content: Content::default(),
            cache: Cache::default(),
            theme: None,
            theme_sources: Sources::default(),
            built: None,
            search: render::search::Memo::default(),
            cut_short: false,
            dossier: None,
            links: Links::default(),
        }
    }

    /// The options the session builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Reads everything and builds the whole site, swapping it in atomically.
    pub fn build_all(&mut self) -> Result<Outcome, Error> {
        self.options.output = write::safe_output(&self.options.root, &self.options.output)?;
        self.cache = Cache::default();
        self.theme = None;
        self.built = None;
        self.search = render::search::Memo::default();
        self.dossier = None;
        self.links = Links::default();
        self.content = Content::read_all(&self.options.root);
        self.run(
            true,
            Progress {
                first: &mut || {},
                superseded: &|| false,
            },
            None,
        )
    }

    /// Applies `changes` and rebuilds what they touch.
    pub fn apply(&mut self, changes: &Changes) -> Result<Outcome, Error> {
        let progress = Progress {
            first: &mut || {},
            superseded: &|| false,
        };
        self.apply_then(changes, progress)
    }

    /// Like [`Session::apply`], reporting to `progress` (see [`Progress`]).
    pub fn apply_then(
        &mut self,
        changes: &Changes,
        progress: Progress<'_>,
    ) -> Result<Outcome, Error> {
        if changes.settings || self.built.is_none() {
            return self.build_all();
        }
        if changes.templates {
            self.theme = None;
            // Every page renders again; the paths stay known, so pages gone meanwhile are removed.
            self.mark_stale(|_| true);
        }
        // Edits to files that were and still are documents may be applied by delta.
        let only_documents = self.content.update(&self.options.root, &changes.content);
        if !changes.statics.is_empty() {
            // A static file may shadow a built-in asset, or stop doing so.
            self.mark_stale(|k| matches!(k, PageKey::Fixed(render::Page::Asset(_))));
        }
        let edited = only_documents.then(|| {
            let exists = |rel: &&PathBuf| self.options.root.join(rel).exists();
            let parsed = changes
                .content
                .iter()
                .filter(exists)
                .map(|rel| self.content.document(rel).cloned());
            parsed.collect::<Option<Vec<_>>>()
        });
        self.run(false, progress, edited.flatten())
    }

    /// Marks the pages `which` selects to be rendered again by the next rebuild.
    fn mark_stale(&mut self, which: impl Fn(&PageKey) -> bool) {
        if let Some(built) = &mut self.built {
            for (key, (print, _)) in &mut built.rendition.pages {
                if which(key) {
                    *print = STALE;
                }
            }
        }
    }

    /// True when the last rebuild was superseded and left pages for the next one: a watch
    /// loop then rebuilds even if the edits that superseded it turn out to change nothing.
    pub fn was_cut_short(&self) -> bool {
        self.cut_short
    }

    /// True when pages were left stale by a superseded rebuild and none has followed yet.
    pub fn has_stale_pages(&self) -> bool {
        self.built
            .as_ref()
            .is_some_and(|b| b.rendition.pages.values().any(|(print, _)| *print == STALE))
    }

    /// Resolves and renders; `edited`, when given, are the documents the edit re-read,
    /// which may be applied to the previous dossier.
    fn run(
        &mut self,
        atomic: bool,
        progress: Progress<'_>,
        edited: Option<Vec<Arc<RawFile<RawDocument>>>>,
    ) -> Result<Outcome, Error> {
        let Progress { first, superseded } = progress;
        self.cut_short = false;
        let mut outcome = Outcome::default();
        let started = Instant::now();
        let by_delta = match (self.dossier.take(), edited) {
            (Some(mut dossier), Some(edited)) => {
                resolve::delta::apply_document_edits(&mut dossier, &edited, &mut self.cache)
                    .then_some(dossier)
            }
            _ => None,
        };
        let (dossier, mut diagnostics) = match by_delta {
            Some(dossier) => {
                outcome.timings.resolve = started.elapsed();
                outcome.by_delta = true;
                (dossier, Vec::new())
            }
            None => self.resolve_all(&mut outcome)?,
        };
        let urls = Urls::new(&dossier.settings.base_url);
        let language = dossier.settings.language.clone();

        let started = Instant::now();
        if self.theme.is_none() {
            self.theme_sources = Sources::default();
            self.theme = Some(theme::load(
                &self.options.root,
                &language,
                &urls,
                &mut self.theme_sources,
            ));
        }
        outcome.sources = self.theme_sources.clone();
        let theme = match self.theme.as_ref() {
            Some(Ok(t)) => Some(t),
            Some(Err(problems)) => {
                diagnostics.extend(problems.iter().cloned());
                None
            }
            None => None,
        };
        if let (Some(theme), false) = (theme, diagnostics.iter().any(Diagnostic::is_error)) {
            let pages = render::plan(&dossier, theme);
            let files = Mutex::new(Vec::new());
            let scanned = Mutex::new(Vec::new());
            // Taken out while rendering, so the first phase may write through `built`.
            let previous = self
                .built
                .as_mut()
                .map(|b| std::mem::take(&mut b.rendition));
            let ok_so_far = !diagnostics.iter().any(Diagnostic::is_error);
            let output = &self.options.output;
            let built = &mut self.built;
            let mut early = Ok(0);
            let sink = |f: OutputFile| {
                let links = Links::scan(&f);
                scanned
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(links);
                files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
                Ok(())
            };
            let (rendition, mut problems) = render::render_in_two_phases(
                &dossier,
                theme,
                &pages,
                render::Previous {
                    rendition: previous.as_ref(),
                    search: &self.search,
                },
                sink,
                |rendered| {
                    // In place, the edited pages can be shown before the slow aggregate pages exist.
                    if let (false, true, true, Some(built)) =
                        (atomic, ok_so_far, rendered, built.as_mut())
                    {
                        let ready =
                            std::mem::take(&mut *files.lock().unwrap_or_else(|e| e.into_inner()));
                        early = write_files(output, &mut built.written, &ready);
                        first();
                    }
                },
                superseded,
            );
            if let (Some(built), Some(previous)) = (self.built.as_mut(), previous.clone()) {
                built.rendition = previous;
            }
            outcome.files += early?;
            self.cut_short = rendition.pages.values().any(|(print, _)| *print == STALE);
            diagnostics.append(&mut problems);
            outcome.timings.render = started.elapsed();
            if !diagnostics.iter().any(Diagnostic::is_error) {
                let started = Instant::now();
                let scanned = scanned.into_inner().unwrap_or_else(|e| e.into_inner());
                diagnostics.extend(self.check_links(&dossier, &urls, scanned, &rendition, atomic));
                outcome.timings.links = started.elapsed();
            }
            if !diagnostics.iter().any(Diagnostic::is_error) {
                let started = Instant::now();
                let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
                outcome.files += files.len();
                if atomic {
                    self.write_all(files, rendition)?;
                } else {
                    self.write_changes(files, rendition)?;
                }
                outcome.timings.write = started.elapsed();
            }
        }
        diagnostic::sort(&mut diagnostics);
        self.dossier = diagnostics.is_empty().then_some(dossier);
        outcome
            .sources
            .read_missing(&self.options.root, &diagnostics);
        outcome.diagnostics = diagnostics;
        Ok(outcome)
    }

    /// Updates the link index with the pages just rendered, forgets pages that are gone,
    /// and checks the links of the whole site after a full build, of the rendered pages
    /// after a rebuild (an unchanged page links to what it linked to before).
    fn check_links(
        &mut self,
        dossier: &crate::model::Dossier,
        urls: &Urls,
        scanned: Vec<(String, Option<crate::linkcheck::Scanned>)>,
        rendition: &Rendition,
        full: bool,
    ) -> Vec<Diagnostic> {
        let rendered: Vec<String> = scanned.iter().map(|(path, _)| path.clone()).collect();
        for page in scanned {
            self.links.insert(page);
        }
        let statics: BTreeSet<String> = write::static_files(&self.options.root)
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        let live: BTreeSet<&str> = rendition.pages.values().map(|(_, p)| p.as_str()).collect();
        self.links
            .retain(|path| live.contains(path) || statics.contains(path));
        for path in statics {
            self.links.insert_file(path);
        }
        if full {
            self.links.check(dossier, urls)
        } else {
            self.links
                .check_pages(rendered.iter().map(String::as_str), dossier, urls)
        }
    }

    /// Loads and resolves everything, with the cached analyses.
    fn resolve_all(
        &mut self,
        outcome: &mut Outcome,
    ) -> Result<(crate::model::Dossier, Vec<Diagnostic>), Error> {
        let started = Instant::now();
        let (settings, mut diagnostics) = load::load_settings(&self.options)?;
        let (raw, mut problems) = load::assemble(self.content.files(), self.options.drafts);
        diagnostics.append(&mut problems);
        diagnostics.extend(self.content.skipped().cloned());
        outcome.timings.load = started.elapsed();

        let started = Instant::now();
        let (dossier, mut problems) = resolve::resolve_cached(
            Loaded {
                settings,
                raw,
                diagnostics: Vec::new(),
            },
            Some(&mut self.cache),
        );
        diagnostics.append(&mut problems);
        outcome.timings.resolve = started.elapsed();
        Ok((dossier, diagnostics))
    }

    /// Writes a whole site through a staging directory and swaps it in.
    fn write_all(&mut self, files: Vec<OutputFile>, rendition: Rendition) -> Result<(), Error> {
        use rayon::prelude::*;
        let staging = write::Staging::new(&self.options.output)?;
        let written = files
            .par_iter()
            .map(|f| staging.write(f).map(|()| (f.path.clone(), crate::hash::of_bytes(&f.bytes))))
            .collect::<Result<HashMap<String, u64>, Error>>()?;
        staging.commit()?;
        self.built = Some(Built {
            rendition,
            written,
            statics: BTreeSet::new(),
        });
        self.sync_static()
    }

    /// Writes the files whose bytes changed, removes pages that are gone, refreshes static files.
    fn write_changes(&mut self, files: Vec<OutputFile>, rendition: Rendition) -> Result<(), Error> {
        let output = self.options.output.clone();
        let Some(built) = self.built.as_mut() else {
            return Ok(());
        };
        write_files(&output, &mut built.written, &files)?;
        let live: BTreeSet<&String> = rendition.pages.values().map(|(_, path)| path).collect();
        let gone: Vec<String> = built
            .rendition
            .pages
            .values()
            .map(|(_, p)| p.clone())
            .filter(|p| !live.contains(p))
            .collect();
        for path in gone {
            write::remove_in_place(&output, &path)?;
            built.written.remove(&path);
        }
        built.rendition = rendition;
        self.sync_static()
    }

    /// Copies `static/` over the output where bytes differ; files no longer in `static/` are
    /// removed unless a page (a built-in asset) now provides them.
    fn sync_static(&mut self) -> Result<(), Error> {
        let output = self.options.output.clone();
        let Some(built) = self.built.as_mut() else {
            return Ok(());
        };
        let mut now = BTreeSet::new();
        for (from, path) in write::static_files(&self.options.root) {
            let bytes =
                fs::read(&from).map_err(Error::io(format!("reading {}", from.display())))?;
            let h = crate::hash::of_bytes(&bytes);
            if built.written.get(&path) != Some(&h) {
                write::write_in_place(
                    &output,
                    &OutputFile {
                        path: path.clone(),
                        bytes,
                    },
                )?;
                built.written.insert(path.clone(), h);
            }
            now.insert(path);
        }
        let pages: BTreeSet<&String> = built.rendition.pages.values().map(|(_, p)| p).collect();
        for gone in built.statics.difference(&now) {
            if !pages.contains(gone) {
                write::remove_in_place(&output, gone)?;
                built.written.remove(gone);
            }
        }
        built.statics = now;
        Ok(())
    }
}

/// Writes the files whose bytes differ from what was last written; returns how many.
fn write_files(
    output: &Path,
    written: &mut HashMap<String, u64>,
    files: &[OutputFile],
) -> Result<usize, Error> {
    let mut count = 0;
    for f in files {
        let h = crate::hash::of_bytes(&f.bytes);
        if written.get(&f.path) != Some(&h) {
            write::write_in_place(output, f)?;
            written.insert(f.path.clone(), h);
            count += 1;
        }
    }
    Ok(count)
}
