//! The printed briefing: its title and running header, and what print leaves out.

use crate::harness::{Project, one, select};

#[test]
fn the_briefing_is_titled_with_the_dossier_title_not_the_overview_heading() {
    let site = Project::fixture("print/quoted-title").build_clean();
    let page = site.page("briefing/");
    let title = r#"The "Backdoor" file \ 2024 </style>"#;
    assert_eq!(one(&page, "title").text().collect::<String>(), title);
    assert_eq!(one(&page, "main h1").text().collect::<String>(), title);
}

#[test]
fn the_running_header_carries_the_dossier_title_escaped_for_css() {
    let site = Project::fixture("print/quoted-title").build_clean();
    let page = site.page("briefing/");
    let styles = select(&page, "head style");
    assert_eq!(styles.len(), 1, "one <style> in the briefing's head");
    let css: String = styles[0].text().collect();
    // quotes and the backslash escaped; `<` too, or the title would end the element early
    assert_eq!(
        css,
        r#"@page { @top-left { content: "The \"Backdoor\" file \\ 2024 \3c /style>"; } }"#
    );
    // other pages carry no running title: their own title heads them on screen and paper
    assert!(select(&site.page(""), "head style").is_empty());
}
