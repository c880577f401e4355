//! Values fixed for a whole build, written into the built-in templates when the theme loads.
//!
//! Every page of the default theme prints dozens of interface strings (`{{ t.documents }}`)
//! and navigation links (`{{ nav.home }}`): each one a lookup through Tera's scopes into a
//! map (the 110 strings hashed with SipHash), then escaped. Their values do not change
//! during a build, so [`inline`] replaces each such lookup with its escaped text before the
//! template is compiled: the page is byte for byte the same. Without it, render takes 6.5 %
//! more instructions and 6 % more time at 1,000 documents (benches/stages.rs render,
//! 2026-12-06; bench/README.md).
//!
//! Only templates whose text is the built-in one are rewritten (a user's own template keeps
//! its lookups, and its diagnostics point into the file as written), and none at all when
//! some template gives one of these names a value of its own ([`binds`]), which would
//! change what a lookup finds.

use serde_json::{Map, Value};

/// The values of one build that templates read by name: `t` (interface strings), `nav`.
pub type Constants<'a> = [(&'a str, &'a Map<String, Value>)];

/// `template` with each `{{ name.key }}` of `constants` whose value is known written as that
/// value, escaped when `escape` (the template is autoescaped). Lookups with filters or
/// whitespace control, unknown keys, values that are not text and text Tera would read as
/// template syntax are left as they are.
pub fn inline(template: &str, constants: &Constants, escape: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let value = lookup(tag).and_then(|(name, key, len)| {
            let (_, map) = constants.iter().find(|(n, _)| *n == name)?;
            Some((text(map.get(key)?, escape)?, len))
        });
        match value {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &tag[len..];
            }
            None => {
                out.push_str("{{");
                rest = &tag[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The name and key of a `{{ name.key }}` at the start of `tag`, and the tag's length.
fn lookup(tag: &str) -> Option<(&str, &str, usize)> {
    let inner = tag.strip_prefix("{{")?;
    let end = inner.find("}}")?;
    let expression = &inner[..end];
    // `{{-` and `-}}` trim whitespace around the tag: left to Tera
    if expression.starts_with('-') || expression.ends_with('-') {
        return None;
    }
    let (name, key) = expression.trim().split_once('.')?;
    let is_name =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (is_name(name) && is_name(key)).then_some((name, key, 2 + end + 2))
}

/// A string as the template would print it, unless it could read as template syntax.
fn text(value: &Value, escape: bool) -> Option<String> {
    let s = value.as_str()?;
    // a brace could open or close a tag, and a leading `%` or `#` could open one with a `{`
    // the template prints just before
    if s.contains(['{', '}']) || s.starts_with(['%', '#']) {
        return None;
    }
    if !escape {
        return Some(s.to_string());
    }
    let mut escaped = Vec::with_capacity(s.len() + 8);
    tera::escape_html(s, &mut escaped).ok()?;
    String::from_utf8(escaped).ok()
}

/// Whether `template` may give one of `names` a value of its own: a tag (`{% … %}`) naming
/// it other than to read an attribute of it, as in `{% for t in tags %}` or `{% set t = … %}`.
/// Errs on the side of yes: a tag that only reads the whole value also counts.
pub fn binds(template: &str, names: &[&str]) -> bool {
    tags(template).any(|tag| names_one_of(tag, names))
}

/// The code of each tag (`{% … %}`) of `template`, between its delimiters.
fn tags(template: &str) -> impl Iterator<Item = &str> {
    template
        .split("{%")
        .skip(1)
        .map(|tag| match tag.find("%}") {
            Some(end) => &tag[..end],
            None => tag,
        })
}

/// Whether an identifier of `names`, neither after nor before a `.`, occurs in `code`.
fn names_one_of(code: &str, names: &[&str]) -> bool {
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i]) {
            i += 1;
        }
        let after_dot = start > 0 && bytes[start - 1] == b'.';
        let before_dot = bytes.get(i) == Some(&b'.');
        if !after_dot && !before_dot && names.contains(&&code[start..i]) {
            return true;
        }
    }
    false
}

/// Whether `template` has a raw block, whose lookups must stay as written.
pub fn has_raw_block(template: &str) -> bool {
    tags(template).any(|tag| {
        tag.trim_start_matches(['-', ' ', '\t', '\n', '\r'])
            .starts_with("raw")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::DEFAULT_TEMPLATES;

    fn map(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    fn strings() -> Map<String, Value> {
        map(
            r##"{"docs": "Documents", "q": "Ansip's \"backdoors\" & <more>", "n": 3,
                "curly": "a {{ b }}", "pct": "% of", "hash": "#1"}"##,
        )
    }

    #[test]
    fn lookups_become_the_escaped_value() {
        let (t, nav) = (strings(), map(r#"{"home": "/sub/", "q": "/a?b=1&c=2"}"#));
        let constants = [("t", &t), ("nav", &nav)];
        let template =
            r#"<a href="{{ nav.home }}">{{ t.docs }}</a><p title="{{t.q}}">{{ t.q }}</p>"#;
        assert_eq!(
            inline(template, &constants, true),
            "<a href=\"/sub/\">Documents</a><p title=\"Ansip&#39;s &quot;backdoors&quot; &amp; \
             &lt;more&gt;\">Ansip&#39;s &quot;backdoors&quot; &amp; &lt;more&gt;</p>"
        );
        assert_eq!(inline("{{ nav.q }}", &constants, true), "/a?b=1&amp;c=2");
        // not escaped where Tera does not escape (robots.txt)
        assert_eq!(
            inline("{{ t.q }}", &constants, false),
            "Ansip's \"backdoors\" & <more>"
        );
    }

    #[test]
    fn what_tera_must_still_evaluate_is_left_alone() {
        let t = strings();
        let constants = [("t", &t)];
        let template = "{{ t.missing }} {{ t.n }} {{ t.curly }} {{ t.pct }} {{ t.hash }} \
                        {{- t.docs }} {{ t.docs -}} {{ t.docs | upper }} {{ site.t.docs }} \
                        {{ t }} {{ t.docs.x }} {{ nav.docs }} {{ x }}";
        assert_eq!(inline(template, &constants, true), template);
        // an unclosed tag is Tera's to report
        assert_eq!(inline("a {{ t.docs", &constants, true), "a {{ t.docs");
    }

    #[test]
    fn tags_that_give_a_name_a_value_are_found() {
        for template in [
            "{% for t in tags %}{{ t }}{% endfor %}",
            "{% for k, t in map %}{% endfor %}",
            "{%- set t = 1 -%}",
            "{% set_global nav = site %}",
            "{% component card(t) %}{% endcomponent %}",
        ] {
            assert!(binds(template, &["t", "nav"]), "{template}");
        }
        for template in [
            "{% if t.docs %}{{ t.docs }}{% endif %}",
            "{% for tag in tags %}{{ tag }}{% endfor %}",
            "{% set title = t.docs ~ site.t ~ nav.home %}",
            "{% for navigation in t.list %}{% endfor %}",
            "{{ t }} outside a tag",
        ] {
            assert!(!binds(template, &["t", "nav"]), "{template}");
        }
    }

    #[test]
    fn raw_blocks_are_found() {
        assert!(has_raw_block("a {% raw %}{{ t.docs }}{% endraw %}"));
        assert!(has_raw_block("{%- raw -%}x{% endraw %}"));
        assert!(!has_raw_block(
            "{% if raw %}{% endif %}{% block draw %}{% endblock %}"
        ));
    }

    #[test]
    fn every_built_in_template_is_rewritten() {
        let en = DEFAULT_TEMPLATES
            .iter()
            .find(|(name, _)| *name == "i18n/en.toml")
            .map(|(_, text)| text.parse::<toml::Table>().unwrap())
            .unwrap();
        let t: Map<String, Value> =
            serde_json::from_value(serde_json::to_value(&en["strings"]).unwrap()).unwrap();
        let nav = map(
            r#"{"home": "/", "documents": "/documents/", "actors": "/actors/", "tags": "/tags/",
            "timeline": "/timeline/", "search": "/search/", "briefing": "/briefing/", "network": "/network/",
            "style": "/style.css", "highlight": "/highlight.css", "feed": "/feed.xml",
            "integrity": "/integrity/", "data": "/data/"}"#,
        );
        let constants = [("t", &t), ("nav", &nav)];
        for (name, text) in DEFAULT_TEMPLATES {
            assert!(
                !binds(text, &["t", "nav"]),
                "{name} gives `t` or `nav` a value"
            );
            assert!(!has_raw_block(text), "{name} has a raw block");
            assert!(
                !inline(text, &constants, true).contains("{{ nav."),
                "{name}"
            );
            // plain lookups left are strings with braces (placeholders the scripts fill)
            for kept in inline(text, &constants, true).split("{{ t.").skip(1) {
                let Some((key, "}}")) = kept
                    .split_once(' ')
                    .map(|(k, r)| (k, r.get(..2).unwrap_or_default()))
                else {
                    continue;
                };
                let string = t[key].as_str().unwrap_or_default();
                assert!(string.contains('{'), "{name} keeps `t.{key}`");
            }
        }
    }
}
