//! Tests of locating quotes: normalisation, ambiguity, prefixes and suffixes, and the
//! explanations of quotes that are not there.

use super::*;
use crate::model::Format;
use crate::resolve::prose;

fn sp(value: &str) -> Located {
    Located {
        value: value.into(),
        span: 0..0,
    }
}

fn selector(quote: &str, prefix: Option<&str>, suffix: Option<&str>) -> Selector {
    Selector {
        quote: sp(quote),
        prefix: prefix.map(sp),
        suffix: suffix.map(sp),
    }
}

/// What `selector` selects in `body`, as the body's text, or why nothing.
fn select(body: &str, format: Format, selector: &Selector) -> Result<String, Problem> {
    let s = Searchable::new(&prose::extract(body, format), body);
    s.select(selector).map(|r| body[r].to_string())
}

fn find(body: &str, format: Format, quote: &str) -> Result<String, Problem> {
    select(body, format, &selector(quote, None, None))
}

fn miss(body: &str, quote: &str) -> Miss {
    match find(body, Format::Text, quote) {
        Err(Problem::Missing(miss)) => miss,
        other => panic!("{other:?}"),
    }
}

#[test]
fn quote_across_a_line_break_and_double_spaces_is_found() {
    let body = "We  are particularly  concerned  about  the\nallegation you made";
    let got = find(
        body,
        Format::Text,
        "particularly concerned about the allegation",
    );
    assert_eq!(
        got.as_deref(),
        Ok("particularly  concerned  about  the\nallegation")
    );
}

#[test]
fn quote_with_typographic_apostrophe_is_found() {
    let body = "Lors d’une interview accordée au “Financial Times”.";
    assert_eq!(
        find(body, Format::Text, "Lors d'une interview").as_deref(),
        Ok("Lors d’une interview")
    );
    assert_eq!(
        find(body, Format::Text, "\"Financial Times\"").as_deref(),
        Ok("“Financial Times”")
    );
}

#[test]
fn non_breaking_spaces_count_as_spaces() {
    let body = "through\u{a0}\u{a0}“mandatory\u{a0}backdoors”\u{a0}in";
    assert_eq!(
        find(body, Format::Text, "\"mandatory backdoors\"").as_deref(),
        Ok("“mandatory\u{a0}backdoors”")
    );
}

#[test]
fn quote_across_markdown_emphasis_maps_to_the_source() {
    let body = "une plateforme commune, *via* un centre de données";
    assert_eq!(
        find(body, Format::Markdown, "commune, via un centre").as_deref(),
        Ok("commune, *via* un centre")
    );
}

#[test]
fn quote_after_emphasis_and_punctuation_is_found() {
    let body = "- **12 May 2019**: the council met.\n- *Afterwards*, they left.";
    assert_eq!(
        find(body, Format::Markdown, "12 May 2019: the council met").as_deref(),
        Ok("12 May 2019**: the council met")
    );
    assert_eq!(
        find(body, Format::Markdown, "Afterwards, they left").as_deref(),
        Ok("Afterwards*, they left")
    );
}

#[test]
fn a_quote_found_twice_is_ambiguous_until_a_prefix_or_suffix_chooses() {
    let body = "We reject mandatory backdoors. Nobody asked for mandatory backdoors in Europe.";
    let found = |prefix, suffix| {
        select(
            body,
            Format::Text,
            &selector("mandatory backdoors", prefix, suffix),
        )
    };
    match found(None, None) {
        Err(Problem::Ambiguous(at)) => assert_eq!(at.len(), 2),
        other => panic!("{other:?}"),
    }
    let second = body.rfind("mandatory").unwrap_or_default();
    let s = Searchable::new(&prose::extract(body, Format::Text), body);
    let chosen = |prefix, suffix| s.select(&selector("mandatory backdoors", prefix, suffix));
    assert_eq!(
        chosen(Some("asked for "), None).map(|r| r.start),
        Ok(second)
    );
    assert_eq!(chosen(None, Some("in Europe")).map(|r| r.start), Ok(second));
    assert_eq!(chosen(Some("We  reject"), None).map(|r| r.start), Ok(10));
    assert_eq!(
        chosen(Some("We reject"), Some(". Nobody")).map(|r| r.start),
        Ok(10)
    );
    match found(Some("demanded"), None) {
        Err(Problem::NoneFits(at)) => assert_eq!(at.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_prefix_that_still_fits_several_occurrences_is_ambiguous() {
    let body = "a no b. a no c. d no b.";
    match select(body, Format::Text, &selector("no", Some("a"), None)) {
        Err(Problem::Ambiguous(at)) => assert_eq!(at.len(), 2),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        select(body, Format::Text, &selector("no", Some("a"), Some("c"))).as_deref(),
        Ok("no")
    );
}

#[test]
fn missing_quote_explains_where_it_diverges_and_the_closest_passage() {
    let body = "Huawei has never been asked by any government to build backdoors";
    assert_eq!(miss(body, "huawei has never been asked"), Miss::CaseDiffers);
    match miss(body, "Huawei has never been told by any government") {
        Miss::Differs {
            diverges: Some((matched, then)),
            closest: Some(closest),
        } => {
            assert!(matched.ends_with("never been"));
            assert_eq!(then, " asked by any government to build backdo");
            assert_eq!(
                closest.passage,
                "Huawei has never been asked by any government"
            );
            assert_eq!(closest.differences, [("told".into(), "asked".into())]);
            assert_eq!(closest.distance, 4);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        miss(body, "nothing like it"),
        Miss::Differs {
            diverges: None,
            closest: None
        }
    );
}

#[test]
fn the_closest_passage_is_found_with_a_typo_in_its_first_word() {
    let mut body = "Filler words that say nothing at all. ".repeat(200);
    body.push_str("The minister signed the decree on Tuesday morning. ");
    body.push_str(&"More filler that says nothing. ".repeat(200));
    match miss(&body, "The minsiter signed the decree on Tuesday") {
        Miss::Differs {
            closest: Some(closest),
            ..
        } => {
            assert_eq!(closest.passage, "The minister signed the decree on Tuesday");
            assert_eq!(
                closest.differences,
                [("minsiter".into(), "minister".into())]
            );
            assert_eq!(closest.distance, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_missing_quote_of_forty_thousand_words_is_explained() {
    let body = "the council met on Monday and decided nothing at all";
    let mut quote = String::from("the council met on Tuesday");
    for i in 0..40_000 {
        quote.push_str(&format!(" word{i}"));
    }
    match miss(body, &quote) {
        Miss::Differs {
            diverges: Some((matched, then)),
            closest: None,
        } => {
            assert_eq!(matched, "the council met on");
            assert_eq!(then, " Monday and decided nothing at all");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn passages_map_back_to_the_source_through_folded_whitespace_and_entities() {
    let body = "A &amp; B  said\n“no”.";
    assert_eq!(
        find(body, Format::Markdown, "A & B said \"no\"").as_deref(),
        Ok("A &amp; B  said\n“no”")
    );
}
