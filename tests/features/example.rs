//! The repository's own example dossier: it builds cleanly, is complete, and every link
//! on every page resolves.

use crate::harness::{Project, broken_links, select, select_attrs, select_texts};

#[test]
fn example_dossier_builds_without_diagnostics() {
    let site = Project::example().build_clean();
    assert!(site.outcome.files > 0);
    for page in [
        "index.html",
        "documents/index.html",
        "actors/index.html",
        "timeline/index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
    ] {
        assert!(site.has(page), "the example site has no {page}");
    }
}

#[test]
fn example_dossier_has_documents_actors_and_events() {
    let site = Project::example().build_clean();
    let documents = site
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("documents/") && f.matches('/').count() == 2)
        .filter(|f| f != "documents/index.html")
        .count();
    assert!(documents >= 3, "{documents} document pages");
    let actors = site
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("actors/") && f != "actors/index.html")
        .count();
    assert!(actors >= 12, "{actors} actor pages");
    let timeline = site.page("timeline/");
    let events = select(&timeline, "li.event");
    assert!(
        events.len() >= 12,
        "{} events on the timeline",
        events.len()
    );
    // The indexes list what the pages are.
    assert_eq!(
        select(&site.page("documents/"), "li.doc-entry").len(),
        documents
    );
    assert_eq!(
        select(&site.page("actors/"), "ul.actor-index > li").len(),
        actors
    );
}

#[test]
fn every_timeline_event_links_to_a_marked_passage() {
    let site = Project::example().build_clean();
    let timeline = site.page("timeline/");
    for event in select(&timeline, "li.event") {
        let id = event.attr("id").expect("timeline events have an id");
        let hrefs: Vec<String> = event
            .select(&crate::harness::sel("figure.source a[href]:not(.page-ref)"))
            .filter_map(|a| a.attr("href").map(String::from))
            .collect();
        assert!(!hrefs.is_empty(), "event {id} has no source link");
        for href in hrefs {
            let (path, fragment) = href
                .split_once('#')
                .unwrap_or_else(|| panic!("event {id}: source link {href} has no fragment"));
            let doc = path
                .strip_prefix("/documents/")
                .unwrap_or_else(|| panic!("event {id}: source link {href} is not a document"));
            assert!(
                fragment.starts_with("q-"),
                "event {id}: {href} does not point to a passage"
            );
            let page = site.page(&format!("documents/{doc}"));
            // a mark, or the anchor a mark holds where a passage begins inside another
            let marks = select_attrs(&page, "mark.cited[id], mark.cited > span[id]", "id");
            assert!(
                marks.iter().any(|m| m == fragment),
                "event {id}: documents/{doc} has no mark with id {fragment} (has {marks:?})"
            );
        }
    }
}

#[test]
fn every_internal_link_of_the_example_resolves() {
    let site = Project::example().build_clean();
    let broken = broken_links(&site, "/");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn example_overview_links_its_wiki_links() {
    let site = Project::example().build_clean();
    let home = site.page("");
    let xrefs = select_texts(&home, ".briefing a.xref");
    assert!(
        xrefs.contains(&"Huawei Technologies".to_string()),
        "{xrefs:?}"
    );
    assert!(xrefs.contains(&"the letter".to_string()), "{xrefs:?}");
    assert!(select(&home, "a.xref.broken").is_empty());
}

#[test]
fn pages_load_nothing_from_another_origin() {
    let site = Project::example().build_clean();
    let loaders = "script[src], img[src], iframe[src], audio[src], video[src], source[src], embed[src], object[data], link[rel~='stylesheet'], link[rel~='icon'], link[rel~='preload'], link[rel~='modulepreload']";
    for file in site.html_files() {
        let page = scraper::Html::parse_document(&site.text(&file));
        for element in page.select(&crate::harness::sel(loaders)) {
            let url = element
                .attr("src")
                .or_else(|| element.attr("href"))
                .or_else(|| element.attr("data"))
                .unwrap_or_default();
            assert!(
                url.starts_with('/') && !url.starts_with("//"),
                "{file}: <{}> loads `{url}`",
                element.value().name()
            );
        }
    }
}

#[test]
fn example_actor_pages_group_mentions_under_their_documents() {
    let site = Project::example().build_clean();
    let mut groups_seen = 0;
    for file in site.html_files() {
        let Some(url) = file
            .strip_prefix("actors/")
            .and_then(|f| f.strip_suffix("index.html"))
            .filter(|id| !id.is_empty())
        else {
            continue;
        };
        let page = site.page(&format!("actors/{url}"));
        for group in select(&page, "ul.mention-groups > li") {
            groups_seen += 1;
            let heading = group
                .select(&crate::harness::sel("h3.mention-doc a"))
                .count();
            let mentions = group
                .select(&crate::harness::sel("ul.snippets > li mark"))
                .count();
            assert_eq!(
                heading, 1,
                "actors/{url}: a mention group without its document"
            );
            assert!(mentions > 0, "actors/{url}: an empty mention group");
        }
    }
    assert!(
        groups_seen > 20,
        "only {groups_seen} mention groups in the example"
    );
}

#[test]
fn the_example_letter_shows_its_paged_original_and_says_what_it_is() {
    let site = Project::example().build_clean();
    assert!(site.has("originals/huawei-letter-to-ansip.pdf"));
    let page = site.page("documents/huawei-letter-to-ansip/");
    let original = select_texts(&page, "dd.original");
    assert_eq!(original.len(), 1);
    assert!(original[0].contains("(PDF, 2 pages,"), "{original:?}");
    assert!(
        original[0].contains("a rendering of the letter's text made for the dossier example"),
        "{original:?}"
    );
    assert_eq!(select_texts(&page, ".document-body .page-start"), ["p. 2"]);
    let pages = select_attrs(&page, ".evidence-index .page-ref", "href");
    assert!(
        pages.contains(&"/originals/huawei-letter-to-ansip.pdf#page=2".to_string()),
        "{pages:?}"
    );
}

/// The seed texts stay verbatim in the example: the same words in the same order (runs of
/// blank lines may be tidied; the letter's page break is a form feed, which is whitespace).
#[test]
fn the_example_keeps_the_seed_texts_verbatim() {
    let seeds = crate::harness::repo_root().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} is not here", seeds.display());
        return;
    }
    let project = Project::example();
    for (seed, document) in [
        ("000_70616c450d75db5c.txt", "huawei-letter-to-ansip.txt"),
        (
            "001_7706a247ff900231.txt",
            "ren-zhengfei-would-rather-die.txt",
        ),
        ("002_230a8531cf6a8c72.txt", "latombe-question-17938.txt"),
    ] {
        let seed = std::fs::read_to_string(seeds.join(seed)).unwrap();
        let text = project.read(&format!("content/documents/{document}"));
        let body = text.splitn(3, "+++\n").nth(2).unwrap();
        let lines = |t: &str| -> Vec<String> {
            t.replace('\u{c}', "")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from)
                .collect()
        };
        assert_eq!(lines(body), lines(&seed), "{document}");
    }
}
