//! `dossier new document|actor|event ID`: a content file that builds as written, with the
//! optional keys shown as comments.
//!
//! What is required is always filled in (the title or name from the id, the date from
//! today), a value given on the command line is checked before anything is written, and
//! nothing names an id that the dossier may not have.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{check_new_id, file_of, humanise, toml_string, write_new};
use crate::Error;
use crate::date::PartialDate;
use crate::model::ACTOR_KINDS;

/// `dossier new document`: what the command line gave.
#[derive(Debug, Clone, Default)]
pub struct NewDocument {
    /// The title (from the id when absent).
    pub title: Option<String>,
    /// The date, `2018`, `2018-12` or `2018-12-07` (today when absent).
    pub date: Option<String>,
    /// A free word: letter, article, …
    pub kind: Option<String>,
    /// The BCP 47 language of the text (the dossier's language when absent).
    pub lang: Option<String>,
}

/// `dossier new actor`: what the command line gave.
#[derive(Debug, Clone, Default)]
pub struct NewActor {
    /// The display name (from the id when absent).
    pub name: Option<String>,
    /// One of [`ACTOR_KINDS`] (`other` when absent).
    pub kind: Option<String>,
}

/// `dossier new event`: what the command line gave.
#[derive(Debug, Clone, Default)]
pub struct NewEvent {
    /// The title (from the id when absent).
    pub title: Option<String>,
    /// The date (today when absent).
    pub date: Option<String>,
    /// The id of the document that is its source, with `quote`.
    pub source: Option<String>,
    /// The passage of `source` that supports it.
    pub quote: Option<String>,
}

/// Creates `content/documents/ID.md` in the project at `root`.
pub fn new_document(root: &Path, id: &str, args: &NewDocument) -> Result<PathBuf, Error> {
    check_new_id(root, id)?;
    let title = given("--title", args.title.as_deref())?.unwrap_or_else(|| humanise(id));
    let date = date(args.date.as_deref())?;
    let mut text = format!("+++\ntitle = {}\ndate = \"{date}\"\n", toml_string(&title));
    match given("--kind", args.kind.as_deref())? {
        Some(kind) => text.push_str(&format!("kind = {}\n", toml_string(&kind))),
        None => text.push_str(&noted(
            "# kind = \"article\"",
            "letter, report, parliamentary-question, ...",
        )),
    }
    match given("--lang", args.lang.as_deref())? {
        Some(lang) if crate::resolve::is_language_tag(&lang) => {
            text.push_str(&format!("lang = {}\n", toml_string(&lang)))
        }
        Some(lang) => {
            return Err(Error::Scaffold(format!(
                "--lang `{lang}` is not a language tag: use a BCP 47 tag such as `en`, `fr` or `pt-BR`"
            )));
        }
        None => text.push_str(&noted(
            "# lang = \"en\"",
            "the text's language, when it is not the dossier's",
        )),
    }
    text.push_str(&noted("# authors = []", "ids of the actors who wrote it"));
    text.push_str(
        "# source = { publisher = \"\", url = \"https://\" }\n\
         # summary = \"One paragraph of your own.\"\n\
         # tags = []\n\
         #\n\
         # Events this document is the source of; each quote must occur in the text below:\n\
         # [[events]]\n\
         # date = \"2024-05-07\"\n\
         # title = \"What happened\"\n\
         # quote = \"the verbatim passage\"\n\
         +++\n\
         Paste the source text here, verbatim.\n",
    );
    write_one(root, "documents", id, &text)
}

/// Creates `content/actors/ID.md` in the project at `root`.
pub fn new_actor(root: &Path, id: &str, args: &NewActor) -> Result<PathBuf, Error> {
    check_new_id(root, id)?;
    let name = given("--name", args.name.as_deref())?.unwrap_or_else(|| humanise(id));
    let mut text = format!("+++\nname = {}\n", toml_string(&name));
    let kinds = ACTOR_KINDS.join(" | ");
    match given("--kind", args.kind.as_deref())? {
        Some(kind) if ACTOR_KINDS.contains(&kind.as_str()) => {
            text.push_str(&noted(&format!("kind = \"{kind}\""), &kinds))
        }
        Some(kind) => {
            return Err(Error::Scaffold(format!(
                "--kind `{kind}` is not an actor kind: {}",
                crate::suggest::hint(&kind, ACTOR_KINDS, "the actor kinds")
            )));
        }
        None => text.push_str(&noted("# kind = \"person\"", &kinds)),
    }
    text.push_str(&noted(
        "# aliases = []",
        "other names that count as a mention in documents",
    ));
    text.push_str(&noted("# country = \"\"", "ISO 3166 code"));
    text.push_str(
        "# description = \"One line for lists and previews.\"\n\
         +++\n\
         A longer profile, in Markdown.\n",
    );
    write_one(root, "actors", id, &text)
}

/// Creates `content/events/ID.md` in the project at `root`.
pub fn new_event(root: &Path, id: &str, args: &NewEvent) -> Result<PathBuf, Error> {
    check_new_id(root, id)?;
    let title = given("--title", args.title.as_deref())?.unwrap_or_else(|| humanise(id));
    let date = date(args.date.as_deref())?;
    let mut text = format!("+++\ntitle = {}\ndate = \"{date}\"\n", toml_string(&title));
    text.push_str(&noted("# actors = []", "ids of the actors involved"));
    text.push_str("# place = \"\"\n");
    let source = given("--source", args.source.as_deref())?;
    let quote = given("--quote", args.quote.as_deref())?;
    match (source, quote) {
        (Some(document), Some(quote)) => {
            if !file_of(root, &document)
                .is_some_and(|f| f.starts_with(root.join("content/documents")))
            {
                return Err(Error::Scaffold(unknown_document(root, &document)));
            }
            text.push_str(&format!(
                "sources = [{{ document = {}, quote = {} }}]\n",
                toml_string(&document),
                toml_string(&quote)
            ));
        }
        (None, None) => text.push_str(
            "# The passages that support it, each in a document of the dossier:\n\
             # sources = [{ document = \"document-id\", quote = \"the verbatim passage\" }]\n",
        ),
        _ => {
            return Err(Error::Scaffold(
                "--source and --quote go together: the document and the passage of it that supports the event".into(),
            ));
        }
    }
    text.push_str("+++\nAn optional description, in Markdown.\n");
    write_one(root, "events", id, &text)
}

/// Why `--source` cannot be used, with the closest document id.
fn unknown_document(root: &Path, id: &str) -> String {
    let known: Vec<String> = std::fs::read_dir(root.join("content/documents"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name
                .strip_suffix(".md")
                .or_else(|| name.strip_suffix(".txt"))?;
            Some(stem.to_string())
        })
        .collect();
    let hint = match crate::suggest::closest(id, known.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `{c}`?"),
        None => "give the id of a file in content/documents/".to_string(),
    };
    format!("--source `{id}` is not a document of this dossier: {hint}")
}

/// A front-matter line with a note after it, the notes of a file in one column.
fn noted(line: &str, note: &str) -> String {
    format!("{line:<33} # {note}\n")
}

/// A value from the command line: absent, or not blank.
fn given(flag: &str, value: Option<&str>) -> Result<Option<String>, Error> {
    match value.map(str::trim) {
        Some("") => Err(Error::Scaffold(format!(
            "{flag} is empty: give a value, or leave the option out"
        ))),
        other => Ok(other.map(String::from)),
    }
}

/// The date given, checked, or today's.
fn date(given_date: Option<&str>) -> Result<String, Error> {
    match given("--date", given_date)? {
        Some(text) => match PartialDate::parse(&text) {
            Ok(_) => Ok(text),
            Err(why) => Err(Error::Scaffold(format!(
                "--date `{text}`: {why}; write dates as `2017`, `2018-12` or `2018-12-07`"
            ))),
        },
        None => Ok(today()),
    }
}

/// Writes `content/<dir>/<id>.md`.
fn write_one(root: &Path, dir: &str, id: &str, text: &str) -> Result<PathBuf, Error> {
    let rel = PathBuf::from("content").join(dir).join(format!("{id}.md"));
    let mut written = write_new(root, &[(rel, text.to_string())])?;
    Ok(written.remove(0))
}

/// Today's date (UTC), `YYYY-MM-DD`.
fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days(i64::try_from(seconds / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, from his "chrono-Compatible Low-Level Date Algorithms").
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // both in range by construction: 1..=31 and 1..=12
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_000), (2024, 10, 4));
    }

    #[test]
    fn today_is_a_date_at_day_precision() {
        let today = today();
        let parsed = PartialDate::parse(&today).unwrap();
        assert_eq!(parsed.to_string(), today);
    }
}
