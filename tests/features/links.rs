//! `[[id]]` and `[[id|label]]` cross-links in Markdown bodies.

use scraper::Html;

use crate::harness::{Project, broken_links, select};

/// (text, href) of every cross-link inside the elements matching `scope`.
fn xrefs(page: &Html, scope: &str) -> Vec<(String, String)> {
    select(page, &format!("{scope} a.xref"))
        .into_iter()
        .map(|a| {
            (
                crate::harness::text(a),
                a.attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn link(text: &str, href: &str) -> (String, String) {
    (text.to_string(), href.to_string())
}

#[test]
fn overview_links_show_the_target_title_or_the_label() {
    let site = Project::fixture("links/basic").build_clean();
    let home = site.page("");
    assert_eq!(
        xrefs(&home, ".briefing"),
        [
            link("Acme Corporation", "/actors/acme/"),
            link("the report", "/documents/report/"),
            link("Acme is founded", "/timeline/#acme-founded")
        ]
    );
}

#[test]
fn document_body_links_reach_actors_and_events() {
    let site = Project::fixture("links/basic").build_clean();
    let page = site.page("documents/report/");
    assert_eq!(
        xrefs(&page, ".document-body"),
        [
            link("the company page", "/actors/acme/"),
            link("Acme is founded", "/timeline/#acme-founded")
        ]
    );
}

#[test]
fn actor_profile_links_reach_documents_and_events() {
    let site = Project::fixture("links/basic").build_clean();
    let page = site.page("actors/acme/");
    assert_eq!(
        xrefs(&page, ".prose"),
        [
            link("Annual report", "/documents/report/"),
            link("the founding story", "/timeline/#acme-founded")
        ]
    );
}

#[test]
fn cross_links_resolve_to_existing_pages_and_anchors() {
    let site = Project::fixture("links/basic").build_clean();
    let broken = broken_links(&site, "/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
