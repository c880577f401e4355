//! The sentence a cited passage is in, so that pages show a quotation in its sentence with
//! the cited words highlighted rather than cut out of it.
//!
//! Sentences are bounded by Unicode's rules (UAX #29, through `unicode-segmentation`), within
//! the passage's block (paragraph, item, heading), as the page reads it. Those rules end a
//! sentence at every full stop followed by a capital, so a stop after a title or an initial
//! (`M. Dupont`, `Dr. Smith`, `J. R. Smith`, `U.S. officials`) is joined back.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::super::prose::Prose;
use crate::model::Sentence;
use crate::shorten::shorten;

/// Characters of sentence kept on each side of a passage; longer sides are cut at a word,
/// with `…`.
pub const MAX_SIDE_CHARS: usize = 160;

/// Bytes of a block read on each side of a passage: more than [`MAX_SIDE_CHARS`] characters
/// of four bytes, so that a side cut there is cut shorter anyway.
const WINDOW_BYTES: usize = 4 * MAX_SIDE_CHARS + 64;

/// `at`, or the start of the character it falls in.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Abbreviations, without their full stop, after which a sentence does not end (English and
/// French titles and the usual short forms); single letters (initials) are always joined.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "jr", "sr", "sen", "rep", "gen", "gov", "hon",
    "rev", "no", "nos", "art", "arts", "cf", "vs", "p", "pp", "vol", "fig", "mme", "mmes", "mlle",
    "mlles", "mm", "me", "mgr", "pr", "dr", "ste", "env", "av", "apr", "j.-c",
];

/// The rest of the sentence around the passage at body bytes `range`: the words before and
/// after it within its sentence (several when it spans them), as the page reads them.
pub fn around(prose: &Prose, body: &str, range: Range<usize>) -> Sentence {
    let Some((block, quote)) = block_text(prose, body, range) else {
        return Sentence::default();
    };
    within(&block, quote)
}

/// The text of the block(s) the passage is in, as read, and where the passage is in it.
fn block_text(prose: &Prose, body: &str, range: Range<usize>) -> Option<(String, Range<usize>)> {
    let runs = &prose.runs;
    let first = runs.partition_point(|r| r.range.end <= range.start);
    let last = runs.partition_point(|r| r.range.start < range.end);
    let (start_block, end_block) = (
        runs.get(first)?.block,
        runs.get(last.checked_sub(1)?)?.block,
    );
    let start = runs[..first]
        .iter()
        .rposition(|r| r.block != start_block)
        .map_or(0, |i| i + 1);
    let end = runs[last..]
        .iter()
        .position(|r| r.block != end_block)
        .map_or(runs.len(), |i| last + i);
    // Only the bytes that can show: a long block (a text document without paragraphs) is
    // not read and segmented whole for each of its passages.
    let from = runs[start]
        .range
        .start
        .max(range.start.saturating_sub(WINDOW_BYTES));
    let to = runs[end - 1].range.end.min(range.end + WINDOW_BYTES);
    let (from, to) = (floor_boundary(body, from), floor_boundary(body, to));
    let quote = prose.read_range(body, range.clone());
    let before = prose.read_range(body, from..range.start);
    let block = prose.read_range(body, from..to);
    // the block reads like its parts, with a space between them where the page has one
    let at = match block.get(before.len()..) {
        Some(rest) if rest.starts_with(&quote) => before.len(),
        Some(rest) if rest.starts_with(' ') && rest[1..].starts_with(&quote) => before.len() + 1,
        _ => block.find(&quote)?,
    };
    Some((block.clone(), at..at + quote.len()))
}

/// The sentence around `text[quote]`, cut to [`MAX_SIDE_CHARS`] on each side.
pub fn within(text: &str, quote: Range<usize>) -> Sentence {
    // Only the characters that can show, and some context, are segmented: a sentence start
    // farther than MAX_SIDE_CHARS from the passage is cut to the same words as the edge of
    // this stretch. UAX #29 costs about 45 instructions a byte, which made finding sentences
    // a third of resolving at 10,000 documents (`benches/ab.py --build`, bench/README.md).
    let from = chars_before(text, quote.start, MAX_SIDE_CHARS + CONTEXT_CHARS);
    let to = chars_after(text, quote.end, MAX_SIDE_CHARS + CONTEXT_CHARS);
    let starts = sentence_starts(&text[from..to]);
    let start = (starts.iter().rev())
        .map(|s| from + s)
        .find(|s| *s <= quote.start)
        .unwrap_or(from);
    let end = (starts.iter().map(|s| from + s))
        .find(|s| *s >= quote.end.max(quote.start + 1))
        .unwrap_or(to);
    let before = text.get(start..quote.start).unwrap_or_default();
    let after = text.get(quote.end..end.max(quote.end)).unwrap_or_default();
    Sentence {
        before: cut_before(before),
        after: cut_after(after),
    }
}

/// Characters segmented beyond those that can show, so that a stop within reach is judged
/// with what precedes it (an abbreviation) and what follows it (a capital).
const CONTEXT_CHARS: usize = 64;

/// The byte `count` characters before `at` in `text`, or 0.
fn chars_before(text: &str, at: usize, count: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(count)
        .map_or(0, |(i, _)| i)
}

/// The byte `count` characters after `at` in `text`, or its end.
fn chars_after(text: &str, at: usize, count: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| at + i)
}

/// Where the sentences of `text` start, a stop after an abbreviation or an initial joined.
fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut previous = "";
    for (at, sentence) in text.split_sentence_bound_indices() {
        if at > 0 && !ends_with_abbreviation(previous) {
            starts.push(at);
        }
        previous = sentence;
    }
    starts
}

/// Whether `sentence` ends with a full stop that belongs to an abbreviation or an initial.
fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(word) = sentence.trim_end().strip_suffix('.') else {
        return false;
    };
    let word = word
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '«' || c == '“')
        .next()
        .unwrap_or_default();
    let initials = !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    initials || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// `after`, cut after [`MAX_SIDE_CHARS`] characters at a word, with `…` (its leading space,
/// which separates it from the passage, kept).
fn cut_after(after: &str) -> String {
    let space = if after.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    match shorten(after, MAX_SIDE_CHARS) {
        cut if cut.is_empty() => cut,
        cut => [space, &cut].concat(),
    }
}

/// `before`, cut to its last [`MAX_SIDE_CHARS`] characters at a word, with `…`.
fn cut_before(before: &str) -> String {
    let count = before.chars().count();
    if count <= MAX_SIDE_CHARS {
        return before.to_string();
    }
    let skip = before
        .char_indices()
        .nth(count - MAX_SIDE_CHARS)
        .map_or(0, |(i, _)| i);
    let from = before[skip..].find(' ').map_or(skip, |i| skip + i + 1);
    ["…", &before[from..]].concat()
}

#[cfg(test)]
mod tests;
