//! The prose of a body: its runs of text outside code, with their byte ranges in the body.
//!
//! Quotes are searched and mentions detected in prose only, and the renderer paints marks
//! and links onto the same runs, so both stages agree on what "the text" is.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::Format;
use crate::shorten::shorten;

/// The Markdown extensions every body is parsed with.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
}

/// A run of text as shown to a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The text shown, when it differs from the body's bytes at `range` (escapes, entities);
    /// most runs are the body's bytes, and are not copied.
    shown: Option<Box<str>>,
    /// Inside a heading or a link, where mentions are not linked.
    pub no_mentions: bool,
    /// The block (paragraph, heading, item, line group) the run belongs to.
    pub block: usize,
    /// Read with a space before it: a line break separates it from the run before, in the
    /// same block. Runs of a block otherwise join as they are (`**12 May**:` reads `12 May:`).
    pub spaced: bool,
}

impl Run {
    /// A run of the body's bytes at `range`.
    pub fn exact(range: Range<usize>, no_mentions: bool, block: usize) -> Run {
        Run {
            range,
            shown: None,
            no_mentions,
            block,
            spaced: false,
        }
    }

    /// The same run, read with a space before it (see [`Run::spaced`]).
    pub fn spaced(self, spaced: bool) -> Run {
        Run { spaced, ..self }
    }

    /// The text shown, from `body`, the text the prose was extracted from.
    pub fn text<'t>(&'t self, body: &'t str) -> &'t str {
        match &self.shown {
            Some(shown) => shown,
            None => body.get(self.range.clone()).unwrap_or_default(),
        }
    }

    /// True when the text shown is exactly the body's bytes at `range`, so offsets map one
    /// to one.
    pub fn is_exact(&self) -> bool {
        self.shown.is_none()
    }
}

/// A `[[id]]` or `[[id|label]]` link in a Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiLink {
    /// The id linked to.
    pub id: String,
    /// Byte range of the whole link in the body.
    pub range: Range<usize>,
    /// Written with a label of its own (`[[id|label]]`); otherwise the page shows the
    /// target's title or name, and the prose holds the id in its place.
    pub labelled: bool,
}

/// The prose runs of a body and its wiki links.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// Runs in text order.
    pub runs: Vec<Run>,
    /// Wiki links in text order.
    pub links: Vec<WikiLink>,
}

/// How much prose the beginning of a body holds for a search result, in bytes (results show
/// about half, cut at a word).
pub const BEGINNING_BYTES: usize = 720;
/// Characters of body text a search result shows (matches beyond it are still found).
pub const EXCERPT_CHARS: usize = 360;

impl Prose {
    /// The excerpt a search result shows: the first runs of the prose, read as a reader
    /// reads them, until past [`BEGINNING_BYTES`], then cut to [`EXCERPT_CHARS`] at a word.
    /// Cut here, once, because resolving keeps it for every document until the index is
    /// written. `body` is the text the prose was extracted from; `label` gives the title or
    /// name a `[[id]]` link shows (see [`Prose::read_into`]).
    pub fn excerpt<'l>(&self, body: &str, label: impl Fn(&str) -> Option<&'l str>) -> String {
        let mut beginning = String::new();
        self.read_into(body, &label, BEGINNING_BYTES, &mut beginning);
        shorten(&beginning, EXCERPT_CHARS)
    }

    /// The text a reader reads in body range `range` (the text the prose was extracted
    /// from is `body`): the runs in it, cut to it and joined as the page shows them, with
    /// whitespace runs folded to single spaces.
    pub fn read_range(&self, body: &str, range: Range<usize>) -> String {
        let first = self.runs.partition_point(|r| r.range.end <= range.start);
        let mut read = String::with_capacity(range.len());
        let mut last: Option<&Run> = None;
        for run in self.runs[first..]
            .iter()
            .take_while(|r| r.range.start < range.end)
        {
            if last.is_some_and(|l| l.block != run.block || run.spaced) {
                read.push(' ');
            }
            last = Some(run);
            let cut = run.range.start.max(range.start)..run.range.end.min(range.end);
            match run.is_exact() {
                true => read.push_str(body.get(cut).unwrap_or_default()),
                false => read.push_str(run.text(body)),
            }
        }
        read.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Appends the text a reader reads, up to about `max` bytes: runs joined as the page
    /// shows them (a space at line breaks and between blocks, nothing where only markup
    /// separates them), and each `[[id]]` link as its target's title or name, `label(id)`;
    /// a link `label` does not know keeps its id.
    pub fn read_into<'l>(
        &self,
        body: &str,
        label: &dyn Fn(&str) -> Option<&'l str>,
        max: usize,
        out: &mut String,
    ) {
        let mut links = self.links.iter().filter(|l| !l.labelled).peekable();
        let mut last: Option<&Run> = None;
        // The start of the last link shown by its label.
        let mut labelled = None;
        for run in &self.runs {
            if out.len() > max {
                break;
            }
            while links.next_if(|l| l.range.end <= run.range.start).is_some() {}
            let link = links.peek().filter(|l| l.range.start <= run.range.start);
            let shown = match link.map(|l| (l, label(&l.id))) {
                Some((l, Some(_))) if labelled == Some(l.range.start) => continue,
                Some((l, Some(title))) => {
                    labelled = Some(l.range.start);
                    title
                }
                _ => run.text(body),
            };
            if last.is_some_and(|l| l.block != run.block || run.spaced) {
                out.push(' ');
            }
            last = Some(run);
            out.push_str(shown);
        }
    }
}

/// Splits a body into prose runs according to its format.
pub fn extract(text: &str, format: Format) -> Prose {
    match format {
        Format::Markdown => markdown(text),
        Format::Text => plain(text),
    }
}

fn markdown(text: &str) -> Prose {
    let mut prose = Prose::default();
    let (mut code, mut shielded, mut block) = (0usize, 0usize, 0usize);
    // A line break since the last run: the next one reads with a space before it.
    let mut spaced = false;
    for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                shielded += 1;
                if let LinkType::WikiLink { has_pothole } = link_type {
                    prose.links.push(WikiLink {
                        id: dest_url.to_string(),
                        range: range.clone(),
                        labelled: has_pothole,
                    });
                }
            }
            Event::Start(Tag::Heading { .. } | Tag::Image { .. }) => shielded += 1,
            Event::End(TagEnd::Link | TagEnd::Heading(_) | TagEnd::Image) => {
                shielded = shielded.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_)) => {
                block += 1;
                spaced = false;
            }
            Event::SoftBreak | Event::HardBreak => spaced = true,
            Event::InlineHtml(html) if is_line_break(&html) => spaced = true,
            Event::Text(t) if code == 0 => {
                let shown = (text.get(range.clone()) != Some(&*t)).then(|| Box::from(&*t));
                prose.runs.push(Run {
                    range,
                    shown,
                    no_mentions: shielded > 0,
                    block,
                    spaced: std::mem::take(&mut spaced),
                });
            }
            // Inline code reads as its text; no mention is ever found in it.
            Event::Code(t) if code == 0 => prose.runs.push(Run {
                range,
                shown: Some(Box::from(&*t)),
                no_mentions: true,
                block,
                spaced: std::mem::take(&mut spaced),
            }),
            _ => {}
        }
    }
    prose
}

/// True for inline HTML that breaks the line (`<br>`, `<br/>`, `<BR />`).
fn is_line_break(html: &str) -> bool {
    let tag = html.trim_start_matches('<').trim_start();
    tag.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("br"))
        && !tag[2..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Plain text: each line is a run; blank lines separate blocks.
fn plain(text: &str) -> Prose {
    let mut prose = Prose::default();
    let (mut offset, mut block, mut blank) = (0, 0, true);
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            blank = true;
        } else {
            // Lines of a paragraph read with a space between them.
            let spaced = !blank;
            if blank {
                block += 1;
                blank = false;
            }
            let run = Run::exact(offset..offset + content.len(), false, block);
            prose.runs.push(run.spaced(spaced));
        }
        offset += line.len();
    }
    prose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_are_not_prose_and_headings_and_inline_code_shield_mentions() {
        let md = "# Title\n\nSome *text* and `code`.\n\n```\nfn x() {}\n```\n";
        let p = extract(md, Format::Markdown);
        let texts: Vec<&str> = p.runs.iter().map(|r| r.text(md)).collect();
        assert_eq!(texts, ["Title", "Some ", "text", " and ", "code", "."]);
        assert!(p.runs[0].no_mentions);
        assert!(!p.runs[1].no_mentions);
        assert!(p.runs[4].no_mentions && !p.runs[4].is_exact());
        assert_eq!(&md[p.runs[4].range.clone()], "`code`");
        assert!(
            p.runs
                .iter()
                .filter(|r| r.range != p.runs[4].range)
                .all(|r| r.is_exact() && md[r.range.clone()] == *r.text(md))
        );
    }

    fn read(md: &str, label: impl Fn(&str) -> Option<&'static str>) -> String {
        let mut out = String::new();
        extract(md, Format::Markdown).read_into(md, &label, usize::MAX, &mut out);
        out
    }

    #[test]
    fn inline_runs_join_as_the_page_reads_them() {
        let md =
            "- **12 May 2019**: the council *met*, then\n  left  \nearly.\n- Next `item`<br>here";
        assert_eq!(
            read(md, |_| None),
            "12 May 2019: the council met, then left early. Next item here"
        );
    }

    #[test]
    fn links_read_as_the_titles_they_show() {
        let md = "Founded by [[ren-zhengfei]] ([[fbi|the FBI]], [[gone]]) in [[x]][[x]].";
        let label = |id: &str| match id {
            "ren-zhengfei" => Some("Ren Zhengfei"),
            "x" => Some("X"),
            _ => None,
        };
        assert_eq!(
            read(md, label),
            "Founded by Ren Zhengfei (the FBI, gone) in XX."
        );
    }

    #[test]
    fn wiki_links_are_collected_with_their_ranges() {
        let md = "See [[huawei]] and [[ren-zhengfei|Ren]].";
        let p = extract(md, Format::Markdown);
        let ids: Vec<&str> = p.links.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["huawei", "ren-zhengfei"]);
        assert_eq!(&md[p.links[0].range.clone()], "[[huawei]]");
    }

    #[test]
    fn plain_text_runs_are_lines_grouped_in_paragraphs() {
        let text = "a\nb\n\n\nc\n";
        let p = extract(text, Format::Text);
        let blocks: Vec<(usize, bool, &str)> = (p.runs.iter())
            .map(|r| (r.block, r.spaced, r.text(text)))
            .collect();
        assert_eq!(blocks, [(1, false, "a"), (1, true, "b"), (2, false, "c")]);
    }
}
