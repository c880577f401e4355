//! One serde deserializer over the spanned tree, for TOML and YAML alike: a value asked for
//! with its span ([`serde_spanned::Spanned`]) gets the span its parser gave, an error
//! carries the span of the value it is about, and the keys a struct does not know are
//! collected, all of them, rather than stopping at the first.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;

use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde_spanned::de::SpannedDeserializer;

use super::tree::{Entry, Node, Value};
use super::{TOML_DATETIME_KEY, plain};

/// A key written in a table whose struct has no such field.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct UnknownKey {
    /// The key as written.
    pub key: String,
    /// Where, in the file.
    pub span: Range<usize>,
    /// The table it is in, in the file.
    pub table: Range<usize>,
    /// The keys that table takes.
    pub expected: &'static [&'static str],
}

/// The unknown keys met while deserializing, in the order met: owned by one parse and lent
/// to every deserializer below it, so that nothing outlives the call.
pub(super) type UnknownKeys = RefCell<Vec<UnknownKey>>;

/// Why the front matter does not fit the type asked for, and where.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Error {
    /// serde's message.
    pub message: String,
    /// The value (or key) it is about, in the file.
    pub span: Option<Range<usize>>,
    /// The field a table lacks, when that is the error.
    pub missing: Option<&'static str>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            span: None,
            missing: None,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Error {
            missing: Some(field),
            ..Error::custom(format_args!("missing field `{field}`"))
        }
    }
}

/// Gives an error raised while reading a value the value's span, unless it has a closer one.
fn at<T>(result: Result<T, Error>, span: &Range<usize>) -> Result<T, Error> {
    result.map_err(|mut e| {
        e.span.get_or_insert_with(|| span.clone());
        e
    })
}

/// Deserializes one node of the tree.
pub(super) struct NodeDeserializer<'n, 'a> {
    node: &'n Node<'a>,
    unknown: &'n UnknownKeys,
}

impl<'n, 'a> NodeDeserializer<'n, 'a> {
    /// A deserializer for `node` and all below it, collecting unknown keys in `unknown`.
    pub(super) fn new(node: &'n Node<'a>, unknown: &'n UnknownKeys) -> Self {
        NodeDeserializer { node, unknown }
    }

    /// The text of a plain YAML scalar, the only value whose type depends on what is asked.
    fn plain(&self) -> Option<&'n str> {
        match &self.node.value {
            Value::Plain(text) => Some(text),
            _ => None,
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.node;
        let result = match &node.value {
            Value::Text(text) => visitor.visit_str(text),
            Value::Plain(text) => match plain::resolve(text) {
                plain::Scalar::Null => visitor.visit_unit(),
                plain::Scalar::Bool(b) => visitor.visit_bool(b),
                plain::Scalar::Unsigned(n) => visitor.visit_u64(n),
                plain::Scalar::Signed(n) => visitor.visit_i64(n),
                plain::Scalar::Float(f) => visitor.visit_f64(f),
                plain::Scalar::Text(text) => visitor.visit_str(text),
            },
            Value::Integer(n) => visitor.visit_i64(*n),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Bool(b) => visitor.visit_bool(*b),
            // as toml hands a datetime to serde, which `Text` and `extra` read
            Value::Datetime(d) => visitor.visit_map(MapDeserializer::new(std::iter::once((
                TOML_DATETIME_KEY,
                d.as_str(),
            )))),
            Value::List(items) => visitor.visit_seq(ListAccess {
                items: items.iter(),
                unknown: self.unknown,
            }),
            Value::Table(entries) => visitor.visit_map(TableAccess::new(entries, self.unknown)),
        };
        at(result, &node.span)
    }

    /// Any scalar reads as its text, as YAML readers do: `title: 2019` is the text `2019`.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain() {
            Some(text) => visitor.visit_str(text),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Some(text) = self.plain() else {
            return self.deserialize_any(visitor);
        };
        let span = &self.node.span;
        match plain::resolve(text) {
            plain::Scalar::Bool(b) => visitor.visit_bool(b),
            other => at(
                Err(de::Error::invalid_type(other.unexpected(), &visitor)),
                span,
            ),
        }
    }

    /// Only YAML has nulls (`~`, `null`, nothing); a TOML key is there or not.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain().map(plain::resolve) {
            Some(plain::Scalar::Null) => visitor.visit_none(),
            _ => {
                let span = self.node.span.clone();
                at(visitor.visit_some(self), &span)
            }
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain().map(plain::resolve) {
            Some(plain::Scalar::Null) => visitor.visit_unit(),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A YAML key with nothing after it (`tags:`) is an empty list.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain() {
            Some("") => visitor.visit_seq(ListAccess {
                items: [].iter(),
                unknown: self.unknown,
            }),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A YAML key with nothing after it (`extra:`) is an empty table.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain() {
            Some("") => visitor.visit_map(TableAccess::new(&[], self.unknown)),
            _ => self.deserialize_any(visitor),
        }
    }

    /// The keys of the table that the struct lacks are noted, all before any value is read
    /// (a bad value stops serde), and left out: the struct sees only its own.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.node.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        let Value::Table(entries) = &self.node.value else {
            return self.deserialize_map(visitor);
        };
        let mut unknown = self.unknown.borrow_mut();
        let before = unknown.len();
        unknown.extend(
            entries
                .iter()
                .filter(|e| !fields.contains(&e.key.as_ref()))
                .map(|e| UnknownKey {
                    key: e.key.to_string(),
                    span: e.key_span.clone(),
                    table: self.node.span.clone(),
                    expected: fields,
                }),
        );
        let only = (unknown.len() > before).then_some(fields);
        drop(unknown);
        let access = TableAccess {
            only,
            ..TableAccess::new(entries, self.unknown)
        };
        at(visitor.visit_map(access), &self.node.span)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is written as the name of its variant.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Text(text) | Value::Plain(text) => {
                let name: StrDeserializer<'_, Error> = text.as_ref().into_deserializer();
                visitor.visit_enum(name)
            }
            _ => Err(de::Error::invalid_type(Unexpected::Map, &"a name")),
        };
        at(result, &self.node.span)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit_struct
        tuple tuple_struct
    }
}

impl<'de, 'n, 'a> IntoDeserializer<'de, Error> for NodeDeserializer<'n, 'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

struct ListAccess<'n, 'a> {
    items: std::slice::Iter<'n, Node<'a>>,
    unknown: &'n UnknownKeys,
}

impl<'de> de::SeqAccess<'de> for ListAccess<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.items
            .next()
            .map(|node| seed.deserialize(NodeDeserializer::new(node, self.unknown)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct TableAccess<'n, 'a> {
    entries: std::slice::Iter<'n, Entry<'a>>,
    /// The value of the key just read.
    value: Option<&'n Node<'a>>,
    /// The only keys to hand over, when the table has others (already noted as unknown).
    only: Option<&'static [&'static str]>,
    unknown: &'n UnknownKeys,
}

impl<'n, 'a> TableAccess<'n, 'a> {
    fn new(entries: &'n [Entry<'a>], unknown: &'n UnknownKeys) -> Self {
        TableAccess {
            entries: entries.iter(),
            value: None,
            only: None,
            unknown,
        }
    }
}

impl<'de> de::MapAccess<'de> for TableAccess<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let only = self.only;
        let known = |e: &&Entry| only.is_none_or(|fields| fields.contains(&e.key.as_ref()));
        let Some(entry) = self.entries.find(known) else {
            return Ok(None);
        };
        self.value = Some(&entry.value);
        let key: StrDeserializer<'_, Error> = entry.key.as_ref().into_deserializer();
        at(seed.deserialize(key), &entry.key_span).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDeserializer::new(node, self.unknown)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
