//! Quotes are found in any body, in bounds and on character boundaries, or their absence
//! is explained; a unique passage and text shown in a Markdown run are always found.

use proptest::prelude::*;

use super::{odd_text, proptest_config};
use crate::load::frontmatter::Located;
use crate::model::Format;
use crate::resolve::prose::{self, Prose};
use crate::resolve::quote;

/// The passage a citation of `wanted` alone (no prefix or suffix) selects in `body`.
fn select(
    prose: &Prose,
    body: &str,
    wanted: &str,
) -> Result<std::ops::Range<usize>, quote::Problem> {
    let selector = quote::Selector {
        quote: Located {
            value: wanted.to_string(),
            span: 0..0,
        },
        prefix: None,
        suffix: None,
    };
    quote::Searchable::new(prose, body).select(&selector)
}

proptest! {
    #![proptest_config(proptest_config(256))]

    #[test]
    fn a_unique_passage_of_plain_text_is_always_found(
        body in odd_text(160),
        from in any::<prop::sample::Index>(),
        len in 1..60usize,
    ) {
        let chars: Vec<usize> = body.char_indices().map(|(i, _)| i).chain([body.len()]).collect();
        let start = chars[from.index(chars.len())];
        let end = chars[(chars.iter().position(|&i| i == start).unwrap_or(0) + len).min(chars.len() - 1)];
        let wanted = &body[start..end];
        let q = quote::normalise(wanted);
        let all = quote::normalise(&body);
        let occurrences = (0..all.len())
            .filter(|&i| all.is_char_boundary(i) && all[i..].starts_with(&q))
            .count();
        prop_assume!(!q.is_empty() && occurrences == 1);
        let prose = prose::extract(&body, Format::Text);
        let found = select(&prose, &body, wanted)
            .map_err(|miss| TestCaseError::fail(format!("{miss:?}: {wanted:?} in {body:?}")))?;
        prop_assert!(body.is_char_boundary(found.start) && body.is_char_boundary(found.end));
        // the passage found is the one taken (they overlap) and reads as the quote
        prop_assert!(found.start < end.max(start + 1) && start < found.end,
            "found {found:?}, took {start}..{end}");
        prop_assert!(quote::normalise(&body[found.clone()]).contains(&q));
    }

    #[test]
    fn any_quote_in_any_body_is_found_in_bounds_or_explained(
        body in odd_text(160),
        wanted in odd_text(30),
        markdown in any::<bool>(),
    ) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let prose = prose::extract(&body, format);
        if let Ok(found) = select(&prose, &body, &wanted) {
            prop_assert!(found.start <= found.end && found.end <= body.len());
            prop_assert!(body.is_char_boundary(found.start) && body.is_char_boundary(found.end));
        }
    }

    #[test]
    fn text_shown_in_a_markdown_run_is_found(
        body in odd_text(200),
        run in any::<prop::sample::Index>(),
        from in any::<prop::sample::Index>(),
        len in 1..30usize,
    ) {
        let prose = prose::extract(&body, Format::Markdown);
        prop_assume!(!prose.runs.is_empty());
        let shown = prose.runs[run.index(prose.runs.len())].text(&body);
        let chars: Vec<usize> = shown.char_indices().map(|(i, _)| i).chain([shown.len()]).collect();
        let at = from.index(chars.len());
        let wanted = &shown[chars[at]..chars[(at + len).min(chars.len() - 1)]];
        prop_assume!(!quote::normalise(wanted).is_empty());
        // found once, or found several times (an error that lists them), never missing
        let found = select(&prose, &body, wanted);
        prop_assert!(
            !matches!(found, Err(quote::Problem::Missing(_))),
            "{:?}: {wanted:?} in {body:?}",
            found
        );
    }
}
