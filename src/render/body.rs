//! Bodies to HTML: Markdown through pulldown-cmark, plain text as paragraphs, both painted.
//!
//! One pass over the Markdown events rewrites what needs rewriting: `[[id]]` links become
//! links to pages, fenced code is highlighted, prose runs are painted with marks and
//! mentions, and dangerous link schemes are neutralised. Raw HTML from untrusted sources
//! is sanitised with ammonia unless the dossier trusts it.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::escape::{escape, escape_into};
use super::highlight;
use super::paint::{Brush, Painter};
use super::raw_html;
use super::theme::Strings;
use super::urls::Urls;
use crate::model::{Body, Dossier, Format, Target};
use crate::resolve::prose::{self, markdown_options};

/// Renders bodies for one dossier.
pub struct BodyRenderer<'a> {
    /// The dossier, for `[[id]]` links.
    pub dossier: &'a Dossier,
    /// URL builder.
    pub urls: &'a Urls,
    /// How a page boundary of a paged text reads: `p. {n}` (the string `page`).
    pub page: &'a str,
}

impl<'a> BodyRenderer<'a> {
    /// A renderer for `dossier`, in the language of `strings`.
    pub fn new(dossier: &'a Dossier, urls: &'a Urls, strings: &'a Strings) -> BodyRenderer<'a> {
        BodyRenderer {
            dossier,
            urls,
            page: strings.text("page", "p. {n}"),
        }
    }

    /// A body as HTML, with `painter` applied to its prose when given.
    pub fn render(&self, body: &Body, painter: Option<&Painter>) -> String {
        match body.format {
            Format::Markdown => self.markdown(&body.text, painter),
            Format::Text => plain(&body.text, painter, body.reflow, self.page),
        }
    }

    /// The URL and display label of what `id` names.
    pub fn target(&self, id: &str) -> Option<(String, &str)> {
        let d = self.dossier;
        Some(match d.ids.get(id)? {
            Target::Document(x) => (self.urls.document(id), d.document(*x).title.as_str()),
            Target::Actor(x) => (self.urls.actor(id), d.actor(*x).name.as_str()),
            Target::Event(x) => (self.urls.event(id), d.event(*x).title.as_str()),
        })
    }

    fn markdown(&self, text: &str, painter: Option<&Painter>) -> String {
        let mut pass = Rewrite {
            renderer: self,
            text,
            brush: painter.map(Painter::brush),
            image: 0,
            code: None,
            links: Vec::new(),
            skip_label: false,
            raw_html: false,
            html_block: None,
            scratch: String::new(),
            pending: None,
        };
        let mut html = String::new();
        // Events are rewritten as the HTML writer asks for them, never collected.
        let mut parser = Parser::new_ext(text, markdown_options()).into_offset_iter();
        let events = std::iter::from_fn(|| pass.next(&mut parser));
        pulldown_cmark::html::push_html(&mut html, events);
        if let Some(brush) = pass.brush.as_mut() {
            brush.finish(&mut html);
        }
        if pass.raw_html && !self.dossier.settings.unsafe_html {
            raw_html::SANITISER.clean(&html).to_string()
        } else {
            html
        }
    }
}

/// One pass over a body's Markdown events (see the module documentation).
struct Rewrite<'r, 't> {
    renderer: &'r BodyRenderer<'r>,
    /// The body's Markdown.
    text: &'t str,
    /// Paints marks and mentions onto the prose, when the body has any.
    brush: Option<Brush<'r>>,
    /// How many images are open: their text is alternative text, never painted.
    image: usize,
    /// Inside a fenced block: its language and the code so far.
    code: Option<(String, String)>,
    /// For each open link, whether it is an `[[id]]` link.
    links: Vec<bool>,
    /// Inside an `[[id]]` link without a label of its own: its text is the target's name.
    skip_label: bool,
    /// Whether the body holds raw HTML, to sanitise.
    raw_html: bool,
    /// Inside a raw HTML block: its text so far, judged whole at its end.
    html_block: Option<String>,
    /// Where painted text is written before it becomes an event.
    scratch: String,
    /// The event to write after the HTML the brush wrote before it.
    pending: Option<Event<'t>>,
}

/// What the pass writes for one event: HTML the brush writes before it (closing or opening
/// a mark around an element), then the event itself.
type Written<'t> = [Option<Event<'t>>; 2];

impl<'t> Rewrite<'_, 't> {
    /// The next event to write, taken from `parser`: HTML the brush writes before an
    /// event, then the event (most events pass straight through: no iterator per event).
    fn next(
        &mut self,
        parser: &mut impl Iterator<Item = (Event<'t>, Range<usize>)>,
    ) -> Option<Event<'t>> {
        if let Some(event) = self.pending.take() {
            return Some(event);
        }
        loop {
            let (event, range) = parser.next()?;
            match self.event(event, range) {
                [Some(before), event] => {
                    self.pending = event;
                    return Some(before);
                }
                [None, Some(event)] => return Some(event),
                [None, None] => {}
            }
        }
    }

    /// The events to write in place of `event`.
    fn event(&mut self, event: Event<'t>, range: Range<usize>) -> Written<'t> {
        self.scratch.clear();
        // An image is one element to the brush, whatever its alternative text holds.
        let closes_image = matches!(event, Event::End(TagEnd::Image)) && self.image == 1;
        if self.image == 0 || closes_image {
            self.paint_around(&event, &range);
        }
        let before = (!self.scratch.is_empty())
            .then(|| Event::InlineHtml(CowStr::Boxed(self.scratch.as_str().into())));
        [before, self.rewrite(event, range)]
    }

    /// Tells the brush where elements start and end, so that marks and mention links nest
    /// in them; what it closes or opens is written to `scratch`.
    fn paint_around(&mut self, event: &Event<'t>, range: &Range<usize>) {
        let Some(brush) = self.brush.as_mut() else {
            return;
        };
        let out = &mut self.scratch;
        match event {
            Event::Start(tag) => match inline_content(tag, self.text, range) {
                Some(content) => brush.enter(range.clone(), content, out),
                None => {
                    brush.barrier(out);
                    brush.open_block();
                }
            },
            Event::End(_) => brush.leave(out),
            Event::Html(_) | Event::InlineHtml(_) | Event::Rule => brush.barrier(out),
            _ => {}
        }
    }

    /// The event to write in place of `event`, if any.
    /// Whether raw HTML goes through the sanitiser (the dossier does not trust its sources).
    fn sanitising(&self) -> bool {
        !self.renderer.dossier.settings.unsafe_html
    }

    fn rewrite(&mut self, event: Event<'t>, range: Range<usize>) -> Option<Event<'t>> {
        Some(match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
                return None;
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, source) = self.code.take()?;
                Event::Html(highlight::code_block(&source, &lang).into())
            }
            Event::Text(t) if self.code.is_some() => {
                if let Some((_, source)) = self.code.as_mut() {
                    source.push_str(&t);
                }
                return None;
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                self.links.push(true);
                // a link listed on the page of what it links to carries its anchor
                let id = self.brush.as_ref().and_then(|b| b.link_anchor(range.start));
                let id = id.map_or_else(String::new, |id| format!(" id=\"{}\"", escape(id)));
                let html = match self.renderer.target(&dest_url) {
                    Some((url, label)) => {
                        self.skip_label = !has_pothole;
                        let mut a = format!("<a class=\"xref\" href=\"{}\"{id}>", escape(&url));
                        if !has_pothole {
                            escape_into(label, &mut a);
                        }
                        a
                    }
                    None => "<a class=\"xref broken\">".to_string(),
                };
                Event::InlineHtml(html.into())
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.links.push(false);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                self.skip_label = false;
                if self.links.pop() == Some(true) {
                    Event::InlineHtml("</a>".into())
                } else {
                    Event::End(TagEnd::Link)
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.image += 1;
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                self.image = self.image.saturating_sub(1);
                Event::End(TagEnd::Image)
            }
            Event::Text(_) if self.skip_label => return None,
            Event::Text(t) if self.image == 0 => self.paint_text(t, range),
            Event::Code(t) if self.image == 0 => self.paint_code(t, range),
            Event::SoftBreak | Event::HardBreak if self.image == 0 && self.brush.is_some() => {
                let html = match event {
                    Event::HardBreak => "<br />\n",
                    _ => "\n",
                };
                let brush = self.brush.as_mut()?;
                let mut out = String::with_capacity(html.len());
                brush.line_break(html, range, &mut out);
                Event::InlineHtml(out.into())
            }
            Event::Start(Tag::HtmlBlock) if self.sanitising() => {
                self.html_block = Some(String::new());
                return None;
            }
            Event::Html(html) if self.html_block.is_some() => {
                if let Some(block) = self.html_block.as_mut() {
                    block.push_str(&html);
                }
                return None;
            }
            Event::End(TagEnd::HtmlBlock) if self.html_block.is_some() => {
                let block = self.html_block.take().unwrap_or_default();
                self.raw_html = true;
                if raw_html::is_harmless(&block) {
                    Event::Html(block.into())
                } else {
                    let mut shown = String::from("<p class=\"raw-html\">");
                    escape_into(block.trim_end(), &mut shown);
                    shown.push_str("</p>\n");
                    Event::Html(shown.into())
                }
            }
            Event::InlineHtml(html) if self.sanitising() => {
                self.raw_html = true;
                if raw_html::is_harmless(&html) {
                    Event::InlineHtml(html)
                } else {
                    Event::Text(html)
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.raw_html = true;
                event
            }
            other => other,
        })
    }

    /// A text event, painted when the body has a brush.
    fn paint_text(&mut self, t: CowStr<'t>, range: Range<usize>) -> Event<'t> {
        let Some(brush) = self.brush.as_mut() else {
            return Event::Text(t);
        };
        let html = &mut self.scratch;
        html.clear();
        if self.text.get(range.clone()) == Some(&*t) {
            brush.text(&t, range, html);
        } else {
            let mut escaped = String::with_capacity(t.len());
            escape_into(&t, &mut escaped);
            brush.opaque(&escaped, range, html);
        }
        // copied out at its size: a `String` would be shrunk to a `Box<str>`
        Event::InlineHtml(CowStr::Boxed(html.as_str().into()))
    }

    /// Inline code, marked whole when a cited passage covers it.
    fn paint_code(&mut self, t: CowStr<'t>, range: Range<usize>) -> Event<'t> {
        let Some(brush) = self.brush.as_mut() else {
            return Event::Code(t);
        };
        let mut code = String::with_capacity(t.len() + 13);
        code.push_str("<code>");
        escape_into(&t, &mut code);
        code.push_str("</code>");
        let mut html = String::with_capacity(code.len());
        brush.opaque(&code, range, &mut html);
        Event::InlineHtml(html.into())
    }
}

/// The body range of the text of an inline element (emphasis, a link) at `range`, without
/// its delimiters; `None` for block elements and images.
fn inline_content(tag: &Tag, text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let source = text.get(range.clone())?;
    let (start, end) = match tag {
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {
            let delimiter = |c: char| matches!(c, '*' | '_' | '~');
            let inner = source.trim_start_matches(delimiter);
            let lead = source.len() - inner.len();
            (lead, lead + inner.trim_end_matches(delimiter).len())
        }
        Tag::Link {
            link_type: LinkType::WikiLink { .. },
            ..
        } => {
            let inner = source.get(2..source.len().saturating_sub(2))?;
            (
                inner.find('|').map_or(2, |bar| 2 + bar + 1),
                2 + inner.len(),
            )
        }
        Tag::Link { .. } if source.starts_with('<') => (1, source.len().saturating_sub(1)),
        Tag::Link { .. } => {
            let close = ["](", "]["]
                .iter()
                .find_map(|s| source.rfind(s))
                .unwrap_or(source.len().saturating_sub(1));
            (1, close)
        }
        _ => return None,
    };
    Some(range.start + start..range.start + end.max(start))
}

/// Plain text: blank lines separate paragraphs; line breaks are kept, or with `reflow`, the
/// lines of a paragraph are joined with a space (the text stays as it is: a hyphen at a line
/// end is kept). In a paged text, each form feed is shown as the start of a page (`page`,
/// with `{n}` for its number).
fn plain(text: &str, painter: Option<&Painter>, reflow: bool, page: &str) -> String {
    let prose = prose::extract(text, Format::Text);
    let mut brush = painter.map(Painter::brush);
    let mut html = String::new();
    let (mut block, mut line_end) = (0, 0);
    let mut pages = PageMarks::new(text, page);
    for run in &prose.runs {
        if run.block != block {
            if let Some(brush) = brush.as_mut() {
                brush.barrier(&mut html);
            }
            if block != 0 {
                html.push_str("</p>\n");
            }
            html.push_str("<p>");
            block = run.block;
        } else {
            let join = if reflow { " " } else { "<br>\n" };
            match brush.as_mut() {
                // the line break belongs to a passage or a name that goes on across it
                Some(brush) => brush.line_break(join, line_end..run.range.start, &mut html),
                None => html.push_str(join),
            }
        }
        let start = html.len();
        pages.before(line_end..run.range.start, &mut brush, &mut html);
        let shown = run.text(text);
        let mut at = run.range.start;
        // a form feed within the line (most begin one) marks the page where it is
        for piece in shown.split_inclusive('\u{c}') {
            let (words, feed) = match piece.strip_suffix('\u{c}') {
                Some(words) => (words, true),
                None => (piece, false),
            };
            match brush.as_mut() {
                Some(brush) => brush.text(words, at..at + words.len(), &mut html),
                None => escape_into(words, &mut html),
            }
            at += words.len();
            if feed {
                pages.mark(at, &mut brush, &mut html);
                at += 1;
            }
        }
        line_end = run.range.end;
        // Text copied from PDFs may use no-break spaces between all words, which would make
        // each line one unbreakable word; such lines are shown with ordinary spaces.
        if shown.matches('\u{a0}').count() > shown.matches(' ').count() {
            let line = html.split_off(start).replace('\u{a0}', " ");
            html.push_str(&line);
        }
    }
    if let Some(brush) = brush.as_mut() {
        brush.finish(&mut html);
    }
    if block != 0 {
        html.push_str("</p>\n");
    }
    html
}

/// The page boundaries of a paged text, shown as they are reached.
struct PageMarks<'p> {
    /// How a boundary reads, `p. {n}`.
    label: &'p str,
    /// The page that starts at the next form feed.
    next: u32,
    /// False for a text without form feeds.
    paged: bool,
    text: &'p str,
}

impl<'p> PageMarks<'p> {
    fn new(text: &'p str, label: &'p str) -> PageMarks<'p> {
        PageMarks {
            label,
            next: 2,
            paged: text.contains('\u{c}'),
            text,
        }
    }

    /// Marks the form feeds of the text's `gap` between two lines (blank lines between
    /// paragraphs, where a page often ends).
    fn before(&mut self, gap: Range<usize>, brush: &mut Option<Brush>, out: &mut String) {
        if !self.paged {
            return;
        }
        let feeds: Vec<usize> = (self.text.get(gap.clone()).unwrap_or_default())
            .match_indices('\u{c}')
            .map(|(i, _)| gap.start + i)
            .collect();
        for at in feeds {
            self.mark(at, brush, out);
        }
    }

    /// Writes the start of the next page, for the form feed at `at`: inside the passage's
    /// mark when a cited passage goes on across the page boundary.
    fn mark(&mut self, at: usize, brush: &mut Option<Brush>, out: &mut String) {
        let label = escape(&self.label.replace("{n}", &self.next.to_string()));
        let html = format!(
            r#"<span class="page-start" data-page="{}">{label}</span> "#,
            self.next
        );
        self.next += 1;
        match brush.as_mut() {
            Some(brush) => brush.line_break(&html, at..at + 1, out),
            None => out.push_str(&html),
        }
    }
}

/// `url` when it is safe, otherwise `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::from("#")
    }
}

/// Links may go to the web, mail, or within the site; never to `javascript:` and the like.
fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel" | "ftp")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str, unsafe_html: bool) -> String {
        let mut dossier = Dossier::default();
        dossier.settings.unsafe_html = unsafe_html;
        let urls = Urls::new("/");
        let r = BodyRenderer {
            dossier: &dossier,
            urls: &urls,
            page: "p. {n}",
        };
        r.markdown(md, None)
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let html = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](JaVa\tScRiPt:x)",
            false,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
    }

    #[test]
    fn javascript_urls_are_neutralised_even_without_raw_html() {
        let html = render(
            "[a](javascript:alert(1)) [b](https://example.org) [c](/x)",
            true,
        );
        assert!(html.contains("href=\"#\""));
        assert!(html.contains("href=\"https://example.org\""));
        assert!(html.contains("href=\"/x\""));
    }

    #[test]
    fn a_tag_that_would_swallow_the_rest_is_shown_and_the_rest_kept() {
        for tag in [
            "<script>",
            "<style>",
            "<template>",
            "<textarea>",
            "<select>",
            "<!--",
        ] {
            let html = render(
                &format!("The attacker writes {tag} in the page.\n\nThe next paragraph stays."),
                false,
            );
            assert!(html.contains("The next paragraph stays."), "{tag}: {html}");
            assert!(!html.contains("<script"), "{html}");
        }
        let html = render("<div>\n<script>alert(1)</script>\n</div>\n\nAfter.", false);
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<p>After.</p>"), "{html}");
        let html = render("<div class=\"box\">\n\n*kept*\n\n</div>", false);
        assert!(html.contains("<div class=\"box\">"), "{html}");
    }

    #[test]
    fn unsafe_html_setting_keeps_raw_html() {
        assert!(render("<div class=\"x\" onclick=\"y\">t</div>", true).contains("onclick"));
    }

    #[test]
    fn plain_text_keeps_paragraphs_and_line_breaks() {
        assert_eq!(
            plain("a <b>\nc\n\n\nd\n", None, false, "p. {n}"),
            "<p>a &lt;b&gt;<br>\nc</p>\n<p>d</p>\n"
        );
    }

    #[test]
    fn each_page_of_a_paged_text_is_marked_where_it_starts() {
        let text = "One\n\u{c}Two\nthree\n\n\u{c}\nFour\n";
        assert_eq!(
            plain(text, None, false, "p. {n}"),
            "<p>One<br>\n<span class=\"page-start\" data-page=\"2\">p. 2</span> Two<br>\nthree</p>\n\
             <p><span class=\"page-start\" data-page=\"3\">p. 3</span> Four</p>\n"
        );
    }

    #[test]
    fn lines_spaced_only_with_no_break_spaces_can_wrap() {
        assert_eq!(
            plain("a\u{a0}b\u{a0}c\n", None, false, "p. {n}"),
            "<p>a b c</p>\n"
        );
        assert_eq!(
            plain("prix\u{a0}: 3 et 4\n", None, false, "p. {n}"),
            "<p>prix\u{a0}: 3 et 4</p>\n"
        );
    }
}
