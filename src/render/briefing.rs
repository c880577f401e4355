//! The printable briefing: the whole dossier on one page, in reading order (overview,
//! timeline, actors, documents), with every citation linked to its passage on the page.
//!
//! Documents are numbered `D1`, `D2`, … oldest first, and their cited passages `§1`, `§2`,
//! … in text order, so that a printed citation (`D3 §2`) can be followed on paper. Ids in
//! document bodies are prefixed with the document's number, as several bodies share the
//! page. Past [`FULL_TEXT_BUDGET`] bytes of source text, documents are shown by their
//! metadata and cited passages only; past [`MAX_EVENTS`] events or [`MAX_DOCUMENTS`]
//! documents, which no one would print, the briefing keeps the overview and the actors
//! and sends the reader to the timeline and document pages.

use super::context::{
    BriefingActor, BriefingActorGroup, BriefingCitation, BriefingDocument, BriefingEvent,
    BriefingName, BriefingPage, BriefingPassage, BriefingRelation, BriefingYear, EventRef,
    SourceView,
};
use super::paint::Painter;
use super::urls::file_for;
use super::{OutputFile, Site};
use crate::diagnostic::Diagnostic;
use crate::model::{ACTOR_KINDS, Citation, DocId, Dossier};
use std::borrow::Cow;

/// Source text (bytes, all documents together) up to which the briefing prints every
/// document in full: about a thousand printed pages.
pub const FULL_TEXT_BUDGET: usize = 2_000_000;
/// Events up to which the briefing holds the timeline and the documents (some 600 pages).
pub const MAX_EVENTS: usize = 3_000;
/// Documents up to which the briefing holds the timeline and the documents.
pub const MAX_DOCUMENTS: usize = 3_000;

/// The numbering of documents in the briefing: oldest first.
struct Numbers(Vec<usize>);

impl Numbers {
    fn new(dossier: &Dossier) -> Numbers {
        // the numbering every page's short references use
        let numbers =
            (0..dossier.documents.len()).map(|i| super::views::document_number(dossier, DocId(i)));
        Numbers(numbers.collect())
    }

    fn of(&self, doc: DocId) -> usize {
        self.0[doc.0]
    }

    fn passage_anchor(&self, dossier: &Dossier, doc: DocId, passage: usize) -> String {
        let anchor = &dossier.document(doc).passages[passage].anchor;
        format!("d{}-{anchor}", self.of(doc))
    }
}

fn event_anchor(id: &str) -> String {
    format!("ev-{id}")
}

fn actor_anchor(id: &str) -> String {
    format!("a-{id}")
}

impl Site<'_, '_> {
    /// `D2 §1`, document 2's cited passage 1, with its pages in a paged document:
    /// `D2 §1, p. 2`.
    fn passage_reference(&self, numbers: &Numbers, doc: DocId, passage: usize) -> String {
        debug_assert_eq!(
            numbers.of(doc),
            super::views::document_number(self.dossier, doc)
        );
        let mut reference = super::views::reference(self.dossier, doc, passage);
        let pages = self.dossier.document(doc).passages[passage].pages;
        if let Some(pages) = pages {
            reference.push_str(", ");
            reference.push_str(&super::views::pages_text(pages, &self.theme.strings));
        }
        reference
    }

    /// A cited passage in the briefing, linked to its place within it.
    fn briefing_citation<'s>(
        &self,
        numbers: &Numbers,
        source: Cow<'s, SourceView<'s>>,
        c: &Citation,
    ) -> BriefingCitation<'s> {
        BriefingCitation {
            source,
            href: format!(
                "#{}",
                numbers.passage_anchor(self.dossier, c.document, c.passage)
            ),
            reference: self.passage_reference(numbers, c.document, c.passage),
        }
    }

    /// The briefing page.
    pub(super) fn briefing(&self) -> Result<OutputFile, Diagnostic> {
        let dossier = self.dossier;
        let numbers = Numbers::new(dossier);
        let text_size: usize = dossier.documents.iter().map(|d| d.body.text.len()).sum();
        let full_texts = text_size <= FULL_TEXT_BUDGET;
        let complete =
            dossier.events.len() <= MAX_EVENTS && dossier.documents.len() <= MAX_DOCUMENTS;
        let url = self.urls.path("briefing/");
        let has_code = super::has_code(dossier);
        let mut page = self.meta("briefing_title", "briefing", url.clone(), has_code);
        // the dossier's own title (`dossier.toml`), not the overview page's: the briefing is
        // the whole dossier, and its printed pages carry that title in their header
        let title = dossier.settings.title.as_str();
        page.title = title.into();
        page.json_ld = self.json_ld(self.ld_page("Report", &page, None))?;
        let mut documents: Vec<BriefingDocument> = Vec::new();
        if complete {
            documents = (0..dossier.documents.len())
                .rev()
                .map(|i| self.briefing_document(DocId(i), &numbers, full_texts))
                .collect();
        }
        let context = BriefingPage {
            page,
            title,
            running_header: super::escape::css_string(title),
            overview: self.bodies.render(&dossier.overview.body, None),
            years: if complete {
                self.briefing_years(&numbers)
            } else {
                Vec::new()
            },
            actor_groups: self.briefing_actors(&numbers),
            documents,
            full_texts,
            complete,
        };
        self.html("briefing.html", file_for(self.urls, &url), &context)
    }

    fn briefing_years(&self, numbers: &Numbers) -> Vec<BriefingYear<'_>> {
        let mut years: Vec<BriefingYear> = Vec::new();
        for (event, view) in self.dossier.events.iter().zip(self.events) {
            let year = event.date.start.year;
            if years.last().is_none_or(|y| y.year != year) {
                years.push(BriefingYear {
                    year,
                    events: Vec::new(),
                });
            }
            let citations = (view.sources.iter().zip(&event.sources))
                .map(|(source, c)| self.briefing_citation(numbers, Cow::Borrowed(source), c))
                .collect();
            if let Some(y) = years.last_mut() {
                y.events.push(BriefingEvent {
                    anchor: event_anchor(&event.id),
                    title: view.title,
                    date: view.date,
                    place: view.place,
                    status: view.status,
                    status_label: &view.status_label,
                    actors: view
                        .actors
                        .iter()
                        .map(|a| BriefingName {
                            anchor: actor_anchor(a.id),
                            name: a.name,
                        })
                        .collect(),
                    description: &view.description,
                    tags: view.tags,
                    citations,
                });
            }
        }
        years
    }

    fn briefing_actors(&self, numbers: &Numbers) -> Vec<BriefingActorGroup<'_>> {
        ACTOR_KINDS
            .iter()
            .map(|kind| BriefingActorGroup {
                kind,
                label: self.theme.strings.kind(kind, true),
                actors: self
                    .dossier
                    .actors
                    .iter()
                    .zip(&self.links.actors)
                    .filter(|(a, _)| a.kind == *kind)
                    .map(|(a, link)| BriefingActor {
                        actor: link,
                        anchor: actor_anchor(&a.id),
                        aliases: super::views::other_names(a),
                        country: &a.country,
                        relations: (self.relations(a).into_iter().zip(&a.relations))
                            .map(|(mut view, relation)| {
                                let sources = std::mem::take(&mut view.sources);
                                let citations = (sources.into_iter().zip(&relation.sources))
                                    .map(|(s, c)| self.briefing_citation(numbers, Cow::Owned(s), c))
                                    .collect();
                                BriefingRelation {
                                    relation: view,
                                    citations,
                                }
                            })
                            .collect(),
                        profile: self.bodies.render(&a.body, None),
                    })
                    .collect(),
            })
            .filter(|g| !g.actors.is_empty())
            .collect()
    }

    fn briefing_document(
        &self,
        id: DocId,
        numbers: &Numbers,
        full_text: bool,
    ) -> BriefingDocument<'_> {
        let doc = self.dossier.document(id);
        let number = numbers.of(id);
        let body = full_text.then(|| {
            let painter = Painter {
                passages: &doc.passages,
                mentions: &doc.mentions,
                references: &doc.references,
                actor_urls: &self.actor_urls,
            };
            prefix_ids(
                &self.bodies.render(&doc.body, Some(&painter)),
                &format!("d{number}-"),
            )
        });
        BriefingDocument {
            reference: format!("D{number}"),
            anchor: format!("d{number}"),
            document: &self.links.documents[id.0],
            source: self.source_info(doc),
            authors: self.actor_links(&doc.authors),
            body,
            passages: doc
                .passages
                .iter()
                .enumerate()
                .map(|(i, p)| BriefingPassage {
                    number: i + 1,
                    reference: self.passage_reference(numbers, id, i),
                    anchor: numbers.passage_anchor(self.dossier, id, i),
                    text: &p.text,
                    events: p
                        .events
                        .iter()
                        .map(|e| {
                            let event = self.dossier.event(*e);
                            EventRef {
                                anchor: event_anchor(&event.id),
                                title: &event.title,
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Prefixes every `id` and in-page link of rendered `html`, so that bodies can share a page.
/// A bare `#` (a neutralised link) stays the top of the page.
fn prefix_ids(html: &str, prefix: &str) -> String {
    let html = html.replace(" id=\"", &format!(" id=\"{prefix}"));
    let mut out = String::with_capacity(html.len());
    let mut pieces = html.split(" href=\"#");
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str(" href=\"#");
        if !piece.starts_with('"') {
            out.push_str(prefix);
        }
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::prefix_ids;

    #[test]
    fn ids_and_in_page_links_of_a_body_get_the_document_prefix() {
        let html = "<p><mark class=\"cited\" id=\"q-a\">x</mark> <a href=\"#q-a\">y</a> \
                    <a href=\"/actors/b/\">z</a> id=&quot;k&quot; <a href=\"#\">n</a></p>";
        assert_eq!(
            prefix_ids(html, "d2-"),
            "<p><mark class=\"cited\" id=\"d2-q-a\">x</mark> <a href=\"#d2-q-a\">y</a> \
             <a href=\"/actors/b/\">z</a> id=&quot;k&quot; <a href=\"#\">n</a></p>"
        );
    }
}
