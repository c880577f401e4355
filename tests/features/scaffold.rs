//! The newcomer's path: `dossier init` (content, settings and a Pages workflow, no theme),
//! `dossier new` (files that build as written) and `dossier theme eject`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Project, describe, exit_code, run_in, tree};

/// `dossier init project` in an empty temporary directory.
fn init(args: &[&str]) -> Project {
    let project = Project::empty();
    std::fs::remove_dir(project.root()).expect("removing the empty project directory");
    let mut all = vec!["init", "project"];
    all.extend_from_slice(args);
    let out = run_in(project.parent(), &all);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    project
}

/// Runs `dossier check` in the project and requires exit 0.
fn check_passes(project: &Project, after: &str) {
    let out = project.run(&["check"]);
    assert_eq!(
        exit_code(&out),
        0,
        "check after {after}: {}",
        describe(&out)
    );
}

#[test]
fn init_writes_content_settings_and_a_workflow_but_no_theme() {
    let project = init(&[]);
    let files: Vec<String> = tree(project.root())
        .into_keys()
        .filter(|k| !k.ends_with('/'))
        .collect();
    assert_eq!(
        files,
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "content/_index.md",
            "content/actors/example-actor.md",
            "content/documents/first-document.md",
            "dossier.toml",
        ]
    );
    let workflow = project.read(".github/workflows/pages.yml");
    let version = env!("CARGO_PKG_VERSION");
    assert!(workflow.contains("@v1\n"), "{workflow}");
    assert!(
        workflow.contains(&format!("version: \"{version}\"")),
        "{workflow}"
    );
    assert!(!workflow.contains("cargo"), "compiles dossier: {workflow}");
    let site = project.build_clean();
    assert!(site.has("documents/first-document/index.html"));
    assert!(
        site.has("style.css"),
        "the built-in stylesheet is published"
    );
}

#[test]
fn init_without_workflow_leaves_it_out() {
    let project = init(&["--no-workflow"]);
    assert!(!project.root().join(".github").exists());
    check_passes(&project, "init --no-workflow");
}

#[test]
fn init_in_a_cloned_repository_keeps_its_files() {
    let project = Project::empty();
    project.write("README.md", "# My dossier\n");
    project.write(".gitignore", "*.bak\n");
    let out = project.run(&["init", "."]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert_eq!(project.read("README.md"), "# My dossier\n");
    assert_eq!(project.read(".gitignore"), "*.bak\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("kept your .gitignore"), "{stdout}");
    check_passes(&project, "init .");
}

#[test]
fn init_overwrites_nothing_and_then_writes_nothing() {
    let project = Project::empty();
    project.write("content/_index.md", "+++\ntitle = \"Mine\"\n+++\n");
    let before = tree(project.parent());
    let out = project.run(&["init", "."]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("refusing to overwrite"), "{stderr}");
    assert!(stderr.contains("_index.md"), "{stderr}");
    assert_eq!(tree(project.parent()), before);
}

/// The actionlint to check workflows with: `$ACTIONLINT`, or `actionlint` on the PATH.
fn actionlint() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ACTIONLINT") {
        return Some(PathBuf::from(path));
    }
    let found = Command::new("actionlint").arg("-version").output();
    found
        .is_ok_and(|o| o.status.success())
        .then(|| "actionlint".into())
}

#[test]
fn init_writes_a_workflow_that_passes_actionlint() {
    let Some(actionlint) = actionlint() else {
        // .ci/run installs it and sets ACTIONLINT; CI must not skip the check
        assert!(
            std::env::var_os("CI").is_none(),
            "actionlint is missing (set ACTIONLINT or put it on the PATH)"
        );
        eprintln!("skipped: no actionlint (set ACTIONLINT, or run .ci/run)");
        return;
    };
    let project = init(&[]);
    let workflow = Path::new(".github/workflows/pages.yml");
    let out = Command::new(&actionlint)
        .arg("-no-color")
        .arg(workflow)
        .current_dir(project.root())
        .output()
        .expect("running actionlint");
    assert!(out.status.success(), "actionlint: {}", describe(&out));
}

#[test]
fn every_new_command_builds_right_after_init_without_the_example_actor() {
    let project = init(&[]);
    std::fs::remove_file(project.root().join("content/actors/example-actor.md"))
        .expect("deleting the example actor");
    check_passes(&project, "deleting the example actor");
    let commands: &[&[&str]] = &[
        &["new", "document", "plain-document"],
        &[
            "new",
            "document",
            "letter",
            "--title",
            "A \"quoted\" letter \\ with a backslash",
            "--date",
            "2019-03",
            "--kind",
            "letter",
            "--lang",
            "fr",
        ],
        &["new", "actor", "plain-actor"],
        &[
            "new",
            "actor",
            "ann",
            "--name",
            "Ann Example",
            "--kind",
            "person",
        ],
        &["new", "event", "plain-event"],
        &[
            "new",
            "event",
            "plan",
            "--title",
            "A plan",
            "--date",
            "2024-05-07",
            "--source",
            "first-document",
            "--quote",
            "announced a plan on 7 May",
        ],
    ];
    for args in commands {
        let out = project.run(args);
        assert_eq!(exit_code(&out), 0, "{args:?}: {}", describe(&out));
        check_passes(&project, &args.join(" "));
    }
    // the values given on the command line reach the site as they were typed
    let outcome = project.build();
    assert!(!outcome.failed(), "{}", outcome.report(false));
    let page = |url: &str| {
        let file = project.site_dir().join(url).join("index.html");
        scraper::Html::parse_document(&std::fs::read_to_string(file).expect("a page"))
    };
    let h1 = |url: &str| crate::harness::text(crate::harness::one(&page(url), "h1"));
    assert_eq!(
        h1("documents/letter"),
        "A \"quoted\" letter \\ with a backslash"
    );
    assert_eq!(h1("actors/ann"), "Ann Example");
    let timeline = crate::harness::text(crate::harness::one(&page("timeline"), "main"));
    assert!(timeline.contains("A plan"), "{timeline}");
}

#[test]
fn new_fills_in_a_title_from_the_id_and_todays_date() {
    let project = init(&["--no-workflow"]);
    let before = today();
    let out = project.run(&["new", "document", "annual-report"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let text = project.read("content/documents/annual-report.md");
    assert!(text.contains("title = \"Annual Report\"\n"), "{text}");
    let after = today();
    assert!(
        text.contains(&format!("date = \"{before}\"\n"))
            || text.contains(&format!("date = \"{after}\"\n")),
        "not today ({before}): {text}"
    );
    // nothing is left empty, nothing names an id the dossier may not have
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        assert!(!line.contains("\"\""), "an empty value: {line}");
    }
    assert!(!text.contains("example"), "{text}");
}

/// Today's date (UTC) as `date` prints it.
fn today() -> String {
    let out = Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .expect("running date");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn new_refuses_what_would_not_build_and_writes_nothing() {
    let project = init(&["--no-workflow"]);
    let before = tree(project.parent());
    let refused: &[&[&str]] = &[
        &["new", "document", "a", "--title", " "],
        &["new", "document", "a", "--date", "2020-13"],
        &["new", "document", "a", "--lang", "english language"],
        &["new", "actor", "a", "--kind", "company"],
        &["new", "actor", "a", "--name", ""],
        &["new", "event", "a", "--source", "first-document"],
        &[
            "new",
            "event",
            "a",
            "--source",
            "no-such-document",
            "--quote",
            "x",
        ],
        &[
            "new",
            "event",
            "a",
            "--source",
            "example-actor",
            "--quote",
            "x",
        ],
    ];
    for args in refused {
        let out = project.run(args);
        assert_eq!(exit_code(&out), 2, "{args:?}: {}", describe(&out));
    }
    assert_eq!(tree(project.parent()), before);
}

#[test]
fn new_event_suggests_the_document_meant() {
    let project = init(&["--no-workflow"]);
    let out = project.run(&[
        "new",
        "event",
        "a",
        "--source",
        "first-documnet",
        "--quote",
        "x",
    ]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean `first-document`?"),
        "{stderr}"
    );
}

#[test]
fn theme_eject_copies_the_files_named_and_never_overwrites() {
    let project = init(&["--no-workflow"]);
    let out = project.run(&["theme", "eject", "base.html", "static/style.css"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let built_in = |name: &str| {
        std::fs::read_to_string(crate::harness::repo_root().join(name)).expect("a built-in file")
    };
    assert_eq!(
        project.read("templates/base.html"),
        built_in("templates/base.html")
    );
    assert_eq!(
        project.read("static/style.css"),
        built_in("static/style.css")
    );
    assert!(!project.root().join("templates/actor.html").exists());
    project.build_clean();

    project.write("templates/base.html", "edited");
    let before = tree(project.parent());
    for args in [
        &["theme", "eject", "base.html"][..],
        &["theme", "eject"],
        &["theme", "eject", "bsae.html"],
    ] {
        let out = project.run(args);
        assert_eq!(exit_code(&out), 2, "{args:?}: {}", describe(&out));
    }
    assert_eq!(tree(project.parent()), before);
    let out = project.run(&["theme", "eject", "bsae.html"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("did you mean `base.html`?"), "{stderr}");
}

#[test]
fn theme_eject_without_names_copies_every_built_in_file() {
    let project = init(&["--no-workflow"]);
    let out = project.run(&["theme", "eject"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    for name in [
        "templates/i18n/fr.toml",
        "templates/feed.xml",
        "static/search.js",
    ] {
        assert!(project.root().join(name).is_file(), "{name}");
    }
    project.build_clean();
}
