//! Views: each actor, document and event prepared once for all the pages that show it.

use super::context::{
    ActorLink, ArchiveView, DateView, DocLink, EventView, MentionGroup, MentionView, OriginalView,
    SourceView, filter_key,
};
use super::theme::Strings;
use super::urls::Urls;
use crate::date::{Precision, When};
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::body::BodyRenderer;
use super::quote_marks::{marks, quoted};
use crate::model::{Citation, DocId, Document, Dossier, Pages, Stance, Status};

/// Formats a date for display and for `<time datetime>`.
pub fn date_view(when: &When, strings: &Strings) -> DateView {
    DateView {
        value: OnceLock::new(),
        iso: when.start.to_string(),
        text: strings.dates.format_when(when),
        precision: when.start.precision(),
        year: when.start.year,
        approximate: when.approximate,
    }
}

/// Formats a single date (not a range, never circa).
pub fn day_view(start: crate::date::PartialDate, strings: &Strings) -> DateView {
    let when = When {
        start,
        end: None,
        approximate: false,
    };
    date_view(&when, strings)
}

/// When a relation held, in words (the strings `relation_since`, `relation_until` and
/// `relation_period`, with `{date}`, `{since}` and `{until}`): `since 1987`, `until March
/// 2019`, `1987 – 2019`; empty when neither is known.
pub fn period_text(
    since: Option<crate::date::PartialDate>,
    until: Option<crate::date::PartialDate>,
    strings: &Strings,
) -> String {
    let text = |d| day_view(d, strings).text;
    match (since, until) {
        (Some(s), Some(u)) => (strings.text("relation_period", "{since} – {until}"))
            .replace("{since}", &text(s))
            .replace("{until}", &text(u)),
        (Some(s), None) => strings
            .text("relation_since", "since {date}")
            .replace("{date}", &text(s)),
        (None, Some(u)) => strings
            .text("relation_until", "until {date}")
            .replace("{date}", &text(u)),
        (None, None) => String::new(),
    }
}

/// The anchors of `actor`'s relations on its page, in its order: `r-china` for one it
/// declares (`r-china-2` for a second one to the same actor), `r-from-huawei` for one
/// another actor declares.
pub fn relation_anchors(dossier: &Dossier, actor: &crate::model::Actor) -> Vec<String> {
    (0..actor.relations.len())
        .map(|i| relation_anchor(dossier, actor, i))
        .collect()
}

/// The anchor of `actor.relations[index]` on the actor's page ([`relation_anchors`]).
pub fn relation_anchor(dossier: &Dossier, actor: &crate::model::Actor, index: usize) -> String {
    let Some(r) = actor.relations.get(index) else {
        return String::new();
    };
    let same = |o: &&crate::model::Relation| o.incoming == r.incoming && o.actor == r.actor;
    let nth = 1 + actor.relations[..index].iter().filter(same).count();
    let other = &dossier.actor(r.actor).id;
    let from = if r.incoming { "from-" } else { "" };
    match nth {
        1 => format!("r-{from}{other}"),
        n => format!("r-{from}{other}-{n}"),
    }
}

/// An actor's other names: its aliases without its own name (listed there so that it
/// counts as a mention).
pub fn other_names(actor: &crate::model::Actor) -> Vec<&str> {
    (actor.aliases.iter())
        .filter(|a| **a != actor.name)
        .map(String::as_str)
        .collect()
}

/// An original as a page shows it, with its `note`.
pub fn original_view<'a>(
    original: &'a crate::model::Original,
    note: Option<&'a str>,
    urls: &Urls,
    strings: &Strings,
) -> OriginalView<'a> {
    let name = (original.path.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    OriginalView {
        url: urls.path(&original.site_path),
        name,
        format: &original.format,
        media_type: media_type(&original.format),
        pages: original.pages,
        size: file_size(original.size, strings),
        sha256: &original.sha256,
        note,
    }
}

/// The media type of the formats a browser may open itself.
fn media_type(format: &str) -> &'static str {
    match format {
        "PDF" => "application/pdf",
        // published as text (see `load::originals`)
        "HTML" => "text/plain",
        "text" => "text/plain",
        "DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "",
    }
}

/// `182 KB`, `1.4 MB` in English; `182 ko`, `1,4 Mo` in French: the units and the decimal
/// mark are the strings `size_units` (bytes, kilobytes, megabytes, gigabytes) and
/// `decimal_mark`. Decimal units, as file managers show sizes.
pub fn file_size(bytes: u64, strings: &Strings) -> String {
    let units: Vec<&str> = (strings.strings.get("size_units"))
        .and_then(|v| v.as_array())
        .map(|units| units.iter().filter_map(|u| u.as_str()).collect())
        .filter(|units: &Vec<&str>| units.len() == 4)
        .unwrap_or_else(|| vec!["bytes", "KB", "MB", "GB"]);
    let mark = strings.text("decimal_mark", ".");
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < 3 {
        value /= 1000.0;
        unit += 1;
    }
    let number = if unit == 0 || value >= 10.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}").replace('.', mark)
    };
    format!("{number}\u{a0}{}", units[unit])
}

/// An archived copy as a page shows it.
pub fn archive_view<'a>(archive: &'a crate::model::Archive, strings: &Strings) -> ArchiveView<'a> {
    ArchiveView {
        url: &archive.url,
        service: archive.service,
        date: day_view(archive.captured, strings),
        datetime: &archive.captured_at,
    }
}

/// `p. 2`, or `pp. 2–3` for a passage across pages: the strings `page` and `pages`, with
/// `{n}`, `{first}` and `{last}` in them.
pub fn pages_text(pages: Pages, strings: &Strings) -> String {
    if pages.first == pages.last {
        (strings.text("page", "p. {n}")).replace("{n}", &pages.first.to_string())
    } else {
        (strings.text("pages", "pp. {first}–{last}"))
            .replace("{first}", &pages.first.to_string())
            .replace("{last}", &pages.last.to_string())
    }
}

/// The address of the page of `doc`'s original where a passage on `pages` starts, when the
/// original is a PDF: `…/originals/letter.pdf#page=2`, which PDF viewers open at that page.
pub fn original_page(doc: &Document, pages: Option<Pages>, urls: &Urls) -> Option<String> {
    let original = doc.source.original.as_deref()?;
    let pages = pages?;
    (original.format == "PDF")
        .then(|| format!("{}#page={}", urls.path(&original.site_path), pages.first))
}

/// Document `id`'s number, `3` for `D3`: documents are numbered oldest first (the dossier
/// lists them newest first), in the briefing and in every short reference on the site.
pub fn document_number(dossier: &Dossier, id: DocId) -> usize {
    dossier.documents.len() - id.0
}

/// `D3 §2`: the short reference of document `doc`'s cited passage `passage` (from 0), the
/// same in the briefing and on every page.
pub fn reference(dossier: &Dossier, doc: DocId, passage: usize) -> String {
    format!("D{} §{}", document_number(dossier, doc), passage + 1)
}

/// One view per distinct date of the documents and events: on a large dossier thousands of
/// them share a date, and each would otherwise hold its own text and Tera value.
pub struct Dates {
    views: Vec<DateView>,
    /// Index in `views` of each document's date.
    documents: Vec<Option<usize>>,
    /// Index in `views` of each event's date.
    events: Vec<usize>,
}

impl Dates {
    /// The dates of `dossier`, each formatted once.
    pub fn new(dossier: &Dossier, strings: &Strings) -> Dates {
        let mut index: FxHashMap<When, usize> = FxHashMap::default();
        let mut distinct = Vec::new();
        let mut number = |when: &When| {
            *index.entry(*when).or_insert_with(|| {
                distinct.push(*when);
                distinct.len() - 1
            })
        };
        let documents = (dossier.documents.iter())
            .map(|d| d.date.as_ref().map(&mut number))
            .collect();
        let events = dossier.events.iter().map(|e| number(&e.date)).collect();
        let views = distinct.par_iter().map(|w| date_view(w, strings)).collect();
        Dates {
            views,
            documents,
            events,
        }
    }

    /// The date of document `i`, if it has one.
    pub fn document(&self, i: usize) -> Option<&DateView> {
        self.documents[i].map(|d| &self.views[d])
    }

    /// The date of event `i`.
    pub fn event(&self, i: usize) -> &DateView {
        &self.views[self.events[i]]
    }
}

/// Links to every actor and document, indexed like the dossier's vectors.
pub struct Links<'a> {
    /// By actor index.
    pub actors: Vec<ActorLink<'a>>,
    /// By document index.
    pub documents: Vec<DocLink<'a>>,
    /// The page of each tag, by tag as written (shared with the `tag_url` template
    /// function).
    pub tag_urls: std::sync::Arc<FxHashMap<String, String>>,
}

impl<'a> Links<'a> {
    /// Prepares the links of `dossier`.
    pub fn new(
        dossier: &'a Dossier,
        dates: &'a Dates,
        urls: &Urls,
        strings: &Strings,
    ) -> Links<'a> {
        // Prepared in parallel: at 100,000 documents this is a serial pause before any page.
        let actors = dossier
            .actors
            .par_iter()
            .map(|a| ActorLink {
                id: &a.id,
                name: &a.name,
                kind: &a.kind,
                kind_label: strings.kind(&a.kind, false),
                description: &a.description,
                url: urls.actor(&a.id),
                document_count: a.documents.len(),
                event_count: a.events.len(),
                value: OnceLock::new(),
            })
            .collect();
        let documents = dossier
            .documents
            .par_iter()
            .enumerate()
            .map(|(i, d)| DocLink {
                id: &d.id,
                title: &d.title,
                url: urls.document(&d.id),
                kind: &d.kind,
                kind_label: super::context::kind_words(&d.kind),
                lang: &d.lang,
                date: dates.document(i),
                summary: &d.summary,
                tags: &d.tags,
                number: document_number(dossier, DocId(i)),
                value: OnceLock::new(),
            })
            .collect();
        let tags = super::indexes::Indexes::tag_paths(dossier);
        let tag_urls = (tags.into_iter())
            .map(|(tag, path)| (tag, urls.path(&path)))
            .collect();
        Links {
            actors,
            documents,
            tag_urls: std::sync::Arc::new(tag_urls),
        }
    }

    /// The page of tag `tag` (`/tags/energy/`), for a tag something carries.
    pub fn tag_url(&self, tag: &str) -> Option<&str> {
        self.tag_urls.get(tag).map(String::as_str)
    }
}

/// Every event's view, each prepared the first time a page asks for it: a rebuild that
/// renders a few pages prepares only the events those pages show.
pub struct Events<'a> {
    dossier: &'a Dossier,
    dates: &'a Dates,
    links: &'a Links<'a>,
    urls: &'a Urls,
    strings: &'a Strings,
    views: Vec<OnceLock<EventView<'a>>>,
}

impl<'a> Events<'a> {
    /// The events of `dossier`, none prepared yet.
    pub fn new(
        dossier: &'a Dossier,
        dates: &'a Dates,
        links: &'a Links<'a>,
        urls: &'a Urls,
        strings: &'a Strings,
    ) -> Events<'a> {
        Events {
            dossier,
            dates,
            links,
            urls,
            strings,
            views: (0..dossier.events.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Prepares every view, in parallel, for a build that renders every page.
    pub fn prepare_all(&self) {
        (0..self.views.len()).into_par_iter().for_each(|i| {
            self.get(i);
        });
    }

    /// The view of event `i`.
    pub fn get(&self, i: usize) -> &EventView<'a> {
        self.views[i].get_or_init(|| self.prepare(i))
    }

    /// How many events there are.
    pub fn len(&self) -> usize {
        self.views.len()
    }

    /// True for a dossier without events.
    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// Every view, in timeline order.
    pub fn iter(&self) -> EventIter<'_, 'a> {
        EventIter {
            events: self,
            next: 0..self.views.len(),
        }
    }

    fn prepare(&self, i: usize) -> EventView<'a> {
        let (dossier, links, urls) = (self.dossier, self.links, self.urls);
        let e = &dossier.events[i];
        EventView {
            id: &e.id,
            title: &e.title,
            url: urls.event(&e.id),
            date: self.dates.event(i),
            date_note: match (e.date.start.precision(), e.date.end, e.after) {
                (Precision::Month, None, None) => self
                    .strings
                    .text("date_day_unknown", "exact date within the month unknown"),
                (Precision::Year, None, None) => self
                    .strings
                    .text("date_month_unknown", "exact date within the year unknown"),
                _ => "",
            },
            actors: e.actors.iter().map(|a| &links.actors[a.0]).collect(),
            place: &e.place,
            tags: &e.tags,
            status: e.status.map_or("", Status::name),
            status_label: e.status.map_or(String::new(), |s| {
                let key = format!("status_{}", s.name());
                self.strings.text(&key, s.name()).to_string()
            }),
            sources: {
                let says =
                    e.status.is_some() || e.sources.iter().any(|s| s.stance != Stance::Supports);
                (e.sources.iter()).map(|c| self.source(c, says)).collect()
            },
            description: if e.body.text.trim().is_empty() {
                String::new()
            } else {
                let bodies = BodyRenderer::new(dossier, urls, self.strings);
                bodies.render(&e.body, None)
            },
            actor_ids: keys(e.actors.iter().map(|a| dossier.actor(*a).id.as_str())),
            tag_keys: keys(e.tags.iter().map(String::as_str)),
            kind_keys: keys(
                e.sources
                    .iter()
                    .map(|c| c.document)
                    .chain(e.declared_in)
                    .map(|d| dossier.document(d).kind.as_str()),
            ),
            linked_from: linked_from(dossier, links, &e.linked_from, &e.title),
            value: OnceLock::new(),
        }
    }
}

impl<'a> Events<'a> {
    /// A cited passage as shown, with who says what before it when `says` (the sources of
    /// what it backs disagree, or it has a status).
    pub fn source(&self, c: &Citation, says: bool) -> SourceView<'a> {
        let (dossier, urls) = (self.dossier, self.urls);
        let doc = dossier.document(c.document);
        let passage = &doc.passages[c.passage];
        let document = &self.links.documents[c.document.0];
        SourceView {
            stance: c.stance.name(),
            stance_label: if says {
                self.stance_label(c.stance, doc)
            } else {
                String::new()
            },
            document,
            url: format!("{}#{}", document.url, passage.anchor),
            quote: &passage.text,
            quoted: quoted(&passage.text, &doc.lang),
            before: &passage.sentence.before,
            after: &passage.sentence.after,
            open: marks(&doc.lang).0,
            close: marks(&doc.lang).1,
            reference: reference(dossier, c.document, c.passage),
            number: c.passage + 1,
            pages: passage.pages.map(|p| pages_text(p, self.strings)),
            original_page: original_page(doc, passage.pages, urls),
            lang: &doc.lang,
        }
    }

    /// `Huawei Technologies denies` (the strings `stance_<stance>` with `{who}`, the
    /// document's authors), or `Denies` (`stance_<stance>_alone`) when it names none.
    fn stance_label(&self, stance: Stance, doc: &Document) -> String {
        let name = stance.name();
        if doc.authors.is_empty() {
            let alone = format!("stance_{name}_alone");
            return self.strings.text(&alone, name).to_string();
        }
        let separator = self.strings.text("list_separator", ", ");
        let who: Vec<&str> = (doc.authors.iter())
            .map(|a| self.dossier.actor(*a).name.as_str())
            .collect();
        (self.strings.text(&format!("stance_{name}"), "{who}: "))
            .replace("{who}", &who.join(separator))
    }
}

/// Iterates over [`Events`], preparing each view as it goes.
pub struct EventIter<'e, 'a> {
    events: &'e Events<'a>,
    next: std::ops::Range<usize>,
}

impl<'e, 'a> Iterator for EventIter<'e, 'a> {
    type Item = &'e EventView<'a>;
    fn next(&mut self) -> Option<&'e EventView<'a>> {
        self.next.next().map(|i| self.events.get(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.next.size_hint()
    }
}

impl DoubleEndedIterator for EventIter<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.next.next_back().map(|i| self.events.get(i))
    }
}

impl ExactSizeIterator for EventIter<'_, '_> {}

impl<'e, 'a> IntoIterator for &'e Events<'a> {
    type Item = &'e EventView<'a>;
    type IntoIter = EventIter<'e, 'a>;
    fn into_iter(self) -> EventIter<'e, 'a> {
        self.iter()
    }
}

impl<'a> std::ops::Index<usize> for Events<'a> {
    type Output = EventView<'a>;
    fn index(&self, i: usize) -> &EventView<'a> {
        self.get(i)
    }
}

/// The links from documents' text listed as `from` (document, index into its references),
/// grouped by document, each with its context; a link without a label of its own shows
/// `title`, the title of what it links to.
pub fn linked_from<'a>(
    dossier: &'a Dossier,
    links: &'a Links<'a>,
    from: &[(DocId, usize)],
    title: &'a str,
) -> Vec<MentionGroup<'a>> {
    let view = |&(d, r): &(DocId, usize)| {
        let reference = &dossier.document(d).references[r];
        let context = &reference.context;
        MentionView {
            url: [links.documents[d.0].url.as_str(), "#", &reference.anchor].concat(),
            before: context.before(),
            matched: match context.matched() {
                "" => title,
                label => label,
            },
            after: context.after(),
        }
    };
    from.chunk_by(|a, b| a.0 == b.0)
        .map(|group| MentionGroup {
            document: &links.documents[group[0].0.0],
            passages: group.iter().map(view).collect(),
        })
        .collect()
}

/// Distinct filter keys, space-separated.
fn keys<'s>(values: impl Iterator<Item = &'s str>) -> String {
    let mut keys: Vec<String> = values.map(filter_key).filter(|k| !k.is_empty()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.join(" ")
}
