//! Property tests of the parsers (issue #18): front matter, dates and quotes take any text
//! without panicking, report problems with spans inside the file, and parse or find what
//! they should.
//!
//! Each property runs a bounded number of cases so `cargo test` stays fast;
//! `PROPTEST_CASES=5000 cargo test --release properties` runs them for longer. This module
//! holds what the properties share: the odd characters they are made of, and the settings.

mod dates;
mod front_matter;
mod quotes;

use proptest::prelude::*;

/// Characters that have broken parsers before: syntax of both front-matter languages,
/// controls, invisible and typographic characters, combining marks, astral planes.
const ODD: &[char] = &[
    '\0',
    '\u{1b}',
    '\u{7}',
    '\u{8}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\r',
    '\n',
    '\t',
    '"',
    '\'',
    '\\',
    '#',
    '[',
    ']',
    '{',
    '}',
    ':',
    ',',
    '-',
    '+',
    '=',
    '*',
    '_',
    '`',
    '<',
    '>',
    '&',
    '|',
    '!',
    '%',
    '@',
    '\u{a0}',
    '\u{200b}',
    '\u{ad}',
    '\u{feff}',
    '\u{202e}',
    '\u{2028}',
    '“',
    '”',
    '’',
    '«',
    '…',
    'é',
    '\u{301}',
    'ß',
    'İ',
    '中',
    '😀',
    '\u{fffd}',
    '\u{ffff}',
    '\u{10ffff}',
];

/// One character, mostly plain letters and spaces so that words form, often an odd one.
fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::sample::select(&b"abcdefgh  ijklmnop  ABC 0123 .,;"[..]).prop_map(char::from),
        3 => prop::sample::select(ODD),
        1 => any::<char>(),
    ]
}

/// A short string of [`odd_char`]s.
fn odd_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(odd_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Text shaped like a date: mostly well-formed, sometimes out of range or decorated.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?",
        "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?",
        "-?[0-9]{4}-[0-9]{2}-[0-9]{2} ?",
    ]
}

/// Property-test settings: `default` cases, or `PROPTEST_CASES` from the environment for
/// long runs (`PROPTEST_CASES=5000 cargo test --release properties`).
fn proptest_config(default: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    proptest::test_runner::Config {
        cases,
        // the quote properties skip inputs whose passage is not unique: about one in three
        max_global_rejects: cases.max(1024),
        ..proptest::test_runner::Config::default()
    }
}
