//! Tests of the link check on hand-made pages.

use super::*;

fn page(path: &str, html: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: html.as_bytes().to_vec(),
    }
}

fn check(files: &[OutputFile], base: &str) -> Vec<String> {
    let mut links = Links::default();
    for f in files {
        links.insert(Links::scan(f));
    }
    links
        .check(&Dossier::default(), &Urls::new(base))
        .into_iter()
        .map(|d| d.message)
        .collect()
}

#[test]
fn ids_and_internal_links_are_found_outside_scripts() {
    let scanned = scan_html(
        br#"<a href="/x/" id="top"><p class="a" id="q-1">t</p>
        <a href="https://example.org/">e</a> <a href="mailto:a@b">m</a> <a href="//cdn/x">c</a>
        <script>var a = '<a href="/in-script/">';</script><img src="/img.png"> <a href="/x/">again</a>
        <a data-href="/not-a-link/" href="a.html?q=1&amp;r=2#f">"#,
    );
    let mut ids = vec![hash_id(b"q-1"), hash_id(b"top")];
    ids.sort_unstable();
    assert_eq!(scanned.ids, ids);
    let links: Vec<&str> = scanned.links.iter().map(|s| &**s).collect();
    assert_eq!(links, ["/x/", "a.html?q=1&r=2#f", "/img.png"]);
}

#[test]
fn a_site_whose_links_all_resolve_passes() {
    let files = [
        page(
            "index.html",
            r##"<a href="/repo/documents/a/#q-x"></a><a href="/repo/style.css"></a><a href="#top"></a><p id="top"></p>"##,
        ),
        page(
            "documents/a/index.html",
            r##"<mark id="q-x"></mark><a href="../../"></a><a href="/repo/documents/a"></a><a href="/repo/documents/a/?q=1"></a><a href="#"></a>"##,
        ),
        page("style.css", "body{}"),
    ];
    assert_eq!(
        check(&files, "https://u.github.io/repo/"),
        Vec::<String>::new()
    );
}

#[test]
fn a_missing_page_a_missing_anchor_and_a_link_off_the_base_path_are_errors() {
    let files = [
        page(
            "index.html",
            r#"<a href="/repo/gone/"></a><a href="/repo/documents/a/#q-lost"></a><a href="/other/"></a><a href="../../up"></a>"#,
        ),
        page(
            "timeline/index.html",
            r#"<a href="/repo/documents/a/#q-lost"></a>"#,
        ),
        page("documents/a/index.html", r#"<mark id="q-x"></mark>"#),
    ];
    let mut problems = check(&files, "/repo/");
    problems.sort();
    assert_eq!(
        problems,
        [
            "index.html link to `../../up`, which is not part of the site",
            "index.html link to `/other/`, which is not part of the site",
            "index.html link to `gone/`, which is not part of the site",
            "the page documents/a/index.html has no anchor `#q-lost`, which index.html and 1 other page link to",
        ]
    );
}

#[test]
fn fragments_of_files_that_are_not_pages_are_not_checked() {
    let files = [
        page("index.html", r#"<a href="/originals/a.pdf#page=2"></a>"#),
        page("originals/a.pdf", "%PDF"),
    ];
    assert_eq!(check(&files, "/"), Vec::<String>::new());
}

#[test]
fn the_search_page_links_to_its_index_and_the_index_to_its_shards() {
    let files = [
        page(
            "search/index.html",
            r#"<form data-index="/repo/search-index.json"></form>"#,
        ),
        page(
            "search-index.json",
            r#"{"version":2,"shards":["search-index/t0.json","search-index/t1.json"],"chunks":["search-index/e0.json"]}"#,
        ),
        page("search-index/t0.json", "{}"),
        page("search-index/e0.json", "[]"),
    ];
    let problems = check(&files, "https://u.github.io/repo/");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("`search-index/t1.json`"),
        "{problems:?}"
    );
    // without its manifest, the search page's link is broken
    let problems = check(&files[..1], "https://u.github.io/repo/");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("search-index.json"), "{problems:?}");
}
