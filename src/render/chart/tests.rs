//! Tests of the overview chart.

use super::*;

fn words() -> (DateWords, [&'static str; 5]) {
    (
        DateWords::english(),
        [
            "{n} event",
            "{n} events",
            "Events per year",
            "Events per month",
            "month unknown",
        ],
    )
}

fn chart(dates: &[PartialDate]) -> Option<Chart> {
    let (dates_words, [one, many, per_year, per_month, month_unknown]) = words();
    overview(
        dates,
        &Words {
            one,
            many,
            per_year,
            per_month,
            month_unknown,
            dates: &dates_words,
        },
    )
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
        &[year(2020)],
        &Words {
            one: "<b>{n}</b> & co",
            many: "{n}",
            per_year: "\"Per\" year",
            per_month: "",
            month_unknown: "",
            dates: &dates_words,
        },
    )
    .unwrap();
    assert!(c.svg.contains("&lt;b&gt;1&lt;/b&gt; &amp; co"));
    assert!(c.svg.contains("&quot;Per&quot; year"));
}
