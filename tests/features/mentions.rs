//! Mentions: actors' names and aliases linked in document text, and listed on actor pages.

use scraper::Html;

use crate::harness::{Project, has_ancestor, one, one_in, sel, select, text};

/// (text, href) of every mention link in the document's article.
fn mentions(page: &Html) -> Vec<(String, String)> {
    select(page, ".document-body a.mention")
        .into_iter()
        .map(|a| (text(a), a.attr("href").unwrap_or_default().to_string()))
        .collect()
}

fn pair(name: &str, actor: &str) -> (String, String) {
    (name.to_string(), format!("/actors/{actor}/"))
}

#[test]
fn names_and_aliases_are_linked_longest_first_and_whole_words_only() {
    let site = Project::fixture("mentions/basic").build_clean();
    let page = site.page("documents/interview/");
    assert_eq!(
        mentions(&page),
        [
            pair("Ren Zhengfei", "ren-zhengfei"),
            pair("Ren", "ren-zhengfei"),
            pair("Huawei France", "huawei-france"),
            pair("Huawei", "huawei"),
        ],
        "\"Ren Zhengfei\" is one mention, not \"Ren\"; \"Huawei France\" beats \"Huawei\"; Renault, Rennes and HuaweiCloud are not mentions"
    );
}

#[test]
fn mentions_are_never_inside_code_links_or_headings() {
    let site = Project::fixture("mentions/basic").build_clean();
    let page = site.page("documents/notes/");
    assert_eq!(
        mentions(&page),
        [
            pair("Huawei", "huawei"),
            pair("Ren Zhengfei", "ren-zhengfei")
        ]
    );
    for a in select(&page, ".document-body a.mention") {
        assert!(
            !has_ancestor(a, &["h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "a"]),
            "mention inside a shielded element: {}",
            a.html()
        );
    }
    // The shielded texts are still there, unlinked.
    let body = one(&page, ".document-body");
    assert_eq!(text(one_in(body, "h1")), "Huawei in the news");
    assert_eq!(text(one_in(body, "h2")), "About Ren Zhengfei");
    assert_eq!(
        text(one_in(body, "a[href='https://example.org/huawei']")),
        "link about Huawei"
    );
    assert!(
        body.select(&sel("pre"))
            .any(|pre| text(pre).contains("Huawei in a code block"))
    );
}

#[test]
fn mention_links_carry_anchors_for_the_actor_page() {
    let site = Project::fixture("mentions/basic").build_clean();
    let page = site.page("documents/interview/");
    let ids: Vec<String> = select(&page, ".document-body a.mention")
        .into_iter()
        .map(|a| a.attr("id").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "m-ren-zhengfei-1",
            "m-ren-zhengfei-2",
            "m-huawei-france-1",
            "m-huawei-1"
        ]
    );
}

#[test]
fn actor_page_lists_the_passages_that_mention_it_with_context() {
    let site = Project::fixture("mentions/basic").build_clean();
    let page = site.page("actors/ren-zhengfei/");
    let groups = select(&page, "ul.mention-groups > li");
    let documents: Vec<String> = groups.iter().map(|g| text(one_in(*g, "h3 a"))).collect();
    assert_eq!(
        documents,
        ["Research notes", "An interview"],
        "one group per document, newest first"
    );
    let interview = groups[1];
    // the two mentions are close: one snippet, both names marked and linked
    let items: Vec<_> = interview.select(&sel("ul.snippets > li")).collect();
    assert_eq!(items.len(), 1);
    let names: Vec<_> = items[0].select(&sel("a.mention-name")).collect();
    assert_eq!(names.len(), 2);
    assert_eq!(
        names[0].attr("href"),
        Some("/documents/interview/#m-ren-zhengfei-1")
    );
    assert_eq!(text(one_in(names[0], "mark")), "Ren Zhengfei");
    assert_eq!(text(one_in(names[1], "mark")), "Ren");
    assert!(
        text(items[0])
            .contains("Ren Zhengfei founded the company in 1987. Ren said he would rather die."),
        "context before, between and after: {}",
        text(items[0])
    );
}

#[test]
fn mentioned_actors_are_listed_on_the_document_page() {
    let site = Project::fixture("mentions/basic").build_clean();
    let page = site.page("documents/interview/");
    let listed: Vec<String> = select(&page, "ul.actor-chips a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(listed.len(), 3);
    for name in ["Ren Zhengfei", "Huawei France", "Huawei Technologies"] {
        assert!(
            listed.contains(&name.to_string()),
            "{name} not in {listed:?}"
        );
    }
}

#[test]
fn name_across_a_line_break_is_a_mention() {
    let site = Project::fixture("mentions/line_break").build_clean();
    let page = site.page("documents/letter/");
    let found: Vec<String> = select(&page, ".document-body a.mention")
        .into_iter()
        .map(|a| a.attr("href").unwrap_or_default().to_string())
        .collect();
    assert!(
        !found.is_empty() && found.iter().all(|h| h == "/actors/andrus-ansip/"),
        "{found:?}"
    );
    assert_eq!(
        select(
            &site.page("actors/andrus-ansip/"),
            "ul.mention-groups ul.snippets > li"
        )
        .len(),
        1
    );
}
