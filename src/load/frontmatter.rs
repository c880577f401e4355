//! Front matter: splitting `+++` TOML or `---` YAML from the body, and strict parsing with spans.
//!
//! Either language is read into one tree of values that carry the spans their parser gave
//! (`tree`), and one deserializer (`de`) reads the raw model from it: parsing holds no
//! state outside the call.

mod de;
mod from_toml;
mod from_yaml;
mod hints;
mod plain;
mod tree;

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::diagnostic::Diagnostic;
use crate::suggest;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// A file split into its front matter and body, as byte ranges of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// TOML or YAML.
    pub format: Format,
    /// The front matter, without its fences.
    pub front: Range<usize>,
    /// Everything after the closing fence's line.
    pub body: Range<usize>,
}

/// Finds the front matter at the top of `text`; a diagnostic says what is missing.
pub fn split(file: &Path, text: &str) -> Result<Split, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let fence = text[start..first_line_end].trim_end();
    let format = match fence {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Err(Diagnostic::error(
                file,
                start..start + text[start..first_line_end].trim_end().len(),
                "this file has no front matter",
                "start the file with a `+++` line, TOML settings such as `title = \"...\"`, and a closing `+++` line",
            ));
        }
    };
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == fence {
            return Ok(Split {
                format,
                front: first_line_end..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(Diagnostic::error(
        file,
        start..start + fence.len(),
        "the front matter is never closed",
        format!("add a line with only `{fence}` after the front matter"),
    ))
}

/// A string from front matter with its byte span in the file, for precise diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sp {
    /// The value.
    pub value: String,
    /// Where the value is written in the file (quotes included).
    pub span: Range<usize>,
}

impl Sp {
    /// The value as `&str`.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The span comes from the deserializer, as [`serde_spanned::Spanned`] asks it: the
/// front-matter one gives spans in the file; toml's own (in tests) spans in its input.
impl<'de> Deserialize<'de> for Sp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_spanned::Spanned::<Text>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(Sp {
            value: spanned.into_inner().0,
            span,
        })
    }
}

/// A value read as text: a string, any YAML scalar, or what Zola and Hugo users write
/// unquoted in TOML, a native date (`date = 2019-01-01`; a datetime keeps its date) or a
/// whole number (`date = 2019`).
struct Text(String);

/// The key under which the `toml` crate hands a native datetime to serde (and so does the
/// front-matter deserializer).
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text(v.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        use serde::de::Error;
        let key: Option<String> = map.next_key()?;
        if key.as_deref() != Some(TOML_DATETIME_KEY) {
            return Err(A::Error::invalid_type(
                serde::de::Unexpected::Map,
                &"a string",
            ));
        }
        let datetime: String = map.next_value()?;
        let date = datetime.split(['T', 't', ' ']).next().unwrap_or_default();
        let is_date = date.len() == 10
            && date.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !is_date {
            return Err(A::Error::custom(format!(
                "`{datetime}` is a time without a date; write a date such as \"2019-01-15\""
            )));
        }
        Ok(Text(date.to_string()))
    }
}

/// Parses the front matter of `text` (at `split.front`) into `T`, strictly.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    split: &Split,
    what: &str,
) -> Result<T, Diagnostic> {
    let front = &text[split.front.clone()];
    let base = split.front.start;
    check_bounds(file, front, base, split.format)?;
    // the tree's spans are in the file, `serde_diagnostic`'s in the front matter
    let in_front = |span: Range<usize>| span.start - base..span.end - base;
    let tree = match split.format {
        Format::Toml => from_toml::read(front, base),
        Format::Yaml => from_yaml::read(front, base),
    }
    .map_err(|e| serde_diagnostic(file, base, front, &e.message, Some(in_front(e.span)), what))?;
    T::deserialize(de::NodeDeserializer::new(&tree))
        .map_err(|e| serde_diagnostic(file, base, front, &e.message, e.span.map(in_front), what))
}

/// The largest front matter accepted: a document declaring a hundred events has about 30 KB.
pub const MAX_FRONT_MATTER: usize = 1024 * 1024;

/// How deeply `[` and `{` may nest in YAML front matter. The YAML parser takes quadratic
/// time in the depth (100,000 `[` took 36 s), and real front matter nests three or four.
pub const MAX_NESTING: usize = 64;

/// Refuses front matter too large or too deeply nested to parse in reasonable time.
fn check_bounds(file: &Path, front: &str, base: usize, format: Format) -> Result<(), Diagnostic> {
    if front.len() > MAX_FRONT_MATTER {
        return Err(Diagnostic::error(
            file,
            base..base,
            format!(
                "this front matter is {} KB; at most {} KB is accepted",
                front.len() / 1024,
                MAX_FRONT_MATTER / 1024
            ),
            "keep long texts in the body, below the closing fence",
        ));
    }
    if format == Format::Toml {
        // toml's parser is linear in the depth and stops nesting itself.
        return Ok(());
    }
    // Brackets inside quoted strings count too: over-counting only refuses absurd strings,
    // while guessing where YAML strings start could be fooled into under-counting.
    let mut depth = 0usize;
    for (at, byte) in front.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Diagnostic::error(
                        file,
                        base + at..base + at + 1,
                        format!(
                            "lists and tables are nested more than {MAX_NESTING} levels deep here"
                        ),
                        "front matter nests a few levels at most: check the brackets",
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Turns a serde error (message and span within `front`) into a diagnostic with a useful hint.
pub fn serde_diagnostic(
    file: &Path,
    base: usize,
    front: &str,
    message: &str,
    span: Option<Range<usize>>,
    what: &str,
) -> Diagnostic {
    let span = span.unwrap_or(0..0);
    let mut span = base + span.start..base + span.end;
    let first_line = message.lines().next().unwrap_or(message).trim().to_string();
    if let Some(diagnostic) = hints::special(file, base, front, &first_line, &span, what) {
        return diagnostic;
    }
    if let Some((unknown, expected)) = parse_unknown_field(&first_line) {
        // The parser's span is exact for TOML; YAML's is a line, so look for the key there.
        let exact = front
            .get(span.start - base..span.end - base)
            .is_some_and(|t| t.trim_matches(['"', '\'']) == unknown);
        if !exact
            && let Some(i) = find_key(&front[span.start - base..], &unknown)
                .map(|i| i + span.start - base)
                .or_else(|| find_key(front, &unknown))
        {
            span = base + i..base + i + unknown.len();
        }
        let hint = match suggest::closest(&unknown, expected.iter().map(String::as_str)) {
            Some(c) => format!("did you mean `{c}`? (put free data under an `extra` table)"),
            None => format!(
                "the keys allowed here are {}; free data goes under an `extra` table",
                expected
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let what = hints::place(front, span.start.saturating_sub(base), what);
        return Diagnostic::error(
            file,
            span,
            format!("unknown key `{unknown}` in {what}"),
            hint,
        );
    }
    if let Some(field) = between(&first_line, "missing field `", "`") {
        let place = hints::place(front, span.start.saturating_sub(base), what);
        // an event's table is where the key goes; otherwise the top of the front matter
        let span = if place == what {
            base..base
        } else {
            span.start..span.start
        };
        return Diagnostic::error(
            file,
            span,
            format!("missing key `{field}` in {place}"),
            if place == what {
                format!("add `{field} = ...` to the front matter")
            } else {
                format!("add `{field} = ...` to this event")
            },
        );
    }
    let hint = if first_line.contains("invalid type") {
        "check the value's type: text in quotes, lists in [ ], tables in { }".to_string()
    } else {
        "check the syntax of the front matter around this position".to_string()
    };
    let what = hints::place(front, span.start.saturating_sub(base), what);
    Diagnostic::error(file, span, format!("invalid {what}: {first_line}"), hint)
}

fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let unknown = between(message, "unknown field `", "`")?;
    let expected = message
        .split_once("expected")
        .map(|(_, rest)| {
            rest.split('`')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    Some((unknown, expected))
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(text[start..start + len].to_string())
}

/// Where a key is written in front matter text: at a line start, before `=` or `:`.
fn find_key(front: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if let Some(rest) = bare.strip_prefix(key) {
            let rest = rest.trim_start_matches(['"', '\'']).trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                return Some(offset + indent + (trimmed.len() - bare.len()));
            }
        }
        // Inline tables: `source = { publisher = "x", titel = "y" }`.
        if let Some(i) = line
            .find(&format!(" {key} ="))
            .or_else(|| line.find(&format!("{{{key} =")))
        {
            return Some(offset + i + 1);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Probe {
        title: Sp,
        #[serde(default)]
        tags: Vec<Sp>,
    }

    fn file() -> PathBuf {
        PathBuf::from("x.md")
    }

    #[test]
    fn toml_and_yaml_fences_are_recognised() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(&file(), text).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(&text[s.body.clone()], "Body\n");
        let text = "---\ntitle: A\n---\nBody";
        assert_eq!(split(&file(), text).unwrap().format, Format::Yaml);
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let d = split(&file(), "+++\ntitle = \"A\"\n").unwrap_err();
        assert!(d.message.contains("never closed"));
    }

    #[test]
    fn toml_values_carry_file_spans() {
        let text = "+++\ntitle = \"A\"\ntags = [\"x\", \"y\"]\n+++\n";
        let s = split(&file(), text).unwrap();
        let p: Probe = parse(&file(), text, &s, "test").unwrap();
        assert_eq!(&text[p.title.span.clone()], "\"A\"");
        assert_eq!(&text[p.tags[1].span.clone()], "\"y\"");
    }

    #[test]
    fn yaml_values_are_located_in_order() {
        let text = "---\ntitle: x\ntags: [x, y]\n---\n";
        let s = split(&file(), text).unwrap();
        let p: Probe = parse(&file(), text, &s, "test").unwrap();
        assert_eq!(p.title.span.start, 11);
        assert_eq!(&text[p.tags[0].span.clone()], "x");
        assert_eq!(p.tags[0].span.start, 20);
    }

    #[test]
    fn a_repeated_yaml_value_gets_its_own_span() {
        let text = "---\ntitle: huawei\ntags: [huawei, zte, huawei]\n---\n";
        let s = split(&file(), text).unwrap();
        let p: Probe = parse(&file(), text, &s, "test").unwrap();
        assert_eq!(p.title.span, 11..17);
        let spans: Vec<_> = p.tags.iter().map(|t| t.span.clone()).collect();
        assert_eq!(spans, [25..31, 33..36, 38..44]);
    }

    #[derive(Deserialize, Debug)]
    struct Signed {
        summary: String,
        author: Sp,
    }

    #[test]
    fn a_value_written_before_in_another_field_is_located_at_its_own_place() {
        // `summary` is not located: the search for `author` found the summary's word
        let text = "---\nsummary: huawei\nauthor: huawei\n---\n";
        let s = split(&file(), text).unwrap();
        let p: Signed = parse(&file(), text, &s, "test").unwrap();
        assert_eq!(p.summary, "huawei");
        assert_eq!(p.author.span.start, text.rfind("huawei").unwrap());
    }

    #[derive(Deserialize, Debug)]
    struct Dated {
        date: Sp,
    }

    #[test]
    fn toml_native_dates_and_years_are_read_as_their_text() {
        for (written, read) in [
            ("2019-01-01", "2019-01-01"),
            ("2019-01-01T10:30:00Z", "2019-01-01"),
            ("2019-01-01 10:30:00", "2019-01-01"),
            ("1979-05-27T00:32:00.999999-07:00", "1979-05-27"),
            ("2019", "2019"),
            ("\"2018-12\"", "2018-12"),
        ] {
            let text = format!("+++\ndate = {written}\n+++\n");
            let s = split(&file(), &text).unwrap();
            let d: Dated = parse(&file(), &text, &s, "test").unwrap();
            assert_eq!(d.date.value, read, "{written}");
            assert_eq!(&text[d.date.span.clone()], written);
        }
    }

    #[test]
    fn deeply_nested_yaml_is_refused_before_parsing() {
        let text = format!("---\ntitle: x\ntags: {}\n---\n", "[".repeat(100_000));
        let s = split(&file(), &text).unwrap();
        let d = parse::<Probe>(&file(), &text, &s, "test").unwrap_err();
        assert!(d.message.contains("nested more than 64"), "{}", d.message);
        assert_eq!(d.span.start, 4 + "title: x\ntags: ".len() + MAX_NESTING);
        // Closing brackets in strings cannot hide the nesting that follows them.
        let text = format!(
            "---\ntitle: \"{}\"\ntags: {}\n---\n",
            "]".repeat(99),
            "[".repeat(99)
        );
        let s = split(&file(), &text).unwrap();
        assert!(parse::<Probe>(&file(), &text, &s, "test").is_err());
        let text = "---\ntitle: x\ntags: [[a], {b: [c]}]\n---\n";
        let s = split(&file(), text).unwrap();
        assert!(check_bounds(&file(), &text[s.front.clone()], 0, Format::Yaml).is_ok());
    }

    #[test]
    fn front_matter_over_the_size_limit_is_refused() {
        let text = format!("+++\ntitle = \"{}\"\n+++\n", "x".repeat(MAX_FRONT_MATTER));
        let s = split(&file(), &text).unwrap();
        let d = parse::<Probe>(&file(), &text, &s, "test").unwrap_err();
        assert!(d.message.contains("at most 1024 KB"), "{}", d.message);
    }

    #[test]
    fn a_toml_time_without_a_date_is_an_error() {
        let text = "+++\ndate = 10:30:00\n+++\n";
        let s = split(&file(), text).unwrap();
        let d = parse::<Dated>(&file(), text, &s, "test").unwrap_err();
        assert!(d.message.contains("time without a date"), "{}", d.message);
    }

    #[test]
    fn unknown_key_points_at_the_key_with_a_suggestion() {
        for text in [
            "+++\ntitle = \"A\"\ntgas = []\n+++\n",
            "---\ntitle: A\ntgas: []\n---\n",
        ] {
            let s = split(&file(), text).unwrap();
            let d = parse::<Probe>(&file(), text, &s, "test").unwrap_err();
            assert_eq!(&text[d.span.clone()], "tgas", "{text}");
            assert!(d.hint.starts_with("did you mean `tags`?"), "{}", d.hint);
        }
    }
}
