//! The pages of the documents index, its narrowed listings and the tags, rendered.

use super::{Facet, Indexes, Pagination, TagItem, page_path};
use crate::diagnostic::Diagnostic;
use crate::render::context::{
    DocumentsPage, FacetGroup, FacetOption, TagPage, TagSummary, TagsPage, kind_words,
};
use crate::render::urls::file_for;
use crate::render::{OutputFile, Site};

impl Site<'_, '_> {
    /// A language as shown: its name in the dossier's language (the strings'
    /// `language_names`), or its code.
    fn language_name(&self, code: &str) -> String {
        (self.theme.strings.strings.get("language_names"))
            .and_then(|names| names.get(code))
            .and_then(|name| name.as_str())
            .unwrap_or(code)
            .to_string()
    }

    /// What listing `i` is narrowed to, as shown; empty for the whole index.
    fn listing_label(&self, i: usize) -> String {
        let l = &self.indexes.listings[i];
        match l.facet {
            Facet::All => String::new(),
            Facet::Kind => kind_words(&l.value),
            Facet::Lang => self.language_name(&l.value),
            Facet::Year if l.value.is_empty() => self.text("undated_documents").to_string(),
            Facet::Year => l.value.clone(),
        }
    }

    /// The facet bar: every kind, language and year, linked, `current` the one shown.
    fn facets(&self, current: usize, page: usize) -> Vec<FacetGroup> {
        let ix: &Indexes = self.indexes;
        [
            (Facet::Kind, "kind", "kind"),
            (Facet::Lang, "lang", "language"),
            (Facet::Year, "year", "year"),
        ]
        .into_iter()
        .map(|(facet, name, label)| FacetGroup {
            name,
            label: self.text(label).to_string(),
            options: (ix.listings.iter().enumerate())
                .filter(|(_, l)| l.facet == facet)
                .map(|(i, l)| FacetOption {
                    label: self.listing_label(i),
                    count: l.documents.len(),
                    url: self.urls.path(&l.path),
                    current: match (i == current, page) {
                        (false, _) => "",
                        (true, 0) => "page",
                        (true, _) => "true",
                    },
                })
                .collect(),
        })
        .filter(|g| !g.options.is_empty())
        .collect()
    }

    /// `Documents: French · page 2 of 5`.
    fn paged_title(&self, title: String, page: usize, count: usize) -> String {
        if count < 2 {
            return title;
        }
        let of = (self.text("page_of"))
            .replace("{n}", &(page + 1).to_string())
            .replace("{count}", &count.to_string());
        format!("{title} · {of}")
    }

    /// Page `page` (from 0) of listing `listing` of the documents index.
    pub(in crate::render) fn listing_page(
        &self,
        listing: usize,
        page: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let ix = &self.indexes;
        let Some(l) = ix.listings.get(listing) else {
            return Err(missing("listing", listing));
        };
        let count = ix.pages_for(l.documents.len());
        let narrowed = self.listing_label(listing);
        let title = match narrowed.as_str() {
            "" => self.text("documents").to_string(),
            n => self.text("documents_narrowed").replace("{value}", n),
        };
        let title = self.paged_title(title, page, count);
        let url = self.urls.path(&page_path(&l.path, page));
        let mut meta = self.meta("documents", "documents", url.clone(), false);
        meta.title = title.into();
        let documents: Vec<_> = (ix.listed(l, page).iter())
            .map(|d| &self.links.documents[d.0])
            .collect();
        let list = self.ld_listed(&documents, &[], &[]);
        meta.json_ld = self.json_ld(self.ld_page("CollectionPage", &meta, Some(list)))?;
        let context = DocumentsPage {
            page: meta,
            first: page * ix.page_size + 1,
            documents,
            total: l.documents.len(),
            count: match l.documents.len() {
                1 => self.text("one_document").to_string(),
                n => self.text("n_documents").replace("{n}", &n.to_string()),
            },
            narrowed,
            all_url: self.urls.path("documents/"),
            facets: self.facets(listing, page),
            tags_url: (!ix.tags.is_empty()).then(|| self.urls.path("tags/")),
            pagination: Pagination::new(page, count, |p| self.urls.path(&page_path(&l.path, p))),
        };
        self.html("documents.html", file_for(self.urls, &url), &context)
    }

    /// A tag with its counts, linked.
    fn tag_summary(&self, i: usize) -> TagSummary<'_> {
        let t = &self.indexes.tags[i];
        TagSummary {
            name: &t.name,
            url: self.urls.path(&t.path),
            documents: t.documents.len(),
            actors: t.actors.len(),
            events: t.events.len(),
            total: t.len(),
        }
    }

    /// `tags/`: every tag, with how many things carry it.
    pub(in crate::render) fn tags_page(&self) -> Result<OutputFile, Diagnostic> {
        let url = self.urls.path("tags/");
        let mut meta = self.meta("tags", "tags", url.clone(), false);
        meta.json_ld = self.json_ld(self.ld_page("CollectionPage", &meta, None))?;
        let context = TagsPage {
            page: meta,
            tags: (0..self.indexes.tags.len())
                .map(|i| self.tag_summary(i))
                .collect(),
        };
        self.html("tags.html", file_for(self.urls, &url), &context)
    }

    /// Page `page` (from 0) of tag `tag`: its documents, then its actors, then its events.
    pub(in crate::render) fn tag_page(
        &self,
        tag: usize,
        page: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let ix = &self.indexes;
        let Some(t) = ix.tags.get(tag) else {
            return Err(missing("tag", tag));
        };
        let count = ix.pages_for(t.len());
        let title = self.text("tag_title").replace("{tag}", &t.name);
        let title = self.paged_title(title, page, count);
        let url = self.urls.path(&page_path(&t.path, page));
        let mut meta = self.meta("tags", "tag", url.clone(), false);
        meta.title = title.into();
        let (mut documents, mut actors, mut events) = (Vec::new(), Vec::new(), Vec::new());
        for item in ix.tag_items(t, page) {
            match item {
                TagItem::Document(d) => documents.push(&self.links.documents[d.0]),
                TagItem::Actor(a) => actors.push(&self.links.actors[a.0]),
                TagItem::Event(e) => events.push(&self.events[e.0]),
            }
        }
        let list = self.ld_listed(&documents, &actors, &events);
        meta.json_ld = self.json_ld(self.ld_page("CollectionPage", &meta, Some(list)))?;
        let context = TagPage {
            page: meta,
            tag: self.tag_summary(tag),
            documents,
            actors,
            events,
            tags_url: self.urls.path("tags/"),
            pagination: Pagination::new(page, count, |p| self.urls.path(&page_path(&t.path, p))),
        };
        self.html("tag.html", file_for(self.urls, &url), &context)
    }

    /// The addresses of every listing and tag page, and of the tags index, for the sitemap.
    pub(in crate::render) fn index_urls(&self) -> Vec<String> {
        let ix = &self.indexes;
        let listings = (ix.listings.iter()).flat_map(|l| {
            (0..ix.pages_for(l.documents.len())).map(|p| self.urls.path(&page_path(&l.path, p)))
        });
        let tags = (ix.tags.iter())
            .flat_map(|t| (0..ix.pages_for(t.len())).map(|p| page_path(&t.path, p)))
            .map(|p| self.urls.path(&p));
        listings
            .chain(std::iter::once(self.urls.path("tags/")))
            .chain(tags)
            .collect()
    }
}

/// The error for a page asked of a listing or tag the dossier does not have (a bug).
fn missing(what: &str, i: usize) -> Diagnostic {
    let message = format!("internal error: there is no {what} {i} to render");
    Diagnostic::error(std::path::Path::new(""), 0..0, message, "")
}
