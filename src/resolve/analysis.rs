//! What one document's text yields once resolved: its cited passages located and
//! anchored, its mentions numbered, its links checked ([`Analysis`]).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::cache::TextFacts;
use super::ids::Ids;
use super::prose;
use super::quote::{self, Miss, Searchable};
use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Sp;
use crate::model::*;
use crate::slug::slugify;

/// What one document's text yields once resolved: located passages, numbered mentions,
/// which passage each citation landed on, and the problems found.
#[derive(Debug)]
pub struct Analysis {
    /// Cited passages, in text order.
    pub passages: std::sync::Arc<[Passage]>,
    /// Mentions, in text order.
    pub mentions: std::sync::Arc<[Mention]>,
    /// For each located citation (event, citation number), its passage.
    pub citations: Vec<((EventId, usize), usize)>,
    /// Missing quotes and unknown links.
    pub diagnostics: Vec<Diagnostic>,
}

/// A fingerprint of what a document's analysis depends on besides its own file and the
/// actor names: the id table and the quotes that cite it.
pub(super) fn analysis_context(world: u64, cites: &[(EventId, usize, &Sp, &Path)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = super::cache::hasher();
    world.hash(&mut h);
    for (event, c, quote, file) in cites {
        (event, c, quote.as_str(), &quote.span, file).hash(&mut h);
    }
    h.finish()
}

pub(super) fn analyse(
    doc: &Document,
    facts: &TextFacts,
    cites: &[(EventId, usize, &Sp, &Path)],
    actors: &[Actor],
    ids: &Ids,
) -> Analysis {
    let mut links = Vec::new();
    if doc.body.format == Format::Markdown {
        check_prose_links(&facts.prose, &doc.body, ids, &mut links);
    }
    let mut analysis = analyse_text(doc, facts, cites, actors);
    links.append(&mut analysis.diagnostics);
    analysis.diagnostics = links;
    analysis
}

/// [`analyse`] without checking the text's `[[id]]` links.
pub(super) fn analyse_text(
    doc: &Document,
    facts: &TextFacts,
    cites: &[(EventId, usize, &Sp, &Path)],
    actors: &[Actor],
) -> Analysis {
    let mut diagnostics = Vec::new();
    let (passages, citations) = if cites.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        locate_quotes(doc, &facts.prose, cites, &mut diagnostics)
    };
    let mut counts: HashMap<ActorId, usize> = HashMap::new();
    let mentions = facts
        .found
        .iter()
        .map(|f| {
            let n = counts.entry(f.actor).or_default();
            *n += 1;
            Mention {
                actor: f.actor,
                // built by hand: `format!` costs more than the rest of a mention
                anchor: ["m-", &actors[f.actor.0].id, "-", &n.to_string()].concat(),
                range: f.range.clone(),
                context: f.context.clone(),
                linked: false,
            }
        })
        .collect();
    Analysis {
        passages: passages.into(),
        mentions,
        citations,
        diagnostics,
    }
}

type Located = (Vec<Passage>, Vec<((EventId, usize), usize)>);

fn locate_quotes(
    doc: &Document,
    prose: &prose::Prose,
    cites: &[(EventId, usize, &Sp, &Path)],
    out: &mut Vec<Diagnostic>,
) -> Located {
    let mut searchable: Option<Searchable> = None;
    let mut found: Vec<(std::ops::Range<usize>, (EventId, usize))> = Vec::new();
    for (event, c, quote, file) in cites {
        let length = quote.as_str().trim().chars().count();
        if length > quote::MAX_QUOTE_CHARS {
            out.push(too_long(quote, file, length));
            continue;
        }
        if let Some(range) = quote::locate_exact(prose, &doc.body.text, quote.as_str()) {
            found.push((range, (*event, *c)));
            continue;
        }
        let searchable = searchable.get_or_insert_with(|| Searchable::new(prose, &doc.body.text));
        match searchable.locate(quote.as_str()) {
            Ok(range) => found.push((range, (*event, *c))),
            Err(miss) => out.push(quote_error(doc, quote, file, miss)),
        }
    }
    found.sort_by_key(|(r, key)| (r.start, r.end, *key));
    let mut passages: Vec<Passage> = Vec::new();
    let mut citations = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    for (range, key) in found {
        let index = match passages.iter().position(|p| p.range == range) {
            Some(i) => i,
            None => {
                // Shown in quotes and lists: one line, as the page reads.
                let text = prose.read_range(&doc.body.text, range.clone());
                let anchor = unique_anchor(&text, &mut taken);
                passages.push(Passage {
                    anchor,
                    range,
                    text,
                    events: Vec::new(),
                });
                passages.len() - 1
            }
        };
        if !passages[index].events.contains(&key.0) {
            passages[index].events.push(key.0);
        }
        citations.push((key, index));
    }
    (passages, citations)
}

/// `q-` and the first words of the passage: stable while the passage is cited.
fn unique_anchor(text: &str, taken: &mut HashSet<String>) -> String {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let mut base = slugify(&words.join(" "));
    base.truncate(48);
    let base = format!("q-{}", base.trim_end_matches('-'));
    let mut anchor = base.clone();
    let mut n = 2;
    while !taken.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

fn too_long(quote: &Sp, file: &Path, length: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        quote.span.clone(),
        format!(
            "this quote is {length} characters long; cite at most {}",
            quote::MAX_QUOTE_CHARS
        ),
        "quote the passage's key sentence: the page shows the rest of the document around it",
    )
}

fn quote_error(doc: &Document, quote: &Sp, file: &Path, miss: Miss) -> Diagnostic {
    let message = format!("this quote is not in document `{}`", doc.id);
    let hint = match miss {
        Miss::Empty => "the quote is empty: copy the supporting passage from the document".to_string(),
        Miss::CaseDiffers => "the document has this passage with other capitals: quotes are matched letter for letter".to_string(),
        Miss::Diverges { matched, then } => format!("the document matches up to `…{matched}` and then reads `{then}…`"),
        Miss::NotFound => format!("copy the passage verbatim from {} (spacing and typographic quotes may differ)", doc.body.path.display()),
    };
    Diagnostic::error(file, quote.span.clone(), message, hint)
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
