//! Folding for search, by the rule slugs share ([`crate::fold`]): canonical decomposition,
//! combining marks dropped, each character lowercased; `static/search.js` folds queries the
//! same way, so both sides agree on what a word is (`Sécurité` and `securite` are one word).

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Terms longer than this are cut (text without spaces, such as Chinese, is one long word).
pub(super) const MAX_TERM_CHARS: usize = 48;

/// The distinct folded words of `texts`, sorted: runs of letters and digits of two or
/// more characters, cut after [`MAX_TERM_CHARS`].
pub fn terms<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let words = distinct_words(texts);
    let mut terms: Vec<String> = words.split(' ').map(String::from).collect();
    terms.retain(|t| !t.is_empty());
    terms.sort_unstable();
    terms
}

/// The distinct folded words of `texts`, in no order, separated by spaces: the words of
/// one entry in one allocation (a dossier has millions of words, most of them repeats).
pub(super) fn distinct_words<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let mut folded: Vec<u8> = Vec::new();
    for text in texts {
        folded.reserve(text.len() + 1);
        fold_words(text, &mut folded);
        folded.push(b' ');
    }
    // Most words fit in eight bytes: those are told apart as numbers, cheaper to hash and
    // compare than slices.
    let mut short: FxHashSet<u64> = FxHashSet::default();
    let mut long: FxHashSet<&[u8]> = FxHashSet::default();
    let mut out: Vec<u8> = Vec::new();
    for word in folded.split(|&b| b == b' ') {
        // one character is not a word
        if word.len() < 2 || word.len() == char_width(word[0]) {
            continue;
        }
        let word = cut(word);
        let new = match packed(word) {
            Some(number) => short.insert(number),
            None => long.insert(word),
        };
        if new {
            if !out.is_empty() {
                out.push(b' ');
            }
            out.extend_from_slice(word);
        }
    }
    // `fold_words` writes whole characters and words are cut between them: this never fails
    String::from_utf8(out).unwrap_or_default()
}

/// A word of at most eight bytes as a number. Folded words hold no zero byte (it is not a
/// letter), so two words of different lengths never give the same number.
#[inline]
fn packed(word: &[u8]) -> Option<u64> {
    let mut bytes = [0u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

/// The bytes of the character that starts with `lead`.
fn char_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0x80..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// `word` cut after [`MAX_TERM_CHARS`] characters.
fn cut(word: &[u8]) -> &[u8] {
    if word.len() <= MAX_TERM_CHARS {
        return word;
    }
    let mut end = 0;
    for _ in 0..MAX_TERM_CHARS {
        if end >= word.len() {
            break;
        }
        end += char_width(word[end]);
    }
    &word[..end.min(word.len())]
}

/// Appends `text` folded, with every character that is not a letter or a digit as a space.
pub(super) fn fold_words(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of ASCII, folded a vector at a time (most text is ASCII): a loop over
        // `text.chars()` makes render take 4.7 % more instructions and 9 % more time at
        // 1,000 documents (benches/stages.rs render, 2026-12-06; bench/README.md).
        let run = ascii_run(&bytes[i..]);
        out.extend(bytes[i..i + run].iter().map(|&b| fold_ascii(b)));
        i += run;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        match LATIN.get((c as usize).wrapping_sub(LATIN_START)) {
            Some(folded) => out.extend_from_slice(folded),
            None => fold_word_char(c, out),
        }
    }
}

/// How many bytes `bytes` starts with are ASCII. (Sixteen at a time through a `u128` saved
/// 1.2 % of render's instructions and no time at 1,000 documents, under the 3 % a trick
/// must show: dropped; bench/README.md.)
#[inline]
fn ascii_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len())
}

/// An ASCII byte folded: letters lowercased, digits kept, everything else a space. Written
/// with comparisons rather than a table lookup, so that a run of ASCII folds with vector
/// instructions.
#[inline]
pub(super) fn fold_ascii(b: u8) -> u8 {
    let upper = b.wrapping_sub(b'A') < 26;
    let kept = b.wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10;
    if upper {
        b + 32
    } else if kept {
        b
    } else {
        b' '
    }
}

/// The first character of [`LATIN`].
const LATIN_START: usize = 0x80;

/// How Latin-1 and Latin Extended letters fold, computed once: most non-ASCII letters of
/// a European dossier are there, and a table is much faster than decomposing each one.
static LATIN: LazyLock<Vec<Box<[u8]>>> = LazyLock::new(|| {
    (LATIN_START as u32..0x250)
        .filter_map(char::from_u32)
        .map(|c| {
            let mut folded = Vec::new();
            fold_word_char(c, &mut folded);
            folded.into_boxed_slice()
        })
        .collect()
});

/// Folds one character of a word; anything but a letter or a digit becomes a space.
fn fold_word_char(c: char, out: &mut Vec<u8>) {
    crate::fold::fold_char(c, |f| {
        if f.is_alphanumeric() {
            out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
        } else {
            out.push(b' ');
        }
    });
}
