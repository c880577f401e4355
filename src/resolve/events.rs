//! Events: gathered from `content/events/` and from documents' `[[events]]`, dated and ordered.

use std::path::PathBuf;

use crate::date::{PartialDate, When};
use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Sp;
use crate::load::raw::{Extra, RawDocument, RawEvent, RawFile};
use crate::model::{Body, Format, Text};
use crate::slug::slugify;

/// An event before its references are resolved.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Its id.
    pub id: String,
    /// Where the id comes from (span of `id`, of `title`, or the file start).
    pub id_span: std::ops::Range<usize>,
    /// The file that declares it.
    pub file: PathBuf,
    /// Title.
    pub title: String,
    /// When.
    pub date: When,
    /// Actor references.
    pub actors: Vec<Sp>,
    /// Where.
    pub place: String,
    /// Tags.
    pub tags: Vec<String>,
    /// (document reference, quote) pairs; for document events the document is implicit.
    pub citations: Vec<(Cited, Sp)>,
    /// Description.
    pub body: Body,
    /// Index (in the sorted documents) of the declaring document.
    pub declared_in: Option<usize>,
    /// Free data.
    pub extra: Extra,
}

impl Draft {
    /// A copy of this event as declared by the document now at `index` (documents are
    /// renumbered when one is added or redated).
    pub fn declared_by(&self, index: usize) -> Draft {
        let mut draft = self.clone();
        if draft.declared_in.is_some() {
            draft.declared_in = Some(index);
        }
        for (cited, _) in &mut draft.citations {
            if let Cited::Declaring(i) = cited {
                *i = index;
            }
        }
        draft
    }
}

/// Which document a citation points to.
#[derive(Debug, Clone)]
pub enum Cited {
    /// The declaring document (index in the sorted documents).
    Declaring(usize),
    /// A document named by id.
    Named(Sp),
}

/// Parses a date (and optional end) from front matter, reporting problems at their spans.
pub fn when(
    date: &Sp,
    end: Option<&Sp>,
    approximate: bool,
    file: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) -> Option<When> {
    let parse = |sp: &Sp, out: &mut Vec<Diagnostic>| match PartialDate::parse(sp.as_str()) {
        Ok(d) => Some(d),
        Err(why) => {
            out.push(Diagnostic::error(
                file,
                sp.span.clone(),
                format!("invalid date: {why}"),
                "write dates as `2017`, `2018-12` or `2018-12-07`",
            ));
            None
        }
    };
    let start = parse(date, out)?;
    let end = match end {
        Some(sp) => {
            let e = parse(sp, out)?;
            if e < start {
                out.push(Diagnostic::error(
                    file,
                    sp.span.clone(),
                    format!("the end `{e}` is before the start `{start}`"),
                    "swap `date` and `end`, or fix one of them",
                ));
                return None;
            }
            Some(e)
        }
        None => None,
    };
    Some(When {
        start,
        end,
        approximate,
    })
}

/// Events declared in the front matter of document `index`.
pub fn from_document(
    index: usize,
    doc: &RawFile<RawDocument>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for e in &doc.front.events {
        let Some(date) = when(&e.date, e.end.as_ref(), e.approximate, &doc.path, out) else {
            continue;
        };
        let (id, id_span) = match &e.id {
            Some(id) => (id.value.clone(), id.span.clone()),
            None => (slugify(&e.title.value), e.title.span.clone()),
        };
        if id.is_empty() {
            out.push(Diagnostic::error(
                &doc.path,
                id_span,
                "this event has no usable id",
                "give it an `id` of lowercase letters, digits and hyphens",
            ));
            continue;
        }
        drafts.push(Draft {
            id,
            id_span,
            file: doc.path.clone(),
            title: e.title.value.clone(),
            date,
            actors: e.actors.clone(),
            place: e.place.clone().unwrap_or_default(),
            tags: e.tags.clone(),
            citations: vec![(Cited::Declaring(index), e.quote.clone())],
            body: Body {
                path: doc.path.clone(),
                offset: 0,
                text: Text::default(),
                format: Format::Markdown,
            },
            declared_in: Some(index),
            extra: e.extra.clone(),
        });
    }
    drafts
}

/// A standalone event from `content/events/`.
pub fn standalone(file: &RawFile<RawEvent>, out: &mut Vec<Diagnostic>) -> Option<Draft> {
    let e = &file.front;
    let date = when(&e.date, e.end.as_ref(), e.approximate, &file.path, out)?;
    if e.sources.is_empty() {
        out.push(Diagnostic::warning(
            &file.path,
            e.title.span.clone(),
            "this event cites no source",
            "add `sources = [{ document = \"id\", quote = \"verbatim passage\" }]` so that it can be traced",
        ));
    }
    Some(Draft {
        id: file.id.clone(),
        id_span: 0..0,
        file: file.path.clone(),
        title: e.title.value.clone(),
        date,
        actors: e.actors.clone(),
        place: e.place.clone().unwrap_or_default(),
        tags: e.tags.clone(),
        citations: e
            .sources
            .iter()
            .map(|c| (Cited::Named(c.document.clone()), c.quote.clone()))
            .collect(),
        body: Body {
            path: file.path.clone(),
            offset: file.body.start,
            text: Text::slice(&file.text, file.body.clone()),
            format: Format::Markdown,
        },
        declared_in: None,
        extra: e.extra.clone(),
    })
}

/// Sorts drafts into timeline order: by date (less precise first), then title and id.
pub fn sort(drafts: &mut [Draft]) {
    drafts.sort_by(|a, b| {
        (a.date.sort_key(), &a.title, &a.id).cmp(&(b.date.sort_key(), &b.title, &b.id))
    });
}
