//! The server tested over real sockets on 127.0.0.1, with a raw HTTP client so hostile
//! paths reach it exactly as written.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use super::{Limits, Server, ServerConfig, normalise_base};

mod files;
mod guards;
mod live;

const BIG_LEN: usize = 4 << 20;

/// A temp dir holding `site/` and, beside it, `outside/` that must never be served.
fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let site = root.join("site");
    let write = |path: &str, text: &[u8]| {
        let path = site.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "index.html",
        b"<!doctype html><html><body><h1>Overview</h1></body></html>",
    );
    write(
        "actors/index.html",
        b"<html><body>Actor index</body></html>",
    );
    write(
        "actors/huawei/index.html",
        b"<html><BODY>Huawei</BODY></html>",
    );
    write("about.html", b"<html><body>About</body></html>");
    write("fragment.html", b"<p>No body tag</p>");
    write("404.html", b"<html><body>Lost in the dossier</body></html>");
    write("style.css", b"body { color: black; }");
    write("app.js", b"console.log('</body>');");
    write("data.json", b"{}");
    write("events.csv", b"id,title");
    write("feed.xml", b"<feed/>");
    write("feed.atom", b"<feed/>");
    write("logo.svg", b"<svg/>");
    write("logo.png", b"\x89PNG");
    write("photo.jpg", b"\xff\xd8");
    write("robots.txt", b"User-agent: *");
    write("report.pdf", b"%PDF-1.7");
    write("font.woff2", b"wOF2");
    write("big.bin", &vec![7; BIG_LEN]);
    std::fs::create_dir_all(root.join("outside")).unwrap();
    std::fs::write(root.join("outside/secret.txt"), "top secret").unwrap();
    std::fs::write(root.join("outside/secret.html"), "<body>top secret</body>").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(root.join("outside/secret.txt"), site.join("leak.txt")).unwrap();
        symlink("../outside", site.join("leakdir")).unwrap();
        symlink("style.css", site.join("alias.css")).unwrap();
    }
    tmp
}

fn start(dir: &Path, base: &str) -> Server {
    start_with(dir, base, Limits::default())
}

fn start_with(dir: &Path, base: &str, limits: Limits) -> Server {
    Server::start(ServerConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        base_path: base.to_owned(),
        site_dir: dir.join("site"),
        limits,
    })
    .unwrap()
}

/// A parsed response.
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
}

fn request_text(method: &str, target: &str) -> String {
    format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
}

fn parse(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

fn send(port: u16, method: &str, target: &str) -> Reply {
    send_raw(port, &request_text(method, target))
}

/// Sends `request` as written and reads the whole response.
fn send_raw(port: u16, request: &str) -> Reply {
    let mut stream = connect(port);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

fn get(port: u16, target: &str) -> Reply {
    send(port, "GET", target)
}

/// Reads from an event stream until `needle` arrives; the text read so far.
fn read_until(stream: &mut TcpStream, seen: &mut String, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut buffer = [0; 4096];
    while !seen.contains(needle) {
        assert!(Instant::now() < deadline, "no {needle:?} in {seen:?}");
        let read = stream.read(&mut buffer).unwrap();
        assert!(read > 0, "stream closed before {needle:?}: {seen:?}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
}

fn open_events(port: u16, base: &str) -> (TcpStream, String) {
    let mut stream = connect(port);
    let target = format!("{base}__dossier/events");
    stream
        .write_all(request_text("GET", &target).as_bytes())
        .unwrap();
    let mut seen = String::new();
    read_until(&mut stream, &mut seen, "event: hello\ndata: ");
    read_until(&mut stream, &mut seen, "\n\n");
    (stream, seen)
}

fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(3);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn pages_are_served_under_the_base_path_like_github_pages() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    assert_eq!(server.local_url(), format!("http://127.0.0.1:{port}/repo/"));

    let index = get(port, "/repo/");
    assert_eq!(index.status, 200);
    assert!(index.text().contains("Overview"));
    assert!(get(port, "/repo/index.html").text().contains("Overview"));
    assert!(get(port, "/repo/actors/").text().contains("Actor index"));
    assert!(get(port, "/repo/actors/huawei/").text().contains("Huawei"));
    assert!(get(port, "/repo/about").text().contains("About"));

    // Temporary, as ServeDir answers: the preview's directories come and go with edits.
    let to_dir = get(port, "/repo/actors/huawei");
    assert_eq!(to_dir.status, 307);
    assert_eq!(to_dir.header("location"), Some("/repo/actors/huawei/"));
    let with_query = get(port, "/repo/actors?kind=state");
    assert_eq!(
        with_query.header("location"),
        Some("/repo/actors/?kind=state")
    );

    let root = get(port, "/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/repo/"));
    let bare = get(port, "/repo");
    assert_eq!(bare.status, 307);
    assert_eq!(bare.header("location"), Some("/repo/"));

    for outside in ["/style.css", "/index.html", "/other/", "/repository/"] {
        assert_eq!(get(port, outside).status, 404, "{outside}");
    }
    assert_eq!(get(port, "/repo/style.css/").status, 404);
    assert_eq!(send(port, "POST", "/repo/").status, 405);
}

#[test]
fn root_base_path_serves_from_slash() {
    let dir = site();
    let server = start(dir.path(), "/");
    let port = server.port();
    assert_eq!(server.local_url(), format!("http://127.0.0.1:{port}/"));
    assert!(get(port, "/").text().contains("Overview"));
    let to_dir = get(port, "/actors");
    assert_eq!(to_dir.status, 307);
    assert_eq!(to_dir.header("location"), Some("/actors/"));
    assert_eq!(get(port, "/style.css").status, 200);
}

#[test]
fn content_types_follow_extensions() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    for (path, expected) in [
        ("", "text/html; charset=utf-8"),
        ("style.css", "text/css; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("data.json", "application/json"),
        ("events.csv", "text/csv; charset=utf-8"),
        ("feed.xml", "text/xml; charset=utf-8"),
        ("feed.atom", "application/atom+xml"),
        ("logo.svg", "image/svg+xml"),
        ("logo.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("report.pdf", "application/pdf"),
        ("font.woff2", "font/woff2"),
        ("big.bin", "application/octet-stream"),
        ("__dossier/livereload.js", "text/javascript; charset=utf-8"),
        ("__dossier/status", "application/json"),
    ] {
        let reply = get(port, &format!("/repo/{path}"));
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(expected), "{path}");
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
    assert_eq!(get(port, "/").header("cache-control"), Some("no-store"));
    assert_eq!(
        get(port, "/repo/nope").header("cache-control"),
        Some("no-store")
    );
}

#[test]
fn head_sends_the_headers_of_get_without_a_body() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    for path in [
        "/repo/",
        "/repo/style.css",
        "/repo/big.bin",
        "/repo/missing",
    ] {
        let got = get(port, path);
        let headed = send(port, "HEAD", path);
        assert_eq!(headed.status, got.status, "{path}");
        assert!(headed.body.is_empty(), "{path}");
        assert_eq!(
            headed.header("content-length"),
            Some(got.body.len().to_string().as_str()),
            "{path}"
        );
        assert_eq!(headed.header("content-type"), got.header("content-type"));
    }
    assert_eq!(get(port, "/repo/big.bin").body.len(), BIG_LEN);
    assert_eq!(send(port, "HEAD", "/repo/actors").status, 307);
}

#[test]
fn missing_pages_get_the_site_404_page_with_status_404() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let reply = get(port, "/repo/no/such/page/");
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(reply.text().contains("Lost in the dossier"));
    assert!(reply.text().contains("/repo/__dossier/livereload.js"));
    assert!(
        get(port, "/elsewhere")
            .text()
            .contains("Lost in the dossier")
    );

    std::fs::remove_file(dir.path().join("site/404.html")).unwrap();
    let plain = get(port, "/repo/no/such/page/");
    assert_eq!(plain.status, 404);
    assert_eq!(
        plain.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn hostile_paths_are_refused_with_404() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let mut hostile = vec![
        "/repo/../outside/secret.txt",
        "/repo/../../../../etc/passwd",
        "/repo/actors/../../outside/secret.txt",
        "/repo/%2e%2e/outside/secret.txt",
        "/repo/%2E%2E/%2e%2e/etc/passwd",
        "/repo/.%2e/outside/secret.txt",
        "/repo/..%2foutside%2fsecret.txt",
        "/repo/%2e%2e%2foutside%2fsecret.txt",
        "/repo/..%5coutside%5csecret.txt",
        "/repo/..%5c..%5cetc%5cpasswd",
        "/repo/..\\outside\\secret.txt",
        "/repo//etc/passwd",
        "/repo/%2fetc%2fpasswd",
        "/repo/%2Fetc/passwd",
        "/repo/.",
        "/repo/./index.html",
        "/repo/index.html%00.css",
        "/repo/%00",
        "/repo/%c0%ae%c0%ae/outside/secret.txt",
        "/repo/leak.txt",
        "/repo/leakdir/secret.txt",
        "/repo/leakdir/secret",
        "/repo/leakdir/",
        "/repo/leakdir",
        "http://127.0.0.1/repo/../outside/secret.txt",
    ];
    let absolute = dir.path().join("outside/secret.txt");
    let absolute = format!("/repo/{}", absolute.display());
    hostile.push(&absolute);
    for target in hostile {
        let reply = get(port, target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(!reply.text().contains("top secret"), "{target}");
        assert!(!reply.text().contains("root:"), "{target}");
    }
    // Requests that do not even parse are rejected by the HTTP layer.
    for target in ["/repo/\u{0}", "repo/index.html"] {
        let reply = get(port, target);
        assert!(
            matches!(reply.status, 400 | 404),
            "{target}: {}",
            reply.status
        );
        assert!(!reply.text().contains("top secret"), "{target}");
    }
    // A symlink that stays inside the site is fine.
    assert_eq!(get(port, "/repo/alias.css").status, 200);
}

#[test]
fn three_hundred_concurrent_connections_are_all_answered() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let mut streams: Vec<TcpStream> = (0..300).map(|_| connect(port)).collect();
    for (i, stream) in streams.iter_mut().enumerate() {
        let target = if i % 2 == 0 {
            "/repo/"
        } else {
            "/repo/style.css"
        };
        stream
            .write_all(request_text("GET", target).as_bytes())
            .unwrap();
    }
    for stream in &mut streams {
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        assert_eq!(parse(&raw).status, 200);
    }
}

#[test]
fn clients_leaving_mid_response_do_not_break_the_server() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    for _ in 0..20 {
        let mut stream = connect(port);
        stream
            .write_all(request_text("GET", "/repo/big.bin").as_bytes())
            .unwrap();
        let mut some = [0; 1024];
        stream.read_exact(&mut some).unwrap();
    }
    for _ in 0..20 {
        // Half a request, then gone.
        let mut stream = connect(port);
        stream.write_all(b"GET /repo/ HTTP/1.1\r\nHo").unwrap();
    }
    assert_eq!(get(port, "/repo/big.bin").body.len(), BIG_LEN);
    assert!(get(port, "/repo/").text().contains("Overview"));
}

#[test]
fn a_busy_port_is_told_apart_so_that_another_can_be_suggested() {
    let dir = site();
    let first = start(dir.path(), "/");
    let second = Server::start(ServerConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: first.port(),
        base_path: "/".into(),
        site_dir: dir.path().join("site"),
        limits: Limits::default(),
    });
    let error = second.unwrap_err();
    assert!(matches!(error, crate::Error::PortInUse(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains(&format!("--port {}", first.port() + 1))
    );
}

#[test]
fn dropping_the_server_closes_open_streams_and_stops_listening() {
    let dir = site();
    let server = start(dir.path(), "/");
    let port = server.port();
    let (mut stream, _) = open_events(port, "/");
    drop(server);
    let mut rest = Vec::new();
    // The event stream ends (EOF or reset), so browsers reconnect to the next server.
    let _ = stream.read_to_end(&mut rest);
    assert!(TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err());
}

#[test]
fn the_site_directory_is_read_afresh_after_a_rebuild_swaps_it() {
    let dir = site();
    let server = start(dir.path(), "/");
    let port = server.port();
    let next = dir.path().join("site.next");
    std::fs::create_dir(&next).unwrap();
    std::fs::write(next.join("index.html"), "<body>Rebuilt</body>").unwrap();
    let old = dir.path().join("site.old");
    std::fs::rename(dir.path().join("site"), &old).unwrap();
    std::fs::rename(&next, dir.path().join("site")).unwrap();
    assert!(get(port, "/").text().contains("Rebuilt"));
    assert_eq!(get(port, "/style.css").status, 404);
}

#[test]
fn base_paths_are_normalised() {
    assert_eq!(normalise_base("/"), "/");
    assert_eq!(normalise_base(""), "/");
    assert_eq!(normalise_base("repo"), "/repo/");
    assert_eq!(normalise_base("/a/b"), "/a/b/");
}
