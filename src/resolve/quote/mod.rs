//! Quotes: finding a cited passage in a document despite whitespace and typography, once.
//!
//! Both the document's prose and the quote are normalised the same way: whitespace runs
//! (non-breaking spaces and line breaks included) become one space, typographic quotes and
//! apostrophes become ASCII, `…` becomes `...`, and soft hyphens and zero-width characters
//! vanish. Each stretch of normalised text remembers where in the body it came from, so a
//! match maps back. A citation selects its passage the way a W3C Web Annotation
//! `TextQuoteSelector` does: the quote, and, when the quote alone occurs more than once,
//! the words just before it (`prefix`) and after it (`suffix`), normalised alike.

use std::ops::Range;

use super::prose::{Prose, Run};
use crate::load::frontmatter::Located;

pub mod anchor;
mod closest;
mod explain;
pub mod report;
pub mod sentence;
#[cfg(test)]
mod tests;

pub use explain::{Closest, Miss};

/// The longest quote cited, in characters: a citation points at a passage, not a chapter,
/// and a bound keeps locating and explaining a quote cheap.
pub const MAX_QUOTE_CHARS: usize = 2_000;

/// What a citation selects in its document: the quote, and the words just before and after
/// it that tell its occurrences apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selector {
    /// The verbatim passage.
    pub quote: Located,
    /// Words just before the passage.
    pub prefix: Option<Located>,
    /// Words just after the passage.
    pub suffix: Option<Located>,
}

impl Selector {
    /// The selector's values, normalised, for anchors and fingerprints: quote, prefix, suffix.
    pub fn normalised(&self) -> [String; 3] {
        let context = |sp: &Option<Located>| {
            sp.as_ref()
                .map_or_else(String::new, |s| normalise(&s.value))
        };
        [
            normalise(&self.quote.value),
            context(&self.prefix),
            context(&self.suffix),
        ]
    }
}

/// Why a citation selects no passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The quote is not in the document.
    Missing(Miss),
    /// The quote (with its prefix and suffix, when given) occurs more than once: where.
    Ambiguous(Vec<Range<usize>>),
    /// The quote occurs, but none of its occurrences has the given prefix and suffix: where
    /// it occurs.
    NoneFits(Vec<Range<usize>>),
}

/// The normalised prose of a document, searchable for quotes.
#[derive(Debug, Default)]
pub struct Searchable {
    text: String,
    /// Where the stretches of `text` come from, in text order.
    pieces: Vec<Piece>,
}

/// A stretch of normalised text and the body bytes it comes from.
#[derive(Debug, Clone)]
struct Piece {
    /// Where it starts in the normalised text.
    at: usize,
    /// The body range it comes from.
    body: Range<usize>,
    /// Byte for byte the body's (`text[at + k]` is `body[body.start + k]`); otherwise every
    /// byte of it stands for the whole of `body` (a typographic quote, folded whitespace).
    linear: bool,
}

pub(crate) fn normalised(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => "",
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' => "'",
        '…' => "...",
        c if c.is_whitespace() => " ",
        _ => return None,
    })
}

/// The bytes a character that normalisation changes may start with: ASCII whitespace but
/// the space, and the first bytes of the other Unicode spaces, of typographic quotes and
/// apostrophes, `…`, the soft hyphen and the invisible characters (U+00A0, U+00AB, U+00AD:
/// 0xC2; U+02BC: 0xCA; U+1680: 0xE1; U+2000 to U+206F: 0xE2; U+3000: 0xE3; U+FEFF: 0xEF).
/// Accented letters start with none of them, so prose in most languages is copied in
/// stretches, not character by character: building the searchable text of every cited
/// document character by character tripled the resolve stage of a French corpus.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [
        b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xca, 0xe1, 0xe2, 0xe3, 0xef,
    ];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Where the next character of `text` from byte `from` on is that normalisation may change
/// (or a space doubled): the text's length if there is none.
fn next_special(text: &[u8], from: usize) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    let special = |b: &u8| SPECIAL[usize::from(*b)];
    // Eight bytes looked up at a time without a branch between them, as mentions do.
    let mut chunks = rest.chunks_exact(8);
    let mut at = 0;
    let found = loop {
        match chunks.next() {
            Some(chunk) if chunk.iter().fold(false, |any, b| any | special(b)) => {
                break chunk.iter().position(special).map(|i| at + i);
            }
            Some(_) => at += 8,
            None => break chunks.remainder().iter().position(special).map(|i| at + i),
        }
    };
    let special = found.map_or(text.len(), |i| from + i);
    let doubled = memchr::memmem::find(&text[from..special], b"  ");
    doubled.map_or(special, |i| from + i)
}

impl Searchable {
    /// Builds the searchable text of `prose`, extracted from `body`.
    pub fn new(prose: &Prose, body: &str) -> Searchable {
        let mut s = Searchable {
            text: String::with_capacity(body.len()),
            pieces: Vec::new(),
        };
        let mut last: Option<&Run> = None;
        for run in &prose.runs {
            // Runs join as the page reads them: a space at a line break or between blocks,
            // nothing where only markup separates them (`**12 May**:` reads `12 May:`).
            if let Some(l) = last
                && (run.spaced || l.block != run.block)
            {
                s.push(" ", l.range.end..run.range.start, false);
            }
            last = Some(run);
            match run.is_exact() {
                true => s.push_exact(run.text(body), run.range.start),
                false => s.push_shown(run.text(body), run.range.clone()),
            }
        }
        s
    }

    /// Appends `text`, the body's bytes from offset `start`, normalised: stretches that need
    /// nothing are copied whole.
    fn push_exact(&mut self, text: &str, start: usize) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let special = next_special(bytes, at);
            self.push(&text[at..special], start + at..start + special, true);
            let Some(c) = text[special..].chars().next() else {
                break;
            };
            let end = special + c.len_utf8();
            match normalised(c) {
                Some(n) => self.push(n, start + special..start + end, false),
                None => self.push(&text[special..end], start + special..start + end, true),
            }
            at = end;
        }
    }

    /// Appends `shown`, text that stands for body range `from` as a whole (an entity, inline
    /// code), normalised.
    fn push_shown(&mut self, shown: &str, from: Range<usize>) {
        for c in shown.chars() {
            match normalised(c) {
                Some(n) => self.push(n, from.clone(), false),
                None => self.push(c.encode_utf8(&mut [0; 4]), from.clone(), false),
            }
        }
    }

    /// Appends `piece`, from body range `from`; a space after a space widens the first.
    fn push(&mut self, piece: &str, from: Range<usize>, linear: bool) {
        if piece.starts_with(' ') && (self.text.is_empty() || self.text.ends_with(' ')) {
            let space = if linear { from.start + 1 } else { from.end };
            self.widen_last_space(space);
            let rest = if linear { space..from.end } else { from };
            return self.push(&piece[1..], rest, linear);
        }
        let at = self.text.len();
        if piece.is_empty() {
            return;
        }
        self.text.push_str(piece);
        if let Some(last) = self.pieces.last_mut() {
            // a piece that goes on from the last one extends it
            let goes_on = match (linear, last.linear) {
                (true, true) => last.body.end == from.start && last.at + last.body.len() == at,
                (false, false) => last.body == from,
                _ => false,
            };
            if goes_on {
                last.body.end = from.end;
                return;
            }
        }
        self.pieces.push(Piece {
            at,
            body: from,
            linear,
        });
    }

    /// Makes the space that ends the text stand for the body up to `end` too (a run of
    /// whitespace is one space).
    fn widen_last_space(&mut self, end: usize) {
        let at = self.text.len().saturating_sub(1);
        let Some(last) = self.pieces.last_mut() else {
            return;
        };
        if last.linear && at > last.at {
            // the space becomes a piece of its own, the rest of the stretch stays linear
            last.body.end -= 1;
            let start = last.body.end;
            self.pieces.push(Piece {
                at,
                body: start..end.max(start + 1),
                linear: false,
            });
        } else {
            last.body.end = last.body.end.max(end);
            last.linear = false;
        }
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The body range that the normalised range `r` comes from.
    pub fn to_body(&self, r: Range<usize>) -> Range<usize> {
        let piece = |i: usize| &self.pieces[self.pieces.partition_point(|p| p.at <= i).max(1) - 1];
        let (first, last) = (piece(r.start), piece(r.end.saturating_sub(1).max(r.start)));
        let start = match first.linear {
            true => first.body.start + (r.start - first.at),
            false => first.body.start,
        };
        let end = match last.linear {
            true => last.body.start + (r.end - last.at),
            false => last.body.end,
        };
        start..end.max(start)
    }

    /// Every occurrence of the normalised `q` in the text, overlapping ones included.
    pub fn occurrences(&self, q: &str) -> Vec<Range<usize>> {
        let finder = memchr::memmem::Finder::new(q);
        let bytes = self.text.as_bytes();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(i) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
            found.push(from + i..from + i + q.len());
            // a needle starts with a character's first byte: the next match is past it
            from += i + 1;
        }
        found
    }

    /// The body range of the one passage `selector` selects, or why there is none.
    pub fn select(&self, selector: &Selector) -> Result<Range<usize>, Problem> {
        let [quote, prefix, suffix] = selector.normalised();
        if quote.is_empty() {
            return Err(Problem::Missing(Miss::Empty));
        }
        let all = self.occurrences(&quote);
        if all.is_empty() {
            return Err(Problem::Missing(self.explain(&quote)));
        }
        let fits = |r: &&Range<usize>| {
            self.text[..r.start]
                .trim_end_matches(' ')
                .ends_with(&prefix)
                && self.text[r.end..]
                    .trim_start_matches(' ')
                    .starts_with(&suffix)
        };
        let fitting: Vec<Range<usize>> = all.iter().filter(fits).cloned().collect();
        match fitting.as_slice() {
            [one] => Ok(self.to_body(one.clone())),
            [] => Err(Problem::NoneFits(all)),
            _ => Err(Problem::Ambiguous(fitting)),
        }
    }
}

/// A quote normalised for matching: as the document's text is, without spaces at its ends.
pub fn normalise(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for c in quote.chars() {
        match normalised(c) {
            Some(" ") if out.is_empty() || out.ends_with(' ') => {}
            Some(n) => out.push_str(n),
            None => out.push(c),
        }
    }
    out.truncate(out.trim_end().len());
    out
}
