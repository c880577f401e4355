//! The built site's files, served by tower-http's `ServeDir` the way GitHub Pages serves
//! them: `x/` → `x/index.html`, `x` (a directory) → a redirect to `x/`, `x` (missing) →
//! `x.html`, and the site's own `404.html` for anything else.
//!
//! `ServeDir` refuses `..` (plain or percent-encoded), roots, drive prefixes and names it
//! cannot open (NUL). This module adds what it does not do: it never follows a symlink out
//! of the site ([`Confined`]), it refuses the empty and `.` segments that `ServeDir` would
//! quietly normalise away, it answers with the site's 404 page, and it names the charset of
//! text, which the site writes in UTF-8.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::services::fs::{Backend, TokioBackend, TokioFile};

/// The site directory, served.
pub(super) struct Files {
    dir: ServeDir<tower_http::services::fs::DefaultServeDirFallback, Confined>,
}

impl Files {
    /// Serves `site_dir`, which a rebuild may replace at any time (by a rename), under
    /// `base` (`/` or `/repo/`), which redirects are prefixed with.
    pub(super) fn new(site_dir: PathBuf, base: &str) -> Files {
        let backend = Confined {
            root: Arc::from(site_dir.as_path()),
        };
        let dir = ServeDir::with_backend(site_dir, backend)
            .html_as_default_extension(true)
            .redirect_path_prefix(base.trim_end_matches('/'));
        Files { dir }
    }

    /// Answers `rest` (the percent-encoded path below the base path) and the request's
    /// query, or the 404 page when `rest` is `None` or names nothing that may be served.
    ///
    /// `ServeDir` is sent a plain GET of that path and nothing else: the preview is never
    /// cached, so it has no use for conditional requests, and a byte range of a page would
    /// cut through the live-reload script. HEAD is answered from the GET response by axum,
    /// which drops the body, so both carry the same headers.
    pub(super) async fn serve(&self, rest: Option<&str>, query: Option<&str>) -> Response {
        if let Some(rest) = rest.filter(|rest| names_each_file_once(rest)) {
            let response = self.get(&format!("/{rest}"), query).await;
            if response.status() != StatusCode::NOT_FOUND {
                return response;
            }
        }
        self.not_found().await
    }

    /// The site's `404.html` with status 404, or a line of text if it has none.
    async fn not_found(&self) -> Response {
        let mut page = self.get("/404.html", None).await;
        if page.status() != StatusCode::OK {
            return (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "404 Not Found\n",
            )
                .into_response();
        }
        *page.status_mut() = StatusCode::NOT_FOUND;
        page
    }

    /// What `ServeDir` answers to a GET of `path`, with the headers the preview sends.
    async fn get(&self, path: &str, query: Option<&str>) -> Response {
        let target = match query {
            Some(query) => format!("{path}?{query}"),
            None => path.to_owned(),
        };
        // Parts of a URI that already parsed, so this cannot fail; if it did, not found.
        let Ok(uri) = target.parse::<Uri>() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let mut request = Request::new(Body::empty());
        *request.uri_mut() = uri;
        let Ok(response) = self.dir.clone().oneshot(request).await;
        let mut response = response.map(Body::new);
        let headers = response.headers_mut();
        // Nothing is cached and no range is served (see `serve`); a page's validators would
        // describe the file, not the page with its script.
        for name in [header::ETAG, header::LAST_MODIFIED, header::ACCEPT_RANGES] {
            headers.remove(name);
        }
        if let Some(with_charset) = headers.get(header::CONTENT_TYPE).and_then(with_charset) {
            headers.insert(header::CONTENT_TYPE, with_charset);
        }
        response
    }
}

/// False for a path with an empty or `.` segment, plain or percent-encoded (`a//b`, `./a`,
/// `%2e/a`, a trailing `/.`): `ServeDir` would serve another path's file under it, and
/// answer `.` with a redirect to `./`. A published site has one URL per file, and so has
/// its preview.
fn names_each_file_once(rest: &str) -> bool {
    let decoded = percent_decode_str(rest).decode_utf8_lossy();
    let inner = decoded.strip_suffix('/').unwrap_or(&decoded);
    inner.is_empty() || inner.split('/').all(|s| !s.is_empty() && s != ".")
}

/// The media type `ServeDir` guessed, with `charset=utf-8` for text and scripts, which
/// the site writes in UTF-8 (a browser would guess windows-1252 for a `.txt` or `.csv`
/// without it); `None` when it needs nothing added.
fn with_charset(guessed: &HeaderValue) -> Option<HeaderValue> {
    let guessed = guessed.to_str().ok()?;
    let essence = match guessed {
        // RFC 9239: text/javascript is the one type for JavaScript.
        "application/javascript" => "text/javascript",
        text if text.starts_with("text/") && !text.contains(';') => text,
        _ => return None,
    };
    HeaderValue::from_str(&format!("{essence}; charset=utf-8")).ok()
}

/// `ServeDir`'s file system, confined to the site: a path that leads out of it once
/// symlinks are followed does not exist. (`ServeDir` itself follows symlinks anywhere.)
/// The site directory is resolved again on every call, since a rebuild swaps it.
#[derive(Clone)]
struct Confined {
    root: Arc<Path>,
}

/// A boxed future, as `Backend` wants them named.
type Boxed<T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send>>;

impl Backend for Confined {
    type File = TokioFile;
    type Metadata = std::fs::Metadata;
    type OpenFuture = Boxed<TokioFile>;
    type MetadataFuture = Boxed<std::fs::Metadata>;

    fn open(&self, path: PathBuf) -> Self::OpenFuture {
        let root = Arc::clone(&self.root);
        Box::pin(async move {
            let inside = blocking(move || inside(&root, &path)).await?;
            TokioBackend.open(inside).await
        })
    }

    fn metadata(&self, path: PathBuf) -> Self::MetadataFuture {
        let root = Arc::clone(&self.root);
        Box::pin(blocking(move || std::fs::metadata(inside(&root, &path)?)))
    }
}

/// Runs file system calls off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> io::Result<T> + Send + 'static,
) -> io::Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(io::Error::other)?
}

/// The canonical form of `path` if it exists and, symlinks followed, is still under the
/// canonical `root`; a `NotFound` error otherwise. Other errors keep their kind, which
/// `ServeDir` maps: a NUL in a name (`InvalidInput`) or a file used as a directory
/// (`ENOTDIR`) are not found either.
fn inside(root: &Path, path: &Path) -> io::Result<PathBuf> {
    let root = root.canonicalize()?;
    let canonical = path.canonicalize()?;
    if canonical.starts_with(&root) {
        Ok(canonical)
    } else {
        Err(io::ErrorKind::NotFound.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_empty_or_dot_segments_name_nothing() {
        // (`..` is ServeDir's to refuse.)
        for good in ["", "a", "a/", "a/b.html", "a%2fb", "a/.well-known/x"] {
            assert!(names_each_file_once(good), "{good}");
        }
        for bad in [
            ".", "./", "./a", "a/.", "a//b", "/a", "%2e", "a/%2E/b", "a%2f%2fb",
        ] {
            assert!(!names_each_file_once(bad), "{bad}");
        }
    }

    #[test]
    fn text_types_are_given_the_utf8_charset() {
        let fixed = |guessed: &str| {
            with_charset(&HeaderValue::from_str(guessed).unwrap())
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(
            fixed("text/html").as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(
            fixed("text/csv").as_deref(),
            Some("text/csv; charset=utf-8")
        );
        assert_eq!(
            fixed("application/javascript").as_deref(),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(fixed("text/plain; charset=latin1"), None);
        assert_eq!(fixed("image/png"), None);
        assert_eq!(fixed("application/json"), None);
    }
}
