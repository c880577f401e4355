//! Reads TOML front matter with toml's parser, whose values keep their spans: the tree
//! reads them in place ([`super::tree::Node::Toml`]), moving the spans to the file.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::tree::SyntaxError;

/// Parses `front`, which starts at byte `base` of its file, into its root table.
pub(super) fn read(front: &str, base: usize) -> Result<Spanned<DeValue<'_>>, SyntaxError> {
    let table = DeTable::parse(front).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        SyntaxError {
            message: e.message().to_string(),
            span: base + span.start..base + span.end,
        }
    })?;
    let span = table.span();
    Ok(Spanned::new(span, DeValue::Table(table.into_inner())))
}

#[cfg(test)]
mod tests {
    use super::super::tree::{Node, Value};
    use super::*;

    #[test]
    fn spans_are_moved_to_the_file() {
        let front = "title = \"A\"\n[[events]]\ndate = 2019-01-01\n";
        let root = read(front, 4).unwrap();
        let Value::Table(table) = Node::Toml(&root, 4).value() else {
            panic!("{root:?}")
        };
        let key = |name: &str| table.keys().find(|k| k.name == name).unwrap();
        assert_eq!(key("title").span, 4..9);
        assert_eq!(key("title").value.span(), 12..15);
        let Value::List(events) = key("events").value.value() else {
            panic!("{root:?}")
        };
        let event = events.items().next().unwrap();
        let Value::Table(event) = event.value() else {
            panic!("{event:?}")
        };
        let date = event.keys().next().unwrap().value;
        assert!(matches!(date.value(), Value::Datetime(d) if d.to_string() == "2019-01-01"));
        assert_eq!(date.span(), 4 + 30..4 + 40);
    }

    #[test]
    fn a_syntax_error_is_located_in_the_file() {
        let e = read("title = \"A\n", 4).unwrap_err();
        assert!(e.span.start >= 4, "{e:?}");
    }
}
