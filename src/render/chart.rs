//! The timeline's overview: how many events per year (per month over short spans), as an
//! inline SVG bar chart drawn at build time.
//!
//! Each bar links to its year's (or month's) events on the timeline and is named by a
//! `<title>` (a tooltip, and what a screen reader says: `2019: 14 events`). An event with a
//! date range also counts, in a lighter segment on top, in every later bar its range
//! covers (`2021: 2 events, 1 continuing`), so a long process reads as one. Long spans are
//! drawn in buckets of several years, so the chart stays small whatever the dossier holds.

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
    /// `{n} continuing`: events begun in an earlier bar whose range covers this one.
    pub ongoing: &'a str,
    /// What the lighter segments show, said under the chart when it has some.
    pub legend: &'a str,
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
    /// What the lighter segments mean, when some bar has one.
    pub legend: Option<String>,
}

/// When an event happens: its start, and the end of its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start.
    pub start: PartialDate,
    /// End, for a range.
    pub end: Option<PartialDate>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bar {
    /// Tooltip and spoken name: `2019`, `May 2024`, `1990–1999`.
    label: String,
    /// Axis label under the bar, when it has one.
    tick: Option<String>,
    /// The year (and month) the bar's first event is shown in, when it has one.
    target: Option<(i32, Option<u8>)>,
    /// Events starting in it.
    count: usize,
    /// Events started before it whose range covers it.
    ongoing: usize,
}

/// The overview chart of events happening in `spans` (in timeline order), each bar
/// linking to `link(year, month)`; `None` without events.
pub fn overview(
    spans: &[Span],
    words: &Words,
    link: &dyn Fn(i32, Option<u8>) -> String,
) -> Option<Chart> {
    let dates: Vec<PartialDate> = spans.iter().map(|s| s.start).collect();
    let first = dates.iter().map(|d| d.year).min()?;
    // a range drawn to its end, past the last event to begin
    let last = (spans.iter())
        .map(|s| s.end.map_or(s.start.year, |e| e.year.max(s.start.year)))
        .max()?;
    let monthly = last - first < MONTHLY_SPAN && dates.iter().any(|d| d.month.is_some());
    let bars = if monthly {
        by_month(spans, words)
    } else {
        by_years(spans, first, last)
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
    let legend = (bars.iter().any(|b| b.ongoing > 0)).then(|| words.legend.to_string());
    Some(Chart {
        svg: draw(&bars, &caption, words, link),
        caption,
        legend,
    })
}

/// Bars of `width` years each, `width` the smallest round number that keeps the chart legible.
fn by_years(spans: &[Span], first: i32, last: i32) -> Vec<Bar> {
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
                target: None,
                count: 0,
                ongoing: 0,
            }
        })
        .collect();
    let bucket = |year: i32| ((year - start) / width) as usize;
    for s in spans {
        let first = bucket(s.start.year);
        let bar = &mut bars[first];
        bar.count += 1;
        // in timeline order: the first event of a bucket is in its earliest year
        bar.target.get_or_insert((s.start.year, None));
        let end = s
            .end
            .map_or(first, |e| bucket(e.year.clamp(s.start.year, last)));
        for bar in bars.iter_mut().take(end + 1).skip(first + 1) {
            bar.ongoing += 1;
        }
    }
    bars
}

/// Bars per month; events known only to the year get a bar of their own before January.
fn by_month(spans: &[Span], words: &Words) -> Vec<Bar> {
    let dates: Vec<PartialDate> = spans.iter().map(|s| s.start).collect();
    let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0));
    let end_key = |s: &Span| s.end.map(|e| (e.year, e.month.unwrap_or(12)));
    let ends = spans.iter().filter_map(end_key);
    let (Some(lo), Some(hi)) = (
        dates.iter().map(key).min(),
        dates.iter().map(key).chain(ends).max(),
    ) else {
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
                target: None,
                count: 0,
                ongoing: 0,
            }
        })
        .collect();
    for s in spans {
        let slot = (s.start.year, s.start.month.unwrap_or(0));
        let Ok(i) = slots.binary_search(&slot) else {
            continue;
        };
        bars[i].count += 1;
        bars[i].target = Some((s.start.year, s.start.month));
        // a range continues through the months up to its end (December of a year-only end)
        let Some(end) = s.end else { continue };
        let last = (end.year, end.month.unwrap_or(12));
        for bar in
            (slots.iter().zip(bars.iter_mut()).skip(i + 1)).take_while(|(slot, _)| **slot <= last)
        {
            bar.1.ongoing += 1;
        }
    }
    bars
}

fn count_text(bar: &Bar, words: &Words) -> String {
    let pattern = if bar.count == 1 {
        words.one
    } else {
        words.many
    };
    let count = pattern.replace("{n}", &bar.count.to_string());
    match bar.ongoing {
        0 => count,
        n => format!("{count}, {}", words.ongoing.replace("{n}", &n.to_string())),
    }
}

/// The SVG: a light grid, the bars as links, axis labels.
fn draw(
    bars: &[Bar],
    caption: &str,
    words: &Words,
    link: &dyn Fn(i32, Option<u8>) -> String,
) -> String {
    let max = (bars.iter())
        .map(|b| b.count + b.ongoing)
        .max()
        .unwrap_or(0)
        .max(1);
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
        if bar.count + bar.ongoing == 0 {
            continue;
        }
        let x = LEFT + i as f64 * step;
        let height = |n: usize| match n {
            0 => 0.0,
            n => (n as f64 / max as f64 * plot_h).max(2.0),
        };
        let (h, above) = (height(bar.count), height(bar.ongoing));
        let title = escape(&format!("{}: {}", bar.label, count_text(bar, words)));
        // a bar of continuing events only leads nowhere new: it is named, not linked
        let _ = match bar.target {
            Some((year, month)) if bar.count > 0 => write!(
                svg,
                "<a href=\"{}\" tabindex=\"-1\"><title>{title}</title>",
                escape(&link(year, month))
            ),
            _ => write!(svg, "<g><title>{title}</title>"),
        };
        let _ = write!(
            svg,
            "<rect class=\"chart-hit\" x=\"{x:.1}\" y=\"{TOP}\" width=\"{step:.1}\" height=\"{plot_h}\"/>",
        );
        let left = x + (step - bar_w) / 2.0;
        if h > 0.0 {
            let _ = write!(
                svg,
                "<rect class=\"chart-bar\" x=\"{left:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\"/>",
                base - h,
            );
        }
        if above > 0.0 {
            let _ = write!(
                svg,
                "<rect class=\"chart-ongoing\" x=\"{left:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{above:.1}\"/>",
                base - h - above,
            );
        }
        svg.push_str(if bar.count > 0 && bar.target.is_some() {
            "</a>"
        } else {
            "</g>"
        });
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
