//! The front matter as one tree of values, each with its byte span in the file, whichever
//! language it was written in: TOML values are read where toml's parser left them (a copy
//! would cost a tenth of the parse), YAML ones from the nodes `from_yaml` builds.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};
use toml::value::Datetime;

/// A value of the front matter, with what it takes to put its span in the file.
#[derive(Debug, Clone, Copy)]
pub(super) enum Node<'n, 'a> {
    /// A TOML value and the offset of the front matter in the file.
    Toml(&'n Spanned<DeValue<'a>>, usize),
    /// A YAML value.
    Yaml(&'n YamlNode<'a>),
}

/// A front-matter value as the deserializer sees it. TOML types its scalars as it parses
/// them; YAML leaves a plain scalar's type to what is asked of it (`2019` is a number to
/// `extra`, text to `title`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Value<'n, 'a> {
    /// Text whatever it looks like: a TOML string, a quoted or block YAML scalar.
    Text(&'n str),
    /// An unquoted YAML scalar: null, a boolean, a number or text, as the reader needs.
    Plain(&'n str),
    /// A TOML integer.
    Integer(i64),
    /// A TOML float.
    Float(f64),
    /// A TOML boolean.
    Bool(bool),
    /// A TOML date, time or datetime.
    Datetime(&'n Datetime),
    /// A TOML number too large for its type: an error if read, as in toml.
    OutOfRange(&'static str),
    /// A TOML array or YAML sequence.
    List(List<'n, 'a>),
    /// A TOML table or YAML mapping.
    Table(Table<'n, 'a>),
}

/// The items of a list.
#[derive(Debug, Clone, Copy)]
pub(super) enum List<'n, 'a> {
    /// A TOML array, and the front matter's offset.
    Toml(&'n [Spanned<DeValue<'a>>], usize),
    /// A YAML sequence.
    Yaml(&'n [YamlNode<'a>]),
}

/// The entries of a table, in the order its reader gives.
#[derive(Debug, Clone, Copy)]
pub(super) enum Table<'n, 'a> {
    /// A TOML table, and the front matter's offset.
    Toml(&'n DeTable<'a>, usize),
    /// A YAML mapping.
    Yaml(&'n [YamlEntry<'a>]),
}

/// A key of a table and its value.
#[derive(Debug, Clone)]
pub(super) struct Key<'n, 'a> {
    /// The key, unquoted.
    pub name: &'n str,
    /// Where the key is written.
    pub span: Range<usize>,
    /// Its value.
    pub value: Node<'n, 'a>,
}

/// A YAML value and where it is written in the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YamlNode<'a> {
    /// The bytes of the file the value is written on (quotes included).
    pub span: Range<usize>,
    /// The value.
    pub value: YamlValue<'a>,
}

/// A YAML value: scalars stay text until read.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum YamlValue<'a> {
    /// A quoted or block scalar, or one tagged `!!str`.
    Text(Cow<'a, str>),
    /// An unquoted scalar.
    Plain(Cow<'a, str>),
    /// A sequence.
    List(Vec<YamlNode<'a>>),
    /// A mapping, in the order written.
    Table(Vec<YamlEntry<'a>>),
}

/// A key of a YAML mapping and its value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YamlEntry<'a> {
    /// The key, unquoted.
    pub key: Cow<'a, str>,
    /// Where the key is written.
    pub key_span: Range<usize>,
    /// Its value.
    pub value: YamlNode<'a>,
}

/// A syntax error of the front matter, located in the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SyntaxError {
    /// The parser's message.
    pub message: String,
    /// Where it is, in the file.
    pub span: Range<usize>,
}

impl<'n, 'a> Node<'n, 'a> {
    /// Where the value is written in the file.
    pub fn span(self) -> Range<usize> {
        match self {
            Node::Toml(value, base) => shift(value.span(), base),
            Node::Yaml(node) => node.span.clone(),
        }
    }

    /// The value.
    pub fn value(self) -> Value<'n, 'a> {
        match self {
            Node::Toml(value, base) => toml_value(value.get_ref(), base),
            Node::Yaml(node) => match &node.value {
                YamlValue::Text(text) => Value::Text(text),
                YamlValue::Plain(text) => Value::Plain(text),
                YamlValue::List(items) => Value::List(List::Yaml(items)),
                YamlValue::Table(entries) => Value::Table(Table::Yaml(entries)),
            },
        }
    }
}

fn toml_value<'n, 'a>(value: &'n DeValue<'a>, base: usize) -> Value<'n, 'a> {
    match value {
        DeValue::String(text) => Value::Text(text),
        DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
            Ok(n) => Value::Integer(n),
            Err(_) => Value::OutOfRange("integer number overflowed"),
        },
        DeValue::Float(f) => match toml_float(f.as_str()) {
            Some(f) => Value::Float(f),
            None => Value::OutOfRange("floating-point number overflowed"),
        },
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(items) => Value::List(List::Toml(items, base)),
        DeValue::Table(table) => Value::Table(Table::Toml(table, base)),
    }
}

impl<'n, 'a> List<'n, 'a> {
    /// The items, in order.
    pub fn items(self) -> Items<'n, 'a> {
        match self {
            List::Toml(items, base) => Items::Toml(items.iter(), base),
            List::Yaml(items) => Items::Yaml(items.iter()),
        }
    }
}

impl<'n, 'a> Table<'n, 'a> {
    /// The entries, in order.
    pub fn keys(self) -> Keys<'n, 'a> {
        match self {
            Table::Toml(table, base) => Keys::Toml(table.iter(), base),
            Table::Yaml(entries) => Keys::Yaml(entries.iter()),
        }
    }
}

/// An iterator over the items of a [`List`].
pub(super) enum Items<'n, 'a> {
    /// Of a TOML array.
    Toml(std::slice::Iter<'n, Spanned<DeValue<'a>>>, usize),
    /// Of a YAML sequence.
    Yaml(std::slice::Iter<'n, YamlNode<'a>>),
}

impl<'n, 'a> Iterator for Items<'n, 'a> {
    type Item = Node<'n, 'a>;

    fn next(&mut self) -> Option<Node<'n, 'a>> {
        match self {
            Items::Toml(items, base) => items.next().map(|item| Node::Toml(item, *base)),
            Items::Yaml(items) => items.next().map(Node::Yaml),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Items::Toml(items, _) => items.size_hint(),
            Items::Yaml(items) => items.size_hint(),
        }
    }
}

/// An iterator over the entries of a [`Table`].
pub(super) enum Keys<'n, 'a> {
    /// Of a TOML table.
    Toml(
        toml::map::Iter<'n, Spanned<DeString<'a>>, Spanned<DeValue<'a>>>,
        usize,
    ),
    /// Of a YAML mapping.
    Yaml(std::slice::Iter<'n, YamlEntry<'a>>),
}

impl<'n, 'a> Iterator for Keys<'n, 'a> {
    type Item = Key<'n, 'a>;

    fn next(&mut self) -> Option<Key<'n, 'a>> {
        match self {
            Keys::Toml(entries, base) => entries.next().map(|(key, value)| Key {
                name: key.get_ref(),
                span: shift(key.span(), *base),
                value: Node::Toml(value, *base),
            }),
            Keys::Yaml(entries) => entries.next().map(|entry| Key {
                name: &entry.key,
                span: entry.key_span.clone(),
                value: Node::Yaml(&entry.value),
            }),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Keys::Toml(entries, _) => entries.size_hint(),
            Keys::Yaml(entries) => entries.size_hint(),
        }
    }
}

fn shift(span: Range<usize>, base: usize) -> Range<usize> {
    base + span.start..base + span.end
}

/// A TOML float as toml reads it: `inf` and `nan` are written so, never reached by overflow.
fn toml_float(text: &str) -> Option<f64> {
    let f: f64 = text.parse().ok()?;
    (!f.is_infinite() || text.contains("inf")).then_some(f)
}
