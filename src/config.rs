//! Settings: what `dossier.toml` holds (read by `load::settings`), and the command-line options of a build.

use std::path::PathBuf;

use serde::Deserialize;

/// The settings of a dossier, from `dossier.toml`. Every key without a field is an error,
/// reported by `load::settings` as serde skips it (`deny_unknown_fields` would stop at the
/// first); keys under `extra` are free.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Settings {
    /// Site title.
    pub title: String,
    /// Interface and date language (`en`, `fr`).
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site will be published; its path is the prefix of every URL.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// One line about the dossier, for feeds and meta tags.
    #[serde(default)]
    pub description: String,
    /// Who compiled the dossier, for the feed.
    #[serde(default)]
    pub author: String,
    /// Keeps raw HTML in source documents unsanitised. Only for trusted sources.
    #[serde(default)]
    pub unsafe_html: bool,
    /// A custom domain for GitHub Pages, written to `CNAME`.
    #[serde(default)]
    pub cname: Option<String>,
    /// Lets several actors declare the same name or alias (the actor whose name sorts first
    /// gets its mentions) instead of making it an error.
    #[serde(default)]
    pub allow_shared_names: bool,
    /// Shows every `.txt` document with the lines of a paragraph joined, unless it sets
    /// `reflow = false`.
    #[serde(default)]
    pub reflow: bool,
    /// The licence of the open data under `/data/` (free text or an SPDX id), shown on the
    /// overview and written into `dossier.json`.
    #[serde(default)]
    pub license: Option<String>,
    /// How many documents, newest first, the Atom feed holds (0: every document).
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// How many events the timeline shows on one page; a larger timeline gets an entry
    /// page and one page per year (0: always one page).
    #[serde(default = "default_timeline_per_page")]
    pub timeline_per_page: usize,
    /// How many documents a page of the documents index (and of each kind, language, year
    /// and tag) lists before it is cut into numbered pages.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// Free data passed to templates untouched.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Where values were written in `dossier.toml`, for diagnostics about them.
    #[serde(skip)]
    pub spans: SettingSpans,
}

/// Byte ranges of settings in `dossier.toml` that later stages check (empty when unset).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingSpans {
    /// The value of `language`, which the theme must have strings for.
    pub language: std::ops::Range<usize>,
    /// The value of `base_url`.
    pub base_url: std::ops::Range<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: "Dossier".into(),
            language: default_language(),
            base_url: default_base_url(),
            description: String::new(),
            author: String::new(),
            unsafe_html: false,
            cname: None,
            allow_shared_names: false,
            reflow: false,
            license: None,
            feed_limit: default_feed_limit(),
            timeline_per_page: default_timeline_per_page(),
            page_size: default_page_size(),
            extra: serde_json::Map::new(),
            spans: SettingSpans::default(),
        }
    }
}

fn default_language() -> String {
    "en".into()
}

fn default_base_url() -> String {
    "/".into()
}

/// The feed's default length: enough for a reader catching up, small enough that a large
/// dossier's feed stays a light download (every entry carries its summary).
pub const DEFAULT_FEED_LIMIT: usize = 50;

fn default_feed_limit() -> usize {
    DEFAULT_FEED_LIMIT
}

/// The most events one timeline page shows by default. At about 1.1 KB of HTML an event, a
/// page of 100 weighs about 110 KB before compression, which a phone on a slow network
/// paints within Lighthouse's "good" first paint; a page per year of a 10,000-document
/// dossier (about 330 events, 370 KB) scored 75 (bench/README.md).
pub const DEFAULT_TIMELINE_PER_PAGE: usize = 100;

fn default_timeline_per_page() -> usize {
    DEFAULT_TIMELINE_PER_PAGE
}

/// The documents index's default page length: 100 entries of about 400 bytes make a page
/// of about 50 KB, quick to load and to scan, however large the dossier.
pub const DEFAULT_PAGE_SIZE: usize = 100;

fn default_page_size() -> usize {
    DEFAULT_PAGE_SIZE
}

/// Where a build reads from and writes to, and what it includes.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project root (holds `dossier.toml`).
    pub root: PathBuf,
    /// The output directory.
    pub output: PathBuf,
    /// Overrides `base_url` from `dossier.toml`.
    pub base_url: Option<String>,
    /// Includes documents, actors and events marked `draft = true`.
    pub drafts: bool,
    /// Lists the dossier's weak points in the outcome (`check --report`).
    pub report: bool,
}

impl BuildOptions {
    /// Options for `root` with the default output `root/site`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            output: root.join("site"),
            root,
            base_url: None,
            drafts: false,
            report: false,
        }
    }
}

/// The name of the settings file at the project root.
pub const SETTINGS_FILE: &str = "dossier.toml";

/// The path part of a base URL, always starting and ending with `/`, once the URL is
/// known to be safe to put in front of every link: an `http` or `https` URL with a host, or
/// a path starting with a single `/`. Anything else could make links protocol-relative
/// (`//host/`) or run script (`javascript:`), so it is refused with the reason.
pub fn base_path(base_url: &str) -> Result<String, String> {
    if let Some(bad) = base_url.chars().find(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '\'' | '<' | '>' | '`')
    }) {
        return Err(format!(
            "the base URL `{}` contains {bad:?}, which has no place in a URL",
            base_url.escape_debug()
        ));
    }
    let path = match base_url.split_once("://") {
        Some((scheme, rest)) => {
            if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
                return Err(format!(
                    "the base URL `{base_url}` is not an http or https address"
                ));
            }
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if host.is_empty() || host.contains(['@', '?', '#']) {
                return Err(format!("the base URL `{base_url}` has no valid host"));
            }
            if path.is_empty() { "/" } else { path }
        }
        None if base_url.starts_with('/') => base_url,
        None => {
            return Err(format!(
                "`{base_url}` is neither an http(s) URL nor a path starting with `/`"
            ));
        }
    };
    if path.contains(['?', '#']) {
        return Err(format!(
            "the base URL `{base_url}` has a query or fragment; give only the address of the site"
        ));
    }
    if path.contains("//") {
        return Err(format!(
            "the path of the base URL `{base_url}` contains `//`, which would make links leave the site"
        ));
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(format!(
            "the path of the base URL `{base_url}` contains `.` or `..` segments"
        ));
    }
    let mut path = path.to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_url_path_with_slashes() {
        assert_eq!(base_path("https://user.github.io/repo").unwrap(), "/repo/");
        assert_eq!(base_path("https://example.org").unwrap(), "/");
        assert_eq!(base_path("/").unwrap(), "/");
        assert!(base_path("example.org").is_err());
    }

    #[test]
    fn base_urls_that_would_lead_links_off_the_site_are_refused() {
        for bad in [
            "//evil.example/",
            "https://example.org//evil.example/",
            "javascript://%0aalert(1)//x/",
            "JavaScript://x/",
            "data://x/",
            "https:///path/",
            "https://user@evil.example/",
            "https://example.org/a/../b/",
            "https://example.org/repo/?x=1",
            "/repo/#x",
            "https://example.org/re po/",
            "https://example.org/\\evil/",
            "ftp://example.org/",
            "",
        ] {
            assert!(base_path(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(base_path("HTTPS://Example.org/Repo").unwrap(), "/Repo/");
        assert_eq!(base_path("http://127.0.0.1:1111/repo/").unwrap(), "/repo/");
    }
}
