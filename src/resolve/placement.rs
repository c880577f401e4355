//! Events placed by their author: `after = "event-id"` puts an event known only to the month
//! or the year right after another event of that period, instead of at the period's start.
//!
//! The event named must be dated within the placed event's period (a December 2018 event
//! can follow one of 7 December 2018, not one of January 2019), and the placements must not
//! form a cycle; either mistake is an error at the `after` value, and the event keeps its
//! place by date.

use std::collections::HashMap;

use super::events::Draft;
use crate::date::{PartialDate, Precision};
use crate::diagnostic::Diagnostic;

/// Moves each event that names another in `after` to just after it (events placed after
/// the same one keep their order by date), reporting every placement it cannot make.
/// `dropped` are ids of events left out for an error of their own: naming one is not
/// reported again.
pub fn place(drafts: &mut [Draft], dropped: &[String], out: &mut Vec<Diagnostic>) {
    if drafts.iter().all(|d| d.after.is_none()) {
        return;
    }
    let index: HashMap<&str, usize> = (drafts.iter().enumerate())
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut anchor: Vec<Option<usize>> = vec![None; drafts.len()];
    for (i, draft) in drafts.iter().enumerate() {
        let Some(after) = &draft.after else { continue };
        let named = after.as_str().trim();
        let error = |message: String, hint: String| {
            Diagnostic::error(&draft.file, after.span.clone(), message, hint)
        };
        match index.get(named) {
            None if dropped.iter().any(|d| d == named) => {}
            None => {
                let ids: Vec<&str> = drafts.iter().map(|d| d.id.as_str()).collect();
                out.push(error(
                    format!("no event has the id `{named}`"),
                    crate::suggest::hint(named, &ids, "event ids"),
                ));
            }
            Some(&j) if j == i => out.push(error(
                "an event cannot come after itself".into(),
                "name the event this one follows".into(),
            )),
            Some(&j) if !within(drafts[j].date.start, draft.date.start) => out.push(error(
                format!(
                    "`{named}` ({}) is not within this event's period ({})",
                    drafts[j].date.start, draft.date.start
                ),
                "`after` orders an event among those of its own period: name one of them, \
                 or give this event a more precise date"
                    .into(),
            )),
            Some(&j) => anchor[i] = Some(j),
        }
    }
    break_cycles(drafts, &mut anchor, out);
    // an event not placed keeps its place by date, and no `after` to show
    for (draft, anchor) in drafts.iter_mut().zip(&anchor) {
        if anchor.is_none() {
            draft.after = None;
        }
    }
    let mut from = order(&anchor);
    super::events::permute(drafts, &mut from);
}

/// Whether `date` falls within the period `period` names (its year, its month or its day).
fn within(date: PartialDate, period: PartialDate) -> bool {
    match period.precision() {
        Precision::Year => date.year == period.year,
        Precision::Month => (date.year, date.month) == (period.year, period.month),
        Precision::Day => date == period,
    }
}

/// Reports each cycle of placements at every `after` in it, and drops them.
fn break_cycles(drafts: &[Draft], anchor: &mut [Option<usize>], out: &mut Vec<Diagnostic>) {
    for start in 0..anchor.len() {
        let mut chain = vec![start];
        let mut at = start;
        while let Some(next) = anchor[at] {
            if next == start {
                let ids: Vec<&str> = chain.iter().map(|&i| drafts[i].id.as_str()).collect();
                for &i in &chain {
                    if let Some(after) = &drafts[i].after {
                        out.push(Diagnostic::error(
                            &drafts[i].file,
                            after.span.clone(),
                            format!(
                                "these events are placed in a circle: {} after {}",
                                ids.join(" after "),
                                ids[0]
                            ),
                            "remove one `after` to break the cycle",
                        ));
                    }
                }
                for &i in &chain {
                    anchor[i] = None;
                }
                break;
            }
            // a chain that reaches a cycle not through `start` is reported from the cycle
            if chain.contains(&next) || chain.len() > anchor.len() {
                break;
            }
            chain.push(next);
            at = next;
        }
    }
}

/// The new order as `from` indices: each event not placed, in date order, followed by the
/// events placed after it (and those placed after them), each group in date order.
fn order(anchor: &[Option<usize>]) -> Vec<usize> {
    let mut followers: Vec<Vec<usize>> = vec![Vec::new(); anchor.len()];
    for (i, a) in anchor.iter().enumerate() {
        if let Some(a) = a {
            followers[*a].push(i);
        }
    }
    let mut from = Vec::with_capacity(anchor.len());
    for root in (0..anchor.len()).filter(|&i| anchor[i].is_none()) {
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            from.push(i);
            stack.extend(followers[i].iter().rev());
        }
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placed_events_follow_their_anchor_in_date_order_and_chains_stay_together() {
        // 0 and 3 are roots; 1 after 3, 2 after 3, 4 after 1
        let anchor = [None, Some(3), Some(3), None, Some(1)];
        assert_eq!(order(&anchor), [0, 3, 1, 4, 2]);
    }

    #[test]
    fn a_date_is_within_the_period_of_its_year_or_month() {
        let d = |s: &str| PartialDate::parse(s).expect("a date");
        assert!(within(d("2018-12-07"), d("2018-12")));
        assert!(within(d("2018-12-07"), d("2018")));
        assert!(within(d("2018-05"), d("2018")));
        assert!(!within(d("2019-01-03"), d("2018-12")));
        assert!(!within(d("2018"), d("2018-12")));
        assert!(within(d("2018-12-07"), d("2018-12-07")));
    }
}
