//! Claims: an event's `status` and its sources' `stance`s, read and checked against each
//! other, so that a status says no more than the evidence cited for it.
//!
//! - `disputed` needs a source that supports the event and one that contradicts or denies it;
//! - `denied` needs a source that denies it;
//! - `confirmed` must not rest on a source that contradicts or denies it (an error), and
//!   resting on one source, or on sources of one publisher, is a weak point (a warning).

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Located;
use crate::model::{Document, Stance, Status};

/// A status as written, and where, for the check that follows resolving.
#[derive(Debug, Clone)]
pub struct Declared {
    /// The status.
    pub status: Status,
    /// Where `status` is written.
    pub span: Range<usize>,
}

/// The status written at `raw`, or an error with the closest status.
pub fn status(raw: &Located, file: &Path, out: &mut Vec<Diagnostic>) -> Option<Declared> {
    match Status::from_name(raw.as_str().trim()) {
        Some(status) => Some(Declared {
            status,
            span: raw.span.clone(),
        }),
        None => {
            out.push(Diagnostic::error(
                file,
                raw.span.clone(),
                format!("`{}` is not a status", raw.value),
                crate::suggest::hint(raw.as_str(), &Status::NAMES, "statuses"),
            ));
            None
        }
    }
}

/// The stance written at `raw` (`supports` when there is none), or an error with the
/// closest stance.
pub fn stance(raw: Option<&Located>, file: &Path, out: &mut Vec<Diagnostic>) -> Stance {
    let Some(raw) = raw else {
        return Stance::Supports;
    };
    Stance::from_name(raw.as_str().trim()).unwrap_or_else(|| {
        out.push(Diagnostic::error(
            file,
            raw.span.clone(),
            format!("`{}` is not a stance", raw.value),
            crate::suggest::hint(raw.as_str(), &Stance::NAMES, "stances"),
        ));
        Stance::Supports
    })
}

/// Checks that the `stances` of an event's sources (as declared, located or not) back its
/// `declared` status; `cited` are the documents its located sources cite, for the weak
/// points of a `confirmed` event.
pub fn check(
    declared: &Declared,
    stances: &[Stance],
    cited: &[&Document],
    file: &Path,
    out: &mut Vec<Diagnostic>,
) {
    let supports = stances.contains(&Stance::Supports);
    let denies = stances.contains(&Stance::Denies);
    let against = denies || stances.contains(&Stance::Contradicts);
    let error =
        |message: &str, hint: &str| Diagnostic::error(file, declared.span.clone(), message, hint);
    match declared.status {
        Status::Disputed if !(supports && against) => out.push(error(
            "a `disputed` event needs a source that supports it and one that contradicts or denies it",
            if supports {
                "give the source that disagrees `stance = \"contradicts\"` (or `\"denies\"`), or use `alleged`"
            } else {
                "cite a source that supports the event too, or use `denied`"
            },
        )),
        Status::Denied if !denies => out.push(error(
            "a `denied` event needs a source that denies it",
            "cite the denial with `stance = \"denies\"`, or use `alleged` or `disputed`",
        )),
        Status::Confirmed if against => out.push(error(
            "a `confirmed` event cannot rest on a source that contradicts or denies it",
            "use `disputed`, or remove the contradicting source if it is not about this event",
        )),
        Status::Confirmed => {
            if let Some(weakness) = single_voice(cited) {
                out.push(Diagnostic::warning(
                    file,
                    declared.span.clone(),
                    format!("this `confirmed` event rests on {weakness}"),
                    "cite an independent source, or use `alleged`",
                ));
            }
        }
        _ => {}
    }
}

/// "a single source" or "sources of a single publisher (X)", when that is all `cited` is:
/// the one rule of the build's warning and of the integrity report.
pub(crate) fn single_voice(cited: &[&Document]) -> Option<String> {
    let mut documents: Vec<&str> = cited.iter().map(|d| d.id.as_str()).collect();
    documents.sort_unstable();
    documents.dedup();
    if documents.len() <= 1 {
        return Some("a single source".into());
    }
    let publishers: Vec<Option<&str>> = cited
        .iter()
        .map(|d| d.source.publisher.as_deref().map(str::trim))
        .collect();
    match publishers.first() {
        Some(Some(first)) if publishers.iter().all(|p| *p == Some(*first)) => {
            Some(format!("sources of a single publisher ({first})"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(status: Status) -> Declared {
        Declared { status, span: 0..1 }
    }

    fn messages(status: Status, stances: &[Stance]) -> Vec<String> {
        let mut out = Vec::new();
        check(&declared(status), stances, &[], Path::new("e.md"), &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_dispute_needs_both_sides() {
        use Stance::*;
        assert!(messages(Status::Disputed, &[Supports, Denies]).is_empty());
        assert!(messages(Status::Disputed, &[Contradicts, Supports]).is_empty());
        assert_eq!(messages(Status::Disputed, &[Supports]).len(), 1);
        assert_eq!(messages(Status::Disputed, &[Denies]).len(), 1);
    }

    #[test]
    fn a_denial_needs_a_denying_source_and_a_confirmation_none_against() {
        use Stance::*;
        assert!(messages(Status::Denied, &[Supports, Denies]).is_empty());
        assert_eq!(messages(Status::Denied, &[Contradicts]).len(), 1);
        assert_eq!(
            messages(Status::Confirmed, &[Supports, Contradicts]).len(),
            1
        );
        assert!(messages(Status::Alleged, &[Denies]).is_empty());
    }

    #[test]
    fn unknown_words_are_errors_with_the_closest_one() {
        let mut out = Vec::new();
        let raw = Located {
            value: "disputd".into(),
            span: 3..10,
        };
        assert!(status(&raw, Path::new("e.md"), &mut out).is_none());
        assert_eq!(out[0].hint, "did you mean `disputed`?");
        let raw = Located {
            value: "deny".into(),
            span: 3..7,
        };
        assert_eq!(
            stance(Some(&raw), Path::new("e.md"), &mut out),
            Stance::Supports
        );
        assert_eq!(out[1].hint, "did you mean `denies`?");
    }
}
