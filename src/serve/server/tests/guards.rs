//! The server's guards, attacked over 127.0.0.1: requests naming another host (DNS
//! rebinding).

use super::{send_raw, site, start};

/// Every kind of thing the server answers: pages, files, the 404 page, redirects, and
/// what it adds under `__dossier/`, the event stream included.
const TARGETS: [&str; 8] = [
    "/repo/",
    "/repo/style.css",
    "/repo/no/such/page/",
    "/",
    "/repo/actors",
    "/repo/__dossier/status",
    "/repo/__dossier/events",
    "/repo/__dossier/livereload.js",
];

fn with_host(target: &str, host: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
}

#[test]
fn requests_naming_another_host_are_refused_with_400() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    for target in TARGETS {
        let forged = [
            with_host(target, "evil.example"),
            with_host(target, &format!("evil.example:{port}")),
            with_host(target, &format!("127.0.0.1.evil.example:{port}")),
            with_host(target, &format!("localhost.evil.example:{port}")),
            with_host(target, "192.168.1.5"),
            with_host(target, ""),
            // No Host at all, as HTTP/1.0 allows.
            format!("GET {target} HTTP/1.0\r\n\r\n"),
            // Two of them.
            format!(
                "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
            ),
            // An absolute target naming another host.
            format!(
                "GET http://evil.example{target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            ),
        ];
        for request in forged {
            let reply = send_raw(port, &request);
            assert_eq!(reply.status, 400, "{request:?}");
            assert_eq!(
                reply.header("content-type"),
                Some("text/plain; charset=utf-8")
            );
            assert!(reply.text().contains("DNS rebinding"), "{request:?}");
            for leak in [
                "Overview",
                "Lost in the dossier",
                "body {",
                "EventSource",
                "\"ok\"",
            ] {
                assert!(!reply.text().contains(leak), "{request:?}: {leak}");
            }
        }
    }
}

#[test]
fn requests_naming_this_machine_are_answered() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    for host in [
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{port}"),
        "localhost".to_owned(),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
        // An SSH tunnel forwarding another port.
        "localhost:8080".to_owned(),
    ] {
        let reply = send_raw(port, &with_host("/repo/", &host));
        assert_eq!(reply.status, 200, "{host}");
        assert!(reply.text().contains("Overview"), "{host}");
    }
    let absolute = format!(
        "GET http://localhost:{port}/repo/style.css HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(send_raw(port, &absolute).status, 200);
}
