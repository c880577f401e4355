//! The dossier as open data under `/data/`: `dossier.json` with W3C Web Annotations whose
//! offsets select their quotes, RFC 4180 CSVs a real parser reads back, TimelineJS JSON,
//! and the overview linking them with the licence.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::harness::{Project, Site, select, select_attrs, select_texts, text};

/// The example dossier with a licence, built.
fn example() -> Site {
    let project = Project::example();
    let settings = project.read("dossier.toml");
    project.write(
        "dossier.toml",
        format!("{settings}license = \"CC-BY-4.0\"\n"),
    );
    project.build_clean()
}

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.text(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn str_of<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
}

/// The rows of a CSV file of the site, read by the `csv` crate, and its header.
fn csv_rows(site: &Site, rel: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = site.text(rel);
    let mut reader = csv::ReaderBuilder::new().from_reader(bytes.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let record = r.unwrap_or_else(|e| panic!("{rel}: {e}"));
            header
                .iter()
                .cloned()
                .zip(record.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn every_annotation_selects_its_quote_by_code_points_in_the_documents_text() {
    let site = example();
    let data = json(&site, "data/dossier.json");
    let documents = data["documents"].as_array().expect("documents");
    let text_of = |url: &str| -> Vec<char> {
        let doc = documents.iter().find(|d| d["url"] == url);
        str_of(
            doc.unwrap_or_else(|| panic!("no document at {url}")),
            "text",
        )
        .chars()
        .collect()
    };
    let annotations = data["annotations"].as_array().expect("annotations");
    let mut paged = 0;
    for a in annotations {
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["motivation"], "linking");
        let target = &a["target"];
        let text = text_of(str_of(target, "source"));
        assert!(str_of(a, "id").starts_with(str_of(target, "source")));
        let [quote, position] = target["selector"].as_array().expect("selectors").as_slice() else {
            panic!("two selectors in {a}")
        };
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let start = position["start"].as_u64().expect("start") as usize;
        let end = position["end"].as_u64().expect("end") as usize;
        let exact: String = text.iter().skip(start).take(end - start).collect();
        assert_eq!(exact, str_of(quote, "exact"), "{a}");
        let before: String = text[..start].iter().collect();
        let after: String = text[end..].iter().collect();
        let (prefix, suffix) = (str_of(quote, "prefix"), str_of(quote, "suffix"));
        assert!(before.ends_with(prefix), "{prefix:?} before {a}");
        assert!(after.starts_with(suffix), "{suffix:?} after {a}");
        assert!(!prefix.is_empty() || start == 0);
        assert!(prefix.chars().count() <= 32 && suffix.chars().count() <= 32);
        if let Some(page) = target.get("page") {
            assert!(page.as_u64().expect("page") >= 1);
            paged += 1;
        }
        // The body is the event (its URL is on the timeline, which has its anchor) or the
        // relation (on the page of the actor that declares it).
        let bodies = match &a["body"] {
            Value::String(url) => vec![url.as_str()],
            other => other
                .as_array()
                .expect("a body")
                .iter()
                .filter_map(Value::as_str)
                .collect(),
        };
        assert!(!bodies.is_empty());
        for body in bodies {
            if let Some(id) = body.strip_prefix("https://example.org/timeline/#") {
                assert!(
                    data["events"]
                        .as_array()
                        .expect("events")
                        .iter()
                        .any(|e| e["id"] == id)
                );
                continue;
            }
            let relations = (data["actors"].as_array().expect("actors").iter())
                .flat_map(|a| a["relations"].as_array().expect("relations"));
            let mut citing = relations.filter(|r| r["url"] == body);
            let relation = citing.next().unwrap_or_else(|| panic!("{body}"));
            assert!(
                (relation["sources"].as_array().expect("sources").iter())
                    .any(|s| s["annotation"] == a["id"]),
                "{body} does not cite {}",
                a["id"]
            );
        }
    }
    // Every citation of every event is an annotation; the example has a paged original.
    let citations: Vec<&str> = data["events"]
        .as_array()
        .expect("events")
        .iter()
        .flat_map(|e| e["sources"].as_array().expect("sources"))
        .map(|s| str_of(s, "annotation"))
        .collect();
    assert!(!citations.is_empty());
    for c in citations {
        assert!(
            annotations.iter().any(|a| a["id"] == c),
            "no annotation {c}"
        );
    }
    assert!(paged > 0, "no annotation with a page");
}

#[test]
fn dossier_json_has_the_documents_actors_events_and_licence() {
    let site = example();
    let data = json(&site, "data/dossier.json");
    assert_eq!(data["license"], "CC-BY-4.0");
    assert_eq!(data["url"], "https://example.org/");
    let letter = data["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["id"] == "huawei-letter-to-ansip")
        .expect("the Huawei letter");
    assert_eq!(letter["date"]["precision"], "month");
    assert_eq!(letter["authors"], serde_json::json!(["huawei"]));
    let original = &letter["source"]["original"];
    assert_eq!(original["sha256"].as_str().map(str::len), Some(64));
    assert!(str_of(original, "url").starts_with("https://example.org/originals/"));
    assert!(original["file"].is_string());
    assert_eq!(
        letter["url"],
        "https://example.org/documents/huawei-letter-to-ansip/"
    );
    let actors = data["actors"].as_array().expect("actors");
    let files = std::fs::read_dir(crate::harness::repo_root().join("content/actors"))
        .expect("content/actors")
        .count();
    assert_eq!(actors.len(), files);
    let huawei = actors.iter().find(|a| a["id"] == "huawei").expect("huawei");
    assert_eq!(huawei["kind"], "organisation");
    assert_eq!(huawei["url"], "https://example.org/actors/huawei/");
    let event = data["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == "trump-huawei-detente")
        .expect("an approximate event");
    assert_eq!(event["approximate"], true);
    assert_eq!(event["date"]["value"], "2019-06");
    assert_eq!(event["date"]["precision"], "month");
}

#[test]
fn the_csvs_are_rfc_4180_and_have_a_row_per_event_and_actor() {
    let site = example();
    let data = json(&site, "data/dossier.json");
    for file in ["data/events.csv", "data/actors.csv"] {
        let raw = site.text(file);
        assert!(
            raw.ends_with("\r\n") && !raw.starts_with('\u{feff}'),
            "{file}"
        );
        // Every record ends with CRLF; a bare line feed only ever sits in a quoted field.
        let mut quoted = false;
        let mut previous = ' ';
        for c in raw.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => assert_eq!(previous, '\r', "a bare line feed in {file}"),
                _ => {}
            }
            previous = c;
        }
    }
    let (header, events) = csv_rows(&site, "data/events.csv");
    for column in [
        "id",
        "date",
        "end",
        "date_precision",
        "title",
        "place",
        "actors",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
    for column in ["status", "tags", "documents", "quotes", "stances", "url"] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
    let declared = data["events"].as_array().expect("events");
    assert_eq!(events.len(), declared.len());
    // In timeline order, as the timeline page shows them.
    let timeline = site.page("timeline/");
    let ids: Vec<String> = select(&timeline, "li.event")
        .iter()
        .filter_map(|e| e.attr("id").map(String::from))
        .collect();
    let rows: Vec<String> = events.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(rows, ids);
    for (row, event) in events.iter().zip(declared) {
        assert_eq!(row["title"], str_of(event, "title"));
        assert_eq!(row["date"], str_of(&event["date"], "value"));
        assert_eq!(row["date_precision"], str_of(&event["date"], "precision"));
        let actors: Vec<&str> = event["actors"]
            .as_array()
            .expect("actors")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(row["actors"], actors.join("; "));
        let quotes: Vec<&str> = event["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| str_of(s, "quote"))
            .collect();
        assert_eq!(row["quotes"], quotes.join("\n"));
        assert_eq!(row["url"], str_of(event, "url"));
    }
    let ansip = events.iter().find(|r| r["id"] == "huawei-writes-to-ansip");
    let ansip = ansip.expect("the letter's event");
    assert_eq!(
        (
            &ansip["date"][..],
            &ansip["date_precision"][..],
            &ansip["place"][..]
        ),
        ("2018-12", "month", "Brussels")
    );
    assert_eq!(ansip["actors"], "huawei; andrus-ansip");
    assert_eq!(ansip["documents"], "huawei-letter-to-ansip");

    let (header, actors) = csv_rows(&site, "data/actors.csv");
    for column in ["id", "name", "kind", "country", "aliases", "description"] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
    for column in ["documents", "events", "url"] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
    let declared = data["actors"].as_array().expect("actors");
    assert_eq!(actors.len(), declared.len());
    for (row, actor) in actors.iter().zip(declared) {
        assert_eq!(row["id"], str_of(actor, "id"));
        assert_eq!(row["name"], str_of(actor, "name"));
        let events = actor["events"].as_array().expect("events").len();
        assert_eq!(row["events"], events.to_string());
        let mut documents: Vec<&Value> = actor["authored"]
            .as_array()
            .expect("authored")
            .iter()
            .collect();
        documents.extend(actor["documents"].as_array().expect("documents"));
        documents.sort_by_key(|d| d.to_string());
        documents.dedup();
        assert_eq!(row["documents"], documents.len().to_string());
    }
    let apple = actors.iter().find(|r| r["id"] == "apple").expect("apple");
    // A description with a comma, quoted in the file, comes back whole.
    assert_eq!(
        apple["description"],
        "American technology company, maker of the iPhone."
    );
}

#[test]
fn timeline_json_is_in_timelinejs_format_with_dates_at_their_precision() {
    let site = example();
    let timeline = json(&site, "data/timeline.json");
    assert_eq!(
        timeline["title"]["text"]["headline"],
        "Huawei and European digital sovereignty"
    );
    let events = timeline["events"].as_array().expect("events");
    let page = site.page("timeline/");
    assert_eq!(events.len(), select(&page, "li.event").len());
    let mut ids: Vec<&str> = events.iter().map(|e| str_of(e, "unique_id")).collect();
    for e in events {
        assert!(e["start_date"]["year"].is_i64(), "{e}");
        assert!(e["text"]["headline"].is_string() && e["text"]["text"].is_string());
        if e["start_date"].get("day").is_some() {
            assert!(e["start_date"].get("month").is_some());
        }
    }
    let by_id = |id: &str| events.iter().find(|e| e["unique_id"] == id).expect(id);
    let month = &by_id("huawei-writes-to-ansip")["start_date"];
    assert_eq!(month["year"], 2018);
    assert_eq!(month["month"], 12);
    assert!(month.get("day").is_none(), "{month}");
    let year = &by_id("china-national-intelligence-law")["start_date"];
    assert!(year.get("month").is_none() && year.get("day").is_none());
    let circa = by_id("trump-huawei-detente");
    assert!(str_of(circa, "display_date").starts_with("c. "), "{circa}");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), events.len());
}

#[test]
fn the_overview_links_every_data_file_and_names_the_licence() {
    let project = Project::example();
    let settings = project.read("dossier.toml");
    let settings = settings.replace("https://example.org/", "https://user.github.io/repo/");
    project.write(
        "dossier.toml",
        format!("{settings}license = \"CC-BY-4.0\"\n"),
    );
    // A clean build: the link check found every data file the overview links to.
    let site = project.build_clean();
    let overview = site.page("");
    let links = select_attrs(&overview, "section.open-data a", "href");
    assert_eq!(
        links,
        [
            "/repo/data/dossier.json",
            "/repo/data/events.csv",
            "/repo/data/actors.csv",
            "/repo/data/timeline.json",
            "/repo/data/",
        ]
    );
    for link in links {
        let rel = link.trim_start_matches("/repo/");
        let file = if rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        assert!(site.has(&file), "{link}");
    }
    let licence = select_texts(&overview, "section.open-data .data-license");
    assert_eq!(licence, ["Licence: CC-BY-4.0"]);
    let heading = select(&overview, "section.open-data h2");
    assert_eq!(text(heading[0]), "Open data");
}

#[test]
fn without_a_licence_none_is_shown_and_the_json_says_null() {
    let site = Project::example().build_clean();
    let overview = site.page("");
    assert!(select(&overview, "section.open-data .data-license").is_empty());
    assert_eq!(json(&site, "data/dossier.json")["license"], Value::Null);
}

#[test]
fn the_data_files_are_the_same_bytes_from_build_to_build() {
    let first = example();
    let second = example();
    for file in [
        "data/dossier.json",
        "data/events.csv",
        "data/actors.csv",
        "data/timeline.json",
    ] {
        assert_eq!(first.text(file), second.text(file), "{file}");
    }
}

/// A small dossier: a paged plain-text document with characters outside the Basic
/// Multilingual Plane, a passage cited by two events, a passage across a page break, and
/// values that need CSV quoting.
fn fixture() -> Site {
    Project::fixture("open_data/unicode").build_clean()
}

#[test]
fn offsets_count_code_points_not_bytes_or_utf16_units() {
    let site = fixture();
    let data = json(&site, "data/dossier.json");
    let text = str_of(&data["documents"][0], "text");
    let by_id = |anchor: &str| {
        let id = format!("https://example.org/sub/documents/notes/#{anchor}");
        data["annotations"]
            .as_array()
            .expect("annotations")
            .iter()
            .find(|a| a["id"] == id.as_str())
            .unwrap_or_else(|| panic!("no annotation {id}"))
            .clone()
    };
    let across = by_id("q-rien-a-signaler-deuxieme-page");
    // One emoji (one code point, two UTF-16 units, four bytes) and `Première page : `.
    let position = &across["target"]["selector"][1];
    assert_eq!(
        (&position["start"], &position["end"]),
        (&18.into(), &49.into())
    );
    let exact: String = text.chars().skip(18).take(31).collect();
    assert_eq!(exact, "rien à signaler.\n\u{c}Deuxième page");
    assert_eq!(across["target"]["page"], 1);
    assert_eq!(across["target"]["pageEnd"], 2);
    assert_eq!(across["body"], "https://example.org/sub/timeline/#handover");

    let shared = by_id("q-le-comite-a-decide-de-tout");
    assert_eq!(shared["target"]["page"], 2);
    assert!(shared["target"].get("pageEnd").is_none());
    assert_eq!(
        shared["body"],
        serde_json::json!([
            "https://example.org/sub/timeline/#decision",
            "https://example.org/sub/timeline/#announcement"
        ])
    );
    assert_eq!(data["license"], "Free to reuse, with attribution");
}

#[test]
fn csv_fields_with_commas_and_quotes_are_quoted_and_read_back_whole() {
    let site = fixture();
    let raw = site.text("data/events.csv");
    assert!(
        raw.contains("\"The committee decides, \"\"publish everything\"\"\",\"Paris, France\""),
        "{raw}"
    );
    let (_, events) = csv_rows(&site, "data/events.csv");
    let decision = events
        .iter()
        .find(|r| r["id"] == "decision")
        .expect("decision");
    assert_eq!(
        decision["title"],
        "The committee decides, \"publish everything\""
    );
    assert_eq!(decision["place"], "Paris, France");
    assert_eq!(decision["date_precision"], "month");
    let announcement = events.iter().find(|r| r["id"] == "announcement");
    let announcement = announcement.expect("announcement");
    assert_eq!(
        (
            &announcement["approximate"][..],
            &announcement["date_precision"][..]
        ),
        ("true", "day")
    );
    let (_, actors) = csv_rows(&site, "data/actors.csv");
    assert_eq!(actors.len(), 1);
    assert_eq!(
        actors[0]["description"],
        "A committee, \"the\" one; with a comma"
    );
    assert_eq!(
        (&actors[0]["documents"][..], &actors[0]["events"][..]),
        ("1", "1")
    );
    let timeline = json(&site, "data/timeline.json");
    let circa = &timeline["events"][2];
    assert_eq!(circa["unique_id"], "announcement");
    assert_eq!(
        circa["start_date"],
        serde_json::json!({"year": 2020, "month": 3, "day": 2})
    );
    assert!(circa["display_date"].is_string());
}
