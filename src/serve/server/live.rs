//! Live reload: the state of the last rebuild, the script injected into pages, and the
//! server-sent event stream that tells open pages to reload or show an error overlay.
//!
//! Each page carries a build token (`{instance}-{generation}`) in its script tag. On
//! connecting, the event stream first sends `hello` with the current token, so a page
//! that was served just before a rebuild, or by a server that has since restarted,
//! reloads instead of going stale. Then come `reload` (data: the new token) and `error`
//! (data: the report as a JSON string) as rebuilds happen.

use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::{StreamExt, stream};
use tokio::sync::broadcast::{self, error::RecvError};

/// The client side, served at `{base}__dossier/livereload.js`.
const SCRIPT: &str = include_str!("../livereload.js");

/// How often an idle event stream sends a comment: keeps proxies from timing it out
/// and finds clients that left without closing.
const KEEP_ALIVE: Duration = Duration::from_secs(10);

/// Build state shared by the request handlers and the [`super::Server`] handle.
pub(super) struct Live {
    /// Distinguishes this server from a previous one on the same port.
    instance: String,
    state: Mutex<State>,
    signals: broadcast::Sender<Signal>,
}

/// What changes with each rebuild.
struct State {
    /// Successful rebuilds so far.
    generation: u64,
    /// The report of the failed rebuild since the last good one.
    report: Option<String>,
}

/// A message to every open event stream.
#[derive(Clone)]
enum Signal {
    /// A rebuild succeeded; the new build token.
    Reload(Arc<str>),
    /// A rebuild failed; the report as a JSON string.
    Failed(Arc<str>),
}

impl Live {
    /// A fresh state: generation 0, no error.
    pub(super) fn new() -> Live {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        // A lagging stream is sent the current state, so a small buffer is enough.
        let (signals, _) = broadcast::channel(16);
        Live {
            instance: format!("{:x}{:x}", started.as_micros(), std::process::id()),
            state: Mutex::new(State {
                generation: 0,
                report: None,
            }),
            signals,
        }
    }

    /// Records a successful rebuild and tells every open page to reload.
    pub(super) fn reloaded(&self) {
        let mut state = self.lock();
        state.generation += 1;
        state.report = None;
        // Sent under the lock so a stream connecting meanwhile sees the state either
        // before (and then this signal) or after, never neither. No receivers is fine.
        let _ = self
            .signals
            .send(Signal::Reload(self.token(state.generation).into()));
    }

    /// Records a failed rebuild and shows `report` on every open page.
    pub(super) fn failed(&self, report: String) {
        let report = strip_ansi(&report);
        let json = json_string(&report);
        let mut state = self.lock();
        state.report = Some(report);
        let _ = self.signals.send(Signal::Failed(json.into()));
    }

    /// `html` with the live-reload script tag inserted before `</body>` (or appended).
    pub(super) fn inject(&self, mut html: Vec<u8>, base: &str) -> Vec<u8> {
        let token = self.token(self.lock().generation);
        let tag = format!(
            r#"<script src="{}__dossier/livereload.js" data-build="{token}" defer></script>"#,
            escape_attribute(base)
        );
        let at = rfind_ignore_case(&html, b"</body>").unwrap_or(html.len());
        html.splice(at..at, tag.into_bytes());
        html
    }

    /// `{ "ok": bool, "report": "…" }` at `{base}__dossier/status`.
    pub(super) fn status(&self) -> Response {
        let state = self.lock();
        let body = format!(
            r#"{{"ok":{},"report":{}}}"#,
            state.report.is_none(),
            json_string(state.report.as_deref().unwrap_or_default())
        );
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    }

    /// The number of open event streams.
    #[cfg(test)]
    pub(super) fn listeners(&self) -> usize {
        self.signals.receiver_count()
    }

    /// A new subscription and the events describing the current state.
    fn subscribe(&self) -> (broadcast::Receiver<Signal>, Vec<Event>) {
        let state = self.lock();
        (self.signals.subscribe(), self.snapshot(&state))
    }

    /// `hello` with the current token, then `error` if the last rebuild failed.
    fn snapshot(&self, state: &State) -> Vec<Event> {
        let hello = Event::default()
            .event("hello")
            .data(self.token(state.generation))
            .retry(Duration::from_secs(1));
        let error = state
            .report
            .as_deref()
            .map(|report| Event::default().event("error").data(json_string(report)));
        std::iter::once(hello).chain(error).collect()
    }

    fn token(&self, generation: u64) -> String {
        format!("{}-{generation}", self.instance)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Signal {
    fn event(&self) -> Event {
        match self {
            Signal::Reload(token) => Event::default().event("reload").data(&**token),
            Signal::Failed(json) => Event::default().event("error").data(&**json),
        }
    }
}

/// The script, at `{base}__dossier/livereload.js`.
pub(super) fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

/// The event stream at `{base}__dossier/events`. It ends when the client goes away
/// (the connection task drops it, and with it the subscription) or the server stops.
pub(super) fn events(live: Arc<Live>) -> Response {
    let (receiver, first) = live.subscribe();
    let later = stream::unfold((receiver, live), |(mut receiver, live)| async move {
        let events = match receiver.recv().await {
            Ok(signal) => vec![signal.event()],
            // Missed some signals: the current state says all that matters.
            Err(RecvError::Lagged(_)) => live.snapshot(&live.lock()),
            Err(RecvError::Closed) => return None,
        };
        Some((stream::iter(events), (receiver, live)))
    })
    .flatten();
    let events = stream::iter(first).chain(later).map(Ok::<_, Infallible>);
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// A JSON string literal: the report travels on one `data:` line whatever it holds.
fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// Removes ANSI escape sequences, in case a report was rendered for a colour terminal.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.next_if_eq(&'[').is_some() {
            // CSI: parameters and intermediates, then one final byte in @..=~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The position of the last ASCII-case-insensitive occurrence of `needle`.
fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > haystack.len() {
        return None;
    }
    (0..=haystack.len() - needle.len())
        .rev()
        .find(|&at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}
