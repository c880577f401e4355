//! Why a quote is not in its document, and what the document has instead: where the
//! quote stops matching, and the closest passage (see [`super::closest`]).

use super::Searchable;
use super::closest;

/// Why a quote was not found, with what the document has instead when that helps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The quote is empty once normalised.
    Empty,
    /// The passage is there with other capitalisation.
    CaseDiffers,
    /// The quote is not there; what comes nearest.
    Differs {
        /// The longest start of the quote, in whole words, that the document has: how it
        /// ends (`matched`) and what the document has next (`then`).
        diverges: Option<(String, String)>,
        /// The passage of the document closest to the quote.
        closest: Option<Closest>,
    },
}

/// The passage of a document closest to a quote that is not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    /// The passage, normalised.
    pub passage: String,
    /// How many characters to insert, delete or replace to make the quote from it.
    pub distance: usize,
    /// Where they differ: what the quote has and what the document has instead, in order.
    pub differences: Vec<(String, String)>,
}

impl Searchable {
    /// Why the normalised quote `q`, which the text does not have, is not there.
    pub(super) fn explain(&self, q: &str) -> Miss {
        if self.text.to_lowercase().contains(&q.to_lowercase()) {
            return Miss::CaseDiffers;
        }
        Miss::Differs {
            diverges: self.diverges(q),
            closest: closest::closest(&self.text, q),
        }
    }

    /// The end of the longest start of `q`, in whole words, that the text has, and the
    /// text after it there.
    fn diverges(&self, q: &str) -> Option<(String, String)> {
        // A start of a start that occurs occurs too, so the longest is found by bisection:
        // a few searches through the document, not one per word (a quote of 40,000 words
        // took 12.7 s that way).
        let ends: Vec<usize> = q.match_indices(' ').map(|(i, _)| i).collect();
        let found = |words: usize| self.text.find(&q[..ends[words - 1]]);
        let (mut lo, mut hi) = (0, ends.len());
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if found(mid).is_some() {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let i = (lo > 0).then(|| found(lo)).flatten()?;
        let prefix = &q[..ends[lo - 1]];
        let then: String = self.text[i + prefix.len()..].chars().take(40).collect();
        let chars: Vec<char> = prefix.chars().collect();
        let tail: String = chars[chars.len().saturating_sub(30)..].iter().collect();
        // Start the excerpt at a word, unless the tail is a single word.
        let matched = match tail.find(' ') {
            Some(i) if chars.len() > 30 => tail[i + 1..].to_string(),
            _ => tail,
        };
        Some((matched, then))
    }
}
