//! Where in front matter a parse error is, in the words of its author: which event of a
//! document, which key, and whether a tab broke the YAML.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Diagnostics for mistakes the parser's message points away from: a tab indenting YAML,
/// a yes or no where `true` or `false` goes. `span` is the parser's, in the file.
pub(super) fn special(
    file: &Path,
    base: usize,
    front: &str,
    message: &str,
    span: &Range<usize>,
    what: &str,
) -> Option<Diagnostic> {
    // saphyr names the tab in each of its errors about one ("tabs disallowed within this
    // context", "tab cannot be used as indentation", ...)
    if message.contains("tab")
        && let Some(tab) = yaml_indenting_tab(front)
    {
        return Some(Diagnostic::error(
            file,
            base + tab.start..base + tab.end,
            "a tab indents this line: YAML is indented with spaces only",
            "replace the tab with spaces",
        ));
    }
    if message.contains("expected a boolean") {
        let at = span.start.saturating_sub(base);
        let (key, separator) = key_at(front, at).unwrap_or(("this key", '='));
        let place = match place(front, at, what) {
            place if place == what => String::new(),
            event => format!(" (in {event})"),
        };
        // `invalid type: string "yes", expected a boolean`: the value, without its type
        let written = message
            .split_once("invalid type: ")
            .and_then(|(_, rest)| rest.split_once(", expected"))
            .map_or(String::new(), |(found, _)| {
                let value = found.strip_prefix("string ").unwrap_or(found);
                format!(", not {value}")
            });
        let example = match separator {
            ':' => format!("`{key}: true` or `{key}: false`"),
            _ => format!("`{key} = true` or `{key} = false`"),
        };
        return Some(Diagnostic::error(
            file,
            span.clone(),
            format!("`{key}` must be true or false{written}{place}"),
            format!("write {example}, without quotes"),
        ));
    }
    None
}

/// `what` the front matter is ("document front matter"), or "event N of this document"
/// when byte `offset` of a document's front matter is inside one of its events.
pub(super) fn place(front: &str, offset: usize, what: &str) -> String {
    match event_number(front, offset) {
        Some(n) if what == "document front matter" => format!("event {n} of this document"),
        _ => what.to_string(),
    }
}

/// The 1-based number of the `[[events]]` table (TOML) or `events:` item (YAML) that byte
/// `offset` of `front` is in, if it is in one.
pub(super) fn event_number(front: &str, offset: usize) -> Option<usize> {
    front.get(..offset)?;
    if front
        .lines()
        .any(|l| l.trim_start().starts_with("[[events]]"))
    {
        // up to the end of the offset's line: a span may start at an `[[events]]` header
        let line_end = front[offset..]
            .find('\n')
            .map_or(front.len(), |i| offset + i);
        toml_event_number(&front[..line_end])
    } else {
        yaml_event_number(front, offset)
    }
}

/// Counts `[[events]]` headers before the offset, as long as no other table started since.
fn toml_event_number(before: &str) -> Option<usize> {
    let (mut number, mut inside) = (0, false);
    for line in before.lines() {
        let line = line.trim();
        if line.starts_with("[[events]]") {
            number += 1;
            inside = true;
        } else if line.starts_with('[') {
            inside = false;
        }
    }
    inside.then_some(number)
}

/// Counts the items of the top-level `events:` list before the offset.
fn yaml_event_number(front: &str, offset: usize) -> Option<usize> {
    let (mut number, mut inside, mut item_indent) = (0, false, None);
    let mut at = 0;
    for line in front.split_inclusive('\n') {
        if at > offset {
            break;
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let blank = trimmed.trim().is_empty() || trimmed.starts_with('#');
        if indent == 0 && trimmed.starts_with("events:") {
            inside = true;
        } else if inside && !blank {
            let dash = trimmed == "-\n" || trimmed.starts_with("- ") || trimmed.trim() == "-";
            if dash && item_indent.is_none_or(|i| i == indent) {
                item_indent = Some(indent);
                number += 1;
            } else if indent == 0 && !dash {
                inside = false;
            }
        }
        at += line.len();
    }
    (inside && number > 0).then_some(number)
}

/// The key of the `key = value` or `key: value` line holding byte `offset` of `front`, and
/// the separator after it.
pub(super) fn key_at(front: &str, offset: usize) -> Option<(&str, char)> {
    let start = front.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = front[start..].lines().next()?;
    let at = line.find(['=', ':'])?;
    let key = line[..at]
        .trim()
        .trim_start_matches("- ")
        .trim_matches(['"', '\'']);
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
    plain.then_some((key, char::from(line.as_bytes()[at])))
}

/// The first tab that indents a line of YAML `front` (YAML forbids them there), as a
/// one-byte range.
pub(super) fn yaml_indenting_tab(front: &str) -> Option<Range<usize>> {
    let mut at = 0;
    for line in front.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..indent].find('\t') {
            return Some(at + i..at + i + 1);
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_offsets_are_placed_in_their_event_table() {
        let front = "title = \"A\"\n[[events]]\ndate = \"2020\"\n[[events]]\ntitel = \"x\"\n[extra]\nk = 1\n";
        assert_eq!(event_number(front, front.find("title").unwrap()), None);
        assert_eq!(event_number(front, front.find("date").unwrap()), Some(1));
        assert_eq!(event_number(front, front.find("titel").unwrap()), Some(2));
        assert_eq!(event_number(front, front.find("k =").unwrap()), None);
        let second_header = front.rfind("[[events]]").unwrap();
        assert_eq!(event_number(front, second_header), Some(2));
    }

    #[test]
    fn yaml_offsets_are_placed_in_their_event_item() {
        let front = "title: A\nevents:\n  - date: \"2020\"\n    title: x\n  - date: \"2021\"\n    titel: y\ntags: []\n";
        assert_eq!(event_number(front, front.find("title").unwrap()), None);
        assert_eq!(
            event_number(front, front.find("title: x").unwrap()),
            Some(1)
        );
        assert_eq!(event_number(front, front.find("titel").unwrap()), Some(2));
        assert_eq!(event_number(front, front.find("tags").unwrap()), None);
        let flush = "events:\n- date: \"2020\"\n- titel: y\n";
        assert_eq!(event_number(flush, flush.find("titel").unwrap()), Some(2));
    }

    #[test]
    fn the_key_of_a_line_is_found() {
        let front = "title = \"A\"\napproximate = \"yes\"\n";
        let at = front.find("\"yes\"").unwrap();
        assert_eq!(key_at(front, at), Some(("approximate", '=')));
        assert_eq!(
            key_at("  - approximate: yes\n", 17),
            Some(("approximate", ':'))
        );
    }

    #[test]
    fn an_indenting_tab_is_found_and_other_tabs_are_not() {
        let front = "title: a\tb\nevents:\n  -\tdate: x\n\t  title: y\n";
        let tab = yaml_indenting_tab(front).unwrap();
        assert_eq!(tab.start, front.find("\t  title").unwrap());
    }
}
