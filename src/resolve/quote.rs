//! Quotes: finding a cited passage in a document despite whitespace and typography.
//!
//! Both the document's prose and the quote are normalised the same way: whitespace runs
//! (non-breaking spaces included) become one space, typographic quotes and apostrophes
//! become ASCII, `…` becomes `...`, and soft hyphens and zero-width characters vanish.
//! Each normalised byte remembers the source bytes it came from, so a match maps back.

use std::ops::Range;

use super::prose::Prose;

/// The normalised prose of a document, searchable for quotes.
#[derive(Debug, Default)]
pub struct Searchable {
    text: String,
    /// For each byte of `text`, the body range of the character it came from.
    origin: Vec<(usize, usize)>,
}

/// Why a quote was not found, with what the document has instead when that helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The quote is empty once normalised.
    Empty,
    /// The passage is there with other capitalisation.
    CaseDiffers,
    /// The start of the quote matches, then the document goes on differently.
    Diverges {
        /// The longest start of the quote that the document has.
        matched: String,
        /// What the document has next.
        then: String,
    },
    /// Not even the first words are there.
    NotFound,
}

fn normalised(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => "",
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => "\"",
        '‘' | '’' | '‚' | '‛' | '′' | 'ʼ' => "'",
        '…' => "...",
        c if c.is_whitespace() => " ",
        _ => return None,
    })
}

/// The first occurrence of `quote` written exactly as in one run of `prose`: the common
/// case, found without building a [`Searchable`].
pub fn locate_exact(prose: &Prose, body: &str, quote: &str) -> Option<Range<usize>> {
    let q = quote.trim();
    if q.is_empty() || q.chars().any(|c| normalised(c).is_some() && c != ' ') || q.contains("  ") {
        return None;
    }
    // One searcher for all runs: building one per run cost more than the searches.
    let finder = memchr::memmem::Finder::new(q);
    prose.runs.iter().filter(|r| r.is_exact()).find_map(|r| {
        finder
            .find(r.text(body).as_bytes())
            .map(|i| r.range.start + i..r.range.start + i + q.len())
    })
}

impl Searchable {
    /// Builds the searchable text of `prose`, extracted from `body`.
    pub fn new(prose: &Prose, body: &str) -> Searchable {
        let mut s = Searchable::default();
        let mut last_end: Option<(usize, usize)> = None;
        for run in &prose.runs {
            if let Some((end, block)) = last_end
                && (end != run.range.start || block != run.block)
            {
                s.push(" ", (end, run.range.start));
            }
            for (i, c) in run.text(body).char_indices() {
                let origin = if run.is_exact() {
                    (run.range.start + i, run.range.start + i + c.len_utf8())
                } else {
                    (run.range.start, run.range.end)
                };
                match normalised(c) {
                    Some(n) => s.push(n, origin),
                    None => s.push(c.encode_utf8(&mut [0; 4]), origin),
                }
            }
            last_end = Some((run.range.end, run.block));
        }
        s
    }

    fn push(&mut self, piece: &str, origin: (usize, usize)) {
        if piece == " " && (self.text.is_empty() || self.text.ends_with(' ')) {
            if let Some(last) = self.origin.last_mut() {
                last.1 = last.1.max(origin.1);
            }
            return;
        }
        self.text.push_str(piece);
        self.origin.extend(std::iter::repeat_n(origin, piece.len()));
    }

    /// The body range of the first occurrence of `quote`, or why there is none.
    pub fn locate(&self, quote: &str) -> Result<Range<usize>, Miss> {
        let q = normalise(quote);
        if q.is_empty() {
            return Err(Miss::Empty);
        }
        if let Some(i) = self.text.find(&q) {
            return Ok(self.origin[i].0..self.origin[i + q.len() - 1].1);
        }
        Err(self.explain(&q))
    }

    fn explain(&self, q: &str) -> Miss {
        if self.text.to_lowercase().contains(&q.to_lowercase()) {
            return Miss::CaseDiffers;
        }
        // The longest start of the quote, in whole words, that the document has. Each start
        // that occurs makes every shorter one occur, so it is found by halving the range of
        // word counts: trying them one by one took 9 s on a quote of 10,000 words (a
        // quadratic number of bytes searched), found by `bench/fuzz.py`.
        let ends: Vec<usize> = q.match_indices(' ').map(|(i, _)| i).collect();
        let (mut known, mut beyond, mut hit) = (0, ends.len() + 1, None);
        while beyond - known > 1 {
            let mid = known + (beyond - known) / 2;
            match self.text.find(&q[..ends[mid - 1]]) {
                Some(i) => (known, hit) = (mid, Some(i)),
                None => beyond = mid,
            }
        }
        if let Some(i) = hit {
            let prefix = &q[..ends[known - 1]];
            let after = &self.text[i + prefix.len()..];
            let then: String = after.chars().take(40).collect();
            let chars: Vec<char> = prefix.chars().collect();
            let tail: String = chars[chars.len().saturating_sub(30)..].iter().collect();
            // Start the excerpt at a word, unless the tail is a single word.
            let matched = match tail.find(' ') {
                Some(i) if chars.len() > 30 => tail[i + 1..].to_string(),
                _ => tail,
            };
            return Miss::Diverges { matched, then };
        }
        Miss::NotFound
    }
}

/// A quote normalised for matching.
pub fn normalise(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for c in quote.chars() {
        let piece = normalised(c)
            .map(str::to_string)
            .unwrap_or_else(|| c.to_string());
        if piece == " " && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push_str(&piece);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::resolve::prose;

    fn find(body: &str, format: Format, quote: &str) -> Result<String, Miss> {
        let s = Searchable::new(&prose::extract(body, format), body);
        s.locate(quote).map(|r| body[r].to_string())
    }

    #[test]
    fn quote_across_a_line_break_and_double_spaces_is_found() {
        let body = "We  are particularly  concerned  about  the\nallegation you made";
        let got = find(
            body,
            Format::Text,
            "particularly concerned about the allegation",
        )
        .unwrap();
        assert_eq!(got, "particularly  concerned  about  the\nallegation");
    }

    #[test]
    fn quote_with_typographic_apostrophe_is_found() {
        let body = "Lors d’une interview accordée au “Financial Times”.";
        assert_eq!(
            find(body, Format::Text, "Lors d'une interview").unwrap(),
            "Lors d’une interview"
        );
        assert_eq!(
            find(body, Format::Text, "\"Financial Times\"").unwrap(),
            "“Financial Times”"
        );
    }

    #[test]
    fn non_breaking_spaces_count_as_spaces() {
        let body = "through\u{a0}\u{a0}“mandatory\u{a0}backdoors”\u{a0}in";
        assert_eq!(
            find(body, Format::Text, "\"mandatory backdoors\"").unwrap(),
            "“mandatory\u{a0}backdoors”"
        );
    }

    #[test]
    fn quote_across_markdown_emphasis_maps_to_the_source() {
        let body = "une plateforme commune, *via* un centre de données";
        assert_eq!(
            find(body, Format::Markdown, "commune, via un centre").unwrap(),
            "commune, *via* un centre"
        );
    }

    #[test]
    fn missing_quote_explains_where_it_diverges() {
        let body = "Huawei has never been asked by any government";
        assert_eq!(
            find(body, Format::Text, "huawei has never been asked"),
            Err(Miss::CaseDiffers)
        );
        match find(body, Format::Text, "Huawei has never been told") {
            Err(Miss::Diverges { matched, then }) => {
                assert!(matched.ends_with("never been"));
                assert_eq!(then, " asked by any government");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            find(body, Format::Text, "nothing like it"),
            Err(Miss::NotFound)
        );
    }

    #[test]
    fn a_quote_of_many_words_that_diverges_is_explained_at_once() {
        // Found by bench/fuzz.py: a 10,000-word quote took 9 s when each of its starts was
        // searched for in turn; the explanation must stay what it was.
        let body = format!("{}then the text ends", "word ".repeat(2_000));
        let quote = format!("{}elsewhere", "word ".repeat(20_000));
        let started = std::time::Instant::now();
        assert_eq!(
            find(&body, Format::Text, &quote),
            Err(Miss::Diverges {
                matched: "word word word word word word".into(),
                then: " then the text ends".into(),
            })
        );
        assert_eq!(
            find(&body, Format::Text, &"other ".repeat(20_000)),
            Err(Miss::NotFound)
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
