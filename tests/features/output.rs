//! Output safety: a failing build leaves the previous site untouched, outputs that would
//! overwrite the project are refused, and nothing is written outside the output directory.

use std::collections::BTreeMap;

use crate::harness::{Project, describe, exit_code, select_attrs, tree, wait_for_exit};

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

#[cfg(unix)]
#[test]
fn interrupted_build_removes_its_staged_files_and_keeps_the_previous_site() {
    let project = Project::fixture("build/minimal");
    project.build_clean();
    // A document template that takes about a second: the interrupt arrives while the page
    // renders, once the staging directory exists and other pages are written into it.
    project.write(
        "templates/document.html",
        "{{ page.title }}{% for i in range(end=10000) %}{% for j in range(end=3000) %}{% endfor %}{% endfor %}",
    );
    let before = tree(project.parent());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("build")
        .current_dir(project.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starting dossier");
    let staging = format!(".site.staging-{}", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !project.root().join(&staging).is_dir() {
        assert!(
            child.try_wait().expect("polling dossier").is_none(),
            "the build ended before it could be interrupted"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "no {staging} appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("running kill");
    assert!(kill.success());

    let status = wait_for_exit(&mut child, 60);
    let mut stderr = Vec::new();
    if let Some(mut pipe) = child.stderr.take() {
        std::io::Read::read_to_end(&mut pipe, &mut stderr).expect("reading stderr");
    }
    let out = std::process::Output {
        status,
        stdout: Vec::new(),
        stderr,
    };
    assert_eq!(
        out.status.code(),
        Some(i32::from(dossier::interrupt::EXIT_CODE)),
        "{}",
        describe(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("previous one left untouched"),
        "{}",
        describe(&out)
    );
    // The previous site byte for byte, and no staged file anywhere.
    assert_eq!(tree(project.parent()), before);
}

#[cfg(target_os = "linux")]
#[test]
fn build_removes_what_killed_builds_left_beside_the_site() {
    let project = Project::fixture("build/minimal");
    project.build_clean();
    // Process ids above Linux's maximum (2^22): these builds are gone.
    let left = [".site.staging-999999991", ".site.old-999999992"];
    for dir in left {
        project.write(&format!("{dir}/documents/memo/index.html"), "half a page");
    }
    project.write(&format!("{}/.dossier-staging", left[0]), "");
    project.write(&format!("{}/index.html", left[1]), "a site set aside");
    // Directories of those names that a build did not leave are the user's.
    let foreign = ".site.staging-999999994";
    project.write(&format!("{foreign}/notes.txt"), "mine");
    // A process that is alive: its directory may be a build in progress.
    let mut alive = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .expect("starting sleep");
    let live = format!(".site.staging-{}", alive.id());
    project.write(&format!("{live}/index.html"), "a page");
    let unrelated = ".site.staging-notes";
    project.write(&format!("{unrelated}/keep.txt"), "mine");

    project.build_clean();
    for dir in left {
        assert!(!project.root().join(dir).exists(), "{dir} is still there");
    }
    let kept = project.root().join(&live).join("index.html").is_file();
    let _ = alive.kill();
    let _ = alive.wait();
    assert!(kept, "the directory of a live process was removed");
    assert!(project.root().join(unrelated).join("keep.txt").is_file());
    assert!(project.root().join(foreign).join("notes.txt").is_file());
}

#[cfg(target_os = "linux")]
#[test]
fn a_previous_site_set_aside_is_kept_while_the_output_is_missing() {
    // A build killed between moving the site aside and moving the new one in: the site set
    // aside is the only copy, and the next build must not remove it.
    let project = Project::fixture("build/minimal");
    let aside = ".site.old-999999993";
    project.write(&format!("{aside}/index.html"), "the previous site");
    project.build_clean();
    assert!(project.root().join(aside).join("index.html").is_file());
}

#[test]
fn output_spelt_through_a_missing_directory_and_dotdot_is_refused() {
    let project = Project::fixture("build/minimal");
    for dir in ["templates", "static", "originals"] {
        project.write(&format!("{dir}/keep.txt"), "a source");
    }
    let absolute = project.root().to_str().expect("a UTF-8 path");
    for output in [
        "nonexist/../content".to_string(),
        "nonexist/../content/site".to_string(),
        "nonexist/../templates".to_string(),
        "nonexist/../static".to_string(),
        "nonexist/../originals".to_string(),
        "nonexist/a/../../static".to_string(),
        "nonexist/..".to_string(),
        "nonexist/../.".to_string(),
        "nonexist/../../project".to_string(),
        "./nonexist/../../project/content".to_string(),
        format!("{absolute}/zz/../content"),
        format!("{absolute}/zz/../../project/content"),
        format!("{absolute}/zz/.."),
    ] {
        assert_output_refused(&project, &output);
    }
    assert!(
        !project.root().join("nonexist").exists() && !project.root().join("zz").exists(),
        "a refused build created a directory"
    );
}

#[cfg(unix)]
#[test]
fn output_spelt_through_a_symlink_to_the_project_is_refused() {
    let project = Project::fixture("build/minimal");
    let link = project.parent().join("alias");
    std::os::unix::fs::symlink(project.root(), &link).expect("linking to the project");
    let inner = project.root().join("loop");
    std::os::unix::fs::symlink(".", &inner).expect("linking to the project from inside");
    let alias = link.to_str().expect("a UTF-8 path");
    for output in [
        format!("{alias}/content"),
        format!("{alias}/nonexist/../static"),
        alias.to_string(),
        "loop/content".to_string(),
        "loop".to_string(),
        "loop/../project/content".to_string(),
    ] {
        assert_output_refused(&project, &output);
    }
    // The link itself names a directory with sources beside it: building through it into a
    // new directory is fine, and writes only there.
    let out = project.run(&["build", "--output", &format!("{alias}/nonexist/../public")]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert!(project.root().join("public/index.html").is_file());
    assert!(!project.root().join("nonexist").exists());
}

#[test]
fn output_that_is_a_file_is_refused() {
    let project = Project::fixture("build/minimal");
    project.write("notes.txt", "keep me");
    assert_output_refused(&project, "notes.txt");
    assert_output_refused(&project, "dossier.toml");
}

/// The search index of a built site, put back together from its manifest, shards and
/// chunks: `{"entries": [...], "terms": [...]}`.
pub fn search_index(site: &crate::harness::Site) -> serde_json::Value {
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&site.text(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    let manifest = json("search-index.json");
    let files = |key: &str| -> Vec<String> {
        manifest[key]
            .as_array()
            .expect("a list of files")
            .iter()
            .map(|f| f.as_str().expect("a path").to_string())
            .collect()
    };
    let mut entries = Vec::new();
    for chunk in files("chunks") {
        entries.extend(json(&chunk).as_array().expect("entries").iter().cloned());
    }
    let mut terms = Vec::new();
    for shard in files("shards") {
        terms.extend(
            json(&shard)["terms"]
                .as_array()
                .expect("terms")
                .iter()
                .cloned(),
        );
    }
    assert_eq!(manifest["count"].as_u64(), Some(entries.len() as u64));
    serde_json::json!({ "entries": entries, "terms": terms })
}

#[test]
fn search_results_are_narrowed_by_groups_of_type_kind_and_year() {
    let site = Project::example().build_clean();
    let manifest: serde_json::Value =
        serde_json::from_str(&site.text("search-index.json")).expect("JSON");
    let index = search_index(&site);
    let entries = index["entries"].as_array().expect("entries");
    let groups = manifest["groups"].as_array().expect("groups");
    // every entry is in the group whose range holds it, of its own type
    for (g, group) in groups.iter().enumerate() {
        let start = group[3].as_u64().expect("start") as usize;
        let end = groups.get(g + 1).map_or(entries.len(), |next| {
            next[3].as_u64().expect("start") as usize
        });
        assert!(start < end, "empty group {group}");
        for entry in &entries[start..end] {
            assert_eq!(entry["k"], group[0], "{entry} in {group}");
        }
    }
    let letter = groups
        .iter()
        .find(|g| g[1] == "letter")
        .expect("a group of letters");
    assert_eq!(
        (letter[0].as_str(), letter[2].as_i64()),
        (Some("d"), Some(2018))
    );
    // the search page offers the kinds and years as choices of a GET form
    let page = site.page("search/");
    let options =
        |name: &str| select_attrs(&page, &format!("select[name='{name}'] option"), "value");
    assert_eq!(options("type"), ["", "document", "actor", "event"]);
    let kinds = options("kind");
    for kind in ["letter", "parliamentary-question", "person", "organisation"] {
        assert!(kinds.contains(&kind.to_string()), "{kind} in {kinds:?}");
    }
    let years = options("year");
    assert!(years.contains(&"2018".to_string()) && years.contains(&"2024".to_string()));
}

#[test]
fn search_index_holds_the_text_readers_see_never_ids() {
    let site = Project::fixture("search/reader_text").build_clean();
    let index = search_index(&site);
    let excerpts: Vec<(&str, &str)> = index["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| (e["t"].as_str().unwrap_or(""), e["x"].as_str().unwrap_or("")))
        .collect();
    let excerpt = |title: &str| {
        excerpts
            .iter()
            .find(|(t, _)| *t == title)
            .map(|(_, x)| *x)
            .unwrap_or_else(|| panic!("no entry {title}: {excerpts:?}"))
    };
    assert_eq!(
        excerpt("Court ruling on unlocking"),
        "16 February 2016: the court ordered the unlocking (The encryption case, the vendor), as the memo explains."
    );
    assert_eq!(
        excerpt("Acme Networks"),
        "Founded in 1987 by Ren Zhengfei; see The encryption case."
    );
    let terms: Vec<&str> = index["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    for id_only in ["zq", "x7q", "qqmemo", "zz9"] {
        assert!(!terms.contains(&id_only), "`{id_only}` is indexed");
    }
    for read in ["zhengfei", "encryption", "vendor", "memo", "ruling"] {
        assert!(terms.contains(&read), "`{read}` is not indexed");
    }
}
