//! Passage anchors: derived from what the citation says (its quote, prefix and suffix),
//! never from where the passage is, so that an anchor survives edits elsewhere in the
//! document.
//!
//! An anchor is `q-` and the first six words of the quote as a slug
//! (`q-mandatory-backdoors`). A citation with a prefix or suffix, and two cited passages of
//! one document whose quotes begin with the same six words, add six hexadecimal digits of a
//! hash of the normalised quote, prefix and suffix (`q-mandatory-backdoors-5c1e0a`).

use std::collections::HashMap;

use crate::slug::slugify;

/// The anchors of a document's cited passages, each given by the normalised quote, prefix
/// and suffix of the citation it is named after; distinct for distinct keys.
pub fn anchors(keys: &[&[String; 3]]) -> Vec<String> {
    let bases: Vec<String> = keys.iter().map(|[quote, ..]| base(quote)).collect();
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *shared.entry(b.as_str()).or_default() += 1;
    }
    let mut anchors: Vec<String> = keys
        .iter()
        .zip(&bases)
        .map(|(key, base)| {
            let [_, prefix, suffix] = key;
            if shared[base.as_str()] > 1 || !prefix.is_empty() || !suffix.is_empty() {
                format!("{base}-{:06x}", fnv1a(key) >> 40)
            } else {
                base.clone()
            }
        })
        .collect();
    // Six digits of a hash may still collide: numbered in the order of the keys, which
    // depends on what is cited only.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for i in order {
        let n = seen.entry(anchors[i].clone()).or_default();
        *n += 1;
        if *n > 1 {
            anchors[i] = format!("{}-{n}", anchors[i]);
        }
    }
    anchors
}

/// `q-` and the first six words of `quote`, as a slug of at most 48 characters.
fn base(quote: &str) -> String {
    let words: Vec<&str> = quote.split_whitespace().take(6).collect();
    let mut slug = slugify(&words.join(" "));
    slug.truncate(48);
    format!("q-{}", slug.trim_end_matches('-'))
}

/// The 64-bit FNV-1a hash of the key's parts, separated: the same on every machine and
/// every version of Rust, as an anchor must be.
fn fnv1a(key: &[String; 3]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in key.iter().enumerate() {
        let separator: &[u8] = if i == 0 { b"" } else { b"\x1f" };
        for &b in separator.iter().chain(part.as_bytes()) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(quote: &str, prefix: &str, suffix: &str) -> [String; 3] {
        [quote.into(), prefix.into(), suffix.into()]
    }

    #[test]
    fn an_anchor_is_the_first_words_of_the_quote() {
        let k = key("press conference in Brussels on 7 December", "", "");
        assert_eq!(anchors(&[&k]), ["q-press-conference-in-brussels-on-7"]);
    }

    #[test]
    fn a_prefix_or_suffix_adds_a_hash_of_the_whole_selector() {
        let (a, b) = (
            key("mandatory backdoors", "through", ""),
            key("mandatory backdoors", "against", ""),
        );
        let found = anchors(&[&a, &b]);
        assert!(found[0].starts_with("q-mandatory-backdoors-"), "{found:?}");
        assert_ne!(found[0], found[1]);
        // each depends on its own selector only
        assert_eq!(anchors(&[&a])[0], found[0]);
        assert_eq!(anchors(&[&b, &a]), [found[1].clone(), found[0].clone()]);
    }

    #[test]
    fn quotes_sharing_their_first_words_are_told_apart() {
        let (a, b) = (
            key("one two three four five six seven", "", ""),
            key("one two three four five six eight", "", ""),
        );
        let found = anchors(&[&a, &b]);
        assert_ne!(found[0], found[1]);
        assert!(
            found
                .iter()
                .all(|f| f.starts_with("q-one-two-three-four-five-six-"))
        );
    }
}
