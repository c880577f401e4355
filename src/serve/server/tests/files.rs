//! What the server adds to tower-http's `ServeDir`, over 127.0.0.1: symlinks kept inside the
//! site, one URL per file, whole pages whatever the request asks for.

use std::net::{IpAddr, Ipv4Addr};

use super::{Limits, Server, ServerConfig, get, send_raw, site, start};

/// A GET of `target` with `extra` header lines.
fn get_with(port: u16, target: &str, extra: &str) -> super::Reply {
    send_raw(
        port,
        &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}Connection: close\r\n\r\n"),
    )
}

#[cfg(unix)]
#[test]
fn a_404_page_linked_from_outside_the_site_is_not_served() {
    let dir = site();
    let page = dir.path().join("site/404.html");
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(dir.path().join("outside/secret.html"), &page).unwrap();
    let server = start(dir.path(), "/repo/");
    for target in ["/repo/no/such/page/", "/elsewhere", "/repo/404.html"] {
        let reply = get(server.port(), target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(!reply.text().contains("top secret"), "{target}");
    }
}

#[cfg(unix)]
#[test]
fn directories_linked_inside_the_site_are_served() {
    let dir = site();
    std::os::unix::fs::symlink("actors", dir.path().join("site/people")).unwrap();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    assert!(get(port, "/repo/people/").text().contains("Actor index"));
    assert!(get(port, "/repo/people/huawei/").text().contains("Huawei"));
    let to_dir = get(port, "/repo/people");
    assert_eq!(to_dir.status, 307);
    assert_eq!(to_dir.header("location"), Some("/repo/people/"));
}

#[cfg(unix)]
#[test]
fn a_site_directory_reached_through_a_symlink_is_served_and_still_confined() {
    let dir = site();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("site"), &link).unwrap();
    let server = Server::start(ServerConfig {
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        base_path: "/".into(),
        site_dir: link,
        limits: Limits::default(),
    })
    .unwrap();
    let port = server.port();
    assert!(get(port, "/").text().contains("Overview"));
    assert_eq!(get(port, "/alias.css").status, 200);
    for target in ["/leak.txt", "/leakdir/secret.txt", "/leakdir/"] {
        let reply = get(port, target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(!reply.text().contains("top secret"), "{target}");
    }
}

#[test]
fn empty_and_dot_segments_name_nothing_even_encoded() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    for target in [
        "/repo/%2e/index.html",
        "/repo/actors/%2E/",
        "/repo/actors//huawei/",
        "/repo/actors/huawei/.",
        "/repo/actors%2f%2fhuawei/",
    ] {
        let reply = get(server.port(), target);
        assert_eq!(reply.status, 404, "{target}");
        assert!(reply.text().contains("Lost in the dossier"), "{target}");
    }
}

#[test]
fn ranges_and_conditions_are_ignored_so_pages_come_whole_with_their_script() {
    let dir = site();
    let server = start(dir.path(), "/repo/");
    let port = server.port();
    let whole = get(port, "/repo/");
    for extra in [
        "Range: bytes=0-9\r\n",
        "Range: bytes=0-1,4-5\r\n",
        "If-None-Match: *\r\n",
        "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT\r\n",
        "If-Match: \"nothing\"\r\n",
    ] {
        let reply = get_with(port, "/repo/", extra);
        assert_eq!(reply.status, 200, "{extra}");
        assert_eq!(reply.body, whole.body, "{extra}");
        assert!(reply.text().contains("__dossier/livereload.js"), "{extra}");
        let file = get_with(port, "/repo/big.bin", extra);
        assert_eq!(file.status, 200, "{extra}");
        assert_eq!(file.body.len(), super::BIG_LEN, "{extra}");
    }
    for name in ["etag", "last-modified", "accept-ranges"] {
        assert_eq!(whole.header(name), None, "{name}");
        assert_eq!(get(port, "/repo/style.css").header(name), None, "{name}");
    }
}
