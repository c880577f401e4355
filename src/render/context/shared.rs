//! Views shown several times on one page are turned into Tera values once per page.
//!
//! Tera serialises a context into its own values before rendering. An actor page shows the
//! actor in each of its events, and lists a document beside each of its mentions, with
//! the document's events citing it; a document page shows itself as the source of each of
//! its events. Fields marked [`once`] or [`each`] look the view up by address in a memo
//! that lives while one page's context is serialised ([`per_page`]); a repeated view is then
//! a clone of its Tera value, which is O(1) (arrays, maps and long strings are behind
//! `Arc`s), instead of a second walk. Outside [`per_page`] they serialise as usual.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer, ser::Error as _};

/// A view's address and the address of its type's name: two views of different types
/// never share a key, even when one starts where the other does.
type Key = (usize, usize);

thread_local! {
    static PAGE: RefCell<Option<FxHashMap<Key, tera::Value>>> = const { RefCell::new(None) };
}

/// Runs `serialise` (the conversion of one page's context for Tera) with a fresh memo.
pub fn per_page<R>(serialise: impl FnOnce() -> R) -> R {
    let outer = PAGE.replace(Some(FxHashMap::default()));
    let result = serialise();
    PAGE.set(outer);
    result
}

/// `serialize_with` for a reference to a view a page may show more than once.
pub fn once<T: Serialize, S: Serializer>(view: &&T, serializer: S) -> Result<S::Ok, S::Error> {
    Once(*view).serialize(serializer)
}

/// `serialize_with` for a list of references to views a page may show more than once.
pub fn each<T: Serialize, S: Serializer>(views: &[&T], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(views.iter().map(|v| Once(*v)))
}

struct Once<'v, T>(&'v T);

impl<T: Serialize> Serialize for Once<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let key = (
            self.0 as *const T as usize,
            std::any::type_name::<T>().as_ptr() as usize,
        );
        // The borrow ends before serialising: the view may hold views of its own.
        let seen = PAGE.with_borrow(|memo| memo.as_ref().map(|m| m.get(&key).cloned()));
        match seen {
            None => self.0.serialize(serializer),
            Some(Some(value)) => value.serialize(serializer),
            Some(None) => {
                let value = tera::Value::try_from_serializable(self.0).map_err(S::Error::custom)?;
                PAGE.with_borrow_mut(|memo| {
                    if let Some(m) = memo {
                        m.insert(key, value.clone());
                    }
                });
                value.serialize(serializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Link<'a> {
        name: &'a str,
        tags: Vec<&'a str>,
    }

    #[derive(Serialize)]
    struct Item<'a> {
        #[serde(serialize_with = "once")]
        link: &'a Link<'a>,
        #[serde(serialize_with = "each")]
        links: Vec<&'a Link<'a>>,
    }

    #[test]
    fn views_shown_twice_serialise_like_views_shown_once() {
        let (a, b) = (
            Link {
                name: "a",
                tags: vec!["x"],
            },
            Link {
                name: "b",
                tags: vec![],
            },
        );
        let item = Item {
            link: &a,
            links: vec![&a, &b, &a],
        };
        let items = vec![
            item,
            Item {
                link: &b,
                links: vec![&b],
            },
        ];
        let plain = tera::Value::from_serializable(&items);
        let memoised = per_page(|| tera::Value::from_serializable(&items));
        assert_eq!(plain, memoised);
        let json = serde_json::to_value(&items).unwrap();
        assert_eq!(
            json[0]["links"][2],
            serde_json::json!({"name": "a", "tags": ["x"]})
        );
    }

    #[test]
    fn the_memo_lives_for_one_page() {
        let a = Link {
            name: "a",
            tags: vec![],
        };
        per_page(|| {
            tera::Value::from_serializable(&Item {
                link: &a,
                links: vec![&a],
            })
        });
        assert!(PAGE.with_borrow(|m| m.is_none()));
    }
}
