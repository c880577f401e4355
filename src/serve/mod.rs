//! Live preview: `dossier serve` and `dossier build --watch`.
//!
//! Builds once, then watches the project; each batch of edits is classified
//! ([`Changes::classify`]) and handed to a [`Session`], which rebuilds only what the edits
//! touch.
//! The server keeps serving the last good build and tells open pages to reload, or shows
//! the diagnostics over the page when a rebuild fails.

mod server;
mod watch;

use std::io::IsTerminal;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::Error;
use crate::config::{self, BuildOptions};
use crate::pipeline::Progress;
use crate::rebuild::{Changes, Session};
use server::{Server, ServerConfig};

/// Options of `dossier serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project root.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Port to listen on.
    pub port: u16,
    /// Overrides `base_url`; only its path matters for serving.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Open the browser.
    pub open: bool,
}

/// Creates the directory `serve` writes its preview in, so `site/` is left alone: new, under
/// `parent`, with a name no one can guess, and readable by this user only. Created
/// exclusively, it can be no link that someone planted; the whole preview lives inside it
/// (the site in `site/`, and the build's staging directory beside it), so no rebuild ever
/// writes to a path that another user could have prepared.
fn preview_dir(parent: &Path) -> Result<tempfile::TempDir, Error> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("dossier-serve-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    builder.tempdir_in(parent).map_err(Error::io(format!(
        "creating a preview directory in {}",
        parent.display()
    )))
}

/// Builds, serves and rebuilds on every edit until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let (settings, _) = crate::load::load_settings(&BuildOptions::new(&options.root))?;
    let configured = options.base_url.clone().unwrap_or(settings.base_url);
    let base_path = config::base_path(&configured).unwrap_or_else(|_| "/".into());
    // Removed when `serve` returns, or by `remove_on_exit` on an interrupt.
    let preview = preview_dir(&std::env::temp_dir())?;
    let output = preview.path().join("site");
    let server = Server::start(ServerConfig {
        bind: options.bind,
        port: options.port,
        base_path: base_path.clone(),
        site_dir: output.clone(),
        limits: server::Limits::default(),
    })?;
    // Absolute URLs (feed, sitemap) point at the preview itself.
    let host = match options.bind {
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let mut build = BuildOptions::new(&options.root);
    build.output = output;
    build.drafts = options.drafts;
    build.base_url = Some(format!("http://{host}:{}{base_path}", server.port()));
    let mut session = Session::new(build);
    remove_on_exit(preview.path().to_path_buf());
    // Watch before the first build, so that edits made while it runs are not missed.
    let watching = watch::watch(&canonical(&options.root))?;
    report(&session.build_all()?, &server, None);
    crate::sayln!(
        "serving {} at {} from {} (Ctrl-C to stop)",
        options.root.display(),
        server.local_url(),
        session.options().output.display()
    );
    if options.open {
        open_browser(&server.local_url());
    }
    // Open pages reload as soon as the edited pages are written, and again when the
    // pages showing the whole dossier are.
    watch_loop(
        &mut session,
        watching,
        &mut || server.reloaded(),
        |outcome, timing| report(outcome, &server, Some(timing)),
    )
}

/// On an interrupt, removes the preview directory (in the system's temp directory, it would
/// otherwise pile up, one per run) and exits with success.
fn remove_on_exit(preview: PathBuf) {
    crate::interrupt::on_interrupt(move || {
        let _ = std::fs::remove_dir_all(&preview);
        crate::sayln!("stopped; removed the preview in {}", preview.display());
        std::process::exit(0);
    });
}

fn canonical(path: &std::path::Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `dossier build --watch`: builds, then rebuilds on every edit.
pub fn watch_build(options: BuildOptions) -> Result<(), Error> {
    let watching = watch::watch(&canonical(&options.root))?;
    let mut session = Session::new(options);
    print_outcome(&session.build_all()?, None);
    crate::sayln!(
        "watching {} (Ctrl-C to stop)",
        session.options().root.display()
    );
    watch_loop(&mut session, watching, &mut || {}, |outcome, timing| {
        print_outcome(outcome, Some(timing));
    })
}

fn watch_loop(
    session: &mut Session,
    (mut watcher, batches): (watch::Watcher, std::sync::mpsc::Receiver<watch::Batch>),
    first: &mut dyn FnMut(),
    mut done: impl FnMut(&crate::Outcome, Timing),
) -> Result<(), Error> {
    let root = canonical(&session.options().root);
    let output = canonical(&session.options().output);
    while let Ok(batch) = batches.recv() {
        let started = Instant::now();
        // Take every batch already waiting: one rebuild for a burst of saves.
        watcher.taken();
        let mut paths = Vec::new();
        let mut rescan = false;
        for b in std::iter::once(batch).chain(batches.try_iter()) {
            match b {
                Some(p) => paths.extend(p),
                None => rescan = true,
            }
        }
        let changes = if rescan {
            Changes {
                settings: true,
                ..Changes::default()
            }
        } else {
            Changes::classify(&root, &output, paths)
        };
        // A rebuild cut short by this batch left pages stale: catch up even if it is empty.
        if changes.is_empty() && !session.has_stale_pages() {
            continue;
        }
        watcher.refresh()?;
        let mut edited = None;
        let progress = Progress {
            first: &mut || {
                edited = Some(started.elapsed());
                first();
            },
            superseded: &|| watcher.waiting(),
        };
        let outcome = session.apply_then(&changes, progress)?;
        done(&outcome, Timing { started, edited });
    }
    Ok(())
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// When a rebuild started, and how long its edited pages took to be written.
struct Timing {
    started: Instant,
    edited: Option<std::time::Duration>,
}

fn print_outcome(outcome: &crate::Outcome, timing: Option<Timing>) {
    if !outcome.diagnostics.is_empty() {
        crate::warn!("{}", outcome.report(color()));
    }
    if outcome.failed() {
        crate::warnln!(
            "error: {} problem(s); still serving the last good build",
            outcome.errors()
        );
    } else {
        let t = &outcome.timings;
        let took = timing
            .as_ref()
            .map(|t| t.started.elapsed())
            .unwrap_or(t.load + t.resolve + t.render + t.write);
        let edited = match timing.and_then(|t| t.edited) {
            Some(e) => format!("edited pages written after {} ms; ", e.as_millis()),
            None => String::new(),
        };
        let resolve = if outcome.by_delta {
            "resolve (edited documents only)"
        } else {
            "resolve"
        };
        crate::sayln!(
            "rebuilt {} file(s) in {} ms ({edited}load {} ms, {resolve} {} ms, render {} ms, write {} ms)",
            outcome.files,
            took.as_millis(),
            t.load.as_millis(),
            t.resolve.as_millis(),
            t.render.as_millis(),
            t.write.as_millis()
        );
    }
}

fn report(outcome: &crate::Outcome, server: &Server, timing: Option<Timing>) {
    print_outcome(outcome, timing);
    if outcome.failed() {
        server.failed(outcome.report(false));
    } else {
        server.reloaded();
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        crate::warnln!("could not open a browser; visit {url}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn each_preview_directory_is_new_private_and_unpredictable() {
        use std::os::unix::fs::PermissionsExt;
        let temp = tempfile::tempdir().unwrap();
        let victim = temp.path().join("victim");
        std::fs::create_dir(&victim).unwrap();
        for name in ["dossier-serve-", "dossier-serve-0", "dossier-serve-000000"] {
            std::os::unix::fs::symlink(&victim, temp.path().join(name)).unwrap();
        }
        let (a, b) = (
            preview_dir(temp.path()).unwrap(),
            preview_dir(temp.path()).unwrap(),
        );
        assert_ne!(a.path(), b.path());
        for dir in [a.path(), b.path()] {
            assert_eq!(dir.parent(), Some(temp.path()));
            let meta = std::fs::symlink_metadata(dir).unwrap();
            assert!(meta.is_dir(), "{dir:?}");
            assert_eq!(meta.permissions().mode() & 0o777, 0o700, "{dir:?}");
        }
        let path = a.path().to_path_buf();
        drop(a);
        assert!(!path.exists(), "a preview is removed when dropped");
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0);
    }
}
