//! Front matter: splitting `+++` TOML or `---` YAML from the body, and strict parsing with spans.
//!
//! Either language is read into one tree of values that carry the spans their parser gave
//! (`tree`), and one deserializer (`de`) reads the raw model from it: parsing holds no
//! state outside the call. Whole TOML files (`dossier.toml`, interface strings) are read
//! the same way ([`parse_toml_file`]), so their unknown keys are reported alike.

mod de;
mod diagnose;
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
use tree::Node;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// A file split into its front matter and body, as byte ranges of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// TOML or YAML.
    pub format: Syntax,
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
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
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
pub struct Located {
    /// The value.
    pub value: String,
    /// Where the value is written in the file (quotes included).
    pub span: Range<usize>,
}

impl Located {
    /// The value as `&str`.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The span comes from the deserializer, as [`serde_spanned::Spanned`] asks it: the
/// front-matter one gives spans in the file; toml's own (in tests) spans in its input.
impl<'de> Deserialize<'de> for Located {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_spanned::Spanned::<Text>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(Located {
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

/// Parses the front matter of `text` (at `split.front`) into `T`, strictly: every key `T`
/// does not know is a problem, each reported, with what else went wrong.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    split: &Split,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let front = &text[split.front.clone()];
    let base = split.front.start;
    check_bounds(file, front, base, split.format).map_err(|d| vec![d])?;
    strictly(file, front, base, split.format, what)
}

/// Parses a whole TOML file (`dossier.toml`, a theme's interface strings) into `T` as
/// front matter is parsed: every key `T` does not know is reported at its place, with a
/// hint, all of them in one run.
pub fn parse_toml_file<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    strictly(file, text, 0, Syntax::Toml, what)
}

/// Parses `front`, which starts at byte `base` of `file`, into `T`: the unknown keys are
/// collected as serde skips their values, then reported with what else went wrong.
fn strictly<T: DeserializeOwned>(
    file: &Path,
    front: &str,
    base: usize,
    format: Syntax,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let unknown = de::UnknownKeys::default();
    let parsed = match format {
        Syntax::Toml => from_toml::read(front, base).map(|root| {
            T::deserialize(de::NodeDeserializer::new(Node::Toml(&root, base), &unknown))
        }),
        Syntax::Yaml => from_yaml::read(front, base)
            .map(|root| T::deserialize(de::NodeDeserializer::new(Node::Yaml(&root), &unknown))),
    }
    .map_err(|e| {
        vec![diagnose::syntax_error(
            file, base, front, &e.message, e.span, what,
        )]
    })?;
    let unknown = unknown.into_inner();
    let mut problems: Vec<Diagnostic> = unknown
        .iter()
        .map(|u| diagnose::unknown_key(file, base, front, u, what))
        .collect();
    match parsed {
        Ok(value) if problems.is_empty() => return Ok(value),
        Ok(_) => {}
        Err(e) if diagnose::follows_from(&e, &unknown) => {}
        Err(e) => problems.push(diagnose::model_error(file, base, front, &e, what)),
    }
    problems.sort_by_key(|d| (d.span.start, d.span.end));
    Err(problems)
}

/// The largest front matter accepted: a document declaring a hundred events has about 30 KB.
pub const MAX_FRONT_MATTER: usize = 1024 * 1024;

/// How deeply `[` and `{` may nest in YAML front matter. The YAML parser takes quadratic
/// time in the depth (100,000 `[` took 36 s), and real front matter nests three or four.
pub const MAX_NESTING: usize = 64;

/// Refuses front matter too large or too deeply nested to parse in reasonable time.
fn check_bounds(file: &Path, front: &str, base: usize, format: Syntax) -> Result<(), Diagnostic> {
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
    if format == Syntax::Toml {
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

#[cfg(test)]
mod tests;
