//! schema.org JSON-LD for every HTML page: typed nodes serialised with serde, escaped for
//! a `<script type="application/ld+json">` element.
//!
//! Each page describes what it shows ([`pages`] builds the nodes in the page's context):
//! a document page a `CreativeWork` (an `Article` or a `Report` by its kind), an actor page
//! a `Person`, `Organization`, `GovernmentOrganization`, `Country` or
//! `NewsMediaOrganization`, the timeline its `Event`s, the indexes a `CollectionPage` with
//! an `ItemList`, the data page a `Dataset`, the overview the `WebSite`. Every `@id` is the
//! absolute address of the page (or the anchor) that shows the thing, so the nodes of all
//! pages join into one graph.

mod pages;

use serde::Serialize;

/// How many items an index or the timeline lists in its JSON-LD: at 10,000 documents the
/// timeline holds 12,000 events, and listing them all would add megabytes to a page.
/// `numberOfItems` gives the whole count.
pub const LISTED: usize = 200;

/// A top-level node with its `@context`.
#[derive(Debug, Serialize)]
pub struct Script<T> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(flatten)]
    node: T,
}

/// `node` as JSON-LD text safe inside a `<script>` element: `<`, `>` and `&` (which can
/// only occur inside JSON strings) are written as `\u003c`, `\u003e` and `\u0026`, so that
/// no value can close the element (`</script>`) or open a comment (`<!--`).
pub fn script<T: Serialize>(node: T) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(&Script {
        context: "https://schema.org",
        node,
    })?;
    Ok(escape_for_script(&json))
}

/// `json` with the characters that could end a script element written as JSON escapes.
///
/// Copies the runs between them whole, found with `memchr`: pushed a character at a time,
/// the JSON-LD of 13,000 pages took 2.5 % of a 10,000-document build's instructions, and
/// 1.8 % found by `str::match_indices` (callgrind).
fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut copied = 0;
    for at in memchr::memchr3_iter(b'<', b'>', b'&', json.as_bytes()) {
        out.push_str(&json[copied..at]);
        out.push_str(match json.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        copied = at + 1;
    }
    out.push_str(&json[copied..]);
    out
}

/// A reference to a node described on another page (or elsewhere on this one).
#[derive(Debug, Serialize)]
pub struct IdRef {
    /// Its address.
    #[serde(rename = "@id")]
    pub id: String,
}

/// A reference with the type and name a reader of this page alone needs.
#[derive(Debug, Serialize)]
pub struct NamedRef<'a> {
    /// Its schema.org type.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// Its address.
    #[serde(rename = "@id")]
    pub id: String,
    /// Its name or title.
    pub name: &'a str,
}

/// Someone named only in `dossier.toml` (the site's `author`): no type is claimed, since
/// the setting does not say whether it is a person or an organisation.
#[derive(Debug, Serialize)]
pub struct Named<'a> {
    /// The name.
    pub name: &'a str,
}

/// The site (on the overview), with its search page as a `SearchAction`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    url: String,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    potential_action: SearchAction,
}

/// The search page, as search engines read it.
#[derive(Debug, Serialize)]
pub struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The search page with `{q}` for the words.
    target: String,
    #[serde(rename = "query-input")]
    query_input: &'static str,
}

/// A page that is not about one thing: `WebPage`, `CollectionPage`, `SearchResultsPage`,
/// or the briefing as a `Report`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebPage<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    url: String,
    name: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    is_part_of: IdRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity: Option<ItemList<'a>>,
}

/// The things an index or the timeline lists, the first [`LISTED`] of them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// How many there are in all.
    number_of_items: usize,
    item_list_element: Vec<ListItem<'a>>,
}

/// One entry of an [`ItemList`].
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    item: Item<'a>,
}

/// What an [`ItemList`] holds.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Item<'a> {
    /// A document or an actor, described on its page.
    Ref(NamedRef<'a>),
    /// An event, described on the timeline only.
    Event(Event<'a>),
}

/// An event of the timeline: its evidence is the cited passages (`Quotation`s described
/// on their document pages), as `subjectOf`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    start_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Place<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    performer: Vec<IdRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subject_of: Vec<IdRef>,
}

/// Where an event took place, as the dossier names it.
#[derive(Debug, Serialize)]
pub struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// An event as a document page names it (what the document is evidence of).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRef<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    start_date: String,
}

/// A source document (on its page).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    url: String,
    name: &'a str,
    /// The document's `kind`, as written.
    genre: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    in_language: &'a str,
    #[serde(rename = "abstract", skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<NamedRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    /// The address the source was found at.
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    /// Archived copies of it, the latest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    archived_at: Vec<&'a str>,
    /// The original file, with its SHA-256.
    #[serde(skip_serializing_if = "Option::is_none")]
    associated_media: Option<MediaObject<'a>>,
    /// The events it is evidence of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<EventRef<'a>>,
    /// The actors it concerns or mentions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<NamedRef<'a>>,
    /// Its cited passages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    has_part: Vec<Quotation<'a>>,
    is_part_of: IdRef,
}

/// A publisher named by a document's source.
#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// A document's original file, as published under `/originals/`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    content_url: String,
    encoding_format: &'a str,
    /// Its size in bytes.
    content_size: String,
    /// Its SHA-256 in hexadecimal.
    sha256: &'a str,
}

/// A cited passage of a document; `@id` is its anchor on the document page.
#[derive(Debug, Serialize)]
pub struct Quotation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    text: &'a str,
}

/// An actor (on its page).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    url: String,
    name: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    alternate_name: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    /// The actor's country, for a person or an organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<PostalAddress<'a>>,
    /// The country code of a state.
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    main_entity_of_page: IdRef,
}

/// A country, as an ISO 3166 code (`CN`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address_country: &'a str,
}

/// The open data (on the data page).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    url: String,
    name: String,
    description: String,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    is_accessible_for_free: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Named<'a>>,
    /// The span of the events: `2017/2024-06`.
    #[serde(skip_serializing_if = "Option::is_none")]
    temporal_coverage: Option<String>,
    distribution: Vec<DataDownload<'a>>,
    is_part_of: IdRef,
}

/// One file of the open data.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataDownload<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    description: &'a str,
    content_url: String,
    encoding_format: &'static str,
    /// Its size in bytes.
    content_size: String,
}

/// The schema.org type of an actor of `kind` (see the README's table).
pub fn agent_type(kind: &str) -> &'static str {
    match kind {
        "person" => "Person",
        "organisation" => "Organization",
        "public-body" => "GovernmentOrganization",
        "state" => "Country",
        "media" => "NewsMediaOrganization",
        _ => "Thing",
    }
}

/// The schema.org type of a document of `kind`: the few kinds with a type of their own,
/// `CreativeWork` for every other (letters, questions, statements…).
pub fn work_type(kind: &str) -> &'static str {
    match kind {
        "article" | "news-article" | "news" | "op-ed" | "interview" => "Article",
        "report" | "study" => "Report",
        _ => "CreativeWork",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_can_close_the_script_element() {
        let node = Named {
            name: "Élysée </script><script>alert(1)</script><!-- & --> à",
        };
        let text = script(node).unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["name"],
            "Élysée </script><script>alert(1)</script><!-- & --> à"
        );
        assert_eq!(back["@context"], "https://schema.org");
    }

    #[test]
    fn every_actor_kind_has_a_type() {
        for kind in crate::model::ACTOR_KINDS {
            assert!(kind == &"other" || agent_type(kind) != "Thing", "{kind}");
        }
    }
}
