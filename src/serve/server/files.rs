//! Maps request paths to files of the built site the way GitHub Pages does, and refuses
//! anything that would leave the site: `..` (plain or percent-encoded), encoded slashes,
//! backslashes, NUL, empty segments (absolute paths) and symlinks pointing outside.

use std::fs::{self, File, Metadata};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use futures_util::stream;
use percent_encoding::percent_decode_str;
use tokio::io::AsyncReadExt;

/// What a request finds in the site.
pub(super) enum Found {
    /// An HTML page, read whole so the live-reload script can be injected.
    Html {
        /// 200, or 404 for the site's 404 page.
        status: StatusCode,
        /// The page as on disk.
        html: Vec<u8>,
    },
    /// Any other file, streamed.
    File {
        /// The open file: it stays readable even if a rebuild replaces the site.
        file: File,
        /// Its length, for `Content-Length`.
        len: u64,
        /// Its media type.
        content_type: &'static str,
    },
    /// A directory asked for without its trailing slash: redirect to add it.
    AddSlash,
    /// Nothing, not even a `404.html`.
    Missing,
}

/// Looks up `rest`, the percent-encoded request path below the base path, in `site_dir`;
/// falls back to the site's `404.html` when it is not found or `rest` is `None`.
/// Blocking: run it off the async threads.
pub(super) fn lookup(site_dir: &Path, rest: Option<&str>) -> Found {
    // Canonicalised per request: a rebuild swaps the directory behind the same path.
    let Ok(root) = site_dir.canonicalize() else {
        return Found::Missing;
    };
    if let Some(rest) = rest {
        match resolve(&root, rest) {
            Target::File(path) => {
                if let Some(found) = open(&path, StatusCode::OK) {
                    return found;
                }
            }
            Target::AddSlash => return Found::AddSlash,
            Target::NotFound => {}
        }
    }
    match inside(&root, &root.join("404.html")) {
        Some((path, meta)) if meta.is_file() => {
            open(&path, StatusCode::NOT_FOUND).unwrap_or(Found::Missing)
        }
        _ => Found::Missing,
    }
}

/// Where a request path leads inside the canonical site root.
enum Target {
    /// A regular file, by its canonical path.
    File(PathBuf),
    /// A directory named without the trailing slash.
    AddSlash,
    /// Nothing that may be served.
    NotFound,
}

/// Resolves a request path: `x/` → `x/index.html`, `x` (a directory) → redirect,
/// `x` (missing) → `x.html` as GitHub Pages does.
fn resolve(root: &Path, rest: &str) -> Target {
    let Some(segments) = segments(rest) else {
        return Target::NotFound;
    };
    let mut path = root.to_path_buf();
    path.extend(&segments);
    let wants_dir = rest.is_empty() || rest.ends_with('/');
    match inside(root, &path) {
        Some((canonical, meta)) if meta.is_dir() => {
            if !wants_dir {
                return Target::AddSlash;
            }
            match inside(root, &canonical.join("index.html")) {
                Some((index, meta)) if meta.is_file() => Target::File(index),
                _ => Target::NotFound,
            }
        }
        Some((canonical, meta)) if meta.is_file() && !wants_dir => Target::File(canonical),
        Some(_) => Target::NotFound,
        None if !wants_dir => {
            let mut html = path.into_os_string();
            html.push(".html");
            match inside(root, Path::new(&html)) {
                Some((page, meta)) if meta.is_file() => Target::File(page),
                _ => Target::NotFound,
            }
        }
        None => Target::NotFound,
    }
}

/// Decodes the segments of a request path, or `None` if any of them is not a plain
/// file name once decoded.
fn segments(rest: &str) -> Option<Vec<String>> {
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Some(Vec::new());
    }
    rest.split('/')
        .map(|raw| {
            let segment = percent_decode_str(raw).decode_utf8().ok()?;
            is_plain_name(&segment).then(|| segment.into_owned())
        })
        .collect()
}

/// A single normal path component: not empty, `.`, `..`, a root or a drive, and free
/// of separators and NUL on every platform.
fn is_plain_name(segment: &str) -> bool {
    if segment.contains(['/', '\\', '\0']) {
        return false;
    }
    let mut components = Path::new(segment).components();
    matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(_)), None)
    )
}

/// The canonical form of `path` and its metadata, if it exists and, symlinks
/// followed, is still under `root`.
fn inside(root: &Path, path: &Path) -> Option<(PathBuf, Metadata)> {
    let canonical = path.canonicalize().ok()?;
    if !canonical.starts_with(root) {
        return None;
    }
    let meta = fs::metadata(&canonical).ok()?;
    Some((canonical, meta))
}

/// Opens a resolved file: HTML is read whole, anything else is left open to stream.
fn open(path: &Path, status: StatusCode) -> Option<Found> {
    let content_type = content_type(path);
    let mut file = File::open(path).ok()?;
    if content_type.starts_with("text/html") {
        let mut html = Vec::new();
        file.read_to_end(&mut html).ok()?;
        return Some(Found::Html { status, html });
    }
    let len = file.metadata().ok()?.len();
    Some(Found::File {
        file,
        len,
        content_type,
    })
}

/// The media type for a file, by extension: the site's own kinds first, then
/// `mime_guess` for whatever `static/` holds.
pub(super) fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        _ => mime_guess::from_path(path)
            .first_raw()
            .unwrap_or("application/octet-stream"),
    }
}

/// A body that reads `file` in chunks; a client that goes away just drops it.
pub(super) fn stream(file: File) -> Body {
    const CHUNK: usize = 64 * 1024;
    let file = tokio::fs::File::from_std(file);
    let chunks = stream::try_unfold(file, |mut file| async move {
        let mut buffer = vec![0; CHUNK];
        let read = file.read(&mut buffer).await?;
        if read == 0 {
            return Ok::<_, std::io::Error>(None);
        }
        buffer.truncate(read);
        Ok(Some((Bytes::from(buffer), file)))
    });
    Body::from_stream(chunks)
}
