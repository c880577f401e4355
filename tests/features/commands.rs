//! The commands: `check`, `init`, `new`, `build --drafts`, and their exit codes.

use crate::harness::{Project, describe, exit_code, run_in, select_texts, tree};

#[test]
fn check_passes_on_the_example_and_writes_nothing() {
    let project = Project::example();
    let before = tree(project.parent());
    let out = project.run(&["check"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert_eq!(tree(project.parent()), before);
}

#[test]
fn check_fails_on_an_invalid_dossier_and_writes_nothing() {
    let project = Project::fixture("invalid/quote_not_found");
    let before = tree(project.parent());
    let out = project.run(&["check"]);
    assert_eq!(exit_code(&out), 1, "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/events/letter.md:"), "{stderr}");
    assert_eq!(tree(project.parent()), before);
}

#[test]
fn check_through_the_library_reports_what_build_reports() {
    let project = Project::fixture("invalid/several_errors");
    let checked = dossier::check(&project.options()).expect("check runs");
    let built = project.build();
    assert!(checked.failed());
    assert_eq!(checked.report(false), built.report(false));
    assert!(!project.site_dir().exists());
}

#[test]
fn build_exits_zero_on_success() {
    let project = Project::fixture("build/minimal");
    let out = project.run(&["build"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert!(project.site_dir().join("index.html").is_file());
}

#[test]
fn build_reports_the_time_spent_writing_files_and_check_writes_none() {
    let project = Project::example();
    let built = project.build();
    assert!(!built.failed(), "{}", built.report(false));
    let t = built.timings;
    assert!(!t.writing.is_zero(), "files were written: {t:?}");
    // thread time, inside rendering: at most every thread busy writing for all of it
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u32;
    assert!(t.writing <= t.render * threads, "{t:?}");
    let checked = dossier::check(&project.options()).expect("check runs");
    assert!(checked.timings.writing.is_zero(), "{:?}", checked.timings);
    let out = project.run(&["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("writing files took"), "{stdout}");
}

#[test]
fn build_outside_a_dossier_is_a_usage_error() {
    let project = Project::empty();
    let out = project.run(&["build"]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
    assert!(
        tree(project.root()).is_empty(),
        "something was written in a non-project directory"
    );
}

#[test]
fn unknown_command_line_option_is_a_usage_error() {
    let project = Project::fixture("build/minimal");
    let out = project.run(&["build", "--no-such-option"]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
}

#[test]
fn init_creates_a_project_that_builds_cleanly() {
    let project = Project::empty();
    let out = project.run(&["init", "new-dossier"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let created = project.root().join("new-dossier");
    assert!(created.join("dossier.toml").is_file());
    let options = dossier::BuildOptions::new(&created);
    let outcome = dossier::build(&options).expect("the new project builds");
    assert!(outcome.diagnostics.is_empty(), "{}", outcome.report(false));
    assert!(created.join("site/index.html").is_file());
    // And through the binary.
    let out = run_in(&created, &["build"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
}

#[test]
fn init_refuses_a_non_empty_directory() {
    let project = Project::fixture("build/minimal");
    let before = tree(project.parent());
    let out = run_in(project.parent(), &["init", "project"]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
    assert_eq!(tree(project.parent()), before);
}

#[test]
fn new_actor_creates_its_file_and_the_dossier_still_builds() {
    let project = Project::fixture("build/minimal");
    let out = project.run(&["new", "actor", "foo"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert!(project.root().join("content/actors/foo.md").is_file());
    let site = project.build_clean();
    assert!(site.has("actors/foo/index.html"));
}

#[test]
fn new_refuses_an_id_already_in_use() {
    let project = Project::fixture("build/minimal");
    let before = tree(project.parent());
    for args in [
        ["new", "actor", "acme"],
        ["new", "actor", "memo"],
        ["new", "document", "acme"],
    ] {
        let out = project.run(&args);
        assert_eq!(exit_code(&out), 2, "{args:?}: {}", describe(&out));
    }
    assert_eq!(tree(project.parent()), before);
}

#[test]
fn new_refuses_an_id_that_cannot_be_a_url() {
    let project = Project::fixture("build/minimal");
    let before = tree(project.parent());
    for id in ["Foo", "foo bar", "../escape", ""] {
        let out = project.run(&["new", "actor", id]);
        assert_eq!(exit_code(&out), 2, "{id:?}: {}", describe(&out));
    }
    assert_eq!(tree(project.parent()), before);
}

#[test]
fn new_document_and_event_create_their_files() {
    let project = Project::fixture("build/minimal");
    for (kind, id, path) in [
        ("document", "bar", "content/documents/bar.md"),
        ("event", "baz", "content/events/baz.md"),
    ] {
        let out = project.run(&["new", kind, id]);
        assert_eq!(exit_code(&out), 0, "{}", describe(&out));
        assert!(project.root().join(path).is_file(), "{path}");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let project = Project::fixture("drafts/basic");
    let site = project.build_clean();
    assert!(!site.has("documents/work-in-progress/index.html"));
    assert_eq!(
        select_texts(&site.page("documents/"), "li.doc-entry h2 a"),
        ["Published document"]
    );

    let out = project.run(&["build", "--drafts"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert!(site.has("documents/work-in-progress/index.html"));
    assert_eq!(
        select_texts(&site.page("documents/"), "li.doc-entry h2 a"),
        ["Work in progress", "Published document"]
    );
}

/// Runs the binary with its standard output and error going to pipes that are already
/// closed, as `dossier build | head -0` does; returns the exit code.
fn run_with_closed_pipes(project: &Project, args: &[&str]) -> i32 {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(project.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting dossier");
    // Closing the reading ends before the program prints makes every write fail with EPIPE.
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = crate::harness::wait_for_exit(&mut child, 60);
    status.code().unwrap_or(-1)
}

#[test]
fn a_closed_output_pipe_ends_quietly_with_the_commands_exit_code() {
    let project = Project::fixture("build/minimal");
    assert_eq!(run_with_closed_pipes(&project, &["build"]), 0);
    assert!(project.site_dir().join("index.html").is_file());
    assert_eq!(run_with_closed_pipes(&project, &["check"]), 0);
    let broken = Project::fixture("invalid/several_errors");
    assert_eq!(run_with_closed_pipes(&broken, &["check"]), 1);
    assert_eq!(run_with_closed_pipes(&broken, &["build"]), 1);
    let empty = Project::empty();
    assert_eq!(run_with_closed_pipes(&empty, &["build"]), 2);
}
