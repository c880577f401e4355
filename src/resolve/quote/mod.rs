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
use crate::load::frontmatter::Sp;

pub mod anchor;
mod closest;
mod explain;
pub mod report;
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
    pub quote: Sp,
    /// Words just before the passage.
    pub prefix: Option<Sp>,
    /// Words just after the passage.
    pub suffix: Option<Sp>,
}

impl Selector {
    /// The selector's values, normalised, for anchors and fingerprints: quote, prefix, suffix.
    pub fn normalised(&self) -> [String; 3] {
        let context = |sp: &Option<Sp>| {
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

/// True when `text` may hold something to normalise: a byte other than a printable ASCII
/// character or a single space (most lines of prose hold none, and are copied whole).
fn may_need_normalising(text: &[u8]) -> bool {
    text.iter()
        .any(|&b| !(0x21..0x7f).contains(&b) && b != b' ')
        || memchr::memmem::find(text, b"  ").is_some()
        || text.first() == Some(&b' ')
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
            let text = run.text(body);
            if run.is_exact() && !may_need_normalising(text.as_bytes()) {
                s.push(text, run.range.clone(), true);
                continue;
            }
            for (i, c) in text.char_indices() {
                // text shown other than as written (an entity) stands for all of its run
                let (at, linear) = match run.is_exact() {
                    true => (
                        run.range.start + i..run.range.start + i + c.len_utf8(),
                        true,
                    ),
                    false => (run.range.clone(), false),
                };
                match normalised(c) {
                    Some(n) => s.push(n, at, false),
                    None => s.push(c.encode_utf8(&mut [0; 4]), at, linear),
                }
            }
        }
        s
    }

    /// Appends `piece`, from body range `from`; a space after a space widens the first.
    fn push(&mut self, piece: &str, from: Range<usize>, linear: bool) {
        let at = self.text.len();
        if piece == " " && (self.text.is_empty() || self.text.ends_with(' ')) {
            self.widen_last_space(from.end);
            return;
        }
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
