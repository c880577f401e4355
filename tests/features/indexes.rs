//! The documents index cut into pages, the listings narrowed by kind, language and year,
//! and the tag pages (`page_size = 2` in the fixture, published under `/repo/`).

use crate::harness::{Project, Site, one, select, select_attrs, select_texts, text};

fn paged() -> Site {
    Project::fixture("indexes/paged").build_clean()
}

/// The titles a listing page lists.
fn titles(site: &Site, url: &str) -> Vec<String> {
    select_texts(&site.page(url), ".doc-index .doc-title")
}

#[test]
fn the_documents_index_is_cut_into_pages_newest_first() {
    let site = paged();
    assert_eq!(
        titles(&site, "documents/"),
        ["A 2021 letter", "B 2020 letter"]
    );
    assert_eq!(
        titles(&site, "documents/page/2/"),
        ["C 2020 report", "D 2019 letter"]
    );
    assert_eq!(
        titles(&site, "documents/page/3/"),
        ["E 2019 hearing", "F undated note"]
    );
    assert!(!site.has("documents/page/4/index.html"));
    assert!(
        !site.has("documents/page/1/index.html"),
        "page 1 is the index"
    );
    // numbered on from the previous page
    let page = site.page("documents/page/2/");
    assert_eq!(one(&page, "ol.doc-index").attr("start"), Some("3"));
    assert_eq!(
        text(one(&page, "h1")),
        "Documents · page 2 of 3",
        "each page has its own title"
    );
}

#[test]
fn the_pagination_links_every_page_and_marks_the_current_one() {
    let site = paged();
    let page = site.page("documents/page/2/");
    let nav = one(&page, "nav.pagination");
    assert_eq!(nav.attr("aria-label"), Some("Pages"));
    assert_eq!(
        select_attrs(&page, "nav.pagination li a", "href"),
        [
            "/repo/documents/",
            "/repo/documents/",
            "/repo/documents/page/2/",
            "/repo/documents/page/3/",
            "/repo/documents/page/3/",
        ],
        "previous, the three pages, next"
    );
    assert_eq!(
        select_texts(&page, "nav.pagination a[aria-current=page]"),
        ["Page 2"]
    );
    assert_eq!(
        select_attrs(&page, "nav.pagination a[rel=prev]", "href"),
        ["/repo/documents/"]
    );
    assert_eq!(
        select_attrs(&page, "head link[rel=next]", "href"),
        ["/repo/documents/page/3/"]
    );
    assert_eq!(
        select_attrs(&page, "link[rel=canonical]", "href"),
        ["https://example.org/repo/documents/page/2/"]
    );
    // the first page has no previous, the last no next
    assert!(select(&site.page("documents/"), "a[rel=prev], link[rel=prev]").is_empty());
    assert!(
        select(
            &site.page("documents/page/3/"),
            "a[rel=next], link[rel=next]"
        )
        .is_empty()
    );
}

#[test]
fn a_small_dossier_keeps_its_documents_index_on_one_page() {
    let site = Project::example().build_clean();
    let page = site.page("documents/");
    assert_eq!(select(&page, ".doc-entry").len(), 3);
    assert!(select(&page, "nav.pagination").is_empty());
    assert!(!site.has("documents/page/2/index.html"));
}

#[test]
fn listings_narrowed_by_kind_language_and_year_are_pages_of_their_own() {
    let site = paged();
    assert_eq!(
        titles(&site, "documents/kind/letter/"),
        ["A 2021 letter", "B 2020 letter"]
    );
    assert_eq!(
        titles(&site, "documents/kind/letter/page/2/"),
        ["D 2019 letter", "F undated note"],
        "paged like the whole index"
    );
    assert_eq!(
        titles(&site, "documents/kind/parliamentary-question/"),
        ["E 2019 hearing"]
    );
    assert_eq!(titles(&site, "documents/lang/fr/"), ["B 2020 letter"]);
    assert_eq!(titles(&site, "documents/lang/de/"), ["D 2019 letter"]);
    assert_eq!(
        titles(&site, "documents/year/2020/"),
        ["B 2020 letter", "C 2020 report"]
    );
    assert_eq!(titles(&site, "documents/year/undated/"), ["F undated note"]);
    let page = site.page("documents/lang/de/");
    assert_eq!(text(one(&page, "h1")), "Documents: German");
    assert_eq!(
        select_attrs(&page, ".listing-count a", "href"),
        ["/repo/documents/", "/repo/tags/"],
        "back to every document, and the tags"
    );
}

#[test]
fn the_facet_bar_links_each_kind_language_and_year_with_its_count() {
    let site = paged();
    let page = site.page("documents/kind/letter/page/2/");
    let nav = one(&page, "nav.facets");
    assert_eq!(nav.attr("aria-label"), Some("Narrow the documents"));
    assert_eq!(
        select_texts(&page, ".facet-kind a"),
        ["letter 4", "parliamentary question 1", "report 1"],
        "kinds in words"
    );
    assert_eq!(
        select_texts(&page, ".facet-lang a"),
        ["German 1", "English 4", "French 1"],
        "languages by name"
    );
    assert_eq!(
        select_texts(&page, ".facet-year a"),
        ["2021 1", "2020 2", "2019 2", "undated 1"],
        "newest first"
    );
    assert_eq!(
        select_attrs(&page, ".facet-year a", "href"),
        [
            "/repo/documents/year/2021/",
            "/repo/documents/year/2020/",
            "/repo/documents/year/2019/",
            "/repo/documents/year/undated/",
        ]
    );
    // on a later page of the listing, its value is the current one of the set
    assert_eq!(
        select_texts(&page, ".facets a[aria-current=true]"),
        ["letter 4"]
    );
    let first = site.page("documents/kind/letter/");
    assert_eq!(
        select_texts(&first, ".facets a[aria-current=page]"),
        ["letter 4"]
    );
    assert!(select(&site.page("documents/"), ".facets a[aria-current]").is_empty());
}

#[test]
fn tags_that_slug_the_same_each_get_their_own_page() {
    let site = paged();
    let index = site.page("tags/");
    assert_eq!(
        select_texts(&index, ".tags-table tbody th"),
        ["Énergie", "Energy", "energy 2", "energy"],
        "in the order of their slugs"
    );
    let urls: Vec<(String, String)> = select(&index, ".tags-table tbody th a")
        .into_iter()
        .map(|a| (text(a), a.attr("href").unwrap_or_default().to_string()))
        .collect();
    let url = |tag: &str| {
        urls.iter()
            .find(|(t, _)| t == tag)
            .map(|(_, u)| u.clone())
            .unwrap_or_else(|| panic!("no tag {tag} in {urls:?}"))
    };
    assert_eq!(url("Énergie"), "/repo/tags/energie/");
    assert_eq!(url("Energy"), "/repo/tags/energy/");
    assert_eq!(url("energy 2"), "/repo/tags/energy-2/");
    assert_eq!(
        url("energy"),
        "/repo/tags/energy-3/",
        "its number skips the slug `energy 2` has"
    );
    // each page lists what carries that tag exactly, and nothing else
    let listed = |url: &str| select_texts(&site.page(url), ".tag-listing a");
    assert_eq!(listed("tags/energie/"), ["B 2020 letter"]);
    assert_eq!(listed("tags/energy-2/"), ["C 2020 report"]);
    assert_eq!(
        [listed("tags/energy-3/"), listed("tags/energy-3/page/2/")].concat(),
        ["B 2020 letter", "Acme Power", "Energy strike"],
        "a document, an actor and an event, two a page"
    );
    assert_eq!(
        [
            listed("tags/energy/"),
            listed("tags/energy/page/2/"),
            listed("tags/energy/page/3/")
        ]
        .concat(),
        [
            "A 2021 letter",
            "D 2019 letter",
            "E 2019 hearing",
            "F undated note",
            "Acme Power"
        ]
    );
    assert_eq!(
        text(one(&site.page("tags/energy-3/"), "h1")),
        "Tag: energy · page 1 of 2"
    );
}

#[test]
fn a_tag_page_links_its_events_where_the_timeline_shows_them() {
    let site = paged();
    let page = site.page("tags/energy-3/page/2/");
    let event = one(&page, "#tag-events + .tag-listing a");
    let href = event.attr("href").unwrap_or_default();
    assert!(href.starts_with("/repo/timeline/"), "{href}");
    assert!(href.ends_with("#strike"), "{href}");
    let first = site.page("tags/energy-3/");
    assert_eq!(
        select_attrs(&first, "#tag-actors + .tag-listing a", "href"),
        ["/repo/actors/acme/"]
    );
}

#[test]
fn tag_chips_link_to_their_tag_page() {
    let site = paged();
    assert_eq!(
        select_attrs(&site.page("documents/b-2020-letter/"), "a.tag", "href"),
        ["/repo/tags/energy-3/", "/repo/tags/energie/"]
    );
    assert_eq!(
        select_attrs(&site.page("actors/acme/"), "a.tag", "href"),
        ["/repo/tags/energy/", "/repo/tags/energy-3/"]
    );
    let index = site.page("documents/");
    assert_eq!(
        select_attrs(&index, ".doc-entry a.tag", "href"),
        [
            "/repo/tags/energy/",
            "/repo/tags/energy-3/",
            "/repo/tags/energie/"
        ]
    );
}

#[test]
fn every_link_of_the_index_pages_stays_under_the_base_path() {
    let site = paged();
    for url in [
        "documents/",
        "documents/page/3/",
        "documents/kind/letter/page/2/",
        "tags/",
        "tags/energy/page/2/",
    ] {
        let page = site.page(url);
        for href in select_attrs(&page, "main a", "href") {
            assert!(href.starts_with("/repo/"), "{url}: {href}");
        }
    }
    let errors: Vec<_> = (site.outcome.diagnostics.iter())
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "the link checker finds every page: {errors:?}"
    );
}

#[test]
fn the_sitemap_and_the_menu_know_the_new_pages() {
    let site = paged();
    let sitemap = site.text("sitemap.xml");
    for url in [
        "https://example.org/repo/documents/page/3/",
        "https://example.org/repo/documents/year/undated/",
        "https://example.org/repo/tags/",
        "https://example.org/repo/tags/energy-3/page/2/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url}");
    }
    let page = site.page("tags/energy/");
    assert_eq!(
        select_attrs(&page, ".site-nav a.in-section", "href"),
        ["/repo/tags/"]
    );
    assert_eq!(
        select_attrs(
            &site.page("tags/"),
            ".site-nav a[aria-current=page]",
            "href"
        ),
        ["/repo/tags/"]
    );
}

#[test]
fn index_pages_describe_what_they_list_as_a_collection_page() {
    let site = paged();
    let page = site.page("documents/page/2/");
    let script = one(&page, "script[type='application/ld+json']");
    let ld: serde_json::Value = serde_json::from_str(&script.inner_html()).unwrap();
    assert_eq!(ld["@type"], "CollectionPage");
    assert_eq!(ld["url"], "https://example.org/repo/documents/page/2/");
    let items = &ld["mainEntity"]["itemListElement"];
    assert_eq!(items[0]["item"]["name"], "C 2020 report");
    assert_eq!(ld["mainEntity"]["numberOfItems"], 2);
    let tag = site.page("tags/energy-3/page/2/");
    let script = one(&tag, "script[type='application/ld+json']");
    let ld: serde_json::Value = serde_json::from_str(&script.inner_html()).unwrap();
    assert_eq!(
        ld["mainEntity"]["itemListElement"][0]["item"]["@type"],
        "Event"
    );
}
