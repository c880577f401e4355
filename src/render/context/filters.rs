//! The timeline's filters: keys that fit in one attribute, and the choices with counts.

use serde::Serialize;

/// A value as the timeline's filters compare it: whitespace runs become `-`, so that a
/// list of values fits in one space-separated attribute (`data-tags="a b-c"`).
pub fn filter_key(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join("-")
}

/// The choices of a timeline filter: each distinct value with how many events have it.
pub fn filter_options<'v>(values: impl Iterator<Item = &'v String>) -> Vec<FilterOption> {
    let mut counts: std::collections::BTreeMap<String, (String, usize)> =
        std::collections::BTreeMap::new();
    for v in values {
        let key = filter_key(v);
        if !key.is_empty() {
            counts.entry(key).or_insert_with(|| (v.clone(), 0)).1 += 1;
        }
    }
    counts
        .into_iter()
        .map(|(value, (label, count))| FilterOption {
            value,
            label,
            count,
            file: String::new(),
        })
        .collect()
}

/// A kind of document as words: `parliamentary-question` reads `parliamentary question`.
pub fn kind_words(kind: &str) -> String {
    kind.replace(['-', '_'], " ")
}

/// [`filter_options`] for kinds of documents, labelled in words.
pub fn kind_options<'v>(kinds: impl Iterator<Item = &'v String>) -> Vec<FilterOption> {
    let mut options = filter_options(kinds);
    for option in &mut options {
        option.label = kind_words(&option.label);
    }
    options
}

/// One choice of a timeline filter.
#[derive(Debug, Serialize)]
pub struct FilterOption {
    /// The filter key ([`filter_key`]).
    pub value: String,
    /// As shown.
    pub label: String,
    /// How many events match.
    pub count: usize,
    /// On a split timeline, the file listing them, under `timeline/filters/`.
    pub file: String,
}
