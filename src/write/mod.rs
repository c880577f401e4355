//! Stage 6, write: the rendered files, `static/` and the originals go to the output, and
//! only there.
//!
//! [`safe_output`] first resolves the output path as the operating system will (symbolic
//! links followed, `..` applied after them) and refuses any spelling that lands on the
//! project or its sources; every later step uses that resolved path. Then a [`Writer`]
//! takes the files as they render, to one of three [`Destination`]s:
//! - [`Destination::Staged`]: a whole site in a staging directory beside the output, with
//!   `static/` copied in, swapped in only when everything succeeded, so a failing build
//!   leaves the previous site untouched (`build`, and the first build of `serve`);
//! - [`Destination::InPlace`]: a rebuild writes, file by file and atomically, only the
//!   files whose bytes changed, removes those that are gone and refreshes `static/`;
//! - [`Destination::Nowhere`]: `check` writes nothing.
//!
//! What was written is remembered in [`Written`], for the next rebuild to compare with.

mod guard;
mod in_place;
mod staging;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use walkdir::WalkDir;

use crate::Error;
use crate::diagnostic::Diagnostic;
use crate::hash;
use crate::render::OutputFile;
use crate::render::shipped::is_older_copy;
pub use guard::safe_output;
use in_place::{remove_in_place, write_in_place};
use staging::Staging;

/// Where the files of a build go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// Nowhere: `check`.
    Nowhere,
    /// A whole new site, swapped in when everything succeeded.
    Staged,
    /// Over the site already there, file by file, only what changed.
    InPlace,
}

/// What the last good build left in the output: the fingerprint of every file written, by
/// path in the site.
#[derive(Debug, Default)]
pub struct Written {
    files: HashMap<String, u64>,
    /// A site is in place to rebuild on.
    site: bool,
}

impl Written {
    /// True once a build has put a whole site in place.
    pub fn has_site(&self) -> bool {
        self.site
    }
}

/// A file the site copies from the project: a file of `static/`, or an original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Where it is.
    pub from: PathBuf,
    /// Its path in the site, with `/` separators.
    pub path: String,
    /// The fingerprint of its bytes when already known (an original, hashed by the load),
    /// so that a rebuild does not read an unchanged file again to compare it.
    pub print: Option<u64>,
}

/// The write stage of one build, taking files as they are rendered.
pub struct Writer<'o> {
    output: &'o Path,
    staging: Option<Staging>,
    destination: Destination,
    /// Fingerprints of the files staged (kept for the next rebuild), or the files waiting
    /// to be written in place once the build is known to be good.
    taken: Mutex<Vec<(OutputFile, u64)>>,
    /// Whether to keep what was written, for rebuilds.
    remember: bool,
    /// Time spent writing, summed over the rendering threads.
    writing_ns: AtomicU64,
    /// How many files were staged.
    staged: AtomicUsize,
}

impl<'o> Writer<'o> {
    /// Opens the write stage for a site at `output`, which [`safe_output`] resolved.
    pub fn open(
        destination: Destination,
        output: &'o Path,
        remember: bool,
    ) -> Result<Writer<'o>, Error> {
        let staging = match destination {
            Destination::Staged => Some(Staging::new(output)?),
            Destination::InPlace | Destination::Nowhere => None,
        };
        Ok(Writer {
            output,
            staging,
            destination,
            taken: Mutex::new(Vec::new()),
            remember,
            writing_ns: AtomicU64::new(0),
            staged: AtomicUsize::new(0),
        })
    }

    /// Takes one rendered file: staged at once, or kept until the build is known to be good.
    pub fn take(&self, file: OutputFile) -> Result<(), Diagnostic> {
        match (&self.staging, self.destination) {
            (Some(staging), _) => {
                let began = Instant::now();
                let written = staging.write(&file);
                let ns = u64::try_from(began.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.writing_ns.fetch_add(ns, Ordering::Relaxed);
                written.map_err(|e| unwritable(&file.path, e))?;
                self.staged.fetch_add(1, Ordering::Relaxed);
                if self.remember {
                    let print = hash::of_bytes(&file.bytes);
                    let path = OutputFile {
                        path: file.path,
                        bytes: Vec::new(),
                    };
                    self.lock().push((path, print));
                }
            }
            (None, Destination::InPlace) => {
                let print = hash::of_bytes(&file.bytes);
                self.lock().push((file, print));
            }
            (None, _) => {}
        }
        Ok(())
    }

    /// Writes in place the files taken so far whose bytes changed, so that a rebuild shows
    /// the edited pages before the pages that show the whole dossier are rendered. Returns
    /// how many were written.
    pub fn write_ready(&self, written: &mut Written) -> Result<usize, Error> {
        if self.destination != Destination::InPlace {
            return Ok(0);
        }
        let ready = std::mem::take(&mut *self.lock());
        write_changed(self.output, written, ready)
    }

    /// Time spent writing files while they rendered, summed over the threads.
    pub fn writing(&self) -> Duration {
        Duration::from_nanos(self.writing_ns.load(Ordering::Relaxed))
    }

    /// Finishes the site: with `good`, copies `copied` (the [`static_files`] and the
    /// originals) and swaps the staged site in, or writes the changed files in place and
    /// removes the files of `written` that are neither among `pages` (the output path of
    /// every page of the site) nor copied; otherwise leaves the output as it was. Returns
    /// how many files were written.
    pub fn finish<'p>(
        self,
        good: bool,
        copied: &[Copied],
        pages: impl Iterator<Item = &'p str>,
        written: &mut Written,
    ) -> Result<usize, Error> {
        let taken = std::mem::take(&mut *self.lock());
        if !good {
            return Ok(0);
        }
        match (self.staging, self.destination) {
            (Some(staging), _) => {
                let mut files: HashMap<String, u64> = taken
                    .into_iter()
                    .map(|(f, print)| (f.path, print))
                    .collect();
                for file in copied {
                    let print = staging.copy(file)?;
                    if self.remember {
                        files.insert(file.path.clone(), print);
                    }
                }
                let count = self.staged.load(Ordering::Relaxed) + copied.len();
                staging.commit()?;
                if self.remember {
                    *written = Written { files, site: true };
                }
                Ok(count)
            }
            (None, Destination::InPlace) => {
                let mut count = write_changed(self.output, written, taken)?;
                let pages: BTreeSet<&str> = pages.collect();
                count += sync_copied(self.output, copied, &pages, written)?;
                Ok(count)
            }
            (None, _) => Ok(0),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(OutputFile, u64)>> {
        self.taken.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn unwritable(path: &str, error: Error) -> Diagnostic {
    Diagnostic::error(
        Path::new(path),
        0..0,
        error.to_string(),
        "check the output directory's permissions and free space",
    )
}

/// Writes the files whose bytes differ from what was last written; returns how many.
fn write_changed(
    output: &Path,
    written: &mut Written,
    files: Vec<(OutputFile, u64)>,
) -> Result<usize, Error> {
    let mut count = 0;
    for (file, print) in files {
        if written.files.get(&file.path) != Some(&print) {
            write_in_place(output, &file)?;
            written.files.insert(file.path, print);
            count += 1;
        }
    }
    Ok(count)
}

/// Copies the `copied` files over the output where bytes differ, and removes what a build
/// wrote that is now neither a page nor a copied file. Returns how many files were copied.
fn sync_copied(
    output: &Path,
    copied: &[Copied],
    pages: &BTreeSet<&str>,
    written: &mut Written,
) -> Result<usize, Error> {
    let mut now = BTreeSet::new();
    let mut count = 0;
    for file in copied {
        let path = &file.path;
        if file.print.is_some() && written.files.get(path) == file.print.as_ref() {
            now.insert(path.as_str());
            continue;
        }
        let from = &file.from;
        let bytes = fs::read(from).map_err(Error::io(format!("reading {}", from.display())))?;
        let print = file.print.unwrap_or_else(|| hash::of_bytes(&bytes));
        if written.files.get(path) != Some(&print) {
            write_in_place(
                output,
                &OutputFile {
                    path: path.clone(),
                    bytes,
                },
            )?;
            written.files.insert(path.clone(), print);
            count += 1;
        }
        now.insert(path.as_str());
    }
    let gone: Vec<String> = written
        .files
        .keys()
        .filter(|path| !pages.contains(path.as_str()) && !now.contains(path.as_str()))
        .cloned()
        .collect();
    for path in gone {
        remove_in_place(output, &path)?;
        written.files.remove(&path);
    }
    Ok(count)
}

/// The regular files of the project's `static/` directory that go into the site: where
/// each is, and its path in the site (with `/` separators). Symbolic links are not
/// followed, and an unedited copy of an older built-in asset is left out: the built-in
/// asset, rendered already, stands for it. Build, rebuild and link check share this rule.
pub fn static_files(root: &Path) -> Vec<Copied> {
    let dir = root.join("static");
    WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
            let site_path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Copied {
                from: e.path().to_path_buf(),
                path: site_path,
                print: None,
            }
        })
        .filter(|file| !is_older_copy(root, &format!("static/{}", file.path)))
        .collect()
}
