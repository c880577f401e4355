//! Property tests of the parsers (issue #18): front matter, dates and quotes take any text
//! without panicking, report problems with spans inside the file, and parse or find what
//! they should.
//!
//! Each property runs a bounded number of cases so `cargo test` stays fast;
//! `PROPTEST_CASES=5000 cargo test --release properties` runs them for longer.

use std::path::Path;

use dossier::date::{PartialDate, Precision};
use dossier::diagnostic::{self, Diagnostic, Sources};
use dossier::load::frontmatter::{self, Split};
use dossier::load::raw::{RawActor, RawDocument, RawEvent, RawOverview};
use dossier::model::Format;
use dossier::resolve::{prose, quote};
use proptest::prelude::*;

use crate::harness::proptest_config;

/// Characters that have broken parsers before: syntax of both front-matter languages,
/// controls, invisible and typographic characters, combining marks, astral planes.
const ODD: &[char] = &[
    '\0',
    '\u{1b}',
    '\u{7}',
    '\u{8}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\r',
    '\n',
    '\t',
    '"',
    '\'',
    '\\',
    '#',
    '[',
    ']',
    '{',
    '}',
    ':',
    ',',
    '-',
    '+',
    '=',
    '*',
    '_',
    '`',
    '<',
    '>',
    '&',
    '|',
    '!',
    '%',
    '@',
    '\u{a0}',
    '\u{200b}',
    '\u{ad}',
    '\u{feff}',
    '\u{202e}',
    '\u{2028}',
    '“',
    '”',
    '’',
    '«',
    '…',
    'é',
    '\u{301}',
    'ß',
    'İ',
    '中',
    '😀',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10ffff}',
];

/// One character, mostly plain letters and spaces so that words form, often an odd one.
fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::sample::select(&b"abcdefgh  ijklmnop  ABC 0123 .,;"[..]).prop_map(char::from),
        3 => prop::sample::select(ODD),
        1 => any::<char>(),
    ]
}

/// A short string of [`odd_char`]s.
fn odd_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(odd_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Text shaped like a date: mostly well-formed, sometimes out of range or decorated.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?",
        "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?",
        "-?[0-9]{4}-[0-9]{2}-[0-9]{2} ?",
    ]
}

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

/// The passage a citation of `wanted` alone (no prefix or suffix) selects in `body`.
fn select(
    prose: &dossier::resolve::prose::Prose,
    body: &str,
    wanted: &str,
) -> Result<std::ops::Range<usize>, quote::Problem> {
    let selector = quote::Selector {
        quote: dossier::load::frontmatter::Located {
            value: wanted.to_string(),
            span: 0..0,
        },
        prefix: None,
        suffix: None,
    };
    quote::Searchable::new(prose, body).select(&selector)
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

    #[test]
    fn any_text_is_a_date_or_an_error(text in prop_oneof![odd_text(16), date_like()]) {
        if let Ok(date) = PartialDate::parse(&text) {
            // what parses is written back in its canonical form, which parses the same
            prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
            prop_assert_eq!(date.to_string(), text.trim());
        }
    }

    #[test]
    fn every_real_date_round_trips_at_its_precision(
        year in 0..=9999i32,
        month in 1..=12u8,
        day in 1..=31u8,
        precision in 0..3u8,
    ) {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let last = match month {
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 31,
        };
        let (text, expected) = match precision {
            0 => (format!("{year:04}"), Precision::Year),
            1 => (format!("{year:04}-{month:02}"), Precision::Month),
            _ => (format!("{year:04}-{month:02}-{day:02}"), Precision::Day),
        };
        let parsed = PartialDate::parse(&text);
        if precision == 2 && day > last {
            prop_assert!(parsed.is_err(), "{text} does not exist");
        } else {
            let date = parsed.map_err(TestCaseError::fail)?;
            prop_assert_eq!(date.to_string(), text);
            prop_assert_eq!(date.precision(), expected);
        }
    }

    #[test]
    fn dates_sort_by_period_less_precise_first(a in date_like(), b in date_like()) {
        if let (Ok(x), Ok(y)) = (PartialDate::parse(&a), PartialDate::parse(&b)) {
            let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0));
            prop_assert_eq!(x.cmp(&y), key(&x).cmp(&key(&y)));
        }
    }

    #[test]
    fn a_unique_passage_of_plain_text_is_always_found(
        body in odd_text(160),
        from in any::<prop::sample::Index>(),
        len in 1..60usize,
    ) {
        let chars: Vec<usize> = body.char_indices().map(|(i, _)| i).chain([body.len()]).collect();
        let start = chars[from.index(chars.len())];
        let end = chars[(chars.iter().position(|&i| i == start).unwrap_or(0) + len).min(chars.len() - 1)];
        let wanted = &body[start..end];
        let q = quote::normalise(wanted);
        let all = quote::normalise(&body);
        let occurrences = (0..all.len())
            .filter(|&i| all.is_char_boundary(i) && all[i..].starts_with(&q))
            .count();
        prop_assume!(!q.is_empty() && occurrences == 1);
        let prose = prose::extract(&body, Format::Text);
        let found = select(&prose, &body, wanted)
            .map_err(|miss| TestCaseError::fail(format!("{miss:?}: {wanted:?} in {body:?}")))?;
        prop_assert!(body.is_char_boundary(found.start) && body.is_char_boundary(found.end));
        // the passage found is the one taken (they overlap) and reads as the quote
        prop_assert!(found.start < end.max(start + 1) && start < found.end,
            "found {found:?}, took {start}..{end}");
        prop_assert!(quote::normalise(&body[found.clone()]).contains(&q));
    }

    #[test]
    fn any_quote_in_any_body_is_found_in_bounds_or_explained(
        body in odd_text(160),
        wanted in odd_text(30),
        markdown in any::<bool>(),
    ) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let prose = prose::extract(&body, format);
        if let Ok(found) = select(&prose, &body, &wanted) {
            prop_assert!(found.start <= found.end && found.end <= body.len());
            prop_assert!(body.is_char_boundary(found.start) && body.is_char_boundary(found.end));
        }
    }

    #[test]
    fn text_shown_in_a_markdown_run_is_found(
        body in odd_text(200),
        run in any::<prop::sample::Index>(),
        from in any::<prop::sample::Index>(),
        len in 1..30usize,
    ) {
        let prose = prose::extract(&body, Format::Markdown);
        prop_assume!(!prose.runs.is_empty());
        let shown = prose.runs[run.index(prose.runs.len())].text(&body);
        let chars: Vec<usize> = shown.char_indices().map(|(i, _)| i).chain([shown.len()]).collect();
        let at = from.index(chars.len());
        let wanted = &shown[chars[at]..chars[(at + len).min(chars.len() - 1)]];
        prop_assume!(!quote::normalise(wanted).is_empty());
        // found once, or found several times (an error that lists them), never missing
        let found = select(&prose, &body, wanted);
        prop_assert!(
            !matches!(found, Err(quote::Problem::Missing(_))),
            "{:?}: {wanted:?} in {body:?}",
            found
        );
    }
}
