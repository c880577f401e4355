//! Incremental rebuilds (`serve`, `build --watch`) always equal a clean build.
//!
//! A long, seeded random sequence of edits (documents, actors, events, templates, static
//! files; created, modified, renamed, deleted; invalid edits and their fixes) is applied
//! to a copy of the example dossier. After every step the incrementally updated site is
//! compared byte for byte with a clean build of the same tree, or, when the tree is
//! invalid, with the last good clean build (a failing rebuild must leave the site alone).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use dossier::rebuild::{Changes, Session};
use dossier::{BuildOptions, Progress};

use crate::harness::{Project, built_in_templates, tree};

const STEPS: usize = 120;
const BASE_URL: &str = "https://example.org/repo/";

/// A small deterministic generator (xorshift), so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The edits made so far that later steps may undo or build on.
#[derive(Default)]
struct State {
    generated_docs: Vec<String>,
    generated_actors: Vec<String>,
    counter: usize,
    /// An invalid edit to repair at the next step: (path, original contents or None if it did not exist).
    repair: Option<(String, Option<Vec<u8>>)>,
}

fn files_in(root: &Path, dir: &str) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(root.join(dir))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn generated_document(n: usize, rng: &mut Rng) -> String {
    let date = match rng.below(3) {
        0 => format!("{}", 2000 + rng.below(25)),
        1 => format!("{}-{:02}", 2000 + rng.below(25), 1 + rng.below(12)),
        _ => format!(
            "{}-{:02}-{:02}",
            2000 + rng.below(25),
            1 + rng.below(12),
            1 + rng.below(28)
        ),
    };
    let actor = *rng.pick(&["huawei", "ren-zhengfei", "apple", "xi-jinping"]);
    format!(
        "+++\ntitle = \"Generated document {n}\"\ndate = \"{date}\"\nkind = \"note\"\nlang = \"en\"\nactors = [\"{actor}\"]\ntags = [\"gen-{tag}\"]\n\n[[events]]\ntitle = \"Generated event {n}\"\ndate = \"{date}\"\nactors = [\"{actor}\"]\nquote = \"generated passage number {n}\"\n+++\nThis generated passage number {n} names Ren Zhengfei and Huawei, in Brussels. See [[huawei]], [[{actor}|the actor]] and [[huawei-letter-to-ansip]].\n",
        tag = rng.below(3)
    )
}

/// Renames one of the generated files `ids` of `content/SECTION/` to `id`.
fn rename_one(
    root: &Path,
    section: &str,
    ids: &mut [String],
    id: String,
    rng: &mut Rng,
) -> (Vec<String>, String) {
    let i = rng.below(ids.len());
    let from = format!("content/{section}/{}.md", ids[i]);
    let to = format!("content/{section}/{id}.md");
    fs::rename(root.join(&from), root.join(&to)).unwrap();
    ids[i] = id;
    let what = format!("rename {from} to {to}");
    (vec![from, to], what)
}

/// Applies one random edit; returns the paths it touched and what it did.
/// Replaces `a` with `b` in the file at `path`, or `b` with `a` when it has `b`: an edit the
/// next one of its kind undoes.
fn toggle(root: &Path, path: &str, a: &str, b: &str) {
    let text = fs::read_to_string(root.join(path)).unwrap();
    assert!(text.contains(a) || text.contains(b), "{path} changed shape");
    let text = if text.contains(a) {
        text.replace(a, b)
    } else {
        text.replace(b, a)
    };
    fs::write(root.join(path), text).unwrap();
}

fn edit(root: &Path, rng: &mut Rng, state: &mut State) -> (Vec<String>, String) {
    if let Some((path, original)) = state.repair.take() {
        match original {
            Some(bytes) => fs::write(root.join(&path), bytes).unwrap(),
            None => {
                let _ = fs::remove_file(root.join(&path));
            }
        }
        return (vec![path.clone()], format!("repair {path}"));
    }
    state.counter += 1;
    let n = state.counter;
    let docs = files_in(root, "content/documents");
    match rng.below(22) {
        0 | 1 => {
            let doc = rng.pick(&docs).clone();
            let mut text = fs::read_to_string(root.join(&doc)).unwrap();
            text.push_str(&format!(
                "\nEdit {n}: Xi Jinping and Huawei met in Budapest.\n"
            ));
            if rng.below(2) == 0 {
                fs::write(root.join(&doc), text).unwrap();
                (vec![doc.clone()], format!("append to {doc}"))
            } else {
                // As `sed -i` saves: a temporary file renamed over the document.
                let temp = format!("content/documents/sed{n}XyZ");
                fs::write(root.join(&temp), text).unwrap();
                fs::rename(root.join(&temp), root.join(&doc)).unwrap();
                (
                    vec![temp, doc.clone()],
                    format!("append to {doc} through a renamed file"),
                )
            }
        }
        2 => {
            let doc = rng.pick(&docs).clone();
            let text = fs::read_to_string(root.join(&doc)).unwrap();
            let start = text.find("title = \"").unwrap() + 9;
            let end = start + text[start..].find("\"\n").unwrap();
            let text = format!("{}Retitled {n}{}", &text[..start], &text[end..]);
            fs::write(root.join(&doc), text).unwrap();
            (vec![doc.clone()], format!("retitle {doc}"))
        }
        3 | 4 => {
            let id = format!("gen-{n}");
            let path = format!("content/documents/{id}.md");
            fs::write(root.join(&path), generated_document(n, rng)).unwrap();
            state.generated_docs.push(id);
            (vec![path.clone()], format!("create {path}"))
        }
        5 if !state.generated_docs.is_empty() => {
            let i = rng.below(state.generated_docs.len());
            let id = state.generated_docs.remove(i);
            let path = format!("content/documents/{id}.md");
            fs::remove_file(root.join(&path)).unwrap();
            (vec![path.clone()], format!("delete {path}"))
        }
        6 if !state.generated_docs.is_empty() => {
            let id = format!("gen-renamed-{n}");
            rename_one(root, "documents", &mut state.generated_docs, id, rng)
        }
        7 => {
            let id = format!("gen-actor-{n}");
            let path = format!("content/actors/{id}.md");
            // "Nowhere" is in no text: only the profile's link ties the actor to a document.
            let alias = *rng.pick(&["Brussels", "Budapest", "Washington", "Ansip", "Nowhere"]);
            let text = format!(
                "+++\nname = \"Generated Actor {n}\"\nkind = \"{}\"\naliases = [\"{alias}\"]\nrelations = [{{ actor = \"huawei\", label = \"watches\" }}]\n+++\nProfile {n}, see [[huawei]] and [[huawei-letter-to-ansip]].\n",
                rng.pick(&["person", "state", "media"])
            );
            fs::write(root.join(&path), text).unwrap();
            state.generated_actors.push(id);
            (vec![path.clone()], format!("create {path} (alias {alias})"))
        }
        8 if !state.generated_actors.is_empty() => {
            let i = rng.below(state.generated_actors.len());
            let id = state.generated_actors.remove(i);
            let path = format!("content/actors/{id}.md");
            fs::remove_file(root.join(&path)).unwrap();
            (vec![path.clone()], format!("delete {path}"))
        }
        9 => {
            let path = "content/events/xi-visit-budapest.md".to_string();
            let text = fs::read_to_string(root.join(&path)).unwrap();
            let day = 1 + rng.below(8);
            let start = text.find("date = \"").unwrap() + 8;
            let text = format!("{}2024-05-{day:02}{}", &text[..start], &text[start + 10..]);
            fs::write(root.join(&path), text).unwrap();
            (
                vec![path.clone()],
                format!("redate {path} to 2024-05-{day:02}"),
            )
        }
        10 => {
            let path = "templates/404.html".to_string();
            let builtin = built_in_templates()["404.html"].as_str();
            if root.join(&path).exists() && rng.below(2) == 0 {
                fs::remove_file(root.join(&path)).unwrap();
                (vec![path.clone()], format!("remove {path}"))
            } else {
                // inside the block: a child template has nothing outside its blocks
                let edited = builtin.replacen(
                    "{% endblock content %}",
                    &format!("<!-- edit {n} -->\n{{% endblock content %}}"),
                    1,
                );
                assert_ne!(edited, builtin, "the built-in 404.html changed shape");
                fs::write(root.join(&path), edited).unwrap();
                (vec![path.clone()], format!("override {path}"))
            }
        }
        11 => {
            let path = format!("static/extra-{}.txt", rng.below(3));
            if root.join(&path).exists() && rng.below(2) == 0 {
                fs::remove_file(root.join(&path)).unwrap();
                (vec![path.clone()], format!("remove {path}"))
            } else {
                fs::create_dir_all(root.join("static")).unwrap();
                fs::write(root.join(&path), format!("static {n}\n")).unwrap();
                (vec![path.clone()], format!("write {path}"))
            }
        }
        12 => {
            // An invalid edit: a misspelt key, or a quote that is not in the document.
            let doc = rng.pick(&docs).clone();
            let original = fs::read(root.join(&doc)).unwrap();
            let text = String::from_utf8(original.clone()).unwrap();
            let broken = if rng.below(2) == 0 {
                text.replacen("title = ", "titel = ", 1)
            } else {
                text.replacen("quote = \"", "quote = \"not in the text ", 1)
            };
            fs::write(root.join(&doc), broken).unwrap();
            state.repair = Some((doc.clone(), Some(original)));
            (vec![doc.clone()], format!("break {doc}"))
        }
        13 => {
            // Cite another passage of an unchanged document: its passages move.
            let path = "content/events/xi-visit-budapest.md".to_string();
            toggle(
                root,
                &path,
                "Lors de la visite du président chinois Xi Jinping à Budapest",
                "Huawei et la société hongroise 4iG ont signé une lettre d'intention",
            );
            (vec![path.clone()], format!("requote {path}"))
        }
        14 => {
            // A new alias: every document's mentions may change.
            let path = "content/actors/hungary.md".to_string();
            toggle(root, &path, "aliases = []", "aliases = [\"Budapest\"]");
            (vec![path.clone()], format!("toggle an alias in {path}"))
        }
        15 if !state.generated_actors.is_empty() => {
            // Same names, another id: mention anchors change.
            let id = format!("gen-actor-renamed-{n}");
            rename_one(root, "actors", &mut state.generated_actors, id, rng)
        }
        16 => {
            // A word before the first mention: its context changes, not the mention count.
            let doc = rng.pick(&docs).clone();
            let text = fs::read_to_string(root.join(&doc)).unwrap();
            let body = text.find("\n+++\n").map_or(0, |i| i + 5);
            let Some(at) = text[body..].find("Huawei").map(|i| body + i) else {
                return (vec![], format!("no mention in {doc}"));
            };
            let text = format!("{}word{n} {}", &text[..at], &text[at..]);
            fs::write(root.join(&doc), text).unwrap();
            (
                vec![doc.clone()],
                format!("write before a mention in {doc}"),
            )
        }
        17 => {
            // A mention taken out: the actor may no longer concern the document. When
            // the name was inside a cited passage the quote is lost: repaired next.
            let doc = rng.pick(&docs).clone();
            let original = fs::read_to_string(root.join(&doc)).unwrap();
            let body = original.find("\n+++\n").map_or(0, |i| i + 5);
            let name = *rng.pick(&["Huawei", "Budapest", "Ansip", "Xi Jinping"]);
            let Some(at) = original[body..].find(name).map(|i| body + i) else {
                return (vec![], format!("no {name} in {doc}"));
            };
            let text = format!("{}someone{}", &original[..at], &original[at + name.len()..]);
            fs::write(root.join(&doc), text).unwrap();
            state.repair = Some((doc.clone(), Some(original.into_bytes())));
            (vec![doc.clone()], format!("take {name} out of {doc}"))
        }
        18 => {
            // What only the document's page and links show: its summary and kind.
            let doc = rng.pick(&docs).clone();
            let text = fs::read_to_string(root.join(&doc)).unwrap();
            let line = |key: &str| {
                let start = text.find(&format!("\n{key} = "))? + 1;
                Some(start..start + text[start..].find('\n')?)
            };
            let (Some(summary), Some(kind)) = (line("summary"), line("kind")) else {
                return (vec![], format!("no summary or kind in {doc}"));
            };
            let (first, second) = if summary.start < kind.start {
                (
                    (summary, format!("summary = \"Summary {n}.\"")),
                    (kind, format!("kind = \"kind-{}\"", n % 3)),
                )
            } else {
                (
                    (kind, format!("kind = \"kind-{}\"", n % 3)),
                    (summary, format!("summary = \"Summary {n}.\"")),
                )
            };
            let text = format!(
                "{}{}{}{}{}",
                &text[..first.0.start],
                first.1,
                &text[first.0.end..second.0.start],
                second.1,
                &text[second.0.end..]
            );
            fs::write(root.join(&doc), text).unwrap();
            (vec![doc.clone()], format!("summarise and reclassify {doc}"))
        }
        19 => {
            // A claim's status: the badge on every page showing the event.
            let path = "content/events/ansip-backdoor-allegation.md".to_string();
            toggle(root, &path, "status = \"alleged\"", "status = \"denied\"");
            (vec![path.clone()], format!("restate {path}"))
        }
        20 => {
            // A relation redated and requoted: both actors' pages and the cited document.
            let path = "content/actors/huawei.md".to_string();
            toggle(
                root,
                &path,
                "since = \"1987\"\nsources = [{ document = \"ren-zhengfei-would-rather-die\", quote = \"le fondateur du groupe chinois\" }]",
                "since = \"1987-03\"\nsources = [{ document = \"ren-zhengfei-would-rather-die\", quote = \"fondateur du groupe\" }]",
            );
            (
                vec![path.clone()],
                format!("redate and requote a relation in {path}"),
            )
        }
        _ => {
            // An invalid edit: delete a seed document that events cite.
            let doc = "content/documents/latombe-question-17938.txt".to_string();
            let original = fs::read(root.join(&doc)).unwrap();
            fs::remove_file(root.join(&doc)).unwrap();
            state.repair = Some((doc.clone(), Some(original)));
            (vec![doc.clone()], format!("delete cited {doc}"))
        }
    }
}

fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in a {
        match b.get(path) {
            None => out.push(format!("only in the incremental site: {path}")),
            Some(other) if other != bytes => out.push(format!("differs: {path}")),
            _ => {}
        }
    }
    out.extend(
        b.keys()
            .filter(|p| !a.contains_key(*p))
            .map(|p| format!("only in the clean build: {p}")),
    );
    out
}

#[test]
fn random_edits_rebuild_exactly_like_a_clean_build() {
    let project = Project::example();
    let root = project.root().to_path_buf();
    let mut options = BuildOptions::new(&root);
    options.output = project.parent().join("incremental");
    options.base_url = Some(BASE_URL.into());
    let mut session = Session::new(options.clone());
    let first = session.build_all().expect("first build");
    assert!(!first.failed(), "{}", first.report(false));

    let clean_dir: PathBuf = project.parent().join("clean");
    let mut clean_options = options.clone();
    clean_options.output = clean_dir.clone();
    let mut last_good = tree(&options.output);
    let mut rng = Rng(0x5eed_d055_1e55);
    let mut state = State::default();
    let mut history = Vec::new();
    let (mut cut_short, mut by_delta, mut renamed_by_delta) = (0, 0, 0);
    for step in 0..STEPS {
        let (paths, what) = edit(&root, &mut rng, &mut state);
        history.push(what);
        let changes = Changes::classify(&root, &options.output, paths.iter().map(|p| root.join(p)));
        let incremental = if rng.below(4) == 0 {
            // As when more edits wait: pages showing the whole dossier are left stale, and
            // the watch loop catches up with a rebuild of no changes.
            let superseded = Progress {
                first: &mut || {},
                superseded: &|| true,
            };
            session.apply_then(&changes, superseded).expect("rebuild");
            cut_short += usize::from(session.has_stale_pages());
            session.apply(&Changes::default()).expect("catch-up")
        } else {
            session.apply(&changes).expect("incremental rebuild")
        };
        let text_edit = ["append to", "write before", "take ", "retitle", "summarise"]
            .iter()
            .any(|kind| history.last().is_some_and(|h| h.starts_with(kind)));
        by_delta += usize::from(text_edit && incremental.by_delta);
        let renamed = history
            .last()
            .is_some_and(|h| h.ends_with("a renamed file"));
        renamed_by_delta += usize::from(renamed && incremental.by_delta);
        assert!(
            incremental.failed() || !session.has_stale_pages(),
            "step {step}"
        );
        let _ = fs::remove_dir_all(&clean_dir);
        let clean = dossier::build(&clean_options).expect("clean build");
        assert_eq!(
            incremental.failed(),
            clean.failed(),
            "step {step} ({}): incremental and clean builds disagree\nincremental:\n{}\nclean:\n{}",
            history.join(", "),
            incremental.report(false),
            clean.report(false)
        );
        if !clean.failed() {
            last_good = tree(&clean_dir);
        }
        let now = tree(&options.output);
        let diff = differences(&now, &last_good);
        assert!(
            diff.is_empty(),
            "step {step} after: {}\n{}",
            history.join(", "),
            diff.join("\n")
        );
    }
    assert!(cut_short > 5, "only {cut_short} rebuilds left pages stale");
    assert!(
        renamed_by_delta > 2,
        "only {renamed_by_delta} saves through a renamed file were applied by delta"
    );
    assert!(
        by_delta > 15,
        "only {by_delta} edits of documents were applied by delta"
    );
}

#[test]
fn an_unchanged_page_is_not_rewritten() {
    let project = Project::example();
    let root = project.root().to_path_buf();
    let mut options = BuildOptions::new(&root);
    options.output = project.parent().join("incremental");
    let mut session = Session::new(options.clone());
    assert!(!session.build_all().unwrap().failed());
    let untouched = options
        .output
        .join("documents/huawei-letter-to-ansip/index.html");
    let before = fs::metadata(&untouched).unwrap().modified().unwrap();
    let edited = "content/documents/latombe-question-17938.txt";
    let mut text = fs::read_to_string(root.join(edited)).unwrap();
    text.push_str("\nUne ligne de plus.\n");
    fs::write(root.join(edited), text).unwrap();
    let changes = Changes::classify(&root, &options.output, [root.join(edited)]);
    let outcome = session.apply(&changes).unwrap();
    assert!(!outcome.failed());
    assert!(
        outcome.files < 20,
        "rendered {} files for one edited document",
        outcome.files
    );
    assert_eq!(
        fs::metadata(&untouched).unwrap().modified().unwrap(),
        before
    );
    let page = fs::read_to_string(
        options
            .output
            .join("documents/latombe-question-17938/index.html"),
    )
    .unwrap();
    assert!(page.contains("Une ligne de plus."));
}

/// Each edit in turn, rebuilt incrementally, gives the site a clean build of the same tree
/// gives: `(path, from, to)` replaces `from` with `to` in the file.
fn each_edit_rebuilds_like_a_clean_build(edits: &[(&str, &str, &str)]) {
    each_edit_rebuilds_like_a_clean_build_with("", edits);
}

/// As [`each_edit_rebuilds_like_a_clean_build`], with `settings` added to the top of the
/// example's `dossier.toml` first.
fn each_edit_rebuilds_like_a_clean_build_with(settings: &str, edits: &[(&str, &str, &str)]) {
    let project = Project::example();
    project.write(
        "dossier.toml",
        format!("{settings}{}", project.read("dossier.toml")),
    );
    let root = project.root().to_path_buf();
    let mut options = BuildOptions::new(&root);
    options.output = project.parent().join("incremental");
    let mut session = Session::new(options.clone());
    assert!(!session.build_all().unwrap().failed());
    let mut clean_options = options.clone();
    clean_options.output = project.parent().join("clean");
    for (path, from, to) in edits {
        let text = fs::read_to_string(root.join(path)).unwrap();
        assert!(text.contains(from), "{path} has no `{from}`");
        fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
        let changes = Changes::classify(&root, &options.output, [root.join(path)]);
        let outcome = session.apply(&changes).unwrap();
        assert!(!outcome.failed(), "{}", outcome.report(false));
        let _ = fs::remove_dir_all(&clean_options.output);
        assert!(!dossier::build(&clean_options).unwrap().failed());
        let diff = differences(&tree(&options.output), &tree(&clean_options.output));
        assert!(diff.is_empty(), "after {path}: {to}\n{}", diff.join("\n"));
    }
}

#[test]
fn a_new_status_shows_on_every_page_that_shows_the_event() {
    each_edit_rebuilds_like_a_clean_build(&[
        (
            "content/events/ansip-backdoor-allegation.md",
            "status = \"alleged\"",
            "status = \"denied\"",
        ),
        // declared in a document: the document's own file changes
        (
            "content/documents/huawei-letter-to-ansip.txt",
            "quote = \"press conference in Brussels on 7 December\"",
            "quote = \"press conference in Brussels on 7 December\"\nstatus = \"alleged\"",
        ),
    ]);
}

#[test]
fn an_event_moving_between_pages_of_a_split_timeline_is_linked_to_its_new_page_everywhere() {
    // At 5 events a page the example's timeline is split by year; 2019 has five events.
    each_edit_rebuilds_like_a_clean_build_with(
        "timeline_per_page = 5\n",
        &[
            // from 2024 to 2019, whose six events are then split by month: the URL of every
            // event of 2019 changes, though only one of them was edited
            (
                "content/events/latombe-question-withdrawn.md",
                "date = \"2024-06-11\"",
                "date = \"2019-06-11\"",
            ),
            // and back, a day later
            (
                "content/events/latombe-question-withdrawn.md",
                "date = \"2019-06-11\"",
                "date = \"2024-06-12\"",
            ),
            // an event the overview links to by `[[id]]` moves to another year
            (
                "content/documents/ren-zhengfei-would-rather-die.txt",
                "id = \"san-bernardino-shooting\"\ndate = \"2015\"",
                "id = \"san-bernardino-shooting\"\ndate = \"2016\"",
            ),
        ],
    );
}

#[test]
fn tags_and_kinds_edited_show_on_their_pages_and_every_chip() {
    each_edit_rebuilds_like_a_clean_build(&[
        // `Cloud` now takes the slug `cloud`: Huawei's chip for `cloud` moves to `cloud-2`
        (
            "content/actors/4ig.md",
            "tags = [\"cloud\"]",
            "tags = [\"Cloud\"]",
        ),
        (
            "content/actors/4ig.md",
            "tags = [\"Cloud\"]",
            "tags = [\"cloud\"]",
        ),
        // a kind of its own: a new listing, and one fewer letter
        (
            "content/documents/huawei-letter-to-ansip.txt",
            "kind = \"letter\"",
            "kind = \"memo\"",
        ),
        (
            "content/events/trump-huawei-detente.md",
            "tags = [\"sanctions\"]",
            "tags = [\"Sanctions\", \"sanctions\"]",
        ),
        // undated: a listing of the undated documents appears
        (
            "content/documents/ren-zhengfei-would-rather-die.txt",
            "date = \"2019\"\n",
            "\n",
        ),
    ]);
}

#[test]
fn a_page_break_before_a_cited_passage_shows_its_new_page_everywhere() {
    // A document edit applied by delta: the passages keep their words and anchors.
    each_edit_rebuilds_like_a_clean_build(&[(
        "content/documents/ren-zhengfei-would-rather-die.txt",
        "\nLors d'une interview accordée",
        "\n\u{c}Lors d'une interview accordée",
    )]);
}

#[test]
fn a_relation_edited_shows_on_both_actors_and_in_its_documents() {
    each_edit_rebuilds_like_a_clean_build(&[
        (
            "content/actors/huawei.md",
            "since = \"1987\"",
            "since = \"1988\"",
        ),
        (
            "content/actors/huawei.md",
            "quote = \"le fondateur du groupe chinois\"",
            "quote = \"le fondateur du groupe\"",
        ),
        (
            "content/actors/huawei.md",
            "label = \"founded by\"",
            "label = \"created by\"",
        ),
    ]);
}

/// Whether the menu of the page in `file` links the integrity report.
fn menu_links_integrity(site: &Path, file: &str) -> bool {
    let html = fs::read_to_string(site.join(file)).unwrap();
    html.split("</nav>")
        .next()
        .is_some_and(|header| header.contains("integrity/\""))
}

#[test]
fn the_integrity_menu_entry_comes_and_goes_on_every_page_with_the_weak_points() {
    // A dossier without weak points: the menu leaves the report out.
    let project = Project::fixture("json_ld/kinds");
    let root = project.root().to_path_buf();
    let mut options = BuildOptions::new(&root);
    options.output = project.parent().join("incremental");
    let mut session = Session::new(options.clone());
    assert!(!session.build_all().unwrap().failed());
    let pages = [
        "index.html",
        "documents/letter/index.html",
        "actors/ann/index.html",
        "404.html",
    ];
    for page in pages {
        assert!(!menu_links_integrity(&options.output, page), "{page}");
    }
    let mut clean_options = options.clone();
    clean_options.output = project.parent().join("clean");
    let loner = "content/actors/loner.md";
    // An actor nothing names is a weak point: every page gets the entry; deleting it takes
    // the entry away again; each time, exactly as a clean build has it.
    for (step, add) in [true, false].into_iter().enumerate() {
        if add {
            fs::write(
                root.join(loner),
                "+++\nname = \"Zorglub\"\nkind = \"person\"\n+++\n",
            )
            .unwrap();
        } else {
            fs::remove_file(root.join(loner)).unwrap();
        }
        let changes = Changes::classify(&root, &options.output, [root.join(loner)]);
        assert!(!session.apply(&changes).unwrap().failed());
        let _ = fs::remove_dir_all(&clean_options.output);
        assert!(!dossier::build(&clean_options).unwrap().failed());
        let diff = differences(&tree(&options.output), &tree(&clean_options.output));
        assert!(diff.is_empty(), "step {step}: {}", diff.join("\n"));
        for page in pages {
            assert_eq!(menu_links_integrity(&options.output, page), add, "{page}");
        }
    }
}
