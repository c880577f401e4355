//! Raw HTML in untrusted Markdown: a fragment is kept when every tag in it is one the
//! sanitiser keeps, and shown as text otherwise.
//!
//! The sanitiser parses the whole page as a browser would, and some tags change how the
//! rest is parsed: after a lone `<script>`, `<style>`, `<template>`, `<textarea>`,
//! `<select>` or an unclosed `<!--`, everything that follows is taken as their content and
//! removed with them. A source that merely mentions `<script>` would lose its remaining
//! text, and the anchors of the passages cited in it. So those fragments never reach the
//! parser as markup: the reader sees them as the source wrote them.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Tags the sanitiser keeps with their content (ammonia's defaults and ours).
static KEPT: LazyLock<HashSet<&'static str>> = LazyLock::new(|| SANITISER.clone_tags());

/// True when `fragment` holds only comments that close and tags the sanitiser keeps.
pub fn is_harmless(fragment: &str) -> bool {
    let mut rest = fragment;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            match comment.find("-->") {
                Some(end) => {
                    rest = &comment[end + 3..];
                    continue;
                }
                None => return false,
            }
        }
        let name = rest.strip_prefix('/').unwrap_or(rest);
        let len = name
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(name.len());
        if len == 0 {
            // `<!DOCTYPE`, `<![CDATA[`, `<?php`: not markup a source document needs.
            if name.starts_with(['!', '?']) {
                return false;
            }
            // A lone `<` (as in `a < b`) is text to the parser too.
            continue;
        }
        if !KEPT.contains(name[..len].to_ascii_lowercase().as_str()) {
            return false;
        }
        // A tag left open (`<p title="`, `<div`) takes the markup that follows it, a cited
        // passage's mark included, as its attributes: found by the build property tests.
        if !closes(&name[len..]) {
            return false;
        }
    }
    true
}

/// True when the tag whose attributes start `attributes` ends with a `>` in it, outside
/// quoted attribute values.
fn closes(attributes: &str) -> bool {
    let mut rest = attributes;
    while let Some(at) = rest.find(['>', '=']) {
        if rest[at..].starts_with('>') {
            return true;
        }
        rest = rest[at + 1..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            match rest[1..].find(quote) {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
        }
    }
    false
}

/// The sanitiser of raw HTML in bodies (unless `unsafe_html`): what it keeps is what
/// [`is_harmless`] lets through.
pub(super) static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["class", "id", "lang", "dir", "title"])
        .add_tags(["mark", "figure", "figcaption", "details", "summary", "time"])
        .add_tag_attributes("mark", ["data-passage"])
        .add_tag_attributes("pre", ["data-lang"])
        .add_tag_attributes("time", ["datetime"])
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel", "ftp"]));
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_the_sanitiser_keeps_are_harmless() {
        for fragment in [
            "<b>",
            "</b>",
            "<div class=\"x\">",
            "<p>a</p>\n<p>b</p>",
            "<!-- a note -->",
            "<img src=x onerror=alert(1)>",
            "a < b",
        ] {
            assert!(is_harmless(fragment), "{fragment}");
        }
    }

    #[test]
    fn tags_that_swallow_what_follows_are_not() {
        for fragment in [
            "<script>",
            "<SCRIPT src=x>",
            "<style>",
            "<template>",
            "<textarea>",
            "<title>",
            "<select>",
            "<xmp>",
            "<iframe>",
            "<noscript>",
            "<plaintext>",
            "<svg>",
            "<math>",
            "<!-- never closed",
            "<![CDATA[",
            "<!DOCTYPE html>",
            "<div><script>x</script></div>",
            "<a title=\"<style>\">",
        ] {
            assert!(!is_harmless(fragment), "{fragment}");
        }
    }

    #[test]
    fn a_tag_left_open_is_not_harmless() {
        for fragment in [
            "<p title=\"",
            "<p title='a > b",
            "<div",
            "<div\nclass=\"x\"",
            "</div",
            "<b>a</b> <i",
        ] {
            assert!(!is_harmless(fragment), "{fragment}");
        }
        for fragment in [
            "<p title=\"a > b\">",
            "<p title='\"'>",
            "<div\nclass = \"x\"\n>",
            "<img src=x alt=y>",
        ] {
            assert!(is_harmless(fragment), "{fragment}");
        }
    }
}
