//! `data/timeline.json`: the timeline in the JSON format of Knight Lab's TimelineJS
//! (https://timeline.knightlab.com/docs/json-format.html), to embed it with their tool.
//!
//! Dates carry only the parts their precision has (a month-precision event has no `day`);
//! an approximate date is also written out, with the language's circa mark, as
//! `display_date`. The text of an event lists its sources (HTML, escaped, absolute links);
//! its `group`, which TimelineJS shows as a row, is its first tag.

use serde::Serialize;

use super::{Urls, absolute};
use crate::date::{DateWords, PartialDate};
use crate::model::{Dossier, Event};
use crate::render::escape::escape;

/// A TimelineJS timeline.
#[derive(Debug, Serialize)]
pub struct Timeline<'a> {
    title: Slide<'a>,
    events: Vec<Slide<'a>>,
}

/// A slide: the title slide has no dates.
#[derive(Debug, Serialize)]
struct Slide<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<&'a str>,
}

/// A date to the precision it is known.
#[derive(Debug, Serialize)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
}

impl From<PartialDate> for Date {
    fn from(d: PartialDate) -> Date {
        Date {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

#[derive(Debug, Serialize)]
struct Text<'a> {
    headline: &'a str,
    /// HTML.
    text: String,
}

impl<'a> Timeline<'a> {
    /// The timeline of `dossier`, its links those of a site at `urls`, approximate dates
    /// written with `dates`.
    pub fn new(dossier: &'a Dossier, urls: &Urls, dates: &DateWords) -> Timeline<'a> {
        let s = &dossier.settings;
        Timeline {
            title: Slide {
                start_date: None,
                end_date: None,
                display_date: None,
                text: Text {
                    headline: &s.title,
                    text: escape(&s.description),
                },
                group: None,
                unique_id: None,
            },
            events: (dossier.events.iter())
                .map(|e| slide(dossier, e, urls, dates))
                .collect(),
        }
    }
}

fn slide<'a>(dossier: &'a Dossier, e: &'a Event, urls: &Urls, dates: &DateWords) -> Slide<'a> {
    let display_date = e.date.approximate.then(|| dates.format_when(&e.date));
    Slide {
        start_date: Some(e.date.start.into()),
        end_date: e.date.end.map(Date::from),
        display_date,
        text: Text {
            headline: &e.title,
            text: text(dossier, e, urls),
        },
        group: e.tags.first().map(String::as_str),
        unique_id: Some(&e.id),
    }
}

/// The place, then each source: the document's title linked to the passage, and the quote.
fn text(dossier: &Dossier, e: &Event, urls: &Urls) -> String {
    let mut html = String::new();
    if !e.place.is_empty() {
        html.push_str(&format!("<p>{}</p>", escape(&e.place)));
    }
    for c in &e.sources {
        let doc = dossier.document(c.document);
        let Some(passage) = doc.passages.get(c.passage) else {
            continue;
        };
        let url = format!(
            "{}#{}",
            absolute(urls, &urls.document(&doc.id)),
            passage.anchor
        );
        html.push_str(&format!(
            "<blockquote>{}</blockquote><p><a href=\"{}\">{}</a></p>",
            escape(&passage.text),
            escape(&url),
            escape(&doc.title)
        ));
    }
    html
}
