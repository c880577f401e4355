//! The timeline: grouped by year and month, less precise dates first, dates written at
//! their precision in the dossier's language.

use scraper::{ElementRef, Html};

use crate::harness::{Project, one_in, select, select_texts, text};

/// The heading of the nearest ancestor `section` with class `class`, if any.
fn group_heading(event: ElementRef, class: &str, heading: &str) -> Option<String> {
    event
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "section" && a.value().classes().any(|c| c == class))
        .map(|s| text(one_in(s, heading)))
}

/// (id, year heading, month heading, date text) of every event, in page order.
fn events(page: &Html) -> Vec<(String, String, Option<String>, String)> {
    select(page, "li.event")
        .into_iter()
        .map(|e| {
            let id = e.attr("id").unwrap_or_default().to_string();
            let year = group_heading(e, "tl-year", "h2.year-heading").unwrap_or_default();
            let month = group_heading(e, "tl-month", "h3.month-heading");
            (id, year, month, text(one_in(e, "p.event-date time")))
        })
        .collect()
}

fn row(
    id: &str,
    year: &str,
    month: Option<&str>,
    date: &str,
) -> (String, String, Option<String>, String) {
    (id.into(), year.into(), month.map(String::from), date.into())
}

#[test]
fn events_are_grouped_by_year_and_month_with_less_precise_dates_first() {
    let site = Project::fixture("timeline/en").build_clean();
    let page = site.page("timeline/");
    assert_eq!(
        select_texts(&page, "h2.year-heading"),
        ["2016", "2018", "2024"]
    );
    assert_eq!(
        select_texts(&page, "h3.month-heading"),
        ["January 2018", "December 2018", "May 2024"]
    );
    assert_eq!(
        events(&page),
        [
            row("circa-2016", "2016", None, "c. 2016"),
            row("year-2018", "2018", None, "2018"),
            row("jan-2018", "2018", Some("January 2018"), "5 January 2018"),
            row("dec-2018", "2018", Some("December 2018"), "December 2018"),
            row(
                "dec-07-2018",
                "2018",
                Some("December 2018"),
                "7 December 2018"
            ),
            row("may-first-2024", "2024", Some("May 2024"), "1 May 2024"),
            row("may-2024", "2024", Some("May 2024"), "8–10 May 2024"),
        ]
    );
}

#[test]
fn event_dates_are_machine_readable_at_their_precision() {
    let site = Project::fixture("timeline/en").build_clean();
    let page = site.page("timeline/");
    let datetimes: Vec<String> = select(&page, "li.event p.event-date time")
        .into_iter()
        .map(|t| t.attr("datetime").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        datetimes,
        [
            "2016",
            "2018",
            "2018-01-05",
            "2018-12",
            "2018-12-07",
            "2024-05-01",
            "2024-05-08"
        ]
    );
}

#[test]
fn french_dossier_writes_dates_in_french() {
    let site = Project::fixture("timeline/fr").build_clean();
    let page = site.page("timeline/");
    assert_eq!(page.root_element().attr("lang"), Some("fr"));
    assert_eq!(
        select_texts(&page, "h3.month-heading"),
        ["décembre 2018", "mai 2024"]
    );
    assert_eq!(
        events(&page),
        [
            // two years of one event each, with none between them, share a section
            row("circa-2016", "2016–2018", None, "vers 2016"),
            row(
                "dec-07-2018",
                "2016–2018",
                Some("décembre 2018"),
                "7 décembre 2018"
            ),
            row("may-first-2024", "2024", Some("mai 2024"), "1er mai 2024"),
            row("may-2024", "2024", Some("mai 2024"), "8–10 mai 2024"),
        ]
    );
}

#[test]
fn timeline_filters_list_the_actors_and_tags_of_events() {
    let site = Project::fixture("actors/basic").build_clean();
    let page = site.page("timeline/");
    // the actor field suggests their names; the script maps them back to their ids
    let actors: Vec<(String, String)> = select(&page, "#filter-actor-list option")
        .into_iter()
        .map(|o| {
            let id = o.attr("data-id").unwrap_or_default();
            (
                id.to_string(),
                o.attr("value").unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(actors.len(), 2, "{actors:?}");
    assert_eq!(actors[0].0, "acme");
    assert_eq!(actors[1].0, "jane-doe");
    let founded = one_in(page.root_element(), "li.event#acme-founded");
    assert_eq!(founded.attr("data-actors"), Some("acme jane-doe"));
}

#[test]
fn document_event_without_an_id_gets_one_from_its_title() {
    let site = Project::fixture("links/basic").build_clean();
    let page = site.page("timeline/");
    let event = one_in(page.root_element(), "li.event#acme-s-second-report-is-out");
    assert_eq!(
        text(one_in(event, ".event-title")),
        "Acme's second report is out"
    );
}

/// Adds `after = "…"` under the `date` line of the event file `id` of `project`.
fn place_after(project: &Project, id: &str, after: &str) {
    let path = format!("content/events/{id}.md");
    let text = project.read(&path);
    let line = text
        .lines()
        .find(|l| l.starts_with("date = "))
        .expect("a date");
    project.write(
        &path,
        text.replacen(line, &format!("{line}\nafter = \"{after}\""), 1),
    );
}

#[test]
fn an_event_known_to_the_month_or_year_is_placed_after_the_event_its_author_names() {
    let project = Project::fixture("timeline/en");
    place_after(&project, "dec-2018", "dec-07-2018");
    // a year-only event after a day in January: shown in January's group, in its place
    place_after(&project, "year-2018", "jan-2018");
    let page = project.build_clean().page("timeline/");
    assert_eq!(
        events(&page),
        [
            row("circa-2016", "2016", None, "c. 2016"),
            row("jan-2018", "2018", Some("January 2018"), "5 January 2018"),
            row("year-2018", "2018", Some("January 2018"), "2018"),
            row(
                "dec-07-2018",
                "2018",
                Some("December 2018"),
                "7 December 2018"
            ),
            row("dec-2018", "2018", Some("December 2018"), "December 2018"),
            row("may-first-2024", "2024", Some("May 2024"), "1 May 2024"),
            row("may-2024", "2024", Some("May 2024"), "8–10 May 2024"),
        ]
    );
    // placed events say nothing of their unknown day; the circa year still does
    assert!(select_texts(&page, "#dec-2018 .date-note").is_empty());
    assert!(select_texts(&page, "#year-2018 .date-note").is_empty());
    assert_eq!(
        select_texts(&page, "#circa-2016 .date-note"),
        ["exact date within the year unknown"]
    );
}

#[test]
fn an_event_known_to_the_month_and_not_placed_is_marked_as_such() {
    let page = Project::fixture("timeline/en")
        .build_clean()
        .page("timeline/");
    assert_eq!(
        select_texts(&page, "#dec-2018 .date-note"),
        ["exact date within the month unknown"]
    );
    assert_eq!(
        select_texts(&page, "#year-2018 .date-note"),
        ["exact date within the year unknown"]
    );
    // known to the day, or a range: nothing to say
    assert!(select_texts(&page, "#dec-07-2018 .date-note").is_empty());
    assert!(select_texts(&page, "#may-2024 .date-note").is_empty());
}

#[test]
fn every_impossible_placement_is_diagnosed_at_its_after() {
    let project = Project::fixture("timeline/en");
    project.write(
        "content/events/dec-2018-b.md",
        "+++\ntitle = \"Zulu second report\"\ndate = \"2018-12\"\n\n\
         sources = [{ document = \"chronicle\", quote = \"the first report came out\" }]\n+++\n",
    );
    place_after(&project, "dec-2018", "dec-2018-b");
    place_after(&project, "dec-2018-b", "dec-2018");
    place_after(&project, "jan-2018", "jan-2018");
    place_after(&project, "year-2018", "may-frist-2024");
    place_after(&project, "may-2024", "may-first-2024");
    let outcome = project.build();
    assert_eq!(outcome.errors(), 5, "{}", outcome.report(false));
    crate::harness::snapshot("timeline__impossible_placements", &outcome.report(false));
}
