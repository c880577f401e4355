//! dossier: a static site generator for briefing dossiers.
//!
//! A build is the pipeline of six stages, each a module private to the crate: `load` (read
//! `dossier.toml` and `content/`) → `resolve` (one immutable `model::Dossier`) → the theme
//! (`render::theme`) → `render` (pages, in parallel) → `linkcheck` (every internal link
//! must exist) → `write` (atomic output, never outside the output directory). `build`,
//! `check`, `build --watch` and `serve` all run it; rebuilds keep its memo
//! ([`rebuild::Session`]).
//!
//! The library API is what the command line uses, and nothing else:
//! - [`build`] and [`check`], given [`BuildOptions`], return an [`Outcome`]: its
//!   [`diagnostic`]s, the [`Timings`] of the stages, the number of files;
//! - [`rebuild::Session`] rebuilds what [`rebuild::Changes`] touch, reporting to a
//!   [`Progress`]; [`serve::serve`] and [`serve::watch_build`] run it on every edit;
//! - [`import`], [`scaffold`] (`init`, `new`, `theme eject`) and [`interrupt`];
//! - [`Error`], the failures that are not mistakes in the content, and [`ACTOR_KINDS`].
//!
//! The stages are reached by the unit tests inside the crate; the benchmarks, which time
//! them apart, go through `for_benches`, which is no stable API.

mod config;
mod date;
pub mod diagnostic;
mod fold;
mod hash;
pub mod import;
mod integrity;
pub mod interrupt;
mod linkcheck;
mod load;
mod model;
mod pipeline;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod random_text;
pub mod rebuild;
mod render;
mod resolve;
pub mod scaffold;
pub mod serve;
mod shorten;
mod slug;
mod suggest;
mod write;

pub use config::BuildOptions;
/// The kinds an actor may have (`kind = "person"` in its front matter).
pub use model::ACTOR_KINDS;
pub use pipeline::{Outcome, Progress, Timings, build, check};

/// Internals that the benchmarks in `benches/` time: the stages one at a time (the library
/// API runs them only together), and the speed tricks against plain code. **Not a stable
/// API**: it changes with the stages and the tricks, and nothing but the benches may use it
/// (the tests go through the library API, or are unit tests inside the crate).
#[doc(hidden)]
pub mod for_benches {
    /// The one folding rule of slugs and search, per character.
    pub use crate::fold::fold_char;
    /// Stage 5, the link check.
    pub use crate::linkcheck::Links;
    /// Stage 1: settings and content files, and the read of one file (SIMD-checked UTF-8).
    pub use crate::load::{Content, Loaded, load, read_text};
    /// What stage 2 resolves.
    pub use crate::model::Dossier;
    /// The search index's words of some texts (runs of ASCII folded at a time).
    pub use crate::render::search::terms;
    /// Stage 3, the theme.
    pub use crate::render::theme::{Theme, load as load_theme};
    /// The site's URLs, which the theme takes.
    pub use crate::render::urls::Urls;
    /// Stage 4: the pages a dossier has, and their rendering.
    pub use crate::render::{OutputFile, Plan, plan, render};
    /// Stage 2: ids, references, quotes, mentions and the timeline.
    pub use crate::resolve::resolve;
    /// Stage 6, the write.
    pub use crate::write::{Destination, Writer, Written, safe_output, static_files};
}

use std::path::PathBuf;

/// Writes to a standard stream, ignoring a closed pipe: `dossier build | head -0` must end
/// with the build's own exit code, not a panic. Used through [`say!`] and its kin.
#[doc(hidden)]
#[macro_export]
macro_rules! write_quietly {
    ($stream:ident, $write:ident, $($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = $write!(std::io::$stream().lock(), $($arg)*);
    }};
}

/// Like `print!`, ignoring a closed pipe.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::write_quietly!(stdout, write, $($arg)*) };
}

/// Like `println!`, ignoring a closed pipe.
#[macro_export]
macro_rules! sayln {
    ($($arg:tt)*) => { $crate::write_quietly!(stdout, writeln, $($arg)*) };
}

/// Like `eprint!`, ignoring a closed pipe (`dossier check 2>&1 | head -1`).
#[macro_export]
macro_rules! warn {
    ($($arg:tt)*) => { $crate::write_quietly!(stderr, write, $($arg)*) };
}

/// Like `eprintln!`, ignoring a closed pipe.
#[macro_export]
macro_rules! warnln {
    ($($arg:tt)*) => { $crate::write_quietly!(stderr, writeln, $($arg)*) };
}

/// Failures that are not mistakes in the content: wrong arguments, I/O, misuse.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--root` is not a dossier project.
    #[error("{} is not a dossier project: it has no dossier.toml (run `dossier init DIR` to create one)", .0.display())]
    NotADossier(PathBuf),
    /// The output directory would overwrite the sources.
    #[error("refusing to write the site to {}: {reason}", .path.display())]
    UnsafeOutput {
        /// The refused output directory.
        path: PathBuf,
        /// Why.
        reason: &'static str,
    },
    /// Reading or writing files failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// An interrupt stopped the build before its site was swapped in (see [`interrupt`]).
    #[error("interrupted: the unfinished site was removed and the previous one left untouched")]
    Interrupted,
    /// A command-line value is unusable (the message says why).
    #[error("{0}")]
    Usage(String),
    /// The preview server's port is taken.
    #[error(
        "cannot serve on {0}: the port is in use, by another program or another `dossier serve`; choose another with `--port {next}`",
        next = .0.port().checked_add(1).unwrap_or(1111)
    )]
    PortInUse(std::net::SocketAddr),
    /// Scaffolding refused to overwrite something.
    #[error("{0}")]
    Scaffold(String),
}

impl Error {
    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

/// Frees `value` on another thread: tearing down a large dossier takes tens of milliseconds
/// nobody needs to wait for (a process that exits meanwhile simply stops freeing). Freeing
/// in place instead makes a 10,000-document build take 9 % longer (resolve 17 %), for the
/// same CPU time (`benches/ab.py --build`, 7 alternated builds, 2026-12-06; bench/README.md).
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    // if no thread can be started, the value comes back with the error and drops here
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}
