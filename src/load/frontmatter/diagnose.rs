//! Front-matter and settings problems as diagnostics: unknown and missing keys, wrong types
//! and syntax errors, each with a hint in the words of the author.

use std::ops::Range;
use std::path::Path;

use super::de::{Error, UnknownKey};
use super::hints;
use crate::diagnostic::Diagnostic;
use crate::suggest;

/// A key the table it is in does not take, pointed at where it is written, with a hint.
pub(super) fn unknown_key(
    file: &Path,
    base: usize,
    front: &str,
    unknown: &UnknownKey,
    what: &str,
) -> Diagnostic {
    let (key, span, expected) = (&unknown.key, unknown.span.clone(), unknown.expected);
    // only a table with an `extra` key has a place for free data (interface strings, a
    // document's source and an actor's relations have none)
    let extra = expected.contains(&"extra");
    let hint = match suggest::closest(key, expected.iter().copied()) {
        Some(c) if extra => format!("did you mean `{c}`? (put free data under an `extra` table)"),
        Some(c) => format!("did you mean `{c}`?"),
        None => format!(
            "the keys allowed here are {}{}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if extra {
                "; free data goes under an `extra` table"
            } else {
                ""
            }
        ),
    };
    let what = hints::place(front, span.start.saturating_sub(base), what);
    Diagnostic::error(file, span, format!("unknown key `{key}` in {what}"), hint)
}

/// Whether `error` is only the consequence of a misspelt key: the table lacks the field that
/// one of its unknown keys is the near miss of, and that key is reported already.
pub(super) fn follows_from(error: &Error, unknown: &[UnknownKey]) -> bool {
    let Some(field) = error.missing else {
        return false;
    };
    unknown.iter().any(|u| {
        error.span.as_ref() == Some(&u.table)
            && suggest::closest(&u.key, u.expected.iter().copied()) == Some(field)
    })
}

/// Why the front matter does not fit its model (spans in the file).
pub(super) fn model_error(
    file: &Path,
    base: usize,
    front: &str,
    error: &Error,
    what: &str,
) -> Diagnostic {
    let span = error.span.clone().unwrap_or(base..base);
    let first_line = first_line(&error.message);
    if let Some(diagnostic) = hints::special(file, base, front, &first_line, &span, what) {
        return diagnostic;
    }
    match error.missing {
        Some(field) => missing_key(file, base, front, field, span, what),
        None => invalid(file, base, front, &first_line, span, what),
    }
}

/// A syntax error of the front matter (span in the file).
pub(super) fn syntax_error(
    file: &Path,
    base: usize,
    front: &str,
    message: &str,
    span: Range<usize>,
    what: &str,
) -> Diagnostic {
    let first_line = first_line(message);
    hints::special(file, base, front, &first_line, &span, what)
        .unwrap_or_else(|| invalid(file, base, front, &first_line, span, what))
}

/// A key the table needs; `span` is the table's.
fn missing_key(
    file: &Path,
    base: usize,
    front: &str,
    field: &str,
    span: Range<usize>,
    what: &str,
) -> Diagnostic {
    let place = hints::place(front, span.start.saturating_sub(base), what);
    // an event's table is where the key goes; otherwise the top of the front matter
    let (span, hint) = if place == what {
        (
            base..base,
            format!("add `{field} = ...` to the front matter"),
        )
    } else {
        (
            span.start..span.start,
            format!("add `{field} = ...` to this event"),
        )
    };
    Diagnostic::error(
        file,
        span,
        format!("missing key `{field}` in {place}"),
        hint,
    )
}

fn invalid(
    file: &Path,
    base: usize,
    front: &str,
    first_line: &str,
    span: Range<usize>,
    what: &str,
) -> Diagnostic {
    let hint = if first_line.contains("invalid type") {
        "check the value's type: text in quotes, lists in [ ], tables in { }"
    } else {
        "check the syntax of the front matter around this position"
    };
    let what = hints::place(front, span.start.saturating_sub(base), what);
    Diagnostic::error(file, span, format!("invalid {what}: {first_line}"), hint)
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}
