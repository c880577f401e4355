//! The integrity report: the dossier's weak points, on `/integrity/` and from
//! `dossier check --report`, the same list in both.

use crate::harness::{Project, describe, exit_code, one, select, select_attrs, select_texts, text};

/// The `originals/published` fixture with one weak point of each kind it lacks.
fn weak_dossier() -> Project {
    let project = Project::fixture("originals/published");
    project.write(
        "content/events/unsourced.md",
        "+++\ntitle = \"Rumour without a source\"\ndate = \"2018\"\n+++\n",
    );
    project.write(
        "content/events/one-voice.md",
        "+++\ntitle = \"Confirmed by one\"\ndate = \"2018-12\"\nstatus = \"confirmed\"\n\
         sources = [{ document = \"report\", quote = \"mandatory backdoors\" }]\n+++\n",
    );
    project.write(
        "content/events/too-late.md",
        "+++\ntitle = \"Reported before it happened\"\ndate = \"2019-03\"\n\
         sources = [{ document = \"ansip-article\", quote = \"had never been asked by any government\" }]\n+++\n",
    );
    project.write(
        "content/actors/nobody.md",
        "+++\nname = \"Zorglub Holdings\"\nkind = \"organisation\"\n\
         relations = [{ actor = \"huawei\", label = \"rival of\" }]\n+++\n",
    );
    project
}

#[test]
fn the_report_page_lists_each_weak_point_linked_to_its_page_with_the_file_to_edit() {
    let project = weak_dossier();
    // warnings (the unsourced event, the confirmed one on one source), no errors
    let site = project.build_site();
    assert!(!site.outcome.failed(), "{}", site.outcome.report(false));
    let page = site.page("integrity/");
    let sections = select_attrs(&page, "section.integrity-group", "id");
    assert_eq!(
        sections,
        [
            "unsourced",
            "single-voice",
            "after-its-source",
            "unconnected",
            "unsourced-relation",
            "shared-quote"
        ],
        "{}",
        text(one(&page, "main"))
    );
    let unsourced = select(&page, "#unsourced li a");
    assert_eq!(unsourced.len(), 1);
    assert_eq!(
        unsourced[0].value().attr("href"),
        Some("/sub/timeline/#unsourced")
    );
    assert!(text(one(&page, "#unsourced li")).contains("content/events/unsourced.md"));
    assert!(text(one(&page, "#single-voice li")).contains("rests on a single source"));
    assert!(
        text(one(&page, "#after-its-source li"))
            .contains("2019-03, reported by ansip-article (2018-12-07)")
    );
    assert_eq!(
        select_attrs(&page, "#unconnected li a", "href"),
        ["/sub/actors/nobody/"]
    );
    assert!(text(one(&page, "#unsourced-relation")).contains("rival of Huawei Technologies"));
    // "mandatory backdoors" is cited by the report's own event and by one-voice
    assert!(text(one(&page, "#shared-quote li")).contains("ansip-speaks"));
    // the overview links the report with its count
    let overview = site.page("");
    let link = one(&overview, ".integrity-link");
    assert_eq!(
        select_attrs(&overview, ".integrity-link a", "href"),
        ["/sub/integrity/"]
    );
    assert!(text(link).contains(&format!(
        "{} weak points",
        select(&page, ".integrity-list li").len()
    )));
}

#[test]
fn check_report_prints_the_same_weak_points_and_exits_zero() {
    let project = weak_dossier();
    let out = project.run(&["check", "--report"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("events with no source (1):"), "{printed}");
    assert!(
        printed.contains("  content/events/unsourced.md: Rumour without a source"),
        "{printed}"
    );
    assert!(
        printed.contains("actors neither mentioned, linked nor involved (1):"),
        "{printed}"
    );
    let site = project.build_site();
    let listed = select(&site.page("integrity/"), ".integrity-list li").len();
    assert!(
        printed.contains(&format!("integrity report: {listed} weak point(s)")),
        "{printed}"
    );
    // without --report, nothing of it
    let out = project.run(&["check"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("integrity report"));
}

#[test]
fn the_example_reports_the_withdrawal_its_question_could_not_have_announced() {
    let site = Project::example().build_clean();
    let page = site.page("integrity/");
    let late = select_texts(&page, "#after-its-source li");
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(late[0].contains("latombe-question-17938"), "{late:?}");
    assert!(
        site.text("sitemap.xml")
            .contains("https://example.org/integrity/")
    );
}
