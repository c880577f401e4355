//! What one document's text yields once resolved: its cited passages located and
//! anchored, its mentions numbered, its links checked ([`Analysis`]).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::ids::Ids;
use super::mentions::{FoundMention, Matcher};
use super::prose;
use super::prose::Prose;
use super::quote::{Searchable, Selector, anchor, report, sentence};
use super::references;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawDocument, RawFile};
use crate::model::*;

/// What a document's text yields, independent of the rest of the dossier but the actor names.
#[derive(Debug)]
pub struct TextFacts {
    /// The prose runs and wiki links.
    pub prose: Prose,
    /// Mentions of actors.
    pub found: Vec<FoundMention>,
    /// The excerpt a search result shows (see `Prose::excerpt`).
    pub excerpt: Arc<str>,
    /// A fingerprint of the whole file the facts come from.
    pub file_print: u64,
}

/// A fingerprint of a loaded file: its path and its whole text.
pub fn file_print<T>(raw: &RawFile<T>) -> u64 {
    crate::hash::of(&(&raw.path, &*raw.text))
}

/// Analyses the text of `raw`.
pub fn facts(
    raw: &RawFile<RawDocument>,
    format: crate::model::Format,
    matcher: &Matcher,
) -> TextFacts {
    let prose = super::prose::extract(raw.body(), format);
    let found = matcher.find(&prose, &Text::slice(&raw.text, raw.body.clone()));
    TextFacts {
        // `[[id]]` links show their targets' titles, which the search index puts back
        excerpt: prose.excerpt(raw.body(), |_| None).into(),
        prose,
        found,
        file_print: file_print(raw),
    }
}

/// What one document's text yields once resolved: located passages, numbered mentions,
/// which passage each citation landed on, and the problems found.
#[derive(Debug)]
pub struct Analysis {
    /// Cited passages, in text order.
    pub passages: std::sync::Arc<[Passage]>,
    /// Mentions, in text order: names found and links to actors.
    pub mentions: std::sync::Arc<[Mention]>,
    /// Links to documents and events, in text order.
    pub references: std::sync::Arc<[Reference]>,
    /// For each located citation (its event or relation, citation number), its passage.
    pub citations: Vec<((Citer, usize), usize)>,
    /// Missing quotes and unknown links.
    pub diagnostics: Vec<Diagnostic>,
}

/// A fingerprint of what a document's analysis depends on besides its own file and the
/// actor names: the id table, the quotes that cite it, and `titles` ([`link_titles`]).
pub(super) fn analysis_context(
    world: u64,
    cites: &[(Citer, usize, &Selector, &Path)],
    titles: u64,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::hasher();
    (world, titles).hash(&mut h);
    for (citer, c, selector, file) in cites {
        let Selector {
            quote,
            prefix,
            suffix,
        } = selector;
        let spans = [Some(quote), prefix.as_ref(), suffix.as_ref()]
            .map(|sp| sp.map(|s| (s.as_str(), &s.span)));
        (citer, c, spans, file).hash(&mut h);
    }
    h.finish()
}

/// A fingerprint of the titles and names the `[[id]]` links of `prose` without a label of
/// their own show (they read so in the contexts of links): `target` tells what an id names,
/// `title` its title or name.
pub(super) fn link_titles<'t>(
    prose: &prose::Prose,
    target: impl Fn(&str) -> Option<Target>,
    title: impl Fn(Target) -> Option<&'t str>,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::hash::hasher();
    for link in prose.links.iter().filter(|l| !l.labelled) {
        (&link.id, target(&link.id).and_then(&title)).hash(&mut h);
    }
    h.finish()
}

/// Analyses the text of `doc`: passages located, mentions and references numbered, links
/// checked; `title` gives what a `[[id]]` link without a label reads as.
pub(super) fn analyse<'t>(
    doc: &Document,
    facts: &TextFacts,
    cites: &[(Citer, usize, &Selector, &Path)],
    actors: &[Actor],
    ids: &Ids,
    title: impl Fn(Target) -> Option<&'t str>,
) -> Analysis {
    let mut links = Vec::new();
    if doc.body.format == Format::Markdown {
        check_prose_links(&facts.prose, &doc.body, ids, &mut links);
    }
    let mut analysis = analyse_text(doc, facts, cites, actors, |id| ids.get(id), title);
    links.append(&mut analysis.diagnostics);
    analysis.diagnostics = links;
    analysis
}

/// [`analyse`] without checking the text's `[[id]]` links; `target` tells what an id names.
pub(super) fn analyse_text<'t>(
    doc: &Document,
    facts: &TextFacts,
    cites: &[(Citer, usize, &Selector, &Path)],
    actors: &[Actor],
    target: impl Fn(&str) -> Option<Target>,
    title: impl Fn(Target) -> Option<&'t str>,
) -> Analysis {
    let mut diagnostics = Vec::new();
    let (passages, citations) = if cites.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        locate_quotes(doc, &facts.prose, cites, &mut diagnostics)
    };
    let links = match facts.prose.links.is_empty() {
        true => Vec::new(),
        false => references::links(&facts.prose, &doc.body.text, &doc.id, target, title),
    };
    Analysis {
        passages: passages.into(),
        mentions: mentions(facts, &links, actors),
        references: references(&links),
        citations,
        diagnostics,
    }
}

/// The mentions of a text: the names found and the links to actors, in text order, each
/// numbered among the mentions of its actor.
fn mentions(facts: &TextFacts, links: &[references::Link], actors: &[Actor]) -> Arc<[Mention]> {
    let found = facts
        .found
        .iter()
        .map(|f| (f.actor, &f.range, &f.context, false));
    let linked = links.iter().filter_map(|l| match l.target {
        Target::Actor(a) => Some((a, &l.range, &l.context, true)),
        _ => None,
    });
    let mut all: Vec<_> = found.collect();
    if !links.is_empty() {
        all.extend(linked);
        all.sort_by_key(|(_, range, ..)| range.start);
    }
    let mut counts: HashMap<ActorId, usize> = HashMap::new();
    all.into_iter()
        .map(|(actor, range, context, linked)| {
            let n = counts.entry(actor).or_default();
            *n += 1;
            Mention {
                actor,
                // built by hand: `format!` costs more than the rest of a mention
                anchor: ["m-", &actors[actor.0].id, "-", &n.to_string()].concat(),
                range: range.clone(),
                context: context.clone(),
                linked,
            }
        })
        .collect()
}

/// The references of a text: its links to documents and events, each anchored as the
/// `n`th link to its target (`l-fbi-asks-apple-1`).
fn references(links: &[references::Link]) -> Arc<[Reference]> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    links
        .iter()
        .filter(|l| !matches!(l.target, Target::Actor(_)))
        .map(|l| {
            let n = counts.entry(l.id.as_str()).or_default();
            *n += 1;
            Reference {
                target: l.target,
                range: l.range.clone(),
                anchor: ["l-", &l.id, "-", &n.to_string()].concat(),
                context: l.context.clone(),
            }
        })
        .collect()
}

type Located = (Vec<Passage>, Vec<((Citer, usize), usize)>);

/// A located citation: its passage's range, its key (event or relation, citation number),
/// and its normalised selector.
type LocatedCitation = (Range<usize>, (Citer, usize), [String; 3]);

fn locate_quotes(
    doc: &Document,
    prose: &prose::Prose,
    cites: &[(Citer, usize, &Selector, &Path)],
    out: &mut Vec<Diagnostic>,
) -> Located {
    let mut searchable: Option<Searchable> = None;
    let mut found: Vec<LocatedCitation> = Vec::new();
    for (citer, c, selector, file) in cites {
        if let Some(error) = report::too_long(selector, file) {
            out.push(error);
            continue;
        }
        let text = searchable.get_or_insert_with(|| Searchable::new(prose, &doc.body.text));
        match text.select(selector) {
            Ok(range) => found.push((range, (*citer, *c), selector.normalised())),
            Err(problem) => out.push(report::problem(doc, text, selector, file, problem)),
        }
    }
    // In text order; of the citations of one passage, the smallest selector names it.
    found.sort_by(|(r, key, selector), (s, other, by)| {
        (r.start, r.end, selector, key).cmp(&(s.start, s.end, by, other))
    });
    let mut passages: Vec<Passage> = Vec::new();
    let mut named_by: Vec<&[String; 3]> = Vec::new();
    let mut citations = Vec::new();
    for (range, key, selector) in &found {
        if passages.last().is_none_or(|p| p.range != *range) {
            passages.push(Passage {
                anchor: String::new(),
                range: range.clone(),
                // Shown in quotes and lists: one line, as the page reads.
                text: prose.read_range(&doc.body.text, range.clone()),
                events: Vec::new(),
                relations: Vec::new(),
                pages: Pages::of(&doc.body.text, range.clone()),
                sentence: sentence::around(prose, &doc.body.text, range.clone()),
            });
            named_by.push(selector);
        }
        let index = passages.len() - 1;
        let passage = &mut passages[index];
        match key.0 {
            Citer::Event(e) if !passage.events.contains(&e) => passage.events.push(e),
            Citer::Relation(r) if !passage.relations.contains(&r) => passage.relations.push(r),
            _ => {}
        }
        citations.push((*key, index));
    }
    for (passage, anchor) in passages.iter_mut().zip(anchor::anchors(&named_by)) {
        passage.anchor = anchor;
        passage.events.sort_unstable();
        passage.relations.sort_unstable();
    }
    (passages, citations)
}

/// Checks the `[[id]]` links of a Markdown body, and returns what they point to.
pub(super) fn check_links(body: &Body, ids: &Ids, out: &mut Vec<Diagnostic>) -> Vec<Target> {
    if !body.text.contains("[[") {
        return Vec::new();
    }
    let prose = prose::extract(&body.text, Format::Markdown);
    check_prose_links(&prose, body, ids, out);
    super::link_targets(&prose, |id| ids.get(id))
}

fn check_prose_links(prose: &prose::Prose, body: &Body, ids: &Ids, out: &mut Vec<Diagnostic>) {
    for link in &prose.links {
        if ids.get(&link.id).is_none() && !ids.is_broken(&link.id) {
            let span = body.offset + link.range.start..body.offset + link.range.end;
            out.push(ids.unknown_link(&link.id, &body.path, span));
        }
    }
}
