//! Reads YAML front matter into the spanned tree, from the events of saphyr's parser: each
//! scalar, list and table comes with where it is written, so no value is searched for.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::MAX_NESTING;
use super::tree::{SyntaxError, YamlEntry, YamlNode, YamlValue};

/// Parses `front`, which starts at byte `base` of its file, into a tree with file spans.
/// Empty front matter (or only comments) is an empty table.
pub(super) fn read(front: &str, base: usize) -> Result<YamlNode<'_>, SyntaxError> {
    let mut reader = Reader {
        front,
        base,
        offsets: Offsets::new(front),
        open: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        documents: 0,
        // Aliases may copy a table many times over (the "billion laughs"): the copies
        // together may hold no more values than the text has bytes.
        copy_budget: front.len(),
    };
    for event in Parser::new_from_str(front) {
        let (event, span) = event.map_err(|e| {
            let at = reader.offsets.byte(e.marker().index());
            SyntaxError {
                message: e.info().to_string(),
                span: base + at..base + line_end(front, at),
            }
        })?;
        reader.event(event, span)?;
    }
    Ok(reader.root.unwrap_or(YamlNode {
        span: base..base,
        value: YamlValue::Table(Vec::new()),
    }))
}

/// A list or table whose end has not been read yet.
struct Open<'a> {
    /// Where it starts, in the file.
    start: usize,
    /// Its anchor (`&name`), 0 for none.
    anchor: usize,
    /// Its items so far.
    items: Items<'a>,
}

enum Items<'a> {
    List(Vec<YamlNode<'a>>),
    /// Entries so far, and a key read whose value is still to come.
    Table(Vec<YamlEntry<'a>>, Option<(Cow<'a, str>, Range<usize>)>),
}

struct Reader<'a> {
    front: &'a str,
    base: usize,
    offsets: Offsets<'a>,
    open: Vec<Open<'a>>,
    anchors: HashMap<usize, YamlNode<'a>>,
    root: Option<YamlNode<'a>>,
    documents: usize,
    copy_budget: usize,
}

impl<'a> Reader<'a> {
    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), SyntaxError> {
        let start = self.offsets.byte(span.start.index());
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error("front matter is one YAML document, not several", start));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let end = self.offsets.byte(span.end.index());
                let span = self.base + start..self.base + scalar_end(self.front, start, end, style);
                let text_only = style != ScalarStyle::Plain || tag.as_deref().is_some_and(is_str);
                let value = if text_only {
                    YamlValue::Text(text)
                } else {
                    YamlValue::Plain(text)
                };
                self.add(YamlNode { span, value }, anchor)?;
            }
            Event::SequenceStart(anchor, _) => self.open(start, anchor, Items::List(Vec::new()))?,
            Event::MappingStart(anchor, _) => {
                self.open(start, anchor, Items::Table(Vec::new(), None))?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            Event::Alias(id) => {
                let node = self
                    .anchors
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| self.error("this alias names no anchor", start))?;
                let copied = count(&node);
                if copied > self.copy_budget {
                    return Err(self.error("aliases repeat this front matter too often", start));
                }
                self.copy_budget -= copied;
                self.add(node, 0)?;
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn open(&mut self, start: usize, anchor: usize, items: Items<'a>) -> Result<(), SyntaxError> {
        if self.open.len() >= MAX_NESTING {
            return Err(SyntaxError {
                message: format!(
                    "lists and tables are nested more than {MAX_NESTING} levels deep here"
                ),
                span: self.base + start..self.base + start + 1,
            });
        }
        self.open.push(Open {
            start: self.base + start,
            anchor,
            items,
        });
        Ok(())
    }

    /// Ends the innermost list or table. A flow one (`[...]`, `{...}`) ends after its
    /// bracket; a block one after its last value, not on the lines that follow.
    fn close(&mut self, span: Span) -> Result<(), SyntaxError> {
        let Some(open) = self.open.pop() else {
            return Ok(());
        };
        let flow_end = (span.end.index() > span.start.index())
            .then(|| self.base + self.offsets.byte(span.start.index() + 1));
        let (value, last) = match open.items {
            Items::List(items) => {
                let last = items.last().map(|n| n.span.end);
                (YamlValue::List(items), last)
            }
            Items::Table(entries, _) => {
                let last = entries.last().map(|e| e.value.span.end);
                (YamlValue::Table(entries), last)
            }
        };
        let end = flow_end.or(last).unwrap_or(open.start).max(open.start);
        let node = YamlNode {
            span: open.start..end,
            value,
        };
        self.add(node, open.anchor)
    }

    /// Puts a finished value where it belongs: in the list or table being read, or at the root.
    fn add(&mut self, node: YamlNode<'a>, anchor: usize) -> Result<(), SyntaxError> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(open) = self.open.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        match &mut open.items {
            Items::List(items) => items.push(node),
            Items::Table(entries, pending) => match pending.take() {
                Some((key, key_span)) => entries.push(YamlEntry {
                    key,
                    key_span,
                    value: node,
                }),
                None => match node.value {
                    YamlValue::Text(key) | YamlValue::Plain(key) => {
                        *pending = Some((key, node.span))
                    }
                    _ => {
                        return Err(SyntaxError {
                            message: "a key must be text, not a list or a table".to_string(),
                            span: node.span,
                        });
                    }
                },
            },
        }
        Ok(())
    }

    fn error(&self, message: &str, at: usize) -> SyntaxError {
        SyntaxError {
            message: message.to_string(),
            span: self.base + at..self.base + line_end(self.front, at),
        }
    }
}

/// `!!str`: text even when it looks like a number.
fn is_str(tag: &Tag) -> bool {
    tag.is_yaml_core_schema() && tag.suffix == "str"
}

/// How many values `node` holds, itself included.
fn count(node: &YamlNode<'_>) -> usize {
    1 + match &node.value {
        YamlValue::List(items) => items.iter().map(count).sum(),
        YamlValue::Table(entries) => entries.iter().map(|e| count(&e.value)).sum(),
        _ => 0,
    }
}

/// Where a scalar starting at `start` ends: after its closing quote for a quoted one (the
/// parser's end may take in the spaces and comment that follow), else before trailing spaces.
fn scalar_end(front: &str, start: usize, end: usize, style: ScalarStyle) -> usize {
    let end = end.min(front.len()).max(start);
    let quote = match style {
        ScalarStyle::DoubleQuoted => b'"',
        ScalarStyle::SingleQuoted => b'\'',
        _ => return start + front[start..end].trim_end().len(),
    };
    let bytes = front.as_bytes();
    let mut at = start + 1;
    while at < end {
        match bytes[at] {
            b'\\' if quote == b'"' => at += 1,
            b'\'' if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 1,
            b if b == quote => return at + 1,
            _ => {}
        }
        at += 1;
    }
    end
}

fn line_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// Turns the parser's character counts into byte offsets, walking forward from the last
/// one asked (events come in text order) and not at all for ASCII text.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, chars: usize) -> usize {
        if self.ascii {
            return chars.min(self.text.len());
        }
        if chars < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        for c in self.text[self.bytes..].chars() {
            if self.chars >= chars {
                break;
            }
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table<'t>(node: &'t YamlNode<'t>) -> &'t [YamlEntry<'t>] {
        match &node.value {
            YamlValue::Table(entries) => entries,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn spans_are_bytes_of_the_file_even_after_accents() {
        let front = "title: \"Café\"  # déjà\nkind: é x\ntags: [é, \"b\"] # ü\n";
        let tree = read(front, 4).unwrap();
        let entries = table(&tree);
        let at = |node: &YamlNode| &front[node.span.start - 4..node.span.end - 4];
        assert_eq!(at(&entries[0].value), "\"Café\"");
        assert_eq!(at(&entries[1].value), "é x");
        assert_eq!(at(&entries[2].value), "[é, \"b\"]");
        assert_eq!(
            &front[entries[2].key_span.start - 4..entries[2].key_span.end - 4],
            "tags"
        );
    }

    #[test]
    fn plain_scalars_stay_untyped_and_quoted_ones_are_text() {
        let tree = read("a: 12\nb: '12'\nc: !!str 12\n", 0).unwrap();
        let values: Vec<&YamlValue> = table(&tree).iter().map(|e| &e.value.value).collect();
        assert_eq!(values[0], &YamlValue::Plain("12".into()));
        assert_eq!(values[1], &YamlValue::Text("12".into()));
        assert_eq!(values[2], &YamlValue::Text("12".into()));
    }

    #[test]
    fn aliases_copy_their_anchor_within_a_budget() {
        let tree = read("a: &x [1, 2]\nb: *x\n", 0).unwrap();
        assert_eq!(table(&tree)[1].value.value, table(&tree)[0].value.value);
        let mut laughs = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["bcdefgh".chars().zip("abcdefg".chars())]
            .into_iter()
            .flatten()
        {
            let copies = vec![format!("*{previous}"); 9].join(", ");
            laughs.push_str(&format!("{name}: &{name} [{copies}]\n"));
        }
        let e = read(&laughs, 0).unwrap_err();
        assert!(e.message.contains("aliases"), "{e:?}");
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let mut front = String::new();
        for depth in 0..100 {
            front.push_str(&" ".repeat(depth));
            front.push_str("a:\n");
        }
        let e = read(&front, 0).unwrap_err();
        assert!(e.message.contains("nested more than"), "{e:?}");
    }

    #[test]
    fn a_second_document_is_an_error() {
        assert!(read("a: 1\n...\nb: 2\n", 0).is_err());
        assert!(read("# only a comment\n", 0).is_ok());
    }
}
