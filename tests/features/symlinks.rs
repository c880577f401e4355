//! Symbolic links in `content/` are never followed: `build` and the rebuilds of `serve` and
//! `build --watch` skip exactly the same links, each with a warning naming it, and no text
//! from outside the project reaches the site or the report.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::Path;

use dossier::rebuild::{Changes, Session};
use dossier::{BuildOptions, Outcome};

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

#[test]
fn rebuilds_skip_links_made_while_watching_exactly_as_a_build_does() {
    let project = Project::fixture("build/minimal");
    let root = project.root().to_path_buf();
    let outside = plant_outside(&project);
    let mut options = BuildOptions::new(&root);
    options.output = project.parent().join("incremental");
    let mut session = Session::new(options.clone());
    assert!(session.build_all().unwrap().diagnostics.is_empty());

    // A document that is then replaced by a link, and new links.
    let replaced = "content/documents/replaced.md";
    project.write(replaced, secret_document().replace(SECRET, "Plain text"));
    let changes = Changes::classify(&root, &options.output, [root.join(replaced)]);
    assert!(!session.apply(&changes).unwrap().failed());
    assert!(
        options
            .output
            .join("documents/replaced/index.html")
            .is_file()
    );
    std::fs::remove_file(root.join(replaced)).unwrap();
    symlink(outside.join("secret.md"), root.join(replaced)).unwrap();
    link_into_content(&project, &outside);
    let edited = [
        replaced,
        "content/documents/leak.md",
        "content/documents/leaks",
        // What the watcher may report from inside a linked directory.
        "content/documents/leaks/also-secret.md",
        "content/documents/alias.txt",
    ];
    let changes = Changes::classify(&root, &options.output, edited.map(|p| root.join(p)));
    let rebuilt = session.apply(&changes).unwrap();

    let mut clean_options = options.clone();
    clean_options.output = project.parent().join("clean");
    let clean = dossier::build(&clean_options).unwrap();
    assert!(!clean.failed(), "{}", clean.report(false));
    assert_no_secret(&options.output);
    assert_eq!(tree(&options.output), tree(&clean_options.output));
    assert_eq!(warnings(&rebuilt), warnings(&clean));
    let mut expected = LINK_WARNINGS.to_vec();
    expected.push(
        "content/documents/replaced.md: skipped a symbolic link: content/documents/replaced.md",
    );
    expected.sort();
    assert_eq!(warnings(&rebuilt), expected);
    assert!(!rebuilt.report(false).contains(SECRET));
}

#[test]
fn a_first_rebuild_session_warns_like_a_build() {
    // `serve` starts with a whole build through a session: its warnings (strays as well
    // as links) are those of `dossier build`.
    let project = Project::fixture("build/minimal");
    let outside = plant_outside(&project);
    link_into_content(&project, &outside);
    project.write("content/documents/notes.pdf", "not a document");
    let mut options = BuildOptions::new(project.root());
    options.output = project.parent().join("preview");
    let first = Session::new(options).build_all().unwrap();
    assert_eq!(warnings(&first), warnings(&project.build()));
    assert_eq!(warnings(&first).len(), 4, "{:?}", warnings(&first));
}
