//! The timeline's page contexts: the whole timeline, or a split timeline's entry page and
//! period pages, with the filter panel they share.

use serde::Serialize;

use super::shared::each;
use super::{ActorLink, EventView, FilterOption, PageMeta};

/// A month of the timeline (or the part of a year with no month).
#[derive(Debug, Serialize)]
pub struct MonthGroup<'a> {
    /// `2018-12`, or `2018` for events known only to the year.
    pub key: String,
    /// `December 2018`; empty for year-only events.
    pub label: String,
    /// Events in order.
    #[serde(serialize_with = "each")]
    pub events: Vec<&'a EventView<'a>>,
}

/// A year of the timeline, or a run of years with one event each.
#[derive(Debug, Serialize)]
pub struct YearGroup<'a> {
    /// The year (the first of a run).
    pub year: i32,
    /// The last year of a run of years with one event each.
    pub until: Option<i32>,
    /// The years of a run after the first (each keeps its anchor).
    pub also: Vec<i32>,
    /// How many events it has on this page.
    pub count: usize,
    /// Its months, in order.
    pub months: Vec<MonthGroup<'a>>,
}

/// One page of a split timeline, as linked from the others.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodLink {
    /// `2019`, `2019-03`.
    pub slug: String,
    /// `2019`, `March 2019`, `March 2019 (2)`.
    pub label: String,
    /// Page URL.
    pub url: String,
    /// The year it belongs to.
    pub year: i32,
    /// How many events it shows.
    pub count: usize,
    /// True on its own page.
    pub current: bool,
}

/// The filter panel: its choices, and on a split timeline where their data is.
#[derive(Debug, Serialize)]
pub struct FilterPanel<'a> {
    /// Actors that take part in events, suggested by the actor field (on a one-page
    /// timeline; a split one fetches them from `actor_list`).
    #[serde(serialize_with = "each")]
    pub actors: Vec<&'a ActorLink<'a>>,
    /// Tags used by events.
    pub tags: Vec<FilterOption>,
    /// Kinds of the documents that evidence events.
    pub kinds: Vec<FilterOption>,
    /// The statuses events have, in the order of the scale.
    pub statuses: Vec<FilterOption>,
    /// How many events the whole timeline has.
    pub total: usize,
    /// On a split timeline: the URL of the folder of filter files (`/timeline/filters/`),
    /// empty on a one-page timeline, which filters the events it shows.
    pub data: String,
    /// On a split timeline: the URL of the actors' list, `actors.json`.
    pub actor_list: String,
}

/// The timeline, a split timeline's entry page, or one of its periods (template
/// `timeline.html`).
#[derive(Debug, Serialize)]
pub struct TimelinePage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The events this page shows, grouped by year and month (none on a split timeline's
    /// entry page).
    pub years: Vec<YearGroup<'a>>,
    /// This page's period, on a period page.
    pub period: Option<PeriodLink>,
    /// The years of a split timeline, each linking to its first page (empty on a one-page
    /// timeline).
    pub periods: Vec<PeriodLink>,
    /// On a period page of a year split into several pages, those pages.
    pub parts: Vec<PeriodLink>,
    /// The periods before and after this one, on a period page.
    pub previous: Option<PeriodLink>,
    /// See `previous`.
    pub next: Option<PeriodLink>,
    /// The timeline's entry page, from a period page.
    pub entry: String,
    /// The filters.
    pub filters: &'a FilterPanel<'a>,
    /// The overview chart (its caption and inline SVG), on the timeline's first page.
    pub chart: Option<super::super::chart::Chart>,
    /// The filtering script.
    pub script: String,
}
