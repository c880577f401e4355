//! The front matter as a tree of values, each with its byte span in the file: what the TOML
//! and YAML readers build, and what one deserializer turns into the raw model.

use std::borrow::Cow;
use std::ops::Range;

/// A value of the front matter and where it is written in the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node<'a> {
    /// The bytes of the file the value is written on (quotes included).
    pub span: Range<usize>,
    /// The value.
    pub value: Value<'a>,
}

/// A front-matter value. TOML types its scalars as it parses them; YAML leaves a plain
/// scalar's type to what is asked of it (`2019` is a number to `extra`, text to `title`).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'a> {
    /// Text whatever it looks like: a TOML string, a quoted or block YAML scalar.
    Text(Cow<'a, str>),
    /// An unquoted YAML scalar: null, a boolean, a number or text, as the reader needs.
    Plain(Cow<'a, str>),
    /// A TOML integer.
    Integer(i64),
    /// A TOML float.
    Float(f64),
    /// A TOML boolean.
    Bool(bool),
    /// A TOML date, time or datetime, as TOML writes it.
    Datetime(String),
    /// A TOML array or YAML sequence.
    List(Vec<Node<'a>>),
    /// A TOML table or YAML mapping, in the order the reader gives.
    Table(Vec<Entry<'a>>),
}

/// A key of a table and its value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry<'a> {
    /// The key, unquoted.
    pub key: Cow<'a, str>,
    /// Where the key is written.
    pub key_span: Range<usize>,
    /// Its value.
    pub value: Node<'a>,
}

/// A syntax error of the front matter, located in the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SyntaxError {
    /// The parser's message.
    pub message: String,
    /// Where it is, in the file.
    pub span: Range<usize>,
}
