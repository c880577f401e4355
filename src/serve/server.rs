//! The preview HTTP server: serves the built site under its base path, as GitHub Pages
//! would, and pushes live reloads and build errors to open pages.
//!
//! The rest of dossier is synchronous, so [`Server`] owns a tokio runtime on a background
//! thread and is driven through plain method calls ([`Server::reloaded`],
//! [`Server::failed`]). Files are served by tower-http's `ServeDir` ([`files`]), resolved
//! from the site directory on every request and never cached: each rebuild replaces that
//! directory by a rename. HTML pages are read whole to carry the live-reload script.
//!
//! Everything the server adds lives under `{base}__dossier/`: the live-reload script, the
//! server-sent event stream and a status document.
//!
//! Only requests for this machine's hosts are answered ([`hosts`]), and clients that hold
//! connections open are timed out ([`listen`]).

mod files;
mod hosts;
mod listen;
mod live;
#[cfg(test)]
mod tests;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::oneshot;

use hosts::Hosts;
pub use listen::Limits;
use live::Live;

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The address to listen on; the CLI defaults it to 127.0.0.1.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The path of the base URL, e.g. `/` or `/repo/`.
    pub base_path: String,
    /// The built site on disk (the output directory).
    pub site_dir: PathBuf,
    /// What clients are allowed: timeouts and the number of connections.
    pub limits: Limits,
}

/// A running server; dropping it stops it and waits for its thread.
pub struct Server {
    shared: Arc<ServerState>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// What every request handler sees.
struct ServerState {
    files: files::Files,
    base_path: String,
    live: Arc<Live>,
}

impl Server {
    /// Binds the address and starts serving; returns once the socket is listening.
    pub fn start(config: ServerConfig) -> Result<Server, crate::Error> {
        let addr = SocketAddr::new(config.bind, config.port);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("dossier-serve")
            .enable_all()
            .build()
            .map_err(crate::Error::io("starting the preview server"))?;
        let listener = runtime
            .block_on(async { listen::bind(addr) })
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AddrInUse => crate::Error::PortInUse(addr),
                _ => crate::Error::io(format!("binding {addr}"))(e),
            })?;
        let addr = listener
            .local_addr()
            .map_err(crate::Error::io(format!("binding {addr}")))?;
        let base_path = normalise_base(&config.base_path);
        let shared = Arc::new(ServerState {
            files: files::Files::new(config.site_dir, &base_path),
            base_path,
            live: Arc::new(Live::new()),
        });
        let hosts = Arc::new(Hosts::new(config.bind));
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared))
            .layer(axum::middleware::from_fn_with_state(hosts, hosts::guard));
        let limits = config.limits;
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("dossier-serve".into())
            .spawn(move || {
                runtime.block_on(async move {
                    // Not a graceful shutdown: open event streams would hold it forever.
                    // Dropping the runtime below closes every connection; browsers
                    // then reconnect by themselves.
                    tokio::select! {
                        _ = listen::serve(listener, app, limits) => {}
                        _ = stopped => {}
                    }
                });
                runtime.shutdown_timeout(std::time::Duration::from_secs(1));
            })
            .map_err(crate::Error::io("starting the preview server"))?;
        Ok(Server {
            shared,
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address to open in a browser, e.g. `http://127.0.0.1:1111/repo/`.
    pub fn local_url(&self) -> String {
        // A wildcard address listens everywhere but cannot be browsed to.
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let addr = SocketAddr::new(ip, self.addr.port());
        format!("http://{addr}{}", self.shared.base_path)
    }

    /// The port the server listens on (the chosen one when the config said 0).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// A rebuild succeeded: clear any error overlay and make open pages reload.
    pub fn reloaded(&self) {
        self.shared.live.reloaded();
    }

    /// A rebuild failed: open pages, and pages loaded from now on, show `report` (plain
    /// text diagnostics) as an overlay until the next [`Server::reloaded`]. The last good
    /// site keeps being served.
    pub fn failed(&self, report: String) {
        self.shared.live.failed(report);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("url", &self.local_url())
            .finish_non_exhaustive()
    }
}

/// Makes sure the base path starts and ends with `/`.
fn normalise_base(base: &str) -> String {
    let inner = base.trim_matches('/');
    if inner.is_empty() {
        "/".to_owned()
    } else {
        format!("/{inner}/")
    }
}

/// Every request: a preview never caches, and its files are taken for what their type says.
async fn handle(State(shared): State<Arc<ServerState>>, method: Method, uri: Uri) -> Response {
    let mut response = route(&shared, &method, &uri).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Dispatches a request by its path. HEAD is answered by axum from the GET response,
/// headers kept and body dropped.
async fn route(shared: &Arc<ServerState>, method: &Method, uri: &Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "405 Method Not Allowed\n",
        )
            .into_response();
    }
    let path = uri.path();
    let base = shared.base_path.as_str();
    let Some(rest) = path.strip_prefix(base) else {
        if path == "/" {
            return redirect(StatusCode::FOUND, base);
        }
        if path == base.trim_end_matches('/') {
            // As ServeDir redirects every other directory named without its slash.
            return redirect(StatusCode::TEMPORARY_REDIRECT, &with_query(base, uri));
        }
        return site_response(shared, None, None).await;
    };
    match rest {
        "__dossier/livereload.js" => live::script(),
        "__dossier/events" => live::events(Arc::clone(&shared.live)),
        "__dossier/status" => shared.live.status(),
        _ => site_response(shared, Some(rest), uri.query()).await,
    }
}

/// Serves `rest` (percent-encoded, relative to the base path) from the site, or the 404
/// page when it is `None` or not found; HTML comes with the live-reload script.
async fn site_response(shared: &ServerState, rest: Option<&str>, query: Option<&str>) -> Response {
    let response = shared.files.serve(rest, query).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The site's own page, not a client's upload: no size limit to enforce.
    let Ok(html) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = shared.live.inject(html.into(), &shared.base_path);
    // Counted again by axum from the new body.
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

/// A redirect to `location`, which the caller built from validated parts.
fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (status, [(header::LOCATION, location)], Body::empty()).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `path` followed by the request's query string, if any.
fn with_query(path: &str, uri: &Uri) -> String {
    match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    }
}
