//! Bodies to HTML: Markdown through pulldown-cmark, plain text as paragraphs, both painted.
//!
//! One pass over the Markdown events rewrites what needs rewriting: `[[id]]` links become
//! links to pages, fenced code is highlighted, prose runs are painted with marks and
//! mentions, and dangerous link schemes are neutralised. Raw HTML from untrusted sources
//! is sanitised with ammonia unless the dossier trusts it.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::escape::{escape, escape_into};
use super::highlight;
use super::paint::Painter;
use super::raw_html;
use super::urls::Urls;
use crate::model::{Body, Dossier, Format, Target};
use crate::resolve::prose::{self, markdown_options};

/// Renders bodies for one dossier.
pub struct BodyRenderer<'a> {
    /// The dossier, for `[[id]]` links.
    pub dossier: &'a Dossier,
    /// URL builder.
    pub urls: &'a Urls,
}

impl BodyRenderer<'_> {
    /// A body as HTML, with `painter` applied to its prose when given.
    pub fn render(&self, body: &Body, painter: Option<&Painter>) -> String {
        match body.format {
            Format::Markdown => self.markdown(&body.text, painter),
            Format::Text => plain(&body.text, painter),
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
            painter,
            code: None,
            links: Vec::new(),
            skip_label: false,
            raw_html: false,
            html_block: None,
            scratch: String::new(),
        };
        let mut html = String::with_capacity(text.len() * 3 / 2);
        // Events are rewritten as the HTML writer asks for them, never collected.
        let events = Parser::new_ext(text, markdown_options())
            .into_offset_iter()
            .filter_map(|(event, range)| pass.event(event, range));
        pulldown_cmark::html::push_html(&mut html, events);
        if pass.raw_html && !self.dossier.settings.unsafe_html {
            SANITISER.clean(&html).to_string()
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
    painter: Option<&'r Painter<'r>>,
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
}

impl<'t> Rewrite<'_, 't> {
    /// Whether raw HTML goes through the sanitiser (the dossier does not trust its sources).
    fn sanitising(&self) -> bool {
        !self.renderer.dossier.settings.unsafe_html
    }

    /// The event to write in place of `event`, if any.
    fn event(&mut self, event: Event<'t>, range: Range<usize>) -> Option<Event<'t>> {
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
                let html = match self.renderer.target(&dest_url) {
                    Some((url, label)) => {
                        self.skip_label = !has_pothole;
                        let mut a = format!("<a class=\"xref\" href=\"{}\">", escape(&url));
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
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            Event::Text(_) if self.skip_label => return None,
            Event::Text(t) => match self.painter {
                Some(p) => {
                    let html = &mut self.scratch;
                    html.clear();
                    if self.text.get(range.clone()) == Some(&*t) {
                        p.paint(&t, range, html);
                    } else {
                        p.paint_opaque(&t, range, html);
                    }
                    // copied out at its size: a `String` would be shrunk to a `Box<str>`
                    Event::InlineHtml(CowStr::Boxed(html.as_str().into()))
                }
                None => Event::Text(t),
            },
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
}

/// Plain text: blank lines separate paragraphs, line breaks are kept.
fn plain(text: &str, painter: Option<&Painter>) -> String {
    let prose = prose::extract(text, Format::Text);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let mut block = 0;
    for run in &prose.runs {
        if run.block != block {
            if block != 0 {
                html.push_str("</p>\n");
            }
            html.push_str("<p>");
            block = run.block;
        } else {
            html.push_str("<br>\n");
        }
        let start = html.len();
        let shown = run.text(text);
        match painter {
            Some(p) => p.paint(shown, run.range.clone(), &mut html),
            None => escape_into(shown, &mut html),
        }
        // Text copied from PDFs may use no-break spaces between all words, which would make
        // each line one unbreakable word; such lines are shown with ordinary spaces.
        if shown.matches('\u{a0}').count() > shown.matches(' ').count() {
            let line = html.split_off(start).replace('\u{a0}', " ");
            html.push_str(&line);
        }
    }
    if block != 0 {
        html.push_str("</p>\n");
    }
    html
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

/// The tags the sanitiser keeps, for [`super::raw_html`].
pub(super) fn kept_tags() -> HashSet<&'static str> {
    SANITISER.clone_tags()
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["class", "id", "lang", "dir", "title"])
        .add_tags(["mark", "figure", "figcaption", "details", "summary", "time"])
        .add_tag_attributes("pre", ["data-lang"])
        .add_tag_attributes("time", ["datetime"])
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "ftp"]));
    b
});

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
            plain("a <b>\nc\n\n\nd\n", None),
            "<p>a &lt;b&gt;<br>\nc</p>\n<p>d</p>\n"
        );
    }

    #[test]
    fn lines_spaced_only_with_no_break_spaces_can_wrap() {
        assert_eq!(plain("a\u{a0}b\u{a0}c\n", None), "<p>a b c</p>\n");
        assert_eq!(
            plain("prix\u{a0}: 3 et 4\n", None),
            "<p>prix\u{a0}: 3 et 4</p>\n"
        );
    }
}
