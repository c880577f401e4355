//! The passage of a document closest to a quote it does not have: an approximate match,
//! found in time linear in the document's size.
//!
//! The words of the quote found in the text vote for where the quote would start there (a
//! word's offset in the text less its offset in the quote). The window around the start
//! with the most votes, a little longer than the quote, is aligned with the quote by
//! Sellers' semi-global edit distance (all of the quote against any stretch of the window),
//! which gives the passage, its distance and where the two differ. The quote is at most
//! [`MAX_QUOTE_CHARS`](super::MAX_QUOTE_CHARS) long, so the alignment is bounded. (The
//! `triple_accel` crate aligns with SIMD, but on bytes rather than characters, and it has
//! had no release since 2021; this runs once per missing quote.)

use std::collections::HashMap;

use super::explain::Closest;

/// Votes are counted per stretch of this many bytes of start offsets.
const BUCKET: isize = 16;
/// Quotes longer than this (in characters, once normalised) are not aligned.
const MAX_ALIGNED: usize = 2_100;
/// How many differences a hint lists.
const MAX_DIFFERENCES: usize = 3;

/// The passage of `text` closest to `q` (both normalised), if one is close: fewer
/// differing characters than half the quote.
pub(super) fn closest(text: &str, q: &str) -> Option<Closest> {
    let quote: Vec<char> = q.chars().collect();
    if quote.is_empty() || quote.len() > MAX_ALIGNED {
        return None;
    }
    let start = likely_start(text, q)?;
    let slack = q.len() as isize / 4 + 2 * BUCKET;
    let from = floor(text, (start - slack).max(0) as usize);
    let to = floor(
        text,
        ((start + q.len() as isize + slack).max(0) as usize).min(text.len()),
    );
    let window: Vec<char> = text[from..to].chars().collect();
    let alignment = align(&quote, &window);
    if alignment.distance * 2 > quote.len() {
        return None;
    }
    let passage: String = window[alignment.start..alignment.end].iter().collect();
    Some(Closest {
        passage: passage.trim().to_string(),
        distance: alignment.distance,
        differences: differences(
            &quote,
            &window[alignment.start..alignment.end],
            &alignment.steps,
        ),
    })
}

/// The largest character boundary of `text` at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The words of `text` (runs of letters and digits) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Where in `text` (a byte offset) the quote `q` most likely starts, from the words they share.
fn likely_start(text: &str, q: &str) -> Option<isize> {
    let mut offsets: HashMap<&str, Vec<isize>> = HashMap::new();
    for (at, word) in words(q) {
        let seen = offsets.entry(word).or_default();
        // a word repeated in the quote votes for a few places, not for all
        if seen.len() < 4 {
            seen.push(at as isize);
        }
    }
    let mut votes: HashMap<isize, u32> = HashMap::new();
    for (at, word) in words(text) {
        for o in offsets.get(word).into_iter().flatten() {
            *votes
                .entry((at as isize - o).div_euclid(BUCKET))
                .or_default() += 1;
        }
    }
    // a start shifted by a few insertions splits its votes with the next bucket
    let around = |b: isize| (b - 1..=b + 1).filter_map(|x| votes.get(&x)).sum::<u32>();
    let best = votes
        .keys()
        .map(|&b| (around(b), -b))
        .max()
        .map(|(_, b)| -b)?;
    Some(best * BUCKET)
}

/// One step of an alignment of the quote with the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The same character.
    Same,
    /// A character of the quote where the document has another.
    Replace,
    /// A character of the quote the document lacks.
    Delete,
    /// A character of the document the quote lacks.
    Insert,
}

/// The best alignment of all of `quote` with a stretch `start..end` of `window`.
struct Alignment {
    start: usize,
    end: usize,
    distance: usize,
    steps: Vec<Step>,
}

/// Sellers' algorithm: edit distance with a free start and end in `window`, and the steps.
fn align(quote: &[char], window: &[char]) -> Alignment {
    let width = window.len() + 1;
    // the step into each cell, for the way back; costs in two rows
    let mut from = vec![Step::Same; (quote.len() + 1) * width];
    let mut above: Vec<usize> = vec![0; width];
    let mut row: Vec<usize> = vec![0; width];
    for i in 1..=quote.len() {
        row[0] = i;
        from[i * width] = Step::Delete;
        for j in 1..width {
            let same = quote[i - 1] == window[j - 1];
            let diagonal = above[j - 1] + usize::from(!same);
            let (cost, step) = [
                (diagonal, if same { Step::Same } else { Step::Replace }),
                (above[j] + 1, Step::Delete),
                (row[j - 1] + 1, Step::Insert),
            ]
            .into_iter()
            .min_by_key(|(cost, _)| *cost)
            .unwrap_or((diagonal, Step::Replace));
            row[j] = cost;
            from[i * width + j] = step;
        }
        std::mem::swap(&mut above, &mut row);
    }
    // `above` now holds the last row
    // the fewest differences; of equal ones, an end at the end of a word, then the first
    let mid_word = |j: usize| {
        j > 0
            && window.get(j).is_some_and(|c| c.is_alphanumeric())
            && window[j - 1].is_alphanumeric()
    };
    let (end, distance) = (0..width)
        .map(|j| (j, above[j]))
        .min_by_key(|&(j, d)| (d, mid_word(j), j))
        .unwrap_or((0, quote.len()));
    let (mut i, mut j, mut steps) = (quote.len(), end, Vec::new());
    while i > 0 {
        let step = from[i * width + j];
        steps.push(step);
        match step {
            Step::Same | Step::Replace => (i, j) = (i - 1, j - 1),
            Step::Delete => i -= 1,
            Step::Insert => j -= 1,
        }
    }
    steps.reverse();
    Alignment {
        start: j,
        end,
        distance,
        steps,
    }
}

/// Where `quote` and `passage` differ, following `steps`, widened to whole words: what the
/// quote has and what the passage has instead.
fn differences(quote: &[char], passage: &[char], steps: &[Step]) -> Vec<(String, String)> {
    // (quote range, passage range) of each run of steps that are not the same character
    let mut spans: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let (mut q, mut p) = (0, 0);
    let mut open: Option<(usize, usize)> = None;
    for step in steps.iter().chain([&Step::Same]) {
        match (step, open) {
            (Step::Same, Some((q0, p0))) => {
                spans.push(((q0, q), (p0, p)));
                open = None;
            }
            (Step::Same, None) => {}
            (_, None) => open = Some((q, p)),
            _ => {}
        }
        match step {
            Step::Same | Step::Replace => (q, p) = (q + 1, p + 1),
            Step::Delete => q += 1,
            Step::Insert => p += 1,
        }
    }
    let word = |c: &char| c.is_alphanumeric();
    let mut widened: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for ((mut qa, mut qb), (mut pa, mut pb)) in spans {
        // A difference that splits a word takes in all of it; the characters around a
        // difference are the same on both sides.
        let starts_in_word =
            |qa: usize, pa: usize| (qa < qb && word(&quote[qa])) || (pa < pb && word(&passage[pa]));
        while qa > 0
            && pa > 0
            && word(&quote[qa - 1])
            && quote[qa - 1] == passage[pa - 1]
            && starts_in_word(qa, pa)
        {
            (qa, pa) = (qa - 1, pa - 1);
        }
        let ends_in_word = |qb: usize, pb: usize| {
            (qb > qa && word(&quote[qb - 1])) || (pb > pa && word(&passage[pb - 1]))
        };
        while qb < quote.len()
            && pb < passage.len()
            && word(&quote[qb])
            && quote[qb] == passage[pb]
            && ends_in_word(qb, pb)
        {
            (qb, pb) = (qb + 1, pb + 1);
        }
        match widened.last_mut() {
            Some(last) if last.0.1 >= qa || last.1.1 >= pa => {
                *last = ((last.0.0, qb), (last.1.0, pb))
            }
            _ => widened.push(((qa, qb), (pa, pb))),
        }
    }
    widened
        .into_iter()
        .take(MAX_DIFFERENCES)
        .map(|((qa, qb), (pa, pb))| {
            let q: String = quote[qa..qb].iter().collect();
            let p: String = passage[pa..pb].iter().collect();
            (q.trim().to_string(), p.trim().to_string())
        })
        .collect()
}
