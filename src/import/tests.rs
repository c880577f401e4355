//! Unit tests of the import steps that need no file: dates, ids and the document written.

use std::path::Path;

use super::detect::{Language, Named};
use super::*;

#[test]
fn iso_dates_keep_the_precision_they_have() {
    for (written, kept) in [
        ("2018-12-07T14:05:00+01:00", Some("2018-12-07")),
        ("2018-12-07", Some("2018-12-07")),
        ("2018-12", Some("2018-12")),
        ("2018", Some("2018")),
        (" 2019-03-14T09:30:00Z ", Some("2019-03-14")),
        ("2018-13-01", None),
        ("2018-1", None),
        ("December 2018", None),
    ] {
        assert_eq!(iso_date(written).as_deref(), kept, "{written}");
    }
}

#[test]
fn ids_come_from_the_title_cut_at_a_word() {
    let file = Path::new("/tmp/Scan 0001.pdf");
    assert_eq!(
        default_id("Letter to Vice-President Ansip", file),
        "letter-to-vice-president-ansip"
    );
    assert_eq!(default_id("华为", file), "scan-0001");
    let long = default_id(&"word ".repeat(30), file);
    assert!(long.len() <= MAX_ID_LEN && long.ends_with("word"), "{long}");
    assert_eq!(
        title_from_name(Path::new("a/huawei_letter-2018.txt")),
        "huawei letter 2018"
    );
}

fn written(extracted: &Extracted, title: &str, actors: &[Named]) -> Result<String, String> {
    let lang = Language::given("fr");
    let fields = document::Fields {
        extracted,
        title,
        kind: None,
        lang: Some(&lang),
        reflow: true,
        original: Path::new("originals/x.pdf"),
        sha256: "00",
        actors,
    };
    document::write(&fields, Path::new("content/documents/x.txt"))
}

#[test]
fn hostile_values_are_escaped_and_the_document_loads() {
    let extracted = Extracted {
        text: "+++\ntitle = \"not this\"\n+++\n---\nbody\n".into(),
        publisher: Some("A \"quoted\" \\ publisher\u{1b}]52".into()),
        url: Some("https://example.org/a?b=\"c\"".into()),
        ..Extracted::default()
    };
    let actors = [Named {
        id: "acme".into(),
        name: "Acme\u{7}".into(),
        count: 2,
    }];
    let text = written(&extracted, "Title with \"quotes\", ''' and \\", &actors).unwrap();
    let split = crate::load::frontmatter::split(Path::new("x.txt"), &text).unwrap();
    assert_eq!(&text[split.body.clone()], extracted.text);
    let front: crate::load::raw::RawDocument =
        crate::load::frontmatter::parse(Path::new("x.txt"), &text, &split, "document").unwrap();
    assert_eq!(front.title.value, "Title with \"quotes\", ''' and \\");
    let source = front.source.unwrap();
    assert_eq!(
        source.publisher.as_deref(),
        Some("A \"quoted\" \\ publisher\u{1b}]52")
    );
    assert_eq!(source.file.unwrap().value, "originals/x.pdf");
    assert_eq!(front.reflow, Some(true));
    assert!(text.contains("# actors = [\"acme\"]\n"), "{text}");
}

#[test]
fn missing_values_are_written_as_comments_to_fill_in() {
    let extracted = Extracted {
        text: "Body\n".into(),
        ..Extracted::default()
    };
    let text = written(&extracted, "T", &[]).unwrap();
    assert!(text.contains("\n# date = \"\""), "{text}");
    assert!(text.contains("\n# kind = "), "{text}");
    assert!(!text.contains("actors"), "{text}");
}
