//! A timeline larger than `timeline_per_page`: an entry page, a page per year, a crowded
//! year split by month and a crowded month into parts, every link to an event leading to
//! its page, and the filters' files listing events across all of them.

use serde_json::Value;

use crate::harness::{Project, select, select_attrs, select_texts};

/// The fixture shows at most 3 events a page: 2015, 2016 and 2018 fit on a page each;
/// 2019's six events are split into its year-only event, March (four: two parts) and May.
const PAGES: [&str; 7] = [
    "2015",
    "2016",
    "2018",
    "2019",
    "2019-03",
    "2019-03-2",
    "2019-05",
];

fn ids(page: &scraper::Html) -> Vec<String> {
    select_attrs(page, "li.event", "id")
}

#[test]
fn a_large_timeline_gets_an_entry_page_and_a_page_per_year_split_further_when_crowded() {
    let site = Project::fixture("timeline/split").build_clean();
    for slug in PAGES {
        assert!(site.has(&format!("timeline/{slug}/index.html")), "{slug}");
    }
    let entry = site.page("timeline/");
    assert!(
        ids(&entry).is_empty(),
        "the entry page lists no events itself"
    );
    // one link per year, to the year's first page, with its number of events
    assert_eq!(
        select_attrs(&entry, "nav.periods .years a", "href"),
        [
            "/repo/timeline/2015/",
            "/repo/timeline/2016/",
            "/repo/timeline/2018/",
            "/repo/timeline/2019/"
        ]
    );
    assert_eq!(
        select_texts(&entry, "nav.periods .year-count"),
        ["1", "1", "2", "6"]
    );
    assert_eq!(ids(&site.page("timeline/2018/")), ["hire", "contract"]);
    assert_eq!(ids(&site.page("timeline/2019/")), ["year-2019"]);
    assert_eq!(
        ids(&site.page("timeline/2019-03/")),
        ["march-1", "march-2", "march-3"]
    );
    assert_eq!(ids(&site.page("timeline/2019-03-2/")), ["march-4"]);
    assert_eq!(ids(&site.page("timeline/2019-05/")), ["may"]);
    let sitemap = site.text("sitemap.xml");
    for slug in PAGES {
        let loc = format!("<loc>https://example.org/repo/timeline/{slug}/</loc>");
        assert!(sitemap.contains(&loc), "the sitemap lists {slug}");
    }
}

#[test]
fn a_period_page_is_titled_by_its_period_and_leads_to_its_neighbours() {
    let site = Project::fixture("timeline/split").build_clean();
    let page = site.page("timeline/2019-03-2/");
    assert_eq!(select_texts(&page, "h1"), ["Timeline: March 2019 (2)"]);
    assert_eq!(
        select_texts(&page, "title"),
        ["Timeline: March 2019 (2) · Split timeline fixture"]
    );
    assert_eq!(
        select_attrs(&page, ".period-nav a[rel=prev]", "href"),
        ["/repo/timeline/2019-03/"]
    );
    assert_eq!(
        select_attrs(&page, ".period-nav a[rel=next]", "href"),
        ["/repo/timeline/2019-05/"]
    );
    // the parts of a split year are listed on its pages, this one marked
    assert_eq!(
        select_texts(&page, ".parts a"),
        ["2019", "March 2019", "March 2019 (2)", "May 2019"]
    );
    assert_eq!(
        select_texts(&page, ".parts a[aria-current=page]"),
        ["March 2019 (2)"]
    );
    assert_eq!(
        select_texts(&page, ".periods a[aria-current=page]"),
        ["2019"]
    );
    let first = site.page("timeline/2015/");
    assert!(select(&first, ".period-nav a[rel=prev]").is_empty());
}

#[test]
fn every_link_to_an_event_leads_to_the_page_it_is_on() {
    let site = Project::fixture("timeline/split").build_clean();
    let actor = site.page("actors/alice/");
    let links = select_attrs(&actor, "a[href*='/timeline/']", "href");
    for expected in [
        "/repo/timeline/2018/#hire",
        "/repo/timeline/2019/#year-2019",
        "/repo/timeline/2019-03/#march-1",
        "/repo/timeline/2019-03-2/#march-4",
    ] {
        assert!(
            links.iter().any(|l| l == expected),
            "{expected} in {links:?}"
        );
    }
    // a [[link]] in a description, and the open data
    let office = site.page("timeline/2016/");
    assert_eq!(
        select_attrs(&office, "#office .event-description a", "href"),
        ["/repo/timeline/2015/#founded"]
    );
    let data: Value = serde_json::from_str(&site.text("data/dossier.json")).unwrap();
    let urls: Vec<&str> = (data["events"].as_array().unwrap().iter())
        .filter_map(|e| e["url"].as_str())
        .collect();
    assert!(
        urls.contains(&"https://example.org/repo/timeline/2019-05/#may"),
        "{urls:?}"
    );
    // the chart's bars lead to the years' pages
    let entry = site.page("timeline/");
    let bars = select_attrs(&entry, ".tl-chart a", "href");
    assert_eq!(
        bars.first().map(String::as_str),
        Some("/repo/timeline/2015/")
    );
    assert!(
        bars.contains(&"/repo/timeline/2019/".to_string()),
        "{bars:?}"
    );
}

#[test]
fn the_filters_files_list_the_events_of_each_actor_tag_kind_and_status_across_periods() {
    let site = Project::fixture("timeline/split").build_clean();
    let events = |file: &str| -> Vec<(String, String)> {
        let json: Value = serde_json::from_str(&site.text(&format!("timeline/filters/{file}")))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        (json["events"].as_array().unwrap().iter())
            .map(|row| {
                let id = row[0].as_str().unwrap().to_string();
                (id, row[1].as_str().unwrap().to_string())
            })
            .collect()
    };
    let pair = |id: &str, page: &str| (id.to_string(), page.to_string());
    assert_eq!(
        events("actor/alice.json"),
        [
            pair("hire", "2018/"),
            pair("year-2019", "2019/"),
            pair("march-1", "2019-03/"),
            pair("march-4", "2019-03-2/")
        ]
    );
    assert_eq!(events("status/alleged.json"), [pair("march-1", "2019-03/")]);
    // every event cites the ledger, an annual report
    assert_eq!(events("kind/annual-report.json").len(), 10);
    // a tag that is not plain lowercase ASCII gets a file named by its hash, which the
    // tag's option names
    let entry = site.page("timeline/");
    let cloud = select_attrs(&entry, "#filter-tag option[value=Cloud]", "data-file");
    assert_eq!(cloud.len(), 1);
    assert!(cloud[0].starts_with("tag/x-"), "{cloud:?}");
    assert_eq!(
        events(&cloud[0]),
        [
            pair("founded", "2015/"),
            pair("contract", "2018/"),
            pair("march-1", "2019-03/")
        ]
    );
    // a row is [id, page, iso date, date as shown, title, status]
    let json: Value =
        serde_json::from_str(&site.text("timeline/filters/status/alleged.json")).unwrap();
    assert_eq!(
        json["events"][0],
        serde_json::json!([
            "march-1",
            "2019-03/",
            "2019-03-01",
            "1 March 2019",
            "March, first",
            "alleged"
        ])
    );
    // the actor field's suggestions, fetched rather than listed on every page
    let actors: Value = serde_json::from_str(&site.text("timeline/filters/actors.json")).unwrap();
    assert_eq!(
        actors["actors"],
        serde_json::json!([
            ["acme", "Acme", 7],
            ["acme-bis", "Acme Holdings", 1],
            ["alice", "Alice Martin", 4]
        ])
    );
    assert!(select(&entry, "#filter-actor-list option").is_empty());
    assert_eq!(
        select_attrs(&entry, "#timeline-filters", "data-actor-list"),
        ["/repo/timeline/filters/actors.json"]
    );
}

#[test]
fn a_timeline_within_the_limit_stays_one_page_with_its_filters_in_it() {
    let project = Project::fixture("timeline/split");
    let toml = project
        .read("dossier.toml")
        .replace("timeline_per_page = 3", "timeline_per_page = 10");
    project.write("dossier.toml", toml);
    let site = project.build_clean();
    assert!(!site.has("timeline/2019/index.html"));
    assert!(!site.has("timeline/filters/actors.json"));
    let page = site.page("timeline/");
    assert_eq!(ids(&page).len(), 10);
    // suggestions listed in the page, and no data to fetch
    assert_eq!(
        select_attrs(&page, "#filter-actor-list option", "data-id"),
        ["acme", "acme-bis", "alice"]
    );
    assert_eq!(
        select_attrs(&page, "#timeline-filters", "data-filters"),
        [""]
    );
    let actor = site.page("actors/alice/");
    assert!(
        select_attrs(&actor, "a[href*='/timeline/']", "href")
            .contains(&"/repo/timeline/#hire".to_string())
    );
}

#[test]
fn years_with_one_event_each_share_a_section_and_ranges_show_in_the_chart() {
    let project = Project::fixture("timeline/split");
    let toml = project
        .read("dossier.toml")
        .replace("timeline_per_page = 3", "timeline_per_page = 0");
    project.write("dossier.toml", toml);
    let page = project.build_clean().page("timeline/");
    assert_eq!(
        select_texts(&page, "h2.year-heading"),
        ["2015–2016", "2018", "2019"]
    );
    // both years keep their anchor, for the chart's bars and links from elsewhere
    assert_eq!(
        select_attrs(&page, "section.tl-run .year-anchor", "id"),
        ["y2016"]
    );
    assert_eq!(
        select_texts(&page, ".years a"),
        ["2015–2016", "2018", "2019"]
    );
    // 2016's office is open until 2017: 2017's bar is only that range, named and unlinked
    let titles = select_texts(&page, ".tl-chart svg title");
    assert!(
        titles.contains(&"2017: 0 events, 1 continuing".to_string()),
        "{titles:?}"
    );
    assert_eq!(select(&page, ".tl-chart .chart-ongoing").len(), 1);
    assert_eq!(
        select_texts(&page, ".chart-legend"),
        ["Lighter: events under way, begun earlier."]
    );
}

#[test]
fn zero_keeps_any_timeline_on_one_page() {
    let project = Project::fixture("timeline/split");
    let toml = project
        .read("dossier.toml")
        .replace("timeline_per_page = 3", "timeline_per_page = 0");
    project.write("dossier.toml", toml);
    let site = project.build_clean();
    assert_eq!(ids(&site.page("timeline/")).len(), 10);
    assert!(!site.has("timeline/2015/index.html"));
}
