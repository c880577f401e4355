//! The theme's typography and header: the serif shipped for source texts, and the menu.

use crate::harness::{Project, select};

/// The `url(...)` values of a stylesheet, quotes removed.
fn css_urls(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split_once(')'))
        .map(|(inside, _)| inside.trim().trim_matches(['"', '\'']).to_string())
        .collect()
}

#[test]
fn the_serif_for_sources_is_shipped_and_found_from_the_stylesheet() {
    let site = Project::fixture("print/quoted-title").build_clean();
    let css = site.text("style.css");
    let urls = css_urls(&css);
    assert!(
        urls.iter().filter(|u| u.ends_with(".woff2")).count() >= 3,
        "regular, italic and bold: {urls:?}"
    );
    for url in &urls {
        // relative to the stylesheet, so that a site under a sub-path finds them, and from
        // the same origin
        assert!(
            !url.starts_with('/') && !url.contains(':'),
            "{url} is not relative"
        );
        assert!(site.has(url), "style.css refers to {url}, not in the site");
    }
    assert!(
        site.has("fonts/OFL.txt"),
        "the fonts' licence is shipped with them"
    );
    let faces: Vec<&str> = css.split("@font-face").skip(1).collect();
    for face in faces.iter().filter(|f| f.contains("url(")) {
        let face = face.split('}').next().unwrap_or_default();
        assert!(face.contains("font-display: swap"), "{face}");
    }
}

#[test]
fn every_page_has_one_menu_button_over_the_navigation() {
    let site = Project::fixture("print/quoted-title").build_clean();
    for file in site.html_files() {
        let page = scraper::Html::parse_document(&site.text(&file));
        assert_eq!(
            select(&page, "header details.site-menu > summary").len(),
            1,
            "{file}"
        );
        assert_eq!(
            select(&page, "details.site-menu > nav.site-nav a").len(),
            select(&page, "nav.site-nav a").len(),
            "{file}: the whole navigation is in the menu"
        );
    }
}
