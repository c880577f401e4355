//! Records of the model made from loaded files: actors, documents and the overview, with
//! their references checked against the id table.

use std::sync::Arc;

use super::analysis::check_links;
use super::cache;
use super::ids::{self, Ids};
use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{RawActor, RawDocument, RawFile};
use crate::model::*;

pub(super) fn actor(raw: &RawFile<RawActor>, ids: &Ids, out: &mut Vec<Diagnostic>) -> Actor {
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
    let relations = f
        .relations
        .iter()
        .filter_map(|r| {
            ids.actor(&r.actor, &raw.path, out).map(|a| Relation {
                actor: a,
                label: r.label.clone(),
                incoming: false,
            })
        })
        .collect();
    Actor {
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
    }
}

fn markdown_body<T>(raw: &RawFile<T>) -> Body {
    Body {
        path: raw.path.clone(),
        text: Text::slice(&raw.text, raw.body.clone()),
        offset: raw.body.start,
        format: Format::Markdown,
    }
}

/// A document as its file declares it; what the rest of the dossier adds (passages,
/// mentions, events, actors it concerns, version) is filled in later.
pub(super) fn document(
    raw: &RawFile<RawDocument>,
    date: Option<crate::date::When>,
    default_lang: &str,
    ids: &impl ids::ActorRefs,
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
            default_lang.to_string()
        }
        None => default_lang.to_string(),
    };
    if let Some(r) = f.source.as_ref().and_then(|s| s.retrieved.as_ref())
        && let Err(why) = PartialDate::parse(&r.value)
    {
        out.push(Diagnostic::error(
            &raw.path,
            r.span.clone(),
            format!("invalid date: {why}"),
            "write dates as `2017`, `2018-12` or `2018-12-07`",
        ));
    }
    if let Some(url) = f.source.as_ref().and_then(|s| s.url.as_ref())
        && !url.as_str().trim().is_empty()
        && !is_web_url(url.as_str())
    {
        out.push(Diagnostic::error(
            &raw.path,
            url.span.clone(),
            format!("`{}` is not a web address", url.value),
            "a source URL starts with `https://` or `http://`",
        ));
    }
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
    let format = if raw.path.extension().is_some_and(|e| e == "txt") {
        Format::Text
    } else {
        Format::Markdown
    };
    Document {
        id: raw.id.clone(),
        title: f.title.value.clone(),
        date,
        kind: f.kind.clone().unwrap_or_else(|| "document".into()),
        lang,
        authors,
        actors: declared,
        source: f.source.clone().unwrap_or_default(),
        summary: f.summary.clone().unwrap_or_default(),
        tags: f.tags.clone(),
        body: Body {
            format,
            ..markdown_body(raw)
        },
        passages: Arc::from([]),
        mentions: Arc::from([]),
        events: Vec::new(),
        extra: f.extra.clone(),
        // Set once the text is analysed.
        link_targets: Vec::new(),
        excerpt: Arc::from(""),
        version: 0,
    }
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_language_tag(tag: &str) -> bool {
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
