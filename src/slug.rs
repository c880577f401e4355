//! Slugs: ids and anchors derived from titles and quotes.

/// Lowercase ASCII letters and digits joined by single hyphens; accents are folded by the
/// rule search uses ([`crate::fold`]), so `sécurité` slugs as `securite`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |f: char| {
        if f.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(f);
        } else {
            pending_dash = true;
        }
    };
    for c in text.chars() {
        match spelt_in_ascii(c) {
            Some(ascii) => ascii.chars().for_each(&mut push),
            None => crate::fold::fold_char(c, &mut push),
        }
    }
    out
}

/// The Latin letters that are not an ASCII letter with marks, and so survive folding, as
/// ASCII: a slug keeps only ASCII, and `Łódź` should slug as `lodz`, not `odz`. (Search
/// keeps them as they are, as `search.js` does.)
fn spelt_in_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' | 'Æ' => "ae",
        'đ' | 'Đ' => "d",
        'ı' => "i",
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(
            slugify("Ansip speaks of 'mandatory backdoors'"),
            "ansip-speaks-of-mandatory-backdoors"
        );
        assert_eq!(
            slugify("Sécurité du réseau — 2024"),
            "securite-du-reseau-2024"
        );
        assert_eq!(slugify("Huawei-Letter"), "huawei-letter");
    }

    #[test]
    fn latin_letters_without_marks_are_spelt_in_ascii() {
        assert_eq!(
            slugify("Łódź, Straße, Œuvre, Ærø"),
            "lodz-strasse-oeuvre-aero"
        );
    }
}
