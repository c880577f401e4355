//! Live reload over 127.0.0.1: the script in every page, the event stream that tells open
//! pages to reload or show a failed rebuild, and the status document.

use super::{get, open_events, read_until, site, start, wait_for};

#[test]
fn live_reload_script_is_injected_into_html_responses_only() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let tag = r#"<script src="/repo/__dossier/livereload.js" data-build=""#;

    let page = get(port, "/repo/").text();
    let at = page.find(tag).expect("script injected");
    assert!(at < page.find("</body>").unwrap(), "before </body>: {page}");
    let upper = get(port, "/repo/actors/huawei/").text();
    assert!(upper.find(tag).unwrap() < upper.find("</BODY>").unwrap());
    let fragment = get(port, "/repo/fragment.html").text();
    assert!(fragment.starts_with("<p>No body tag</p>") && fragment.ends_with("</script>"));

    for other in ["style.css", "app.js", "data.json", "feed.xml", "logo.svg"] {
        assert!(
            !get(port, &format!("/repo/{other}"))
                .text()
                .contains("livereload")
        );
    }
    let on_disk = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(!on_disk.contains("livereload"));

    let script = get(port, "/repo/__dossier/livereload.js").text();
    assert!(script.contains("EventSource") && script.contains("alertdialog"));
    assert!(!script.contains("http"), "nothing from another origin");
}

#[test]
fn event_stream_delivers_reload_and_error_and_status_follows() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let (mut stream, mut seen) = open_events(port, "/repo/");
    assert!(seen.contains("content-type: text/event-stream"), "{seen}");

    // The page's token matches the stream's hello, so the page does not reload.
    let page = get(port, "/repo/").text();
    let token = page.split("data-build=\"").nth(1).unwrap();
    let token = &token[..token.find('"').unwrap()];
    assert!(
        seen.contains(&format!("event: hello\ndata: {token}\n")),
        "{seen}"
    );

    server.reloaded();
    read_until(&mut stream, &mut seen, "event: reload\ndata: ");

    server
        .failed("content/actors/x.md:3:1: error: unknown key `nmae`\n  hint: \"name\" <b>".into());
    read_until(
        &mut stream,
        &mut seen,
        "event: error\ndata: \"content/actors/x.md:3:1",
    );
    read_until(
        &mut stream,
        &mut seen,
        r#"\n  hint: \"name\" <b>"
"#,
    );

    let status = get(port, "/repo/__dossier/status");
    let json: serde_json::Value = serde_json::from_slice(&status.body).unwrap();
    assert_eq!(json["ok"], false);
    assert!(
        json["report"]
            .as_str()
            .unwrap()
            .contains("unknown key `nmae`")
    );

    // A page loaded now learns about the failure as soon as it connects.
    let (mut late, mut late_seen) = open_events(port, "/repo/");
    read_until(&mut late, &mut late_seen, "event: error\ndata: ");

    server.reloaded();
    read_until(&mut stream, &mut seen, "event: reload");
    let json: serde_json::Value =
        serde_json::from_slice(&get(port, "/repo/__dossier/status").body).unwrap();
    assert_eq!(json, serde_json::json!({ "ok": true, "report": "" }));
    // A page served before the rebuild is told so by the next stream's hello.
    let (_, fresh) = open_events(port, "/repo/");
    assert!(!fresh.contains(&format!("data: {token}\n")), "{fresh}");
}

#[test]
fn ansi_colours_are_stripped_from_reports() {
    let dir = site();
    let server = start(dir.path(), "/");
    server.failed("\u{1b}[1;31merror\u{1b}[0m: bad".into());
    let json: serde_json::Value =
        serde_json::from_slice(&get(server.port(), "/__dossier/status").body).unwrap();
    assert_eq!(json["report"], "error: bad");
}

#[test]
fn event_streams_of_departed_clients_are_released() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let streams: Vec<_> = (0..50).map(|_| open_events(port, "/repo/")).collect();
    assert_eq!(server.shared.live.listeners(), 50);
    drop(streams);
    // The next signal (or keep-alive) finds the sockets closed.
    server.reloaded();
    wait_for("released subscriptions", || {
        server.shared.live.listeners() == 0
    });
}
