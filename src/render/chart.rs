//! The timeline's overview: how many events per year (per month over short spans), as an
//! inline SVG bar chart drawn at build time.
//!
//! Each bar links to its year's (or month's) heading on the timeline and is named by a
//! `<title>` (a tooltip, and what a screen reader says: `2019: 14 events`). Long spans are drawn in buckets of several years, so the chart stays small
//! whatever the dossier holds.

use std::fmt::Write;

use super::escape::escape;
use crate::date::{DateWords, PartialDate};

/// Width and height of the drawing, in SVG units.
const WIDTH: f64 = 880.0;
const HEIGHT: f64 = 170.0;
/// Margins, wide enough for labels drawn at twice their size on a phone.
const LEFT: f64 = 48.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 32.0;
/// At most this many bars; longer spans are grouped in buckets of several years.
const MAX_BARS: i32 = 120;
/// Spans of at most this many years are drawn month by month.
const MONTHLY_SPAN: i32 = 3;

/// The words a chart needs, in the dossier's language.
pub struct Words<'a> {
    /// `{n} event`.
    pub one: &'a str,
    /// `{n} events`.
    pub many: &'a str,
    /// The chart's name for years: `Events per year`.
    pub per_year: &'a str,
    /// The chart's name for months: `Events per month`.
    pub per_month: &'a str,
    /// Said of events known only to the year in a chart by month: `month unknown`.
    pub month_unknown: &'a str,
    /// Month names and date formats.
    pub dates: &'a DateWords,
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Chart {
    /// What the chart shows, for a caption: `Events per year, 2017–2024`.
    pub caption: String,
    /// The `<svg>` element.
    pub svg: String,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bar {
    /// Tooltip and spoken name: `2019`, `May 2024`, `1990–1999`.
    label: String,
    /// Axis label under the bar, when it has one.
    tick: Option<String>,
    /// Heading the bar links to, without `#`, when it has events.
    anchor: Option<String>,
    count: usize,
}

/// The overview chart of events starting on `dates` (in timeline order); `None` without events.
pub fn overview(dates: &[PartialDate], words: &Words) -> Option<Chart> {
    let first = dates.iter().map(|d| d.year).min()?;
    let last = dates.iter().map(|d| d.year).max()?;
    let monthly = last - first < MONTHLY_SPAN && dates.iter().any(|d| d.month.is_some());
    let bars = if monthly {
        by_month(dates, words)
    } else {
        by_years(dates, first, last)
    };
    let name = if monthly {
        words.per_month
    } else {
        words.per_year
    };
    let caption = if first == last {
        format!("{name}, {first}")
    } else {
        format!("{name}, {first}–{last}")
    };
    Some(Chart {
        svg: draw(&bars, &caption, words),
        caption,
    })
}

/// Bars of `width` years each, `width` the smallest round number that keeps the chart legible.
fn by_years(dates: &[PartialDate], first: i32, last: i32) -> Vec<Bar> {
    let span = last - first + 1;
    let width = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10_000]
        .into_iter()
        .find(|w| (span + w - 1) / w < MAX_BARS)
        .unwrap_or(100_000);
    let start = first - first.rem_euclid(width);
    let count = (last - start) / width + 1;
    let tick_every = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10_000, 100_000]
        .into_iter()
        .find(|s| *s >= width && span / s <= 9)
        .unwrap_or(1_000_000);
    let mut bars: Vec<Bar> = (0..count)
        .map(|i| {
            let from = start + i * width;
            Bar {
                label: if width == 1 {
                    from.to_string()
                } else {
                    format!("{from}–{}", from + width - 1)
                },
                tick: (from.rem_euclid(tick_every) == 0 || (i == 0 && count == 1))
                    .then(|| from.to_string()),
                anchor: None,
                count: 0,
            }
        })
        .collect();
    for d in dates {
        let bar = &mut bars[((d.year - start) / width) as usize];
        bar.count += 1;
        // dates are in timeline order: the first event of a bucket is in its earliest year
        bar.anchor.get_or_insert_with(|| format!("y{}", d.year));
    }
    bars
}

/// Bars per month; events known only to the year get a bar of their own before January.
fn by_month(dates: &[PartialDate], words: &Words) -> Vec<Bar> {
    let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0));
    let (Some(lo), Some(hi)) = (dates.iter().map(key).min(), dates.iter().map(key).max()) else {
        return Vec::new();
    };
    let year_only: std::collections::HashSet<i32> = dates
        .iter()
        .filter(|d| d.month.is_none())
        .map(|d| d.year)
        .collect();
    let mut slots: Vec<(i32, u8)> = Vec::new();
    for year in lo.0..=hi.0 {
        if year_only.contains(&year) {
            slots.push((year, 0));
        }
        let from = if year == lo.0 { lo.1.max(1) } else { 1 };
        let to = if year == hi.0 { hi.1.max(1) } else { 12 };
        slots.extend((from..=to).map(|m| (year, m)));
    }
    let few = slots.len() <= 13;
    let mut bars: Vec<Bar> = slots
        .iter()
        .enumerate()
        .map(|(i, &(year, month))| {
            let date = PartialDate {
                year,
                month: (month > 0).then_some(month),
                day: None,
            };
            let label = if month == 0 {
                format!("{year} ({})", words.month_unknown)
            } else {
                words.dates.format(&date)
            };
            let tick = if month == 0 || month == 1 || i == 0 {
                Some(year.to_string())
            } else if few {
                Some(
                    words.dates.months[usize::from(month - 1)]
                        .chars()
                        .take(3)
                        .collect(),
                )
            } else {
                None
            };
            Bar {
                label,
                tick,
                anchor: None,
                count: 0,
            }
        })
        .collect();
    for d in dates {
        let slot = (d.year, d.month.unwrap_or(0));
        if let Ok(i) = slots.binary_search(&slot) {
            bars[i].count += 1;
            bars[i].anchor = Some(match d.month {
                Some(m) => format!("m{:04}-{m:02}", d.year),
                None => format!("y{}", d.year),
            });
        }
    }
    bars
}

fn count_text(n: usize, words: &Words) -> String {
    let pattern = if n == 1 { words.one } else { words.many };
    pattern.replace("{n}", &n.to_string())
}

/// The SVG: a light grid, the bars as links, axis labels.
fn draw(bars: &[Bar], caption: &str, words: &Words) -> String {
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let base = TOP + plot_h;
    let step = plot_w / bars.len().max(1) as f64;
    let bar_w = if step > 4.0 { step * 0.72 } else { step };
    // A group of links, each named by its count ("2019: 14 events"); the axes are drawn
    // for the eye only. The bars are out of the tab order: the year list below the chart
    // leads to the same headings, one stop per year.
    let mut svg = String::with_capacity(256 + bars.len() * 200);
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"group\" aria-label=\"{}\">",
        escape(caption)
    );
    let _ = write!(
        svg,
        "<g class=\"chart-grid\" aria-hidden=\"true\"><line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\"/>\
         <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{}\" y2=\"{TOP}\"/></g>\
         <g class=\"chart-axis\" aria-hidden=\"true\"><text x=\"{}\" y=\"{TOP}\" text-anchor=\"end\" dominant-baseline=\"middle\">{max}</text>\
         <text x=\"{}\" y=\"{base}\" text-anchor=\"end\" dominant-baseline=\"middle\">0</text></g><g class=\"chart-bars\">",
        WIDTH - RIGHT,
        WIDTH - RIGHT,
        LEFT - 6.0,
        LEFT - 6.0,
    );
    for (i, bar) in bars.iter().enumerate() {
        let (Some(anchor), true) = (&bar.anchor, bar.count > 0) else {
            continue;
        };
        let x = LEFT + i as f64 * step;
        let h = (bar.count as f64 / max as f64 * plot_h).max(2.0);
        let _ = write!(
            svg,
            "<a href=\"#{}\" tabindex=\"-1\"><title>{}</title>\
             <rect class=\"chart-hit\" x=\"{x:.1}\" y=\"{TOP}\" width=\"{step:.1}\" height=\"{plot_h}\"/>\
             <rect class=\"chart-bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\"/></a>",
            escape(anchor),
            escape(&format!("{}: {}", bar.label, count_text(bar.count, words))),
            x + (step - bar_w) / 2.0,
            base - h,
        );
    }
    svg.push_str("</g><g class=\"chart-ticks\" aria-hidden=\"true\">");
    for (i, bar) in bars.iter().enumerate() {
        if let Some(tick) = &bar.tick {
            let x = LEFT + (i as f64 + 0.5) * step;
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                HEIGHT - 4.0,
                escape(tick)
            );
        }
    }
    svg.push_str("</g></svg>");
    svg
}

#[cfg(test)]
mod tests;
