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
}

impl Run {
    /// A run of the body's bytes at `range`.
    pub fn exact(range: Range<usize>, no_mentions: bool, block: usize) -> Run {
        Run {
            range,
            shown: None,
            no_mentions,
            block,
        }
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
    /// The excerpt a search result shows: the first runs of the prose, joined by spaces,
    /// until past [`BEGINNING_BYTES`], then cut to [`EXCERPT_CHARS`] at a word. Cut here,
    /// once, because resolving keeps it for every document until the index is written.
    /// `body` is the text the prose was extracted from.
    pub fn excerpt(&self, body: &str) -> String {
        let mut beginning = String::new();
        for run in &self.runs {
            beginning.push_str(run.text(body));
            beginning.push(' ');
            if beginning.len() > BEGINNING_BYTES {
                break;
            }
        }
        shorten(&beginning, EXCERPT_CHARS)
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
                if let LinkType::WikiLink { .. } = link_type {
                    prose.links.push(WikiLink {
                        id: dest_url.to_string(),
                        range: range.clone(),
                    });
                }
            }
            Event::Start(Tag::Heading { .. } | Tag::Image { .. }) => shielded += 1,
            Event::End(TagEnd::Link | TagEnd::Heading(_) | TagEnd::Image) => {
                shielded = shielded.saturating_sub(1)
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::BlockQuote(_)) => {
                block += 1
            }
            Event::Text(t) if code == 0 => {
                let shown = (text.get(range.clone()) != Some(&*t)).then(|| Box::from(&*t));
                prose.runs.push(Run {
                    range,
                    shown,
                    no_mentions: shielded > 0,
                    block,
                });
            }
            _ => {}
        }
    }
    prose
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
            if blank {
                block += 1;
                blank = false;
            }
            prose
                .runs
                .push(Run::exact(offset..offset + content.len(), false, block));
        }
        offset += line.len();
    }
    prose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_not_prose_and_headings_shield_mentions() {
        let md = "# Title\n\nSome *text* and `code`.\n\n```\nfn x() {}\n```\n";
        let p = extract(md, Format::Markdown);
        let texts: Vec<&str> = p.runs.iter().map(|r| r.text(md)).collect();
        assert_eq!(texts, ["Title", "Some ", "text", " and ", "."]);
        assert!(p.runs[0].no_mentions);
        assert!(!p.runs[1].no_mentions);
        assert!(
            p.runs
                .iter()
                .all(|r| r.is_exact() && md[r.range.clone()] == *r.text(md))
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
        let blocks: Vec<(usize, &str)> = p.runs.iter().map(|r| (r.block, r.text(text))).collect();
        assert_eq!(blocks, [(1, "a"), (1, "b"), (2, "c")]);
    }
}
