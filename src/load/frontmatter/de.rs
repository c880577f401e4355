//! One serde deserializer over the spanned tree, for TOML and YAML alike: a value asked for
//! with its span ([`serde_spanned::Spanned`]) gets the span its parser gave, an error
//! carries the span of the value it is about, and the keys a struct does not know are
//! collected, all of them, rather than stopping at the first.
//!
//! A struct skips the value of a key it has no field for (serde asks for it as
//! `IgnoredAny`): that is how an unknown key is known, at no cost for the others.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;

use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde_spanned::de::SpannedDeserializer;

use super::tree::{Items, Key, Keys, List, Node, Table, Value};
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
fn at<T>(result: Result<T, Error>, span: impl FnOnce() -> Range<usize>) -> Result<T, Error> {
    result.map_err(|mut e| {
        e.span.get_or_insert_with(span);
        e
    })
}

/// The key a value is under, when the table is a struct's: if the struct skips the value,
/// the key is unknown to it.
struct Field<'n, 'a> {
    key: &'n str,
    span: Range<usize>,
    table: Node<'n, 'a>,
    expected: &'static [&'static str],
}

/// Deserializes one node of the tree.
pub(super) struct NodeDeserializer<'n, 'a> {
    node: Node<'n, 'a>,
    /// The struct field it is the value of, if it is one.
    field: Option<Field<'n, 'a>>,
    unknown: &'n UnknownKeys,
}

impl<'n, 'a> NodeDeserializer<'n, 'a> {
    /// A deserializer for `node` and all below it, collecting unknown keys in `unknown`.
    pub(super) fn new(node: Node<'n, 'a>, unknown: &'n UnknownKeys) -> Self {
        NodeDeserializer {
            node,
            field: None,
            unknown,
        }
    }

    /// Hands `value` (this node's) to `visitor` as what it is.
    fn visit<'de, V: Visitor<'de>>(
        self,
        value: Value<'n, 'a>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let node = self.node;
        let result = match value {
            Value::Text(text) => visitor.visit_str(text),
            Value::Plain(text) => match plain::resolve(text) {
                plain::Scalar::Null => visitor.visit_unit(),
                plain::Scalar::Bool(b) => visitor.visit_bool(b),
                plain::Scalar::Unsigned(n) => visitor.visit_u64(n),
                plain::Scalar::Signed(n) => visitor.visit_i64(n),
                plain::Scalar::Float(f) => visitor.visit_f64(f),
                plain::Scalar::Text(text) => visitor.visit_str(text),
            },
            Value::Integer(n) => visitor.visit_i64(n),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::OutOfRange(why) => Err(de::Error::custom(why)),
            // as toml hands a datetime to serde, which `Text` and `extra` read
            Value::Datetime(d) => visitor.visit_map(MapDeserializer::new(std::iter::once((
                TOML_DATETIME_KEY,
                d.to_string(),
            )))),
            Value::List(list) => visitor.visit_seq(self.list(Some(list))),
            Value::Table(table) => visitor.visit_map(self.table(Some(table), None)),
        };
        at(result, || node.span())
    }

    fn list(&self, list: Option<List<'n, 'a>>) -> ListAccess<'n, 'a> {
        ListAccess {
            items: list.map(List::items),
            unknown: self.unknown,
        }
    }

    fn table(
        &self,
        table: Option<Table<'n, 'a>>,
        fields: Option<&'static [&'static str]>,
    ) -> TableAccess<'n, 'a> {
        TableAccess {
            keys: table.map(Table::keys),
            value: None,
            fields,
            node: self.node,
            unknown: self.unknown,
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.node.value();
        self.visit(value, visitor)
    }

    /// Any scalar reads as its text, as YAML readers do: `title: 2019` is the text `2019`.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value() {
            Value::Plain(text) => visitor.visit_str(text),
            value => self.visit(value, visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.node;
        match node.value() {
            Value::Plain(text) => match plain::resolve(text) {
                plain::Scalar::Bool(b) => visitor.visit_bool(b),
                other => at(
                    Err(de::Error::invalid_type(other.unexpected(), &visitor)),
                    || node.span(),
                ),
            },
            value => self.visit(value, visitor),
        }
    }

    /// Only YAML has nulls (`~`, `null`, nothing); a TOML key is there or not.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = self.node;
        match node.value() {
            Value::Plain(text) if plain::resolve(text) == plain::Scalar::Null => {
                visitor.visit_none()
            }
            _ => at(visitor.visit_some(self), || node.span()),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value() {
            Value::Plain(text) if plain::resolve(text) == plain::Scalar::Null => {
                visitor.visit_unit()
            }
            value => self.visit(value, visitor),
        }
    }

    /// A YAML key with nothing after it (`tags:`) is an empty list.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value() {
            Value::Plain("") => visitor.visit_seq(self.list(None)),
            value => self.visit(value, visitor),
        }
    }

    /// A YAML key with nothing after it (`extra:`) is an empty table.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.value() {
            Value::Plain("") => visitor.visit_map(self.table(None, None)),
            value => self.visit(value, visitor),
        }
    }

    /// The struct's fields go with its table, to name the keys it skips as unknown.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let node = self.node;
        if serde_spanned::de::is_spanned(name) {
            return visitor.visit_map(SpannedDeserializer::new(self, node.span()));
        }
        let table = match node.value() {
            Value::Table(table) => Some(table),
            Value::Plain("") => None,
            value => return self.visit(value, visitor),
        };
        let mut access = self.table(table, Some(fields));
        let result = visitor.visit_map(&mut access);
        if result.is_err() {
            // serde stops at a bad value: the keys after it are looked at here
            access.note_unknown_rest();
        }
        at(result, || node.span())
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
        let node = self.node;
        let result = match node.value() {
            Value::Text(text) | Value::Plain(text) => {
                let name: StrDeserializer<'_, Error> = text.into_deserializer();
                visitor.visit_enum(name)
            }
            _ => Err(de::Error::invalid_type(Unexpected::Map, &"a name")),
        };
        at(result, || node.span())
    }

    /// A struct skips the value of a key it has no field for: that key is unknown.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if let Some(field) = self.field {
            self.unknown.borrow_mut().push(UnknownKey {
                key: field.key.to_string(),
                span: field.span,
                table: field.table.span(),
                expected: field.expected,
            });
        }
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

/// The items of a list (none for a YAML key without a value).
struct ListAccess<'n, 'a> {
    items: Option<Items<'n, 'a>>,
    unknown: &'n UnknownKeys,
}

impl<'de> de::SeqAccess<'de> for ListAccess<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.items
            .as_mut()
            .and_then(Iterator::next)
            .map(|node| seed.deserialize(NodeDeserializer::new(node, self.unknown)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.as_ref().map(|items| items.size_hint().0)
    }
}

/// The entries of a table (none for a YAML key without a value).
struct TableAccess<'n, 'a> {
    keys: Option<Keys<'n, 'a>>,
    /// The key just read, whose value comes next.
    value: Option<Key<'n, 'a>>,
    /// For a struct, its fields.
    fields: Option<&'static [&'static str]>,
    /// The table.
    node: Node<'n, 'a>,
    unknown: &'n UnknownKeys,
}

impl TableAccess<'_, '_> {
    /// Notes the keys not read yet that are not fields of the struct.
    fn note_unknown_rest(&mut self) {
        let (Some(keys), Some(expected)) = (self.keys.as_mut(), self.fields) else {
            return;
        };
        let table = self.node.span();
        let mut unknown = self.unknown.borrow_mut();
        for key in keys.filter(|key| !expected.contains(&key.name)) {
            unknown.push(UnknownKey {
                key: key.name.to_string(),
                span: key.span,
                table: table.clone(),
                expected,
            });
        }
    }
}

impl<'de> de::MapAccess<'de> for TableAccess<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(key) = self.keys.as_mut().and_then(Iterator::next) else {
            return Ok(None);
        };
        let name: StrDeserializer<'_, Error> = key.name.into_deserializer();
        let span = key.span.clone();
        self.value = Some(key);
        at(seed.deserialize(name), || span).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(key) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        let field = self.fields.map(|expected| Field {
            key: key.name,
            span: key.span,
            table: self.node,
            expected,
        });
        seed.deserialize(NodeDeserializer {
            node: key.value,
            field,
            unknown: self.unknown,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.keys.as_ref().map(|keys| keys.size_hint().0)
    }
}
