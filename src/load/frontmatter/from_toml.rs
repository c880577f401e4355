//! Reads TOML front matter into the spanned tree, with toml's own spans moved to the file.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::tree::{Entry, Node, SyntaxError, Value};

/// Parses `front`, which starts at byte `base` of its file, into a tree with file spans.
pub(super) fn read(front: &str, base: usize) -> Result<Node<'_>, SyntaxError> {
    let shift = |span: Range<usize>| base + span.start..base + span.end;
    let table = DeTable::parse(front).map_err(|e| SyntaxError {
        message: e.message().to_string(),
        span: shift(e.span().unwrap_or(0..0)),
    })?;
    let span = shift(table.span());
    Ok(Node {
        span,
        value: table_value(table.into_inner(), base)?,
    })
}

fn node(value: Spanned<DeValue<'_>>, base: usize) -> Result<Node<'_>, SyntaxError> {
    let span = base + value.span().start..base + value.span().end;
    let out_of_range = |what: &str| SyntaxError {
        message: format!("{what} number overflowed"),
        span: span.clone(),
    };
    let value = match value.into_inner() {
        DeValue::String(text) => Value::Text(text),
        DeValue::Integer(n) => Value::Integer(
            i64::from_str_radix(n.as_str(), n.radix()).map_err(|_| out_of_range("integer"))?,
        ),
        DeValue::Float(f) => Value::Float(float(f.as_str()).ok_or_else(|| out_of_range("float"))?),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::List(
            items
                .into_iter()
                .map(|item| node(item, base))
                .collect::<Result<_, _>>()?,
        ),
        DeValue::Table(table) => table_value(table, base)?,
    };
    Ok(Node { span, value })
}

fn table_value(table: DeTable<'_>, base: usize) -> Result<Value<'_>, SyntaxError> {
    let entries = table
        .into_iter()
        .map(|(key, value)| {
            Ok(Entry {
                key_span: base + key.span().start..base + key.span().end,
                key: key.into_inner(),
                value: node(value, base)?,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Value::Table(entries))
}

/// A TOML float as toml reads it: `inf` and `nan` are written so, never reached by overflow.
fn float(text: &str) -> Option<f64> {
    let f: f64 = text.parse().ok()?;
    (!f.is_infinite() || text.contains("inf")).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_moved_to_the_file() {
        let front = "title = \"A\"\n[[events]]\ndate = 2019-01-01\n";
        let tree = read(front, 4).unwrap();
        let Value::Table(entries) = &tree.value else {
            panic!("{tree:?}")
        };
        let entry = |key: &str| entries.iter().find(|e| e.key == key).unwrap();
        assert_eq!(entry("title").key_span, 4..9);
        assert_eq!(entry("title").value.span, 12..15);
        let Value::List(events) = &entry("events").value.value else {
            panic!("{entries:?}")
        };
        let Value::Table(event) = &events[0].value else {
            panic!("{events:?}")
        };
        assert_eq!(event[0].value.value, Value::Datetime("2019-01-01".into()));
        assert_eq!(event[0].value.span, 4 + 30..4 + 40);
    }

    #[test]
    fn a_syntax_error_is_located_in_the_file() {
        let e = read("title = \"A\n", 4).unwrap_err();
        assert!(e.span.start >= 4, "{e:?}");
    }
}
