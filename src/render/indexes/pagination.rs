//! The navigation between the pages of a listing: previous, next, and the page numbers
//! around the current one.

use serde::Serialize;

/// How many page numbers either side of the current one the navigation shows (the first
/// and the last are always shown).
const AROUND: usize = 2;

/// A link to one page of a listing, or a gap between page numbers.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// The page's number, from 1; 0 for a gap.
    pub number: usize,
    /// Its address; empty for a gap.
    pub url: String,
    /// True for the page shown.
    pub current: bool,
}

/// The navigation between the pages of a listing, when it has more than one.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// The page shown, from 1.
    pub current: usize,
    /// How many pages.
    pub count: usize,
    /// The previous page's address.
    pub prev: Option<String>,
    /// The next page's address.
    pub next: Option<String>,
    /// The first and the last page, the pages around the current one, and the gaps.
    pub pages: Vec<PageLink>,
}

impl Pagination {
    /// For page `page` (from 0) of `count`, each page's address given by `url`; none when
    /// there is only one page.
    pub fn new(page: usize, count: usize, url: impl Fn(usize) -> String) -> Option<Pagination> {
        if count < 2 {
            return None;
        }
        let mut pages = Vec::new();
        for p in 0..count {
            let shown = p == 0 || p + 1 == count || p.abs_diff(page) <= AROUND;
            if shown {
                pages.push(PageLink {
                    number: p + 1,
                    url: url(p),
                    current: p == page,
                });
            } else if pages.last().is_some_and(|l| l.number != 0) {
                pages.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
        }
        Some(Pagination {
            current: page + 1,
            count,
            prev: page.checked_sub(1).map(&url),
            next: (page + 1 < count).then(|| url(page + 1)),
            pages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(page: usize, count: usize) -> Vec<usize> {
        let p = Pagination::new(page, count, |p| p.to_string());
        p.map(|p| p.pages.iter().map(|l| l.number).collect())
            .unwrap_or_default()
    }

    #[test]
    fn pages_far_from_the_current_one_are_a_gap() {
        assert_eq!(numbers(0, 1), Vec::<usize>::new());
        assert_eq!(numbers(0, 3), [1, 2, 3]);
        assert_eq!(numbers(9, 20), [1, 0, 8, 9, 10, 11, 12, 0, 20]);
        assert_eq!(numbers(0, 20), [1, 2, 3, 0, 20]);
        assert_eq!(numbers(19, 20), [1, 0, 18, 19, 20]);
    }

    #[test]
    fn previous_and_next_are_the_neighbours() {
        let p = Pagination::new(0, 3, |p| p.to_string());
        assert_eq!(p.as_ref().and_then(|p| p.prev.clone()), None);
        assert_eq!(p.and_then(|p| p.next), Some("1".into()));
    }
}
