//! Unit tests of mention matching: the rules, contexts and whitespace folding.

use super::*;
use crate::model::{Format, Text};
use crate::random_text::RandomText;
use crate::resolve::prose;

fn matcher() -> Matcher {
    Matcher::new([
        (ActorId(0), "Huawei"),
        (ActorId(1), "Ren Zhengfei"),
        (ActorId(2), "Ren"),
        (ActorId(3), "Chen & Co."),
        (ActorId(4), "États-Unis"),
    ])
}

fn names(body: &str, format: Format) -> Vec<(usize, String)> {
    matcher()
        .find(&prose::extract(body, format), &Text::from(body.to_string()))
        .into_iter()
        .map(|f| (f.actor.0, body[f.range].to_string()))
        .collect()
}

#[test]
fn longest_name_wins_and_words_must_be_whole() {
    let got = names(
        "Ren Zhengfei et Ren, pas Renault ni HuaweiX. Huawei’s.",
        Format::Text,
    );
    assert_eq!(
        got,
        [
            (1, "Ren Zhengfei".into()),
            (2, "Ren".into()),
            (0, "Huawei".into())
        ]
    );
}

#[test]
fn unicode_names_and_trailing_punctuation_match() {
    let got = names("les États-Unis et Chen & Co. ont", Format::Text);
    assert_eq!(got, [(4, "États-Unis".into()), (3, "Chen & Co.".into())]);
    assert!(names("lesÉtats-Unis", Format::Text).is_empty());
}

#[test]
fn no_mentions_in_code_links_or_headings() {
    let md = "# Huawei\n\n[Huawei](https://x) `Huawei` and Huawei.\n";
    let got = names(md, Format::Markdown);
    assert_eq!(got.len(), 1);
    assert_eq!(
        matcher().find(
            &prose::extract(md, Format::Markdown),
            &Text::from(md.to_string())
        )[0]
        .range
        .start,
        md.rfind("Huawei").unwrap()
    );
}

#[test]
fn names_match_across_non_breaking_and_doubled_spaces() {
    let got = names("by\u{a0}Chen\u{a0}&\u{a0}\u{a0}Co.\u{a0}on", Format::Text);
    assert_eq!(got, [(3, "Chen\u{a0}&\u{a0}\u{a0}Co.".into())]);
}

#[test]
fn a_name_shared_by_two_actors_goes_to_the_first() {
    let m = Matcher::new([
        (ActorId(0), "Berger"),
        (ActorId(1), "Anna Berger"),
        (ActorId(2), "Berger"),
    ]);
    let text = "Berger met Anna Berger.";
    let found: Vec<usize> = m
        .find(
            &prose::extract(text, Format::Text),
            &Text::from(text.to_string()),
        )
        .iter()
        .map(|f| f.actor.0)
        .collect();
    assert_eq!(found, [0, 1]);
}

#[test]
fn pushing_text_folds_like_pushing_each_character() {
    let texts = [
        "plain words",
        " leading",
        "trailing ",
        "two  spaces",
        "tab\there",
        "line\nbreak",
        "nbsp\u{a0}here",
        "thin\u{2009}space",
        "quote\u{2019}s",
        "ideo\u{3000}space",
        "é à ü",
        "\u{85}next",
        "",
    ];
    for first in texts {
        for second in texts {
            let (mut fast, mut slow) = (Block::default(), Block::default());
            push_text(&mut fast, first, 0);
            push_text(&mut fast, second, 100);
            for (at, c) in first.char_indices() {
                push_char(&mut slow, c, at);
            }
            for (at, c) in second.char_indices() {
                push_char(&mut slow, c, 100 + at);
            }
            assert_eq!(fast.text, slow.text, "{first:?} then {second:?}");
            for at in 0..fast.text.len() {
                assert_eq!(
                    fast.origin(at),
                    slow.origin(at),
                    "{first:?} {second:?} {at}"
                );
            }
        }
    }
}

#[test]
fn name_broken_across_lines_is_one_mention() {
    let body = "dear Ren\nZhengfei and\n\nRen";
    let got = names(body, Format::Text);
    assert_eq!(got, [(1, "Ren\nZhengfei".into()), (2, "Ren".into())]);
}

/// The rules spelled out: every whole-word match, leftmost first, then longest, taken
/// greedily without overlaps.
fn reference(names: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
    let ac = AhoCorasick::new(names).unwrap();
    let mut all: Vec<(usize, usize, usize)> = ac
        .find_overlapping_iter(text)
        .filter(|m| is_whole_word(text, m.start(), m.end()))
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    all.sort_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
    let mut next_free = 0;
    all.retain(|&(s, e, _)| {
        let keep = s >= next_free;
        if keep {
            next_free = e;
        }
        keep
    });
    all
}

#[test]
fn matches_follow_the_rules_on_random_texts() {
    let names = [
        "Ren",
        "Ren Zhengfei",
        "Renault",
        "Zhengfei Ren",
        "EU",
        "EU Commission",
        "Co",
        "é",
        "#EU",
        "von Ren",
        "ault Co",
        "X",
    ];
    let pieces = [
        "Ren",
        " ",
        "Ren Zhengfei",
        "Zhengfei",
        "ault",
        "EU",
        " Commission",
        "x",
        "Co",
        "é",
        ".",
        "#",
        "von ",
        "\u{a0}",
        "X",
        "Xa",
    ];
    let m = Matcher::new(names.iter().enumerate().map(|(i, n)| (ActorId(i), *n)));
    let mut random = RandomText::new(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let text = random.text(&pieces, 16);
        let Some(ac) = &m.automata else {
            panic!("names were given")
        };
        let mut got = Vec::new();
        let mut at = 0;
        while let Some(found) = m.next(ac, &text, at) {
            at = found.1;
            got.push(found);
        }
        assert_eq!(got, reference(&names, &text), "in {text:?}");
    }
}

#[test]
fn context_surrounds_the_mention() {
    let text = "Before  the\nname Huawei and after.";
    let f = &matcher().find(
        &prose::extract(text, Format::Text),
        &Text::from(text.to_string()),
    )[0];
    assert_eq!(f.context.before(), "Before the name ");
    assert_eq!(f.context.matched(), "Huawei");
    assert_eq!(f.context.after(), " and after.");
}

#[test]
fn context_on_a_line_of_prose_is_a_slice_of_the_body_cut_at_spaces() {
    let before = "word ".repeat(30);
    let after = " tail".repeat(30);
    let text = format!("{before}Huawei{after}");
    let f = &matcher().find(
        &prose::extract(&text, Format::Text),
        &Text::from(text.clone()),
    )[0];
    assert!(f.context.is_slice());
    assert_eq!(f.context.before(), format!("… {}", "word ".repeat(17)));
    assert_eq!(f.context.matched(), "Huawei");
    assert_eq!(f.context.after(), format!("{}…", " tail".repeat(17)));
}

#[test]
fn context_with_folded_whitespace_is_a_copy_equal_to_a_slice() {
    let folded = "Before  the\nname Huawei and after.";
    let plain = "Before the name Huawei and after.";
    let find = |text: &str| {
        matcher().find(
            &prose::extract(text, Format::Text),
            &Text::from(text.to_string()),
        )[0]
        .context
        .clone()
    };
    let (copied, sliced) = (find(folded), find(plain));
    assert!(!copied.is_slice() && sliced.is_slice());
    assert_eq!(copied, sliced);
}

#[test]
fn the_fast_path_searches_every_byte_a_space_may_start_with() {
    for b in 0..=255u8 {
        if MAY_BE_SPACE[usize::from(b)] && b != b' ' {
            assert!(may_need_folding(&[b'x', b, b'y']), "byte {b:#x}");
        }
    }
    assert!(may_need_folding(b"two  spaces"));
    assert!(!may_need_folding("plain words, one space é".as_bytes()));
}
