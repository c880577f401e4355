//! The server's guards, attacked over 127.0.0.1: requests naming another host (DNS
//! rebinding), and clients that hold connections open (slowloris).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::{Limits, connect, get, open_events, read_until, send_raw, site, start, start_with};

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

/// Waits for the server to close `stream`; how long that took.
fn time_until_closed(mut stream: TcpStream) -> Duration {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut rest = Vec::new();
    match stream.read_to_end(&mut rest) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the connection was not closed: {e}"),
    }
    started.elapsed()
}

/// A response on a kept-alive connection, read up to the end of its body.
fn read_kept_alive(stream: &mut TcpStream) -> String {
    let mut seen = String::new();
    read_until(stream, &mut seen, "\r\n\r\n");
    let length: usize = seen
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .and_then(|l| l.trim().parse().ok())
        .expect("a content length");
    let head = seen.find("\r\n\r\n").unwrap() + 4;
    while seen.len() < head + length {
        let mut buffer = [0; 4096];
        let read = stream.read(&mut buffer).unwrap();
        assert!(read > 0, "closed mid-response");
        seen.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
    seen
}

#[test]
fn slow_and_idle_connections_are_closed_after_the_header_timeout() {
    let dir = site();
    let timeout = Duration::from_millis(300);
    let limits = Limits {
        header_timeout: timeout,
        ..Limits::default()
    };
    let server = start_with(dir.path(), "/repo/", limits);
    let port = server.port();

    // Half a request line, then nothing.
    let mut slow = connect(port);
    slow.write_all(b"GET /repo/ HT").unwrap();
    let took = time_until_closed(slow);
    assert!(
        took >= timeout / 2 && took < Duration::from_secs(3),
        "{took:?}"
    );

    // Nothing at all.
    let took = time_until_closed(connect(port));
    assert!(
        took >= timeout / 2 && took < Duration::from_secs(3),
        "{took:?}"
    );

    // A whole request line, and headers that trickle in, too slowly.
    let mut trickle = connect(port);
    trickle.write_all(b"GET /repo/ HTTP/1.1\r\n").unwrap();
    for _ in 0..3 {
        std::thread::sleep(timeout / 3);
        let _ = trickle.write_all(b"X-Slow: 1\r\n");
    }
    let took = time_until_closed(trickle);
    assert!(took < Duration::from_secs(3), "{took:?}");

    // Kept alive after a response, then idle.
    let mut idle = connect(port);
    idle.write_all(b"GET /repo/robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    assert!(read_kept_alive(&mut idle).contains("User-agent"));
    let took = time_until_closed(idle);
    assert!(
        took >= timeout / 2 && took < Duration::from_secs(3),
        "{took:?}"
    );
}

#[test]
fn the_server_answers_while_many_slow_connections_are_open() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = connect(port);
            stream.write_all(b"GET /repo/ HTTP/1.1\r\nHo").unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    for _ in 0..20 {
        assert!(get(port, "/repo/").text().contains("Overview"));
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    drop(slow);
}

#[test]
fn past_the_connection_limit_clients_wait_for_a_free_slot() {
    let dir = site();
    let limits = Limits {
        header_timeout: Duration::from_millis(500),
        connections: 4,
    };
    let server = start_with(dir.path(), "/repo/", limits);
    let port = server.port();
    let idle: Vec<TcpStream> = (0..4).map(|_| connect(port)).collect();
    let started = Instant::now();
    // Answered once the idle connections are timed out, not before.
    assert!(get(port, "/repo/").text().contains("Overview"));
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(250) && took < Duration::from_secs(4),
        "{took:?}"
    );
    drop(idle);
    // Every slot is free again.
    for _ in 0..12 {
        assert_eq!(get(port, "/repo/style.css").status, 200);
    }
}

#[test]
fn the_live_reload_stream_outlives_the_header_timeout() {
    let dir = site();
    let timeout = Duration::from_millis(200);
    let limits = Limits {
        header_timeout: timeout,
        ..Limits::default()
    };
    let server = start_with(dir.path(), "/repo/", limits);
    let (mut stream, mut seen) = open_events(server.port(), "/repo/");
    std::thread::sleep(timeout * 4);
    server.reloaded();
    read_until(&mut stream, &mut seen, "event: reload\ndata: ");
}
