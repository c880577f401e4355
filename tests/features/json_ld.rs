//! schema.org JSON-LD on every page: one `<script type="application/ld+json">` per page
//! that parses, typed by what the page shows, with values from the front matter, `@id`s
//! that are pages (and anchors) of the site, and no way for a value to close the element.
//! Also the data page, which lists every data file with its size.

use std::collections::BTreeMap;

use scraper::Html;
use serde_json::Value;

use crate::harness::{Project, Site, file_for, select, select_attrs, select_texts, snapshot};

const BASE: &str = "https://example.org/sub/";

fn fixture() -> Site {
    Project::fixture("json_ld/kinds").build_clean()
}

/// The JSON-LD of a page: there is exactly one, and it parses.
fn json_ld(page: &Html, which: &str) -> Value {
    let scripts = select(page, "script[type='application/ld+json']");
    assert_eq!(
        scripts.len(),
        1,
        "{which}: {} JSON-LD scripts",
        scripts.len()
    );
    let text: String = scripts[0].text().collect();
    let value: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{which}: {e}\n{text}"));
    assert_eq!(value["@context"], "https://schema.org", "{which}");
    value
}

/// The JSON-LD of every HTML page of `site`, by file.
fn every_page(site: &Site) -> BTreeMap<String, Value> {
    site.html_files()
        .into_iter()
        .map(|file| {
            let page = Html::parse_document(&site.text(&file));
            let value = json_ld(&page, &file);
            (file, value)
        })
        .collect()
}

/// Every `@id` in `value`.
fn ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("@id") {
                out.push(id.clone());
            }
            map.values().for_each(|v| ids(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| ids(v, out)),
        _ => {}
    }
}

/// `@id`s that are not a page of the site, or an element of that page.
fn unresolved(site: &Site, base: &str) -> Vec<String> {
    let mut all = Vec::new();
    every_page(site).values().for_each(|v| ids(v, &mut all));
    all.sort();
    all.dedup();
    assert!(!all.is_empty());
    all.into_iter()
        .filter(|id| {
            let Some(rel) = id.strip_prefix(base) else {
                return true;
            };
            let (path, fragment) = rel.split_once('#').unwrap_or((rel, ""));
            let file = file_for(path);
            if !site.has(&file) {
                return true;
            }
            !fragment.is_empty()
                && select(
                    &Html::parse_document(&site.text(&file)),
                    &format!("[id='{fragment}']"),
                )
                .is_empty()
        })
        .collect()
}

#[test]
fn every_page_describes_what_it_shows_with_its_schema_org_type() {
    let site = fixture();
    let types: BTreeMap<String, String> = every_page(&site)
        .into_iter()
        .map(|(file, v)| (file, v["@type"].as_str().unwrap_or("?").to_string()))
        .collect();
    let expected = [
        ("index.html", "WebSite"),
        ("404.html", "WebPage"),
        ("documents/index.html", "CollectionPage"),
        ("documents/letter/index.html", "CreativeWork"),
        ("documents/report/index.html", "Report"),
        ("actors/index.html", "CollectionPage"),
        ("actors/ann/index.html", "Person"),
        ("actors/acme/index.html", "Organization"),
        ("actors/ministry/index.html", "GovernmentOrganization"),
        ("actors/ruritania/index.html", "Country"),
        ("actors/paper/index.html", "NewsMediaOrganization"),
        ("actors/collectif/index.html", "Thing"),
        ("timeline/index.html", "CollectionPage"),
        ("search/index.html", "SearchResultsPage"),
        ("briefing/index.html", "Report"),
        ("integrity/index.html", "WebPage"),
        ("network/index.html", "WebPage"),
        ("data/index.html", "Dataset"),
        // the documents index narrowed, and the tags
        ("documents/kind/letter/index.html", "CollectionPage"),
        ("documents/kind/report/index.html", "CollectionPage"),
        ("documents/lang/en/index.html", "CollectionPage"),
        ("documents/lang/fr/index.html", "CollectionPage"),
        ("documents/year/2018/index.html", "CollectionPage"),
        ("documents/year/2019/index.html", "CollectionPage"),
        ("tags/index.html", "CollectionPage"),
        ("tags/meetings/index.html", "CollectionPage"),
    ];
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    assert_eq!(types, expected);
}

#[test]
fn every_id_is_a_page_or_an_anchor_of_the_site() {
    let site = fixture();
    assert_eq!(unresolved(&site, BASE), Vec::<String>::new());
    let example = Project::example().build_clean();
    assert_eq!(
        unresolved(&example, "https://example.org/"),
        Vec::<String>::new()
    );
}

#[test]
fn a_title_cannot_close_the_script_element() {
    let site = fixture();
    let html = site.text("documents/letter/index.html");
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("a JSON-LD script");
    for forbidden in ['<', '>', '&'] {
        assert!(!script.contains(forbidden), "{forbidden} in {script}");
    }
    // the values come back exactly, escapes and all
    let value: Value = serde_json::from_str(script).expect("JSON");
    assert_eq!(
        value["name"],
        "Letter </script><script>alert(1)</script> & \"more\""
    );
    // the page's one executable script element is none at all
    let page = Html::parse_document(&html);
    assert!(select(&page, "script:not([type='application/ld+json'])").is_empty());
    let home = json_ld(&site.page(""), "index.html");
    assert_eq!(home["author"]["name"], "Analyst </script><!--");
    assert_eq!(home["description"], "A dossier & its <data>");
}

#[test]
fn a_document_page_gives_what_its_front_matter_declares() {
    let site = fixture();
    let doc = json_ld(&site.page("documents/letter/"), "letter");
    let url = format!("{BASE}documents/letter/");
    assert_eq!(doc["@id"], url.as_str());
    assert_eq!(doc["url"], url.as_str());
    assert_eq!(doc["genre"], "letter");
    assert_eq!(doc["datePublished"], "2018-12");
    assert_eq!(doc["inLanguage"], "en");
    assert_eq!(doc["abstract"], "A letter about the meeting.");
    assert_eq!(doc["keywords"], serde_json::json!(["meetings"]));
    assert_eq!(doc["author"][0]["@type"], "Organization");
    assert_eq!(doc["author"][0]["@id"], format!("{BASE}actors/acme/"));
    assert_eq!(doc["author"][0]["name"], "Acme Corporation");
    assert_eq!(doc["publisher"]["name"], "Example Archive");
    assert_eq!(doc["sameAs"], "https://example.com/letter");
    assert_eq!(
        doc["archivedAt"],
        serde_json::json!([
            "https://web.archive.org/web/20190115093000/https://example.com/letter"
        ])
    );
    assert_eq!(
        doc["about"][0]["@id"],
        format!("{BASE}timeline/#letter-sent")
    );
    assert_eq!(doc["about"][0]["startDate"], "2018-12-03");
    let mentioned: Vec<&str> = (doc["mentions"].as_array().expect("mentions").iter())
        .filter_map(|m| m["@id"].as_str())
        .collect();
    for actor in ["ann", "paper", "ruritania"] {
        assert!(
            mentioned.contains(&format!("{BASE}actors/{actor}/").as_str()),
            "{actor} in {mentioned:?}"
        );
    }
    let quotation = &doc["hasPart"][0];
    assert_eq!(quotation["@type"], "Quotation");
    assert_eq!(quotation["text"], "we write to you about the meeting");
    assert!(
        quotation["@id"]
            .as_str()
            .is_some_and(|id| id.starts_with(&format!("{url}#q-")))
    );
    let report = json_ld(&site.page("documents/report/"), "report");
    assert_eq!(report["datePublished"], "2019");
    assert_eq!(report["inLanguage"], "fr");
    assert!(report.get("publisher").is_none());
    snapshot(
        "json_ld_document",
        &serde_json::to_string_pretty(&doc).unwrap(),
    );
}

#[test]
fn an_actor_page_gives_its_names_and_country() {
    let site = fixture();
    let ann = json_ld(&site.page("actors/ann/"), "ann");
    assert_eq!(ann["name"], "Ann Example");
    assert_eq!(ann["alternateName"], serde_json::json!(["A. Example"]));
    assert_eq!(ann["description"], "An envoy.");
    assert_eq!(ann["address"]["addressCountry"], "GB");
    assert_eq!(ann["mainEntityOfPage"]["@id"], format!("{BASE}actors/ann/"));
    let state = json_ld(&site.page("actors/ruritania/"), "ruritania");
    assert_eq!(state["identifier"], "RT");
    assert!(state.get("address").is_none());
}

#[test]
fn the_timeline_lists_its_events_with_their_evidence() {
    let site = fixture();
    let timeline = json_ld(&site.page("timeline/"), "timeline");
    let list = &timeline["mainEntity"];
    assert_eq!(list["@type"], "ItemList");
    assert_eq!(list["numberOfItems"], 2);
    let meeting = &list["itemListElement"][1]["item"];
    assert_eq!(list["itemListElement"][1]["position"], 2);
    assert_eq!(meeting["@type"], "Event");
    assert_eq!(meeting["@id"], format!("{BASE}timeline/#meeting"));
    assert_eq!(meeting["name"], "Meeting in Geneva");
    assert_eq!(meeting["startDate"], "2019-03-01");
    assert_eq!(meeting["endDate"], "2019-03-02");
    assert_eq!(meeting["location"]["name"], "Geneva");
    assert_eq!(meeting["performer"].as_array().map(Vec::len), Some(3));
    let evidence = meeting["subjectOf"][0]["@id"].as_str().expect("subjectOf");
    assert!(evidence.starts_with(&format!("{BASE}documents/report/#q-")));
}

#[test]
fn a_long_timeline_lists_the_first_200_events_and_counts_them_all() {
    let project = Project::fixture("json_ld/kinds");
    // on one page: a split timeline's pages list only their own events
    let settings = project.read("dossier.toml");
    project.write("dossier.toml", format!("timeline_per_page = 0\n{settings}"));
    for i in 0..230 {
        project.write(
            &format!("content/events/generated-{i:03}.md"),
            format!("+++\ntitle = \"Event {i}\"\ndate = \"2020-01-01\"\n+++\n"),
        );
    }
    let site = project.build_site();
    let list = &json_ld(&site.page("timeline/"), "timeline")["mainEntity"];
    assert_eq!(list["numberOfItems"], 232);
    assert_eq!(list["itemListElement"].as_array().map(Vec::len), Some(200));
}

#[test]
fn the_data_page_lists_every_data_file_with_its_size() {
    let site = fixture();
    let page = site.page("data/");
    let mut in_site: Vec<String> = (std::fs::read_dir(site.dir.join("data")).expect("data/"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "index.html")
        .collect();
    in_site.sort();
    let mut linked: Vec<String> = select_attrs(&page, "table.data-files a", "href")
        .into_iter()
        .map(|href| href.trim_start_matches("/sub/data/").to_string())
        .collect();
    linked.sort();
    assert_eq!(linked, in_site);
    let dataset = json_ld(&page, "data");
    let distribution = dataset["distribution"].as_array().expect("distribution");
    assert_eq!(distribution.len(), in_site.len());
    for file in distribution {
        let name = file["name"].as_str().expect("name");
        let bytes = std::fs::metadata(site.dir.join("data").join(name))
            .expect("the file")
            .len();
        assert_eq!(file["contentSize"], format!("{bytes} B"), "{name}");
        assert_eq!(file["contentUrl"], format!("{BASE}data/{name}"));
    }
    assert!(dataset.get("license").is_none());
    assert_eq!(dataset["temporalCoverage"], "2018-12-03/2019-03-02");
    // no licence: the page says so
    let licence = select_texts(&page, ".data-license");
    assert_eq!(
        licence,
        ["No licence is stated for this data: ask the dossier’s author before reusing it."]
    );
    // the columns of the CSVs are those of their header rows
    let header = |file: &str| -> Vec<String> {
        let text = site.text(&format!("data/{file}"));
        let first = text.lines().next().unwrap_or_default().to_string();
        first.split(',').map(String::from).collect()
    };
    assert_eq!(
        select_texts(&page, "#events-csv th[scope='row']"),
        header("events.csv")
    );
    assert_eq!(
        select_texts(&page, "#actors-csv th[scope='row']"),
        header("actors.csv")
    );
    // linked from the overview and from every page's footer
    let overview = site.page("");
    assert!(select_attrs(&overview, "section.open-data a", "href").contains(&"/sub/data/".into()));
    assert!(select_attrs(&overview, ".site-footer a", "href").contains(&"/sub/data/".into()));
    assert!(
        site.text("sitemap.xml")
            .contains(&format!("<loc>{BASE}data/</loc>"))
    );
}

#[test]
fn the_data_page_names_the_licence_when_there_is_one() {
    let project = Project::fixture("json_ld/kinds");
    let settings = project.read("dossier.toml");
    project.write(
        "dossier.toml",
        format!("{settings}license = \"CC-BY-4.0\"\nlanguage = \"fr\"\n"),
    );
    let site = project.build_clean();
    let page = site.page("data/");
    assert_eq!(
        select_texts(&page, ".data-license"),
        ["Licence : CC-BY-4.0"]
    );
    assert_eq!(json_ld(&page, "data")["license"], "CC-BY-4.0");
}
