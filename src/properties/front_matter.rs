//! Front matter in either language, generated key by key with odd values and broken
//! syntax, parses or is a diagnostic inside the file, and a title written in either
//! language reads back.

use std::path::Path;

use proptest::prelude::*;

use super::{date_like, odd_text, proptest_config};
use crate::diagnostic::{self, Diagnostic, Sources};
use crate::load::frontmatter::{self, Split};
use crate::load::raw::{RawActor, RawDocument, RawEvent, RawOverview};

/// A front-matter value: what TOML and YAML can both write.
#[derive(Debug, Clone)]
enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A date written without quotes: a TOML date, a YAML plain scalar.
    Date(String),
    List(Vec<Value>),
    Table(Vec<(String, Value)>),
}

/// The keys dossier knows (so that nested values reach its deserialisers) and others.
const KEYS: &[&str] = &[
    "title",
    "date",
    "end",
    "approximate",
    "kind",
    "lang",
    "authors",
    "actors",
    "source",
    "summary",
    "tags",
    "draft",
    "events",
    "extra",
    "name",
    "aliases",
    "relations",
    "quote",
    "document",
    "sources",
    "id",
    "publisher",
    "url",
    "retrieved",
    "actor",
    "label",
    "place",
    "country",
    "description",
    "prefix",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(String::from),
        1 => "[a-z_-]{1,8}",
        1 => odd_text(8),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        4 => odd_text(24).prop_map(Value::Str),
        1 => any::<i64>().prop_map(Value::Int),
        1 => any::<f64>().prop_map(Value::Float),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => date_like().prop_map(Value::Date),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::List),
            prop::collection::vec((key(), inner), 0..5).prop_map(Value::Table),
        ]
    })
}

/// A string literal both languages read: double quotes, every control escaped.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // noncharacters are not printable YAML, and YAML folds its line separators
            c if c.is_control()
                || matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}') =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn bare_key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { k.to_string() } else { quoted(k) }
}

/// The value inline, in TOML (`yaml` false) or YAML flow style.
fn inline(v: &Value, yaml: bool) -> String {
    let float = |f: f64| match (f.is_nan(), f.is_infinite(), yaml) {
        (true, _, false) => "nan".to_string(),
        (true, _, true) => ".nan".to_string(),
        (_, true, false) => if f > 0.0 { "inf" } else { "-inf" }.to_string(),
        (_, true, true) => if f > 0.0 { ".inf" } else { "-.inf" }.to_string(),
        _ => format!("{f:?}"),
    };
    match v {
        Value::Str(s) => quoted(s),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float(*f),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.clone(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| inline(i, yaml)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Table(pairs) => {
            let sep = if yaml { ": " } else { " = " };
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}{sep}{}", bare_key(k), inline(v, yaml)))
                .collect();
            format!("{{ {} }}", pairs.join(", "))
        }
    }
}

/// Top-level pairs as TOML: plain keys first, then `[table]` and `[[array]]` sections
/// when `sections` (as real front matter writes `[[events]]`), inline tables otherwise.
fn toml_text(pairs: &[(String, Value)], sections: bool) -> String {
    let is_section = |v: &Value| match v {
        Value::Table(_) => true,
        Value::List(items) => {
            !items.is_empty() && items.iter().all(|i| matches!(i, Value::Table(_)))
        }
        _ => false,
    };
    let mut out = String::new();
    for (k, v) in pairs.iter().filter(|(_, v)| !sections || !is_section(v)) {
        out.push_str(&format!("{} = {}\n", bare_key(k), inline(v, false)));
    }
    for (k, v) in pairs.iter().filter(|(_, v)| sections && is_section(v)) {
        let tables: Vec<&Value> = match v {
            Value::List(items) => items.iter().collect(),
            table => vec![table],
        };
        let header = if matches!(v, Value::List(_)) {
            format!("[[{}]]", bare_key(k))
        } else {
            format!("[{}]", bare_key(k))
        };
        for table in tables {
            out.push_str(&header);
            out.push('\n');
            if let Value::Table(inner) = table {
                for (k, v) in inner {
                    out.push_str(&format!("{} = {}\n", bare_key(k), inline(v, false)));
                }
            }
        }
    }
    out
}

/// Top-level pairs as a YAML block mapping; lists of tables as block sequences.
fn yaml_text(pairs: &[(String, Value)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        match v {
            Value::List(items) if !items.is_empty() => {
                out.push_str(&format!("{}:\n", bare_key(k)));
                for item in items {
                    out.push_str(&format!("  - {}\n", inline(item, true)));
                }
            }
            v => out.push_str(&format!("{}: {}\n", bare_key(k), inline(v, true))),
        }
    }
    out
}

/// A content file: front matter in either language (fences sometimes swapped or broken),
/// a body, and a few snippets inserted anywhere to break the syntax.
fn content_file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), value()), 0..8),
        0..4u8,
        any::<bool>(),
        odd_text(40),
        prop::collection::vec((any::<prop::sample::Index>(), odd_text(6)), 0..3),
    )
        .prop_map(|(pairs, style, sections, body, inserts)| {
            let (open, front, close) = match style {
                0 => ("+++", toml_text(&pairs, sections), "+++"),
                1 => ("---", yaml_text(&pairs), "---"),
                2 => ("---", toml_text(&pairs, sections), "+++"),
                _ => ("+++", yaml_text(&pairs), "+++"),
            };
            let mut text = format!("{open}\n{front}{close}\n{body}");
            for (at, snippet) in inserts {
                let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                let at = chars
                    .get(at.index(chars.len().max(1)))
                    .copied()
                    .unwrap_or(0);
                text.insert_str(at, &snippet);
            }
            text
        })
}

/// Splits and parses `text` as every kind of content file; the problems found.
fn parse_everything(file: &Path, text: &str) -> Vec<Diagnostic> {
    let split: Split = match frontmatter::split(file, text) {
        Ok(split) => split,
        Err(d) => return vec![d],
    };
    assert!(split.front.end <= split.body.start && split.body.end == text.len());
    let mut problems = Vec::new();
    let mut keep = |r: Result<(), Vec<Diagnostic>>| problems.extend(r.err().into_iter().flatten());
    keep(frontmatter::parse::<RawDocument>(file, text, &split, "document front matter").map(drop));
    keep(frontmatter::parse::<RawActor>(file, text, &split, "actor front matter").map(drop));
    keep(frontmatter::parse::<RawEvent>(file, text, &split, "event front matter").map(drop));
    keep(frontmatter::parse::<RawOverview>(file, text, &split, "overview front matter").map(drop));
    problems
}

/// A terminal would act on these: a report must show them escaped.
fn unprintable(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn any_front_matter_parses_or_is_a_diagnostic_inside_the_file(text in content_file()) {
        let file = Path::new("content/documents/x.md");
        let problems = parse_everything(file, &text);
        for d in &problems {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len(),
                "span {:?} outside a file of {} bytes: {}", d.span, text.len(), d.message);
            prop_assert!(!d.message.is_empty() && !d.hint.is_empty());
        }
        let mut sources = Sources::default();
        sources.insert(file, text.clone());
        let report = diagnostic::render(&problems, &sources, false);
        prop_assert!(!report.contains(unprintable), "a control character reached the report:\n{report:?}");
    }

    #[test]
    fn any_document_title_written_in_either_language_reads_back(
        title in odd_text(40),
        date in "[0-9]{4}-(0[1-9]|1[0-2])",
        yaml in any::<bool>(),
    ) {
        let pairs = vec![
            ("title".to_string(), Value::Str(title.clone())),
            ("date".to_string(), Value::Str(date.clone())),
        ];
        let text = if yaml {
            format!("---\n{}---\nbody", yaml_text(&pairs))
        } else {
            format!("+++\n{}+++\nbody", toml_text(&pairs, false))
        };
        let file = Path::new("content/documents/x.md");
        let split = frontmatter::split(file, &text).map_err(|d| TestCaseError::fail(d.message))?;
        let doc: RawDocument = frontmatter::parse(file, &text, &split, "document front matter")
            .map_err(|d| TestCaseError::fail(format!("{d:?}\n{text}")))?;
        prop_assert_eq!(doc.title.value, title);
        prop_assert_eq!(doc.date.map(|d| d.value), Some(date));
        prop_assert_eq!(&text[split.body], "body");
    }
}
