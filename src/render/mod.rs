//! Stage 3, render: a pure function from the dossier and the theme to the files of the site.
//!
//! 1. [`plan`] lists the pages a dossier has, with the periods, filter files and listings
//!    they were counted from (found once: the pages show them too);
//! 2. [`Site::new`] prepares, once, what many pages share: links to every actor and
//!    document, every event with its dates and sources;
//! 3. [`Site::page`] renders one page from a typed context ([`context`]) with Tera.
//!
//! Pages are independent, so they render in parallel, and `serve` can re-render a few.

pub mod body;
mod briefing;
pub mod chart;
pub mod context;
pub mod data;
mod escape;
mod evidence;
pub mod fingerprint;
pub mod highlight;
pub mod indexes;
mod inline_constants;
mod integrity_page;
mod linked_data;
mod network;
mod pages;
pub mod paint;
pub mod quote_marks;
mod raw_html;
pub mod search;
pub mod shipped;
pub mod theme;
pub mod timeline;
pub mod urls;
mod views;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{ActorId, DocId, Dossier};
use context::{Counts, Nav, SiteView};
use theme::Theme;
use urls::Urls;
use views::Links;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output directory, with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// One output of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// `index.html`.
    Overview,
    /// A page of the documents index, whole or narrowed to a kind, a language or a year
    /// (by index in [`indexes::Indexes::listings`]), from 0: `documents/index.html`,
    /// `documents/kind/letter/page/2/index.html`.
    Listing {
        /// Which listing.
        listing: u32,
        /// Which of its pages, from 0.
        page: u32,
    },
    /// `tags/index.html`: every tag.
    Tags,
    /// A page of one tag (by index in [`indexes::Indexes::tags`]), from 0.
    Tag {
        /// Which tag.
        tag: u32,
        /// Which of its pages, from 0.
        page: u32,
    },
    /// `documents/ID/index.html`.
    Document(DocId),
    /// `actors/index.html`.
    Actors,
    /// `actors/ID/index.html`.
    Actor(ActorId),
    /// `timeline/index.html`: the whole timeline, or the entry page of a split one.
    Timeline,
    /// `timeline/SLUG/index.html`: one period of a split timeline, by index.
    TimelinePeriod(u32),
    /// `timeline/filters/FACET/KEY.json`: the events with one value of a filter, on a split
    /// timeline, by index among the facet's values.
    TimelineFilter(timeline::Facet, u32),
    /// `timeline/filters/actors.json`: the actors the actor filter suggests, on a split
    /// timeline.
    TimelineActors,
    /// `search/index.html`.
    Search,
    /// `search-index.json`, the manifest of the search index, read by the search page's
    /// script.
    SearchIndex,
    /// `search-index/tN.json`: one shard of the search index's terms.
    SearchShard(u32),
    /// `search-index/eN.json`: one chunk of the search index's entries.
    SearchChunk(u32),
    /// `briefing/index.html`: the whole dossier on one printable page.
    Briefing,
    /// `integrity/index.html`: the dossier's weak points.
    Integrity,
    /// `network/index.html`: the actors and what links them, drawn.
    Network,
    /// `404.html`.
    NotFound,
    /// `feed.xml`.
    Feed,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `highlight.css`, when some body has code.
    Highlight,
    /// A built-in asset, by index in the theme.
    Asset(usize),
    /// `.nojekyll`, so GitHub Pages publishes the site as it is.
    NoJekyll,
    /// `CNAME`, when `dossier.toml` sets a custom domain.
    Cname,
    /// A file of the open data under `data/`.
    Data(data::DataFile),
    /// `data/index.html`: what the open data holds. It shows the data files' sizes, so it
    /// renders after them.
    DataIndex,
}

/// The pages of one build, and what their list was worked out from that the pages show
/// again: the timeline's periods and filter files, the documents' listings and the tags.
/// Found once per build, for the list and for the pages alike.
pub struct Plan {
    /// Every page, the pages that show the whole dossier first (a full build starts on
    /// them in this order).
    pub pages: Vec<Page>,
    periods: timeline::Periods,
    filters: timeline::FilterFiles,
    indexes: indexes::Indexes,
}

/// Every page of `dossier`, with what their list was worked out from.
pub fn plan(dossier: &Dossier, theme: &Theme) -> Plan {
    let periods = timeline::Periods::of(dossier);
    let filters = match periods.is_split() {
        true => timeline::FilterFiles::of(dossier),
        false => timeline::FilterFiles::default(),
    };
    let indexes = indexes::Indexes::of(dossier);
    // The search index's files first in the plan, though `render` builds the index beside
    // the other pages and cuts the files last: the index is held meanwhile (28 MB more at
    // the peak at 10,000 documents, bench/README.md). The open data next: each file is
    // written and dropped early, before the pages that fill the shared Tera values, the
    // timeline (all events) last; fresh memory costs CPU.
    let mut pages: Vec<Page> = search::shards::Layout::of(dossier).pages().collect();
    pages.extend(data::DataFile::ALL.map(Page::Data));
    pages.extend(indexes.pages());
    pages.extend([
        Page::Actors,
        Page::Overview,
        Page::Search,
        Page::Briefing,
        Page::Integrity,
        Page::Network,
        Page::Feed,
        Page::Sitemap,
        Page::DataIndex,
    ]);
    pages.extend(timeline::pages(&periods, &filters));
    pages.extend([Page::Timeline, Page::NotFound, Page::Robots]);
    pages.extend((0..dossier.documents.len()).map(|i| Page::Document(DocId(i))));
    pages.extend((0..dossier.actors.len()).map(|i| Page::Actor(ActorId(i))));
    if has_code(dossier) {
        pages.push(Page::Highlight);
    }
    pages.extend((0..theme.assets.len()).map(Page::Asset));
    pages.push(Page::NoJekyll);
    if dossier
        .settings
        .cname
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty())
    {
        pages.push(Page::Cname);
    }
    Plan {
        pages,
        periods,
        filters,
        indexes,
    }
}

fn has_code(dossier: &Dossier) -> bool {
    // Every body is scanned (in parallel: this runs before any page, on every build).
    let code = |b: &crate::model::Body| {
        b.format == crate::model::Format::Markdown && highlight::may_have_code(&b.text)
    };
    highlight::may_have_code(&dossier.overview.body.text)
        || dossier.documents.par_iter().any(|d| code(&d.body))
        || dossier.actors.par_iter().any(|a| code(&a.body))
        || dossier.events.par_iter().any(|e| code(&e.body))
}

/// What a render keeps for the next one, in rebuilds: the fingerprint and output path of
/// every page, and the search entries.
#[derive(Default)]
pub struct Memo {
    /// The fingerprint and path of every page rendered (or left stale) last time.
    pub rendition: fingerprint::RenderedPages,
    /// The search entries of the last render.
    pub search: search::Memo,
}

/// Renders the pages of `pages`, handing each file to `sink` as soon as it is ready, and
/// returns the new rendition with the problems found.
///
/// Without a memo (a one-off build), every page renders, the long pages that show the
/// whole dossier first so that no core idles at the end. With one (rebuilds), only pages
/// whose fingerprint differs from the memo's render: the pages about one document or actor
/// first; then `between` is called (with whether they all rendered), so a preview can show
/// them; then the pages that show the whole dossier (indexes, timeline, search, briefing,
/// feed), which take longest on large dossiers. When `superseded` says that newer edits are
/// waiting, those not yet started are left as they are and marked stale in the rendition:
/// the next rebuild, which is about to run, renders them.
pub fn render(
    dossier: &Dossier,
    theme: &Theme,
    plan: &Plan,
    memo: Option<&Memo>,
    sink: impl Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
    between: impl FnOnce(bool),
    superseded: &(dyn Fn() -> bool + Sync),
) -> (fingerprint::RenderedPages, Vec<Diagnostic>) {
    let urls = Urls::new(&dossier.settings.base_url).with_event_pages(
        (dossier.events.iter().enumerate())
            .map(|(i, e)| (e.id.as_str(), plan.periods.path_of(i)))
            .filter(|(_, page)| !page.is_empty()),
    );
    let dates = views::Dates::new(dossier, &theme.strings);
    let links = Links::new(dossier, &dates, &urls, &theme.strings);
    let events = views::Events::new(dossier, &dates, &links, &urls, &theme.strings);
    if memo.is_none() {
        events.prepare_all();
    }
    let mut site = Site::new(dossier, theme, plan, &urls, &links, &events);
    if let Some(memo) = memo {
        site.prints = Some(site.prints());
        site.search_memo = Some(&memo.search);
    }
    let site = site;
    // A site that cannot be written (a full disk, an interrupt) is abandoned: the pages
    // after a failed write are not rendered, and not recorded as rendered either.
    let unwritable = AtomicBool::new(false);
    let render = |page: &Page, deferrable: bool| {
        if unwritable.load(Ordering::Relaxed) {
            return (None, Ok(String::new()));
        }
        let tracked = site
            .prints
            .as_ref()
            .map(|p| (fingerprint::key(dossier, page), site.fingerprint(page, p)));
        let before = match (memo, &tracked) {
            (Some(memo), Some((key, _))) => memo.rendition.pages.get(key),
            _ => None,
        };
        match (before, &tracked) {
            (Some((print, path)), Some((_, now))) if print == now => {
                return (tracked, Ok(path.clone()));
            }
            (Some((_, path)), Some((key, _))) if deferrable && superseded() => {
                return (Some((key.clone(), fingerprint::STALE)), Ok(path.clone()));
            }
            _ => {}
        }
        let result = site.page(page).and_then(|file| {
            let path = file.path.clone();
            sink(file).map(|()| path).inspect_err(|_| {
                unwritable.store(true, Ordering::Relaxed);
            })
        });
        (tracked, result)
    };
    // The search index is built once, while the other pages render, then cut into its
    // files; in rebuilds, only when one of them is to be rendered again.
    let (cut, pages): (Vec<&Page>, Vec<&Page>) = plan
        .pages
        .iter()
        .partition(|p| search::shards::is_cut_from_index(p));
    let index_needed = match (memo, &site.prints) {
        (Some(memo), Some(prints)) => cut.iter().any(|p| {
            let now = site.fingerprint(p, prints);
            let key = fingerprint::key(dossier, p);
            memo.rendition.pages.get(&key).map(|(print, _)| *print) != Some(now)
        }),
        _ => !cut.is_empty(),
    };
    let build_index = || {
        if index_needed && !unwritable.load(Ordering::Relaxed) {
            let _ = site.search.set(site.build_search());
        }
    };
    // The data page shows the sizes of the data files: it renders once they have.
    let (after, pages): (Vec<&Page>, Vec<&Page>) =
        pages.into_iter().partition(|p| **p == Page::DataIndex);
    let (first, second): (Vec<&Page>, Vec<&Page>) = pages
        .into_iter()
        .partition(|p| !fingerprint::shows_everything(p));
    let mut results: Vec<_> = if memo.is_none() {
        // Nothing to show early: one pass, the long pages that show the whole dossier
        // first and one page per task, so that no core idles while one finishes them.
        let mut all = second;
        all.extend(first);
        let ((), results) = rayon::join(build_index, || {
            all.into_par_iter()
                .with_max_len(1)
                .map(|p| render(p, false))
                .collect()
        });
        between(true);
        results
    } else {
        let mut results: Vec<_> = first.into_par_iter().map(|p| render(p, false)).collect();
        between(results.iter().all(|(_, r)| r.is_ok()));
        let ((), rest) = rayon::join(build_index, || {
            second
                .into_par_iter()
                .map(|p| render(p, true))
                .collect::<Vec<_>>()
        });
        results.extend(rest);
        results
    };
    let searched = cut.into_par_iter().map(|p| render(p, memo.is_some()));
    results.extend(searched.collect::<Vec<_>>());
    results.extend(after.into_iter().map(|p| render(p, memo.is_some())));
    drop(site);
    let mut rendition = fingerprint::RenderedPages::default();
    let mut problems = Vec::new();
    for (tracked, result) in results {
        match (tracked, result) {
            (Some((key, print)), Ok(path)) => {
                rendition.pages.insert(key, (print, path));
            }
            (None, Ok(_)) => {}
            (_, Err(d)) => problems.push(d),
        }
    }
    crate::diagnostic::sort(&mut problems);
    problems.dedup();
    (rendition, problems)
}

/// What every page of one build shares.
pub struct Site<'a, 'v> {
    dossier: &'a Dossier,
    theme: &'a Theme,
    tera: tera::Tera,
    urls: &'a Urls,
    links: &'a Links<'a>,
    /// Borrowed for less than `'a`: event views hold cells, which pin their lifetime.
    events: &'v views::Events<'a>,
    bodies: body::BodyRenderer<'a>,
    actor_urls: Vec<String>,
    /// In rebuilds: the fingerprints of this build's views.
    prints: Option<fingerprint::ViewFingerprints>,
    /// In rebuilds: the search entries of the previous build.
    search_memo: Option<&'a search::Memo>,
    /// The search index, built once per render for the files cut from it.
    search: std::sync::OnceLock<search::shards::Built>,
    /// The integrity report's weak points, found once for the overview, the report and
    /// the menu (which shows the report only when it has some).
    findings: Vec<crate::integrity::Finding>,
    /// The size of each data file rendered by this build, for the data page.
    data_sizes: [std::sync::OnceLock<usize>; data::DataFile::ALL.len()],
    /// The actors' network, built once for the network page and every actor page.
    network: std::sync::OnceLock<network::Network<'a>>,
    /// The timeline's pages (none when it is one page).
    periods: &'a timeline::Periods,
    /// The events of each filter value, on a split timeline.
    filters: &'a timeline::FilterFiles,
    /// The timeline's filter panel, the same on each of its pages (its choices count every
    /// event: computed once, not once for each of a large timeline's hundreds of pages).
    timeline_filters: std::sync::OnceLock<context::FilterPanel<'a>>,
    /// The listings of the documents index, and the tags.
    indexes: &'a indexes::Indexes,
}

impl<'a, 'v> Site<'a, 'v> {
    /// The dossier's weak points.
    fn findings(&self) -> &[crate::integrity::Finding] {
        &self.findings
    }

    /// Whether the menu links the integrity report: only when it lists weak points.
    fn menu_links_integrity(&self) -> bool {
        !self.findings.is_empty()
    }

    /// Prepares the shared state, and the templates' global context (`site`, `nav`, `t`).
    pub fn new(
        dossier: &'a Dossier,
        theme: &'a Theme,
        plan: &'a Plan,
        urls: &'a Urls,
        links: &'a Links<'a>,
        events: &'v views::Events<'a>,
    ) -> Site<'a, 'v> {
        let s = &dossier.settings;
        let findings = crate::integrity::findings(dossier);
        let site = SiteView {
            title: &s.title,
            description: &s.description,
            author: &s.author,
            lang: &s.language,
            base_url: &s.base_url,
            base_path: urls.base_path(),
            counts: Counts {
                documents: dossier.documents.len(),
                actors: dossier.actors.len(),
                events: dossier.events.len(),
            },
            extra: &s.extra,
            weak_points: !findings.is_empty(),
        };
        let nav = Nav::new(urls);
        let mut tera = theme.tera.clone();
        let global = tera.global_context();
        global.insert("site", &site);
        global.insert("nav", &nav);
        global.insert("t", &theme.strings.strings);
        // `{{ tag_url(tag=tag) }}`: the page of a tag (`Links::tag_url`).
        let tag_urls = links.tag_urls.clone();
        let tags_index = urls.path("tags/");
        tera.register_function(
            "tag_url",
            move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
                let tag = kwargs.must_get::<&str>("tag")?;
                Ok((tag_urls.get(tag)).map_or_else(|| tags_index.clone(), Clone::clone))
            },
        );
        let actor_urls = links.actors.iter().map(|a| a.url.clone()).collect();
        Site {
            dossier,
            theme,
            tera,
            urls,
            links,
            events,
            bodies: body::BodyRenderer::new(dossier, urls, &theme.strings),
            actor_urls,
            prints: None,
            search_memo: None,
            search: std::sync::OnceLock::new(),
            findings,
            data_sizes: Default::default(),
            network: std::sync::OnceLock::new(),
            periods: &plan.periods,
            filters: &plan.filters,
            timeline_filters: std::sync::OnceLock::new(),
            indexes: &plan.indexes,
        }
    }
}

#[cfg(test)]
mod tests;
