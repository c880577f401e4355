//! Settings: `dossier.toml`, merged with command-line overrides.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::serde_diagnostic;

/// The settings of a dossier, from `dossier.toml`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
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
    /// Shows every `.txt` document with the lines of a paragraph joined, unless it sets
    /// `reflow = false`.
    #[serde(default)]
    pub reflow: bool,
    /// Free data passed to templates untouched.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
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
            reflow: false,
            extra: serde_json::Map::new(),
        }
    }
}

fn default_language() -> String {
    "en".into()
}

fn default_base_url() -> String {
    "/".into()
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
        }
    }
}

/// The name of the settings file at the project root.
pub const SETTINGS_FILE: &str = "dossier.toml";

/// Parses `dossier.toml`; every problem becomes a diagnostic against `file`.
/// `languages` are those the theme has interface strings for.
pub fn parse(file: &Path, text: &str, languages: &[&str]) -> Result<Settings, Diagnostic> {
    let settings: Settings = toml::from_str(text).map_err(|e| {
        serde_diagnostic(
            file,
            0,
            text,
            e.message(),
            e.span(),
            "dossier.toml settings",
        )
    })?;
    if !languages.contains(&settings.language.as_str()) {
        let span = find_value(text, &settings.language);
        return Err(Diagnostic::error(
            file,
            span,
            format!("unsupported language `{}`", settings.language),
            format!(
                "{} (or add templates/i18n/{}.toml)",
                crate::suggest::hint(&settings.language, languages, "supported languages"),
                settings.language
            ),
        ));
    }
    if let Err(why) = base_path(&settings.base_url) {
        let span = find_value(text, &settings.base_url);
        return Err(Diagnostic::error(
            file,
            span,
            why,
            "use a URL such as `https://user.github.io/repo/` or a path such as `/`",
        ));
    }
    Ok(settings)
}

fn find_value(text: &str, value: &str) -> std::ops::Range<usize> {
    text.find(value).map_or(0..0, |i| i..i + value.len())
}

/// The path part of a base URL, always starting and ending with `/`.
pub fn base_path(base_url: &str) -> Result<String, String> {
    let rest = if let Some(i) = base_url.find("://") {
        let after = &base_url[i + 3..];
        match after.find('/') {
            Some(j) => &after[j..],
            None => "/",
        }
    } else if base_url.starts_with('/') {
        base_url
    } else {
        return Err(format!(
            "`{base_url}` is neither an absolute URL nor a path starting with `/`"
        ));
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("/");
    let mut path = rest.to_string();
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
    fn misspelt_setting_gets_a_suggestion() {
        let d = parse(
            Path::new("dossier.toml"),
            "title = \"x\"\nlangauge = \"fr\"\n",
            &["en"],
        )
        .unwrap_err();
        assert!(d.hint.starts_with("did you mean `language`?"), "{}", d.hint);
        assert_eq!(
            &"title = \"x\"\nlangauge = \"fr\"\n"[d.span.clone()],
            "langauge"
        );
    }
}
