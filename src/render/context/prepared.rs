//! Views turned into Tera values once and shown many times: a Tera value clones in O(1).
//!
//! Tera serialises a context into its own values before rendering. An event shown on the
//! timeline, on its documents' pages and on its actors' pages, or a document listed beside
//! each of its mentions, would be serialised again every time; a [`Prepared`] view is
//! serialised once, and Tera takes its value as it is wherever the view appears again.

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

/// A view with its Tera value; serialises as the view would, without redoing the work.
/// (Outside Tera too, but with the fields of maps in no particular order.)
#[derive(Debug)]
pub struct Prepared<'v, T> {
    /// The view.
    pub view: &'v T,
    value: tera::Value,
}

impl<'v, T: Serialize> Prepared<'v, T> {
    /// Serialises `view` for Tera.
    pub fn new(view: &'v T) -> Result<Prepared<'v, T>, tera::Error> {
        Ok(Prepared {
            view,
            value: tera::Value::try_from_serializable(view)?,
        })
    }
}

// By hand: the view is borrowed, so a copy needs no `T: Clone`.
impl<T> Clone for Prepared<'_, T> {
    fn clone(&self) -> Self {
        Prepared {
            view: self.view,
            value: self.value.clone(),
        }
    }
}

impl<T> Serialize for Prepared<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Within Tera's serialiser, a `tera::Value` is cloned, not walked.
        self.value.serialize(serializer)
    }
}

/// The views of one page, each prepared the first time the page shows it.
pub struct Memo<'v, T> {
    views: &'v [T],
    prepared: FxHashMap<usize, Prepared<'v, T>>,
}

impl<'v, T: Serialize> Memo<'v, T> {
    /// A memo over `views` (all the events, or all the document links, of the dossier).
    pub fn new(views: &'v [T]) -> Memo<'v, T> {
        Memo {
            views,
            prepared: FxHashMap::default(),
        }
    }

    /// The view at `index`, prepared once per memo.
    pub fn get(&mut self, index: usize) -> Result<Prepared<'v, T>, tera::Error> {
        if let Some(p) = self.prepared.get(&index) {
            return Ok(p.clone());
        }
        let p = Prepared::new(&self.views[index])?;
        self.prepared.insert(index, p.clone());
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct View<'a> {
        name: &'a str,
        tags: Vec<&'a str>,
    }

    #[test]
    fn prepared_view_serialises_like_the_view() {
        let view = View {
            name: "Huawei",
            tags: vec!["a", "b"],
        };
        let prepared = Prepared::new(&view).unwrap();
        let direct = tera::Value::from_serializable(&vec![&view, &view]);
        let shared = tera::Value::from_serializable(&vec![prepared.clone(), prepared]);
        assert_eq!(direct, shared);
        assert_eq!(
            serde_json::to_value(&view).unwrap(),
            serde_json::to_value(Prepared::new(&view).unwrap()).unwrap()
        );
    }

    #[test]
    fn memo_prepares_each_view_once() {
        let views = [
            View {
                name: "a",
                tags: vec![],
            },
            View {
                name: "b",
                tags: vec!["x"],
            },
        ];
        let mut memo = Memo::new(&views);
        let first = memo.get(1).unwrap();
        let again = memo.get(1).unwrap();
        assert!(std::ptr::eq(first.view, again.view));
        assert_eq!(memo.prepared.len(), 1);
        assert_eq!(
            serde_json::to_value(&again).unwrap(),
            serde_json::json!({"name": "b", "tags": ["x"]})
        );
    }
}
