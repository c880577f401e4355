//! Cutting text to a short excerpt, on a word boundary, with its whitespace folded.

/// `text` with whitespace folded, cut after about `max` characters at a word boundary.
///
/// Scans bytes rather than characters: every entry of the search index shows shortened
/// texts, and the text is almost all ASCII.
pub fn shorten(text: &str, max: usize) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len().min(max + max / 2) + 4);
    let mut chars = 0;
    let mut i = 0;
    loop {
        // skip whitespace
        while i < bytes.len() {
            match whitespace_width(text, i) {
                0 => break,
                w => i += w,
            }
        }
        if i == bytes.len() {
            return out;
        }
        // one word: its end, and its length in characters
        let start = i;
        let mut word_chars = 0;
        while i < bytes.len() && whitespace_width(text, i) == 0 {
            word_chars += usize::from(!is_continuation(bytes[i]));
            i += 1;
        }
        if chars > 0 {
            if chars + 1 + word_chars > max {
                out.push('…');
                return out;
            }
            out.push(' ');
            chars += 1;
        }
        out.push_str(&text[start..i]);
        chars += word_chars;
    }
}

/// The width of the whitespace character at byte `i` of `text`, or 0 when there is none.
/// `i` is on a character boundary or inside a character that is not whitespace.
#[inline]
fn whitespace_width(text: &str, i: usize) -> usize {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        // `char::is_whitespace` for ASCII: also the vertical tab, which `u8` leaves out
        usize::from(b.is_ascii_whitespace() || b == 0x0b)
    } else if is_continuation(b) {
        0
    } else {
        match text[i..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        }
    }
}

/// Whether `b` continues a UTF-8 character rather than starting one.
#[inline]
fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random_text::RandomText;

    #[test]
    fn shorten_cuts_at_a_word_boundary() {
        assert_eq!(shorten("one  two\nthree four", 12), "one two…");
        assert_eq!(shorten("one two", 12), "one two");
    }

    /// What `shorten` must do, written plainly over characters.
    fn shorten_by_words(text: &str, max: usize) -> String {
        let mut out = String::new();
        let mut chars = 0;
        for word in text.split_whitespace() {
            if chars > 0 {
                if chars + 1 + word.chars().count() > max {
                    out.push('…');
                    return out;
                }
                out.push(' ');
                chars += 1;
            }
            out.push_str(word);
            chars += word.chars().count();
        }
        out
    }

    #[test]
    fn shorten_agrees_with_splitting_words_on_random_texts() {
        let pieces = [
            "a", "word", " ", "  ", "\n", "\t", "\u{b}", "\u{a0}", "\u{2003}", "é", "日本",
            "\u{85}", "x\u{301}",
        ];
        let mut random = RandomText::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let count = random.below(40);
            let text = random.text(&pieces, count);
            let max = random.below(24);
            assert_eq!(
                shorten(&text, max),
                shorten_by_words(&text, max),
                "{text:?} {max}"
            );
        }
    }
}
