//! The Atom feed: the newest documents, as many as `feed_limit` says (50 by default).

use scraper::Html;

use crate::harness::{Project, select_texts};

/// A project of `count` documents dated one day apart (doc-000 the oldest), with
/// `settings` appended to `dossier.toml`.
fn dated_documents(count: usize, settings: &str) -> Project {
    let project = Project::empty();
    project.write(
        "dossier.toml",
        format!("title = \"Feed\"\nbase_url = \"https://example.org/\"\n{settings}"),
    );
    project.write("content/_index.md", "+++\ntitle = \"Feed\"\n+++\nHello.\n");
    for i in 0..count {
        let (month, day) = (1 + i / 28, 1 + i % 28);
        project.write(
            &format!("content/documents/doc-{i:03}.txt"),
            format!("+++\ntitle = \"Document {i:03}\"\ndate = \"2020-{month:02}-{day:02}\"\n+++\nText {i}.\n"),
        );
    }
    project
}

fn feed_titles(project: &Project) -> Vec<String> {
    let site = project.build_clean();
    let feed = Html::parse_document(&site.text("feed.xml"));
    select_texts(&feed, "entry > title")
}

#[test]
fn the_feed_holds_the_fifty_newest_documents_by_default() {
    let titles = feed_titles(&dated_documents(60, ""));
    assert_eq!(titles.len(), 50);
    assert_eq!(titles.first().map(String::as_str), Some("Document 059"));
    assert_eq!(titles.last().map(String::as_str), Some("Document 010"));
}

#[test]
fn feed_limit_sets_how_many_documents_the_feed_holds() {
    let titles = feed_titles(&dated_documents(60, "feed_limit = 3\n"));
    assert_eq!(titles, ["Document 059", "Document 058", "Document 057"]);
    // 0 keeps every document
    assert_eq!(
        feed_titles(&dated_documents(60, "feed_limit = 0\n")).len(),
        60
    );
}

#[test]
fn a_misspelt_feed_limit_is_an_error_with_a_hint() {
    let project = dated_documents(2, "feed_limt = 3\n");
    let outcome = project.build();
    assert!(outcome.failed());
    assert!(
        outcome.report(false).contains("did you mean `feed_limit`?"),
        "{}",
        outcome.report(false)
    );
}
