//! Tests of mention snippets merged where they overlap.

use std::borrow::Cow;

use super::*;

fn mention<'a>(before: &'a str, matched: &'a str, after: &'a str, url: &str) -> MentionView<'a> {
    MentionView {
        url: url.to_string(),
        before: Cow::Borrowed(before),
        matched,
        after: Cow::Borrowed(after),
    }
}

/// A snippet as text, names in brackets with their link.
fn shown(s: &Snippet) -> String {
    (s.parts.iter())
        .map(|p| match p.url.as_str() {
            "" => p.text.to_string(),
            url => format!("[{}]({url})", p.text),
        })
        .collect()
}

#[test]
fn overlapping_mentions_share_one_snippet_with_both_names_marked() {
    let snippets = merge(vec![
        mention(
            "…wrote to ",
            "Huawei",
            " and Huawei replied that Huawei never…",
            "#m1",
        ),
        mention(
            "…wrote to Huawei and ",
            "Huawei",
            " replied that Huawei never built…",
            "#m2",
        ),
        mention(
            "…to Huawei and Huawei replied that ",
            "Huawei",
            " never built it.",
            "#m3",
        ),
    ]);
    assert_eq!(snippets.len(), 1);
    assert_eq!(
        shown(&snippets[0]),
        "…wrote to [Huawei](#m1) and [Huawei](#m2) replied that [Huawei](#m3) never built it."
    );
}

#[test]
fn distant_mentions_keep_snippets_of_their_own() {
    let snippets = merge(vec![
        mention("A letter from ", "Huawei", " arrived.", "#m1"),
        mention("Much later, ", "Huawei", " answered.", "#m2"),
    ]);
    let shown: Vec<String> = snippets.iter().map(shown).collect();
    assert_eq!(
        shown,
        [
            "A letter from [Huawei](#m1) arrived.",
            "Much later, [Huawei](#m2) answered."
        ]
    );
}

#[test]
fn a_name_in_the_words_after_that_is_not_the_next_mention_is_not_merged() {
    // the second mention's words before it do not end with the text between
    let snippets = merge(vec![
        mention("", "Huawei", " and Huawei in a heading", "#m1"),
        mention("Elsewhere ", "Huawei", " again", "#m2"),
    ]);
    assert_eq!(snippets.len(), 2);
}

#[test]
fn mentions_whose_words_overlap_without_holding_each_other_are_merged() {
    // too far apart for the words after one to reach the next name, close enough to share
    let snippets = merge(vec![
        mention(
            "Talks between ",
            "Huawei",
            " and 4iG. During the visit of the president to Budapest…",
            "#m1",
        ),
        mention(
            "…During the visit of the president to Budapest in May, ",
            "Huawei",
            " signed.",
            "#m2",
        ),
    ]);
    assert_eq!(snippets.len(), 1);
    assert_eq!(
        shown(&snippets[0]),
        "Talks between [Huawei](#m1) and 4iG. During the visit of the president to Budapest in May, [Huawei](#m2) signed."
    );
}

#[test]
fn mentions_whose_words_before_hold_all_the_words_after_the_last_are_merged() {
    let snippets = merge(vec![
        mention(
            "The regulator, ",
            "the CNIL",
            ", read the report closely; see also…",
            "#m1",
        ),
        mention(
            "… the CNIL, read the report closely; see also ",
            "the Commission",
            " itself.",
            "#m2",
        ),
    ]);
    assert_eq!(snippets.len(), 1);
    assert_eq!(
        shown(&snippets[0]),
        "The regulator, [the CNIL](#m1), read the report closely; see also [the Commission](#m2) itself."
    );
}

#[test]
fn a_snippet_is_written_escaped_with_each_name_linked_and_marked() {
    let snippets = merge(vec![mention(
        "<script>x</script> & “",
        "A&B",
        "” said 'no'",
        "/documents/d/#m-a\"b",
    )]);
    assert_eq!(
        SnippetView::from(&snippets[0]).html,
        "&lt;script&gt;x&lt;/script&gt; &amp; “<a class=\"mention-name\" \
         href=\"/documents/d/#m-a&quot;b\"><mark>A&amp;B</mark></a>” said &#39;no&#39;"
    );
}
