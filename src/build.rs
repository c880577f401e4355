//! The pipeline: load → resolve → render → write, timed stage by stage.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::Error;
use crate::config::BuildOptions;
use crate::diagnostic::{self, Diagnostic, Sources};
use crate::linkcheck::Links;
use crate::render::{self, OutputFile, theme};
use crate::{load, resolve, write};

/// How long each stage took.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Walking and parsing.
    pub load: Duration,
    /// Ids, quotes, mentions, timeline.
    pub resolve: Duration,
    /// Templates and pages (including writing them, which overlaps).
    pub render: Duration,
    /// Moving the staged site in place.
    pub write: Duration,
    /// Checking every internal link and fragment of the rendered site (after rendering;
    /// the pages are scanned while they render, within `render`).
    pub links: Duration,
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
    /// Files rendered.
    pub files: usize,
    /// Stage timings.
    pub timings: Timings,
    /// True when a rebuild applied the edited documents to the previous dossier instead of
    /// resolving everything again (see [`crate::resolve::delta`]).
    pub by_delta: bool,
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
}

/// Verifies everything a build verifies, rendering every page, writing nothing.
pub fn check(options: &BuildOptions) -> Result<Outcome, Error> {
    run(options, None)
}

/// Builds the site into `options.output`, atomically.
pub fn build(options: &BuildOptions) -> Result<Outcome, Error> {
    let mut options = options.clone();
    options.output = write::safe_output(&options.root, &options.output)?;
    run(&options, Some(()))
}

fn run(options: &BuildOptions, write_output: Option<()>) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let started = Instant::now();
    let loaded = load::load(options)?;
    outcome.timings.load = started.elapsed();

    let started = Instant::now();
    let urls = render::urls::Urls::new(&loaded.settings.base_url);
    let language = loaded.settings.language.clone();
    let (dossier, mut diagnostics) = resolve::resolve(loaded);
    outcome.timings.resolve = started.elapsed();

    let started = Instant::now();
    let theme = theme::load(&options.root, &language, &urls, &mut outcome.sources);
    // once per command: `serve` and `build --watch` rebuild without repeating it
    diagnostics.extend(crate::render::shipped::older_copies_warning(&options.root));
    let theme = match theme {
        Ok(t) => Some(t),
        Err(mut problems) => {
            diagnostics.append(&mut problems);
            None
        }
    };
    if let (Some(theme), false) = (&theme, diagnostics.iter().any(Diagnostic::is_error)) {
        let pages = render::plan(&dossier, theme);
        outcome.files = pages.len();
        let staging = write_output
            .map(|()| write::Staging::new(&options.output))
            .transpose()?;
        let writing_ns = AtomicU64::new(0);
        let scanned = Mutex::new(Vec::with_capacity(pages.len()));
        let write_file = |file: OutputFile| match &staging {
            Some(s) => {
                let began = Instant::now();
                let written = s.write(&file);
                let ns = u64::try_from(began.elapsed().as_nanos()).unwrap_or(u64::MAX);
                writing_ns.fetch_add(ns, Ordering::Relaxed);
                written.map_err(|e| {
                    Diagnostic::error(
                        std::path::Path::new(&file.path),
                        0..0,
                        e.to_string(),
                        "check the output directory's permissions and free space",
                    )
                })
            }
            None => Ok(()),
        };
        let sink = |file: OutputFile| {
            let links = Links::scan(&file);
            scanned
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(links);
            write_file(file)
        };
        diagnostics.extend(render::render_each(&dossier, theme, &pages, sink));
        if crate::interrupt::requested() {
            // the staged files are removed as `staging` is dropped
            return Err(Error::Interrupted);
        }
        outcome.timings.render = started.elapsed();
        outcome.timings.writing = Duration::from_nanos(writing_ns.into_inner());
        if !diagnostics.iter().any(Diagnostic::is_error) {
            let started = Instant::now();
            let mut links = Links::default();
            for file in scanned.into_inner().unwrap_or_else(|e| e.into_inner()) {
                links.insert(file);
            }
            for (_, path) in write::static_files(&options.root) {
                links.insert_file(path);
            }
            diagnostics.extend(links.check(&dossier, &urls));
            crate::drop_in_background(links);
            outcome.timings.links = started.elapsed();
        }
        if let Some(staging) = staging {
            let started = Instant::now();
            if diagnostics.iter().any(Diagnostic::is_error) {
                staging.abandon();
            } else {
                outcome.files += staging.copy_static(&options.root)?;
                staging.commit()?;
            }
            outcome.timings.write = started.elapsed();
        }
    }
    crate::drop_in_background((dossier, theme));
    diagnostic::sort(&mut diagnostics);
    outcome.sources.read_missing(&options.root, &diagnostics);
    outcome.diagnostics = diagnostics;
    Ok(outcome)
}
