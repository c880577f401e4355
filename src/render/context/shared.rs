//! Views shown on many pages are turned into Tera values once per build.
//!
//! Tera converts a context into its own values before rendering. An event is shown on the
//! timeline, on the page of each of its actors and on its source document's page; a
//! document's link beside each of its mentions and each event it evidences; an actor's
//! link in each of its events; a date beside every document and event that has it. Such
//! views ([`SharedView`]) keep their Tera value in a cell the first time a page needs it, and
//! fields marked [`once`], [`maybe_once`] or [`each`] reuse it: cloning a Tera value is
//! O(1) (arrays, maps and long strings are behind `Arc`s), and the pages that share it no
//! longer each walk, copy and free it. Anywhere else (the JSON a fingerprint hashes) the
//! kept value serialises exactly as the view itself would, so it does not matter whether
//! a page kept it first.

use std::sync::OnceLock;

use serde::{Serialize, Serializer, ser::Error as _};

use super::{ActorLink, DateView, DocLink, EventView};

/// A view whose Tera value is kept for every page of one build that shows it.
pub trait SharedView: Serialize {
    /// The cell holding its Tera value, once a page has needed it.
    fn value(&self) -> &OnceLock<tera::Value>;
}

/// `serialize_with` for a reference to a view many pages show.
pub fn once<T: SharedView, S: Serializer>(view: &&T, serializer: S) -> Result<S::Ok, S::Error> {
    Once(*view).serialize(serializer)
}

/// `serialize_with` for an optional reference to a view many pages show.
pub fn maybe_once<T: SharedView, S: Serializer>(
    view: &Option<&T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match view {
        Some(view) => serializer.serialize_some(&Once(*view)),
        None => serializer.serialize_none(),
    }
}

/// `serialize_with` for a list of references to views many pages show.
pub fn each<T: SharedView, S: Serializer>(views: &[&T], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(views.iter().map(|v| Once(*v)))
}

struct Once<'v, T>(&'v T);

impl<T: SharedView> Serialize for Once<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let cell = self.0.value();
        if let Some(value) = cell.get() {
            return value.serialize(serializer);
        }
        // Two pages converting the same view at once both convert it; the first value kept
        // is the one every later page reuses (they are equal).
        let value = tera::Value::try_from_serializable(self.0).map_err(S::Error::custom)?;
        cell.get_or_init(|| value).serialize(serializer)
    }
}

impl SharedView for ActorLink<'_> {
    fn value(&self) -> &OnceLock<tera::Value> {
        &self.value
    }
}

impl SharedView for DocLink<'_> {
    fn value(&self) -> &OnceLock<tera::Value> {
        &self.value
    }
}

impl SharedView for DateView {
    fn value(&self) -> &OnceLock<tera::Value> {
        &self.value
    }
}

impl SharedView for EventView<'_> {
    fn value(&self) -> &OnceLock<tera::Value> {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Link<'a> {
        name: &'a str,
        tags: Vec<&'a str>,
        #[serde(skip)]
        value: OnceLock<tera::Value>,
    }

    impl SharedView for Link<'_> {
        fn value(&self) -> &OnceLock<tera::Value> {
            &self.value
        }
    }

    #[derive(Serialize)]
    struct Item<'a> {
        #[serde(serialize_with = "once")]
        link: &'a Link<'a>,
        #[serde(serialize_with = "each")]
        links: Vec<&'a Link<'a>>,
        #[serde(serialize_with = "maybe_once")]
        maybe: Option<&'a Link<'a>>,
    }

    #[test]
    fn views_shown_twice_serialise_like_views_shown_once() {
        let (a, b) = (
            Link {
                name: "a",
                tags: vec!["x"],
                value: OnceLock::new(),
            },
            Link {
                name: "b",
                tags: vec![],
                value: OnceLock::new(),
            },
        );
        let item = Item {
            link: &a,
            links: vec![&a, &b, &a],
            maybe: Some(&b),
        };
        let items = vec![
            item,
            Item {
                link: &b,
                links: vec![&b],
                maybe: None,
            },
        ];
        let json_before = serde_json::to_string(&items).unwrap();
        let memoised = tera::Value::from_serializable(&items);
        assert!(a.value.get().is_some() && b.value.get().is_some());
        // a second page reuses the values kept by the first
        let again = tera::Value::from_serializable(&items);
        assert_eq!(memoised, again);
        // what a fingerprint hashes is the same whether the values were kept or not
        assert_eq!(serde_json::to_string(&items).unwrap(), json_before);
        let json = serde_json::to_value(&items).unwrap();
        assert_eq!(
            json[0]["links"][2],
            serde_json::json!({"name": "a", "tags": ["x"]})
        );
        assert_eq!(
            json[0]["maybe"],
            serde_json::json!({"name": "b", "tags": []})
        );
        assert_eq!(json[1]["maybe"], serde_json::Value::Null);
    }
}
