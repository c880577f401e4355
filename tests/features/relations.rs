//! Relations between actors: dated, their quotes located and anchored like an event's,
//! shown on both actors' pages, in the document that backs them, the briefing and the open
//! data; every mistake in them diagnosed where it is written.
//!
//! The relations are written into a copy of the `originals/published` fixture, whose
//! article (`ansip-article`) and report have no authors.

use scraper::Html;

use crate::harness::{Project, one, select, select_attrs, select_texts, snapshot, text};

/// Andrus Ansip's actor file with `relations` (TOML array-of-tables text) appended.
fn ansip_with(relations: &str) -> String {
    format!(
        "+++\nname = \"Andrus Ansip\"\nkind = \"person\"\naliases = [\"Ansip\"]\n{relations}+++\n"
    )
}

const RELATIONS: &str = r#"
[[relations]]
actor = "european-commission"
label = "Vice-President of"
since = "2014-11"
until = "2019-11"
sources = [{ document = "ansip-article", quote = "The European Commission's Vice-President Andrus Ansip" }]

[[relations]]
actor = "huawei"
label = "accused"
sources = [
  { document = "ansip-article", quote = "companies such as Huawei may be obliged" },
  { document = "ansip-article", quote = "Huawei rejected the accusation", stance = "denies" },
]

[[relations]]
actor = "huawei"
label = "spoke about"
"#;

fn project() -> Project {
    let project = Project::fixture("originals/published");
    project.write("content/actors/andrus-ansip.md", ansip_with(RELATIONS));
    project
}

#[test]
fn a_relation_shows_its_dates_and_links_to_its_passages_on_both_actors_pages() {
    let site = project().build_clean();
    let ansip = site.page("actors/andrus-ansip/");
    let commission = one(&ansip, "#r-european-commission");
    assert!(
        text(commission).contains("Vice-President of"),
        "{}",
        text(commission)
    );
    assert_eq!(
        select_texts(&ansip, "#r-european-commission .relation-period"),
        ["(November 2014 – November 2019)"]
    );
    let links = select_attrs(
        &ansip,
        "#r-european-commission figure.source figcaption a",
        "href",
    );
    assert_eq!(links.len(), 1, "{links:?}");
    let (page, anchor) = links[0].split_once('#').expect("a link to the passage");
    assert_eq!(page, "/sub/documents/ansip-article/");
    // the passage is marked on the document page, once, at that anchor
    let article = site.page("documents/ansip-article/");
    let mark = one(&article, &format!("mark#{anchor}"));
    assert_eq!(
        text(mark),
        "The European Commission's Vice-President Andrus Ansip"
    );

    // the relation with a denial says who says what; one without a source shows none
    assert_eq!(
        select_texts(&ansip, "#r-huawei .stance"),
        ["Says", "Denies"]
    );
    assert_eq!(
        select_attrs(&ansip, "#r-huawei figure.source", "class"),
        ["source stance-supports", "source stance-denies"]
    );
    assert!(select_texts(&ansip, "#r-huawei-2 figure").is_empty());
    assert!(select_texts(&ansip, "#r-huawei-2 .relation-period").is_empty());

    // the other actor shows it too, with the same sources
    let other = site.page("actors/european-commission/");
    assert_eq!(
        select_attrs(
            &other,
            "#r-from-andrus-ansip figure.source figcaption a",
            "href"
        ),
        links
    );
    assert_eq!(
        select_texts(&other, "#r-from-andrus-ansip .relation-period"),
        ["(November 2014 – November 2019)"]
    );

    // the document names the relations its passages back, linked to them
    // each once, with references to its passages
    let cited_by = select_attrs(&article, ".relation-refs a[href^='/sub/actors/']", "href");
    assert_eq!(
        cited_by,
        [
            "/sub/actors/andrus-ansip/#r-european-commission",
            "/sub/actors/andrus-ansip/#r-huawei",
        ]
    );
    let refs: Vec<String> = select(&article, ".relation-refs > li")
        .into_iter()
        .map(|li| select_attrs(&Html::parse_fragment(&li.html()), "a.cite", "href").join(" "))
        .collect();
    assert_eq!(refs.len(), 2);
    assert!(refs.iter().all(|r| r.starts_with("#q-")), "{refs:?}");

    // the briefing cites them by reference within itself
    let briefing = site.page("briefing/");
    let refs = select_texts(&briefing, "#a-andrus-ansip .relation .cite-ref");
    assert_eq!(refs.len(), 3, "{refs:?}");
    assert!(refs.iter().all(|r| r.starts_with("[D")), "{refs:?}");
}

#[test]
fn relations_are_in_the_open_data_with_their_dates_and_annotations() {
    let site = project().build_clean();
    let data: serde_json::Value = serde_json::from_str(&site.text("data/dossier.json")).unwrap();
    let actor = |id: &str| {
        (data["actors"].as_array().unwrap().iter())
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} in dossier.json"))
            .clone()
    };
    let ansip = actor("andrus-ansip");
    let relation = &ansip["relations"][0];
    assert_eq!(relation["actor"], "european-commission");
    assert_eq!(relation["direction"], "outgoing");
    assert_eq!(relation["since"]["value"], "2014-11");
    assert_eq!(relation["since"]["precision"], "month");
    assert_eq!(relation["until"]["value"], "2019-11");
    let url = relation["url"].as_str().unwrap();
    assert!(
        url.ends_with("/sub/actors/andrus-ansip/#r-european-commission"),
        "{url}"
    );
    let annotation_id = relation["sources"][0]["annotation"].as_str().unwrap();
    let annotation = (data["annotations"].as_array().unwrap().iter())
        .find(|a| a["id"] == annotation_id)
        .expect("the relation's annotation");
    assert_eq!(annotation["body"], url);
    assert_eq!(
        annotation["target"]["selector"][0]["exact"],
        "The European Commission's Vice-President Andrus Ansip"
    );
    // the copy on the other actor points to the same relation
    let incoming = &actor("european-commission")["relations"][0];
    assert_eq!(incoming["direction"], "incoming");
    assert_eq!(incoming["url"], url);
    assert_eq!(incoming["sources"], relation["sources"]);
    // unsourced: no sources, no dates
    let unsourced = &ansip["relations"][2];
    assert_eq!(unsourced["label"], "spoke about");
    assert!(unsourced["sources"].as_array().unwrap().is_empty());
    assert!(unsourced["since"].is_null());
}

#[test]
fn only_a_relation_without_a_source_is_a_weak_point() {
    let site = project().build_clean();
    let report = site.page("integrity/");
    assert_eq!(
        select_texts(&report, "#unsourced-relation li")
            .iter()
            .map(|t| t.contains("spoke about"))
            .collect::<Vec<_>>(),
        [true]
    );
}

#[test]
fn every_mistake_in_a_relation_is_diagnosed_where_it_is_written() {
    let project = Project::fixture("originals/published");
    let relations = r#"
[[relations]]
actor = "european-commission"
label = "Vice-President of"
since = "2019-11"
until = "2014-11"
sources = [{ document = "ansip-article", quote = "The European Comission's Vice-President" }]

[[relations]]
actor = "huawei"
label = "accused"
since = "2018-13"
sources = [
  { document = "ansip-article", quote = "Huawei", stance = "supports" },
  { document = "ansip-artcle", quote = "Huawei rejected the accusation" },
  { document = "ansip-article", quote = "Huawei rejected the accusation", stance = "deny" },
]

[[relations]]
actor = "huawey"
label = "spoke about"
"#;
    project.write("content/actors/andrus-ansip.md", ansip_with(relations));
    project.write(
        "content/actors/fbi.md",
        "+++\nname = \"FBI\"\nkind = \"public-body\"\n\n[[relations]]\nactor = \"huawei\"\n\
         label = \"investigates\"\nsinse = \"2018\"\n+++\n",
    );
    let outcome = project.build();
    assert_eq!(outcome.errors(), 8, "{}", outcome.report(false));
    snapshot("relations__every_mistake", &outcome.report(false));
}
