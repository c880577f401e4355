//! Accent folding, one rule for slugs and search: canonical decomposition, combining marks
//! dropped, each character lowercased (`Sécurité` → `securite`, `Ωμέγα` → `ωμεγα`).
//!
//! `static/search.js` folds queries by the same rule, so the search index and the query
//! agree on what a word is; slugs keep the ASCII letters and digits of the folded text.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Calls `each` with what `c` folds to: the characters of its canonical decomposition that
/// are not combining marks, lowercased (none for a combining mark).
#[inline]
pub fn fold_char(c: char, mut each: impl FnMut(char)) {
    if c.is_ascii() {
        each(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            d.to_lowercase().for_each(&mut each);
        }
    });
}

/// `text` folded (see [`fold_char`]), for the tests that hold the fast folds to the rule.
#[cfg(test)]
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| out.push(f));
    }
    out
}

#[cfg(test)]
mod tests;
