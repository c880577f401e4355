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

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use memchr::memmem;

use crate::diagnostic::Diagnostic;
use crate::model::{Dossier, Target};
use crate::render::OutputFile;
use crate::render::urls::Urls;

/// What one HTML page links to and which fragments it offers.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scanned {
    /// Its `id` values.
    ids: HashSet<Box<str>>,
    /// Its internal links (`href` and `src`), each once, as written (entities decoded).
    links: Vec<Box<str>>,
}

/// The pages and files of one site, as far as links are concerned.
#[derive(Debug, Default, Clone)]
pub struct Links {
    /// Every file, by its path in the site; HTML pages with what they link to.
    files: HashMap<String, Option<Scanned>>,
}

impl Links {
    /// Records `file`: HTML pages are scanned for links and ids, other files only exist.
    pub fn scan(file: &OutputFile) -> (String, Option<Scanned>) {
        let scanned = file.path.ends_with(".html").then(|| scan_html(&file.bytes));
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
        // Links from the site root mean the same on every page: each is resolved once
        // (100,000 distinct ones among 560,000 at 10,000 documents), with the first page,
        // in path order, that has it and how many do.
        let mut rooted: HashMap<&str, (&str, usize)> = HashMap::new();
        // target path and fragment → the pages linking to it
        let mut broken: HashMap<(String, String), (&str, usize)> = HashMap::new();
        let mut note = |key: (String, String), page: &'s str, count: usize| {
            let entry = broken.entry(key).or_insert((page, 0));
            entry.0 = first(entry.0, page);
            entry.1 += count;
        };
        for (page, scanned) in pages.filter_map(|p| self.files.get_key_value(p)) {
            let Some(scanned) = scanned else { continue };
            for link in &scanned.links {
                if link.starts_with('/') {
                    let entry = rooted.entry(link).or_insert((page, 0));
                    entry.0 = first(entry.0, page);
                    entry.1 += 1;
                } else if let Some(key) = self.broken(link, page, urls) {
                    note(key, page, 1);
                }
            }
        }
        for (link, (page, count)) in rooted {
            if let Some(key) = self.broken(link, page, urls) {
                note(key, page, count);
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
            Some(Some(found)) if !fragment.is_empty() && !found.ids.contains(fragment.as_str()) => {
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

/// Of two pages with the same broken link, the one to name: a page made from one content
/// file (a document, an actor) before the pages that gather many, then in path order.
fn first<'p>(a: &'p str, b: &'p str) -> &'p str {
    let rank = |p: &'p str| {
        (
            !(p.starts_with("documents/") || p.starts_with("actors/")),
            p,
        )
    };
    std::cmp::min_by_key(a, b, |p| rank(p))
}

/// The scan of one page: `id`, `href` and `src` attributes, outside scripts.
fn scan_html(bytes: &[u8]) -> Scanned {
    let mut scanned = Scanned::default();
    let mut seen: HashSet<&[u8]> = HashSet::new();
    for (name, value) in attributes(bytes) {
        match name {
            b"id" => {
                scanned.ids.insert(decode(value).into());
            }
            b"href" | b"src" if !is_external(value) && seen.insert(value) => {
                scanned.links.push(decode(value).into());
            }
            _ => {}
        }
    }
    scanned
}

/// Every `name="value"` attribute of `html` whose name is preceded by white space, with
/// the text of `<script>` elements left out (an inline script may hold markup in strings).
fn attributes(html: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let quote = memmem::Finder::new(b"=\"");
    let script = memmem::Finder::new(b"<script");
    let mut next_script = script.find(html);
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let found = at + quote.find(&html[at..])?;
            if let Some(start) = next_script.filter(|&s| s < found) {
                let text = start + memchr::memchr(b'>', &html[start..])?;
                if found > text {
                    let end = text + memmem::find(&html[text..], b"</script")?;
                    at = end;
                    next_script = script.find(&html[end..]).map(|i| end + i);
                    continue;
                }
            }
            let value_start = found + 2;
            let value_end = value_start + memchr::memchr(b'"', &html[value_start..])?;
            at = value_end + 1;
            let name_start = html[..found]
                .iter()
                .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
                .map_or(0, |i| i + 1);
            if name_start == 0 || !html[name_start - 1].is_ascii_whitespace() {
                continue;
            }
            return Some((&html[name_start..found], &html[value_start..value_end]));
        }
    })
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
        normalise(within)?
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
