//! The JSON-LD node of each page kind, built from the views the page itself shows, so that
//! a page's fingerprint covers its JSON-LD too.

use super::*;
use crate::model::{ActorId, DocId, Document};
use crate::render::context::{ActorLink, DocLink, EventView, PageMeta};
use crate::render::{Site, views};

impl Site<'_, '_> {
    /// An address as JSON-LD gives it: absolute when `base_url` has a host.
    fn ld_url(&self, url: &str) -> String {
        self.urls.absolute(url)
    }

    /// The site's node `@id`: its home page.
    fn ld_site(&self) -> IdRef {
        IdRef {
            id: self.ld_url(&self.urls.home()),
        }
    }

    fn ld_author(&self) -> Option<Named<'_>> {
        let author = self.dossier.settings.author.trim();
        (!author.is_empty()).then_some(Named { name: author })
    }

    fn ld_actor_ref<'s>(&self, link: &'s ActorLink<'s>) -> NamedRef<'s> {
        NamedRef {
            kind: agent_type(link.kind),
            id: self.ld_url(&link.url),
            name: link.name,
        }
    }

    fn ld_doc_ref<'s>(&self, link: &'s DocLink<'s>) -> NamedRef<'s> {
        NamedRef {
            kind: work_type(link.kind),
            id: self.ld_url(&link.url),
            name: link.title,
        }
    }

    /// A page that is not about one thing, of schema.org type `kind`.
    pub(in crate::render) fn ld_page<'s>(
        &'s self,
        kind: &'static str,
        page: &PageMeta<'s>,
        list: Option<ItemList<'s>>,
    ) -> WebPage<'s> {
        WebPage {
            kind,
            id: page.permalink.clone(),
            url: page.permalink.clone(),
            name: page.title.clone(),
            description: page.description,
            in_language: page.lang,
            author: (kind == "Report").then(|| self.ld_author()).flatten(),
            is_part_of: self.ld_site(),
            main_entity: list,
        }
    }

    /// The first [`LISTED`] of `items`, numbered, with how many there are.
    fn ld_list<'s>(items: impl ExactSizeIterator<Item = Item<'s>>) -> ItemList<'s> {
        ItemList {
            kind: "ItemList",
            number_of_items: items.len(),
            item_list_element: items
                .take(LISTED)
                .enumerate()
                .map(|(i, item)| ListItem {
                    kind: "ListItem",
                    position: i + 1,
                    item,
                })
                .collect(),
        }
    }

    /// The overview: the site, with its search page.
    pub(in crate::render) fn ld_website(&self) -> WebSite<'_> {
        let s = &self.dossier.settings;
        let home = self.ld_url(&self.urls.home());
        WebSite {
            kind: "WebSite",
            id: home.clone(),
            url: home,
            name: &s.title,
            description: &s.description,
            in_language: &s.language,
            author: self.ld_author(),
            potential_action: SearchAction {
                kind: "SearchAction",
                target: self.ld_url(&self.urls.path("search/?q={q}")),
                query_input: "required name=q",
            },
        }
    }

    /// A page of a listing or a tag: its documents, actors and events, in its order.
    pub(in crate::render) fn ld_listed<'s>(
        &'s self,
        documents: &[&'s DocLink<'s>],
        actors: &[&'s ActorLink<'s>],
        events: &[&'s EventView<'s>],
    ) -> ItemList<'s> {
        let documents = documents.iter().map(|d| self.ld_doc_ref(d));
        let actors = actors.iter().map(|a| self.ld_actor_ref(a));
        let events = events.iter().map(|e| NamedRef {
            kind: "Event",
            id: self.ld_url(&e.url),
            name: e.title,
        });
        let all: Vec<Item<'s>> = documents
            .chain(actors)
            .chain(events)
            .map(Item::Ref)
            .collect();
        Self::ld_list(all.into_iter())
    }

    /// The actor index: its actors, by kind as the page groups them.
    pub(in crate::render) fn ld_actors<'s>(&'s self, shown: &[&'s ActorLink<'s>]) -> ItemList<'s> {
        Self::ld_list(shown.iter().map(|a| Item::Ref(self.ld_actor_ref(a))))
    }

    /// The events of a timeline page (`shown`) in order, each with its actors and cited
    /// passages by `@id`.
    pub(in crate::render) fn ld_timeline(&self, shown: std::ops::Range<usize>) -> ItemList<'_> {
        let d = self.dossier;
        let events = shown
            .map(|i| (&d.events[i], self.events.get(i)))
            .map(|(e, view)| {
                Item::Event(Event {
                    kind: "Event",
                    id: self.ld_url(&view.url),
                    name: &e.title,
                    start_date: e.date.start.to_string(),
                    end_date: e.date.end.map(|end| end.to_string()),
                    location: (!e.place.is_empty()).then_some(Place {
                        kind: "Place",
                        name: &e.place,
                    }),
                    performer: (e.actors.iter())
                        .map(|a| IdRef {
                            id: self.ld_url(&self.links.actors[a.0].url),
                        })
                        .collect(),
                    subject_of: (view.sources.iter())
                        .map(|s| IdRef {
                            id: self.ld_url(&s.url),
                        })
                        .collect(),
                })
            });
        Self::ld_list(events)
    }

    /// A document page: the document, its authors, the actors and events it concerns, its
    /// cited passages and its provenance.
    pub(in crate::render) fn ld_document(&self, id: DocId) -> CreativeWork<'_> {
        let doc: &Document = self.dossier.document(id);
        let link = &self.links.documents[id.0];
        let url = self.ld_url(&link.url);
        let source = &doc.source;
        let mut archives: Vec<&crate::model::Archive> = source.archives.iter().collect();
        archives.sort_by(|a, b| b.captured_at.cmp(&a.captured_at));
        let actors = |ids: &[ActorId]| -> Vec<NamedRef<'_>> {
            (ids.iter())
                .map(|a| self.ld_actor_ref(&self.links.actors[a.0]))
                .collect()
        };
        CreativeWork {
            kind: work_type(&doc.kind),
            id: url.clone(),
            name: &doc.title,
            genre: &doc.kind,
            date_published: doc.date.map(|w| w.start.to_string()),
            in_language: &doc.lang,
            summary: &doc.summary,
            keywords: &doc.tags,
            author: actors(&doc.authors),
            publisher: source.publisher.as_deref().map(|name| Organization {
                kind: "Organization",
                name,
            }),
            same_as: source.url.as_deref(),
            archived_at: archives.iter().map(|a| a.url.as_str()).collect(),
            associated_media: source.original.as_deref().map(|o| {
                let view = views::original_view(o, None, self.urls, &self.theme.strings);
                MediaObject {
                    kind: "MediaObject",
                    content_url: self.ld_url(&view.url),
                    encoding_format: match view.media_type {
                        "" => &o.format,
                        media_type => media_type,
                    },
                    content_size: format!("{} B", o.size),
                    sha256: &o.sha256,
                }
            }),
            about: (doc.events.iter())
                .map(|e| EventRef {
                    kind: "Event",
                    id: self.ld_url(&self.events[e.0].url),
                    name: &self.dossier.event(*e).title,
                    start_date: self.dossier.event(*e).date.start.to_string(),
                })
                .collect(),
            mentions: actors(&doc.actors),
            has_part: (doc.passages.iter())
                .map(|p| Quotation {
                    kind: "Quotation",
                    id: format!("{url}#{}", p.anchor),
                    text: &p.text,
                })
                .collect(),
            url,
            is_part_of: self.ld_site(),
        }
    }

    /// An actor page: the actor, typed by its kind.
    pub(in crate::render) fn ld_actor(&self, id: ActorId) -> Agent<'_> {
        let actor = self.dossier.actor(id);
        let url = self.ld_url(&self.links.actors[id.0].url);
        let kind = agent_type(&actor.kind);
        let country = (!actor.country.is_empty()).then_some(actor.country.as_str());
        Agent {
            kind,
            id: url.clone(),
            main_entity_of_page: IdRef { id: url.clone() },
            url,
            name: &actor.name,
            alternate_name: &actor.aliases,
            description: &actor.description,
            address: country
                .filter(|_| kind != "Country" && kind != "Thing")
                .map(|c| PostalAddress {
                    kind: "PostalAddress",
                    address_country: c,
                }),
            identifier: country.filter(|_| kind == "Country"),
        }
    }

    /// The data page: the open data as a `Dataset`, each file a `DataDownload`.
    pub(in crate::render) fn ld_dataset<'s>(
        &'s self,
        page: &PageMeta<'s>,
        files: &[crate::render::data::DataFileView<'s>],
    ) -> Dataset<'s> {
        let s = &self.dossier.settings;
        let events = &self.dossier.events;
        let first = events.iter().map(|e| e.date.start).min();
        let last = (events.iter())
            .map(|e| e.date.end.unwrap_or(e.date.start))
            .max();
        Dataset {
            kind: "Dataset",
            id: page.permalink.clone(),
            url: page.permalink.clone(),
            name: format!("{}: {}", s.title, page.title),
            description: match s.description.trim() {
                "" => page.title.to_string(),
                d => d.to_string(),
            },
            in_language: &s.language,
            license: page_license(s.license.as_deref()),
            is_accessible_for_free: true,
            creator: self.ld_author(),
            temporal_coverage: first.zip(last).map(|(a, b)| format!("{a}/{b}")),
            distribution: (files.iter())
                .map(|f| DataDownload {
                    kind: "DataDownload",
                    name: f.name,
                    description: f.label,
                    content_url: self.ld_url(&f.url),
                    encoding_format: f.media_type,
                    content_size: format!("{} B", f.bytes),
                })
                .collect(),
            is_part_of: self.ld_site(),
        }
    }
}

/// The licence as `dossier.toml` gives it, when it gives one.
fn page_license(license: Option<&str>) -> Option<&str> {
    license.map(str::trim).filter(|l| !l.is_empty())
}

impl Site<'_, '_> {
    /// `node` as the text of the page's `<script type="application/ld+json">`.
    pub(in crate::render) fn json_ld(
        &self,
        node: impl Serialize,
    ) -> Result<String, crate::diagnostic::Diagnostic> {
        script(node).map_err(|why| {
            crate::diagnostic::Diagnostic::error(
                std::path::Path::new("templates/base.html"),
                0..0,
                format!("could not write a page's JSON-LD: {why}"),
                "this is a bug in dossier; please report it",
            )
        })
    }
}
