//! Records of the model made from loaded files: actors, documents and the overview, with
//! their references checked against the id table.

use std::sync::Arc;

use rayon::prelude::*;

use super::analysis::check_links;
use super::cache;
use super::events::{self, Draft};
use super::ids::{self, Ids};
use super::placement;
use super::provenance;
use super::relations;
use crate::config::Settings;
use crate::date::When;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawActor, RawDocument, RawEvent, RawFile};
use crate::model::*;

/// What the files declare, checked against one another: the events (in timeline order),
/// the id table, and the actor and document records.
pub(super) struct Records {
    /// Every event, declared in a document or in a file of its own, in timeline order.
    pub drafts: Vec<Draft>,
    /// Every id, and what it names.
    pub ids: Ids,
    /// By actor index.
    pub actors: Vec<Actor>,
    /// By document index.
    pub documents: Vec<Document>,
    /// The sources of the actors' relations, to locate with the events' citations.
    pub relation_cites: Vec<relations::Cite>,
    /// What each document declares, to keep for the next rebuild (with a cache only).
    pub declared: Option<Vec<Arc<cache::Declared>>>,
}

/// The files loaded, sorted as the model orders them, for [`records`].
pub(super) struct Files<'f> {
    /// Actors, by name.
    pub actors: &'f [Arc<RawFile<RawActor>>],
    /// Documents, newest first.
    pub documents: &'f [Arc<RawFile<RawDocument>>],
    /// The dates of `documents`.
    pub dates: &'f [Option<When>],
    /// Events in files of their own.
    pub events: &'f [Arc<RawFile<RawEvent>>],
    /// Ids of files that could not be parsed.
    pub broken: Vec<String>,
    /// The originals the documents cite, as read.
    pub originals: &'f Originals,
}

/// The originals read, by the path the documents give.
pub(super) type Originals = std::collections::BTreeMap<String, crate::load::originals::Read>;

/// Declares every id and makes the records; what each document declares is taken from
/// `cache` when its file did not change.
pub(super) fn records(
    files: Files<'_>,
    settings: &Settings,
    cache: &cache::Cache,
    out: &mut Vec<Diagnostic>,
) -> Records {
    let declared: Vec<Arc<cache::Declared>> = files
        .documents
        .par_iter()
        .enumerate()
        .map(|(i, d)| {
            let cached = cache.drafts(d);
            cached.unwrap_or_else(|| {
                let mut problems = Vec::new();
                Arc::new((events::from_document(i, d, &mut problems), problems))
            })
        })
        .collect();
    let kept = cache.remembers().then(|| declared.clone());
    let mut drafts: Vec<Draft> = Vec::with_capacity(files.events.len() + files.documents.len());
    // Ids of events dropped for an error of their own: that error is the one to report,
    // not every link to them as well.
    let mut dropped = Vec::new();
    for (i, declared) in declared.into_iter().enumerate() {
        let doc = &files.documents[i];
        // Moved out when nothing else holds them (a one-off build), copied for the cache.
        match Arc::try_unwrap(declared) {
            Ok((declared, problems)) => {
                if !problems.is_empty() {
                    dropped.extend(events::dropped(doc, &declared));
                }
                drafts.extend(declared.into_iter().map(|d| d.declared_by(i)));
                out.extend(problems);
            }
            Err(shared) => {
                if !shared.1.is_empty() {
                    dropped.extend(events::dropped(doc, &shared.0));
                }
                drafts.extend(shared.0.iter().map(|d| d.clone().declared_by(i)));
                out.extend(shared.1.iter().cloned());
            }
        }
    }
    let standalone = super::in_parallel(files.events, out, |_, e, out| events::standalone(e, out));
    for (file, draft) in files.events.iter().zip(standalone) {
        match draft {
            Some(draft) => drafts.push(draft),
            None => dropped.push(file.id.clone()),
        }
    }
    events::sort(&mut drafts);
    placement::place(&mut drafts, &dropped, out);

    let (actors, documents) = (files.actors, files.documents);
    let mut ids = Ids::with_capacity(actors.len() + documents.len() + drafts.len());
    ids.mark_broken(files.broken.into_iter().chain(dropped));
    // Where the first declaration of a target is, for the error on a second one.
    let origin = |t: Target| match t {
        Target::Actor(a) => actors[a.0].path.as_path(),
        Target::Document(d) => documents[d.0].path.as_path(),
        Target::Event(e) => drafts[e.0].file.as_path(),
    };
    let declarations = (actors.iter().enumerate())
        .map(|(i, a)| (&a.id, Target::Actor(ActorId(i)), &a.path, 0..0))
        .chain(
            (documents.iter().enumerate())
                .map(|(i, d)| (&d.id, Target::Document(DocId(i)), &d.path, 0..0)),
        )
        .chain(
            (drafts.iter().enumerate())
                .map(|(i, e)| (&e.id, Target::Event(EventId(i)), &e.file, e.id_span.clone())),
        );
    for (id, target, file, span) in declarations {
        if let Err(first) = ids.declare(id, target) {
            out.push(ids::duplicate(id, origin(first), file, span));
        }
    }

    let mut relation_cites = Vec::new();
    let actors = (actors.iter().enumerate())
        .map(|(i, a)| {
            let (actor, cites) = actor(ActorId(i), a, &ids, out);
            relation_cites.extend(cites);
            actor
        })
        .collect();
    let documents = super::in_parallel(documents, out, |i, d, out| {
        document(d, files.dates[i], settings, &ids, files.originals, out)
    });
    Records {
        drafts,
        ids,
        actors,
        documents,
        relation_cites,
        declared: kept,
    }
}

/// Actor `id` as `raw` declares it, and the sources of its relations to locate.
pub(super) fn actor(
    id: ActorId,
    raw: &RawFile<RawActor>,
    ids: &Ids,
    out: &mut Vec<Diagnostic>,
) -> (Actor, Vec<relations::Cite>) {
    let f = &raw.front;
    let kind = match &f.kind {
        Some(k) if ACTOR_KINDS.contains(&k.as_str()) => k.value.clone(),
        Some(k) => {
            out.push(Diagnostic::error(
                &raw.path,
                k.span.clone(),
                format!("unknown actor kind `{}`", k.value),
                crate::suggest::hint(&k.value, ACTOR_KINDS, "actor kinds"),
            ));
            "other".into()
        }
        None => "other".into(),
    };
    let (relations, cites) = relations::declared(id, raw, ids, out);
    let actor = Actor {
        id: raw.id.clone(),
        name: f.name.value.clone(),
        kind,
        aliases: f.aliases.iter().map(|a| a.value.clone()).collect(),
        country: f.country.clone().unwrap_or_default(),
        description: f.description.clone().unwrap_or_default(),
        relations,
        tags: f.tags.clone(),
        body: markdown_body(raw),
        authored: Vec::new(),
        documents: Vec::new(),
        mentions: Vec::new(),
        events: Vec::new(),
        extra: f.extra.clone(),
        link_targets: Vec::new(),
        version: cache::file_print(raw),
    };
    (actor, cites)
}

fn markdown_body<T>(raw: &RawFile<T>) -> Body {
    Body {
        path: raw.path.clone(),
        text: Text::slice(&raw.text, raw.body.clone()),
        offset: raw.body.start,
        format: Format::Markdown,
        reflow: false,
    }
}

/// A document as its file declares it; what the rest of the dossier adds (passages,
/// mentions, events, actors it concerns, version) is filled in later.
pub(super) fn document(
    raw: &RawFile<RawDocument>,
    date: Option<crate::date::When>,
    settings: &Settings,
    ids: &impl ids::ActorRefs,
    originals: &Originals,
    out: &mut Vec<Diagnostic>,
) -> Document {
    let f = &raw.front;
    let lang = match &f.lang {
        Some(l) if is_language_tag(&l.value) => l.value.clone(),
        Some(l) => {
            out.push(Diagnostic::error(
                &raw.path,
                l.span.clone(),
                format!("`{}` is not a language tag", l.value),
                "use a BCP 47 tag such as `en`, `fr` or `pt-BR`",
            ));
            settings.language.clone()
        }
        None => settings.language.clone(),
    };
    let source = f
        .source
        .as_ref()
        .map(|s| provenance::source(s, &raw.path, originals, out))
        .unwrap_or_default();
    let authors: Vec<ActorId> = f
        .authors
        .iter()
        .filter_map(|a| ids.actor_ref(a, &raw.path, out))
        .collect();
    let declared: Vec<ActorId> = f
        .actors
        .iter()
        .filter_map(|a| ids.actor_ref(a, &raw.path, out))
        .collect();
    Document {
        id: raw.id.clone(),
        title: f.title.value.clone(),
        date,
        kind: f.kind.clone().unwrap_or_else(|| "document".into()),
        lang,
        authors,
        actors: declared,
        source,
        summary: f.summary.clone().unwrap_or_default(),
        tags: f.tags.clone(),
        body: Body {
            format: format(raw),
            reflow: format(raw) == Format::Text && f.reflow.unwrap_or(settings.reflow),
            ..markdown_body(raw)
        },
        passages: Arc::from([]),
        mentions: Arc::from([]),
        references: Arc::from([]),
        linked_from: Vec::new(),
        events: Vec::new(),
        extra: f.extra.clone(),
        // Set once the text is analysed.
        link_targets: Vec::new(),
        excerpt: Arc::from(""),
        version: 0,
    }
}

/// Plain text for `.txt` files, Markdown otherwise.
fn format(raw: &RawFile<RawDocument>) -> Format {
    if raw.path.extension().is_some_and(|e| e == "txt") {
        Format::Text
    } else {
        Format::Markdown
    }
}

/// True for a BCP 47 language tag as dossier accepts them (`en`, `fr`, `pt-BR`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

pub(super) fn overview(
    raw: Option<&RawFile<crate::load::raw::RawOverview>>,
    site_title: &str,
    ids: &Ids,
    out: &mut Vec<Diagnostic>,
) -> Overview {
    match raw {
        Some(raw) => {
            let body = markdown_body(raw);
            check_links(&body, ids, out);
            Overview {
                title: raw
                    .front
                    .title
                    .clone()
                    .unwrap_or_else(|| site_title.to_string()),
                body,
                extra: raw.front.extra.clone(),
            }
        }
        None => Overview {
            title: site_title.to_string(),
            ..Overview::default()
        },
    }
}
