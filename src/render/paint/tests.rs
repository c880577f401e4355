//! Tests of painting: marks and mention links kept whole across runs and elements.

use super::*;
use crate::model::{ActorId, Context};

fn passage(anchor: &str, range: Range<usize>) -> Passage {
    Passage {
        anchor: anchor.into(),
        range,
        text: String::new(),
        events: vec![],
        relations: vec![],
        pages: None,
        sentence: Default::default(),
    }
}

fn mention(range: Range<usize>) -> Mention {
    let context = Context::folded("", 0..0, (false, false));
    Mention {
        actor: ActorId(0),
        range,
        anchor: "m-a-1".into(),
        context: context.into(),
        linked: false,
    }
}

const URLS: &[String] = &[];

fn painter<'a>(
    passages: &'a [Passage],
    mentions: &'a [Mention],
    urls: &'a [String],
) -> Painter<'a> {
    Painter {
        passages,
        mentions,
        references: &[],
        actor_urls: urls,
    }
}

#[test]
fn passage_with_a_mention_inside_is_one_mark() {
    let text = "say Huawei & co";
    let passages = [passage("q-x", 4..15)];
    let mentions = [mention(4..10)];
    let urls = ["/actors/a/".to_string()];
    let p = painter(&passages, &mentions, &urls);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text(text, 0..text.len(), &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "say <mark class=\"cited\" id=\"q-x\" data-passage=\"q-x\"><a class=\"mention\" href=\"/actors/a/\" id=\"m-a-1\">Huawei</a> &amp; co</mark>"
    );
}

#[test]
fn passage_continuing_into_the_next_run_has_no_second_id() {
    let passages = [passage("q-x", 2..12)];
    let p = painter(&passages, &[], URLS);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text("line", 8..12, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "<mark class=\"cited\" data-passage=\"q-x\">line</mark>"
    );
}

#[test]
fn passage_across_a_line_break_is_one_mark() {
    // "one two\nthree four", the passage "two three"
    let passages = [passage("q-two", 4..13)];
    let p = painter(&passages, &[], URLS);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text("one two", 0..7, &mut out);
    brush.line_break("<br>\n", 7..8, &mut out);
    brush.text("three four", 8..18, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "one <mark class=\"cited\" id=\"q-two\" data-passage=\"q-two\">two<br>\nthree</mark> four"
    );
}

#[test]
fn a_line_break_after_a_passage_is_left_unmarked() {
    let passages = [passage("q-two", 4..7)];
    let p = painter(&passages, &[], URLS);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text("one two", 0..7, &mut out);
    brush.line_break("\n", 7..8, &mut out);
    brush.text("three", 8..13, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "one <mark class=\"cited\" id=\"q-two\" data-passage=\"q-two\">two</mark>\nthree"
    );
}

#[test]
fn a_name_across_a_line_break_is_one_link() {
    // "the Regional Health\nInspectorate wrote"
    let mentions = [mention(4..32)];
    let urls = ["/actors/a/".to_string()];
    let p = painter(&[], &mentions, &urls);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text("the Regional Health", 0..19, &mut out);
    brush.line_break("<br>\n", 19..20, &mut out);
    brush.text("Inspectorate wrote", 20..38, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "the <a class=\"mention\" href=\"/actors/a/\" id=\"m-a-1\">Regional Health<br>\nInspectorate</a> wrote"
    );
}

#[test]
fn a_passage_starting_at_emphasis_opens_its_mark_around_it() {
    // "**12 May**: met." with the passage "12 May: met"
    let passages = [passage("q-12", 2..15)];
    let p = painter(&passages, &[], URLS);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.enter(0..10, 2..8, &mut out);
    out.push_str("<strong>");
    brush.text("12 May", 2..8, &mut out);
    brush.leave(&mut out);
    out.push_str("</strong>");
    brush.text(": met.", 10..16, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "<mark class=\"cited\" id=\"q-12\" data-passage=\"q-12\"><strong>12 May</strong>: met</mark>."
    );
}

#[test]
fn a_passage_ending_inside_emphasis_is_cut_where_html_requires() {
    // "a *b c* d" with the passage "a b"
    let passages = [passage("q-a", 0..4)];
    let p = painter(&passages, &[], URLS);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text("a ", 0..2, &mut out);
    brush.enter(2..7, 3..6, &mut out);
    out.push_str("<em>");
    brush.text("b c", 3..6, &mut out);
    brush.leave(&mut out);
    out.push_str("</em>");
    brush.text(" d", 7..9, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "<mark class=\"cited\" id=\"q-a\" data-passage=\"q-a\">a </mark><em><mark class=\"cited\" data-passage=\"q-a\">b</mark> c</em> d"
    );
}

#[test]
fn overlapping_passages_each_keep_their_anchor() {
    // "abcdef": passages "abcd" and "cdef"
    let passages = [passage("q-1", 0..4), passage("q-2", 2..6)];
    let p = painter(&passages, &[], URLS);
    let mut out = String::new();
    let mut brush = p.brush();
    brush.text("abcdef", 0..6, &mut out);
    brush.finish(&mut out);
    assert_eq!(
        out,
        "<mark class=\"cited\" id=\"q-1\" data-passage=\"q-1\">ab</mark>\
         <mark class=\"cited\" id=\"q-2\" data-passage=\"q-1 q-2\">cd</mark>\
         <mark class=\"cited\" data-passage=\"q-2\">ef</mark>"
    );
}
