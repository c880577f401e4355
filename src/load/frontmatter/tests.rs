//! Tests of front-matter parsing: fences, spans, native dates, bounds and unknown keys.

use super::*;
use std::path::PathBuf;

#[derive(Deserialize, Debug)]
struct Probe {
    title: Located,
    #[serde(default)]
    tags: Vec<Located>,
}

fn file() -> PathBuf {
    PathBuf::from("x.md")
}

/// The one problem a parse must have found.
fn one<T: std::fmt::Debug>(parsed: Result<T, Vec<Diagnostic>>) -> Diagnostic {
    let mut problems = parsed.unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

#[test]
fn toml_and_yaml_fences_are_recognised() {
    let text = "+++\ntitle = \"A\"\n+++\nBody\n";
    let s = split(&file(), text).unwrap();
    assert_eq!(s.format, Syntax::Toml);
    assert_eq!(&text[s.body.clone()], "Body\n");
    let text = "---\ntitle: A\n---\nBody";
    assert_eq!(split(&file(), text).unwrap().format, Syntax::Yaml);
}

#[test]
fn unclosed_front_matter_is_reported() {
    let d = split(&file(), "+++\ntitle = \"A\"\n").unwrap_err();
    assert!(d.message.contains("never closed"));
}

#[test]
fn toml_values_carry_file_spans() {
    let text = "+++\ntitle = \"A\"\ntags = [\"x\", \"y\"]\n+++\n";
    let s = split(&file(), text).unwrap();
    let p: Probe = parse(&file(), text, &s, "test").unwrap();
    assert_eq!(&text[p.title.span.clone()], "\"A\"");
    assert_eq!(&text[p.tags[1].span.clone()], "\"y\"");
}

#[test]
fn yaml_values_are_located_in_order() {
    let text = "---\ntitle: x\ntags: [x, y]\n---\n";
    let s = split(&file(), text).unwrap();
    let p: Probe = parse(&file(), text, &s, "test").unwrap();
    assert_eq!(p.title.span.start, 11);
    assert_eq!(&text[p.tags[0].span.clone()], "x");
    assert_eq!(p.tags[0].span.start, 20);
}

#[test]
fn a_repeated_yaml_value_gets_its_own_span() {
    let text = "---\ntitle: huawei\ntags: [huawei, zte, huawei]\n---\n";
    let s = split(&file(), text).unwrap();
    let p: Probe = parse(&file(), text, &s, "test").unwrap();
    assert_eq!(p.title.span, 11..17);
    let spans: Vec<_> = p.tags.iter().map(|t| t.span.clone()).collect();
    assert_eq!(spans, [25..31, 33..36, 38..44]);
}

#[derive(Deserialize, Debug)]
struct Signed {
    summary: String,
    author: Located,
}

#[test]
fn a_value_written_before_in_another_field_is_located_at_its_own_place() {
    // `summary` is not located: the search for `author` found the summary's word
    let text = "---\nsummary: huawei\nauthor: huawei\n---\n";
    let s = split(&file(), text).unwrap();
    let p: Signed = parse(&file(), text, &s, "test").unwrap();
    assert_eq!(p.summary, "huawei");
    assert_eq!(p.author.span.start, text.rfind("huawei").unwrap());
}

#[derive(Deserialize, Debug)]
struct Dated {
    date: Located,
}

#[test]
fn toml_native_dates_and_years_are_read_as_their_text() {
    for (written, read) in [
        ("2019-01-01", "2019-01-01"),
        ("2019-01-01T10:30:00Z", "2019-01-01"),
        ("2019-01-01 10:30:00", "2019-01-01"),
        ("1979-05-27T00:32:00.999999-07:00", "1979-05-27"),
        ("2019", "2019"),
        ("\"2018-12\"", "2018-12"),
    ] {
        let text = format!("+++\ndate = {written}\n+++\n");
        let s = split(&file(), &text).unwrap();
        let d: Dated = parse(&file(), &text, &s, "test").unwrap();
        assert_eq!(d.date.value, read, "{written}");
        assert_eq!(&text[d.date.span.clone()], written);
    }
}

#[test]
fn deeply_nested_yaml_is_refused_before_parsing() {
    let text = format!("---\ntitle: x\ntags: {}\n---\n", "[".repeat(100_000));
    let s = split(&file(), &text).unwrap();
    let d = one(parse::<Probe>(&file(), &text, &s, "test"));
    assert!(d.message.contains("nested more than 64"), "{}", d.message);
    assert_eq!(d.span.start, 4 + "title: x\ntags: ".len() + MAX_NESTING);
    // Closing brackets in strings cannot hide the nesting that follows them.
    let text = format!(
        "---\ntitle: \"{}\"\ntags: {}\n---\n",
        "]".repeat(99),
        "[".repeat(99)
    );
    let s = split(&file(), &text).unwrap();
    assert!(parse::<Probe>(&file(), &text, &s, "test").is_err());
    let text = "---\ntitle: x\ntags: [[a], {b: [c]}]\n---\n";
    let s = split(&file(), text).unwrap();
    assert!(check_bounds(&file(), &text[s.front.clone()], 0, Syntax::Yaml).is_ok());
}

#[test]
fn front_matter_over_the_size_limit_is_refused() {
    let text = format!("+++\ntitle = \"{}\"\n+++\n", "x".repeat(MAX_FRONT_MATTER));
    let s = split(&file(), &text).unwrap();
    let d = one(parse::<Probe>(&file(), &text, &s, "test"));
    assert!(d.message.contains("at most 1024 KB"), "{}", d.message);
}

#[test]
fn a_toml_time_without_a_date_is_an_error() {
    let text = "+++\ndate = 10:30:00\n+++\n";
    let s = split(&file(), text).unwrap();
    let d = one(parse::<Dated>(&file(), text, &s, "test"));
    assert!(d.message.contains("time without a date"), "{}", d.message);
}

#[test]
fn unknown_key_points_at_the_key_with_a_suggestion() {
    for text in [
        "+++\ntitle = \"A\"\ntgas = []\n+++\n",
        "---\ntitle: A\ntgas: []\n---\n",
    ] {
        let s = split(&file(), text).unwrap();
        let d = one(parse::<Probe>(&file(), text, &s, "test"));
        assert_eq!(&text[d.span.clone()], "tgas", "{text}");
        assert!(d.hint.starts_with("did you mean `tags`?"), "{}", d.hint);
    }
}
#[derive(Deserialize, Debug)]
struct Event {
    title: Located,
    #[serde(default)]
    tags: Vec<Located>,
}

#[derive(Deserialize, Debug)]
struct Doc {
    title: Located,
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
}

#[test]
fn every_unknown_key_of_a_file_is_reported_at_its_place() {
    for text in [
        "+++\ntitle = \"A\"\nevnets = []\nsumary = \"s\"\n[[events]]\ntitle = \"B\"\ndate = \"2020\"\n[extra]\nfree = 1\n+++\n",
        "---\ntitle: A\nevnets: []\nsumary: s\nevents:\n  - title: B\n    date: \"2020\"\nextra:\n  free: 1\n---\n",
    ] {
        let s = split(&file(), text).unwrap();
        let problems = parse::<Doc>(&file(), text, &s, "document front matter").unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|d| (&text[d.span.clone()], d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("evnets", "unknown key `evnets` in document front matter"),
                ("sumary", "unknown key `sumary` in document front matter"),
                ("date", "unknown key `date` in event 1 of this document"),
            ],
            "{text}"
        );
        assert!(
            problems[0].hint.starts_with("did you mean `events`?"),
            "{}",
            problems[0].hint
        );
    }
}

#[test]
fn keys_under_extra_are_free_and_nested_tables_are_read() {
    let text = "---\ntitle: A\nevents:\n  - title: B\n    tags: [x]\nextra:\n  sumary: s\n---\n";
    let s = split(&file(), text).unwrap();
    let doc: Doc = parse(&file(), text, &s, "document front matter").unwrap();
    assert_eq!(doc.title.value, "A");
    assert_eq!(doc.events[0].title.value, "B");
    assert_eq!(doc.events[0].tags[0].value, "x");
    assert_eq!(doc.extra["sumary"], "s");
}

#[test]
fn only_a_table_that_takes_extra_suggests_it_for_free_data() {
    let text = "+++\ntitle = \"A\"\nevnets = []\n+++\n";
    let s = split(&file(), text).unwrap();
    let with = one(parse::<Doc>(&file(), text, &s, "document front matter"));
    assert_eq!(
        with.hint,
        "did you mean `events`? (put free data under an `extra` table)"
    );
    let text = "+++\ntitle = \"A\"\ntgas = []\n+++\n";
    let s = split(&file(), text).unwrap();
    let without = one(parse::<Probe>(&file(), text, &s, "probe"));
    assert_eq!(without.hint, "did you mean `tags`?");
    let text = "+++\ntitle = \"A\"\nzzz = 1\n+++\n";
    let s = split(&file(), text).unwrap();
    let without = one(parse::<Probe>(&file(), text, &s, "probe"));
    assert_eq!(without.hint, "the keys allowed here are `title`, `tags`");
}

#[test]
fn a_misspelt_key_is_not_also_reported_missing() {
    let text = "+++\ntitel = \"A\"\n+++\n";
    let s = split(&file(), text).unwrap();
    let d = one(parse::<Doc>(&file(), text, &s, "document front matter"));
    assert_eq!(d.message, "unknown key `titel` in document front matter");
    assert!(d.hint.starts_with("did you mean `title`?"), "{}", d.hint);
    // a key missing for no misspelling is reported beside the unknown one
    let text = "+++\nfree = 1\n+++\n";
    let s = split(&file(), text).unwrap();
    let problems = parse::<Doc>(&file(), text, &s, "document front matter").unwrap_err();
    let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "missing key `title` in document front matter",
            "unknown key `free` in document front matter"
        ]
    );
}

#[test]
fn unknown_keys_after_a_bad_value_are_reported_too() {
    // serde stops at the bad `title`; `typo` comes after it in either reader's order
    for text in [
        "+++\ntitle = [1]\ntypo = []\n+++\n",
        "---\ntitle: [1]\ntypo: []\n---\n",
    ] {
        let s = split(&file(), text).unwrap();
        let problems = parse::<Doc>(&file(), text, &s, "document front matter").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].message.contains("invalid type"), "{problems:?}");
        assert_eq!(&text[problems[1].span.clone()], "typo");
    }
}

#[test]
fn a_tab_indenting_yaml_is_named_wherever_it_is() {
    for text in [
        "---\ntitle: T\n\tdate: x\n---\n",
        "---\ntitle: T\ntags:\n\t- a\n---\n",
        "---\ntitle: T\nevents:\n  - title: x\n\t  date: y\n---\n",
        "---\ntitle: T\nsummary: |\n\tsome text\n---\n",
    ] {
        let s = split(&file(), text).unwrap();
        let d = one(parse::<Doc>(&file(), text, &s, "document front matter"));
        assert_eq!(
            d.message,
            "a tab indents this line: YAML is indented with spaces only"
        );
        assert_eq!(&text[d.span.clone()], "\t", "{text:?}");
    }
}
