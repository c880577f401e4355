//! Interface strings written into the built-in templates when the theme loads.
//!
//! The default templates print about 140 interface strings (`{{ t.documents }}`), and every
//! page prints dozens of them: each one a lookup through Tera's scopes into a map of 110
//! strings, hashed with SipHash, then escaped, about 5 % of a large build. The strings do
//! not change during a build, so [`inline`] replaces each such lookup with its escaped text
//! before the template is compiled: the page is byte for byte the same.
//!
//! Only templates whose text is the built-in one are rewritten (a user's own template keeps
//! its lookups, and its diagnostics point into the file as written), and none at all when
//! some template gives `t` a value of its own ([`binds_t`]), which would change what a
//! lookup finds.

use serde_json::{Map, Value};

/// `template` with each `{{ t.key }}` whose string is known written as that string, escaped
/// when `escape` (the template is autoescaped). Lookups with filters or whitespace control,
/// unknown keys, strings that are not text and strings Tera would read as template syntax
/// are left as they are.
pub fn inline(template: &str, strings: &Map<String, Value>, escape: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        match lookup(tag).and_then(|(key, len)| Some((text(strings.get(key)?, escape)?, len))) {
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

/// The key of a `{{ t.key }}` at the start of `tag`, and the tag's length.
fn lookup(tag: &str) -> Option<(&str, usize)> {
    let inner = tag.strip_prefix("{{")?;
    let end = inner.find("}}")?;
    let expression = &inner[..end];
    // `{{-` and `-}}` trim whitespace around the tag: left to Tera
    if expression.starts_with('-') || expression.ends_with('-') {
        return None;
    }
    let key = expression.trim().strip_prefix("t.")?;
    let is_name = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    is_name.then_some((key, 2 + end + 2))
}

/// A string as the template would print it, unless it could read as template syntax.
fn text(value: &Value, escape: bool) -> Option<String> {
    let s = value.as_str()?;
    // braces could open or close a tag; `%` or `#` right after a `{` before it too
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

/// Whether `template` may give `t` a value of its own: a tag (`{% … %}`) naming `t` other
/// than to read an attribute of it, as in `{% for t in tags %}` or `{% set t = … %}`.
/// Errs on the side of yes: a tag that only reads `t` whole also counts.
pub fn binds_t(template: &str) -> bool {
    let mut rest = template;
    while let Some(at) = rest.find("{%") {
        let tag = &rest[at + 2..];
        let end = tag.find("%}").unwrap_or(tag.len());
        if names_t(&tag[..end]) {
            return true;
        }
        rest = &tag[end..];
    }
    false
}

/// Whether the identifier `t`, not followed by `.`, occurs in `code`.
fn names_t(code: &str) -> bool {
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b't'
            && (i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != b'.')
            && bytes.get(i + 1).is_none_or(|&n| !is_ident(n) && n != b'.')
    })
}

/// Whether `template` has a raw block, whose `{{ t.key }}` must stay as written.
pub fn has_raw_block(template: &str) -> bool {
    let mut rest = template;
    while let Some(at) = rest.find("{%") {
        let tag = rest[at + 2..].trim_start_matches(['-', ' ', '\t', '\n', '\r']);
        if tag.starts_with("raw") {
            return true;
        }
        rest = &rest[at + 2..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::DEFAULT_TEMPLATES;

    fn strings() -> Map<String, Value> {
        serde_json::from_str(
            r##"{"docs": "Documents", "q": "Ansip's \"backdoors\" & <more>", "n": 3,
                "curly": "a {{ b }}", "pct": "% of", "hash": "#1"}"##,
        )
        .unwrap()
    }

    #[test]
    fn lookups_become_the_escaped_string() {
        let template = r#"<h2>{{ t.docs }}</h2><p title="{{t.q}}">{{ t.q }}</p>"#;
        let html = inline(template, &strings(), true);
        assert_eq!(
            html,
            "<h2>Documents</h2><p title=\"Ansip&#39;s &quot;backdoors&quot; &amp; &lt;more&gt;\">\
             Ansip&#39;s &quot;backdoors&quot; &amp; &lt;more&gt;</p>"
        );
        // not escaped where Tera does not escape (robots.txt)
        assert_eq!(
            inline("{{ t.q }}", &strings(), false),
            "Ansip's \"backdoors\" & <more>"
        );
    }

    #[test]
    fn what_tera_must_still_evaluate_is_left_alone() {
        let template = "{{ t.missing }} {{ t.n }} {{ t.curly }} {{ t.pct }} {{ t.hash }} \
                        {{- t.docs }} {{ t.docs -}} {{ t.docs | upper }} {{ site.t.docs }} \
                        {{ t }} {{ t.docs.x }} {{ x }}";
        assert_eq!(inline(template, &strings(), true), template);
        // an unclosed tag is Tera's to report
        assert_eq!(inline("a {{ t.docs", &strings(), true), "a {{ t.docs");
    }

    #[test]
    fn tags_that_give_t_a_value_are_found() {
        for template in [
            "{% for t in tags %}{{ t }}{% endfor %}",
            "{% for k, t in map %}{% endfor %}",
            "{%- set t = 1 -%}",
            "{% set_global t = site %}",
            "{% component card(t) %}{% endcomponent %}",
        ] {
            assert!(binds_t(template), "{template}");
        }
        for template in [
            "{% if t.docs %}{{ t.docs }}{% endif %}",
            "{% for tag in tags %}{{ tag }}{% endfor %}",
            "{% set title = t.docs ~ site.t %}",
            "{{ t }} outside a tag",
        ] {
            assert!(!binds_t(template), "{template}");
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
        let strings: Map<String, Value> =
            serde_json::from_value(serde_json::to_value(&en["strings"]).unwrap()).unwrap();
        for (name, text) in DEFAULT_TEMPLATES {
            assert!(!binds_t(text), "{name} gives `t` a value");
            assert!(!has_raw_block(text), "{name} has a raw block");
            // plain lookups left are strings with braces (placeholders the scripts fill)
            for kept in inline(text, &strings, true).split("{{ t.").skip(1) {
                let Some((key, "}}")) = kept
                    .split_once(' ')
                    .map(|(k, r)| (k, r.get(..2).unwrap_or_default()))
                else {
                    continue;
                };
                let string = strings[key].as_str().unwrap_or_default();
                assert!(string.contains('{'), "{name} keeps `t.{key}`");
            }
        }
    }
}
