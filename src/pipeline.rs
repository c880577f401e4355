//! The pipeline: the one sequence of stages that `build`, `check`, `build --watch` and
//! `serve` all run.
//!
//! 1. [`load`]: read `dossier.toml`, the files of `content/` and the originals they cite;
//! 2. [`resolve`]: check ids and references, locate quotes, detect mentions, order the
//!    timeline, into one immutable [`Dossier`](crate::model::Dossier);
//! 3. [`theme`](crate::render::theme): load the templates and strings;
//! 4. [`render`]: render the pages, each handed to the writer and the link scanner as it
//!    is ready;
//! 5. [`linkcheck`](crate::linkcheck): every internal link and fragment must exist;
//! 6. [`write`]: the site goes to its [`Destination`]: staged and swapped in whole, written
//!    in place file by file, or nowhere (`check`).
//!
//! A [`Memo`] is what the stages may reuse from the build before: the files and the
//! originals read, each document's analysis and the last dossier, the theme, each page's
//! fingerprint, the links of every page, and what is on disk. A one-off build starts from an empty memo that
//! keeps nothing; `serve` and `build --watch` keep one across rebuilds, and tell it what
//! changed ([`crate::rebuild::Session`]). The stages are the same either way: the memo
//! only lets them skip work whose result they already have.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::Error;
use crate::config::BuildOptions;
use crate::diagnostic::{self, Diagnostic, Sources};
use crate::linkcheck::{Links, Scanned};
use crate::load::Content;
use crate::model::Dossier;
use crate::render::theme::{self, Theme};
use crate::render::{self, OutputFile, fingerprint::PageKey, urls::Urls};
use crate::write::{Copied, Destination, Writer, Written};
use crate::{hash, load, resolve, write};

/// How long each stage took.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Walking and parsing.
    pub load: Duration,
    /// Ids, quotes, mentions, timeline.
    pub resolve: Duration,
    /// Templates and pages (including writing them to a staged site, which overlaps).
    pub render: Duration,
    /// Checking every internal link and fragment of the rendered site (after rendering;
    /// the pages are scanned while they render, within `render`).
    pub links: Duration,
    /// Putting the site in place: static files, the swap, or the changed files.
    pub write: Duration,
    /// Time the rendering threads spent writing files, added up over the threads (it
    /// overlaps rendering, so it is part of `render`).
    pub writing: Duration,
}

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts the diagnostics point into.
    pub sources: Sources,
    /// Files rendered (`check`) or written.
    pub files: usize,
    /// Stage timings.
    pub timings: Timings,
    /// True when a rebuild applied the edited documents to the previous dossier instead of
    /// resolving everything again (see `resolve::delta`).
    pub by_delta: bool,
    /// The dossier's weak points, when the options asked for the report.
    findings: Vec<crate::integrity::Finding>,
}

impl Outcome {
    /// True when at least one diagnostic is an error.
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics as text, ready for a terminal.
    pub fn report(&self, color: bool) -> String {
        diagnostic::render(&self.diagnostics, &self.sources, color)
    }

    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The integrity report as text, ready for a terminal (`check --report`), when the
    /// options asked for it: the weak points by kind, each with the file to edit.
    pub fn integrity_report(&self) -> String {
        crate::integrity::render(&self.findings)
    }

    /// How many weak points the integrity report lists.
    pub fn weak_points(&self) -> usize {
        self.findings.len()
    }
}

/// What the stages may reuse from the build before (see the module documentation).
#[derive(Default)]
pub(crate) struct Memo {
    /// Keep what this build learns for the next one (false for a one-off build).
    remember: bool,
    /// Load: the content files read.
    pub(crate) content: Content,
    /// Load: the originals read and hashed.
    pub(crate) originals: load::Originals,
    /// Resolve: each document's analysis, and the last dossier.
    resolve: resolve::Memo,
    /// The theme, or the problems with the templates, and the templates' texts.
    theme: Option<(Result<Theme, Vec<Diagnostic>>, Sources)>,
    /// Render: the fingerprint and path of every page, and the search entries.
    render: render::Memo,
    /// Link check: the links and ids of every page.
    links: Links,
    /// Write: what is on disk.
    pub(crate) written: Written,
}

impl Memo {
    /// A memo for a one-off build: it starts empty and keeps nothing.
    pub(crate) fn one_off() -> Memo {
        Memo::default()
    }

    /// A memo for a session of rebuilds, empty until its first build.
    pub(crate) fn kept() -> Memo {
        Memo {
            remember: true,
            resolve: resolve::Memo::new(true),
            ..Memo::default()
        }
    }

    /// Forgets the theme: the templates changed, and every page renders again.
    pub(crate) fn templates_changed(&mut self) {
        self.theme = None;
        self.mark_stale(|_| true);
    }

    /// Marks the pages `which` selects to be rendered again by the next build.
    pub(crate) fn mark_stale(&mut self, which: impl Fn(&PageKey) -> bool) {
        for (key, (print, _)) in &mut self.render.rendition.pages {
            if which(key) {
                *print = render::fingerprint::STALE;
            }
        }
    }

    /// True when pages were left stale by a superseded rebuild.
    pub(crate) fn has_stale_pages(&self) -> bool {
        let stale = render::fingerprint::STALE;
        self.render
            .rendition
            .pages
            .values()
            .any(|(print, _)| *print == stale)
    }
}

/// How a rebuild in a watch loop reports progress and learns that it is out of date.
pub struct Progress<'p> {
    /// Called as soon as the pages about single documents and actors are written in place,
    /// before the pages that show the whole dossier are rendered.
    pub first: &'p mut dyn FnMut(),
    /// True when newer edits are waiting: the pages that show the whole dossier and are
    /// not started yet are then left stale, for the rebuild that follows.
    pub superseded: &'p (dyn Fn() -> bool + Sync),
}

impl Progress<'_> {
    /// Runs `run` with a progress that reports to nobody and is never superseded.
    pub fn quiet<R>(run: impl FnOnce(Progress<'_>) -> R) -> R {
        run(Progress {
            first: &mut || {},
            superseded: &|| false,
        })
    }
}

/// Verifies everything a build verifies, rendering every page, writing nothing.
pub fn check(options: &BuildOptions) -> Result<Outcome, Error> {
    let mut memo = Memo::one_off();
    let outcome = Progress::quiet(|p| run(options, &mut memo, Destination::Nowhere, p));
    crate::drop_in_background(memo);
    outcome
}

/// Builds the site into `options.output`, atomically.
pub fn build(options: &BuildOptions) -> Result<Outcome, Error> {
    let mut options = options.clone();
    options.output = write::safe_output(&options.root, &options.output)?;
    let mut memo = Memo::one_off();
    let outcome = Progress::quiet(|p| run(&options, &mut memo, Destination::Staged, p));
    crate::drop_in_background(memo);
    outcome
}

/// Runs the stages, consulting and refreshing `memo`, and puts the site at `destination`
/// (`options.output`, resolved by [`write::safe_output`]).
pub(crate) fn run(
    options: &BuildOptions,
    memo: &mut Memo,
    destination: Destination,
    progress: Progress<'_>,
) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();

    // 1. Load.
    let started = Instant::now();
    let loaded = load::load(options, &mut memo.content, &mut memo.originals)?;
    let edited = memo.content.take_edited();
    if !memo.remember {
        // The files are in `loaded` now, which resolving frees as soon as it is done.
        crate::drop_in_background(std::mem::take(&mut memo.content));
    }
    outcome.timings.load = started.elapsed();

    // 2. Resolve.
    let started = Instant::now();
    let resolved = resolve::resolve(loaded, &mut memo.resolve, edited);
    let (dossier, mut diagnostics) = (resolved.dossier, resolved.diagnostics);
    outcome.by_delta = resolved.by_delta;
    if options.report {
        outcome.findings = crate::integrity::findings(&dossier);
    }
    outcome.timings.resolve = started.elapsed();

    // 3. Theme.
    let started = Instant::now();
    let urls = Urls::new(&dossier.settings.base_url);
    // Warned about once, when the theme is loaded (a build, or an edit to the templates).
    let mut warnings = Vec::new();
    let (theme, sources) = memo.theme.get_or_insert_with(|| {
        let mut sources = Sources::default();
        let theme = theme::load(&options.root, &dossier.settings, &urls, &mut sources);
        warnings.extend(render::shipped::older_copies_warning(&options.root));
        (theme, sources)
    });
    outcome.sources = sources.clone();
    let theme = match theme {
        Ok(theme) => Some(&*theme),
        Err(problems) => {
            diagnostics.extend(problems.iter().cloned());
            None
        }
    };

    if let (Some(theme), false) = (theme, failed(&diagnostics)) {
        // 4. Render, each page handed to the writer and the link scanner as it is ready.
        let writer = Writer::open(destination, &options.output, memo.remember)?;
        let scanned = Mutex::new(Vec::new());
        let sink = |file: OutputFile| {
            let links = Links::scan(&file);
            scanned
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(links);
            writer.take(file)
        };
        let resolved_clean = !failed(&diagnostics);
        let mut shown_early = Ok(0);
        let written = &mut memo.written;
        let between = |all_rendered: bool| {
            if resolved_clean && all_rendered && destination == Destination::InPlace {
                shown_early = writer.write_ready(written);
                (progress.first)();
            }
        };
        let plan = render::plan(&dossier, theme);
        let tracked = memo.remember.then_some(&memo.render);
        let (rendition, mut problems) = render::render(
            &dossier,
            theme,
            &plan,
            tracked,
            sink,
            between,
            progress.superseded,
        );
        if crate::interrupt::requested() {
            // the staged files are removed as the writer is dropped
            return Err(Error::Interrupted);
        }
        outcome.files += shown_early?;
        diagnostics.append(&mut problems);
        outcome.timings.render = started.elapsed();
        outcome.timings.writing = writer.writing();

        // 5. Check the links (`static/` is walked once, for this check and the write).
        let started = Instant::now();
        let mut copied = write::static_files(&options.root);
        copied.extend(published_originals(&dossier, &options.root));
        let scanned = scanned.into_inner().unwrap_or_else(|e| e.into_inner());
        let rendered = scanned.len();
        if !failed(&diagnostics) {
            let full = destination != Destination::InPlace;
            let check = check_links(
                &mut memo.links,
                scanned,
                &rendition,
                &dossier,
                &urls,
                &copied,
                full,
            );
            diagnostics.extend(check);
        }
        outcome.timings.links = started.elapsed();

        // 6. Write.
        let started = Instant::now();
        let pages = rendition.pages.values().map(|(_, path)| path.as_str());
        let good = !failed(&diagnostics);
        outcome.files += match destination {
            Destination::Nowhere => rendered,
            _ => writer.finish(good, &copied, pages, &mut memo.written)?,
        };
        outcome.timings.write = started.elapsed();
        if memo.remember && good {
            memo.render.rendition = rendition;
        }
    }

    memo.resolve.keep(dossier, diagnostics.is_empty());
    diagnostics.append(&mut warnings);
    diagnostic::sort(&mut diagnostics);
    if !memo.remember {
        crate::drop_in_background(std::mem::take(&mut memo.links));
    }
    outcome.sources.read_missing(&options.root, &diagnostics);
    outcome.diagnostics = diagnostics;
    Ok(outcome)
}

/// The originals the documents cite, each once, to be published at the path they have in
/// the project; their fingerprint comes from the hash the load computed.
fn published_originals(dossier: &Dossier, root: &std::path::Path) -> Vec<Copied> {
    let originals: BTreeMap<&str, &crate::model::Original> = (dossier.documents.iter())
        .filter_map(|d| d.source.original.as_deref())
        .map(|o| (o.site_path.as_str(), o))
        .collect();
    originals
        .into_values()
        .map(|o| Copied {
            from: root.join(&o.path),
            path: o.site_path.clone(),
            print: Some(hash::of_bytes(o.sha256.as_bytes())),
        })
        .collect()
}

fn failed(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Brings the link index up to date with the pages just `scanned` (forgetting pages that
/// are gone) and checks the links of the whole site when `full`, or of the pages just
/// rendered (an unchanged page links to what it linked to before).
fn check_links(
    links: &mut Links,
    scanned: Vec<(String, Option<Scanned>)>,
    rendition: &render::fingerprint::RenderedPages,
    dossier: &Dossier,
    urls: &Urls,
    copied: &[Copied],
    full: bool,
) -> Vec<Diagnostic> {
    let rendered: Vec<String> = scanned.iter().map(|(path, _)| path.clone()).collect();
    for page in scanned {
        links.insert(page);
    }
    let copied: BTreeSet<&str> = copied.iter().map(|file| file.path.as_str()).collect();
    if !rendition.pages.is_empty() {
        let live: BTreeSet<&str> = rendition.pages.values().map(|(_, p)| p.as_str()).collect();
        links.retain(|path| live.contains(path) || copied.contains(path));
    }
    for path in copied {
        links.insert_file(path.to_string());
    }
    if full {
        links.check(dossier, urls)
    } else {
        links.check_pages(rendered.iter().map(String::as_str), dossier, urls)
    }
}
