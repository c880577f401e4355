//! HTML escaping for text the renderer writes itself (templates escape on their own).

/// Appends `text` to `out` with `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape_into(text: &str, out: &mut String) {
    // Two vectorised searches, each resumed past the byte it found: most prose has few
    // bytes to escape, and a byte-by-byte loop was a visible part of rendering bodies.
    let bytes = text.as_bytes();
    let markup = |from: usize| memchr::memchr3(b'&', b'<', b'>', &bytes[from..]).map(|i| i + from);
    let quotes = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|i| i + from);
    let (mut next_markup, mut next_quote) = (markup(0), quotes(0));
    let mut last = 0;
    loop {
        let i = match (next_markup, next_quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(i), None) | (None, Some(i)) => i,
            (None, None) => break,
        };
        out.push_str(&text[last..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        last = i + 1;
        if next_markup == Some(i) {
            next_markup = markup(last);
        } else {
            next_quote = quotes(last);
        }
    }
    out.push_str(&text[last..]);
}

/// `text` escaped for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_long_texts_matches_escaping_each_character() {
        let pieces = ["a", "é", "&", "<", ">", "\"", "'", " words ", "日本"];
        let mut random = crate::random_text::RandomText::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..500 {
            let count = random.below(60);
            let text = random.text(&pieces, count);
            let slow: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect();
            assert_eq!(super::escape(&text), slow, "{text:?}");
        }
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            super::escape("a<b & \"c\" 'd'"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;"
        );
    }
}
