//! The timeline: one page for a dossier of a few hundred events; beyond that an entry page
//! (the chart, the periods, the filters), one page per period ([`periods`]), and the data
//! that lets the filters find events across every period ([`filters`]).

mod filters;
mod page;
mod periods;

pub use filters::{Facet, FilterFiles};
pub use periods::Periods;

use super::Page;

/// The pages of a timeline besides its entry page ([`Page::Timeline`]): its periods and
/// the filters' data, when it is split.
pub fn pages(periods: &Periods, filters: &FilterFiles) -> Vec<Page> {
    if !periods.is_split() {
        return Vec::new();
    }
    let count = |n: usize| 0..u32::try_from(n).unwrap_or(u32::MAX);
    let mut pages: Vec<Page> = count(periods.pages.len())
        .map(Page::TimelinePeriod)
        .collect();
    for facet in Facet::ALL {
        pages.extend(count(filters.len(facet)).map(|i| Page::TimelineFilter(facet, i)));
    }
    pages.push(Page::TimelineActors);
    pages
}
