//! Relations between actors: read from an actor's front matter with their dates, and their
//! sources cited like an event's, so that their quotes are located by the same search and
//! reported with the same errors.

use std::path::{Path, PathBuf};

use super::claims;
use super::ids::Ids;
use super::quote::Selector;
use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::load::frontmatter::Located;
use crate::load::raw::{RawActor, RawFile};
use crate::model::{Actor, ActorId, Citation, Relation, RelationId, Stance};

/// A relation's source, to be located with the events' citations.
#[derive(Debug, Clone)]
pub struct Cite {
    /// The relation citing.
    pub relation: RelationId,
    /// Its place among the relation's sources.
    pub number: usize,
    /// The document named.
    pub document: Located,
    /// What it cites there.
    pub selector: Selector,
    /// What the passage says of the relation.
    pub stance: Stance,
    /// The actor file that declares the relation.
    pub file: PathBuf,
}

/// The relations actor `actor` declares (those naming an unknown actor left out and
/// reported), and their sources to locate.
pub fn declared(
    actor: ActorId,
    raw: &RawFile<RawActor>,
    ids: &Ids,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Relation>, Vec<Cite>) {
    let mut relations = Vec::new();
    let mut cites = Vec::new();
    for r in &raw.front.relations {
        let Some(other) = ids.actor(&r.actor, &raw.path, out) else {
            continue;
        };
        let (since, until) = period(r.since.as_ref(), r.until.as_ref(), &raw.path, out);
        let relation = RelationId {
            actor,
            index: relations.len(),
        };
        for (number, c) in r.sources.iter().enumerate() {
            cites.push(Cite {
                relation,
                number,
                document: c.document.clone(),
                selector: Selector {
                    quote: c.quote.clone(),
                    prefix: c.prefix.clone(),
                    suffix: c.suffix.clone(),
                },
                stance: claims::stance(c.stance.as_ref(), &raw.path, out),
                file: raw.path.clone(),
            });
        }
        relations.push(Relation {
            actor: other,
            label: r.label.clone(),
            since,
            until,
            sources: Vec::new(),
            incoming: false,
            declared: relation,
        });
    }
    (relations, cites)
}

/// `since` and `until` read as dates with their precision; an `until` before `since` is an
/// error at `until`.
fn period(
    since: Option<&Located>,
    until: Option<&Located>,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) -> (Option<PartialDate>, Option<PartialDate>) {
    let parse = |sp: Option<&Located>, out: &mut Vec<Diagnostic>| {
        let sp = sp?;
        PartialDate::parse(sp.as_str())
            .map_err(|why| {
                out.push(Diagnostic::error(
                    file,
                    sp.span.clone(),
                    format!("invalid date: {why}"),
                    "write dates as `2017`, `2018-12` or `2018-12-07`",
                ))
            })
            .ok()
    };
    let (start, end) = (parse(since, out), parse(until, out));
    if let (Some(s), Some(e), Some(sp)) = (start, end, until)
        && e < s
    {
        out.push(Diagnostic::error(
            file,
            sp.span.clone(),
            format!("the relation ends (`until = \"{e}\"`) before it begins (`since = \"{s}\"`)"),
            "swap `since` and `until`, or fix one of them",
        ));
        return (start, None);
    }
    (start, end)
}

/// Gives each relation the sources located for it: `located[i]` is where `cites[i]` landed,
/// if it was found.
pub fn attach(actors: &mut [Actor], cites: &[Cite], located: &[Option<Citation>]) {
    for (cite, citation) in cites.iter().zip(located) {
        let RelationId { actor, index } = cite.relation;
        if let (Some(citation), Some(relation)) =
            (citation, actors[actor.0].relations.get_mut(index))
        {
            relation.sources.push(*citation);
        }
    }
}
