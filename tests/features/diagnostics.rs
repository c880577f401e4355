//! Bad input: one folder per invalid case under `tests/fixtures/invalid/`, each with the
//! diagnostic it must print, snapshotted in `tests/snapshots/invalid__<case>.snap`.

use crate::harness::{Project, describe, exit_code, snapshot, tree};

/// Builds `invalid/<case>`, requires it to fail without creating the site, and returns
/// the uncoloured report.
fn report(case: &str) -> String {
    let project = Project::fixture(&format!("invalid/{case}"));
    let outcome = project.build();
    assert!(outcome.failed(), "invalid/{case} built without errors");
    assert!(
        !project.site_dir().exists(),
        "invalid/{case}: a failing build created the output directory"
    );
    let report = outcome.report(false);
    for d in &outcome.diagnostics {
        assert!(
            d.file.is_relative(),
            "invalid/{case}: absolute path {} in a diagnostic",
            d.file.display()
        );
        assert!(
            !d.hint.is_empty(),
            "invalid/{case}: a diagnostic without hint: {}",
            d.message
        );
    }
    assert!(
        !report.contains(project.parent().to_str().unwrap_or("\u{0}")),
        "invalid/{case}: the report names the temporary directory"
    );
    report
}

/// The message of every diagnostic of `outcome`, in order.
fn messages(outcome: &dossier::Outcome) -> Vec<&str> {
    outcome
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect()
}

/// Snapshots the report of `invalid/<case>`.
fn assert_diagnostic(case: &str) {
    snapshot(&format!("invalid__{case}"), &report(case));
}

#[test]
fn unknown_key_in_toml_front_matter_suggests_the_right_one() {
    assert_diagnostic("unknown_key_toml");
}

#[test]
fn unknown_key_in_yaml_front_matter_suggests_the_right_one() {
    assert_diagnostic("unknown_key_yaml");
}

/// Every unknown key of a file is its own diagnostic, in one run; keys under `extra` are free.
#[test]
fn every_unknown_key_of_a_file_is_reported() {
    let project = Project::fixture("invalid/several_unknown_keys");
    let outcome = project.build();
    let unknown = messages(&outcome)
        .into_iter()
        .filter(|m| m.starts_with("unknown key"))
        .count();
    assert_eq!(unknown, 3, "{}", outcome.report(false));
    assert_diagnostic("several_unknown_keys");
}

#[test]
fn missing_front_matter_is_reported() {
    let project = Project::fixture("invalid/missing_front_matter");
    let outcome = project.build();
    let messages = messages(&outcome);
    assert_eq!(messages, ["this file has no front matter"]);
    assert!(!project.site_dir().exists());
}

#[test]
fn missing_front_matter_caret_is_under_the_first_line() {
    assert_diagnostic("missing_front_matter");
}

#[test]
fn unclosed_front_matter_is_reported() {
    assert_diagnostic("unclosed_front_matter");
}

#[test]
fn invalid_toml_syntax_is_reported() {
    assert_diagnostic("invalid_toml");
}

#[test]
fn empty_file_is_reported() {
    assert_diagnostic("empty_file");
}

#[test]
fn non_utf8_file_is_reported() {
    let bytes = std::fs::read(crate::harness::fixture_dir(
        "invalid/non_utf8/content/documents/latin1.txt",
    ))
    .expect("reading the fixture");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture lost its Latin-1 byte (check tests/.gitattributes)"
    );
    assert_diagnostic("non_utf8");
}

#[test]
fn impossible_date_is_reported() {
    assert_diagnostic("invalid_date");
}

#[test]
fn end_before_start_is_reported() {
    assert_diagnostic("end_before_start");
}

#[test]
fn duplicate_id_across_actors_and_documents_is_reported() {
    assert_diagnostic("duplicate_id");
}

#[test]
fn unknown_author_suggests_a_known_actor() {
    assert_diagnostic("unknown_author");
}

#[test]
fn unknown_source_document_suggests_a_known_document() {
    assert_diagnostic("unknown_source_document");
}

#[test]
fn link_to_an_unknown_id_is_reported() {
    assert_diagnostic("unknown_link");
}

/// Escape sequences in an untrusted document (here: retitle the window, erase a line,
/// write the clipboard) are shown, not sent to the terminal, in the offending line and in
/// a hint quoting the document alike.
#[test]
fn control_characters_in_a_source_are_shown_not_obeyed() {
    let report = report("control_characters");
    assert!(
        !report.contains(|c: char| c.is_control() && c != '\n'),
        "{report:?}"
    );
    snapshot("invalid__control_characters", &report);
}

#[test]
fn quote_not_in_the_document_says_where_it_diverges() {
    assert_diagnostic("quote_not_found");
}

#[test]
fn unknown_key_in_an_event_table_points_at_that_key() {
    let project = Project::fixture("invalid/unknown_key_in_event");
    let outcome = project.build();
    let d = outcome.diagnostics.first().expect("a diagnostic");
    assert_eq!(
        outcome.sources.line_col(&d.file, d.span.start),
        (9, 1),
        "{}",
        outcome.report(false)
    );
    assert_diagnostic("unknown_key_in_event");
}

/// YAML values are located by the parser: an id written twice is pointed at where it is
/// wrong, not where its text first appears.
#[test]
fn a_repeated_yaml_value_is_pointed_at_where_it_is_wrong() {
    let project = Project::fixture("invalid/unknown_author");
    project.write(
        "content/documents/report.txt",
        "---\ntitle: Report\nsummary: acmee\nauthors: [acmee]\n---\nA report.\n",
    );
    let outcome = project.build();
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("unknown actor"))
        .expect("an unknown actor");
    assert_eq!(
        outcome.sources.line_col(&d.file, d.span.start),
        (4, 11),
        "{}",
        outcome.report(false)
    );
}

#[test]
fn unknown_actor_kind_suggests_a_known_kind() {
    assert_diagnostic("unknown_actor_kind");
}

#[test]
fn unknown_setting_in_dossier_toml_suggests_the_right_one() {
    assert_diagnostic("bad_settings_key");
}

/// How many diagnostics of `invalid/<case>` are about an unknown key.
fn unknown_keys(case: &str) -> usize {
    let project = Project::fixture(&format!("invalid/{case}"));
    let outcome = project.build();
    messages(&outcome)
        .into_iter()
        .filter(|m| m.starts_with("unknown key"))
        .count()
}

/// Every unknown key of `dossier.toml` is its own diagnostic, at the key, in one run.
#[test]
fn every_unknown_setting_is_reported() {
    assert_eq!(unknown_keys("several_unknown_settings"), 2);
    assert_diagnostic("several_unknown_settings");
}

/// So is every unknown key of a theme's interface strings (`templates/i18n/*.toml`).
#[test]
fn every_unknown_key_of_interface_strings_is_reported() {
    assert_eq!(unknown_keys("unknown_interface_strings"), 2);
    assert_diagnostic("unknown_interface_strings");
}

#[test]
fn unsupported_language_is_an_error_at_its_value_with_the_closest_language() {
    assert_diagnostic("unsupported_language");
}

#[test]
fn template_syntax_error_in_a_project_override_is_reported() {
    assert_diagnostic("template_syntax_error");
}

#[test]
fn template_rendering_error_in_a_project_override_is_reported() {
    assert_diagnostic("template_render_error");
}

#[test]
fn several_errors_in_several_files_are_all_reported_in_one_run() {
    let report = report("several_errors");
    snapshot("invalid__several_errors", &report);
    let files: std::collections::BTreeSet<&str> = report
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("┌─ "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert!(files.len() >= 4, "errors from only {files:?}");
}

#[test]
fn several_errors_exit_with_code_one_and_create_no_output() {
    let project = Project::fixture("invalid/several_errors");
    let before = tree(project.parent());
    let out = project.run(&["build"]);
    assert_eq!(exit_code(&out), 1, "{}", describe(&out));
    assert!(!project.site_dir().exists());
    assert_eq!(
        tree(project.parent()),
        before,
        "a failing build changed the project"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\u{1b}'), "colour codes written to a pipe");
    // The binary prints every problem the library finds, in the same words.
    let expected = report("several_errors");
    assert!(
        stderr.contains(&expected),
        "stderr:\n{stderr}\nexpected:\n{expected}"
    );
}

#[test]
fn an_alias_declared_by_two_actors_is_an_error_naming_both() {
    assert_diagnostic("shared_alias");
}

#[test]
fn a_tab_indenting_yaml_is_named_and_pointed_at() {
    let report = report("yaml_tab");
    assert!(report.contains("a tab indents this line"), "{report}");
    snapshot("invalid__yaml_tab", &report);
}

#[test]
fn a_boolean_written_as_a_word_hints_true_or_false() {
    assert_diagnostic("approximate_not_boolean");
}

#[test]
fn unknown_key_in_a_later_event_says_which_event() {
    let report = report("unknown_key_in_second_event");
    assert!(
        report.contains("unknown key `summary` in event 2 of this document"),
        "{report}"
    );
    snapshot("invalid__unknown_key_in_second_event", &report);
}

#[test]
fn missing_key_in_a_later_event_points_at_that_event() {
    assert_diagnostic("missing_key_in_second_event");
}

#[test]
fn links_to_an_event_dropped_for_its_own_error_are_not_reported_again() {
    let project = Project::fixture("invalid/dropped_event_links");
    let outcome = project.build();
    let messages = messages(&outcome);
    // one error per dropped event (a standalone one, one declared in a document), no more
    assert_eq!(messages.len(), 2, "{}", outcome.report(false));
    assert!(
        messages.iter().all(|m| m.starts_with("invalid date")),
        "{messages:?}"
    );
    assert_diagnostic("dropped_event_links");
}

#[test]
fn quote_found_more_than_once_lists_every_occurrence() {
    assert_diagnostic("quote_ambiguous");
}

#[test]
fn prefix_that_no_occurrence_has_lists_where_the_quote_is() {
    assert_diagnostic("quote_prefix_mismatch");
}

#[test]
fn prefix_that_several_occurrences_have_is_still_ambiguous() {
    assert_diagnostic("quote_still_ambiguous");
}

#[test]
fn quote_with_typos_shows_the_closest_passage_and_what_differs() {
    assert_diagnostic("quote_typo");
}
