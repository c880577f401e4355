//! Watching the project: notify with notify-debouncer-full, batches of changed paths.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use crate::Error;

/// How long the debouncer waits for more events after one: long enough to coalesce an
/// editor's write-and-rename or a `git checkout`, short enough to feel instant.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// A batch of changed paths, or `None` when the watcher lost track and everything must be
/// re-read.
pub type Batch = Option<Vec<PathBuf>>;

/// Keeps the watcher alive; batches arrive on the receiver.
pub struct Watcher {
    debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
    waiting: Arc<AtomicBool>,
}

impl Watcher {
    /// True when a batch was sent since [`Watcher::taken`]: a rebuild under way is out of date.
    pub fn waiting(&self) -> bool {
        self.waiting.load(Ordering::Relaxed)
    }

    /// Notes that every batch sent so far has been received.
    pub fn taken(&self) {
        self.waiting.store(false, Ordering::Relaxed);
    }

    /// Starts watching `content/`, `originals/`, `templates/` or `static/` if they appeared since.
    pub fn refresh(&mut self) -> Result<(), Error> {
        for dir in ["content", "originals", "templates", "static"] {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| {
                        Error::io(format!("watching {}", path.display()))(std::io::Error::other(e))
                    })?;
                self.watched.push(path);
            }
        }
        self.watched.retain(|p| p.is_dir());
        Ok(())
    }
}

/// Watches `content/`, `originals/`, `templates/`, `static/` and `dossier.toml` under `root`.
pub fn watch(root: &Path) -> Result<(Watcher, Receiver<Batch>), Error> {
    let (tx, rx) = channel();
    let waiting = Arc::new(AtomicBool::new(false));
    let flag = waiting.clone();
    let handler = move |result: DebounceEventResult| {
        let batch: Batch = match result {
            Ok(events) if events.iter().any(|e| e.need_rescan()) => None,
            // Reading files (as every build does) raises access events: they are not edits.
            Ok(events) => Some(
                events
                    .into_iter()
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .collect(),
            ),
            Err(_) => None,
        };
        // Only reads happened: nothing to rebuild, and a rebuild under way is not out of date.
        if batch.as_ref().is_some_and(Vec::is_empty) {
            return;
        }
        flag.store(true, Ordering::Relaxed);
        let _ = tx.send(batch);
    };
    // Links are not followed, as the build does not follow them: what changes behind a
    // link is nothing to rebuild for.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt(DEBOUNCE, None, handler, RecommendedCache::new(), config)
        .map_err(|e| Error::io("starting the file watcher")(std::io::Error::other(e)))?;
    // The root itself, not recursively: dossier.toml, and directories being created.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::io(format!("watching {}", root.display()))(std::io::Error::other(e)))?;
    let mut watcher = Watcher {
        debouncer,
        root: root.to_path_buf(),
        watched: Vec::new(),
        waiting,
    };
    watcher.refresh()?;
    Ok((watcher, rx))
}
