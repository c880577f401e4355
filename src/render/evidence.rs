//! Evidence and mentions as pages show them: a document's cited passages as short
//! references grouped under what they support, and an actor's mentions merged into snippets.

use std::borrow::Cow;

use super::context::{
    CitedRelation, MentionView, PassageRef, PassageView, Snippet, SnippetGroup, SnippetPart,
    SnippetView,
};

/// Snippets of a document shown at once on an actor page; the rest are collapsed.
pub const SHOWN_SNIPPETS: usize = 3;

/// The short reference to a passage on its document's page.
pub fn passage_ref(number: usize, p: &PassageView, lang: &str) -> PassageRef {
    PassageRef {
        number,
        anchor: p.anchor.to_string(),
        quoted: super::quote_marks::quoted(p.text, lang),
        pages: p.pages.clone(),
        original_page: p.original_page.clone(),
    }
}

/// The relations `passages` support, each once (in the order their first passage comes),
/// with references to the passages each cites.
pub fn cited_relations<'a>(passages: &[PassageView<'a>], lang: &str) -> Vec<CitedRelation<'a>> {
    let mut cited: Vec<CitedRelation<'a>> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        for r in &p.relations {
            let reference = passage_ref(i + 1, p, lang);
            match cited.iter_mut().find(|c| c.relation.url == r.url) {
                Some(c) => c.passages.push(reference),
                None => cited.push(CitedRelation {
                    relation: r.clone(),
                    passages: vec![reference],
                }),
            }
        }
    }
    cited
}

/// The mentions of one document (in text order) as snippets, those whose words overlap
/// merged into one, the first [`SHOWN_SNIPPETS`] shown and the rest collapsed.
pub fn snippet_group<'a>(
    document: &'a super::context::DocLink<'a>,
    mentions: Vec<MentionView<'a>>,
) -> SnippetGroup<'a> {
    let count = mentions.len();
    let mut shown: Vec<SnippetView> = merge(mentions).iter().map(SnippetView::from).collect();
    let more = shown.split_off(shown.len().min(SHOWN_SNIPPETS));
    SnippetGroup {
        document,
        shown,
        more,
        mentions: count,
    }
}

/// Merges mentions whose words overlap: where the text after one holds the next name, or
/// ends with what the text before the next name starts with, the two share one snippet.
pub fn merge(mentions: Vec<MentionView<'_>>) -> Vec<Snippet<'_>> {
    let mut snippets: Vec<Snippet> = Vec::new();
    // the text after the last name of the last snippet, not yet pushed
    let mut tail: Option<Cow<str>> = None;
    for m in mentions {
        let gap = (tail.as_deref()).and_then(|t| between(t, &m.before, m.matched));
        match (gap, snippets.last_mut()) {
            (Some(gap), Some(last)) => last.parts.push(text_part(Cow::Owned(gap))),
            _ => {
                if let (Some(t), Some(last)) = (tail.take(), snippets.last_mut()) {
                    last.parts.push(text_part(t));
                }
                snippets.push(Snippet {
                    parts: vec![text_part(m.before)],
                });
            }
        }
        if let Some(last) = snippets.last_mut() {
            last.parts.push(SnippetPart {
                text: Cow::Borrowed(m.matched),
                url: m.url,
            });
        }
        tail = Some(m.after);
    }
    if let (Some(t), Some(last)) = (tail, snippets.last_mut()) {
        last.parts.push(text_part(t));
    }
    for s in &mut snippets {
        s.parts.retain(|p| !p.text.is_empty());
    }
    snippets
}

/// Characters two contexts must share to be taken for the same stretch of text.
const MIN_OVERLAP: usize = 16;

/// The text between a name and the next one, when the words after the first (`after`) and
/// the words before the next (`before`) are one stretch of the document: `after` holds the
/// next name, preceded by the end of `before`; or `before` holds all of `after`; or `after`
/// ends with what `before` starts with (both by at least [`MIN_OVERLAP`] bytes).
fn between(after: &str, before: &str, matched: &str) -> Option<String> {
    let after = after.strip_suffix('…').unwrap_or(after);
    let before = before.strip_prefix('…').unwrap_or(before);
    let named = (after.match_indices(matched))
        .map(|(at, _)| at)
        .find(|at| *at > 0 && before.ends_with(&after[..*at]));
    if let Some(at) = named {
        return Some(after[..at].to_string());
    }
    // the words before the next name hold all the words after this one
    if after.len() >= MIN_OVERLAP
        && let Some(at) = before.rfind(after)
    {
        return Some(before[at..].to_string());
    }
    // only where `before`'s first character is: testing every position of `after` made
    // merging the 75,000 mentions of 10,000 documents take a third more (callgrind)
    let first = before.chars().next()?;
    (after.match_indices(first))
        .map(|(i, _)| i)
        .take_while(|i| after.len() - i >= MIN_OVERLAP)
        .find(|i| before.starts_with(&after[*i..]))
        .map(|i| [&after[..i], before].concat())
}

fn text_part(text: Cow<'_, str>) -> SnippetPart<'_> {
    SnippetPart {
        text,
        url: String::new(),
    }
}

#[cfg(test)]
mod tests;
