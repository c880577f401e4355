//! Evidence that reads as evidence (issue #23): quotations in their sentence with the cited
//! words marked and a short reference (`D1 §2`) naming the document on hover and focus; a
//! document page listing each event and passage once; actor pages merging mention snippets.

use scraper::Html;

use crate::harness::{Project, one, one_in, select, select_texts, snapshot, text};

fn site() -> crate::harness::Site {
    Project::fixture("evidence/basic").build_clean()
}

/// The source figure of the event titled `title` in an actor page's events.
fn figure<'a>(page: &'a Html, title: &str) -> scraper::ElementRef<'a> {
    let event = (select(page, ".timeline li.event").into_iter())
        .find(|e| text(one_in(*e, ".event-title")) == title)
        .unwrap_or_else(|| panic!("no event {title} on the page"));
    one_in(event, "figure.source")
}

#[test]
fn a_quotation_is_shown_in_its_sentence_with_the_cited_words_marked() {
    let site = site();
    let page = site.page("actors/huawei/");
    let source = figure(&page, "Huawei writes about backdoors");
    assert_eq!(
        text(one_in(source, "blockquote")),
        "“Dr. Smith of Huawei said that the remarks on mandatory backdoors in our equipment were unfounded.”",
        "the whole sentence, the title's full stop not taken for its end"
    );
    assert_eq!(
        text(one_in(source, "blockquote mark")),
        "mandatory backdoors"
    );
}

#[test]
fn a_french_quotation_keeps_its_sentence_and_its_marks() {
    let site = site();
    let page = site.page("actors/huawei/");
    let quote = one_in(figure(&page, "Un article paraît"), "blockquote");
    assert_eq!(
        crate::harness::raw_text(quote),
        "«\u{202f}Selon M. Dupont, le fondateur du groupe a tout nié.\u{202f}»",
        "the title's full stop is not the sentence's end; French marks around the sentence"
    );
    assert_eq!(quote.attr("lang"), Some("fr"));
}

#[test]
fn a_quotation_is_followed_by_its_short_reference_that_names_the_document() {
    let site = site();
    let page = site.page("actors/huawei/");
    let cite = one_in(
        figure(&page, "Huawei writes about backdoors"),
        "figcaption a.cite",
    );
    // the letter is the oldest document: D1; its passages in text order, this one second
    assert!(text(cite).starts_with("D1 §2"), "{}", text(cite));
    let href = cite.attr("href").unwrap_or_default();
    assert!(href.starts_with("/documents/letter/#q-"), "{href}");
    let pop = one_in(cite, ".cite-pop");
    assert_eq!(
        text(pop),
        ": Letter from Huawei to the Vice-President, 14 December 2018",
        "the title and date, inside the link so that screen readers read them with it"
    );
    assert_eq!(one_in(pop, "time").attr("datetime"), Some("2018-12-14"));
    // the same numbering as the printed briefing
    let briefing = site.page("briefing/");
    let printed = select_texts(&briefing, ".cite-ref");
    assert!(printed.contains(&"[D1 §2]".to_string()), "{printed:?}");
    // the document's own page says it is D1
    let document = site.page("documents/letter/");
    assert_eq!(text(one(&document, ".kicker .doc-number")), "D1");
    assert_eq!(
        text(one(&site.page("documents/article/"), ".kicker .doc-number")),
        "D2"
    );
}

#[test]
fn the_source_figure_has_the_sentence_the_mark_and_the_reference() {
    let site = site();
    let page = site.page("actors/huawei/");
    snapshot(
        "evidence__source_figure",
        &figure(&page, "Huawei says no government asked").html(),
    );
}

#[test]
fn a_document_page_lists_each_event_and_passage_once() {
    let site = site();
    let page = site.page("documents/letter/");
    let events = select_texts(&page, ".evidence-index .event-link");
    assert_eq!(
        events,
        [
            "Huawei says no government asked",
            "Huawei writes about backdoors"
        ]
    );
    assert!(
        select(&page, ".passage-list").is_empty(),
        "no second list of the passages"
    );
    // each event points to its passage by a reference that reveals the passage's words
    let refs = select(&page, ".evidence-index .event-item a.cite");
    let shown: Vec<(String, String)> = (refs.iter())
        .map(|a| (text(*a), a.attr("href").unwrap_or_default().to_string()))
        .collect();
    assert_eq!(shown.len(), 2);
    assert!(shown[1].0.starts_with("§2"), "{shown:?}");
    assert!(shown[1].0.ends_with("“mandatory backdoors”"), "{shown:?}");
    for (_, href) in &shown {
        let anchor = href.strip_prefix('#').expect("a link within the page");
        assert_eq!(select(&page, &format!("mark#{anchor}")).len(), 1, "{href}");
    }
    // the relation its first passage supports, once, with its reference
    let relations = select(&page, ".relation-refs > li");
    assert_eq!(relations.len(), 1);
    assert_eq!(
        text(one_in(relations[0], "a.cite .cite-pop")),
        ": “writes to the Vice-President”"
    );
    assert!(text(one_in(relations[0], "a.cite")).starts_with("§1"));
}

#[test]
fn mention_snippets_that_overlap_are_merged_and_past_three_collapsed() {
    let site = site();
    let page = site.page("actors/huawei/");
    let group = one(&page, ".mentions-section .mention-groups > li");
    let shown = select(
        &Html::parse_fragment(&group.html()),
        "li > ul.snippets > li",
    )
    .iter()
    .map(|li| text(*li))
    .collect::<Vec<_>>();
    assert_eq!(shown.len(), 3, "{shown:?}");
    assert_eq!(
        shown[1],
        "Dr. Smith of Huawei said that the remarks on mandatory backdoors in our equipment were unfounded. Huawei and Huawei alone answers for its products.",
        "three close mentions in one snippet"
    );
    let fragment = Html::parse_fragment(&group.html());
    let merged = select(&fragment, "li > ul.snippets > li")[1];
    let names = select(&Html::parse_fragment(&merged.html()), "a.mention-name mark").len();
    assert_eq!(names, 3);
    let more = one_in(group, "details.more-snippets");
    assert_eq!(text(one_in(more, "summary")), "3 more passages");
    assert_eq!(
        select(&Html::parse_fragment(&more.html()), "ul.snippets > li").len(),
        3
    );
    assert!(text(one_in(group, ".mention-doc .meta")).contains("8 mentions"));
    // mentions are not styled as cited evidence
    assert!(select(&page, ".mentions-section blockquote").is_empty());
}

#[test]
fn the_overview_heading_does_not_repeat_the_site_title() {
    let site = Project::example().build_clean();
    let home = site.page("");
    let h1 = text(one(&home, "h1"));
    assert_ne!(h1, text(one(&home, ".site-title")));
    assert_eq!(h1, "Briefing");
    assert_eq!(
        one(&home, ".briefing").value().attr("class"),
        Some("briefing prose")
    );
}

#[test]
fn the_printed_briefing_quotes_in_the_sentence_too() {
    let site = site();
    let page = site.page("briefing/");
    let event = (select(&page, "li.event").into_iter())
        .find(|e| text(one_in(*e, ".event-title")) == "Huawei writes about backdoors")
        .expect("the event in the briefing's timeline");
    let source = one_in(event, "figure.source");
    assert_eq!(
        text(one_in(source, "blockquote")),
        "“Dr. Smith of Huawei said that the remarks on mandatory backdoors in our equipment were unfounded.”",
    );
    assert_eq!(
        text(one_in(source, "blockquote mark")),
        "mandatory backdoors"
    );
}
