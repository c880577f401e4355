//! The last check before a site is published: every internal link and fragment in the
//! rendered pages points at a file, and an element id, that the site has.
//!
//! Rendering is trusted with nothing here: a page that loses a passage's anchor (raw HTML
//! gone wrong, a template mistake, a bug) fails the build instead of publishing a timeline
//! whose evidence links lead nowhere. Pages are scanned as they are rendered, on every
//! thread ([`Links::scan`]); the links are resolved once all pages are in
//! ([`Links::check`]). The scan reads attributes written `name="value"`, the form every
//! page of the built-in theme, pulldown-cmark and the sanitiser write; a link written
//! otherwise by a custom template is not checked.

use std::collections::HashMap;
use std::path::PathBuf;

use memchr::memmem;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::model::{Dossier, Target};
use crate::render::OutputFile;
use crate::render::urls::Urls;

/// What one HTML page links to and which fragments it offers.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scanned {
    /// Its `id` values, hashed and sorted: a page of the timeline has 12,000 of them at
    /// 10,000 documents, and only membership is ever asked.
    ids: Vec<u64>,
    /// Its internal links (`href` and `src`), each once, as written (entities decoded).
    links: Vec<Box<str>>,
}

/// The pages and files of one site, as far as links are concerned.
#[derive(Debug, Default, Clone)]
pub struct Links {
    /// Every file, by its path in the site; HTML pages with what they link to.
    files: FxHashMap<String, Option<Scanned>>,
}

impl Links {
    /// Records `file`: HTML pages are scanned for links and ids, the search index's
    /// manifest for the files it names, other files only exist.
    pub fn scan(file: &OutputFile) -> (String, Option<Scanned>) {
        let scanned = if file.path.ends_with(".html") {
            Some(scan_html(&file.bytes))
        } else if file.path == crate::render::search::shards::INDEX_FILE {
            Some(scan_manifest(&file.bytes))
        } else {
            None
        };
        (file.path.clone(), scanned)
    }

    /// Adds a file recorded by [`Links::scan`], replacing an earlier version.
    pub fn insert(&mut self, (path, scanned): (String, Option<Scanned>)) {
        self.files.insert(path, scanned);
    }

    /// Adds a file that is not scanned (a copy of `static/`).
    pub fn insert_file(&mut self, path: String) {
        self.files.entry(path).or_insert(None);
    }

    /// Keeps only the files `keep` says are still part of the site.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.files.retain(|path, _| keep(path));
    }

    /// One error per link target that does not exist, at the file to fix: the content file
    /// of the page that lacks the fragment, or of the page that holds the broken link.
    pub fn check(&self, dossier: &Dossier, urls: &Urls) -> Vec<Diagnostic> {
        self.check_pages(self.files.keys().map(String::as_str), dossier, urls)
    }

    /// Like [`Links::check`], for the links on `pages` only.
    pub fn check_pages<'s>(
        &'s self,
        pages: impl Iterator<Item = &'s str>,
        dossier: &Dossier,
        urls: &Urls,
    ) -> Vec<Diagnostic> {
        // Pages in the order they are named in errors (see `rank`), so that the first page
        // met with a link is the one to name.
        let mut pages: Vec<(&'s String, &'s Scanned)> = pages
            .filter_map(|p| match self.files.get_key_value(p) {
                Some((path, Some(scanned))) => Some((path, scanned)),
                _ => None,
            })
            .collect();
        pages.sort_unstable_by_key(|(path, _)| rank(path));
        // Links from the site root mean the same on every page: each is resolved once
        // (108,000 distinct ones among 560,000 at 10,000 documents), with the first page
        // that has it and how many do.
        let mut rooted: FxHashMap<&str, (&str, usize)> = FxHashMap::default();
        // target path and fragment → the first page linking to it, and how many do
        let mut broken: HashMap<(String, String), (&str, usize)> = HashMap::new();
        for &(page, scanned) in &pages {
            for link in &scanned.links {
                if link.starts_with('/') {
                    rooted.entry(link).or_insert((page, 0)).1 += 1;
                } else if let Some(key) = self.broken(link, page, urls) {
                    broken.entry(key).or_insert((page, 0)).1 += 1;
                }
            }
        }
        for (link, (page, count)) in rooted {
            if let Some(key) = self.broken(link, page, urls) {
                let entry = broken.entry(key).or_insert((page, 0));
                entry.0 = std::cmp::min_by_key(entry.0, page, |p| rank(p));
                entry.1 += count;
            }
        }
        let mut problems: Vec<Diagnostic> = broken
            .into_iter()
            .map(|((target, fragment), (page, count))| {
                report(dossier, &target, &fragment, page, count)
            })
            .collect();
        crate::diagnostic::sort(&mut problems);
        problems
    }

    /// What `link` on `page` fails to reach (a path, and a fragment when the page exists
    /// but lacks it), or `None` when it leads to something the site has.
    fn broken(&self, link: &str, page: &str, urls: &Urls) -> Option<(String, String)> {
        let Some((target, fragment)) = resolve(link, page, urls) else {
            return Some((link.to_string(), String::new()));
        };
        let Some(file) = self.file_for(&target) else {
            return Some((target, String::new()));
        };
        match self.files.get(file) {
            Some(Some(found))
                if !fragment.is_empty()
                    && found
                        .ids
                        .binary_search(&hash_id(fragment.as_bytes()))
                        .is_err() =>
            {
                Some((file.to_string(), fragment))
            }
            _ => None,
        }
    }

    /// The file a site path names: itself, or the `index.html` of the directory it names
    /// (static servers and GitHub Pages serve `dir` and `dir/` from `dir/index.html`).
    fn file_for<'s>(&'s self, target: &str) -> Option<&'s str> {
        let index = if target.is_empty() || target.ends_with('/') {
            format!("{target}index.html")
        } else {
            if let Some((path, _)) = self.files.get_key_value(target) {
                return Some(path);
            }
            format!("{target}/index.html")
        };
        self.files.get_key_value(&index).map(|(p, _)| p.as_str())
    }
}

/// The order in which pages with the same broken link are named: a page made from one
/// content file (a document, an actor) before the pages that gather many, then by path.
fn rank(page: &str) -> (bool, &str) {
    (
        !(page.starts_with("documents/") || page.starts_with("actors/")),
        page,
    )
}

/// The fingerprint an id is kept as.
fn hash_id(id: &[u8]) -> u64 {
    crate::hash::of_bytes(id)
}

/// The scan of one page: `id`, `href` and `src` attributes, outside scripts.
fn scan_html(bytes: &[u8]) -> Scanned {
    let mut scanned = Scanned::default();
    let scripts = script_texts(bytes);
    let outside = |at: &usize| !scripts.iter().any(|r| r.contains(at));
    for at in attribute_values(bytes, b" id=\"").filter(outside) {
        let value = value_at(bytes, at);
        // Ids the theme writes have no entities: hashed in place, with no copy.
        let id = if value.contains(&b'&') {
            hash_id(decode(value).as_bytes())
        } else {
            hash_id(value)
        };
        scanned.ids.push(id);
    }
    let mut seen: FxHashSet<&[u8]> = FxHashSet::default();
    // `data-index`: the search index the search page's script fetches
    for name in [&b" href=\""[..], b" src=\"", b" data-index=\""] {
        for at in attribute_values(bytes, name).filter(outside) {
            let value = value_at(bytes, at);
            if !is_external(value) && seen.insert(value) {
                scanned.links.push(decode(value).into());
            }
        }
    }
    scanned.ids.sort_unstable();
    scanned
}

/// The scan of the search index's manifest: the shards and chunks the search script
/// fetches, by their paths relative to the manifest.
fn scan_manifest(bytes: &[u8]) -> Scanned {
    #[derive(serde::Deserialize)]
    struct Named {
        shards: Vec<Box<str>>,
        chunks: Vec<Box<str>>,
    }
    let links = match serde_json::from_slice::<Named>(bytes) {
        Ok(named) => named.shards.into_iter().chain(named.chunks).collect(),
        // a manifest that names nothing leads nowhere: the search page's link to it fails
        Err(_) => vec!["search-index/(unreadable manifest)".into()],
    };
    Scanned {
        ids: Vec::new(),
        links,
    }
}

/// Where the values of attribute `pattern` (` name="`, after any white space) start.
/// Searching each of three names is cheaper than looking at every attribute of a page.
fn attribute_values<'h>(html: &'h [u8], pattern: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let name = &pattern[1..];
    memmem::find_iter(html, name)
        .filter(move |&at| at > 0 && html[at - 1].is_ascii_whitespace() && in_tag(html, at))
        .map(move |at| at + name.len())
}

/// Whether `at` is inside a tag rather than in text: text may hold `href="…"` verbatim
/// (a code span about HTML), but never an unescaped `<` or `>`, so the nearest of the two
/// before `at` tells.
fn in_tag(html: &[u8], at: usize) -> bool {
    memchr::memrchr2(b'<', b'>', &html[..at]).is_some_and(|i| html[i] == b'<')
}

/// The value starting at `at`, up to its closing quote.
fn value_at(html: &[u8], at: usize) -> &[u8] {
    let end = memchr::memchr(b'"', &html[at..]).map_or(html.len(), |i| at + i);
    &html[at..end]
}

/// The byte ranges of the text of `<script>` elements, which may hold markup in strings.
fn script_texts(html: &[u8]) -> Vec<std::ops::Range<usize>> {
    memmem::find_iter(html, b"<script")
        .filter_map(|start| {
            let text = start + memchr::memchr(b'>', &html[start..])? + 1;
            let end = memmem::find(&html[text..], b"</script").map_or(html.len(), |i| text + i);
            Some(text..end)
        })
        .collect()
}

/// Links that leave the site: a scheme (`https:`, `mailto:`), or protocol-relative `//`.
fn is_external(url: &[u8]) -> bool {
    if url.starts_with(b"//") {
        return true;
    }
    let end = url
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(url.len());
    url[..end].contains(&b':')
}

/// An attribute value with the entities the writers use decoded.
fn decode(value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    if !text.contains('&') {
        return text.into_owned();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The site path (no leading `/`) and fragment a link on `page` leads to, or `None` when
/// it leaves the site's base path.
fn resolve(link: &str, page: &str, urls: &Urls) -> Option<(String, String)> {
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let path = path.split('?').next().unwrap_or_default();
    let fragment = percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned();
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(rooted) = path.strip_prefix('/') {
        let base = urls.base_path().trim_start_matches('/');
        let within = rooted.strip_prefix(base)?;
        if within.contains("./") || within.ends_with('.') {
            normalise(within)?
        } else {
            within.to_string()
        }
    } else {
        let dir = page.rfind('/').map_or("", |i| &page[..=i]);
        normalise(&format!("{dir}{path}"))?
    };
    Some((target, fragment))
}

/// `a/./b/../c/` is `a/c/`; `None` when `..` climbs above the site.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The error for one broken target, at the content file best placed to fix it.
fn report(
    dossier: &Dossier,
    target: &str,
    fragment: &str,
    first: &str,
    count: usize,
) -> Diagnostic {
    let others = match count {
        0 | 1 => String::new(),
        2 => " and 1 other page".to_string(),
        n => format!(" and {} other pages", n - 1),
    };
    if fragment.is_empty() {
        return Diagnostic::error(
            &source_of(dossier, first),
            0..0,
            format!("{first}{others} link to `{target}`, which is not part of the site"),
            "fix the link: no page or file of the site has this address (files of your own go in static/)",
        );
    }
    Diagnostic::error(
        &source_of(dossier, target),
        0..0,
        format!("the page {target} has no anchor `#{fragment}`, which {first}{others} link to"),
        "the passage or mention this anchor marks did not survive rendering: check the raw HTML and Markdown around it in this file",
    )
}

/// The content file a page is made from, or the page itself for pages of the theme.
fn source_of(dossier: &Dossier, page: &str) -> PathBuf {
    let id = page
        .strip_suffix("/index.html")
        .and_then(|p| p.split_once('/'))
        .map(|(_, id)| id);
    let body = match id.and_then(|id| dossier.ids.get(id)) {
        Some(Target::Document(d)) if page.starts_with("documents/") => {
            Some(&dossier.document(*d).body)
        }
        Some(Target::Actor(a)) if page.starts_with("actors/") => Some(&dossier.actor(*a).body),
        _ => None,
    };
    match body {
        Some(body) => body.path.clone(),
        None if page == "index.html" => dossier.overview.body.path.clone(),
        None => PathBuf::from(format!("site/{page}")),
    }
}

#[cfg(test)]
mod tests;
