//! Painting: cited passages marked and actor mentions linked, inside runs of prose.
//!
//! Passages become `<mark class="cited">` (the first piece carries the passage's anchor);
//! mentions inside become `<a class="mention">` links to the actor. A passage that spans
//! several runs (lines, emphasis) is marked piece by piece.

use std::ops::Range;

use super::escape::escape_into;
use crate::model::{Mention, Passage};

/// What to paint onto one document's runs.
pub struct Painter<'a> {
    /// Cited passages.
    pub passages: &'a [Passage],
    /// Mentions, in text order, not overlapping.
    pub mentions: &'a [Mention],
    /// The page URL of each actor, by actor index.
    pub actor_urls: &'a [String],
}

impl Painter<'_> {
    /// Writes the run of text at `range` of the body, escaped and painted, to `out`.
    pub fn paint(&self, text: &str, range: Range<usize>, out: &mut String) {
        let (a, b) = (range.start, range.end);
        let overlaps = |p: &&Passage| p.range.start < b && p.range.end > a;
        // most runs hold no cited passage: nothing to cut
        if !self.passages.iter().any(|p| overlaps(&p)) {
            self.mentions_into(text, a, a..b, out);
            return;
        }
        let mut cuts: Vec<usize> = vec![a, b];
        for p in self.passages.iter().filter(overlaps) {
            cuts.extend([p.range.start.max(a), p.range.end.min(b)]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let covering: Vec<&Passage> = self
                .passages
                .iter()
                .filter(|p| p.range.start <= s && p.range.end >= e)
                .collect();
            if covering.is_empty() {
                self.mentions_into(text, a, s..e, out);
                continue;
            }
            let mut starting = covering.iter().filter(|p| p.range.start == s);
            out.push_str("<mark class=\"cited\"");
            if let Some(first) = starting.next() {
                out.push_str(" id=\"");
                out.push_str(&first.anchor);
                out.push('"');
            }
            out.push('>');
            for other in starting {
                out.push_str("<span id=\"");
                out.push_str(&other.anchor);
                out.push_str("\"></span>");
            }
            self.mentions_into(text, a, s..e, out);
            out.push_str("</mark>");
        }
    }

    /// Writes text that does not map byte for byte to the body (an entity, an escape):
    /// marked as a whole when a passage covers any of it.
    pub fn paint_opaque(&self, text: &str, range: Range<usize>, out: &mut String) {
        let cited = self
            .passages
            .iter()
            .any(|p| p.range.start < range.end && p.range.end > range.start);
        if cited {
            out.push_str("<mark class=\"cited\">");
        }
        escape_into(text, out);
        if cited {
            out.push_str("</mark>");
        }
    }

    /// Writes body range `span` (inside a run starting at body offset `base`) with mentions linked.
    fn mentions_into(&self, text: &str, base: usize, span: Range<usize>, out: &mut String) {
        let first = self.mentions.partition_point(|m| m.range.end <= span.start);
        let mut at = span.start;
        for m in self.mentions[first..]
            .iter()
            .take_while(|m| m.range.start < span.end)
        {
            let (s, e) = (m.range.start.max(span.start), m.range.end.min(span.end));
            escape_into(&text[at - base..s - base], out);
            out.push_str("<a class=\"mention\" href=\"");
            out.push_str(&self.actor_urls[m.actor.0]);
            out.push('"');
            if s == m.range.start {
                out.push_str(" id=\"");
                out.push_str(&m.anchor);
                out.push('"');
            }
            out.push('>');
            escape_into(&text[s - base..e - base], out);
            out.push_str("</a>");
            at = e;
        }
        escape_into(&text[at - base..span.end - base], out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorId, Context};

    fn passage(anchor: &str, range: Range<usize>) -> Passage {
        Passage {
            anchor: anchor.into(),
            range,
            text: String::new(),
            events: vec![],
        }
    }

    fn mention(range: Range<usize>) -> Mention {
        let context = Context::folded("", 0..0, (false, false));
        Mention {
            actor: ActorId(0),
            range,
            anchor: "m-a-1".into(),
            context: context.into(),
        }
    }

    #[test]
    fn passage_with_a_mention_inside_is_one_mark() {
        let text = "say Huawei & co";
        let passages = [passage("q-x", 4..15)];
        let mentions = [mention(4..10)];
        let urls = ["/actors/a/".to_string()];
        let p = Painter {
            passages: &passages,
            mentions: &mentions,
            actor_urls: &urls,
        };
        let mut out = String::new();
        p.paint(text, 0..text.len(), &mut out);
        assert_eq!(
            out,
            "say <mark class=\"cited\" id=\"q-x\"><a class=\"mention\" href=\"/actors/a/\" id=\"m-a-1\">Huawei</a> &amp; co</mark>"
        );
    }

    #[test]
    fn passage_continuing_into_the_next_run_has_no_second_id() {
        let passages = [passage("q-x", 2..12)];
        let p = Painter {
            passages: &passages,
            mentions: &[],
            actor_urls: &[],
        };
        let mut out = String::new();
        p.paint("line", 8..12, &mut out);
        assert_eq!(out, "<mark class=\"cited\">line</mark>");
    }
}
