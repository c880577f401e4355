//! Mentions: actors' names and aliases found in document prose, with one automaton for all.
//!
//! Matches are whole words (Unicode-aware), never inside code, links or headings, and the
//! longest match wins where names overlap ("Ren Zhengfei" over "Ren").

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::prose::{Prose, Run};
use crate::model::{ActorId, Context};

/// Finds every actor name in a text, built once per dossier.
#[derive(Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    owners: Vec<ActorId>,
}

/// One name found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
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
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
        };
        Matcher { automaton, owners }
    }

    /// Every mention in `prose`, in text order.
    pub fn find(&self, prose: &Prose) -> Vec<Found> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for block in blocks(&prose.runs) {
            let text = block.text.as_str();
            let mut candidates: Vec<(usize, usize, usize)> = ac
                .find_overlapping_iter(text)
                .filter(|m| is_whole_word(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            // Leftmost first, then longest, then the first declared name.
            candidates.sort_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
            let mut next_free = 0;
            for (start, end, pattern) in candidates {
                if start < next_free {
                    continue;
                }
                next_free = end;
                let last = text[..end].chars().next_back().map_or(1, char::len_utf8);
                found.push(Found {
                    actor: self.owners[pattern],
                    range: block.origin(start)..block.origin(end - last) + last,
                    context: Context {
                        before: clip_start(&collapse(tail(&text[..start], 2 * CONTEXT_CHARS))),
                        matched: text[start..end].to_string(),
                        after: clip_end(&collapse(head(&text[end..], 2 * CONTEXT_CHARS))),
                    }
                    .into(),
                });
            }
        }
        found
    }
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
fn blocks(runs: &[Run]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = Block::default();
    let mut last: Option<(usize, usize)> = None;
    for run in runs {
        let joins = last.is_some_and(|(_, block)| block == run.block);
        if !run.exact || run.no_mentions || !joins {
            if !current.text.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            if !run.exact || run.no_mentions {
                last = None;
                continue;
            }
        } else if let Some((end, _)) = last
            && end != run.range.start
        {
            push_char(&mut current, ' ', end);
        }
        push_text(&mut current, &run.text, run.range.start);
        last = Some((run.range.end, run.block));
    }
    if !current.text.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Appends `text` (from body offset `at`) as [`push_char`] would, a word at a time.
fn push_text(block: &mut Block, text: &str, at: usize) {
    let mut done = 0;
    while done < text.len() {
        let rest = &text[done..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if word > 0 {
            block.from(at + done);
            block.text.push_str(&rest[..word]);
        }
        let space = rest[word..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len() - word);
        if space > 0 && !block.text.ends_with(' ') {
            block.from(at + done + word);
            block.text.push(' ');
        }
        done += word + space;
    }
}

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

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    // Keep the single spaces that touch the mention.
    if text.starts_with(char::is_whitespace) && !out.is_empty() {
        out.insert(0, ' ');
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() {
        out.push(' ');
    }
    out
}

fn clip_start(text: &str) -> String {
    let count = text.chars().count();
    if count <= CONTEXT_CHARS {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - CONTEXT_CHARS).collect();
    match tail.find(' ') {
        Some(i) => format!("…{}", &tail[i..]),
        None => format!("…{tail}"),
    }
}

fn clip_end(text: &str) -> String {
    if text.chars().count() <= CONTEXT_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(CONTEXT_CHARS).collect();
    match head.rfind(' ') {
        Some(i) if i > 0 => format!("{}…", &head[..i]),
        _ => format!("{head}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
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
            .find(&prose::extract(body, format))
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
            matcher().find(&prose::extract(md, Format::Markdown))[0]
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
        let found: Vec<usize> = m
            .find(&prose::extract("Berger met Anna Berger.", Format::Text))
            .iter()
            .map(|f| f.actor.0)
            .collect();
        assert_eq!(found, [0, 1]);
    }

    #[test]
    fn name_broken_across_lines_is_one_mention() {
        let body = "dear Ren\nZhengfei and\n\nRen";
        let got = names(body, Format::Text);
        assert_eq!(got, [(1, "Ren\nZhengfei".into()), (2, "Ren".into())]);
    }

    #[test]
    fn context_surrounds_the_mention() {
        let f = &matcher().find(&prose::extract(
            "Before  the\nname Huawei and after.",
            Format::Text,
        ))[0];
        assert_eq!(f.context.before, "Before the name ");
        assert_eq!(f.context.matched, "Huawei");
        assert_eq!(f.context.after, " and after.");
    }
}
