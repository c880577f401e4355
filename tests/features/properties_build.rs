//! Property tests of whole builds (issue #18): a small dossier whose document, actor and
//! event bodies are generated Markdown (raw HTML, unclosed comments, deep brackets, Tera
//! syntax, control characters) always builds to an outcome, never a panic; `check` finds
//! what `build` finds; and a site that builds keeps every cited passage's anchor, every
//! internal link and no script from the content.
//!
//! Bounded for CI; `PROPTEST_CASES=2000 cargo test --release properties_build` runs longer.

use std::collections::{BTreeMap, HashSet};

use dossier::diagnostic::Diagnostic;
use proptest::prelude::*;
use scraper::Html;

use crate::harness::{Project, Site, broken_links, file_for, proptest_config, sel};

/// What content has used to break Markdown renderers, sanitisers and link checks. Script
/// payloads call `fuzzpwn`, so that one surviving in a page is easy to find.
const SNIPPETS: &[&str] = &[
    "<script>fuzzpwn()</script>",
    "<img src=x onerror=fuzzpwn()>",
    "<a href=\"javascript:fuzzpwn()\">j</a>",
    "<a href=\"JaVaScRiPt&colon;fuzzpwn()\">j</a>",
    "<svg><script>fuzzpwn()</script></svg>",
    "<iframe src=\"data:text/html,fuzzpwn\"></iframe>",
    "<style>*{}</style>",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<details><summary>s</summary>",
    "</details>",
    // not `q-…`: a raw id in the passages' namespace takes their anchor (see the ignored
    // test below)
    "<mark id=\"own-anchor\">",
    "</mark>",
    "<span id=\"dup\">",
    "</span>",
    // an attribute left open takes what follows (found here, fixed in `raw_html`); written
    // with `'`, as `title="` in text hides the links after it from the build's link check
    // (see the ignored test below)
    "<p title='",
    "\"",
    "```",
    "~~~rust",
    "    indented code",
    "> ",
    "- ",
    "1. ",
    "* * *",
    "| a | b |\n|---|---|\n| c | d |",
    // a footnote reference; each body may end with its definition (see `footnoted`)
    "[^n]",
    "[[alpha]]",
    "[[alpha|A]]",
    "[[doc]]",
    "[[cited]]",
    "[[",
    "]]",
    "[[[[[[[[[[[[",
    "]]]]]]]]]]]]",
    "[a link](/actors/alpha/)",
    "<https://example.com/>",
    "# ",
    "## Alpha heading",
    "**",
    "_",
    "`",
    "&amp;",
    "&#0;",
    "&#x1b;",
    "&lt;script&gt;",
    "\\",
    "Alpha",
    "Alpha Org",
    "{{ site.title }}",
    "{% if true %}",
    "<",
    ">",
    "&",
    "\u{0}",
    "\u{1b}[2K",
    "\r\n",
    "\u{200b}",
    "\u{ad}",
    "“",
    "’",
    "…",
    "\u{a0}",
    "\n",
    "\n\n",
    "  \n",
];

/// The passage the document's own event quotes, and its anchor's id.
const MARKER: &str = "fuzz marker passage";
/// The passage the standalone event quotes, written in the body in several ways.
const SECOND: &str = "second cited words here";

/// A Markdown body: snippets and words joined by nothing, spaces or line breaks.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(SNIPPETS).prop_map(String::from),
        2 => "[a-zA-Z ,.]{1,20}",
        // no `=`: with a `"` it would write `x="` in text (see the ignored test below)
        1 => any::<String>().prop_map(|s| s.chars().filter(|&c| c != '=').take(12).collect()),
    ];
    let sep = prop::sample::select(&["", " ", "\n", "\n\n"][..]);
    prop::collection::vec((piece, sep), 0..24).prop_map(|pieces| {
        pieces
            .into_iter()
            .flat_map(|(piece, sep)| [piece, sep.to_string()])
            .collect()
    })
}

/// `text` with its footnote references named `label`, and their definition when `noted`.
/// Each body has its own label: two bodies shown on one page with the same footnote name
/// collide (see the ignored test below), and a body defining a note twice is its author's
/// mistake.
fn footnoted(text: &str, label: &str, noted: bool) -> String {
    let text = text.replace("[^n]", &format!("[^{label}]"));
    if noted {
        format!("{text}\n\n[^{label}]: a note\n")
    } else {
        text
    }
}

/// `text` with `passage` put in at a random line, as its own paragraph.
fn with_passage(text: &str, at: prop::sample::Index, passage: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = at.index(lines.len() + 1);
    let mut out = lines[..at].join("\n");
    out.push_str(&format!("\n\n{passage}\n\n"));
    out.push_str(&lines[at..].join("\n"));
    out
}

/// A TOML string literal.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A small dossier: an actor, a document declaring an event that quotes it, and a
/// standalone event quoting it too; every body generated.
#[derive(Debug, Clone)]
struct Mini {
    text_document: bool,
    document_body: String,
    actor_body: String,
    event_body: String,
    title: String,
}

fn mini() -> impl Strategy<Value = Mini> {
    (
        any::<bool>(),
        (
            body(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
        ),
        body(),
        body(),
        any::<String>(),
        any::<[bool; 3]>(),
        prop::sample::select(
            &[
                SECOND,
                "*second* cited words here",
                "second cited\nwords here",
                "second “cited” words here",
                "[second cited words here](/actors/alpha/)",
                "<b>second cited</b> words here",
                "`second cited words here`",
            ][..],
        ),
    )
        .prop_map(
            |(text_document, (body, at, at2), actor_body, event_body, title, noted, second)| {
                let body = with_passage(&with_passage(&body, at, MARKER), at2, second);
                Mini {
                    text_document,
                    document_body: footnoted(&body, "d", noted[0]),
                    actor_body: footnoted(&actor_body, "a", noted[1]),
                    event_body: footnoted(&event_body, "e", noted[2]),
                    title,
                }
            },
        )
}

impl Mini {
    fn write(&self) -> Project {
        let project = Project::empty();
        project.write(
            "dossier.toml",
            "title = \"Fuzz\"\nlanguage = \"en\"\nbase_url = \"https://example.org/\"\n",
        );
        project.write(
            "content/actors/alpha.md",
            format!(
                "+++\nname = \"Alpha Org\"\nkind = \"organisation\"\naliases = [\"Alpha\"]\n+++\n{}",
                self.actor_body
            ),
        );
        let extension = if self.text_document { "txt" } else { "md" };
        project.write(
            &format!("content/documents/doc.{extension}"),
            format!(
                "+++\ntitle = {}\ndate = \"2020-05\"\nauthors = [\"alpha\"]\n\n[[events]]\nid = \"marked\"\n\
                 date = \"2020-05-01\"\ntitle = \"Marked\"\nactors = [\"alpha\"]\nquote = \"{MARKER}\"\n+++\n{}",
                toml_string(&self.title),
                self.document_body
            ),
        );
        project.write(
            "content/events/cited.md",
            format!(
                "+++\ntitle = \"Cited\"\ndate = \"2020-06\"\nactors = [\"alpha\"]\n\
                 sources = [{{ document = \"doc\", quote = \"{SECOND}\" }}]\n+++\n{}",
                self.event_body
            ),
        );
        project
    }
}

/// Problems with a page of a site that built: a script, event handler or `javascript:`
/// URL from the content.
fn unsafe_markup(file: &str, html: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for element in html.select(&sel("*")) {
        let name = element.value().name();
        if matches!(name, "script" | "iframe" | "object" | "embed")
            && element.html().contains("fuzzpwn")
        {
            problems.push(format!("{file}: <{name}> from the content"));
        }
        for (attr, value) in element.value().attrs() {
            // a URL, not a title that merely reads `javascript:`
            let url = matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "poster" | "srcset"
            );
            if attr.starts_with("on") || url && value.to_ascii_lowercase().contains("javascript:") {
                problems.push(format!("{file}: {attr}=\"{value}\" on <{name}>"));
            }
        }
    }
    problems
}

/// Links whose `#fragment` names more than one element of their page: a reader following
/// them lands on the first, which may not be the passage cited.
fn ambiguous_fragments(pages: &BTreeMap<String, Html>) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, html) in pages {
        for a in html.select(&sel("a[href*=\"#\"]")) {
            let Some((path, fragment)) = a.attr("href").and_then(|h| h.split_once('#')) else {
                continue;
            };
            let target = match path {
                "" => file.clone(),
                p if p.starts_with('/') => file_for(p),
                _ => continue,
            };
            let Some(page) = pages.get(&target) else {
                continue;
            };
            let named = page
                .select(&sel("[id]"))
                .filter(|e| e.value().id() == Some(fragment))
                .count();
            if named > 1 {
                problems.push(format!(
                    "{file}: `#{fragment}` names {named} elements of {target}"
                ));
            }
        }
    }
    problems
}

/// Every page of `site`, parsed.
fn pages(site: &Site) -> BTreeMap<String, Html> {
    site.html_files()
        .into_iter()
        .map(|f| {
            let html = Html::parse_document(&site.text(&f));
            (f, html)
        })
        .collect()
}

/// Messages of diagnostics, to compare a check with a build.
fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| format!("{}:{:?}: {}", d.file.display(), d.span, d.message))
        .collect()
}

impl Mini {
    /// The two cited passages in a Markdown document, the actor's profile and the event's
    /// description as given: the setting of the known-defect tests below.
    fn plain(actor_body: &str, event_body: &str) -> Mini {
        Mini {
            text_document: false,
            document_body: format!("{MARKER}\n\n{SECOND}\n"),
            actor_body: actor_body.into(),
            event_body: event_body.into(),
            title: "Doc".into(),
        }
    }
}

/// Everything a site that built must satisfy: links resolve, the passages the events cite
/// are marked with the anchors they link to, and nothing executable came from the content.
fn check_site(site: &Site) -> Result<(), TestCaseError> {
    let broken = broken_links(site, "/");
    prop_assert!(
        broken.is_empty(),
        "broken links in a site that built: {broken:#?}"
    );
    let document = site.page("documents/doc/");
    let marks: HashSet<String> = document
        .select(&sel("mark[id]"))
        .filter_map(|m| m.value().id().map(String::from))
        .collect();
    let timeline = site.page("timeline/");
    let cited: Vec<String> = timeline
        .select(&sel("a[href^=\"/documents/doc/#\"]"))
        .filter_map(|a| a.attr("href")?.split_once('#').map(|(_, f)| f.to_string()))
        .collect();
    prop_assert!(cited.len() >= 2, "the timeline links to {cited:?} only");
    // `#l-…` anchors mark the place of a [[link]] listed under its target, not a passage
    for anchor in cited.iter().filter(|a| !a.starts_with("l-")) {
        prop_assert!(
            marks.contains(anchor),
            "#{anchor} is not a marked passage of the document; marks: {marks:?}"
        );
    }
    let pages = pages(site);
    for (file, html) in &pages {
        let problems = unsafe_markup(file, html);
        prop_assert!(problems.is_empty(), "{problems:#?}");
    }
    let ambiguous = ambiguous_fragments(&pages);
    prop_assert!(ambiguous.is_empty(), "{ambiguous:#?}");
    Ok(())
}

proptest! {
    #![proptest_config(proptest_config(48))]

    #[test]
    fn any_generated_dossier_builds_to_an_outcome_and_keeps_its_anchors(mini in mini()) {
        let project = mini.write();
        let checked = dossier::check(&project.options())
            .map_err(|e| TestCaseError::fail(format!("check failed outside the content: {e}")))?;
        let site = project.build_site();
        let report = site.outcome.report(false);
        prop_assert!(!report.contains(|c: char| c.is_control() && c != '\n' && c != '\t'),
            "a control character reached the report:\n{report:?}");
        prop_assert_eq!(messages(&checked.diagnostics), messages(&site.outcome.diagnostics));
        if site.outcome.failed() {
            prop_assert!(!site.dir.exists(), "a failed build wrote {}", site.dir.display());
        } else {
            check_site(&site)?;
        }
    }
}

/// Raw HTML in a source document may carry `id`s, and the sanitiser keeps them; one that
/// repeats a cited passage's anchor (`q-…`) comes first on the page, so the event's
/// evidence link lands on the source's own element instead of the passage. Found by the
/// property above. Ignored until the sanitiser tells the page's own ids from the source's:
/// it cleans the body after the passages are marked, so it cannot simply drop `q-` ids.
#[test]
#[ignore = "known: a raw HTML id can take a cited passage's anchor (issue #18 fuzzing)"]
fn a_raw_html_id_never_takes_a_cited_passage_s_anchor() {
    let project = Mini {
        text_document: false,
        document_body: format!(
            "<span id=\"q-fuzz-marker-passage\">not the passage</span>\n\n{MARKER}\n\n{SECOND}\n"
        ),
        actor_body: String::new(),
        event_body: String::new(),
        title: "Doc".into(),
    }
    .write();
    let site = project.build_site();
    assert!(!site.outcome.failed(), "{}", site.outcome.report(false));
    let ambiguous = ambiguous_fragments(&pages(&site));
    assert!(ambiguous.is_empty(), "{ambiguous:#?}");
}

/// The build's link check reads `name="value"` attributes without telling tags from text,
/// and pulldown-cmark and the sanitiser write `"` in text unescaped: text reading `title="`
/// (a tag shown as text, code, prose) makes the check take everything up to the next `"`
/// as one attribute value, and the links and anchors in it go unchecked. Found by the
/// property above; the site published an `<img src="x">` that leads nowhere. Ignored until
/// the scan keeps to tags.
#[test]
fn a_broken_link_after_an_attribute_written_in_text_is_reported() {
    let project = Mini::plain("<p title=\"\n\n<img src=x>\n", "").write();
    let site = project.build_site();
    assert!(
        site.outcome.failed(),
        "the site was published with a broken link: {:#?}",
        broken_links(&site, "/")
    );
}

/// The other side of the same scan: text that reads like a link (here HTML quoted in a
/// code span, as a document about web pages has) fails the build as a broken link that
/// no page has.
#[test]
fn a_link_written_in_text_is_not_checked() {
    let project = Mini::plain("A link is written `<a href=\"page.html\">` in HTML.\n", "").write();
    let site = project.build_site();
    assert!(!site.outcome.failed(), "{}", site.outcome.report(false));
}

/// Footnotes are named by their label alone, so two bodies shown on one page (an actor's
/// profile and the events on its page, the events of the timeline, the briefing) that both
/// write `[^1]` link each reference to the first body's note. Found by the property above.
#[test]
#[ignore = "known: footnotes of two bodies on one page share their ids (issue #18 fuzzing)"]
fn footnotes_of_two_bodies_on_one_page_keep_their_own_notes() {
    let project = Mini::plain(
        "The profile[^1].\n\n[^1]: the actor's note\n",
        "The event[^1].\n\n[^1]: the event's note\n",
    )
    .write();
    let site = project.build_site();
    assert!(!site.outcome.failed(), "{}", site.outcome.report(false));
    let ambiguous = ambiguous_fragments(&pages(&site));
    assert!(ambiguous.is_empty(), "{ambiguous:#?}");
}
