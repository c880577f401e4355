//! `dossier serve` as a user runs it: under a base path, edits picked up, mistakes shown,
//! fixes recovered, all without a restart.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Project;

struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(project: &Project) -> Serve {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--root"])
        .arg(project.root())
        .args([
            "--port",
            &port.to_string(),
            "--base-url",
            "https://user.github.io/repo/",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting dossier serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match lines.next() {
            Some(Ok(line)) if line.starts_with("serving") => break,
            Some(Ok(_)) => {}
            _ => panic!("serve exited before serving"),
        }
        assert!(Instant::now() < deadline, "serve did not start");
    }
    // Keep draining the output so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Serve { child, port }
}

/// A GET on 127.0.0.1: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_follows_edits_mistakes_and_fixes_under_the_base_path() {
    let project = Project::example();
    let serve = start(&project);
    let port = serve.port;

    let (status, _) = get(port, "/");
    assert_eq!(status, 302, "the root redirects to the base path");
    let (status, page) = get(port, "/repo/documents/latombe-question-17938/");
    assert_eq!(status, 200);
    assert!(
        page.contains("/repo/__dossier/livereload.js"),
        "live reload is injected"
    );
    assert!(!page.contains("Une phrase ajoutée"));

    let doc = "content/documents/latombe-question-17938.txt";
    let original = project.read(doc);
    project.write(doc, format!("{original}\nUne phrase ajoutée.\n"));
    eventually("the edit is served", || {
        get(port, "/repo/documents/latombe-question-17938/")
            .1
            .contains("Une phrase ajoutée.")
    });

    // A mistake: the last good build keeps being served, and the status says what is wrong.
    project.write(doc, original.replacen("title = ", "titel = ", 1));
    eventually("the mistake is reported", || {
        let (_, status) = get(port, "/repo/__dossier/status");
        status.contains("\"ok\":false") && status.contains("titel")
    });
    let (status, page) = get(port, "/repo/documents/latombe-question-17938/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Une phrase ajoutée."),
        "the last good build is still served"
    );

    // The fix recovers without a restart.
    project.write(doc, &original);
    eventually("the fix is served", || {
        get(port, "/repo/__dossier/status")
            .1
            .contains("\"ok\":true")
            && !get(port, "/repo/documents/latombe-question-17938/")
                .1
                .contains("Une phrase ajoutée.")
    });
    let (status, _) = get(port, "/repo/no-such-page/");
    assert_eq!(status, 404);
}

#[cfg(unix)]
#[test]
fn stopping_serve_removes_its_preview() {
    let project = Project::example();
    let mut serve = start(&project);
    let preview = dossier::serve::preview_dir(project.root());
    assert!(
        preview.join("index.html").is_file(),
        "no preview at {preview:?}"
    );
    let status = Command::new("kill")
        .args(["-TERM", &serve.child.id().to_string()])
        .status()
        .expect("running kill");
    assert!(status.success());
    let exit = crate::harness::wait_for_exit(&mut serve.child, 20);
    assert!(exit.success(), "{exit:?}");
    assert!(!preview.exists(), "{preview:?} is still there");
}

#[test]
fn a_port_in_use_suggests_another_with_port() {
    let project = Project::fixture("build/minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("binding a port");
    let port = taken.local_addr().expect("its address").port();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--root"])
        .arg(project.root())
        .args(["--port", &port.to_string()])
        .output()
        .expect("running dossier serve");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr)
        .replace(&format!("--port {}", u32::from(port) + 1), "--port NEXT")
        .replace(&port.to_string(), "PORT");
    crate::harness::snapshot("serve_port_in_use", &stderr);
}
