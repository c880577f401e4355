//! Events: gathered from `content/events/` and from documents' `[[events]]`, dated and ordered.

use rayon::prelude::*;
use std::path::PathBuf;

use crate::date::{PartialDate, When};
use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Located;
use crate::load::raw::{Extra, RawDocEvent, RawDocument, RawEvent, RawFile};
use crate::model::{Body, Format, Stance, Text};
use crate::resolve::claims;
use crate::resolve::quote::Selector;
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
    pub actors: Vec<Located>,
    /// Where.
    pub place: String,
    /// Tags.
    pub tags: Vec<String>,
    /// (document reference, what it cites there) pairs; for document events the document
    /// is implicit.
    pub citations: Vec<(Cited, Selector)>,
    /// The stance of each citation, in the same order.
    pub stances: Vec<Stance>,
    /// Its status, as written.
    pub status: Option<claims::Declared>,
    /// The event it follows within its period, as written.
    pub after: Option<Located>,
    /// Description.
    pub body: Body,
    /// Index (in the sorted documents) of the declaring document.
    pub declared_in: Option<usize>,
    /// Free data.
    pub extra: Extra,
}

impl Draft {
    /// This event as declared by the document now at `index` (documents are
    /// renumbered when one is added or redated).
    pub fn declared_by(mut self, index: usize) -> Draft {
        if self.declared_in.is_some() {
            self.declared_in = Some(index);
        }
        for (cited, _) in &mut self.citations {
            if let Cited::Declaring(i) = cited {
                *i = index;
            }
        }
        self
    }
}

/// Which document a citation points to.
#[derive(Debug, Clone)]
pub enum Cited {
    /// The declaring document (index in the sorted documents).
    Declaring(usize),
    /// A document named by id.
    Named(Located),
}

/// Parses a date (and optional end) from front matter, reporting problems at their spans.
pub fn when(
    date: &Located,
    end: Option<&Located>,
    approximate: bool,
    file: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) -> Option<When> {
    let parse = |sp: &Located, out: &mut Vec<Diagnostic>| match PartialDate::parse(sp.as_str()) {
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
        let id = declared_id(e);
        let id_span = match &e.id {
            Some(id) => id.span.clone(),
            None => e.title.span.clone(),
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
            citations: vec![(
                Cited::Declaring(index),
                Selector {
                    quote: e.quote.clone(),
                    prefix: e.prefix.clone(),
                    suffix: e.suffix.clone(),
                },
            )],
            stances: vec![claims::stance(e.stance.as_ref(), &doc.path, out)],
            status: (e.status.as_ref()).and_then(|s| claims::status(s, &doc.path, out)),
            after: e.after.clone(),
            body: Body {
                path: doc.path.clone(),
                offset: 0,
                text: Text::default(),
                format: Format::Markdown,
                reflow: false,
            },
            declared_in: Some(index),
            extra: e.extra.clone(),
        });
    }
    drafts
}

/// The id of an event a document declares: its `id`, or else its title's slug.
pub fn declared_id(event: &RawDocEvent) -> String {
    match &event.id {
        Some(id) => id.value.clone(),
        None => slugify(&event.title.value),
    }
}

/// The ids of the events `doc` declares that are not among `kept` (those dropped for an
/// error of their own), so that links to them are not reported as broken again.
pub fn dropped(doc: &RawFile<RawDocument>, kept: &[Draft]) -> Vec<String> {
    doc.front
        .events
        .iter()
        .map(declared_id)
        .filter(|id| !id.is_empty() && !kept.iter().any(|d| d.id == *id))
        .collect()
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
            .map(|c| {
                let selector = Selector {
                    quote: c.quote.clone(),
                    prefix: c.prefix.clone(),
                    suffix: c.suffix.clone(),
                };
                (Cited::Named(c.document.clone()), selector)
            })
            .collect(),
        stances: (e.sources.iter())
            .map(|c| claims::stance(c.stance.as_ref(), &file.path, out))
            .collect(),
        status: (e.status.as_ref()).and_then(|s| claims::status(s, &file.path, out)),
        after: e.after.clone(),
        body: Body {
            path: file.path.clone(),
            offset: file.body.start,
            text: Text::slice(&file.text, file.body.clone()),
            format: Format::Markdown,
            reflow: false,
        },
        declared_in: None,
        extra: e.extra.clone(),
    })
}

/// Sorts drafts into timeline order: by date (less precise first), then title and id
/// (events placed with `after` are moved next by [`super::placement`]).
pub fn sort(drafts: &mut [Draft]) {
    // Sorted as (date key, index) pairs, then moved into place: drafts are large, most
    // comparisons are settled by the dates, and the moves are swaps along the cycles of the
    // permutation, in place.
    let mut order: Vec<(_, usize)> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.date.sort_key(), i))
        .collect();
    order.par_sort_unstable_by(|(a, i), (b, j)| {
        a.cmp(b).then_with(|| {
            let (x, y) = (&drafts[*i], &drafts[*j]);
            (&x.title, &x.id, i).cmp(&(&y.title, &y.id, j))
        })
    });
    let mut from: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    permute(drafts, &mut from);
}

/// Reorders `items` so that position `p` holds what was at `from[p]` (a permutation),
/// swapping along each cycle; `from` is left as the identity.
pub(super) fn permute<T>(items: &mut [T], from: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        // `items[at]` holds what was at `start` until the cycle closes.
        while from[at] != at {
            let next = from[at];
            from[at] = at;
            if next == start {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permuting_in_place_puts_each_item_where_it_is_taken() {
        // every permutation of five items, against a copy made the plain way
        let mut orders = vec![vec![]];
        for n in 0..5 {
            orders = orders
                .into_iter()
                .flat_map(|o: Vec<usize>| {
                    (0..=n).map(move |i| {
                        let mut o = o.clone();
                        o.insert(i, n);
                        o
                    })
                })
                .collect();
        }
        assert_eq!(orders.len(), 120);
        for order in orders {
            let items: Vec<String> = (0..5).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let (mut permuted, mut from) = (items, order.clone());
            permute(&mut permuted, &mut from);
            assert_eq!(permuted, expected, "order {order:?}");
            assert_eq!(from, [0, 1, 2, 3, 4]);
        }
    }
}
