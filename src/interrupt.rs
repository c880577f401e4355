//! Interrupts (Ctrl-C, `kill`, a closed terminal): a build that is writing stops and removes
//! its staged files, so an interrupted build leaves the previous site as it was and nothing
//! beside it.
//!
//! While no staging directory exists (loading, resolving, between rebuilds) there is
//! nothing to clean up and an interrupt ends the process at once. While one exists, the
//! first interrupt asks the build to stop (`requested`): no page is written or rendered
//! after it, the staging directory is removed, and the command exits with [`EXIT_CODE`]. A
//! second interrupt ends the process at once.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// The exit code of an interrupted command (128 + SIGINT, as shells report Ctrl-C).
pub const EXIT_CODE: u8 = 130;

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// How many staging directories exist. Held while one is made, so that an interrupt never
/// finds none and exits while one appears.
static STAGED: Mutex<usize> = Mutex::new(0);

/// True once an interrupt asked the build in progress to stop.
pub(crate) fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Runs `make` (which creates a staging directory) as a staging directory that exists:
/// from then on, an interrupt waits for the build to remove it.
pub(crate) fn staged<T, E>(make: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let mut staged = lock();
    let made = make();
    if made.is_ok() {
        *staged += 1;
    }
    made
}

/// Notes that a staging directory is gone (swapped in or removed).
pub(crate) fn unstaged() {
    let mut staged = lock();
    *staged = staged.saturating_sub(1);
}

fn lock() -> std::sync::MutexGuard<'static, usize> {
    STAGED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Catches interrupts for the rest of the process, on a thread of its own (see the module
/// documentation).
pub fn listen() {
    on_interrupt(|| {
        // Held until the exit, so that no staging directory appears in between.
        let staged = lock();
        if *staged > 0 && !requested() {
            REQUESTED.store(true, Ordering::Relaxed);
            crate::warnln!(
                "interrupted: removing the unfinished site (interrupt again to quit at once)"
            );
            return;
        }
        std::process::exit(i32::from(EXIT_CODE));
    });
}

/// Calls `each` on a thread of its own for every interrupt from now on: Ctrl-C (SIGINT),
/// termination (SIGTERM) and, on Unix, the terminal closing (SIGHUP). The signals are
/// caught before this returns, so none ends the process by itself afterwards.
///
/// A process catches them once: `listen` or `serve`, never both. Should catching fail, a
/// warning says so and the signals keep what they did before (by default, end the process).
pub(crate) fn on_interrupt(each: impl FnMut() + Send + 'static) {
    if let Err(e) = ctrlc::set_handler(each) {
        crate::warnln!("warning: could not catch interrupts: {e}");
    }
}
