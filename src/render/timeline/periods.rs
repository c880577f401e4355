//! The timeline's pages: one page for a dossier of a few hundred events; beyond
//! `timeline_per_page`, an entry page and one page per year, a crowded year split by
//! month, a crowded month into numbered parts.
//!
//! Events keep their timeline order, so each page holds a run of consecutive events.

use std::ops::Range;

use crate::model::Dossier;

/// One page of a split timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The page's place under `timeline/`: `2019`, `2019-03`, or `2019-03-2` for the second
    /// part of a crowded month.
    pub slug: String,
    /// The year.
    pub year: i32,
    /// The month, for a page of a year split by month (`None` on that year's page of events
    /// known only to the year).
    pub month: Option<u8>,
    /// 1 for the first part of the period, 2 for the second...
    pub part: u32,
    /// The events it shows, as indices into `dossier.events`.
    pub events: Range<usize>,
}

/// Which page each event is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Periods {
    /// The pages, in order; empty when the whole timeline is one page.
    pub pages: Vec<Period>,
    /// For each event, the index of its page (empty when the timeline is one page).
    pub page_of: Vec<u32>,
}

impl Periods {
    /// The pages of `dossier`'s timeline.
    pub fn of(dossier: &Dossier) -> Periods {
        let per_page = dossier.settings.timeline_per_page;
        if per_page == 0 || dossier.events.len() <= per_page {
            return Periods::default();
        }
        let when: Vec<(i32, Option<u8>)> = (0..dossier.events.len())
            .map(|i| {
                let start = shown_start(dossier, i);
                (start.year, start.month)
            })
            .collect();
        let mut pages = Vec::new();
        for year in runs(&when, |w| w.0) {
            if year.len() <= per_page {
                pages.push(period(when[year.start].0, None, 1, year));
                continue;
            }
            // A crowded year: its events known only to the year first, then month by month.
            for month in runs(&when[year.clone()], |w| w.1) {
                let month = year.start + month.start..year.start + month.end;
                let (y, m) = when[month.start];
                for (i, part) in parts(month, per_page).enumerate() {
                    pages.push(period(y, m, i as u32 + 1, part));
                }
            }
        }
        let mut page_of = vec![0; dossier.events.len()];
        for (i, p) in pages.iter().enumerate() {
            page_of[p.events.clone()].fill(i as u32);
        }
        Periods { pages, page_of }
    }

    /// True when the timeline is split into pages.
    pub fn is_split(&self) -> bool {
        !self.pages.is_empty()
    }

    /// The page of event `i`, relative to `timeline/`: `2019/`, or empty on a one-page
    /// timeline.
    pub fn path_of(&self, i: usize) -> String {
        match self.page_of.get(i) {
            Some(&p) => format!("{}/", self.pages[p as usize].slug),
            None => String::new(),
        }
    }

    /// The first page showing events of `year` (and of `month` in it, when given).
    pub fn find(&self, year: i32, month: Option<u8>) -> Option<&Period> {
        let of_year = || self.pages.iter().find(|p| p.year == year);
        match month {
            Some(m) => (self.pages.iter())
                .find(|p| p.year == year && p.month == Some(m))
                .or_else(of_year),
            None => of_year(),
        }
    }
}

/// The date an event is shown at: an event its author placed after another is shown in
/// that one's period.
pub fn shown_start(dossier: &Dossier, i: usize) -> crate::date::PartialDate {
    let mut placed = &dossier.events[i];
    while let Some(after) = placed.after {
        placed = dossier.event(after);
    }
    placed.date.start
}

fn period(year: i32, month: Option<u8>, part: u32, events: Range<usize>) -> Period {
    let mut slug = match month {
        Some(m) => format!("{year:04}-{m:02}"),
        None => format!("{year:04}"),
    };
    if part > 1 {
        slug = format!("{slug}-{part}");
    }
    Period {
        slug,
        year,
        month,
        part,
        events,
    }
}

/// The runs of consecutive items with the same key, as index ranges.
fn runs<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match out.last_mut() {
            Some(run) if key(&items[run.start]) == key(item) => run.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// `range` cut into parts of at most `size`.
fn parts(range: Range<usize>, size: usize) -> impl Iterator<Item = Range<usize>> {
    range
        .clone()
        .step_by(size)
        .map(move |start| start..(start + size).min(range.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_equal_keys() {
        let items = [1, 1, 2, 2, 2, 1];
        assert_eq!(runs(&items, |x| *x), vec![0..2, 2..5, 5..6]);
    }

    #[test]
    fn parts_cut_a_range_into_pieces_of_at_most_the_size() {
        assert_eq!(parts(3..10, 3).collect::<Vec<_>>(), vec![3..6, 6..9, 9..10]);
        assert_eq!(parts(0..2, 5).collect::<Vec<_>>(), vec![0..2]);
    }

    #[test]
    fn slugs_name_the_year_the_month_and_the_part() {
        assert_eq!(period(2019, None, 1, 0..1).slug, "2019");
        assert_eq!(period(2019, Some(3), 1, 0..1).slug, "2019-03");
        assert_eq!(period(2019, Some(3), 2, 0..1).slug, "2019-03-2");
        assert_eq!(period(2019, None, 3, 0..1).slug, "2019-3");
    }
}
