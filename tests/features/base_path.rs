//! A site published under a sub-path (`https://user.github.io/repo/`): every URL keeps it.

use scraper::Html;

use crate::harness::{Project, Site, broken_links, select, select_attrs, select_texts};

const BASE_URL: &str = "https://user.github.io/repo/";

fn build_under_sub_path() -> (Project, Site) {
    let project = Project::example();
    let mut options = project.options();
    options.base_url = Some(BASE_URL.into());
    let site = project.build_clean_with(options);
    (project, site)
}

#[test]
fn every_root_relative_url_starts_with_the_base_path() {
    let (_project, site) = build_under_sub_path();
    let mut checked = 0;
    for file in site.html_files() {
        let page = Html::parse_document(&site.text(&file));
        for url in select_attrs(&page, "[href]", "href")
            .into_iter()
            .chain(select_attrs(&page, "[src]", "src"))
        {
            if url.starts_with('/') {
                assert!(
                    url.starts_with("/repo/"),
                    "{file}: `{url}` escapes the base path"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} root-relative URLs checked");
}

#[test]
fn links_under_a_sub_path_resolve() {
    let (_project, site) = build_under_sub_path();
    let broken = broken_links(&site, "/repo/");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn canonical_links_are_absolute_under_the_base_url() {
    let (_project, site) = build_under_sub_path();
    let page = site.page("actors/huawei/");
    assert_eq!(
        select_attrs(&page, "link[rel='canonical']", "href"),
        ["https://user.github.io/repo/actors/huawei/"]
    );
}

#[test]
fn feed_and_sitemap_urls_are_absolute_under_the_base_url() {
    let (_project, site) = build_under_sub_path();
    // Parsed leniently as HTML: enough to read attributes and element texts.
    let sitemap = Html::parse_document(&site.text("sitemap.xml"));
    let locs = select_texts(&sitemap, "loc");
    assert!(locs.len() > 15, "{} sitemap entries", locs.len());
    assert!(
        locs.contains(&"https://user.github.io/repo/".to_string()),
        "{locs:?}"
    );
    assert!(
        locs.contains(&"https://user.github.io/repo/actors/huawei/".to_string()),
        "{locs:?}"
    );
    for loc in &locs {
        assert!(loc.starts_with(BASE_URL), "sitemap: `{loc}`");
    }

    let feed = Html::parse_document(&site.text("feed.xml"));
    let hrefs = select_attrs(&feed, "link", "href");
    assert!(
        hrefs.contains(&"https://user.github.io/repo/feed.xml".to_string()),
        "{hrefs:?}"
    );
    let ids = select_texts(&feed, "id");
    assert!(!select(&feed, "entry").is_empty());
    for url in hrefs.iter().chain(&ids) {
        assert!(url.starts_with(BASE_URL), "feed: `{url}`");
    }

    let robots = site.text("robots.txt");
    let sitemap_line = robots
        .lines()
        .find(|l| l.starts_with("Sitemap:"))
        .expect("robots.txt names the sitemap");
    assert_eq!(
        sitemap_line,
        "Sitemap: https://user.github.io/repo/sitemap.xml"
    );
}

#[test]
fn base_url_from_dossier_toml_is_used_without_override() {
    let project = Project::fixture("build/minimal");
    let settings = project
        .read("dossier.toml")
        .replace("https://example.org/", BASE_URL);
    project.write("dossier.toml", settings);
    let site = project.build_clean();
    let home = site.page("");
    for url in select_attrs(&home, "[href]", "href") {
        if url.starts_with('/') {
            assert!(url.starts_with("/repo/"), "`{url}`");
        }
    }
    let broken = broken_links(&site, "/repo/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn a_base_url_that_would_send_links_off_the_site_is_an_error_at_the_setting() {
    use crate::harness::{describe, exit_code};
    for bad in [
        "//evil.example/",
        "https://example.org//evil.example/",
        "javascript://%0aalert(1)//x/",
    ] {
        let project = Project::fixture("build/minimal");
        let settings = project.read("dossier.toml");
        let settings: String = settings
            .lines()
            .filter(|l| !l.starts_with("base_url"))
            .map(|l| format!("{l}\n"))
            .collect();
        project.write("dossier.toml", format!("{settings}base_url = \"{bad}\"\n"));
        let out = project.run(&["build"]);
        assert_eq!(exit_code(&out), 1, "{bad}: {}", describe(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = settings.lines().count() + 1;
        assert!(
            stderr.contains(&format!("dossier.toml:{line}:13")),
            "{bad}: {stderr}"
        );
        assert!(!project.site_dir().exists());
    }
}

#[test]
fn a_base_url_given_on_the_command_line_is_checked_too() {
    use crate::harness::{describe, exit_code};
    let project = Project::fixture("build/minimal");
    let out = project.run(&["build", "--base-url", "//evil.example/"]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
    assert!(!project.site_dir().exists());
}

#[test]
fn the_search_index_and_every_file_it_names_are_under_the_base_path() {
    let (_project, site) = build_under_sub_path();
    let page = site.page("search/");
    assert_eq!(
        select_attrs(&page, "form[data-index]", "data-index"),
        ["/repo/search-index.json"]
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&site.text("search-index.json")).expect("JSON");
    for key in ["shards", "chunks"] {
        for file in manifest[key].as_array().expect("files") {
            // relative to the manifest, so they follow it under any base path
            let file = file.as_str().expect("a path");
            assert!(file.starts_with("search-index/"), "{file}");
            assert!(site.has(file), "{file} is missing");
        }
    }
}
