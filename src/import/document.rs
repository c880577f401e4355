//! The document `import` writes: TOML front matter pre-filled from the file, then the text.
//!
//! Every value goes through the `toml` crate's serializer, never through string formatting,
//! so a title with quotes, backslashes or control characters is escaped as TOML wants. The
//! result is then read back with the build's own front-matter splitter and parser: what
//! `import` writes is known to load before it is written.

use std::path::Path;

use serde::Serialize;

use super::Extracted;
use super::detect::{Language, Named};
use crate::load::frontmatter;
use crate::load::raw::RawDocument;

/// What goes into the front matter besides what the file says.
#[derive(Debug)]
pub struct Fields<'a> {
    /// What the extractor found.
    pub extracted: &'a Extracted,
    /// The title (the file's, or one made from its name).
    pub title: &'a str,
    /// `--kind`.
    pub kind: Option<&'a str>,
    /// The language given or detected.
    pub lang: Option<&'a Language>,
    /// `--reflow`.
    pub reflow: bool,
    /// Where the original is kept, relative to the root.
    pub original: &'a Path,
    /// The original's SHA-256 in hex.
    pub sha256: &'a str,
    /// The actors the text names.
    pub actors: &'a [Named],
}

/// `source = { ... }`, as an inline table: a key added below it by hand stays a key of the
/// document, where a `[source]` table would swallow it.
#[derive(Serialize)]
struct Source<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    file: &'a str,
    sha256: &'a str,
}

/// The whole document: front matter and text. `document` is where it will be written,
/// for the check that it loads.
pub fn write(fields: &Fields, document: &Path) -> Result<String, String> {
    let extracted = fields.extracted;
    let mut front = String::from("+++\n");
    line(&mut front, "title", &fields.title)?;
    match &extracted.date {
        Some(date) => line(&mut front, "date", date)?,
        None => front.push_str(
            "# date = \"\"                     # not found in the file: 2018, 2018-12 or 2018-12-07\n",
        ),
    }
    match fields.kind.or(extracted.kind.as_deref()) {
        Some(kind) => line(&mut front, "kind", &kind)?,
        None => front.push_str(
            "# kind = \"report\"               # letter, article, report, parliamentary-question, ...\n",
        ),
    }
    match fields.lang {
        Some(lang) if lang.reliable => line(&mut front, "lang", &lang.tag)?,
        Some(lang) => {
            front.push_str(&format!(
                "# lang = {}                  # detected with little confidence: check it\n",
                value(&lang.tag)?
            ));
        }
        None => front.push_str("# lang = \"en\"                   # not detected\n"),
    }
    if fields.reflow {
        front.push_str("reflow = true\n");
    }
    let file = fields.original.to_string_lossy().replace('\\', "/");
    let source = Source {
        publisher: extracted.publisher.as_deref(),
        url: extracted.url.as_deref(),
        file: &file,
        sha256: fields.sha256,
    };
    line(&mut front, "source", &source)?;
    actors_comment(&mut front, fields.actors)?;
    front.push_str("+++\n");
    let text = format!("{front}{}", extracted.text);
    check_loads(&text, front.len(), document)?;
    Ok(text)
}

/// `key = value`, the value serialized by `toml`.
fn line(out: &mut String, key: &str, v: &impl Serialize) -> Result<(), String> {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(&value(v)?);
    out.push('\n');
    Ok(())
}

/// A TOML value as the `toml` crate writes it.
fn value(v: &impl Serialize) -> Result<String, String> {
    let mut out = String::new();
    v.serialize(toml::ser::ValueSerializer::new(&mut out))
        .map_err(|e| format!("cannot write the front matter: {e}"))?;
    Ok(out)
}

/// The actors named in the text, as a list to uncomment: mentions are linked by the build
/// anyway, and whether the document *concerns* an actor (or was written by one) is the
/// analyst's call.
fn actors_comment(out: &mut String, actors: &[Named]) -> Result<(), String> {
    if actors.is_empty() {
        return Ok(());
    }
    out.push_str("# Actors named in the text (their mentions are linked anyway); list those it\n");
    out.push_str("# concerns, and its authors as `authors`:\n");
    for named in actors {
        out.push_str(&format!(
            "#   {} ({}: {} time{})\n",
            named.id,
            printable(&named.name),
            named.count,
            if named.count == 1 { "" } else { "s" }
        ));
    }
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    out.push_str(&format!("# actors = {}\n", value(&ids)?));
    Ok(())
}

/// `text` fit for a TOML comment, which may hold no control character.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Reads `text` back as the build will: the front matter must end where it was written
/// (so that no line of the text is taken for a fence, however the text begins) and parse
/// as a document.
fn check_loads(text: &str, body_start: usize, document: &Path) -> Result<(), String> {
    let split = frontmatter::split(document, text).map_err(|d| d.message)?;
    if split.body.start != body_start {
        return Err("the front matter written would not end where it should; this is a bug in dossier, please report it".into());
    }
    frontmatter::parse::<RawDocument>(document, text, &split, "document front matter")
        .map(drop)
        .map_err(|problems| {
            let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
            format!(
                "the document written would not load ({}); this is a bug in dossier, please report it",
                messages.join("; ")
            )
        })
}
