//! The contexts of the documents index and its narrowed listings, and of the tag pages.

use serde::Serialize;

use super::shared::each;
use super::{ActorLink, DocLink, EventView, PageMeta};
use crate::render::indexes::Pagination;

/// One value a listing can be narrowed to, in the facet bar.
#[derive(Debug, Serialize)]
pub struct FacetOption {
    /// As shown: `parliamentary question`, `French`, `2019`.
    pub label: String,
    /// How many documents have it.
    pub count: usize,
    /// The first page of the listing narrowed to it.
    pub url: String,
    /// `page` on the listing's first page, `true` on its other pages (the value of
    /// `aria-current`); empty elsewhere.
    pub current: &'static str,
}

/// The values of one facet (kind, language, year).
#[derive(Debug, Serialize)]
pub struct FacetGroup {
    /// `kind`, `lang` or `year` (a class for the stylesheet).
    pub name: &'static str,
    /// As shown: `Kind`.
    pub label: String,
    /// Its values, with their counts.
    pub options: Vec<FacetOption>,
}

/// A page of the documents index, whole or narrowed (template `documents.html`).
#[derive(Debug, Serialize)]
pub struct DocumentsPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The documents of this page, newest first.
    #[serde(serialize_with = "each")]
    pub documents: Vec<&'a DocLink<'a>>,
    /// The number of the first one in the listing (for `<ol start>`).
    pub first: usize,
    /// How many documents the listing has, all pages together.
    pub total: usize,
    /// `1 document`, `12 documents`.
    pub count: String,
    /// What the listing is narrowed to, as shown (`French`); empty for the whole index.
    pub narrowed: String,
    /// The whole index's address.
    pub all_url: String,
    /// The facets, each value linked to its listing.
    pub facets: Vec<FacetGroup>,
    /// The tags index's address, when there are tags.
    pub tags_url: Option<String>,
    /// The navigation between the listing's pages, when it has several.
    pub pagination: Option<Pagination>,
}

/// One tag on the tags index.
#[derive(Debug, Serialize)]
pub struct TagSummary<'a> {
    /// As written.
    pub name: &'a str,
    /// Its page.
    pub url: String,
    /// How many documents, actors and events carry it.
    pub documents: usize,
    /// Actors.
    pub actors: usize,
    /// Events.
    pub events: usize,
    /// All of them.
    pub total: usize,
}

/// The tags index (template `tags.html`).
#[derive(Debug, Serialize)]
pub struct TagsPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// Every tag, in the order of their slugs.
    pub tags: Vec<TagSummary<'a>>,
}

/// A page of one tag (template `tag.html`).
#[derive(Debug, Serialize)]
pub struct TagPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The tag, with its counts.
    pub tag: TagSummary<'a>,
    /// Its documents on this page, newest first.
    #[serde(serialize_with = "each")]
    pub documents: Vec<&'a DocLink<'a>>,
    /// Its actors on this page.
    #[serde(serialize_with = "each")]
    pub actors: Vec<&'a ActorLink<'a>>,
    /// Its events on this page, in timeline order.
    #[serde(serialize_with = "each")]
    pub events: Vec<&'a EventView<'a>>,
    /// The tags index's address.
    pub tags_url: String,
    /// The navigation between the tag's pages, when it has several.
    pub pagination: Option<Pagination>,
}
