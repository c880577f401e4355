//! The timeline's pages and the filters' files, rendered from the events and the periods
//! they fall in.

use std::ops::Range;

use serde::Serialize;

use super::super::context::*;
use super::super::urls::file_for;
use super::super::{OutputFile, Site, chart, highlight};
use super::filters::{self, ActorList, Facet, FilterFile, Row};
use super::periods::{Period, shown_start};
use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::model::Status;

impl Site<'_, '_> {
    /// The whole timeline, or the entry page of a split one: the chart, the periods and
    /// the filters.
    pub(in crate::render) fn timeline(&self) -> Result<OutputFile, Diagnostic> {
        let url = self.urls.path("timeline/");
        let shown = match self.periods.is_split() {
            true => 0..0,
            false => 0..self.events.len(),
        };
        let has_code = self.any_code(shown.clone());
        let mut page = self.meta("timeline", "timeline", url.clone(), has_code);
        page.description = self.text("timeline_intro");
        let list = self.ld_timeline(shown.clone());
        page.json_ld = self.json_ld(self.ld_page("CollectionPage", &page, Some(list)))?;
        let context = TimelinePage {
            page,
            years: self.year_groups(shown),
            period: None,
            periods: self.year_links(None),
            parts: Vec::new(),
            previous: None,
            next: None,
            entry: url.clone(),
            filters: self.timeline_filters.get_or_init(|| self.filter_panel()),
            chart: self.chart(),
            script: self.urls.path("timeline.js"),
        };
        self.html("timeline.html", file_for(self.urls, &url), &context)
    }

    /// Period `i` of a split timeline: its events, and the way to the others.
    pub(in crate::render) fn timeline_period(&self, i: u32) -> Result<OutputFile, Diagnostic> {
        let i = usize::try_from(i).unwrap_or(usize::MAX);
        let Some(period) = self.periods.pages.get(i) else {
            return Err(bug("timeline", "a period of the timeline is missing"));
        };
        let link = |p: usize| {
            self.periods
                .pages
                .get(p)
                .map(|p| self.period_link(p, period))
        };
        let this = self.period_link(period, period);
        let url = this.url.clone();
        let has_code = self.any_code(period.events.clone());
        let mut page = self.meta("timeline", "timeline", url.clone(), has_code);
        page.title = (self.text("timeline_period"))
            .replace("{period}", &this.label)
            .into();
        let list = self.ld_timeline(period.events.clone());
        page.json_ld = self.json_ld(self.ld_page("CollectionPage", &page, Some(list)))?;
        let parts: Vec<PeriodLink> = (self.periods.pages.iter())
            .filter(|p| p.year == period.year)
            .map(|p| self.period_link(p, period))
            .collect();
        let context = TimelinePage {
            page,
            years: self.year_groups(period.events.clone()),
            periods: self.year_links(Some(period.year)),
            parts: if parts.len() > 1 { parts } else { Vec::new() },
            previous: i.checked_sub(1).and_then(link),
            next: link(i + 1),
            period: Some(this),
            entry: self.urls.path("timeline/"),
            filters: self.timeline_filters.get_or_init(|| self.filter_panel()),
            chart: None,
            script: self.urls.path("timeline.js"),
        };
        self.html("timeline.html", file_for(self.urls, &url), &context)
    }

    /// The events with one value of a filter, across every period.
    pub(in crate::render) fn timeline_filter(
        &self,
        facet: Facet,
        i: u32,
    ) -> Result<OutputFile, Diagnostic> {
        let i = usize::try_from(i).unwrap_or(usize::MAX);
        let Some((key, events)) = self.filters.get(facet, i) else {
            return Err(bug(
                "timeline/filters",
                "a filter of the timeline is missing",
            ));
        };
        let rows = (events.iter())
            .map(|&e| {
                let view = self.events.get(e);
                let (date, title) = (view.date, view.title);
                let page = self.periods.path_of(e);
                Row(view.id, page, &date.iso, &date.text, title, view.status)
            })
            .collect();
        let path = format!("timeline/filters/{}", filters::file_name(facet, key));
        json_file(path, &FilterFile { events: rows })
    }

    /// The actors the actor filter suggests, with how many events each takes part in.
    pub(in crate::render) fn timeline_actors(&self) -> Result<OutputFile, Diagnostic> {
        let actors = (self.links.actors.iter())
            .filter(|a| a.event_count > 0)
            .map(|a| (a.id, a.name, a.event_count))
            .collect();
        json_file("timeline/filters/actors.json".into(), &ActorList { actors })
    }

    /// The timeline's overview chart, in the dossier's language; on a split timeline its
    /// bars lead to the periods' pages.
    pub(in crate::render) fn chart(&self) -> Option<chart::Chart> {
        let d = self.dossier;
        let spans: Vec<chart::Span> = (d.events.iter())
            .map(|e| chart::Span {
                start: e.date.start,
                end: e.date.end,
            })
            .collect();
        let words = chart::Words {
            one: self.text("chart_one_event"),
            many: self.text("chart_events"),
            ongoing: self.text("chart_ongoing"),
            legend: self.text("chart_legend_ongoing"),
            per_year: self.text("chart_per_year"),
            per_month: self.text("chart_per_month"),
            month_unknown: self.text("chart_month_unknown"),
            dates: &self.theme.strings.dates,
        };
        let link = |year: i32, month: Option<u8>| -> String {
            let anchor = match month {
                Some(m) => format!("m{year:04}-{m:02}"),
                None => format!("y{year}"),
            };
            match self.periods.find(year, month) {
                Some(p) if month.is_some() => {
                    self.urls.path(&format!("timeline/{}/#{anchor}", p.slug))
                }
                Some(p) => self.urls.path(&format!("timeline/{}/", p.slug)),
                None => format!("#{anchor}"),
            }
        };
        chart::overview(&spans, &words, &link)
    }

    /// The events of `shown`, grouped by the year and month they are shown in.
    fn year_groups(&self, shown: Range<usize>) -> Vec<YearGroup<'_>> {
        let mut years: Vec<YearGroup> = Vec::new();
        for i in shown {
            let start = shown_start(self.dossier, i);
            if years.last().is_none_or(|y| y.year != start.year) {
                years.push(YearGroup {
                    year: start.year,
                    until: None,
                    also: Vec::new(),
                    count: 0,
                    months: Vec::new(),
                });
            }
            let Some(year) = years.last_mut() else {
                continue;
            };
            let key = match start.month {
                Some(m) => format!("{:04}-{m:02}", start.year),
                None => format!("{:04}", start.year),
            };
            if year.months.last().is_none_or(|m| m.key != key) {
                let label = match start.month {
                    Some(m) => self.theme.strings.dates.format(&PartialDate {
                        year: start.year,
                        month: Some(m),
                        day: None,
                    }),
                    None => String::new(),
                };
                year.months.push(MonthGroup {
                    key,
                    label,
                    events: Vec::new(),
                });
            }
            year.count += 1;
            if let Some(month) = year.months.last_mut() {
                month.events.push(self.events.get(i));
            }
        }
        merge_single_years(years)
    }

    /// One link per year of a split timeline, to the first page of its events, with how
    /// many it has; `current` marked.
    fn year_links(&self, current: Option<i32>) -> Vec<PeriodLink> {
        let mut years: Vec<PeriodLink> = Vec::new();
        for p in &self.periods.pages {
            match years.last_mut() {
                Some(year) if year.year == p.year => year.count += p.events.len(),
                _ => years.push(PeriodLink {
                    slug: p.slug.clone(),
                    label: p.year.to_string(),
                    url: self.urls.path(&format!("timeline/{}/", p.slug)),
                    year: p.year,
                    count: p.events.len(),
                    current: current == Some(p.year),
                }),
            }
        }
        years
    }

    /// A link to period `p`, marked current on `here`'s page.
    fn period_link(&self, p: &Period, here: &Period) -> PeriodLink {
        PeriodLink {
            slug: p.slug.clone(),
            label: self.period_label(p),
            url: self.urls.path(&format!("timeline/{}/", p.slug)),
            year: p.year,
            count: p.events.len(),
            current: p.slug == here.slug,
        }
    }

    /// `2019`, `March 2019`, `March 2019 (2)`.
    fn period_label(&self, p: &Period) -> String {
        let date = PartialDate {
            year: p.year,
            month: p.month,
            day: None,
        };
        let text = self.theme.strings.dates.format(&date);
        match p.part {
            1 => text,
            part => format!("{text} ({part})"),
        }
    }

    /// The statuses the events have, with how many have each, labelled in the dossier's
    /// language, in the order of the scale (confirmed, alleged, disputed, denied).
    fn status_options(&self) -> Vec<FilterOption> {
        let strings = &self.theme.strings;
        Status::NAMES
            .iter()
            .filter_map(|name| {
                let count = (self.dossier.events.iter())
                    .filter(|e| e.status.is_some_and(|s| s.name() == *name))
                    .count();
                let label = strings.text(&format!("status_{name}"), name);
                (count > 0).then(|| FilterOption {
                    value: name.to_string(),
                    label: label.to_string(),
                    count,
                    file: String::new(),
                })
            })
            .collect()
    }

    /// Whether an event of `shown` may show highlighted code.
    fn any_code(&self, shown: Range<usize>) -> bool {
        (self.dossier.events[shown].iter()).any(|e| highlight::may_have_code(&e.body.text))
    }
}

impl<'a> Site<'a, '_> {
    /// The filter panel's choices; on a split timeline, with the files that list their
    /// events.
    fn filter_panel(&self) -> FilterPanel<'a> {
        let d = self.dossier;
        let split = self.periods.is_split();
        let mut tags = filter_options(d.events.iter().flat_map(|e| &e.tags));
        let mut kinds = kind_options(d.events.iter().flat_map(|e| filters::event_kinds(d, e)));
        let mut statuses = self.status_options();
        if split {
            let facets = [
                (Facet::Tag, &mut tags),
                (Facet::Kind, &mut kinds),
                (Facet::Status, &mut statuses),
            ];
            for (facet, options) in facets {
                for o in options.iter_mut() {
                    o.file = filters::file_name(facet, &o.value);
                }
            }
        }
        let data = |path: &str| match split {
            true => self.urls.path(path),
            false => String::new(),
        };
        FilterPanel {
            // a split timeline's field fetches them: a thousand would weigh on every page
            actors: match split {
                true => Vec::new(),
                false => (self.links.actors.iter())
                    .filter(|a| a.event_count > 0)
                    .collect(),
            },
            tags,
            kinds,
            statuses,
            total: self.events.len(),
            data: data("timeline/filters/"),
            actor_list: data("timeline/filters/actors.json"),
        }
    }
}

/// Runs of years with one event each (and none between them), as one group
/// (`2015–2016`): a section per lone event would stretch a quiet part of the story over
/// screens of headings.
fn merge_single_years(years: Vec<YearGroup<'_>>) -> Vec<YearGroup<'_>> {
    let mut out: Vec<YearGroup> = Vec::with_capacity(years.len());
    for year in years {
        match out.last_mut() {
            Some(run) if year.count == 1 && (run.count == 1 || run.until.is_some()) => {
                run.until = Some(year.year);
                run.also.push(year.year);
                run.count += 1;
                run.months.extend(year.months);
            }
            _ => out.push(year),
        }
    }
    out
}

/// A JSON file of the site.
fn json_file(path: String, value: &impl Serialize) -> Result<OutputFile, Diagnostic> {
    match serde_json::to_vec(value) {
        Ok(bytes) => Ok(OutputFile { path, bytes }),
        Err(e) => Err(bug(&path, &format!("could not write {path}: {e}"))),
    }
}

fn bug(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        std::path::Path::new(path),
        0..0,
        message.to_string(),
        "this is a bug in dossier; please report it",
    )
}
