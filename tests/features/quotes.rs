//! Quotes: located despite whitespace and typography, marked on the document page, and
//! linked from the events they support.

use scraper::{ElementRef, Html};

use crate::harness::{
    Project, Site, one, one_in, raw_text, sel, select, select_attrs, select_texts, text,
};

/// The `href`s of the source links of event `id` on the timeline.
fn source_links(site: &Site, id: &str) -> Vec<String> {
    let timeline = site.page("timeline/");
    let event = one(&timeline, &format!("li.event#{id}"));
    event
        .select(&sel("figure.source figcaption a"))
        .filter_map(|a| a.attr("href").map(String::from))
        .collect()
}

/// The marks of a passage: every piece naming it in `data-passage`, the first carrying its
/// anchor.
fn passage_pieces<'a>(page: &'a Html, anchor: &str) -> Vec<ElementRef<'a>> {
    let pieces = select(
        page,
        &format!(".document-body mark.cited[data-passage~='{anchor}']"),
    );
    assert!(!pieces.is_empty(), "no mark.cited for {anchor}");
    assert_eq!(
        pieces[0].attr("id"),
        Some(anchor),
        "the anchor is on the first piece"
    );
    assert!(
        pieces[1..].iter().all(|m| m.attr("id").is_none()),
        "only the first piece has an id"
    );
    pieces
}

/// The anchor event `id` links to on the page of document `doc` (`/documents/x/`).
fn anchor_of(site: &Site, id: &str, doc: &str) -> String {
    let links = source_links(site, id);
    assert_eq!(links.len(), 1, "{links:?}");
    let (path, anchor) = links[0].split_once('#').expect("a fragment");
    assert_eq!(path, doc);
    anchor.to_string()
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
    // The passage keeps the source's own typography, one mark across the line break.
    assert_eq!(
        pieces,
        ["“We will never accept\nmandatory  backdoors in our\u{a0}networks.”"]
    );
    let mark = passage_pieces(&page, anchor)[0];
    assert_eq!(one_in(mark, "br").value().name(), "br");
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
fn document_page_lists_the_events_citing_it_with_references_to_the_marks() {
    let site = Project::fixture("quotes/normalised").build_clean();
    let page = site.page("documents/speech/");
    assert!(
        select(&page, "ol.passage-list").is_empty(),
        "no second list"
    );
    let items = select(&page, ".evidence-index .event-item");
    let citing: Vec<String> = (items.iter())
        .map(|li| {
            one_in(*li, "a.event-link")
                .attr("href")
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert!(
        citing.contains(&"/timeline/#minister-speech".to_string()),
        "{citing:?}"
    );
    let anchors: Vec<String> = select_attrs(&page, ".evidence-index a.cite", "href");
    let marks: Vec<String> = select_attrs(&page, "mark.cited[id]", "id")
        .into_iter()
        .map(|id| format!("#{id}"))
        .collect();
    for anchor in &anchors {
        assert!(
            marks.contains(anchor),
            "{anchor} links to a mark: {marks:?}"
        );
    }
    let mut cited = anchors.clone();
    cited.sort();
    cited.dedup();
    assert_eq!(cited.len(), marks.len(), "every passage is referred to");
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

#[test]
fn quote_after_emphasis_and_punctuation_is_found_as_one_mark() {
    let site = Project::fixture("quotes/inline_markdown").build_clean();
    let anchor = anchor_of(&site, "council-met", "/documents/minutes/");
    let page = site.page("documents/minutes/");
    let pieces = passage_pieces(&page, &anchor);
    assert_eq!(pieces.len(), 1, "one mark around the emphasis");
    assert_eq!(text(pieces[0]), "12 May 2019: the council met");
    assert_eq!(text(one_in(pieces[0], "strong")), "12 May 2019");
}

#[test]
fn quote_starting_in_emphasis_before_a_comma_is_found_as_one_mark() {
    let site = Project::fixture("quotes/inline_markdown").build_clean();
    let anchor = anchor_of(&site, "inspectors-came-back", "/documents/minutes/");
    let page = site.page("documents/minutes/");
    let pieces = passage_pieces(&page, &anchor);
    assert_eq!(pieces.len(), 1);
    assert_eq!(text(pieces[0]), "Afterwards, the inspectors came back");
}

#[test]
fn quote_ending_inside_emphasis_is_cut_only_where_html_requires_it() {
    let site = Project::fixture("quotes/inline_markdown").build_clean();
    let anchor = anchor_of(&site, "council-decided", "/documents/minutes/");
    let page = site.page("documents/minutes/");
    let pieces: Vec<String> = passage_pieces(&page, &anchor)
        .into_iter()
        .map(raw_text)
        .collect();
    assert_eq!(pieces, ["the council ", "decided"]);
    // The pieces touch: the second opens the emphasis that follows the first.
    let html = one(&page, ".document-body").inner_html();
    assert!(
        html.contains(&format!(
            "the council </mark><em><mark class=\"cited\" data-passage=\"{anchor}\">decided</mark> nothing</em>"
        )),
        "{html}"
    );
}

#[test]
fn cited_passages_and_mention_contexts_read_as_the_page_does() {
    let site = Project::fixture("quotes/inline_markdown").build_clean();
    let page = site.page("documents/minutes/");
    let passages: Vec<String> = select_texts(&page, ".evidence-index a.cite .cite-pop")
        .into_iter()
        .map(|t| t.trim_start_matches(": ").to_string())
        .collect();
    assert_eq!(
        passages,
        [
            "“12 May 2019: the council met”",
            "“Afterwards, the inspectors came back”",
            "“the council decided”"
        ]
    );
    let actor = site.page("actors/water-authority/");
    assert_eq!(
        select_texts(&actor, "ul.snippets > li"),
        ["14 September 2018: the Water Authority wrote."]
    );
}

#[test]
fn passages_across_line_breaks_are_one_mark_with_one_anchor() {
    let site = Project::fixture("quotes/line_breaks").build_clean();
    let report = site.page("documents/report/");
    for (event, expected, inside) in [
        (
            "soft-break",
            "the inspectors found the\nkitchen clean",
            None,
        ),
        (
            "hard-break",
            "signed by the director\nof the hospital",
            Some("br"),
        ),
        (
            "with-a-link",
            "the full report is online since March",
            Some("a[href='https://example.org/report']"),
        ),
    ] {
        let anchor = anchor_of(&site, event, "/documents/report/");
        let pieces = passage_pieces(&report, &anchor);
        assert_eq!(pieces.len(), 1, "{event}: {}", pieces[0].html());
        assert_eq!(raw_text(pieces[0]), expected, "{event}");
        if let Some(css) = inside {
            one_in(pieces[0], css);
        }
    }
    let letter = site.page("documents/letter/");
    let anchor = anchor_of(&site, "letter-line-break", "/documents/letter/");
    let pieces = passage_pieces(&letter, &anchor);
    assert_eq!(pieces.len(), 1);
    assert_eq!(
        raw_text(pieces[0]),
        "we will return\nto the hospital in the spring"
    );
    one_in(pieces[0], "br");
}

#[test]
fn a_name_split_across_a_line_break_is_one_link() {
    let site = Project::fixture("quotes/line_breaks").build_clean();
    for doc in ["documents/report/", "documents/letter/"] {
        let page = site.page(doc);
        let links = select(&page, ".document-body a.mention");
        assert_eq!(links.len(), 1, "{doc}");
        assert_eq!(text(links[0]), "Regional Health Inspectorate", "{doc}");
        assert_eq!(links[0].attr("id"), Some("m-inspectorate-1"));
    }
    let actor = site.page("actors/inspectorate/");
    assert_eq!(select(&actor, "ul.snippets > li").len(), 2);
}

#[test]
fn quotations_carry_the_quote_marks_of_their_language_everywhere() {
    let site = Project::fixture("quotes/languages").build_clean();
    // the quote alone (the briefing), and in its sentence (timeline and actor pages)
    let expected = [
        (
            "brief-de",
            "„Wir bauen keine Hintertüren ein“",
            "„Wir bauen keine Hintertüren ein.“",
        ),
        // with narrow no-break spaces inside, which `text` folds
        (
            "lettre-fr",
            "« Nous ne construisons pas de portes dérobées »",
            "« Nous ne construisons pas de portes dérobées. »",
        ),
        (
            "letter-en",
            "“We build no backdoors”",
            "“We build no backdoors.”",
        ),
        (
            "letter-tlh",
            "“We build no backdoors”",
            "“We build no backdoors.”",
        ),
    ];
    let timeline = site.page("timeline/");
    let actor = site.page("actors/acme/");
    let briefing = site.page("briefing/");
    for (event, quoted, sentence) in expected {
        let sentence = sentence.to_string();
        let on_timeline = one(
            &timeline,
            &format!("li.event#{event}-event figure.source blockquote"),
        );
        assert_eq!(text(on_timeline), sentence, "timeline, {event}");
        if event == "lettre-fr" {
            assert!(raw_text(on_timeline).starts_with("«\u{202f}Nous"));
        }
        let on_actor_page = select_texts(&actor, "figure.source blockquote");
        assert!(
            on_actor_page.contains(&sentence),
            "actor page: {on_actor_page:?}"
        );
        let in_briefing = select_texts(&briefing, "figure.source blockquote");
        assert!(in_briefing.contains(&sentence), "briefing: {in_briefing:?}");
        let document = format!("documents/{event}/");
        let page = site.page(&document);
        assert_eq!(
            select_texts(&page, ".evidence-index a.cite .cite-pop"),
            [format!(": {quoted}")],
            "{document}"
        );
    }
}

/// For each event, the text just before its marked passage on the document page, and the
/// passage's anchor.
fn marked_after(site: &Site, events: &[&str]) -> Vec<(String, String)> {
    let page = site.page("documents/speech/");
    let html = one(&page, ".document-body").inner_html();
    events
        .iter()
        .map(|event| {
            let anchor = anchor_of(site, event, "/documents/speech/");
            assert_eq!(
                text(passage_pieces(&page, &anchor)[0]),
                "mandatory backdoors"
            );
            let at = html.find(&format!("id=\"{anchor}\"")).unwrap_or_default();
            let tag = html[..at].rfind('<').unwrap_or_default();
            // the text before the mark, without tags
            let mut before = String::new();
            let mut in_tag = false;
            for c in html[..tag].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => before.push(c),
                    _ => {}
                }
            }
            let words: Vec<&str> = before.split_whitespace().collect();
            (words[words.len().saturating_sub(2)..].join(" "), anchor)
        })
        .collect()
}

#[test]
fn prefix_and_suffix_choose_between_occurrences_of_a_quote() {
    let site = Project::fixture("quotes/prefix_suffix").build_clean();
    let found = marked_after(&site, &["accused", "never-asked", "refusal"]);
    let before: Vec<&str> = found.iter().map(|(b, _)| b.as_str()).collect();
    assert_eq!(before, ["we install", "asked for", "would refuse"]);
    let anchors: Vec<&str> = found.iter().map(|(_, a)| a.as_str()).collect();
    for anchor in &anchors {
        assert!(
            anchor.starts_with("q-mandatory-backdoors-") && anchor.len() == 28,
            "{anchor}"
        );
    }
    let mut distinct = anchors.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{anchors:?}");
    assert_eq!(
        anchor_of(&site, "keynote", "/documents/speech/"),
        "q-the-keynote-speech"
    );
}

#[test]
fn passage_anchors_survive_edits_elsewhere_in_the_document() {
    let project = Project::fixture("quotes/prefix_suffix");
    let events = ["accused", "never-asked", "refusal", "keynote"];
    let anchors = |site: &Site| -> Vec<String> {
        events
            .iter()
            .map(|e| anchor_of(site, e, "/documents/speech/"))
            .collect()
    };
    let before = anchors(&project.build_clean());
    let text = project.read("content/documents/speech.md");
    let edited = text
        .replacen(
            "+++\nSome say",
            "+++\nA new first paragraph, with mandatory words.\n\nSome say",
            1,
        )
        .replace("if we were.", "if we were, they said.")
        + "\nA closing line was added.\n";
    project.write("content/documents/speech.md", &edited);
    let site = project.build_clean();
    assert_eq!(anchors(&site), before);
    let page = site.page("documents/speech/");
    for anchor in &before {
        passage_pieces(&page, anchor);
    }
}
