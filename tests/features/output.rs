//! Output safety: a failing build leaves the previous site untouched, outputs that would
//! overwrite the project are refused, and nothing is written outside the output directory.

use std::collections::BTreeMap;

use crate::harness::{Project, describe, exit_code, tree};

/// The tree under `dir` without the entries under `skip` (a relative path ending in `/`).
fn tree_without(dir: &std::path::Path, skip: &str) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
        .into_iter()
        .filter(|(path, _)| !path.starts_with(skip))
        .collect()
}

const MEMO: &str = "content/documents/memo.txt";

#[test]
fn failing_build_leaves_the_previous_site_byte_for_byte_untouched() {
    let project = Project::fixture("build/minimal");
    project.build_clean();
    let before = tree(&project.site_dir());
    assert!(before.contains_key("documents/memo/index.html"));

    // Edit the text so that the quote the event cites is gone, and change the title so a
    // rebuild would differ.
    let memo = project
        .read(MEMO)
        .replace(
            "staff: the plant will close in June.",
            "staff: the plant will close in July.",
        )
        .replace("Internal memo", "Changed memo");
    project.write(MEMO, memo);
    let outcome = project.build();
    assert!(outcome.failed(), "the broken quote must fail the build");
    assert_eq!(
        tree(&project.site_dir()),
        before,
        "the previous site was modified"
    );
}

#[test]
fn failing_build_leaves_no_staging_directory_behind() {
    let project = Project::fixture("build/minimal");
    project.build_clean();
    project.write(
        "content/events/bad.md",
        "+++\ntitle = \"Bad\"\ndate = \"2020-02-30\"\n+++\n",
    );
    let before = tree_without(project.parent(), "project/site/");
    assert!(project.build().failed());
    assert_eq!(tree_without(project.parent(), "project/site/"), before);
}

#[test]
fn failed_first_build_creates_no_output_directory() {
    let project = Project::fixture("build/minimal");
    project.write(
        "content/events/bad.md",
        "+++\ntitle = \"Bad\"\ndate = \"2020-02-30\"\n+++\n",
    );
    assert!(project.build().failed());
    assert!(!project.site_dir().exists());
}

#[test]
fn successful_rebuild_replaces_the_site_and_removes_stale_pages() {
    let project = Project::fixture("build/minimal");
    project.write(
        "content/actors/extra.md",
        "+++\nname = \"Extra Actor\"\nkind = \"person\"\n+++\n",
    );
    assert!(project.build_clean().has("actors/extra/index.html"));
    std::fs::remove_file(project.root().join("content/actors/extra.md"))
        .expect("removing an actor");
    let site = project.build_clean();
    assert!(
        !site.has("actors/extra/index.html"),
        "a page of a deleted actor survived the rebuild"
    );
    assert!(site.has("actors/acme/index.html"));
}

#[test]
fn build_writes_nothing_outside_the_output_directory() {
    let project = Project::fixture("build/minimal");
    let before = tree(project.parent());
    project.build_clean();
    project.build_clean();
    assert_eq!(tree_without(project.parent(), "project/site/"), before);
}

#[test]
fn build_into_a_custom_output_writes_only_there() {
    let project = Project::fixture("build/minimal");
    let before = tree(project.parent());
    let output = project.parent().join("public");
    let out = project.run(&["build", "--output", output.to_str().expect("a UTF-8 path")]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert!(output.join("index.html").is_file());
    assert!(!project.site_dir().exists());
    assert_eq!(tree_without(project.parent(), "public/"), before);
}

/// Runs `dossier build --output <output>` and checks it is refused with exit code 2, writing nothing.
fn assert_output_refused(project: &Project, output: &str) {
    let before = tree(project.parent());
    let out = project.run(&["build", "--output", output]);
    assert_eq!(
        exit_code(&out),
        2,
        "--output {output} was not refused: {}",
        describe(&out)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refusing"), "{stderr}");
    assert_eq!(
        tree(project.parent()),
        before,
        "--output {output} changed files"
    );
}

#[test]
fn output_equal_to_the_root_is_refused() {
    let project = Project::fixture("build/minimal");
    assert_output_refused(&project, ".");
    assert_output_refused(&project, project.root().to_str().expect("a UTF-8 path"));
}

#[test]
fn output_inside_the_sources_is_refused() {
    let project = Project::fixture("build/minimal");
    assert_output_refused(&project, "content");
    assert_output_refused(&project, "content/site");
}

#[test]
fn output_containing_the_root_is_refused() {
    let project = Project::fixture("build/minimal");
    assert_output_refused(&project, "..");
    assert_output_refused(&project, project.parent().to_str().expect("a UTF-8 path"));
}

#[test]
fn output_that_is_an_unrelated_directory_is_refused() {
    let project = Project::fixture("build/minimal");
    project.write("notes/todo.txt", "keep me");
    assert_output_refused(&project, "notes");
}

#[test]
fn library_refuses_an_unsafe_output_without_writing() {
    let project = Project::fixture("build/minimal");
    let before = tree(project.parent());
    let mut options = project.options();
    options.output = project.root().join("content");
    let result = dossier::build(&options);
    assert!(
        matches!(result, Err(dossier::Error::UnsafeOutput { .. })),
        "{result:?}"
    );
    assert_eq!(tree(project.parent()), before);
}
