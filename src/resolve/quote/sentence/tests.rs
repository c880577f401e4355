//! Tests of the sentence around a cited passage.

use super::*;
use crate::model::Format;
use crate::resolve::prose::extract;

/// The sentence around the first occurrence of `quote` in Markdown `body`, as
/// `before[quote]after`.
fn shown(body: &str, quote: &str) -> String {
    let prose = extract(body, Format::Markdown);
    let start = body.find(quote).expect("the quote is in the body");
    let s = around(&prose, body, start..start + quote.len());
    format!("{}[{quote}]{}", s.before, s.after)
}

#[test]
fn an_english_quote_is_shown_in_its_sentence_only() {
    let body =
        "The minister spoke. He warned of mandatory backdoors in equipment. Nobody answered.";
    assert_eq!(
        shown(body, "mandatory backdoors"),
        "He warned of [mandatory backdoors] in equipment."
    );
}

#[test]
fn a_french_sentence_keeps_its_title_abbreviation() {
    let body = "Le débat continue. Selon M. Dupont, le fondateur du groupe a parlé. Fin.";
    assert_eq!(
        shown(body, "le fondateur du groupe"),
        "Selon M. Dupont, [le fondateur du groupe] a parlé."
    );
    let body = "Une lettre. Mme. Durand et Dr. Martin ont signé la lettre ouverte. Rien.";
    assert_eq!(
        shown(body, "la lettre ouverte"),
        "Mme. Durand et Dr. Martin ont signé [la lettre ouverte]."
    );
}

#[test]
fn english_titles_and_initials_do_not_end_a_sentence() {
    let body = "Hearing held. Dr. Smith and J. R. Jones told U.S. officials of the risk. Later.";
    assert_eq!(
        shown(body, "the risk"),
        "Dr. Smith and J. R. Jones told U.S. officials of [the risk]."
    );
}

#[test]
fn a_quote_across_a_line_break_reads_as_one_line() {
    let body = "First line.\nThe letter speaks of mandatory\nbackdoors in the network, it says.\n";
    let prose = extract(body, Format::Markdown);
    let start = body.find("mandatory").unwrap();
    let end = body.find("backdoors").unwrap() + "backdoors".len();
    let s = around(&prose, body, start..end);
    assert_eq!(s.before, "The letter speaks of ");
    assert_eq!(s.after, " in the network, it says.");
}

#[test]
fn quotes_at_the_start_and_end_of_a_document_have_one_empty_side() {
    let body = "Mandatory backdoors are feared. Second sentence ends here";
    assert_eq!(
        shown(body, "Mandatory backdoors"),
        "[Mandatory backdoors] are feared."
    );
    assert_eq!(shown(body, "ends here"), "Second sentence [ends here]");
}

#[test]
fn a_quote_over_two_sentences_shows_both_whole() {
    let body = "Intro. It began in May. It ended in June. Outro.";
    assert_eq!(
        shown(body, "May. It ended"),
        "It began in [May. It ended] in June."
    );
}

#[test]
fn the_sentence_stays_in_the_quotes_paragraph() {
    let body = "A paragraph without a stop\n\nThe quoted words here. Next one.";
    assert_eq!(shown(body, "quoted words"), "The [quoted words] here.");
}

#[test]
fn a_very_long_sentence_is_cut_with_an_ellipsis_on_both_sides() {
    let long = "word ".repeat(100);
    let body = format!("{long}the cited words {long}end.");
    let s = shown(&body, "the cited words");
    assert!(s.starts_with("…word "), "{s}");
    assert!(s.ends_with(" word…"), "{s}");
    assert!(s.chars().count() < 2 * MAX_SIDE_CHARS + 30, "{s}");
}

#[test]
fn markdown_emphasis_reads_as_the_page_reads() {
    let body = "Before. The **president** said the words in *Budapest*. After.";
    assert_eq!(
        shown(body, "said the words"),
        "The president [said the words] in Budapest."
    );
}

/// The sentence around `text[quote]` with the whole text segmented, as before only a
/// stretch around the passage was.
fn within_whole_text(text: &str, quote: Range<usize>) -> Sentence {
    let starts = sentence_starts(text);
    let start = (starts.iter().rev()).find(|s| **s <= quote.start);
    let end = (starts.iter()).find(|s| **s >= quote.end.max(quote.start + 1));
    let before = &text[*start.unwrap_or(&0)..quote.start];
    let after = &text[quote.end..*end.unwrap_or(&text.len())];
    Sentence {
        before: cut_before(before),
        after: cut_after(after),
    }
}

#[test]
fn segmenting_only_around_the_passage_shows_what_segmenting_the_whole_text_shows() {
    // sentences from 3 to 70 words, with abbreviations, initials and accents, so that
    // sentence starts fall at every distance from passages, near and beyond the edges
    let words = [
        "le", "rapport", "Dr.", "Müller", "a", "dit", "J.", "R.", "Smith", "é",
    ];
    let mut text = String::new();
    for sentence in 0..60 {
        let length = 3 + (sentence * 37) % 68;
        for w in 0..length {
            text.push_str(words[(sentence * 7 + w * 3) % words.len()]);
            text.push(' ');
        }
        text.push_str(["fin. ", "fin! Alors ", "fin? « Oui. » ", "fin.\u{a0}"][sentence % 4]);
    }
    let mut compared = 0;
    for (start, _) in text.match_indices("rapport") {
        for end in [start + "rapport".len(), (start + 40).min(text.len())] {
            let end = floor_boundary(&text, end);
            assert_eq!(
                within(&text, start..end),
                within_whole_text(&text, start..end),
                "passage at {start}..{end}"
            );
            compared += 1;
        }
    }
    assert!(compared > 200, "{compared} passages compared");
}
