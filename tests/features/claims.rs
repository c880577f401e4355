//! Claims: an event's status backed by its sources' stances, shown as words and filterable;
//! every inconsistency diagnosed at the line of the status.
//!
//! The events are written into a copy of the `originals/published` fixture, whose two
//! documents (a report and a news article) have no authors.

use crate::harness::{Project, one, select_attrs, select_texts, snapshot, text};

/// An event file citing the report and the article with the given status and stances.
fn claim(id: &str, status: &str, report: &str, article: &str) -> (String, String) {
    let stance = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!(", stance = \"{s}\"")
        }
    };
    (
        format!("content/events/{id}.md"),
        format!(
            "+++\ntitle = \"Claim {id}\"\ndate = \"2018-12-07\"\nstatus = \"{status}\"\nsources = [\n  \
             {{ document = \"report\", quote = \"mandatory backdoors\"{} }},\n  \
             {{ document = \"ansip-article\", quote = \"had never been asked by any government\"{} }},\n]\n+++\n",
            stance(report),
            stance(article)
        ),
    )
}

#[test]
fn statuses_and_stances_are_shown_in_words_and_the_timeline_filters_by_status() {
    let project = Project::fixture("originals/published");
    let (path, text_) = claim("backdoors", "disputed", "", "denies");
    project.write(&path, text_);
    let site = project.build_clean();
    let timeline = site.page("timeline/");
    let event = one(&timeline, "#backdoors");
    assert_eq!(event.value().attr("data-status"), Some("disputed"));
    assert_eq!(select_texts(&timeline, "#backdoors .status"), ["Disputed"]);
    // documents without authors: the stance alone leads each quotation
    assert_eq!(
        select_texts(&timeline, "#backdoors .stance"),
        ["Says", "Denies"]
    );
    assert_eq!(
        select_attrs(&timeline, "#backdoors figure.source", "class"),
        ["source stance-supports", "source stance-denies"]
    );
    let options = select_texts(&timeline, "#filter-claim option");
    assert_eq!(options, ["All", "Disputed (1)"]);
    // events without a status show none, and their sources no stance
    assert!(select_texts(&timeline, "#ansip-speaks .status").is_empty());
    assert!(select_texts(&timeline, "#ansip-speaks .stance").is_empty());
    // the document page, the briefing
    let document = site.page("documents/ansip-article/");
    assert!(text(one(&document, ".event-list")).contains("Disputed"));
    let briefing = site.page("briefing/");
    assert_eq!(
        select_texts(&briefing, "#ev-backdoors .stance"),
        ["Says", "Denies"]
    );
}

#[test]
fn every_inconsistent_claim_is_diagnosed_at_its_status() {
    let project = Project::fixture("originals/published");
    for (id, status, report, article) in [
        ("disputed-without-a-dissent", "disputed", "", ""),
        (
            "denied-without-a-denial",
            "denied",
            "supports",
            "contradicts",
        ),
        ("confirmed-against-a-denial", "confirmed", "", "denies"),
        ("unknown-status", "disputd", "", ""),
        ("unknown-stance", "alleged", "", "deny"),
        ("fine", "disputed", "contradicts", "supports"),
    ] {
        let (path, text) = claim(id, status, report, article);
        project.write(&path, text);
    }
    // `confirmed` on a single source is a weak point: a warning, not an error
    project.write(
        "content/events/confirmed-by-one.md",
        "+++\ntitle = \"One source\"\ndate = \"2018\"\nstatus = \"confirmed\"\n\
         sources = [{ document = \"report\", quote = \"mandatory backdoors\" }]\n+++\n",
    );
    let outcome = project.build();
    assert_eq!(outcome.errors(), 5, "{}", outcome.report(false));
    assert_eq!(outcome.diagnostics.len(), 6, "{}", outcome.report(false));
    snapshot("claims__every_inconsistency", &outcome.report(false));
}

#[test]
fn statuses_and_stances_are_in_the_open_data() {
    let project = Project::fixture("originals/published");
    let (path, text_) = claim("backdoors", "disputed", "", "denies");
    project.write(&path, text_);
    let site = project.build_clean();
    let data: serde_json::Value = serde_json::from_str(&site.text("data/dossier.json")).unwrap();
    let event = data["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "backdoors")
        .expect("the event in dossier.json");
    assert_eq!(event["status"], "disputed");
    let stances: Vec<&str> = (event["sources"].as_array().unwrap().iter())
        .map(|s| s["stance"].as_str().unwrap())
        .collect();
    assert_eq!(stances, ["supports", "denies"]);
    let csv = site.text("data/events.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "backdoors")
        .unwrap();
    assert_eq!(&row[column("status")], "disputed");
    assert_eq!(&row[column("stances")], "supports\ndenies");
}
