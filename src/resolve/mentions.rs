//! Mentions: actors' names and aliases found in document prose, with one automaton for all.
//!
//! Matches are whole words (Unicode-aware), never inside code, links or headings, and the
//! longest match wins where names overlap ("Ren Zhengfei" over "Ren").

use std::ops::Range;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::prose::{Prose, Run};
use crate::model::{ActorId, Context, Text};

/// Finds every actor name in a text, built once per dossier.
#[derive(Debug)]
pub struct Matcher {
    /// None when there are no names.
    automata: Option<Automata>,
    owners: Vec<ActorId>,
}

/// The search for names, tried only where one may start.
///
/// A mention is a whole word, so it starts where a word does (or with a character that is
/// not a letter), with a byte some name starts with: in prose, mostly the capitals of
/// sentence starts and names. Only there does an anchored leftmost-longest search run,
/// instead of an automaton walking every byte of every document.
#[derive(Debug)]
struct Automata {
    /// Leftmost-longest, anchored: the longest name starting at a given byte.
    longest: AhoCorasick,
    /// The bytes names start with.
    first: [bool; 256],
}

impl Automata {
    /// Where the first byte some name starts with is in `bytes`. Eight bytes are looked up
    /// at a time without a branch between them: most bytes of prose start no name.
    fn next_first(&self, bytes: &[u8]) -> Option<usize> {
        let hit = |b: &u8| self.first[usize::from(*b)];
        let mut chunks = bytes.chunks_exact(8);
        let mut at = 0;
        for chunk in chunks.by_ref() {
            if chunk.iter().fold(false, |any, b| any | hit(b)) {
                return chunk.iter().position(hit).map(|i| at + i);
            }
            at += 8;
        }
        chunks.remainder().iter().position(hit).map(|i| at + i)
    }
}

/// One name found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundMention {
    /// Whose name it is.
    pub actor: ActorId,
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The words around it.
    pub context: std::sync::Arc<Context>,
}

/// How much text to keep on each side of a mention, in characters.
const CONTEXT_CHARS: usize = 90;

impl Matcher {
    /// A matcher for the given (actor, names) pairs.
    pub fn new<'a>(names: impl IntoIterator<Item = (ActorId, &'a str)>) -> Matcher {
        // A name shared by several actors (a common surname as alias) goes to the first
        // that declares it; one pattern per name keeps overlapping matches few.
        let mut seen = std::collections::HashSet::new();
        let (owners, patterns): (Vec<ActorId>, Vec<String>) = names
            .into_iter()
            .filter(|(_, n)| !n.trim().is_empty())
            .map(|(a, n)| (a, n.split_whitespace().collect::<Vec<_>>().join(" ")))
            .filter(|(_, n)| seen.insert(n.clone()))
            .unzip();
        // The crate picks the automaton (an NFA for many names).
        let built = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns);
        let Ok(longest) = built else {
            // Only absurd sizes fail; such a dossier still builds, without mentions.
            return Matcher::none();
        };
        // A table of the names' first two bytes in front of the search was measured and
        // dropped: resolve at 1,000 documents, within noise (bench/README.md, "Speed tricks").
        let mut first = [false; 256];
        for p in patterns.iter().filter_map(|p| p.as_bytes().first()) {
            first[usize::from(*p)] = true;
        }
        Matcher {
            automata: Some(Automata { longest, first }),
            owners,
        }
    }

    /// A matcher that finds nothing.
    fn none() -> Matcher {
        Matcher {
            automata: None,
            owners: Vec::new(),
        }
    }

    /// Every mention in `prose` (extracted from `body`), in text order.
    pub fn find(&self, prose: &Prose, body: &Text) -> Vec<FoundMention> {
        let mut found = Vec::new();
        let Some(automata) = &self.automata else {
            return found;
        };
        blocks(&prose.runs, body, |block| {
            let text = block.text.as_str();
            let mut at = 0;
            while let Some((start, end, pattern)) = self.next(automata, text, at) {
                at = end;
                let last = text[..end].chars().next_back().map_or(1, char::len_utf8);
                found.push(FoundMention {
                    actor: self.owners[pattern],
                    range: block.origin(start)..block.origin(end - last) + last,
                    context: context(block, body, start..end).into(),
                });
            }
        });
        found
    }

    /// The first mention starting at or after `at`: of the whole-word matches, the leftmost,
    /// then the longest (names are distinct, so that decides).
    fn next(&self, ac: &Automata, text: &str, at: usize) -> Option<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut p = at;
        while let Some(i) = ac.next_first(bytes.get(p..)?) {
            p += i;
            if !joins_previous(text, p) {
                // The names starting at `p`, longest first, until one is a whole word
                // ("Ren" in "Ren Zhengfeis" after "Ren Zhengfei" ran into a letter).
                let mut end = text.len();
                while end > p {
                    let input = Input::new(text).span(p..end).anchored(Anchored::Yes);
                    let Some(m) = ac.longest.find(input) else {
                        break;
                    };
                    if is_whole_word(text, m.start(), m.end()) {
                        return Some((m.start(), m.end(), m.pattern().as_usize()));
                    }
                    end = m.end() - 1;
                }
            }
            p += 1;
        }
        None
    }
}

/// True when the character at `at` continues the word before it: no whole-word mention
/// can start there.
fn joins_previous(text: &str, at: usize) -> bool {
    let (Some(before), Some(here)) = (text[..at].chars().next_back(), text[at..].chars().next())
    else {
        return false;
    };
    is_word(before) && is_word(here)
}

/// The text of a block where mentions may be, with whitespace folded, and where its bytes
/// come from in the body.
#[derive(Default)]
struct Block {
    text: String,
    /// Where each stretch of bytes that maps to the body contiguously starts, in the block
    /// and in the body (one pair per stretch, not one offset per byte: bodies are large).
    stretches: Vec<(usize, usize)>,
}

impl Block {
    /// The body offset of the block's byte `at`.
    fn origin(&self, at: usize) -> usize {
        let i = self.stretches.partition_point(|&(start, _)| start <= at);
        let (start, body) = self.stretches[i.saturating_sub(1)];
        body + (at - start)
    }

    /// Notes that the bytes pushed from now on come from body offset `body` onwards.
    fn from(&mut self, body: usize) {
        let at = self.text.len();
        let contiguous = self
            .stretches
            .last()
            .is_some_and(|&(start, origin)| origin + (at - start) == body);
        if !contiguous {
            self.stretches.push((at, body));
        }
    }
}

/// Joins the runs of each block (a paragraph, a line group) where mentions may be, so that
/// names broken across lines are found; code, links, headings and escapes break a block.
/// `each` is called with every block in turn, in one reused buffer.
fn blocks(runs: &[Run], body: &str, mut each: impl FnMut(&Block)) {
    let mut current = Block::default();
    let mut last: Option<(usize, usize)> = None;
    let mut flush = |block: &mut Block| {
        if !block.text.is_empty() {
            each(block);
            block.text.clear();
            block.stretches.clear();
        }
    };
    for run in runs {
        let joins = last.is_some_and(|(_, block)| block == run.block);
        if !run.is_exact() || run.no_mentions || !joins {
            flush(&mut current);
            if !run.is_exact() || run.no_mentions {
                last = None;
                continue;
            }
        } else if let Some((end, _)) = last
            && run.spaced
        {
            push_char(&mut current, ' ', end);
        }
        push_text(&mut current, run.text(body), run.range.start);
        last = Some((run.range.end, run.block));
    }
    flush(&mut current);
}

/// Appends `text` (from body offset `at`) as [`push_char`] would, copying the stretches
/// between whitespace that needs folding whole (most runs have only single spaces).
fn push_text(block: &mut Block, text: &str, at: usize) {
    // Most runs have nothing to fold: one copy, after a few vectorised searches.
    let leading = text.starts_with(' ') && block.text.ends_with(' ');
    if !leading && !may_need_folding(text.as_bytes()) {
        push_copy(block, text, at);
        return;
    }
    let mut copied = 0; // text[..copied] is in the block
    let mut i = 0;
    while i < text.len() {
        let width = space_width(text, i);
        if width == 0 {
            i += 1;
            continue;
        }
        let mut end = i + width;
        while let w @ 1.. = space_width(text, end) {
            end += w;
        }
        let kept = end == i + 1 && text.as_bytes()[i] == b' ';
        if !kept || (i == 0 && block.text.ends_with(' ')) {
            push_copy(block, &text[copied..i], at + copied);
            if !block.text.ends_with(' ') {
                block.from(at + i);
                block.text.push(' ');
            }
            copied = end;
        }
        i = end;
    }
    push_copy(block, &text[copied..], at + copied);
}

/// False when `text` has no whitespace but single ASCII spaces: none of the bytes a
/// whitespace character other than `' '` can start with ([`MAY_BE_SPACE`]), and no two
/// spaces in a row.
fn may_need_folding(text: &[u8]) -> bool {
    use memchr::{memchr3, memmem};
    memchr3(b'\t', b'\n', b'\r', text).is_some()
        || memchr3(0x0b, 0x0c, 0xc2, text).is_some()
        || memchr3(0xe1, 0xe2, 0xe3, text).is_some()
        || memmem::find(text, b"  ").is_some()
}

/// Appends `text`, which comes unchanged from body offset `at`.
fn push_copy(block: &mut Block, text: &str, at: usize) {
    if !text.is_empty() {
        block.from(at);
        block.text.push_str(text);
    }
}

/// The length of the whitespace character at byte `i` of `text`, 0 if there is none.
#[inline]
fn space_width(text: &str, i: usize) -> usize {
    let Some(&b) = text.as_bytes().get(i) else {
        return 0;
    };
    if !MAY_BE_SPACE[usize::from(b)] {
        return 0;
    }
    match b {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
        _ => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
    }
}

/// The bytes a whitespace character can start with: ASCII spaces and the lead bytes of every
/// other Unicode space (U+0085, U+00A0, U+1680, U+2000...).
const MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3,
    ];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Appends `c` (from body offset `at`), folding whitespace runs into one space.
fn push_char(block: &mut Block, c: char, at: usize) {
    if c.is_whitespace() {
        if block.text.ends_with(' ') {
            return;
        }
        block.from(at);
        block.text.push(' ');
        return;
    }
    block.from(at);
    block.text.push(c);
}

/// A match is a whole word when the characters around it do not continue a word.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let inner_first = text[start..end].chars().next();
    let inner_last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) => is_word(o) && is_word(i),
        _ => false,
    };
    !joins(before, inner_first) && !joins(after, inner_last)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// At most about `n` bytes from the end of `text`, cut at a character boundary.
fn tail(text: &str, n: usize) -> &str {
    let mut i = text.len().saturating_sub(n);
    while !text.is_char_boundary(i) {
        i += 1;
    }
    &text[i..]
}

/// At most about `n` bytes from the start of `text`, cut at a character boundary.
fn head(text: &str, n: usize) -> &str {
    let mut i = n.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    &text[..i]
}

/// The words around the mention at `matched` in `block` (whose whitespace is already
/// folded to single spaces), sliced from `body` when it has them as they are.
fn context(block: &Block, body: &Text, matched: Range<usize>) -> Context {
    let text = block.text.as_str();
    let (start, cut_before) = context_start(&text[..matched.start]);
    let (after, cut_after) = context_end(&text[matched.end..]);
    let words = start..matched.end + after;
    let mention = matched.start - start..matched.end - start;
    let cut = (cut_before, cut_after);
    let origin = block.origin(words.start);
    let verbatim = origin..origin + words.len();
    if body.get(verbatim.clone()) == Some(&text[words.clone()]) {
        Context::in_body(body.sub(verbatim), mention, cut)
    } else {
        Context::folded(&text[words], mention, cut)
    }
}

/// Where the context before a mention starts in `text` (what precedes the mention): about
/// [`CONTEXT_CHARS`] characters back, at a space, and whether that cuts `text` short.
pub(super) fn context_start(text: &str) -> (usize, bool) {
    let tail = tail(text, 2 * CONTEXT_CHARS);
    let offset = text.len() - tail.len();
    let count = tail.chars().count();
    if count <= CONTEXT_CHARS {
        return (offset, false);
    }
    let start = tail
        .char_indices()
        .nth(count - CONTEXT_CHARS)
        .map_or(0, |(i, _)| i);
    let from = tail[start..].find(' ').map_or(start, |i| start + i);
    (offset + from, true)
}

/// Where the context after a mention ends in `text` (what follows the mention): after
/// about [`CONTEXT_CHARS`] characters, at a space, and whether that cuts `text` short.
pub(super) fn context_end(text: &str) -> (usize, bool) {
    let head = head(text, 2 * CONTEXT_CHARS);
    let Some((end, _)) = head.char_indices().nth(CONTEXT_CHARS) else {
        return (head.len(), false);
    };
    match head[..end].rfind(' ') {
        Some(i) if i > 0 => (i, true),
        _ => (end, true),
    }
}

#[cfg(test)]
mod tests;
