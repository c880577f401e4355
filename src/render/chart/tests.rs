//! Tests of the overview chart.

use super::*;

fn words() -> (DateWords, [&'static str; 7]) {
    (
        DateWords::english(),
        [
            "{n} event",
            "{n} events",
            "{n} continuing",
            "Lighter: under way",
            "Events per year",
            "Events per month",
            "month unknown",
        ],
    )
}

/// The links of a one-page timeline: the year's or month's heading.
fn heading(year: i32, month: Option<u8>) -> String {
    match month {
        Some(m) => format!("#m{year:04}-{m:02}"),
        None => format!("#y{year}"),
    }
}

fn chart_of(spans: &[Span], link: &dyn Fn(i32, Option<u8>) -> String) -> Option<Chart> {
    let (
        dates_words,
        [
            one,
            many,
            ongoing,
            legend,
            per_year,
            per_month,
            month_unknown,
        ],
    ) = words();
    overview(
        spans,
        &Words {
            one,
            many,
            ongoing,
            legend,
            per_year,
            per_month,
            month_unknown,
            dates: &dates_words,
        },
        link,
    )
}

fn chart(dates: &[PartialDate]) -> Option<Chart> {
    let spans: Vec<Span> = (dates.iter())
        .map(|&start| Span { start, end: None })
        .collect();
    chart_of(&spans, &heading)
}

#[test]
fn a_range_counts_as_continuing_in_each_later_year_it_covers() {
    let spans = [
        Span {
            start: year(2015),
            end: Some(year(2018)),
        },
        Span {
            start: day(2017, 3, 1),
            end: None,
        },
    ];
    let c = chart_of(&spans, &|y, _| format!("/timeline/{y}/")).unwrap();
    // 2015 begins it; 2016 has only the range, named but leading nowhere; 2017 both
    assert!(
        c.svg
            .contains("<a href=\"/timeline/2015/\" tabindex=\"-1\"><title>2015: 1 event</title>")
    );
    assert!(
        c.svg
            .contains("<g><title>2016: 0 events, 1 continuing</title>")
    );
    assert!(c.svg.contains(
        "<a href=\"/timeline/2017/\" tabindex=\"-1\"><title>2017: 1 event, 1 continuing</title>"
    ));
    // the chart runs to the range's end, past the last event to begin
    assert!(
        c.svg
            .contains("<title>2018: 0 events, 1 continuing</title>")
    );
    assert_eq!(c.svg.matches("class=\"chart-ongoing\"").count(), 3);
    assert_eq!(c.legend.as_deref(), Some("Lighter: under way"));
    assert_eq!(c.caption, "Events per year, 2015–2018");
}

#[test]
fn a_chart_without_ranges_has_no_legend() {
    let c = chart(&[year(2015), year(2019)]).unwrap();
    assert_eq!(c.legend, None);
    assert!(!c.svg.contains("chart-ongoing"));
}

#[test]
fn a_range_in_a_monthly_chart_continues_to_its_month() {
    let spans = [Span {
        start: day(2024, 1, 10),
        end: Some(day(2024, 3, 2)),
    }];
    let c = chart_of(&spans, &heading).unwrap();
    assert!(c.svg.contains("<title>January 2024: 1 event</title>"));
    assert!(
        c.svg
            .contains("<title>February 2024: 0 events, 1 continuing</title>")
    );
    assert!(
        c.svg
            .contains("<title>March 2024: 0 events, 1 continuing</title>")
    );
}

fn day(year: i32, month: u8, day: u8) -> PartialDate {
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

fn year(year: i32) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}

#[test]
fn no_events_no_chart() {
    assert_eq!(chart(&[]), None);
}

#[test]
fn long_spans_have_a_bar_per_year_linking_to_its_heading() {
    let c = chart(&[year(2017), day(2018, 12, 7), day(2018, 12, 20), year(2024)]).unwrap();
    assert_eq!(c.caption, "Events per year, 2017–2024");
    assert_eq!(c.svg.matches("class=\"chart-bar\"").count(), 3);
    assert!(
        c.svg
            .contains("<a href=\"#y2018\" tabindex=\"-1\"><title>2018: 2 events</title>")
    );
    assert!(c.svg.contains("<title>2017: 1 event</title>"));
    // years without events keep their place on the axis but have no bar
    assert!(!c.svg.contains("#y2020"));
    assert!(c.svg.starts_with("<svg class=\"chart\""));
    assert!(
        c.svg
            .contains("role=\"group\" aria-label=\"Events per year, 2017–2024\"")
    );
    assert!(c.svg.ends_with("</svg>"));
}

#[test]
fn short_spans_have_a_bar_per_month() {
    let c = chart(&[
        day(2024, 5, 8),
        day(2024, 5, 21),
        day(2024, 6, 11),
        year(2024),
    ])
    .unwrap();
    assert_eq!(c.caption, "Events per month, 2024");
    assert!(
        c.svg
            .contains("<a href=\"#m2024-05\" tabindex=\"-1\"><title>May 2024: 2 events</title>")
    );
    assert!(c.svg.contains("<title>June 2024: 1 event</title>"));
    assert!(c.svg.contains(
        "<a href=\"#y2024\" tabindex=\"-1\"><title>2024 (month unknown): 1 event</title>"
    ));
}

#[test]
fn decades_of_many_events_stay_small() {
    let dates: Vec<PartialDate> = (0..12_000)
        .map(|i| day(1990 + i / 400, (i % 12) as u8 + 1, 1))
        .collect();
    let c = chart(&dates).unwrap();
    assert_eq!(c.svg.matches("class=\"chart-bar\"").count(), 30);
    assert!(c.svg.len() < 20_000, "{} bytes", c.svg.len());
    assert!(
        c.svg.contains(">400</text>"),
        "the scale shows the largest count"
    );
}

#[test]
fn centuries_are_grouped_in_buckets_of_years() {
    let c = chart(&[year(1500), year(1503), year(2020)]).unwrap();
    assert_eq!(c.svg.matches("class=\"chart-bar\"").count(), 2);
    assert!(
        c.svg
            .contains("<a href=\"#y1500\" tabindex=\"-1\"><title>1500–1504: 2 events</title>")
    );
    assert!(c.svg.contains("<title>2020–2024: 1 event</title>"));
    assert!(c.svg.contains(">1500</text>") && c.svg.contains(">2000</text>"));
}

#[test]
fn labels_are_escaped() {
    let (dates_words, _) = words();
    let c = overview(
        &[Span {
            start: year(2020),
            end: None,
        }],
        &Words {
            one: "<b>{n}</b> & co",
            many: "{n}",
            ongoing: "",
            legend: "",
            per_year: "\"Per\" year",
            per_month: "",
            month_unknown: "",
            dates: &dates_words,
        },
        &heading,
    )
    .unwrap();
    assert!(c.svg.contains("&lt;b&gt;1&lt;/b&gt; &amp; co"));
    assert!(c.svg.contains("&quot;Per&quot; year"));
}
