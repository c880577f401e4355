//! Contexts of evidence and mentions: a document's cited passages as short references, and
//! the snippets of text that name an actor, merged where they overlap.

use serde::Serialize;

use super::shared::once;
use super::{DocLink, RelationRef};

/// A short reference to a cited passage on its document's page: `§2`, which reveals the
/// passage's words on hover and focus.
#[derive(Debug, Clone, Serialize)]
pub struct PassageRef {
    /// Its number in the document, `2` for `§2`.
    pub number: usize,
    /// Its anchor on the page.
    pub anchor: String,
    /// The passage between the quotation marks of its language.
    pub quoted: String,
    /// The pages it is on in a paged document: `p. 2`.
    pub pages: Option<String>,
    /// The address of that page in the original PDF (`…/letter.pdf#page=2`).
    pub original_page: Option<String>,
}

/// A relation that a document's passages support, with the references to them.
#[derive(Debug, Serialize)]
pub struct CitedRelation<'a> {
    /// The relation.
    pub relation: RelationRef<'a>,
    /// The passages of the document it cites, in text order.
    pub passages: Vec<PassageRef>,
}

/// A piece of a snippet: text, or a name linked to its mention on the document page.
#[derive(Debug)]
pub struct SnippetPart<'a> {
    /// The text.
    pub text: std::borrow::Cow<'a, str>,
    /// For a name, the link to the mention; empty for text between names.
    pub url: String,
}

/// Words around one or more mentions close enough to share them.
#[derive(Debug)]
pub struct Snippet<'a> {
    /// Text and names, in order.
    pub parts: Vec<SnippetPart<'a>>,
}

/// A snippet as the page shows it: `html`, its text escaped and each name a link to its
/// mention, `<a class="mention-name" href="…"><mark>Name</mark></a>`, as a document's text
/// is written by the renderer rather than by a template. Looped over in a template, the
/// parts of 75,000 snippets were a tenth of what actor pages cost at 10,000 documents
/// (callgrind, bench/README.md).
#[derive(Debug, Serialize)]
pub struct SnippetView {
    /// The snippet's HTML.
    pub html: String,
}

impl From<&Snippet<'_>> for SnippetView {
    fn from(snippet: &Snippet<'_>) -> SnippetView {
        use crate::render::escape::escape_into;
        let mut html = String::new();
        for part in &snippet.parts {
            if part.url.is_empty() {
                escape_into(&part.text, &mut html);
            } else {
                html.push_str("<a class=\"mention-name\" href=\"");
                escape_into(&part.url, &mut html);
                html.push_str("\"><mark>");
                escape_into(&part.text, &mut html);
                html.push_str("</mark></a>");
            }
        }
        SnippetView { html }
    }
}

/// The snippets of one document that name an actor.
#[derive(Debug, Serialize)]
pub struct SnippetGroup<'a> {
    /// The document.
    #[serde(serialize_with = "once")]
    pub document: &'a DocLink<'a>,
    /// The snippets shown at once.
    pub shown: Vec<SnippetView>,
    /// The rest, collapsed.
    pub more: Vec<SnippetView>,
    /// How many mentions the snippets hold.
    pub mentions: usize,
}
