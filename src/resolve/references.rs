//! References: the `[[id]]` links of a document's text, listed on the page of what they
//! link to with the words around them, like detected mentions. A link to an actor is a
//! mention of it; a link to a document or an event is a reference.

use std::ops::Range;
use std::sync::Arc;

use super::mentions::{context_end, context_start};
use super::prose::{Prose, Run, WikiLink};
use crate::model::{Context, Target};

/// One `[[id]]` link of a text to a known target.
#[derive(Debug, Clone)]
pub struct Link {
    /// The id linked to, as written.
    pub id: String,
    /// What it names.
    pub target: Target,
    /// Byte range of the whole link in the body.
    pub range: Range<usize>,
    /// The words around it; a link without a label of its own matches nothing.
    pub context: Arc<Context>,
}

/// The links of `prose` (extracted from `body`) whose ids `target` knows, in text order,
/// but those to `own`, the document itself. A link without a label of its own reads as
/// `name(target)` in contexts, when that is known (actors' names are; titles are shown at
/// rendering).
pub fn links<'n>(
    prose: &Prose,
    body: &str,
    own: &str,
    target: impl Fn(&str) -> Option<Target>,
    name: impl Fn(Target) -> Option<&'n str>,
) -> Vec<Link> {
    let known: Vec<(&WikiLink, Target)> = (prose.links.iter())
        .filter_map(|l| Some((l, target(&l.id)?)))
        .collect();
    // what each link without a label of its own reads as, where that is known
    let shown: Vec<(Range<usize>, Option<&str>)> = (known.iter())
        .filter(|(l, _)| !l.labelled)
        .map(|(l, t)| (l.range.clone(), name(*t)))
        .collect();
    known
        .iter()
        .filter(|(l, _)| l.id != own)
        .map(|(l, t)| Link {
            id: l.id.clone(),
            target: *t,
            range: l.range.clone(),
            context: Arc::new(context(prose, body, &l.range, &shown)),
        })
        .collect()
}

/// The words around the link at `link` in its block: before it, its label, after it, cut
/// to about as many characters as a mention's context. `shown` tells what links without a
/// label of their own read as: nothing where it is not known.
fn context(
    prose: &Prose,
    body: &str,
    link: &Range<usize>,
    shown: &[(Range<usize>, Option<&str>)],
) -> Context {
    let runs = &prose.runs;
    let at = runs.partition_point(|r| r.range.end <= link.start);
    let block = runs.get(at).or(at.checked_sub(1).and_then(|i| runs.get(i)));
    let block = block.map_or(0, |r| r.block);
    let first = runs[..at]
        .iter()
        .rposition(|r| r.block != block)
        .map_or(0, |i| i + 1);
    let in_block = runs[first..].iter().take_while(|r| r.block == block);
    let (mut before, mut label, mut after) = (String::new(), String::new(), String::new());
    let mut last: Option<&Run> = None;
    let mut read: Option<Range<usize>> = None;
    for run in in_block {
        let side = if run.range.end <= link.start {
            &mut before
        } else if run.range.start >= link.end {
            &mut after
        } else {
            &mut label
        };
        let unlabelled = shown
            .iter()
            .find(|(r, _)| r.start <= run.range.start && run.range.end <= r.end);
        let text = match unlabelled {
            // its name once, for the whole link
            Some((r, name)) if read.as_ref() != Some(r) => {
                read = Some(r.clone());
                name.unwrap_or_default()
            }
            Some(_) => continue,
            None => run.text(body),
        };
        if last.is_some() && run.spaced {
            side.push(' ');
        }
        last = Some(run);
        side.push_str(text);
    }
    let (before, label, after) = (fold(&before), fold(&label), fold(&after));
    let (start, cut_before) = context_start(&before);
    let (end, cut_after) = context_end(&after);
    let words = [&before[start..], label.trim(), &after[..end]].concat();
    let matched = before.len() - start..before.len() - start + label.trim().len();
    Context::folded(&words, matched, (cut_before, cut_after))
}

/// `text` with each whitespace run folded to one space (kept at either end).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c.is_whitespace() {
            true if out.ends_with(' ') => {}
            true => out.push(' '),
            false => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorId, DocId, Format};
    use crate::resolve::prose;

    fn found(md: &str) -> Vec<(String, String, String, Target)> {
        let prose = prose::extract(md, Format::Markdown);
        let target = |id: &str| match id {
            "cnil" => Some(Target::Actor(ActorId(0))),
            "report" => Some(Target::Document(DocId(1))),
            _ => None,
        };
        let name = |t: Target| match t {
            Target::Actor(_) => Some("Commission nationale"),
            _ => None,
        };
        links(&prose, md, "self", target, name)
            .into_iter()
            .map(|l| {
                let c = &l.context;
                (
                    c.before().into(),
                    c.matched().into(),
                    c.after().into(),
                    l.target,
                )
            })
            .collect()
    }

    #[test]
    fn links_to_known_targets_come_with_the_words_around_them() {
        let md = "Intro.\n\nThe **panel** of the [[cnil|CNIL]] wrote,\nsee [[report]] and [[cnil]].\n\n[[gone]] and [[self]].";
        assert_eq!(
            found(md),
            [
                (
                    "The panel of the ".into(),
                    "CNIL".into(),
                    " wrote, see and Commission nationale.".into(),
                    Target::Actor(ActorId(0))
                ),
                (
                    "The panel of the CNIL wrote, see ".into(),
                    String::new(),
                    " and Commission nationale.".into(),
                    Target::Document(DocId(1))
                ),
                (
                    "The panel of the CNIL wrote, see and ".into(),
                    "Commission nationale".into(),
                    ".".into(),
                    Target::Actor(ActorId(0))
                ),
            ]
        );
    }
}
