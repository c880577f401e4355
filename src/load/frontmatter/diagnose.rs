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
    unknown_key_at(
        file,
        base,
        front,
        &unknown.key,
        unknown.span.clone(),
        unknown.expected,
        what,
    )
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

/// Turns a serde error (message and span within `front`) into a diagnostic with a useful
/// hint. For TOML files read by serde itself (settings, interface strings): their unknown
/// and missing keys are known from serde's message only.
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
    let first_line = first_line(message);
    if let Some(diagnostic) = hints::special(file, base, front, &first_line, &span, what) {
        return diagnostic;
    }
    if let Some((unknown, expected)) = parse_unknown_field(&first_line) {
        // The parser's span is usually the key; if not, look for the key from there.
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
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        return unknown_key_at(file, base, front, &unknown, span, &expected, what);
    }
    if let Some(field) = between(&first_line, "missing field `", "`") {
        return missing_key(file, base, front, &field, span, what);
    }
    invalid(file, base, front, &first_line, span, what)
}

fn unknown_key_at(
    file: &Path,
    base: usize,
    front: &str,
    unknown: &str,
    span: Range<usize>,
    expected: &[&str],
    what: &str,
) -> Diagnostic {
    let hint = match suggest::closest(unknown, expected.iter().copied()) {
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
    Diagnostic::error(
        file,
        span,
        format!("unknown key `{unknown}` in {what}"),
        hint,
    )
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

/// Where a key is written in TOML text: at a line start, before `=` or `:`.
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
