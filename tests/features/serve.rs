//! `dossier serve` as a user runs it: under a base path, edits picked up, mistakes shown,
//! fixes recovered, all without a restart.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::Project;

struct Serve {
    child: Child,
    port: u16,
    /// The site directory of the preview, as `serve` reported it.
    preview: PathBuf,
    /// What `serve` printed on stderr so far.
    stderr: Arc<Mutex<String>>,
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
    start_with(project, &[])
}

/// Starts `dossier serve` with extra environment variables.
fn start_with(project: &Project, env: &[(&str, &Path)]) -> Serve {
    let port = free_port();
    // The preview goes in the test's own directory: a test that ends by killing serve
    // leaves it behind, and the machine's temp directory is not the test's to fill.
    let temp = project.parent().join("serve-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("TMPDIR", &temp)
        .envs(env.iter().copied())
        .args(["serve", "--root"])
        .arg(project.root())
        .args([
            "--port",
            &port.to_string(),
            "--base-url",
            "https://user.github.io/repo/",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting dossier serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    let preview = loop {
        match lines.next() {
            // serving ROOT at URL from PREVIEW (Ctrl-C to stop)
            Some(Ok(line)) if line.starts_with("serving") => {
                let (_, from) = line.rsplit_once(" from ").expect("the preview directory");
                break PathBuf::from(from.trim_end_matches(" (Ctrl-C to stop)"));
            }
            Some(Ok(_)) => {}
            _ => panic!("serve exited before serving"),
        }
        assert!(Instant::now() < deadline, "serve did not start");
    };
    // Keep draining the output so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let stderr = Arc::new(Mutex::new(String::new()));
    let errors = BufReader::new(child.stderr.take().unwrap());
    let seen = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in errors.lines().map_while(Result::ok) {
            let mut seen = seen.lock().unwrap();
            seen.push_str(&line);
            seen.push('\n');
        }
    });
    Serve {
        child,
        port,
        preview,
        stderr,
    }
}

/// A GET on 127.0.0.1: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    get_for(port, "127.0.0.1", path)
}

/// A GET on 127.0.0.1 that names `host`: (status, body).
fn get_for(port: u16, host: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // read as bytes: an original (a PDF) is not UTF-8
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let response = String::from_utf8_lossy(&bytes).into_owned();
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

#[test]
fn serve_shows_a_replaced_original_as_an_error_and_clears_it_when_restored() {
    let project = Project::fixture("originals/published");
    let serve = start(&project);
    let port = serve.port;
    let (status, pdf) = get(port, "/repo/originals/report.pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with("%PDF-"));

    let path = project.root().join("originals/report.pdf");
    let good = std::fs::read(&path).unwrap();
    let mut replaced = good.clone();
    replaced.extend_from_slice(b"% one more line\n");
    std::fs::write(&path, &replaced).unwrap();
    eventually("the changed original is reported", || {
        let (_, status) = get(port, "/repo/__dossier/status");
        status.contains("\"ok\":false") && status.contains("has changed since it was imported")
    });
    // the last good site is still served, with the original as it was
    let (_, served) = get(port, "/repo/originals/report.pdf");
    assert!(!served.contains("one more line"));

    std::fs::write(&path, &good).unwrap();
    eventually("the restored original clears the error", || {
        get(port, "/repo/__dossier/status")
            .1
            .contains("\"ok\":true")
    });
}

/// Stops `serve` as a terminal or a service manager would, and waits for it.
#[cfg(unix)]
fn terminate(serve: &mut Serve) {
    let status = Command::new("kill")
        .args(["-TERM", &serve.child.id().to_string()])
        .status()
        .expect("running kill");
    assert!(status.success());
    let exit = crate::harness::wait_for_exit(&mut serve.child, 20);
    assert!(exit.success(), "{exit:?}");
}

#[cfg(unix)]
#[test]
fn stopping_serve_removes_its_preview() {
    let project = Project::example();
    let mut serve = start(&project);
    let preview = serve.preview.clone();
    assert!(
        preview.join("index.html").is_file(),
        "no preview at {preview:?}"
    );
    terminate(&mut serve);
    let dir = preview.parent().unwrap();
    assert!(!dir.exists(), "{dir:?} is still there");
}

/// Where `serve` wrote its preview before it chose an unpredictable name: a directory of
/// the temp directory named after the project's path, which anyone could compute.
fn predictable_preview(root: &Path, temp: &Path) -> PathBuf {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    std::fs::canonicalize(root).unwrap().hash(&mut h);
    temp.join(format!("dossier-serve-{:016x}", h.finish()))
}

#[cfg(unix)]
#[test]
fn serve_never_writes_through_a_link_planted_in_the_temp_directory() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let project = Project::example();
    let temp = project.parent().join("tmp");
    std::fs::create_dir(&temp).unwrap();
    // Someone else's directory, which looks like a site, and a link to it planted where
    // serve's preview used to go.
    let victim = project.parent().join("victim");
    std::fs::create_dir(&victim).unwrap();
    std::fs::write(victim.join("index.html"), "the victim's own page").unwrap();
    std::fs::write(victim.join("notes.txt"), "the victim's notes").unwrap();
    let before = crate::harness::tree(&victim);
    let planted = predictable_preview(project.root(), &temp);
    symlink(&victim, &planted).unwrap();

    let mut serve = start_with(&project, &[("TMPDIR", &temp)]);
    let dir = serve.preview.parent().unwrap().to_path_buf();
    assert_eq!(dir.parent(), Some(temp.as_path()), "{dir:?}");
    assert_ne!(dir, planted);
    let meta = std::fs::symlink_metadata(&dir).unwrap();
    assert!(meta.is_dir(), "{dir:?} is not a directory of its own");
    assert_eq!(meta.permissions().mode() & 0o777, 0o700, "{dir:?}");
    // A rebuild swaps pages in: still inside the preview's own directory.
    let doc = "content/documents/latombe-question-17938.txt";
    project.write(doc, format!("{}\nUne phrase ajoutée.\n", project.read(doc)));
    eventually("the edit is served", || {
        get(serve.port, "/repo/documents/latombe-question-17938/")
            .1
            .contains("Une phrase ajoutée.")
    });
    terminate(&mut serve);

    assert!(!dir.exists(), "{dir:?} is still there");
    assert_eq!(
        crate::harness::tree(&victim),
        before,
        "the victim's directory changed"
    );
    assert_eq!(std::fs::read_link(&planted).unwrap(), victim);
    let left: Vec<_> = std::fs::read_dir(&temp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(left, [planted], "serve left files in the temp directory");
}

#[cfg(unix)]
#[test]
fn serve_does_not_publish_a_link_made_while_it_runs() {
    let project = Project::example();
    let secret = project.parent().join("secret.md");
    std::fs::write(
        &secret,
        "+++\ntitle = \"Leaked\"\ndate = \"2020\"\nkind = \"memo\"\nlang = \"en\"\n+++\nTOP SECRET outside the project.\n",
    )
    .unwrap();
    let serve = start(&project);
    std::os::unix::fs::symlink(&secret, project.root().join("content/documents/leak.md")).unwrap();
    // An edit after the link: once it is served, the link has been seen too.
    let doc = "content/documents/latombe-question-17938.txt";
    project.write(doc, format!("{}\nUne phrase ajoutée.\n", project.read(doc)));
    eventually("the edit is served", || {
        get(serve.port, "/repo/documents/latombe-question-17938/")
            .1
            .contains("Une phrase ajoutée.")
    });
    // the search index follows the edit: its word is in the (only) shard of terms
    eventually("the edit is searchable", || {
        get(serve.port, "/repo/search-index/t0.json")
            .1
            .contains("\"ajoutee\"")
    });
    let (status, page) = get(serve.port, "/repo/documents/leak/");
    assert_eq!(status, 404);
    assert!(!page.contains("TOP SECRET"));
    for file in ["search-index.json", "search-index/e0.json"] {
        let (status, search) = get(serve.port, &format!("/repo/{file}"));
        assert_eq!(status, 200, "{file}");
        assert!(!search.contains("TOP SECRET") && !search.contains("Leaked"));
    }
    eventually("the link is reported", || {
        serve
            .stderr
            .lock()
            .unwrap()
            .contains("skipped a symbolic link: content/documents/leak.md")
    });
}

#[test]
fn serve_answers_only_requests_for_this_machine() {
    let project = Project::example();
    let serve = start(&project);
    let port = serve.port;
    for host in ["localhost".to_owned(), format!("127.0.0.1:{port}")] {
        let (status, page) = get_for(port, &host, "/repo/");
        assert_eq!(status, 200, "{host}");
        assert!(page.contains("livereload.js"), "{host}");
    }
    // A page of another origin whose name was made to resolve to 127.0.0.1.
    let rebound = format!("evil.example:{port}");
    for path in ["/repo/", "/repo/__dossier/status", "/repo/__dossier/events"] {
        let (status, body) = get_for(port, &rebound, path);
        assert_eq!(status, 400, "{path}");
        assert!(body.contains("DNS rebinding"), "{path}: {body}");
    }
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
