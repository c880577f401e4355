//! Untrusted sources: raw HTML is sanitised unless the dossier trusts it, and front-matter
//! values are always escaped.

use scraper::{ElementRef, Html};

use crate::harness::{Project, one, one_in, select, select_texts, text};

/// Every attribute of every element in `scope` whose name starts with `on`.
fn handlers(scope: ElementRef) -> Vec<String> {
    scope
        .descendent_elements()
        .flat_map(|e| {
            e.value()
                .attrs()
                .filter(|(name, _)| name.to_ascii_lowercase().starts_with("on"))
                .map(move |(name, value)| format!("<{} {name}={value:?}>", e.value().name()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every `href` or `src` in `scope` with a `javascript:` scheme, however disguised.
fn javascript_urls(scope: ElementRef) -> Vec<String> {
    scope
        .descendent_elements()
        .flat_map(|e| {
            e.value()
                .attrs()
                .filter(|(name, _)| matches!(*name, "href" | "src" | "action" | "formaction"))
                .map(|(_, v)| v.to_string())
                .collect::<Vec<_>>()
        })
        .filter(|url| {
            url.chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase()
                .starts_with("javascript:")
        })
        .collect()
}

fn hostile_page(fixture: &str) -> Html {
    Project::fixture(fixture)
        .build_clean()
        .page("documents/hostile/")
}

#[test]
fn scripts_never_reach_the_page() {
    let page = hostile_page("sanitise/safe");
    let body = one(&page, ".document-body");
    assert_eq!(
        body.select(&crate::harness::sel("script")).count(),
        0,
        "{}",
        body.html()
    );
    // JSON-LD is data, never run
    assert!(
        select(&page, "script:not([type='application/ld+json'])").is_empty(),
        "the page has a script"
    );
    // The harmless parts of the raw HTML survive.
    assert_eq!(text(one_in(body, "div.boxed")), "Box");
    assert_eq!(one_in(body, "img").attr("src"), Some("/picture.png"));
}

#[test]
fn event_handlers_never_reach_the_page() {
    let page = hostile_page("sanitise/safe");
    let found = handlers(page.root_element());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn javascript_urls_never_reach_the_page() {
    let page = hostile_page("sanitise/safe");
    let found = javascript_urls(page.root_element());
    assert!(found.is_empty(), "{found:?}");
    // The link texts stay, only the targets go.
    let body = one(&page, ".document-body");
    let texts: Vec<String> = body.select(&crate::harness::sel("a")).map(text).collect();
    for label in [
        "markdown javascript link",
        "javascript link",
        "disguised one",
    ] {
        assert!(
            texts.contains(&label.to_string()),
            "{label:?} not in {texts:?}"
        );
    }
}

#[test]
fn sanitising_keeps_marked_passages_and_their_anchors() {
    let site = Project::fixture("sanitise/safe").build_clean();
    let timeline = site.page("timeline/");
    let href = one(
        &timeline,
        "li.event#hostile-event figure.source figcaption a",
    )
    .attr("href")
    .unwrap_or_default()
    .to_string();
    let (path, anchor) = href.split_once('#').expect("a fragment");
    assert_eq!(path, "/documents/hostile/");
    let page = site.page("documents/hostile/");
    let mark = one(&page, &format!(".document-body mark.cited#{anchor}"));
    assert_eq!(text(mark), "Intro paragraph");
}

#[test]
fn javascript_source_url_never_reaches_the_page() {
    let project = Project::fixture("sanitise/source_url");
    let outcome = project.build();
    if outcome.failed() {
        // Refusing the URL with a diagnostic is as good as dropping it.
        assert!(
            outcome
                .diagnostics
                .iter()
                .any(|d| d.file.ends_with("leak.txt")),
            "{}",
            outcome.report(false)
        );
        return;
    }
    let html = scraper::Html::parse_document(
        &std::fs::read_to_string(project.site_dir().join("documents/leak/index.html"))
            .expect("the page"),
    );
    let found = javascript_urls(html.root_element());
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn plain_text_documents_show_markup_as_text() {
    let site = Project::fixture("sanitise/safe").build_clean();
    let page = site.page("documents/plain/");
    let body = one(&page, ".document-body");
    assert_eq!(body.select(&crate::harness::sel("script, b")).count(), 0);
    assert_eq!(text(body), "<script>alert(7)</script> <b>not bold</b>");
}

#[test]
fn front_matter_values_are_escaped_everywhere() {
    let site = Project::fixture("sanitise/safe").build_clean();
    let page = site.page("documents/hostile/");
    let h1 = one(&page, "h1");
    assert_eq!(text(h1), "Hostile <b>markup</b>");
    assert_eq!(h1.select(&crate::harness::sel("b")).count(), 0);
    assert_eq!(
        text(one(&page, "header .lead")),
        "Summary with <script>alert('summary')</script>"
    );
    assert_eq!(select_texts(&page, "dl.meta-panel .tag"), ["<em>tag</em>"]);
    assert!(
        select(&page, "main b, main i, main em, main script").is_empty(),
        "front matter became markup"
    );
    let titles: Vec<String> = select(&page, "title").into_iter().map(text).collect();
    assert_eq!(titles, ["Hostile <b>markup</b> · Sanitising fixture"]);

    let index = site.page("documents/");
    assert!(
        select_texts(&index, "li.doc-entry h2 a").contains(&"Hostile <b>markup</b>".to_string())
    );
    assert!(select(&index, "main b, main i, main em, main script").is_empty());

    let timeline = site.page("timeline/");
    assert_eq!(
        select_texts(&timeline, "li.event .event-title"),
        ["An <b>event</b> title"]
    );
    assert!(select(&timeline, "main b").is_empty());

    let actor = site.page("actors/evil/");
    assert_eq!(text(one(&actor, "h1")), "Evil <b>Corp</b>");
    assert_eq!(
        text(one(&actor, "header .lead")),
        "Described with <img src=x onerror=alert(8)>"
    );
    assert!(select(&actor, "main b, main img").is_empty());
    assert!(handlers(actor.root_element()).is_empty());
}

#[test]
fn unsafe_html_setting_keeps_raw_html() {
    let page = hostile_page("sanitise/unsafe");
    let body = one(&page, ".document-body");
    assert_eq!(
        body.select(&crate::harness::sel("script")).count(),
        1,
        "{}",
        body.html()
    );
    assert_eq!(one_in(body, "img").attr("onerror"), Some("alert(2)"));
    assert_eq!(one_in(body, "div.boxed").attr("onclick"), Some("alert(3)"));
    // Front matter stays escaped even then.
    assert_eq!(text(one(&page, "h1")), "Hostile <b>markup</b>");
}

#[test]
fn a_tag_that_would_swallow_the_rest_of_a_document_keeps_every_word_and_anchor() {
    let site = Project::fixture("sanitise/swallowing").build_clean();
    let timeline = site.page("timeline/");
    for tag in ["script", "style", "template", "textarea", "select"] {
        let page = site.page(&format!("documents/mentions-{tag}/"));
        let body = text(one(&page, ".document-body"));
        assert!(
            body.contains(&format!("The attacker writes <{tag}> in the page.")),
            "{tag}: {body}"
        );
        assert!(
            body.contains("A last paragraph, which must be shown too."),
            "{tag}: {body}"
        );
        // (the page's JSON-LD is the one script element it has, and it is data)
        let element = match tag {
            "script" => "script:not([type='application/ld+json'])",
            other => other,
        };
        assert!(
            select(&page, element).is_empty(),
            "a <{tag}> element reached the page"
        );
        // The timeline links to the passage, and the passage is there with that anchor.
        let link = select(&timeline, &format!("#council-meets-{tag} a[href*='#q-']"));
        let href = link
            .first()
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_else(|| panic!("{tag}: the event links to no passage"));
        let anchor = href.split('#').nth(1).unwrap_or_default();
        let mark = one(&page, &format!("mark#{anchor}"));
        assert!(text(mark).contains("Town Council met"), "{tag}");
    }
}
