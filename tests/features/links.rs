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

#[test]
fn a_link_to_an_actor_counts_as_a_mention_of_it() {
    let site = Project::fixture("links/references").build_clean();
    let actor = site.page("actors/cnil/");
    let contexts = crate::harness::select_texts(&actor, "ul.snippets > li");
    // links without a label of their own read as the title or name of what they link to;
    // the two mentions' words overlap, so they share one snippet
    assert_eq!(
        contexts,
        [
            "The regulator, the CNIL, read the Annual report closely after The annual report is published; see also Commission nationale de l'informatique et des libertés itself."
        ]
    );
    let hrefs = crate::harness::select_attrs(&actor, "ul.snippets > li a.mention-name", "href");
    assert_eq!(
        hrefs,
        ["/documents/note/#m-cnil-1", "/documents/note/#m-cnil-2"]
    );
    let documents = crate::harness::select_attrs(&actor, "ul.doc-list a.doc-link", "href");
    assert_eq!(documents, ["/documents/note/"]);
    // the links carry the anchors the actor page points to
    let note = site.page("documents/note/");
    assert_eq!(
        crate::harness::select_attrs(&note, ".document-body a.xref[href='/actors/cnil/']", "id"),
        ["m-cnil-1", "m-cnil-2"]
    );
    assert!(broken_links(&site, "/").is_empty());
}

#[test]
fn a_link_to_a_document_is_listed_on_its_page_with_its_context() {
    let site = Project::fixture("links/references").build_clean();
    let report = site.page("documents/report/");
    let linked = crate::harness::select_texts(&report, "#linked-from-heading + ul .mentions > li");
    assert_eq!(
        linked,
        [
            "The regulator, the CNIL, read the Annual report closely after The annual report is published; see also Commission nationale de…"
        ]
    );
    assert_eq!(
        crate::harness::select_attrs(&report, "#linked-from-heading + ul .mentions a", "href"),
        ["/documents/note/#l-report-1"]
    );
    assert_eq!(
        crate::harness::select_texts(&report, "#linked-from-heading + ul h3"),
        ["A note on the report"]
    );
}

#[test]
fn a_link_to_an_event_is_listed_under_it_on_the_timeline() {
    let site = Project::fixture("links/references").build_clean();
    let timeline = site.page("timeline/");
    let event = crate::harness::one(&timeline, "li.event#report-published");
    let links: Vec<String> = event
        .select(&crate::harness::sel(".linked-from a"))
        .filter_map(|a| a.attr("href").map(String::from))
        .collect();
    assert_eq!(links, ["/documents/note/#l-report-published-1"]);
    let mark = crate::harness::one_in(event, ".linked-from mark");
    assert_eq!(crate::harness::text(mark), "The annual report is published");
    assert!(broken_links(&site, "/").is_empty());
}

/// The messages of a build's errors, and the files they point at.
fn errors(outcome: &dossier::Outcome) -> Vec<(String, String)> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.display().to_string(), d.message.clone()))
        .collect()
}

#[test]
fn a_link_in_a_document_to_a_page_the_site_lacks_fails_the_build_at_the_document() {
    let project = Project::fixture("build/minimal");
    let memo = project.read("content/documents/memo.txt");
    project.write(
        "content/documents/note.md",
        "+++\ntitle = \"Note\"\n+++\nSee [the annex](/annexes/one/) and [the memo](/documents/memo/#nowhere).\n",
    );
    project.write("content/documents/memo.txt", memo);
    let outcome = project.build();
    assert_eq!(
        errors(&outcome),
        [
            (
                "content/documents/memo.txt".to_string(),
                "the page documents/memo/index.html has no anchor `#nowhere`, which documents/note/index.html and 1 other page link to".to_string()
            ),
            (
                "content/documents/note.md".to_string(),
                "documents/note/index.html and 1 other page link to `annexes/one/`, which is not part of the site".to_string()
            ),
        ]
    );
    assert!(
        !project.site_dir().exists(),
        "a site with broken links was published"
    );
}

#[test]
fn a_static_file_is_a_valid_link_target() {
    let project = Project::fixture("build/minimal");
    project.write("static/annexes/one.pdf", "%PDF-1.4");
    project.write(
        "content/documents/note.md",
        "+++\ntitle = \"Note\"\n+++\nSee [the annex](/annexes/one.pdf#page=2).\n",
    );
    let outcome = project.build();
    assert_eq!(errors(&outcome), Vec::<(String, String)>::new());
}

#[test]
fn a_template_that_links_to_a_missing_page_fails_the_build() {
    let project = Project::fixture("build/minimal");
    let base = std::fs::read_to_string(crate::harness::repo_root().join("templates/base.html"))
        .expect("reading the built-in base template");
    project.write(
        "templates/base.html",
        base.replacen(
            "<body class=\"page-{{ page.kind }}\">",
            "<body class=\"page-{{ page.kind }}\"><a href=\"{{ url(path='about/') }}\">About</a>",
            1,
        ),
    );
    let outcome = project.build();
    let found = errors(&outcome);
    assert!(
        found
            .iter()
            .any(|(_, m)| m.contains("link to `about/`, which is not part of the site")),
        "{found:?}"
    );
    assert!(found.len() == 1, "one error per missing target: {found:?}");
}
