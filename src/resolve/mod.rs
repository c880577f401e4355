//! Stage 2, resolve: ids, references, quotes, mentions and the timeline.
//!
//! Turns the raw files into one immutable [`Dossier`]: ids are checked for uniqueness and
//! every reference for existence; each quote is located in its document and given a stable
//! anchor; mentions of actors are detected; events are put in timeline order and every
//! back-link (actor → documents, events, mentions) is computed once, here.

mod analysis;
mod backlinks;
pub mod cache;
pub(crate) mod claims;
pub mod delta;
pub mod events;
pub mod ids;
pub mod mentions;
mod names;
mod placement;
pub mod prose;
mod provenance;
pub mod quote;
mod records;
mod references;
mod relations;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::load::frontmatter::Located;
use crate::load::raw::{RawDocument, RawFile};
use crate::model::*;
use crate::slug::slugify;
use analysis::{Analysis, analyse, analysis_context, check_links, link_titles};
use events::Cited;
use mentions::Matcher;
use quote::Selector;
pub use records::is_language_tag;
use records::{overview, records};

/// What resolving keeps for the next rebuild: each document's analysis ([`cache`]), and
/// the last dossier resolved without a problem, to which edits of document text are
/// applied ([`delta`]).
#[derive(Debug, Default)]
pub struct Memo {
    cache: cache::Cache,
    previous: Option<Dossier>,
}

impl Memo {
    /// A memo that keeps what each build learns when `remember` (rebuilds), or nothing.
    pub fn new(remember: bool) -> Memo {
        Memo {
            cache: cache::Cache::new(remember),
            previous: None,
        }
    }

    /// Keeps `dossier` for the next rebuild when it had no problem; frees it otherwise.
    pub fn keep(&mut self, dossier: Dossier, clean: bool) {
        if clean && self.cache.remembers() {
            self.previous = Some(dossier);
        } else {
            crate::drop_in_background(dossier);
        }
    }
}

/// A resolved dossier and the problems found on the way.
pub struct Resolved {
    /// The dossier, complete even with problems.
    pub dossier: Dossier,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// True when edits were applied to the previous dossier instead of resolving anew.
    pub by_delta: bool,
}

/// Stage 2: resolves loaded content into a dossier. `edited`, when given, are the only
/// files that changed since the memo's last dossier (documents re-read): if they keep
/// their declarations, they are applied to it ([`delta`]); otherwise everything is
/// resolved, reusing the analysis of each document that did not change.
pub fn resolve(
    loaded: Loaded,
    memo: &mut Memo,
    edited: Option<Vec<Arc<RawFile<RawDocument>>>>,
) -> Resolved {
    if let (Some(mut dossier), Some(edited), true) =
        (memo.previous.take(), edited, loaded.diagnostics.is_empty())
        && delta::apply_document_edits(&mut dossier, &edited, &loaded.originals, &mut memo.cache)
    {
        crate::drop_in_background(loaded);
        return Resolved {
            dossier,
            diagnostics: Vec::new(),
            by_delta: true,
        };
    }
    let (dossier, diagnostics) = resolve_all(loaded, &mut memo.cache);
    Resolved {
        dossier,
        diagnostics,
        by_delta: false,
    }
}

/// Resolves everything, reusing and refreshing what `cache` holds.
fn resolve_all(loaded: Loaded, cache: &mut cache::Cache) -> (Dossier, Vec<Diagnostic>) {
    let Loaded {
        settings,
        raw,
        originals,
        mut diagnostics,
    } = loaded;
    let out = &mut diagnostics;

    let mut raw_actors = raw.actors;
    raw_actors.par_sort_by_cached_key(|a| (slugify(&a.front.name.value), a.id.clone()));
    if !settings.allow_shared_names {
        names::check_shared(&raw_actors, out);
    }
    let dates = in_parallel(&raw.documents, out, |_, d, out| {
        let date = d.front.date.as_ref()?;
        events::when(
            date,
            d.front.end.as_ref(),
            d.front.approximate,
            &d.path,
            out,
        )
    });
    let mut raw_docs: Vec<(Arc<RawFile<RawDocument>>, Option<crate::date::When>)> =
        raw.documents.into_iter().zip(dates).collect();
    // Newest first; undated documents last.
    raw_docs.par_sort_by(|(a, da), (b, db)| {
        let (da, db) = (da.map(|w| w.sort_key()), db.map(|w| w.sort_key()));
        db.cmp(&da)
            .then_with(|| da.is_none().cmp(&db.is_none()))
            .then_with(|| a.id.cmp(&b.id))
    });
    let (raw_docs, doc_dates): (Vec<_>, Vec<_>) = raw_docs.into_iter().unzip();

    let files = records::Files {
        actors: &raw_actors,
        documents: &raw_docs,
        dates: &doc_dates,
        events: &raw.events,
        broken: raw.broken,
        originals: &originals,
    };
    let records = records(files, &settings, cache, out);
    let records::Records {
        drafts,
        ids,
        mut actors,
        mut documents,
        relation_cites,
        declared,
    } = records;
    if let Some(declared) = declared {
        cache.store_drafts(raw_docs.iter().cloned().zip(declared));
    }

    // Citations grouped by the document they cite, so each document is searched once.
    let mut cited: Vec<Vec<(Citer, usize, &Selector, &Path)>> = vec![Vec::new(); documents.len()];
    for (e, draft) in drafts.iter().enumerate() {
        for (c, (target, quote)) in draft.citations.iter().enumerate() {
            let doc = match target {
                Cited::Declaring(i) => Some(DocId(*i)),
                Cited::Named(sp) => ids.document(sp, &draft.file, out),
            };
            if let Some(doc) = doc {
                cited[doc.0].push((Citer::Event(EventId(e)), c, quote, &draft.file));
            }
        }
    }
    for cite in &relation_cites {
        if let Some(doc) = ids.document(&cite.document, &cite.file, out) {
            let citer = Citer::Relation(cite.relation);
            cited[doc.0].push((citer, cite.number, &cite.selector, &cite.file));
        }
    }

    if cache.remembers() {
        let owned = |c: &Vec<(Citer, usize, &Selector, &Path)>| {
            c.iter()
                .map(|(e, n, quote, file)| (*e, *n, (*quote).clone(), file.to_path_buf()))
                .collect()
        };
        cache.store_cites(cited.iter().map(owned).collect());
    }

    let names = || {
        raw_actors.iter().enumerate().flat_map(|(i, a)| {
            std::iter::once(a.front.name.as_str())
                .chain(a.front.aliases.iter().map(Located::as_str))
                .map(move |n| (i, n))
        })
    };
    let names_key = cache::names_fingerprint(names());
    // Made only if a document needs analysing: a rebuild mostly finds all of them cached.
    let made = OnceLock::new();
    if let Some(previous) = cache.matcher(names_key) {
        let _ = made.set(previous);
    }
    let matcher =
        || made.get_or_init(|| Arc::new(Matcher::new(names().map(|(i, n)| (ActorId(i), n)))));
    let world = ids.fingerprint();
    // What a `[[id]]` link without a label reads as in the contexts of links.
    let (docs, actors_ref, drafts_ref) = (&documents, &actors, &drafts);
    let title = move |t: Target| {
        Some(match t {
            Target::Document(d) => docs.get(d.0)?.title.as_str(),
            Target::Actor(a) => actors_ref.get(a.0)?.name.as_str(),
            Target::Event(e) => drafts_ref.get(e.0)?.title.as_str(),
        })
    };
    // One pass per document, text facts then analysis: a one-off build (no cache) drops each
    // document's facts as soon as they are analysed instead of holding them all at once
    // (computing them beside the records instead took 150 MB more at 100,000 documents).
    let analysed: Vec<Analysed> = raw_docs
        .par_iter()
        .zip(documents.par_iter())
        .zip(cited.par_iter())
        .map(|((raw, doc), cites)| {
            let cached = cache.get(raw, names_key);
            let facts =
                cached.unwrap_or_else(|| Arc::new(cache::facts(raw, doc.body.format, matcher())));
            let titles = link_titles(&facts.prose, |id| ids.get(id), title);
            let context = analysis_context(world, cites, titles);
            let cached = cache.analysis(raw, names_key, context);
            let analysis = cached
                .unwrap_or_else(|| Arc::new(analyse(doc, &facts, cites, &actors, &ids, title)));
            Analysed {
                file_print: facts.file_print,
                link_targets: link_targets(&facts.prose, |id| ids.get(id)),
                excerpt: facts.excerpt.clone(),
                facts: cache.remembers().then_some(facts),
                context,
                analysis,
            }
        })
        .collect();
    if cache.remembers() {
        let entries = raw_docs.iter().zip(&analysed).filter_map(|(raw, a)| {
            let facts = a.facts.clone()?;
            Some((raw.clone(), facts, (a.context, a.analysis.clone())))
        });
        cache.store(names_key, made.get().cloned(), entries);
    }

    // Where each event's citations start in one flat table of located citations.
    let starts: Vec<usize> = drafts
        .iter()
        .scan(0, |next, d| {
            let start = *next;
            *next += d.citations.len();
            Some(start)
        })
        .collect();
    let total = drafts.iter().map(|d| d.citations.len()).sum();
    let mut citation_of: Vec<Option<Citation>> = vec![None; total];
    // Relations' sources, in the order of `relation_cites`.
    let relation_cite_at: HashMap<(RelationId, usize), usize> = (relation_cites.iter().enumerate())
        .map(|(i, c)| ((c.relation, c.number), i))
        .collect();
    let mut relation_citation_of: Vec<Option<Citation>> = vec![None; relation_cites.len()];
    let analyses: Vec<Arc<Analysis>> = documents
        .par_iter_mut()
        .zip(analysed.into_par_iter())
        .map(|(doc, a)| {
            doc.version = cache::version(a.file_print, names_key, a.context);
            doc.link_targets = a.link_targets;
            doc.excerpt = a.excerpt;
            doc.passages = a.analysis.passages.clone();
            doc.mentions = a.analysis.mentions.clone();
            doc.references = a.analysis.references.clone();
            a.analysis
        })
        .collect();
    for (i, analysis) in analyses.iter().enumerate() {
        out.extend(analysis.diagnostics.iter().cloned());
        for &((citer, c), passage) in &analysis.citations {
            match citer {
                Citer::Event(event) => {
                    citation_of[starts[event.0] + c] = Some(Citation {
                        document: DocId(i),
                        passage,
                        stance: drafts[event.0].stances[c],
                    });
                }
                Citer::Relation(relation) => {
                    if let Some(&at) = relation_cite_at.get(&(relation, c)) {
                        relation_citation_of[at] = Some(Citation {
                            document: DocId(i),
                            passage,
                            stance: relation_cites[at].stance,
                        });
                    }
                }
            }
        }
    }
    drop(analyses);

    let (mut events, problems): (Vec<Event>, Vec<Vec<Diagnostic>>) = drafts
        .into_par_iter()
        .enumerate()
        .map(|(i, d)| {
            let mut problems = Vec::new();
            let located = &citation_of[starts[i]..starts[i] + d.citations.len()];
            let sources: Vec<Citation> = located.iter().flatten().copied().collect();
            if let Some(declared) = &d.status {
                let cited: Vec<&Document> =
                    sources.iter().map(|c| &documents[c.document.0]).collect();
                claims::check(declared, &d.stances, &cited, &d.file, &mut problems);
            }
            let actors = d
                .actors
                .iter()
                .filter_map(|a| ids.actor(a, &d.file, &mut problems))
                .collect();
            let event = Event {
                id: d.id,
                title: d.title,
                date: d.date,
                actors,
                place: d.place,
                tags: d.tags,
                sources,
                status: d.status.map(|s| s.status),
                // checked when placed: an event of its period
                after: (d.after.as_ref()).and_then(|a| match ids.get(a.as_str().trim()) {
                    Some(Target::Event(e)) => Some(e),
                    _ => None,
                }),
                body: d.body,
                declared_in: d.declared_in.map(DocId),
                linked_from: Vec::new(),
                extra: d.extra,
            };
            (event, problems)
        })
        .unzip();
    out.extend(problems.into_iter().flatten());

    relations::attach(&mut actors, &relation_cites, &relation_citation_of);
    for event in &events {
        check_links(&event.body, &ids, out);
    }
    for actor in &mut actors {
        actor.link_targets = check_links(&actor.body, &ids, out);
    }
    let overview = overview(raw.overview.as_deref(), &settings.title, &ids, out);

    backlinks::link(&mut documents, &mut actors, &mut events);
    let dossier = Dossier {
        settings,
        overview,
        documents,
        actors,
        events,
        ids: ids.into_map(),
    };
    // What was loaded is freed on another thread: at 100,000 documents, millions of small
    // front-matter values take a quarter of a second to free, and rendering need not wait.
    crate::drop_in_background((raw_docs, raw_actors, raw.events));
    (dossier, diagnostics)
}

/// What resolving learnt from one document's text.
struct Analysed {
    /// The fingerprint of its file.
    file_print: u64,
    /// What its `[[id]]` links point to.
    link_targets: Vec<Target>,
    /// The excerpt its search result shows.
    excerpt: Arc<str>,
    /// Its text facts, kept for the cache of a rebuild.
    facts: Option<Arc<cache::TextFacts>>,
    /// The fingerprint of the ids and citations its analysis was made with.
    context: u64,
    /// Its quotes located and mentions numbered.
    analysis: Arc<Analysis>,
}

/// What the `[[id]]` links of `prose` point to, each once, in order (unknown ids are
/// reported when the links are checked).
pub(super) fn link_targets(
    prose: &prose::Prose,
    target: impl Fn(&str) -> Option<Target>,
) -> Vec<Target> {
    let mut targets: Vec<Target> = Vec::new();
    for t in prose.links.iter().filter_map(|l| target(&l.id)) {
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    targets
}

/// `f` applied to every item in parallel, in order; diagnostics are gathered in order too.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    out: &mut Vec<Diagnostic>,
    f: impl Fn(usize, &T, &mut Vec<Diagnostic>) -> R + Sync,
) -> Vec<R> {
    // Unzipped as they are collected: no second vector of results to move them into.
    let (results, problems): (Vec<R>, Vec<Vec<Diagnostic>>) = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut problems = Vec::new();
            (f(i, item, &mut problems), problems)
        })
        .unzip();
    out.extend(problems.into_iter().flatten());
    results
}
