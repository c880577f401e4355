//! Symbolic links in `content/` are never followed: `build` and the rebuilds of `serve` and
//! `build --watch` skip exactly the same links, each with a warning naming it, and no text
//! from outside the project reaches the site or the report.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use dossier::Outcome;

use crate::harness::{Project, tree};

/// Text that only the files outside the project hold.
const SECRET: &str = "TOP SECRET outside the project";

/// A document with `SECRET` in its body, a valid one, so that following a link to it
/// would publish it.
fn secret_document() -> String {
    format!(
        "+++\ntitle = \"Leaked\"\ndate = \"2020-03-03\"\nkind = \"memo\"\nlang = \"en\"\n+++\n{SECRET}.\n"
    )
}

/// `outside/` beside the project: a secret document and a directory of them.
fn plant_outside(project: &Project) -> std::path::PathBuf {
    let outside = project.parent().join("outside");
    std::fs::create_dir_all(outside.join("dir")).unwrap();
    std::fs::write(outside.join("secret.md"), secret_document()).unwrap();
    std::fs::write(outside.join("dir/also-secret.md"), secret_document()).unwrap();
    outside
}

/// Links to a file, to a directory, and (a link inside the project) to a document.
fn link_into_content(project: &Project, outside: &Path) {
    let documents = project.root().join("content/documents");
    symlink(outside.join("secret.md"), documents.join("leak.md")).unwrap();
    symlink(outside.join("dir"), documents.join("leaks")).unwrap();
    symlink("memo.txt", documents.join("alias.txt")).unwrap();
}

/// The warnings of an outcome, as `file: message`.
fn warnings(outcome: &Outcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| format!("{}: {}", d.file.display(), d.message))
        .collect()
}

const LINK_WARNINGS: [&str; 3] = [
    "content/documents/alias.txt: skipped a symbolic link: content/documents/alias.txt",
    "content/documents/leak.md: skipped a symbolic link: content/documents/leak.md",
    "content/documents/leaks: skipped a symbolic link: content/documents/leaks",
];

fn assert_no_secret(site: &Path) {
    for (path, bytes) in tree(site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{path} holds text from outside the project"
        );
    }
}

#[test]
fn build_skips_symbolic_links_with_a_warning_naming_each() {
    let project = Project::fixture("build/minimal");
    let outside = plant_outside(&project);
    link_into_content(&project, &outside);
    let outcome = project.build();
    assert!(!outcome.failed(), "{}", outcome.report(false));
    assert_eq!(warnings(&outcome), LINK_WARNINGS);
    let report = outcome.report(false);
    assert!(report.contains("dossier only reads regular files inside the project"));
    assert!(
        !report.contains(SECRET),
        "the report shows a linked file:\n{report}"
    );
    assert!(!project.site_dir().join("documents/leak").exists());
    assert!(!project.site_dir().join("documents/alias").exists());
    assert!(
        project
            .site_dir()
            .join("documents/memo/index.html")
            .is_file()
    );
    assert_no_secret(&project.site_dir());
}
