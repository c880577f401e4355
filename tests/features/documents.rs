//! Document pages: bodies, language, and the metadata panel.

use crate::harness::{
    Project, meta_value, one, one_in, select, select_attrs, select_texts, snapshot, text,
};

#[test]
fn plain_text_body_keeps_paragraphs_and_line_breaks() {
    let site = Project::fixture("documents/basic").build_clean();
    let page = site.page("documents/letter/");
    let body = one(&page, ".document-body");
    let paragraphs: Vec<_> = body.select(&crate::harness::sel("p")).collect();
    let texts: Vec<String> = paragraphs.iter().map(|p| text(*p)).collect();
    assert_eq!(
        texts,
        [
            "Dear Madam,",
            "Today we write to you about the matter at hand. It is urgent.",
            "Yours sincerely, Jane Doe"
        ]
    );
    let breaks: Vec<usize> = paragraphs
        .iter()
        .map(|p| p.select(&crate::harness::sel("br")).count())
        .collect();
    assert_eq!(
        breaks,
        [0, 2, 1],
        "one <br> per line break inside a paragraph"
    );
}

#[test]
fn markdown_body_is_rendered_as_markdown() {
    let site = Project::fixture("documents/basic").build_clean();
    let page = site.page("documents/annual-report/");
    let body = one(&page, ".document-body");
    assert_eq!(text(one_in(body, "em")), "annual");
    assert_eq!(body.select(&crate::harness::sel("p")).count(), 2);
}

#[test]
fn document_article_has_the_document_language() {
    let site = Project::fixture("documents/basic").build_clean();
    for (url, lang) in [
        ("documents/letter/", "en"),
        ("documents/lettre/", "fr"),
        ("documents/annual-report/", "en-GB"),
    ] {
        let page = site.page(url);
        assert_eq!(one(&page, "article").attr("lang"), Some(lang), "{url}");
        assert_eq!(one(&page, "h1").attr("lang"), Some(lang), "{url}");
    }
    // The interface around it stays in the dossier's language.
    let page = site.page("documents/lettre/");
    assert_eq!(one(&page, "html").attr("lang"), Some("en"));
}

#[test]
fn undeclared_document_language_defaults_to_the_dossier_language() {
    let site = Project::fixture("documents/basic").build_clean();
    let page = site.page("documents/undated-note/");
    assert_eq!(one(&page, "article").attr("lang"), Some("en"));
}

#[test]
fn metadata_panel_shows_kind_date_at_its_precision_and_linked_authors() {
    let site = Project::fixture("documents/basic").build_clean();
    let page = site.page("documents/letter/");
    assert_eq!(text(meta_value(&page, "Kind")), "letter");
    let published = one_in(meta_value(&page, "Published"), "time");
    assert_eq!(text(published), "December 2018");
    assert_eq!(
        published.attr("datetime"),
        Some("2018-12"),
        "the machine-readable date keeps the month precision"
    );
    let authors = meta_value(&page, "Authors");
    let links: Vec<(String, String)> = authors
        .select(&crate::harness::sel("a"))
        .map(|a| (text(a), a.attr("href").unwrap_or_default().to_string()))
        .collect();
    assert_eq!(
        links,
        [
            ("Acme Corporation".to_string(), "/actors/acme/".to_string()),
            ("Jane Doe".to_string(), "/actors/jane-doe/".to_string())
        ]
    );
    assert_eq!(text(meta_value(&page, "Publisher")), "Example archive");
    assert_eq!(text(meta_value(&page, "Retrieved")), "15 January 2019");
    assert_eq!(
        select_attrs(&page, "a.source-url", "href"),
        ["https://example.org/archive/letter"]
    );
}

#[test]
fn dates_are_shown_at_their_precision_and_never_with_an_invented_day() {
    let site = Project::fixture("documents/basic").build_clean();
    let cases = [
        ("documents/letter/", "December 2018", "2018-12"),
        ("documents/lettre/", "1 May 2024", "2024-05-01"),
        ("documents/annual-report/", "2017", "2017"),
    ];
    for (url, shown, iso) in cases {
        let page = site.page(url);
        let time = one_in(meta_value(&page, "Published"), "time");
        assert_eq!(
            (text(time).as_str(), time.attr("datetime")),
            (shown, Some(iso)),
            "{url}"
        );
    }
    let page = site.page("documents/undated-note/");
    assert_eq!(text(meta_value(&page, "Published")), "undated");
}

#[test]
fn yaml_front_matter_is_read_like_toml() {
    let site = Project::fixture("documents/basic").build_clean();
    let page = site.page("documents/yaml-note/");
    assert_eq!(text(one(&page, "h1")), "A note with YAML front matter");
    assert_eq!(one(&page, "article").attr("lang"), Some("de"));
    assert_eq!(text(meta_value(&page, "Kind")), "note");
    assert_eq!(text(meta_value(&page, "Published")), "March 2016");
    assert_eq!(
        select_attrs(&page, "dl.meta-panel a[href^='/actors/']", "href"),
        ["/actors/jane-doe/"]
    );
    assert_eq!(text(one_in(one(&page, ".document-body"), "em")), "Notiz");
}

#[test]
fn document_index_lists_documents_newest_first() {
    let site = Project::fixture("documents/basic").build_clean();
    let index = site.page("documents/");
    let titles = select_texts(&index, "li.doc-entry h2 a");
    assert_eq!(
        titles,
        [
            "Une lettre en français",
            "A letter from Acme",
            "Annual report",
            "A note with YAML front matter",
            "An undated note"
        ]
    );
    let hrefs = select_attrs(&index, "li.doc-entry h2 a", "href");
    assert_eq!(
        hrefs,
        [
            "/documents/lettre/",
            "/documents/letter/",
            "/documents/annual-report/",
            "/documents/yaml-note/",
            "/documents/undated-note/"
        ]
    );
}

#[test]
fn document_article_with_a_passage_and_a_mention_has_a_stable_shape() {
    let site = Project::fixture("documents/fragment").build_clean();
    let page = site.page("documents/brief/");
    let article = one(&page, "article");
    snapshot("document_article_fragment", article.inner_html().trim());
}

#[test]
fn unquoted_toml_dates_are_read_like_quoted_ones() {
    let project = Project::fixture("build/minimal");
    let memo = project
        .read("content/documents/memo.txt")
        .replacen("date = \"2020-03-02\"", "date = 2020-03-02", 1)
        .replacen("date = \"2020-03-02\"", "date = 2020-03-02T09:15:00Z", 1);
    project.write("content/documents/memo.txt", memo);
    let site = project.build_clean();
    let page = site.page("documents/memo/");
    let published = one_in(meta_value(&page, "Published"), "time");
    assert_eq!(text(published), "2 March 2020");
    assert_eq!(published.attr("datetime"), Some("2020-03-02"));
    let timeline = site.page("timeline/");
    let event = one(&timeline, "#memo-sent .event-date time");
    assert_eq!(event.attr("datetime"), Some("2020-03-02"));
}

/// The inner HTML of each paragraph of a document's text.
fn paragraphs(site: &crate::harness::Site, doc: &str) -> Vec<String> {
    select(&site.page(doc), ".document-body p")
        .into_iter()
        .map(|p| p.inner_html())
        .collect()
}

#[test]
fn reflow_in_settings_joins_the_lines_of_every_text_paragraph_and_keeps_hyphens() {
    let project = Project::fixture("reflow/settings");
    let before = project.read("content/documents/letter.txt");
    let site = project.build_clean();
    let paragraphs = paragraphs(&site, "documents/letter/");
    assert_eq!(paragraphs.len(), 3, "blank lines still separate paragraphs");
    assert_eq!(
        paragraphs[2],
        "The auditors will have full access to our source code and infor- mation systems."
    );
    assert!(
        paragraphs.iter().all(|p| !p.contains("<br")),
        "{paragraphs:?}"
    );
    // The quote spans a joined line and is one mark; the file is left as it was.
    let page = site.page("documents/letter/");
    let mark = one(&page, ".document-body mark.cited");
    assert_eq!(
        crate::harness::raw_text(mark),
        "an independent audit of the network equipment"
    );
    assert_eq!(project.read("content/documents/letter.txt"), before);
}

#[test]
fn a_text_document_can_turn_reflow_off() {
    let site = Project::fixture("reflow/settings").build_clean();
    assert_eq!(
        paragraphs(&site, "documents/memo/"),
        ["Roses are red,<br>\nviolets are blue."]
    );
}

#[test]
fn reflow_in_front_matter_applies_to_that_document_only() {
    let site = Project::fixture("reflow/front_matter").build_clean();
    assert_eq!(
        paragraphs(&site, "documents/letter/"),
        ["We have commissioned an independent audit."]
    );
    assert_eq!(
        paragraphs(&site, "documents/list/"),
        ["first line<br>\nsecond line"]
    );
}

#[test]
fn a_kind_is_shown_in_words_and_filtered_by_its_key() {
    let site = Project::example().build_clean();
    let page = site.page("documents/latombe-question-17938/");
    assert_eq!(text(meta_value(&page, "Kind")), "parliamentary question");
    assert!(text(one(&page, ".kicker")).contains(" · parliamentary question"));
    let index = site.page("documents/");
    assert!(
        select_texts(&index, "dd")
            .iter()
            .any(|d| d == "parliamentary question"),
        "{:?}",
        select_texts(&index, "dd")
    );
    let timeline = site.page("timeline/");
    let option = one(
        &timeline,
        "#filter-kind option[value='parliamentary-question']",
    );
    assert!(
        text(option).starts_with("parliamentary question"),
        "{}",
        text(option)
    );
}
