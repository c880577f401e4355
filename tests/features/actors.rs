//! The actor index, grouped by kind, and actor pages: relations both ways, events, documents.

use scraper::Html;

use crate::harness::{Project, one, one_in, sel, select, text};

/// (text, href) of the links matching `css`.
fn links(page: &Html, css: &str) -> Vec<(String, String)> {
    select(page, css)
        .into_iter()
        .map(|a| (text(a), a.attr("href").unwrap_or_default().to_string()))
        .collect()
}

fn link(text: &str, href: &str) -> (String, String) {
    (text.to_string(), href.to_string())
}

#[test]
fn actor_index_is_grouped_by_kind() {
    let site = Project::fixture("actors/basic").build_clean();
    let page = site.page("actors/");
    let groups: Vec<(String, Vec<String>)> = select(&page, "section.actor-group")
        .into_iter()
        .map(|g| {
            (
                text(one_in(g, "h2")),
                g.select(&sel("p.actor-name a")).map(text).collect(),
            )
        })
        .collect();
    let expected = [
        ("People", vec!["Bob Roe", "Jane Doe"]),
        ("Organisations", vec!["Acme Corporation"]),
        ("Public bodies", vec!["Ministry of Industry"]),
        ("States", vec!["France"]),
        ("Media", vec!["Le Monde"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(groups, expected);
}

#[test]
fn relations_are_shown_on_both_actors() {
    let site = Project::fixture("actors/basic").build_clean();
    let acme = site.page("actors/acme/");
    let outgoing: Vec<String> = select(&acme, "li.relation:not(.incoming)")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        outgoing,
        [
            "Acme Corporation → founded by → Jane Doe",
            "Acme Corporation → headquartered in → France"
        ]
    );
    assert_eq!(
        links(&acme, "li.relation a"),
        [
            link("Jane Doe", "/actors/jane-doe/"),
            link("France", "/actors/france/")
        ]
    );
    assert!(select(&acme, "li.relation.incoming").is_empty());

    let jane = site.page("actors/jane-doe/");
    let incoming = one(&jane, "li.relation.incoming");
    assert_eq!(text(incoming), "Acme Corporation → founded by → Jane Doe");
    assert_eq!(one_in(incoming, "a").attr("href"), Some("/actors/acme/"));
    assert_eq!(text(one_in(incoming, ".relation-label")), "→ founded by →");
}

#[test]
fn actor_page_lists_its_events_in_timeline_order() {
    let site = Project::fixture("actors/basic").build_clean();
    let acme = site.page("actors/acme/");
    assert_eq!(
        links(&acme, "ol.timeline li.event h3 a"),
        [
            link("Acme is founded", "/timeline/#acme-founded"),
            link("Acme expands abroad", "/timeline/#acme-expands")
        ]
    );
    let dates: Vec<String> = select(&acme, "ol.timeline li.event p.event-date time")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(dates, ["1 April 1999", "2019"]);
    let jane = site.page("actors/jane-doe/");
    assert_eq!(
        links(&jane, "ol.timeline li.event h3 a"),
        [link("Acme is founded", "/timeline/#acme-founded")]
    );
}

#[test]
fn actor_page_lists_the_documents_it_authored_and_those_about_it() {
    let site = Project::fixture("actors/basic").build_clean();
    let acme = site.page("actors/acme/");
    assert_eq!(
        links(
            &acme,
            "section[aria-labelledby='authored-heading'] a.doc-link"
        ),
        [link("Acme annual report", "/documents/report/")]
    );
    let jane = site.page("actors/jane-doe/");
    assert!(select(&jane, "section[aria-labelledby='authored-heading']").is_empty());
    // Jane Doe is named in the article, which is therefore about her.
    assert_eq!(
        links(
            &jane,
            "section[aria-labelledby='documents-heading'] a.doc-link"
        ),
        [link("Article about the founder", "/documents/article/")]
    );
    let le_monde = site.page("actors/le-monde/");
    assert_eq!(
        links(
            &le_monde,
            "section[aria-labelledby='authored-heading'] a.doc-link"
        ),
        [link("Article about the founder", "/documents/article/")]
    );
}

#[test]
fn actor_page_shows_kind_country_and_description() {
    let site = Project::fixture("actors/basic").build_clean();
    let acme = site.page("actors/acme/");
    assert_eq!(text(one(&acme, "h1")), "Acme Corporation");
    assert_eq!(text(one(&acme, "header .lead")), "A maker of everything.");
    assert_eq!(
        text(crate::harness::meta_value(&acme, "Kind")),
        "organisation"
    );
    assert_eq!(text(crate::harness::meta_value(&acme, "Country")), "FR");
}

#[test]
fn an_actors_own_name_is_not_among_its_other_names() {
    // Huawei lists its full name among its aliases, so that it counts as a mention
    let site = Project::example().build_clean();
    let page = site.page("actors/huawei/");
    let aliases = crate::harness::meta_value(&page, "Also known as");
    assert_eq!(text(aliases), "Huawei");
    let briefing = site.page("briefing/");
    let line = text(one(&briefing, "#a-huawei .meta"));
    assert!(line.ends_with("Also known as: Huawei"), "{line}");
}

#[test]
fn a_document_an_actor_wrote_is_listed_once_under_authored() {
    // Huawei wrote the letter, which also concerns and mentions it
    let site = Project::example().build_clean();
    let page = site.page("actors/huawei/");
    let listed = |section: &str| -> Vec<String> {
        links(&page, &format!("section[aria-labelledby='{section}'] li a"))
            .into_iter()
            .map(|(_, href)| href)
            .collect()
    };
    let authored = listed("authored-heading");
    assert_eq!(authored, ["/documents/huawei-letter-to-ansip/"]);
    let concerning = listed("documents-heading");
    assert!(!concerning.is_empty());
    assert!(!concerning.contains(&authored[0]), "{concerning:?}");
}
