//! Addresses for values written freely (tags, kinds, languages): URL-safe, and one per
//! value even when two values slug the same.

use std::collections::HashSet;

use crate::slug::slugify;

/// One slug per value of `values` (distinct, in the order given), in the same order:
/// [`slugify`]'s, or `fallback` for a value with no letter or digit in it (`中国`). Values
/// that slug the same (`Energy`, `energy`, `énergie`) are told apart by a number, in the
/// order of the values as written: `energy`, `energy-2`, `energy-3`; a number is never one
/// that another value's own slug already has (`energy 2`).
pub fn unique<'v>(values: impl Iterator<Item = &'v str>, fallback: &str) -> Vec<String> {
    let bases: Vec<String> = values
        .map(|v| match slugify(v) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        })
        .collect();
    // Values in the order of their slug then as written, so that which one keeps the plain
    // slug does not depend on the order they were found in.
    let mut order: Vec<usize> = (0..bases.len()).collect();
    order.sort_by(|a, b| bases[*a].cmp(&bases[*b]));
    let own: HashSet<&str> = bases.iter().map(String::as_str).collect();
    let mut taken: HashSet<String> = HashSet::new();
    let mut slugs = vec![String::new(); bases.len()];
    for i in order {
        let base = &bases[i];
        let slug = if taken.contains(base) {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|s| !taken.contains(s) && !own.contains(s.as_str()))
                .unwrap_or_default()
        } else {
            base.clone()
        };
        taken.insert(slug.clone());
        slugs[i] = slug;
    }
    slugs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_slug_the_same_get_numbers_in_order() {
        let slugs = unique(["Energy", "energy", "énergie", "énergy"].into_iter(), "tag");
        assert_eq!(slugs, ["energy", "energy-2", "energie", "energy-3"]);
    }

    #[test]
    fn a_number_never_takes_another_values_own_slug() {
        let slugs = unique(["A b", "a-b", "a b 2"].into_iter(), "tag");
        assert_eq!(slugs, ["a-b", "a-b-3", "a-b-2"]);
    }

    #[test]
    fn values_without_letters_fall_back() {
        let slugs = unique(["中国", "日本", "tag"].into_iter(), "tag");
        assert_eq!(slugs, ["tag", "tag-2", "tag-3"]);
    }
}
