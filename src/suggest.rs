//! "Did you mean …?" suggestions for misspelt keys and ids.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A hint naming the closest candidate, or listing what is allowed when nothing is close.
pub fn hint(word: &str, candidates: &[&str], what: &str) -> String {
    match closest(word, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.len() <= 12 => {
            let list: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            format!("{what} are: {}", list.join(", "))
        }
        None => format!("no {what} is spelt like `{word}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposed_letters_are_suggested() {
        assert_eq!(closest("titel", ["title", "date", "kind"]), Some("title"));
    }

    #[test]
    fn unrelated_words_are_not_suggested() {
        assert_eq!(closest("zzz", ["title", "date"]), None);
    }
}
