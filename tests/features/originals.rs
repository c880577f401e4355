//! Sources as evidence: originals checked against their hash and published, cited passages
//! that know their page in a paged original, archived copies with their date.
//!
//! The fixture `originals/published` holds a three-page PDF (`report.pdf`, from the import
//! fixtures) and a saved web page, imported with `dossier import`, and events citing
//! passages on pages 1, 2, 3 and across pages 2 and 3.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dossier::rebuild::{Changes, Session};

use crate::harness::{Project, one, select, select_attrs, select_texts, snapshot, text};

const REPORT: &str = "content/documents/report.txt";
const REPORT_SHA256: &str = "47a4d7b5b5dfcd30f53027fc877b5ffd34c2b87e92785dfaf0a476eb9721255c";

#[test]
fn an_original_is_published_byte_for_byte_and_described_on_its_document_page() {
    let project = Project::fixture("originals/published");
    let site = project.build_clean();
    let pdf = std::fs::read(project.root().join("originals/report.pdf")).unwrap();
    assert_eq!(
        std::fs::read(site.dir.join("originals/report.pdf")).unwrap(),
        pdf
    );

    let page = site.page("documents/report/");
    let original = one(&page, "dd.original");
    let shown = text(original);
    assert!(
        shown
            .replace('\u{a0}', " ")
            .contains("report.pdf (PDF, 3 pages, 1.8 KB)"),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("SHA-256 {REPORT_SHA256}")),
        "{shown}"
    );
    assert!(shown.contains("Printed from the agency's site."), "{shown}");
    assert_eq!(
        select_attrs(&page, "dd.original a", "href"),
        ["/sub/originals/report.pdf"]
    );
    assert_eq!(
        select_attrs(&page, "dd.original a", "type"),
        ["application/pdf"]
    );

    // The briefing prints the file name and the hash under the document.
    let briefing = site.page("briefing/");
    let printed = select_texts(&briefing, ".briefing-document dd.original");
    assert!(
        printed
            .iter()
            .any(|p| p.contains("report.pdf") && p.contains(REPORT_SHA256)),
        "{printed:?}"
    );
}

#[test]
fn a_saved_web_page_is_published_as_text_so_its_scripts_never_run_on_the_site() {
    let project = Project::fixture("originals/published");
    let site = project.build_clean();
    let saved = std::fs::read(project.root().join("originals/web/ansip-backdoors.html")).unwrap();
    assert!(String::from_utf8_lossy(&saved).contains("<script"));
    assert!(!site.has("originals/web/ansip-backdoors.html"));
    assert_eq!(
        std::fs::read(site.dir.join("originals/web/ansip-backdoors.html.txt")).unwrap(),
        saved
    );
    let page = site.page("documents/ansip-article/");
    assert_eq!(
        select_attrs(&page, "dd.original a", "href"),
        ["/sub/originals/web/ansip-backdoors.html.txt"]
    );
    assert!(text(one(&page, "dd.original")).starts_with("ansip-backdoors.html (HTML,"));
}

#[test]
fn cited_passages_know_their_pages_everywhere_they_are_shown() {
    let project = Project::fixture("originals/published");
    let site = project.build_clean();

    let page = site.page("documents/report/");
    // Page boundaries are marked in the text.
    assert_eq!(
        select_texts(&page, ".document-body .page-start"),
        ["p. 2", "p. 3"]
    );
    // Each cited passage links to its page of the original.
    let mut refs: Vec<(String, String)> = select(&page, ".evidence-index a.page-ref")
        .into_iter()
        .map(|a| (text(a), a.value().attr("href").unwrap_or("").to_string()))
        .collect();
    refs.sort();
    refs.dedup();
    let pdf = "/sub/originals/report.pdf#page=";
    assert_eq!(
        refs,
        [
            ("p. 1".into(), format!("{pdf}1")),
            ("p. 2".into(), format!("{pdf}2")),
            ("p. 3".into(), format!("{pdf}3")),
            ("pp. 2–3".into(), format!("{pdf}2")),
        ]
    );
    // A passage across a page boundary is one mark, the boundary inside it.
    let across = one(&page, "mark#q-closed-that-day-conclusion");
    assert!(text(across).contains("p. 3"), "{}", text(across));

    // The timeline and the actor pages say the page, linked to the original.
    let timeline = site.page("timeline/");
    let event = one(&timeline, "#ansip-speaks");
    let cited = select_attrs(&timeline, "#ansip-speaks .page-ref", "href");
    assert_eq!(cited, [format!("{pdf}2")], "{}", text(event));
    let actor = site.page("actors/andrus-ansip/");
    assert_eq!(select_texts(&actor, "figure.source .page-ref"), ["p. 2"]);

    // The briefing's references carry the page.
    let briefing = site.page("briefing/");
    let references = select_texts(&briefing, ".cite-ref");
    for expected in ["§1, p. 1]", "§2, p. 2]", "§3, pp. 2–3]", "§4, p. 3]"] {
        assert!(
            references.iter().any(|r| r.ends_with(expected)),
            "{expected} in {references:?}"
        );
    }
    assert!(
        select_texts(&briefing, ".passage-ref").contains(&"D1 §3, pp. 2–3".to_string())
            || select_texts(&briefing, ".passage-ref").contains(&"D2 §3, pp. 2–3".to_string())
    );
}

#[test]
fn archived_copies_show_their_date_and_source_links_carry_robust_links() {
    let project = Project::fixture("originals/published");
    let site = project.build_clean();
    let page = site.page("documents/report/");
    let url = "https://agency.example/review-2018";
    let latest = "https://archive.ph/2020.03.02-101500/https://agency.example/review-2018";
    for link in select(&page, ".meta-panel a.source-url") {
        let attrs = link.value();
        assert_eq!(attrs.attr("data-originalurl"), Some(url));
        if attrs.attr("href") == Some(url) {
            // the source link points to the latest copy
            assert_eq!(attrs.attr("data-versionurl"), Some(latest));
            assert_eq!(attrs.attr("data-versiondate"), Some("2020-03-02T10:15:00Z"));
        }
    }
    let archived: Vec<String> = select_texts(&page, ".meta-panel dd a.source-url")
        .into_iter()
        .filter(|t| t.starts_with("archived"))
        .collect();
    assert_eq!(
        archived,
        ["archived 2 March 2020", "archived 15 January 2019"]
    );
    let briefing = site.page("briefing/");
    assert!(
        select_texts(&briefing, ".briefing-document dd")
            .iter()
            .any(|t| t == "archived 15 January 2019 (Wayback Machine)"),
    );
}

/// The fixture with one byte of the report's original changed.
fn with_report_altered(project: &Project) -> Vec<u8> {
    let path = project.root().join("originals/report.pdf");
    let good = std::fs::read(&path).unwrap();
    let mut bad = good.clone();
    let middle = bad.len() / 2;
    bad[middle] ^= 1;
    std::fs::write(&path, bad).unwrap();
    good
}

#[test]
fn an_original_changed_by_one_byte_fails_the_build_naming_the_document() {
    let project = Project::fixture("originals/published");
    let before = project.build_clean();
    with_report_altered(&project);
    let outcome = project.build();
    assert!(outcome.failed());
    assert_eq!(outcome.errors(), 1, "{}", outcome.report(false));
    let problem = &outcome.diagnostics[0];
    assert_eq!(problem.file, PathBuf::from(REPORT));
    assert!(
        problem.message.starts_with(&format!(
            "the original `originals/report.pdf` has changed since it was imported: expected {REPORT_SHA256}, found "
        )),
        "{}",
        problem.message
    );
    // the previous site stays
    assert!(before.dir.join("originals/report.pdf").exists());
}

#[test]
fn every_problem_with_originals_and_archives_is_reported_in_one_run() {
    let project = Project::fixture("originals/published");
    let report = project.read(REPORT);
    let report_front = |source: &str| {
        let start = report.find("source = {").unwrap();
        let end = start + report[start..].find('\n').unwrap();
        format!(
            "{}source = {{ {source} }}{}",
            &report[..start],
            &report[end..]
        )
    };
    project.write(
        REPORT,
        report_front(r#"file = "originals/reprot.pdf", sha256 = "00""#),
    );
    project.write(
        "content/documents/missing.txt",
        "+++\ntitle = \"Missing\"\nsource = { file = \"originals/nothing-like-it.docx\", sha256 = \"00\" }\n+++\nText.\n",
    );
    let document = |id: &str, source: &str| {
        project.write(
            &format!("content/documents/{id}.txt"),
            format!("+++\ntitle = \"{id}\"\nsource = {{ {source} }}\n+++\nText.\n"),
        );
    };
    document("outside", r#"file = "../dossier.toml", sha256 = "00""#);
    document("no-hash", r#"file = "originals/report.pdf""#);
    document(
        "bad-hash",
        r#"file = "originals/report.pdf", sha256 = "47a4d7""#,
    );
    document("hash-alone", r#"sha256 = "47a4d7""#);
    document(
        "short-archive",
        r#"url = "https://x.example/", archive = "https://archive.ph/AbCd1""#,
    );
    document(
        "not-an-archive",
        r#"archives = ["https://example.org/web/20190115093000/https://x.example/"]"#,
    );
    let outcome = project.build();
    assert_eq!(outcome.errors(), 8, "{}", outcome.report(false));
    snapshot("originals__every_problem", &outcome.report(false));
}

#[cfg(unix)]
#[test]
fn an_original_behind_a_symbolic_link_is_never_read() {
    let project = Project::fixture("originals/published");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.pdf"), "secret").unwrap();
    let path = project.root().join("originals/report.pdf");
    std::fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.pdf"), &path).unwrap();
    let outcome = project.build();
    assert!(outcome.failed());
    assert!(
        outcome
            .report(false)
            .contains("goes through a symbolic link"),
        "{}",
        outcome.report(false)
    );
}

#[test]
fn a_rebuild_rereads_an_original_only_when_told_it_changed_and_recovers_when_restored() {
    let project = Project::fixture("originals/published");
    let mut session = Session::new(project.options());
    assert!(!session.build_all().unwrap().failed());
    let good = with_report_altered(&project);
    let changed = Changes {
        originals: BTreeSet::from([PathBuf::from("originals/report.pdf")]),
        ..Changes::default()
    };
    let outcome = session.apply(&changed).unwrap();
    assert!(outcome.failed(), "the altered original is noticed");
    assert!(
        outcome
            .report(false)
            .contains("has changed since it was imported")
    );

    std::fs::write(project.root().join("originals/report.pdf"), good).unwrap();
    let outcome = session.apply(&changed).unwrap();
    assert!(!outcome.failed(), "{}", outcome.report(false));
    let site = project.site_dir();
    let published = std::fs::read(site.join("originals/report.pdf")).unwrap();
    assert_eq!(
        published,
        std::fs::read(project.root().join("originals/report.pdf")).unwrap()
    );
}
