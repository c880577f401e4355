//! Painting: cited passages marked and actor mentions linked, inside runs of prose.
//!
//! Passages become `<mark class="cited">` (the first piece carries the passage's anchor, every
//! piece names its passages in `data-passage`); mentions inside become `<a class="mention">`
//! links to the actor. A [`Brush`] paints one body in order and keeps a mark or a link open
//! from one run to the next: across line breaks, and around emphasis or links that lie whole
//! inside the passage, so a passage reads as one highlight. Only where HTML forbids it (a
//! passage that starts or ends inside emphasis, or crosses a paragraph) is it cut into
//! pieces, which touch: no gap shows between them.

use std::ops::Range;

use super::escape::escape_into;
use crate::model::{Mention, Passage, Reference};

/// What to paint onto one document's runs.
pub struct Painter<'a> {
    /// Cited passages.
    pub passages: &'a [Passage],
    /// Mentions, in text order, not overlapping.
    pub mentions: &'a [Mention],
    /// Links to documents and events, in text order.
    pub references: &'a [Reference],
    /// The page URL of each actor, by actor index.
    pub actor_urls: &'a [String],
}

impl<'a> Painter<'a> {
    /// The anchor of the `[[id]]` link starting at body offset `start`, when it is a
    /// mention of an actor or a reference to a document or an event.
    pub fn link_anchor(&self, start: usize) -> Option<&'a str> {
        let mentions = self.mentions.iter().filter(|m| m.linked);
        let mention = mentions.map(|m| (&m.range, &m.anchor));
        let references = self.references.iter().map(|r| (&r.range, &r.anchor));
        mention
            .chain(references)
            .find(|(range, _)| range.start == start)
            .map(|(_, anchor)| anchor.as_str())
    }

    /// A brush to paint one body with, from its start.
    pub fn brush(&'a self) -> Brush<'a> {
        Brush {
            painter: self,
            mark: None,
            mention: None,
            depth: 0,
        }
    }
}

/// An open mark: the passages it covers (indices, in order) and the element depth it was
/// opened at.
struct OpenMark {
    cover: Vec<usize>,
    depth: usize,
}

/// Paints the runs of one body in order, keeping marks and mention links open across them.
///
/// The caller tells it where elements start and end ([`Brush::enter`], [`Brush::leave`],
/// [`Brush::barrier`]), so that what it keeps open is always closed inside the element it
/// was opened in.
pub struct Brush<'a> {
    painter: &'a Painter<'a>,
    mark: Option<OpenMark>,
    /// The open mention link: its index and the depth it was opened at.
    mention: Option<(usize, usize)>,
    /// How many elements are open around the current position.
    depth: usize,
}

impl Brush<'_> {
    /// Writes the run of text at `range` of the body, escaped and painted, to `out`.
    pub fn text(&mut self, text: &str, range: Range<usize>, out: &mut String) {
        let (a, b) = (range.start, range.end);
        let passages = self.painter.passages;
        // Most runs hold no cited passage and are outside any: only mentions to link.
        if self.mark.is_none() && !passages.iter().any(|p| overlaps(&p.range, &range)) {
            self.mentions_in(text, a, a..b, out);
            return;
        }
        let mut cuts: Vec<usize> = vec![a, b];
        for p in passages.iter().filter(|p| overlaps(&p.range, &range)) {
            cuts.extend([p.range.start.max(a), p.range.end.min(b)]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            self.cover(w[0]..w[1], out);
            self.mentions_in(text, a, w[0]..w[1], out);
        }
    }

    /// Writes `html` for body range `range`, which does not map byte for byte to the body
    /// (an entity, an escape, inline code): marked as a whole when a passage covers any of it.
    pub fn opaque(&mut self, html: &str, range: Range<usize>, out: &mut String) {
        self.close_mention(out);
        let cover = self.covering(|p| overlaps(p, &range));
        self.mark_as(cover, &range, out);
        out.push_str(html);
    }

    /// Writes `html`, a line break at body range `range`: inside the mark and the link when
    /// the passage or the name goes on across it.
    pub fn line_break(&mut self, html: &str, range: Range<usize>, out: &mut String) {
        let covers = |p: &Range<usize>| p.start <= range.start && p.end >= range.end;
        if let Some((m, _)) = self.mention
            && !covers(&self.painter.mentions[m].range)
        {
            self.close_mention(out);
        }
        let cover = self.covering(covers);
        if self.marked() != cover {
            self.close_mention(out);
            self.mark_as(cover, &(range.start..range.start), out);
        }
        out.push_str(html);
    }

    /// Before an inline element (emphasis, a link) spanning body range `range`, whose text
    /// is `content`: a mark whose passages cover all of it, and start or end nowhere inside
    /// it, is kept open (or opened) around the element; any other is closed first.
    pub fn enter(&mut self, range: Range<usize>, content: Range<usize>, out: &mut String) {
        self.close_mention(out);
        let boundary = |at: usize| content.start < at && at < content.end;
        let whole = !self
            .painter
            .passages
            .iter()
            .any(|p| boundary(p.range.start) || boundary(p.range.end));
        let cover = self.covering(|p| p.start <= content.start && p.end >= content.end);
        let kept = self
            .mark
            .as_ref()
            .is_some_and(|m| whole && m.cover == cover);
        if !kept {
            self.close_mark(out);
            if whole && !cover.is_empty() && self.mark.is_none() {
                self.mark_as(cover, &(range.start..content.start + 1), out);
            }
        }
        self.depth += 1;
    }

    /// Before a block element starts, or raw HTML: nothing stays open across it.
    pub fn barrier(&mut self, out: &mut String) {
        self.close_mention(out);
        self.close_mark(out);
    }

    /// Before an element opened by [`Brush::enter`] (or after a [`Brush::barrier`]) ends:
    /// what was opened inside it is closed.
    pub fn leave(&mut self, out: &mut String) {
        if self.mention.is_some_and(|(_, depth)| depth >= self.depth) {
            self.close_mention(out);
        }
        if self.mark.as_ref().is_some_and(|m| m.depth >= self.depth) {
            self.close_mention(out);
            self.close_mark(out);
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// Notes that a block element starts (after [`Brush::barrier`]).
    pub fn open_block(&mut self) {
        self.depth += 1;
    }

    /// The anchor of the `[[id]]` link starting at body offset `start`, if it has one (see
    /// [`Painter::link_anchor`]).
    pub fn link_anchor(&self, start: usize) -> Option<&str> {
        self.painter.link_anchor(start)
    }

    /// At the end of the body: closes what is open.
    pub fn finish(&mut self, out: &mut String) {
        self.close_mention(out);
        if self.mark.take().is_some() {
            out.push_str("</mark>");
        }
    }

    /// The passages the open mark covers: none when no mark is open.
    fn marked(&self) -> &[usize] {
        self.mark.as_ref().map_or(&[], |m| &m.cover)
    }

    /// The passages (indices) for which `covers` holds of their range.
    fn covering(&self, covers: impl Fn(&Range<usize>) -> bool) -> Vec<usize> {
        let passages = self.painter.passages.iter().enumerate();
        passages
            .filter(|(_, p)| covers(&p.range))
            .map(|(i, _)| i)
            .collect()
    }

    /// Makes the mark match the passages covering `segment` of a text run.
    fn cover(&mut self, segment: Range<usize>, out: &mut String) {
        let cover = self.covering(|p| p.start <= segment.start && p.end >= segment.end);
        if self.marked() != cover {
            self.close_mention(out);
            self.mark_as(cover, &segment, out);
        }
    }

    /// Closes the open mark if it can be (it was opened at this depth) and opens one for
    /// `cover`, with the anchors of the passages that start in `at`. A mark opened around
    /// the current element stays open: its passages are written as anchors inside it.
    fn mark_as(&mut self, cover: Vec<usize>, at: &Range<usize>, out: &mut String) {
        let passages = self.painter.passages;
        let starts = |i: &&usize| at.contains(&passages[**i].range.start);
        if self.marked() == cover {
            return;
        }
        self.close_mark(out);
        if self.mark.is_some() {
            for i in cover.iter().filter(starts) {
                anchor(&passages[*i].anchor, out);
            }
            return;
        }
        if cover.is_empty() {
            return;
        }
        let mut starting = cover.iter().filter(starts);
        out.push_str("<mark class=\"cited\"");
        if let Some(first) = starting.next() {
            out.push_str(" id=\"");
            out.push_str(&passages[*first].anchor);
            out.push('"');
        }
        out.push_str(" data-passage=\"");
        for (n, i) in cover.iter().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push_str(&passages[*i].anchor);
        }
        out.push_str("\">");
        for i in starting {
            anchor(&passages[*i].anchor, out);
        }
        self.mark = Some(OpenMark {
            cover,
            depth: self.depth,
        });
    }

    /// Closes the open mark, if it was opened at the current depth.
    fn close_mark(&mut self, out: &mut String) {
        if self.mark.as_ref().is_some_and(|m| m.depth == self.depth) {
            self.close_mention(out);
            out.push_str("</mark>");
            self.mark = None;
        }
    }

    fn close_mention(&mut self, out: &mut String) {
        if self.mention.take().is_some() {
            out.push_str("</a>");
        }
    }

    /// Writes body range `span` (inside a run starting at body offset `base`) with mentions
    /// linked; a mention going on past the span is left open.
    fn mentions_in(&mut self, text: &str, base: usize, span: Range<usize>, out: &mut String) {
        let mentions = self.painter.mentions;
        let first = mentions.partition_point(|m| m.range.end <= span.start);
        let mut at = span.start;
        for (i, m) in mentions
            .iter()
            .enumerate()
            .skip(first)
            .take_while(|(_, m)| m.range.start < span.end)
            // a mention written as a link is that link, rendered as one
            .filter(|(_, m)| !m.linked)
        {
            let (s, e) = (m.range.start.max(span.start), m.range.end.min(span.end));
            if self.mention.is_some_and(|(open, _)| open != i) {
                self.close_mention(out);
            }
            escape_into(&text[at - base..s - base], out);
            if self.mention.is_none() {
                out.push_str("<a class=\"mention\" href=\"");
                out.push_str(&self.painter.actor_urls[m.actor.0]);
                out.push('"');
                if s == m.range.start {
                    out.push_str(" id=\"");
                    out.push_str(&m.anchor);
                    out.push('"');
                }
                out.push('>');
                self.mention = Some((i, self.depth));
            }
            escape_into(&text[s - base..e - base], out);
            if e == m.range.end {
                self.close_mention(out);
            }
            at = e;
        }
        if at < span.end {
            self.close_mention(out);
        }
        escape_into(&text[at - base..span.end - base], out);
    }
}

/// True when two ranges share a byte.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && a.end > b.start
}

/// An empty element carrying a passage's anchor, for a passage that starts inside a mark.
fn anchor(id: &str, out: &mut String) {
    out.push_str("<span id=\"");
    out.push_str(id);
    out.push_str("\"></span>");
}

#[cfg(test)]
mod tests;
