//! Quotes: located despite whitespace and typography, marked on the document page, and
//! linked from the events they support.

use scraper::{ElementRef, Html};

use crate::harness::{Project, Site, one, raw_text, sel, select, select_attrs};

/// The `href`s of the source links of event `id` on the timeline.
fn source_links(site: &Site, id: &str) -> Vec<String> {
    let timeline = site.page("timeline/");
    let event = one(&timeline, &format!("li.event#{id}"));
    event
        .select(&sel("figure.source figcaption a"))
        .filter_map(|a| a.attr("href").map(String::from))
        .collect()
}

/// The marks of a passage: the one with `anchor` and those that continue it, up to the next anchor.
fn passage_pieces<'a>(page: &'a Html, anchor: &str) -> Vec<ElementRef<'a>> {
    let marks = select(page, ".document-body mark.cited");
    let start = marks
        .iter()
        .position(|m| m.attr("id") == Some(anchor))
        .unwrap_or_else(|| panic!("no mark.cited#{anchor}"));
    let mut pieces = vec![marks[start]];
    pieces.extend(
        marks[start + 1..]
            .iter()
            .take_while(|m| m.attr("id").is_none()),
    );
    pieces
}

#[test]
fn quote_with_typographic_quotes_line_break_and_double_spaces_is_found_and_marked() {
    let site = Project::fixture("quotes/normalised").build_clean();
    let links = source_links(&site, "minister-speech");
    assert_eq!(links.len(), 1);
    let (path, anchor) = links[0].split_once('#').expect("a fragment");
    assert_eq!(path, "/documents/speech/");
    let page = site.page("documents/speech/");
    let pieces: Vec<String> = passage_pieces(&page, anchor)
        .into_iter()
        .map(raw_text)
        .collect();
    // The passage keeps the source's own typography, split at the line break.
    assert_eq!(
        pieces,
        [
            "“We will never accept",
            "mandatory  backdoors in our\u{a0}networks.”"
        ]
    );
}

#[test]
fn quote_with_a_typographic_apostrophe_and_non_breaking_spaces_is_found() {
    let site = Project::fixture("quotes/normalised").build_clean();
    let links = source_links(&site, "company-position");
    assert_eq!(links.len(), 1);
    let (path, anchor) = links[0].split_once('#').expect("a fragment");
    assert_eq!(path, "/documents/speech/");
    let page = site.page("documents/speech/");
    let pieces: Vec<String> = passage_pieces(&page, anchor)
        .into_iter()
        .map(raw_text)
        .collect();
    assert_eq!(pieces, ["the company’s position was\u{a0}\u{a0}clear"]);
}

#[test]
fn quote_across_markdown_emphasis_is_found() {
    let site = Project::fixture("quotes/normalised").build_clean();
    let links = source_links(&site, "column-published");
    let (path, anchor) = links[0].split_once('#').expect("a fragment");
    assert_eq!(path, "/documents/column/");
    let page = site.page("documents/column/");
    let pieces: Vec<String> = passage_pieces(&page, anchor)
        .into_iter()
        .map(raw_text)
        .collect();
    assert_eq!(
        pieces.concat(),
        "a promise is only as good as the law behind it"
    );
}

#[test]
fn each_passage_anchor_is_unique_on_its_page() {
    let site = Project::fixture("quotes/normalised").build_clean();
    let page = site.page("documents/speech/");
    let mut ids = select_attrs(&page, "[id]", "id");
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids on the page");
    assert_eq!(select(&page, "mark.cited[id]").len(), 2);
}

#[test]
fn document_page_lists_its_cited_passages_and_the_events_citing_them() {
    let site = Project::fixture("quotes/normalised").build_clean();
    let page = site.page("documents/speech/");
    let items = select(&page, "ol.passage-list > li");
    assert_eq!(items.len(), 2);
    let anchors: Vec<String> = items
        .iter()
        .map(|li| {
            li.select(&sel("blockquote a"))
                .next()
                .and_then(|a| a.attr("href"))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let marks: Vec<String> = select_attrs(&page, "mark.cited[id]", "id")
        .into_iter()
        .map(|id| format!("#{id}"))
        .collect();
    assert_eq!(
        anchors, marks,
        "the list follows the text order and links to the marks"
    );
    let citing: Vec<String> = items[0]
        .select(&sel("p.meta a"))
        .filter_map(|a| a.attr("href").map(String::from))
        .collect();
    assert_eq!(citing, ["/timeline/#minister-speech"]);
}

#[test]
fn cited_passage_containing_an_entity_is_marked_whole() {
    let site = Project::fixture("quotes/entity").build_clean();
    let links = source_links(&site, "acme-zenith-agree");
    let (_, anchor) = links[0].split_once('#').expect("a fragment");
    let page = site.page("documents/agreement/");
    let pieces: Vec<String> = passage_pieces(&page, anchor)
        .into_iter()
        .map(raw_text)
        .collect();
    assert_eq!(pieces.concat(), "Acme & Zenith agree");
}

#[test]
fn a_quote_of_forty_thousand_words_is_refused_for_its_length() {
    let project = Project::fixture("quotes/too_long");
    let words: Vec<String> = (0..40_000).map(|i| format!("word{i}")).collect();
    let quote = format!("The council met on Tuesday {}", words.join(" "));
    let length = quote.chars().count();
    project.write(
        "content/events/council.md",
        format!(
            "+++\ntitle = \"The council meets\"\ndate = \"2020-03-02\"\nsources = [{{ document = \"minutes\", quote = \"{quote}\" }}]\n+++\n"
        ),
    );
    let outcome = project.build();
    let messages: Vec<(&str, (usize, usize))> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.message.as_str(),
                outcome.sources.line_col(&d.file, d.span.start),
            )
        })
        .collect();
    let expected = format!("this quote is {length} characters long; cite at most 2000");
    assert_eq!(messages, [(expected.as_str(), (4, 44))]);
    assert!(
        outcome.diagnostics[0].hint.contains("key sentence"),
        "{}",
        outcome.diagnostics[0].hint
    );
}
