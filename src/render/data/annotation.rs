//! Cited passages as W3C Web Annotations (https://www.w3.org/TR/annotation-model/): the
//! event is the body, the passage of the document the target.
//!
//! One annotation per passage, its id the passage's anchor on the document page (unique
//! in the site); the body is the URL of the event citing it (or of the relation, on its
//! actor's page), or a list of URLs when several cite the same passage. The motivation is `linking`: the annotation links the
//! passage to a resource about it (the event), rather than describing it in words.
//!
//! The target selects the passage twice, as alternatives: by quote (`TextQuoteSelector`,
//! with a few dozen characters each side) and by position (`TextPositionSelector`), in
//! Unicode code points of the document's `text` as `dossier.json` gives it, so that
//! `text.chars()[start..end] == exact`. In a paged document the target also says the pages
//! the passage is on: `page` (first page, from 1) and, when it runs onto another, `pageEnd`.

use serde::Serialize;

use super::Urls;
use super::absolute;
use crate::model::{Document, Dossier, RelationId};

/// How many characters of text the quote selector keeps on each side of the passage.
const AROUND: usize = 32;

/// The JSON-LD context of the Web Annotation data model.
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// A Web Annotation of one cited passage.
#[derive(Debug, Serialize)]
pub struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    /// The passage's URL: the document page, at the passage's anchor.
    pub id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Body,
    target: Target<'a>,
}

/// The event citing the passage, or the events when there are several.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Body {
    One(String),
    Many(Vec<String>),
}

/// The passage, in its document.
#[derive(Debug, Serialize)]
struct Target<'a> {
    source: String,
    selector: [Selector<'a>; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(rename = "pageEnd", skip_serializing_if = "Option::is_none")]
    page_end: Option<u32>,
}

/// The two ways the passage is selected.
#[derive(Debug, Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// Counts code points up to byte offsets of a text, carrying on from the last offset when
/// the next one is further (passages come in text order), so a document is walked once.
struct CharCount<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl CharCount<'_> {
    /// The number of code points before byte `at` (a character boundary).
    fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

/// The annotations of every passage of `doc`, in text order.
pub fn of_document<'a>(
    dossier: &'a Dossier,
    doc: &'a Document,
    urls: &Urls,
) -> Vec<Annotation<'a>> {
    let text: &str = &doc.body.text;
    let page = absolute(urls, &urls.document(&doc.id));
    let mut count = CharCount {
        text,
        byte: 0,
        chars: 0,
    };
    doc.passages
        .iter()
        .filter(|p| text.is_char_boundary(p.range.start) && text.is_char_boundary(p.range.end))
        .filter(|p| p.range.start <= p.range.end && p.range.end <= text.len())
        .map(|passage| {
            let range = passage.range.clone();
            let (start, end) = (count.at(range.start), count.at(range.end));
            let before = &text[..range.start];
            let after = &text[range.end..];
            let prefix_at = before
                .char_indices()
                .rev()
                .nth(AROUND - 1)
                .map_or(0, |(i, _)| i);
            let suffix_end = after
                .char_indices()
                .nth(AROUND)
                .map_or(after.len(), |(i, _)| i);
            let events =
                (passage.events.iter()).map(|e| absolute(urls, &urls.event(&dossier.event(*e).id)));
            let relations = (passage.relations.iter()).map(|r| relation_url(dossier, *r, urls));
            let mut citers: Vec<String> = events.chain(relations).collect();
            let body = match citers.len() {
                1 => Body::One(citers.remove(0)),
                _ => Body::Many(citers),
            };
            let pages = passage.pages;
            Annotation {
                context: CONTEXT,
                id: format!("{page}#{}", passage.anchor),
                kind: "Annotation",
                motivation: "linking",
                body,
                target: Target {
                    source: page.clone(),
                    selector: [
                        Selector::TextQuoteSelector {
                            exact: &text[range],
                            prefix: &before[prefix_at..],
                            suffix: &after[..suffix_end],
                        },
                        Selector::TextPositionSelector { start, end },
                    ],
                    page: pages.map(|p| p.first),
                    page_end: pages.filter(|p| p.last != p.first).map(|p| p.last),
                },
            }
        })
        .collect()
}

/// Where relation `r` is shown: on its declaring actor's page, at its anchor.
pub fn relation_url(dossier: &Dossier, r: RelationId, urls: &Urls) -> String {
    let actor = dossier.actor(r.actor);
    let anchor = crate::render::views::relation_anchor(dossier, actor, r.index);
    format!("{}#{anchor}", absolute(urls, &urls.actor(&actor.id)))
}

#[cfg(test)]
mod tests {
    use super::CharCount;

    #[test]
    fn char_count_counts_code_points_forwards_and_back() {
        let text = "é😀a b";
        let mut count = CharCount {
            text,
            byte: 0,
            chars: 0,
        };
        assert_eq!(count.at(2), 1);
        assert_eq!(count.at(6), 2);
        assert_eq!(count.at(8), 4);
        assert_eq!(count.at(2), 1);
    }
}
