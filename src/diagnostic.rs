//! User-facing diagnostics: a problem in the user's files, with where it is and how to fix it.
//!
//! Stages never stop at the first mistake: they push [`Diagnostic`]s and carry on, so one
//! run reports everything. Lines and columns are computed only when printing, from the byte
//! spans kept here and the file texts held by [`Sources`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the build.
    Error,
    /// Reported, but the build goes on.
    Warning,
}

/// One problem in a user's file: a byte span, a message and a one-line hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the project root where possible.
    pub file: PathBuf,
    /// Byte range in the file's text.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Diagnostic {
    /// An error at `span` of `file`.
    pub(crate) fn error(
        file: &Path,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            span,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A warning at `span` of `file`.
    pub(crate) fn warning(
        file: &Path,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message, hint)
        }
    }

    /// True for diagnostics that fail the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The texts of the files diagnostics point into, so they can show the offending line.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    texts: BTreeMap<PathBuf, String>,
}

impl Sources {
    /// Remembers the text of `file` (lossily decoded if it was not UTF-8).
    pub(crate) fn insert(&mut self, file: &Path, text: String) {
        self.texts.insert(file.to_path_buf(), text);
    }

    /// The text of `file`, if known.
    pub fn get(&self, file: &Path) -> Option<&str> {
        self.texts.get(file).map(String::as_str)
    }

    /// Reads, from under `root`, the files that `diagnostics` point into and are not known yet.
    pub(crate) fn read_missing(&mut self, root: &Path, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            if !self.texts.contains_key(&d.file) {
                let path = root.join(&d.file);
                // A problem with a symbolic link (a skipped one) never shows what it points to.
                let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
                let bytes = if link {
                    Vec::new()
                } else {
                    std::fs::read(&path).unwrap_or_default()
                };
                self.insert(&d.file, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }

    /// 1-based line and column (in characters) of byte `offset` in `file`.
    pub fn line_col(&self, file: &Path, offset: usize) -> (usize, usize) {
        let text = self.get(file).unwrap_or("");
        line_col(text, offset)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts diagnostics by file and position, so output is stable whatever the thread order.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span.start, &a.message).cmp(&(&b.file, b.span.start, &b.message))
    });
}

/// Renders diagnostics as text: `error: message`, `--> file:line:col`, the line, a caret, the hint.
///
/// Source documents come from untrusted places, and a report quotes them (the offending
/// line, names, passages in messages and hints) to a terminal, which would obey the
/// control characters in them: retitle the window, erase or rewrite lines of the report,
/// write to the clipboard. Every piece of a report is made printable first.
pub(crate) fn render(diagnostics: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    let config = Config::default();
    let mut out = Vec::new();
    for d in diagnostics {
        let id = *ids.entry(d.file.clone()).or_insert_with(|| {
            let text = printable_source(sources.get(&d.file).unwrap_or(""));
            files.add(printable(&d.file.display().to_string()), text)
        });
        let text = sources.get(&d.file).unwrap_or("");
        let start = floor_char_boundary(text, d.span.start.min(text.len()));
        let end = floor_char_boundary(text, d.span.end.clamp(start, text.len()));
        let report = match d.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(printable(&d.message))
        .with_labels(vec![Label::primary(id, start..end)])
        .with_notes(vec![format!("hint: {}", printable(&d.hint))]);
        let written = if color {
            let styles = term::Styles::default();
            let mut writer = term::StylesWriter::new(term::termcolor::Ansi::new(&mut out), &styles);
            term::emit_to_write_style(&mut writer, &config, &files, &report)
        } else {
            term::emit_to_io_write(&mut out, &config, &files, &report)
        };
        if written.is_err() {
            // The span could not be mapped onto the file: still say what is wrong.
            out.extend(
                format!(
                    "error: {}\n  --> {}\n  = hint: {}\n\n",
                    printable(&d.message),
                    printable(&d.file.display().to_string()),
                    printable(&d.hint)
                )
                .bytes(),
            );
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A control character a terminal could act on: all of them but line feeds and tabs.
fn is_unprintable(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` with its control characters but line breaks and tabs written as escapes
/// (`\u{1b}`), so a report shows them instead of a terminal obeying them.
fn printable(text: &str) -> String {
    if !text.contains(is_unprintable) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            c if is_unprintable(c) => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A source text made printable for showing its offending line: each control character
/// becomes as many `?` as it has bytes, so that byte spans still fall on the same text.
/// A carriage return ending a line stays (it is not shown).
fn printable_source(text: &str) -> String {
    if !text.contains(is_unprintable) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        if is_unprintable(c) && !line_end {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("é\nàb", 5), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    #[test]
    fn rendered_diagnostic_shows_location_line_caret_and_hint() {
        let mut sources = Sources::default();
        let file = Path::new("content/actors/x.md");
        sources.insert(file, "+++\nnmae = \"X\"\n+++\n".into());
        let d = Diagnostic::error(file, 4..8, "unknown field `nmae`", "did you mean `name`?");
        let text = render(&[d], &sources, false);
        assert!(text.contains("content/actors/x.md:2:1"), "{text}");
        assert!(text.contains("^^^^"), "{text}");
        assert!(text.contains("hint: did you mean `name`?"), "{text}");
    }

    /// A diagnostic whose every part carries control characters, as untrusted sources can.
    fn hostile() -> (Diagnostic, Sources) {
        let file = Path::new("content/documents/\u{1b}]0;title\u{7}x.txt");
        let mut sources = Sources::default();
        // OSC (window title), CSI (erase the line), C1 CSI, BEL, a lone CR, and a CRLF line end.
        let text = "+++\r\ntitle = \"x\"\r\n+++\r\n\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}[2K\u{9b}2J[[nope]] \rspoof\r\n";
        sources.insert(file, text.into());
        let at = text.find("[[nope]]").unwrap();
        let d = Diagnostic::error(
            file,
            at..at + 8,
            "`[[nope\u{1b}[8m]]` links to nothing",
            "closest passage: \u{1b}]0;hint\u{7}",
        );
        (d, sources)
    }

    #[test]
    fn control_characters_from_sources_never_reach_the_terminal() {
        let (d, sources) = hostile();
        let text = render(std::slice::from_ref(&d), &sources, false);
        assert!(
            !text.contains(|c: char| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(
            text.contains("documents/\\u{1b}]0;title\\u{7}x.txt:4:"),
            "{text}"
        );
        assert!(
            text.contains("`[[nope\\u{1b}[8m]]` links to nothing"),
            "{text}"
        );
        assert!(
            text.contains("hint: closest passage: \\u{1b}]0;hint\\u{7}"),
            "{text}"
        );
        // Each control byte of the offending line is a `?`; the caret stays under `[[nope]]`.
        let line = text.lines().find(|l| l.contains("[[nope]]")).unwrap();
        assert!(
            line.ends_with(" ?]52;c;cHduZWQ=??[2K??2J[[nope]] ?spoof"),
            "{line:?}"
        );
        let caret = text.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(line.find("[[nope]]"), caret.find("^^^^^^^^"), "{text}");
    }

    #[test]
    fn a_coloured_report_holds_only_its_own_colour_codes() {
        let (d, sources) = hostile();
        let text = render(&[d], &sources, true);
        // Colours are `ESC [ ... m`: once they are removed, no control character is left.
        let mut rest = text.as_str();
        let mut plain = String::new();
        while let Some(at) = rest.find('\u{1b}') {
            plain.push_str(&rest[..at]);
            let colour = rest[at..]
                .strip_prefix("\u{1b}[")
                .and_then(|r| r.split_once('m'));
            let (codes, after) = colour.expect("an escape that is not a colour");
            assert!(
                codes.bytes().all(|b| b.is_ascii_digit() || b == b';'),
                "{codes:?}"
            );
            rest = after;
        }
        plain.push_str(rest);
        assert!(
            !plain.contains(|c: char| c.is_control() && c != '\n'),
            "{plain:?}"
        );
    }

    #[test]
    fn printable_text_is_left_alone() {
        assert_eq!(printable("tab\there, é, 中文"), "tab\there, é, 中文");
        assert_eq!(printable_source("a\r\nb\tc\n"), "a\r\nb\tc\n");
    }
}
