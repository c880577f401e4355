//! Page contexts: what each page kind shows, assembled from the shared views.

use serde::Serialize;

use super::context::*;
use super::paint::Painter;
use super::theme::tera_diagnostic;
use super::urls::file_for;
use super::views::{self, linked_from};
use super::{OutputFile, Page, Site, evidence, highlight};
use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::model::{ACTOR_KINDS, ActorId, DocId, Format, Stance};

/// How many recent events and documents the overview lists.
const RECENT: usize = 6;

impl Site<'_, '_> {
    /// Renders one page.
    pub fn page(&self, page: &Page) -> Result<OutputFile, Diagnostic> {
        match *page {
            Page::Overview => self.overview(),
            Page::Listing { listing, page } => self.listing_page(listing as usize, page as usize),
            Page::Tags => self.tags_page(),
            Page::Tag { tag, page } => self.tag_page(tag as usize, page as usize),
            Page::Document(id) => self.document(id),
            Page::Actors => self.actors(),
            Page::Actor(id) => self.actor(id),
            Page::Timeline => self.timeline(),
            Page::TimelinePeriod(i) => self.timeline_period(i),
            Page::TimelineFilter(facet, i) => self.timeline_filter(facet, i),
            Page::TimelineActors => self.timeline_actors(),
            Page::Search => self.search(),
            Page::SearchIndex | Page::SearchShard(_) | Page::SearchChunk(_) => {
                self.search_file(page)
            }
            Page::Briefing => self.briefing(),
            Page::Integrity => self.integrity(),
            Page::Network => self.network_page(),
            Page::NotFound => {
                let mut page = self.meta(
                    "page_not_found",
                    "not-found",
                    self.urls.path("404.html"),
                    false,
                );
                page.json_ld = self.json_ld(self.ld_page("WebPage", &page, None))?;
                self.html("404.html", "404.html".into(), &NotFoundPage { page })
            }
            Page::Feed => self.feed(),
            Page::Sitemap => self.sitemap(),
            Page::Robots => {
                let sitemap = self.urls.absolute(&self.urls.path("sitemap.xml"));
                self.html(
                    "robots.txt",
                    "robots.txt".into(),
                    &serde_json::json!({ "sitemap": sitemap }),
                )
            }
            Page::Highlight => Ok(OutputFile {
                path: "highlight.css".into(),
                bytes: highlight::stylesheet().into_bytes(),
            }),
            Page::NoJekyll => Ok(OutputFile {
                path: ".nojekyll".into(),
                bytes: Vec::new(),
            }),
            Page::Cname => {
                let domain = self
                    .dossier
                    .settings
                    .cname
                    .as_deref()
                    .unwrap_or_default()
                    .trim();
                Ok(OutputFile {
                    path: "CNAME".into(),
                    bytes: format!("{domain}\n").into_bytes(),
                })
            }
            Page::Data(file) => self.data_file(file),
            Page::DataIndex => self.data_page(),
            Page::Asset(i) => {
                let (path, bytes) = &self.theme.assets[i];
                Ok(OutputFile {
                    path: path.clone(),
                    bytes: bytes.clone(),
                })
            }
        }
    }

    pub(super) fn text(&self, key: &'static str) -> &str {
        self.theme
            .strings
            .strings
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
    }

    pub(super) fn meta<'b>(
        &'b self,
        title_key: &'static str,
        kind: &'static str,
        url: String,
        has_code: bool,
    ) -> PageMeta<'b> {
        PageMeta {
            title: self.text(title_key).into(),
            kind,
            permalink: self.urls.absolute(&url),
            url,
            lang: &self.dossier.settings.language,
            description: &self.dossier.settings.description,
            has_code,
            json_ld: String::new(),
        }
    }

    /// Renders `template` with `context` into the file at `path`.
    pub(super) fn html<C: Serialize>(
        &self,
        template: &str,
        path: String,
        context: &C,
    ) -> Result<OutputFile, Diagnostic> {
        let failed = |e: &tera::Error| {
            tera_diagnostic(e, |name| {
                self.theme
                    .files
                    .get(name)
                    .map(|(p, t)| (p.clone(), t.as_str()))
            })
        };
        let ctx = tera::Context::from_serialize(context).map_err(|e| failed(&e))?;
        // Rendered straight to bytes: `Tera::render` would check the whole page is UTF-8
        // again to return a `String`, and pages are only ever written as bytes.
        // A buffer that grows as needed: sizing it from the page's length up front (up to
        // the whole dossier for the timeline and indexes) was measured and dropped, as builds
        // were no faster at 1,000, 10,000 or 100,000 documents (bench/README.md).
        let mut bytes = Vec::new();
        self.tera
            .render_to(template, &ctx, &mut bytes)
            .map_err(|e| failed(&e))?;
        Ok(OutputFile { path, bytes })
    }

    fn overview(&self) -> Result<OutputFile, Diagnostic> {
        let o = &self.dossier.overview;
        let mut page = self.meta(
            "overview",
            "overview",
            self.urls.home(),
            highlight::may_have_code(&o.body.text),
        );
        page.title = o.title.as_str().into();
        page.json_ld = self.json_ld(self.ld_website())?;
        let context = OverviewPage {
            page,
            body: self.bodies.render(&o.body, None),
            recent_events: self.events.iter().rev().take(RECENT).collect(),
            recent_documents: self.links.documents.iter().take(RECENT).collect(),
            weak_points: self.findings().len(),
            integrity: self.urls.path("integrity/"),
            open_data: self.open_data(),
            extra: &o.extra,
        };
        self.html("overview.html", "index.html".into(), &context)
    }

    fn document(&self, id: DocId) -> Result<OutputFile, Diagnostic> {
        let doc = self.dossier.document(id);
        let link = &self.links.documents[id.0];
        let painter = Painter {
            passages: &doc.passages,
            mentions: &doc.mentions,
            references: &doc.references,
            actor_urls: &self.actor_urls,
        };
        let has_code =
            doc.body.format == Format::Markdown && highlight::may_have_code(&doc.body.text);
        let mut page = self.meta("documents", "document", link.url.clone(), has_code);
        page.title = doc.title.as_str().into();
        page.lang = &doc.lang;
        if !doc.summary.is_empty() {
            page.description = &doc.summary;
        }
        page.json_ld = self.json_ld(self.ld_document(id))?;
        let passages: Vec<PassageView> = (doc.passages.iter())
            .map(|p| PassageView {
                anchor: &p.anchor,
                text: &p.text,
                pages: (p.pages).map(|pages| views::pages_text(pages, &self.theme.strings)),
                original_page: views::original_page(doc, p.pages, self.urls),
                events: p.events.iter().map(|e| &self.events[e.0]).collect(),
                relations: p.relations.iter().map(|r| self.relation_ref(*r)).collect(),
            })
            .collect();
        let context = DocumentPage {
            page,
            document: link,
            source: self.source_info(doc),
            authors: self.actor_links(&doc.authors),
            actors: self.actor_links(&doc.actors),
            body: self.bodies.render(&doc.body, Some(&painter)),
            events: doc.events.iter().map(|e| &self.events[e.0]).collect(),
            cited_relations: evidence::cited_relations(&passages, &doc.lang),
            passages,
            linked_from: linked_from(self.dossier, self.links, &doc.linked_from, &doc.title),
            extra: &doc.extra,
        };
        self.html("document.html", file_for(self.urls, &link.url), &context)
    }

    /// Where a document comes from.
    pub(super) fn source_info<'d>(&self, doc: &'d crate::model::Document) -> SourceInfo<'d> {
        let strings = &self.theme.strings;
        let source = &doc.source;
        let mut archives: Vec<&crate::model::Archive> = source.archives.iter().collect();
        archives.sort_by(|a, b| b.captured_at.cmp(&a.captured_at));
        SourceInfo {
            publisher: source.publisher.as_deref(),
            title: source.title.as_deref(),
            url: source.url.as_deref(),
            retrieved: source.retrieved.map(|day| views::day_view(day, strings)),
            original: (source.original.as_deref())
                .map(|o| views::original_view(o, source.note.as_deref(), self.urls, strings)),
            archives: archives
                .into_iter()
                .map(|a| views::archive_view(a, strings))
                .collect(),
        }
    }

    /// Relation `r`, named and linked to its place on its actor's page.
    fn relation_ref(&self, r: crate::model::RelationId) -> RelationRef<'_> {
        let (dossier, links) = (self.dossier, self.links);
        let actor = dossier.actor(r.actor);
        let relation = &actor.relations[r.index];
        let anchor = views::relation_anchor(dossier, actor, r.index);
        RelationRef {
            url: format!("{}#{anchor}", links.actors[r.actor.0].url),
            from: &actor.name,
            label: &relation.label,
            to: &dossier.actor(relation.actor).name,
        }
    }

    /// An actor's relations as shown: outgoing, then incoming.
    pub(super) fn relations<'s>(&'s self, actor: &'s crate::model::Actor) -> Vec<RelationView<'s>> {
        let anchors = views::relation_anchors(self.dossier, actor);
        let view = |(r, anchor): (&'s crate::model::Relation, String)| RelationView {
            actor: &self.links.actors[r.actor.0],
            label: &r.label,
            anchor,
            period: views::period_text(r.since, r.until, &self.theme.strings),
            sources: {
                let says = r.sources.iter().any(|s| s.stance != Stance::Supports);
                (r.sources.iter())
                    .map(|c| self.events.source(c, says))
                    .collect()
            },
            incoming: r.incoming,
        };
        actor.relations.iter().zip(anchors).map(view).collect()
    }

    pub(super) fn actor_links(&self, ids: &[ActorId]) -> Vec<&ActorLink<'_>> {
        ids.iter().map(|a| &self.links.actors[a.0]).collect()
    }

    fn actors(&self) -> Result<OutputFile, Diagnostic> {
        let groups = ACTOR_KINDS
            .iter()
            .map(|kind| ActorGroup {
                kind,
                label: self.theme.strings.kind(kind, true),
                actors: self
                    .links
                    .actors
                    .iter()
                    .filter(|a| a.kind == *kind)
                    .collect(),
            })
            .filter(|g| !g.actors.is_empty())
            .collect::<Vec<ActorGroup>>();
        let url = self.urls.path("actors/");
        let mut page = self.meta("actors", "actors", url.clone(), false);
        let shown: Vec<&ActorLink> = groups
            .iter()
            .flat_map(|g| g.actors.iter().copied())
            .collect();
        let list = self.ld_actors(&shown);
        page.json_ld = self.json_ld(self.ld_page("CollectionPage", &page, Some(list)))?;
        let context = ActorsPage { page, groups };
        self.html("actors.html", file_for(self.urls, &url), &context)
    }

    fn actor(&self, id: ActorId) -> Result<OutputFile, Diagnostic> {
        let actor = self.dossier.actor(id);
        let link = &self.links.actors[id.0];
        let mut page = self.meta(
            "actors",
            "actor",
            link.url.clone(),
            highlight::may_have_code(&actor.body.text),
        );
        page.title = actor.name.as_str().into();
        if !actor.description.is_empty() {
            page.description = &actor.description;
        }
        page.json_ld = self.json_ld(self.ld_actor(id))?;
        let context = ActorPage {
            page,
            actor: link,
            aliases: views::other_names(actor),
            country: &actor.country,
            tags: &actor.tags,
            profile: self.bodies.render(&actor.body, None),
            relations: self.relations(actor),
            events: actor.events.iter().map(|e| &self.events[e.0]).collect(),
            mentions: self.mention_groups(actor),
            authored: actor
                .authored
                .iter()
                .map(|d| &self.links.documents[d.0])
                .collect(),
            // what it wrote is listed once, under "Authored"
            documents: (actor.documents.iter())
                .filter(|d| !actor.authored.contains(d))
                .map(|d| &self.links.documents[d.0])
                .collect(),
            network: self.neighbourhood(id),
            extra: &actor.extra,
        };
        self.html("actor.html", file_for(self.urls, &link.url), &context)
    }

    /// The passages that mention `actor`, grouped by document (they come in that order),
    /// merged where they overlap.
    fn mention_groups(&self, actor: &crate::model::Actor) -> Vec<SnippetGroup<'_>> {
        let view = |&(d, m): &(DocId, usize)| {
            let mention = &self.dossier.document(d).mentions[m];
            MentionView {
                url: [self.links.documents[d.0].url.as_str(), "#", &mention.anchor].concat(),
                before: mention.context.before(),
                matched: mention.context.matched(),
                after: mention.context.after(),
            }
        };
        actor
            .mentions
            .chunk_by(|a, b| a.0 == b.0)
            .map(|group| {
                let document = &self.links.documents[group[0].0.0];
                evidence::snippet_group(document, group.iter().map(view).collect())
            })
            .collect()
    }

    fn feed(&self) -> Result<OutputFile, Diagnostic> {
        let stamp = |d: &DocLink| {
            d.date
                .as_ref()
                .and_then(|v| PartialDate::parse(&v.iso).ok())
                .map(|p| p.rfc3339())
        };
        // Documents are sorted newest first (undated last): the feed holds the first ones.
        let limit = match self.dossier.settings.feed_limit {
            0 => usize::MAX,
            n => n,
        };
        let entries: Vec<FeedEntry> = self
            .links
            .documents
            .iter()
            .take(limit)
            .map(|d| FeedEntry {
                document: d,
                permalink: self.urls.absolute(&d.url),
                updated: stamp(d).unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            })
            .collect();
        let updated = entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
        let context = FeedPage {
            feed_url: self.urls.absolute(&self.urls.path("feed.xml")),
            site_url: self.urls.absolute(&self.urls.home()),
            updated,
            entries,
        };
        self.html("feed.xml", "feed.xml".into(), &context)
    }

    fn sitemap(&self) -> Result<OutputFile, Diagnostic> {
        let entry = |url: String, lastmod: Option<String>| SitemapEntry {
            loc: self.urls.absolute(&url),
            lastmod,
        };
        let mut entries = vec![
            entry(self.urls.home(), None),
            entry(self.urls.path("actors/"), None),
            entry(self.urls.path("timeline/"), None),
            entry(self.urls.path("briefing/"), None),
            entry(self.urls.path("integrity/"), None),
            entry(self.urls.path("network/"), None),
            entry(self.urls.path("data/"), None),
        ];
        // the pages of a split timeline
        entries.extend(
            (self.periods.pages.iter())
                .map(|p| entry(self.urls.path(&format!("timeline/{}/", p.slug)), None)),
        );
        entries.extend(self.index_urls().into_iter().map(|url| entry(url, None)));
        entries.extend(self.links.documents.iter().map(|d| {
            entry(
                d.url.clone(),
                d.date
                    .as_ref()
                    .filter(|v| v.precision == crate::date::Precision::Day)
                    .map(|v| v.iso.clone()),
            )
        }));
        entries.extend(self.links.actors.iter().map(|a| entry(a.url.clone(), None)));
        self.html(
            "sitemap.xml",
            "sitemap.xml".into(),
            &SitemapPage { entries },
        )
    }
}
