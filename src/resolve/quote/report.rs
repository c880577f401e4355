//! The diagnostics of citations that select no passage, or more than one: where the
//! quote occurs, or what the document has instead.

use std::ops::Range;
use std::path::Path;

use super::{Closest, MAX_QUOTE_CHARS, Miss, Problem, Searchable, Selector};
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::shorten::shorten;

/// How many occurrences a hint lists.
const LISTED: usize = 4;
/// Characters of text shown on each side of an occurrence.
const AROUND: usize = 24;

/// An error for the first of the selector's quote, prefix and suffix that is longer than
/// [`MAX_QUOTE_CHARS`], if one is.
pub fn too_long(selector: &Selector, file: &Path) -> Option<Diagnostic> {
    let fields = [
        ("quote", Some(&selector.quote)),
        ("prefix", selector.prefix.as_ref()),
        ("suffix", selector.suffix.as_ref()),
    ];
    fields.into_iter().find_map(|(field, sp)| {
        let sp = sp?;
        let length = sp.as_str().trim().chars().count();
        (length > MAX_QUOTE_CHARS).then(|| {
            Diagnostic::error(
                file,
                sp.span.clone(),
                format!("this {field} is {length} characters long; cite at most {MAX_QUOTE_CHARS}"),
                match field {
                    "quote" => "quote the passage's key sentence: the page shows the rest of the document around it",
                    _ => "a few words just before or after the quote are enough to tell its occurrences apart",
                },
            )
        })
    })
}

/// The error for a citation of `doc` (declared in `file`) whose `selector` selects no
/// passage, or several, in `text`.
pub fn problem(
    doc: &Document,
    text: &Searchable,
    selector: &Selector,
    file: &Path,
    problem: Problem,
) -> Diagnostic {
    let id = &doc.id;
    let context = match (&selector.prefix, &selector.suffix) {
        (Some(_), Some(_)) => Some("this prefix and suffix"),
        (Some(_), None) => Some("this prefix"),
        (None, Some(_)) => Some("this suffix"),
        (None, None) => None,
    };
    let at_quote = |message: String, hint: String| {
        Diagnostic::error(file, selector.quote.span.clone(), message, hint)
    };
    match problem {
        Problem::Missing(miss) => at_quote(
            format!("this quote is not in document `{id}`"),
            missing_hint(miss, doc),
        ),
        Problem::Ambiguous(found) => {
            let (message, advice) = match context {
                None => (
                    format!("this quote occurs {} times in document `{id}`", found.len()),
                    "add `prefix` or `suffix`, a few words just before or after the passage you mean, to choose one",
                ),
                Some(context) => (
                    format!(
                        "this quote occurs {} times in document `{id}` with {context}",
                        found.len()
                    ),
                    "make `prefix` or `suffix` longer, so that only the passage you mean has them",
                ),
            };
            at_quote(message, format!("{}: {advice}", listed(doc, text, &found)))
        }
        Problem::NoneFits(found) => {
            let (context, sp) = match (&selector.prefix, &selector.suffix) {
                (Some(prefix), _) => (context.unwrap_or_default(), prefix),
                (None, Some(suffix)) => (context.unwrap_or_default(), suffix),
                (None, None) => ("", &selector.quote),
            };
            Diagnostic::error(
                file,
                sp.span.clone(),
                format!("no occurrence of this quote in document `{id}` has {context}"),
                format!(
                    "{}: copy the words just before or after the passage you mean",
                    listed(doc, text, &found)
                ),
            )
        }
    }
}

/// The hint for a quote that is not in `doc`.
fn missing_hint(miss: Miss, doc: &Document) -> String {
    match miss {
        Miss::Empty => {
            "the quote is empty: copy the supporting passage from the document".to_string()
        }
        Miss::CaseDiffers => "the document has this passage with other capitals: quotes are matched letter for letter".to_string(),
        Miss::Differs {
            diverges: None,
            closest: None,
        } => format!(
            "copy the passage verbatim from {} (spacing and typographic quotes may differ)",
            doc.body.path.display()
        ),
        Miss::Differs { diverges, closest } => {
            let diverges = diverges.map(|(matched, then)| {
                format!("the document matches up to `…{matched}` and then reads `{then}…`")
            });
            let closest = closest.map(|c| closest_hint(&c));
            [diverges, closest].into_iter().flatten().collect::<Vec<_>>().join("; ")
        }
    }
}

/// `the closest passage, 3 characters apart, is `…`: `told` where the document has `asked``
fn closest_hint(c: &Closest) -> String {
    let plural = if c.distance == 1 { "" } else { "s" };
    let differences: Vec<String> = c
        .differences
        .iter()
        .map(
            |(quote, document)| match (quote.is_empty(), document.is_empty()) {
                (true, _) => format!("the document also has `{document}`"),
                (_, true) => format!("the document has no `{quote}`"),
                _ => format!("`{quote}` where the document has `{document}`"),
            },
        )
        .collect();
    format!(
        "the closest passage, {} character{plural} apart, is `{}`: {}",
        c.distance,
        shorten(&c.passage, 120),
        differences.join(", ")
    )
}

/// `it occurs at line 3 (`…a [quote] b…`) and line 9 (…)`, the first few of `found`.
fn listed(doc: &Document, text: &Searchable, found: &[Range<usize>]) -> String {
    let shown: Vec<String> = found
        .iter()
        .take(LISTED)
        .map(|r| {
            let line = doc.body.text.line_in_file(text.to_body(r.clone()).start);
            format!("line {line} (`{}`)", around(text.text(), r.clone()))
        })
        .collect();
    let more = found.len().saturating_sub(LISTED);
    let list = match (shown.split_last(), more) {
        (Some((last, [])), 0) => last.clone(),
        (Some((last, rest)), 0) => format!("{} and {last}", rest.join(", ")),
        _ => format!("{} and {more} more", shown.join(", ")),
    };
    format!("it occurs at {list}")
}

/// The occurrence `r` of `text` in brackets, with a few words on each side.
fn around(text: &str, r: Range<usize>) -> String {
    let before = &text[..r.start];
    let from = before
        .char_indices()
        .rev()
        .nth(AROUND)
        .map_or(0, |(i, _)| i);
    let (before, cut_before) = match before[from..].find(' ') {
        Some(i) if from > 0 => (&before[from + i + 1..], true),
        _ => (&before[from..], from > 0),
    };
    let after = &text[r.end..];
    let to = after
        .char_indices()
        .nth(AROUND)
        .map_or(after.len(), |(i, _)| i);
    let (after, cut_after) = match after[..to].rfind(' ') {
        Some(i) if to < after.len() && i > 0 => (&after[..i], true),
        _ => (&after[..to], to < after.len()),
    };
    let ellipsis = |cut: bool| if cut { "…" } else { "" };
    format!(
        "{}{before}[{}]{after}{}",
        ellipsis(cut_before),
        shorten(&text[r.clone()], 60),
        ellipsis(cut_after)
    )
}
