//! `dossier import`: source files become documents that build, originals kept byte for byte
//! and hashed; nothing is overwritten; a bad file fails alone.
//!
//! The sources are in `tests/fixtures/import/sources/`, written by `make_fixtures.py`
//! beside them (and `chromium-letter.pdf`, the example's Huawei letter printed to PDF by
//! Chromium, a PDF as real-world producers write them); the project they are imported
//! into is `tests/fixtures/import/project/`. The example dossier's paged original,
//! `originals/huawei-letter-to-ansip.pdf`, is written by `text_to_pdf.py --example` there.

use std::path::PathBuf;
use std::process::Output;

use sha2::{Digest, Sha256};

use crate::harness::{Project, describe, exit_code, fixture_dir, repo_root, tree};

fn source(name: &str) -> String {
    fixture_dir("import/sources")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs `dossier import` with the named sources (and other arguments) in a copy of the
/// fixture project.
fn import(project: &Project, args: &[&str]) -> Output {
    let paths: Vec<String> = args
        .iter()
        .map(|a| {
            if a.starts_with('-') || !a.contains('.') {
                a.to_string()
            } else {
                source(a)
            }
        })
        .collect();
    let mut all = vec!["import"];
    all.extend(paths.iter().map(String::as_str));
    project.run(&all)
}

fn project() -> Project {
    Project::fixture("import/project")
}

/// The front matter and the body of a document written by import.
fn document(project: &Project, rel: &str) -> (String, String) {
    let text = project.read(rel);
    let rest = text.strip_prefix("+++\n").expect("front matter first");
    let (front, body) = rest.split_once("\n+++\n").expect("a closing fence");
    (format!("{front}\n"), body.to_string())
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn every_format_imports_into_a_project_that_checks_and_builds() {
    let project = project();
    let out = import(
        &project,
        &[
            "report.pdf",
            "page.html",
            "report.docx",
            "note.txt",
            "note.md",
        ],
    );
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("as `network-security-review-2018-resume`: 3 pages, 50 words, en, actors: huawei, andrus-ansip, european-commission"),
        "{stdout}"
    );
    assert!(stdout.contains("run `dossier check`"), "{stdout}");
    let check = project.run(&["check"]);
    assert_eq!(exit_code(&check), 0, "{}", describe(&check));
    let site = project.build_clean();
    assert!(
        site.has("documents/ansip-warns-of-mandatory-backdoors-in-chinese-equipment/index.html")
    );
    assert!(site.has("documents/notes-on-the-5g-toolbox/index.html"));
}

#[test]
fn a_pdf_keeps_its_pages_as_form_feeds_and_its_text_verbatim() {
    let project = project();
    let out = import(&project, &["report.pdf"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (front, body) = document(
        &project,
        "content/documents/network-security-review-2018-resume.txt",
    );
    // the hyphen at the line end stays, and so do the lines: reflow is for display
    assert_eq!(
        body,
        "Network Security Review 2018\n\n\
         This report examines the security of tele-\n\
         communications equipment supplied by Huawei\n\
         to operators in the European Union.\n\
         \u{c}Vice-President Andrus Ansip spoke of \u{201c}mandatory\n\
         backdoors\u{201d} at a press conference on 7 December.\n\n\
         The Commission\u{2019}s caf\u{e9} was closed that day.\n\
         \u{c}Conclusion: no evidence of backdoors was found.\n"
    );
    assert!(front.starts_with("title = \"Network Security Review 2018 \u{2014} r\u{e9}sum\u{e9}\"\ndate = \"2018-12-07\"\n"), "{front}");
    assert!(front.contains("\nlang = \"en\"\n"), "{front}");
    assert!(
        front.contains("# actors = [\"huawei\", \"andrus-ansip\", \"european-commission\"]\n"),
        "{front}"
    );
}

#[test]
fn a_pdf_restricted_by_an_owner_password_only_is_read() {
    let project = project();
    let out = import(&project, &["restricted.pdf", "--id", "restricted"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (front, body) = document(&project, "content/documents/restricted.txt");
    assert!(front.contains("date = \"2018-12-07\""), "{front}");
    assert!(body.starts_with("Network Security Review 2018\n"), "{body}");
    assert_eq!(body.matches('\u{c}').count(), 2, "{body}");
}

#[test]
fn the_original_is_copied_byte_for_byte_and_its_hash_recorded() {
    let project = project();
    let out = import(&project, &["report.docx"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let original = std::fs::read(source("report.docx")).unwrap();
    let copy = std::fs::read(
        project
            .root()
            .join("originals/briefing-note-on-5g-suppliers-trust.docx"),
    )
    .unwrap();
    assert_eq!(copy, original);
    let (front, _) = document(
        &project,
        "content/documents/briefing-note-on-5g-suppliers-trust.txt",
    );
    let expected = format!(
        "source = {{ file = \"originals/briefing-note-on-5g-suppliers-trust.docx\", sha256 = \"{}\" }}\n",
        sha256(&original)
    );
    assert!(front.contains(&expected), "{front}");
}

#[test]
fn a_saved_web_page_keeps_the_article_and_its_metadata_only() {
    let project = project();
    let out = import(&project, &["page.html"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (front, body) = document(
        &project,
        "content/documents/ansip-warns-of-mandatory-backdoors-in-chinese-equipment.txt",
    );
    assert!(front.starts_with("title = 'Ansip warns of \"mandatory backdoors\" in Chinese equipment'\ndate = \"2018-12-07\"\nkind = \"article\"\nlang = \"en\"\n"), "{front}");
    assert!(front.contains("source = { publisher = \"The Brussels Wire\", url = \"https://brusselswire.example/2018/12/ansip-backdoors\", file = \"originals/ansip-warns-of-mandatory-backdoors-in-chinese-equipment.html\""), "{front}");
    for kept in [
        "Ansip warns of \"mandatory backdoors\" in Chinese equipment\n\nThe European Commission's",
        "\n\nWhat the Commission said\n\n",
        "\nthe security of 5G networks;\nthe laws that oblige",
        "A spokesman said the company would write to the Commission.\n",
    ] {
        assert!(body.contains(kept), "missing {kept:?} in\n{body}");
    }
    for left_out in [
        "cookie",
        "Subscribe",
        "Politics",
        "rights reserved",
        "track",
        "Ten gadgets",
        "Privacy",
    ] {
        assert!(!body.contains(left_out), "{left_out:?} in\n{body}");
    }
}

#[test]
fn a_word_file_gives_its_core_properties_and_paragraphs() {
    let project = project();
    let out = import(&project, &["report.docx"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (front, body) = document(
        &project,
        "content/documents/briefing-note-on-5g-suppliers-trust.txt",
    );
    assert!(
        front.starts_with(
            "title = 'Briefing note on 5G suppliers & \"trust\"'\ndate = \"2019-03-14\"\n"
        ),
        "{front}"
    );
    assert_eq!(
        body,
        "Briefing note\n\nThe Commission met Huawei on 12 March. Andrus Ansip was not there.\n\n\
         Three points were raised:\n\nsupplier trust & security;\n\na line\nbroken by hand;\n\n\
         tabs\u{a0}and\tcolumns.\n\nNext steps\n\nA follow-up meeting is planned. No date was set.\n"
    );
}

#[test]
fn text_and_markdown_are_kept_as_they_are() {
    let project = project();
    let out = import(
        &project,
        &[
            "note.txt", "note.md", "--kind", "notes", "--lang", "en-GB", "--reflow",
        ],
    );
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (front, body) = document(&project, "content/documents/notes-on-the-5g-toolbox.md");
    assert_eq!(body, std::fs::read_to_string(source("note.md")).unwrap());
    assert!(
        front.starts_with("title = \"Notes on the 5G toolbox\"\n# date"),
        "{front}"
    );
    assert!(
        front.contains("\nkind = \"notes\"\nlang = \"en-GB\"\nreflow = true\n"),
        "{front}"
    );
    let (front, body) = document(
        &project,
        "content/documents/meeting-notes-12-march-2019.txt",
    );
    assert_eq!(body, std::fs::read_to_string(source("note.txt")).unwrap());
    assert!(
        front.starts_with("title = \"Meeting notes, 12 March 2019\"\n"),
        "{front}"
    );
}

#[test]
fn a_text_that_starts_like_front_matter_stays_text() {
    let project = project();
    let tricky = project.parent().join("tricky.txt");
    std::fs::write(
        &tricky,
        "+++\ntitle = \"Injected\"\n+++\n---\nlang: xx\n---\nThe real text.\n",
    )
    .unwrap();
    let out = project.run(&["import", tricky.to_str().unwrap()]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (_, body) = document(&project, "content/documents/tricky.txt");
    assert!(
        body.starts_with("+++\ntitle = \"Injected\"\n+++\n---\n"),
        "{body}"
    );
    project.build_clean();
}

#[test]
fn nothing_is_overwritten_and_the_refusal_exits_2() {
    let project = project();
    let first = import(&project, &["report.pdf"]);
    assert_eq!(exit_code(&first), 0, "{}", describe(&first));
    let before = tree(project.root());
    let again = import(&project, &["report.pdf"]);
    assert_eq!(exit_code(&again), 2, "{}", describe(&again));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("report.pdf: refusing to overwrite content/documents/network-security-review-2018-resume.txt"), "{stderr}");
    assert!(stderr.contains("--id"), "{stderr}");
    assert_eq!(tree(project.root()), before, "something was written");
    // an id an actor has is taken too, and so is an original left without its document
    let actor = import(&project, &["note.txt", "--id", "huawei"]);
    assert_eq!(exit_code(&actor), 2, "{}", describe(&actor));
    project.write("originals/kept.txt", "mine");
    let original = import(&project, &["note.txt", "--id", "kept"]);
    assert_eq!(exit_code(&original), 2, "{}", describe(&original));
    assert_eq!(project.read("originals/kept.txt"), "mine");
    assert!(!project.root().join("content/documents/kept.txt").exists());
}

#[test]
fn unreadable_files_fail_clearly_while_the_others_import() {
    let project = project();
    let out = import(
        &project,
        &[
            "corrupt.docx",
            "encrypted.pdf",
            "note.txt",
            "scan.pdf",
            "truncated.pdf",
            "missing.pdf",
            "notes.odt",
        ],
    );
    assert_eq!(exit_code(&out), 1, "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, why) in [
        ("corrupt.docx", "this Word file is damaged"),
        ("encrypted.pdf", "encrypted with a password"),
        ("scan.pdf", "no text layer: it is a scan"),
        ("truncated.pdf", "truncated"),
        ("missing.pdf", "cannot read it"),
        ("notes.odt", "not a format dossier imports"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(file) && l.contains(why)),
            "no `{why}` for {file}:\n{stderr}"
        );
    }
    assert!(stderr.contains("6 of 7 file(s) not imported"), "{stderr}");
    let documents: Vec<String> = tree(&project.root().join("content/documents"))
        .into_keys()
        .collect();
    assert_eq!(documents, ["meeting-notes-12-march-2019.txt"]);
    let originals: Vec<String> = tree(&project.root().join("originals"))
        .into_keys()
        .collect();
    assert_eq!(originals, ["meeting-notes-12-march-2019.txt"]);
}

#[test]
fn garbage_in_any_format_is_an_error_never_a_panic() {
    let project = project();
    let report = std::fs::read(source("report.pdf")).unwrap();
    let docx = std::fs::read(source("report.docx")).unwrap();
    let mut files = Vec::new();
    for (i, cut) in [1, 10, 100, 400, 900, 1200, 1500].into_iter().enumerate() {
        let name = project.parent().join(format!("cut{i}.pdf"));
        std::fs::write(&name, &report[..cut.min(report.len())]).unwrap();
        files.push(name);
        let name = project.parent().join(format!("cut{i}.docx"));
        std::fs::write(&name, &docx[..cut.min(docx.len())]).unwrap();
        files.push(name);
    }
    // bytes flipped all over a valid file
    let mut flipped = report.clone();
    for at in (0..flipped.len()).step_by(7) {
        flipped[at] ^= 0x5a;
    }
    let name = project.parent().join("flipped.pdf");
    std::fs::write(&name, flipped).unwrap();
    files.push(name);
    let name = project.parent().join("binary.html");
    std::fs::write(&name, (0..=255u8).cycle().take(5000).collect::<Vec<_>>()).unwrap();
    files.push(name);
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = project.run(&args);
    let code = exit_code(&out);
    assert!(code == 0 || code == 1, "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn usage_mistakes_exit_2_before_anything_is_written() {
    let project = project();
    for args in [
        &["report.pdf", "note.txt", "--id", "one"][..],
        &["note.txt", "--id", "Not An Id"],
        &["note.txt", "--lang", "english please"],
    ] {
        let out = import(&project, args);
        assert_eq!(exit_code(&out), 2, "{args:?}: {}", describe(&out));
    }
    assert!(!project.root().join("content/documents").exists());
    assert!(!project.root().join("originals").exists());
    let out = Project::empty().run(&["import", &source("note.txt")]);
    assert_eq!(exit_code(&out), 2, "{}", describe(&out));
}

/// The example dossier's Huawei letter, printed to a two-page PDF by Chromium (subset
/// TrueType fonts, `ToUnicode` maps, ligatures): every word comes back, in order.
#[test]
fn a_real_world_pdf_gives_back_every_word_of_its_text() {
    let project = project();
    let out = import(&project, &["chromium-letter.pdf"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let (front, body) = document(
        &project,
        "content/documents/letter-from-huawei-to-vice-president-ansip.txt",
    );
    assert!(
        front.starts_with("title = \"Letter from Huawei to Vice-President Ansip\"\n"),
        "{front}"
    );
    assert!(front.contains("\nlang = \"en\"\n"), "{front}");
    assert_eq!(body.matches('\u{c}').count(), 1, "two pages");
    let example =
        std::fs::read_to_string(repo_root().join("content/documents/huawei-letter-to-ansip.txt"))
            .unwrap();
    let seed = example.split("\n+++\n").nth(1).unwrap();
    let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
    assert_eq!(words(&body), words(seed));
}

/// The example dossier's paged original, `originals/huawei-letter-to-ansip.pdf`: the
/// letter's text rendered to two A4 pages by `tests/fixtures/import/text_to_pdf.py
/// --example` (none of the published originals is in the repository). Importing it gives
/// back the example's text byte for byte, no-break spaces, trailing spaces and typographic
/// quotes included, so the example's text and its original cannot drift apart. The page
/// break stands where the blank line between the third and fourth paragraphs is: a PDF
/// keeps no blank line at the foot of a page, so the form feed takes its place.
#[test]
fn the_example_letter_comes_back_from_its_paged_original_byte_for_byte() {
    let pdf = repo_root().join("originals/huawei-letter-to-ansip.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let project = project();
    let out = project.run(&["import", &pdf.to_string_lossy(), "--id", "letter"]);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("as `letter`: 2 pages, "),
        "{}",
        describe(&out)
    );
    let (front, text) = document(&project, "content/documents/letter.txt");
    let example =
        std::fs::read_to_string(repo_root().join("content/documents/huawei-letter-to-ansip.txt"))
            .unwrap();
    let body = example.split_once("\n+++\n").unwrap().1;

    assert_eq!(text.matches('\u{c}').count(), 1, "two pages");
    // page 2 starts within a paragraph, before the line the example's text marks
    assert!(text.contains("behaviour\u{a0}by\u{a0}any\u{a0}\n\u{c}of\u{a0}our\u{a0}staff."));
    // the example's text is its original's, byte for byte: they cannot drift apart
    assert_eq!(text, body);

    assert!(
        front.starts_with(
            "title = 'Letter from Huawei to Vice-President Ansip on \"mandatory backdoors\"'\n"
        ),
        "{front}"
    );
    assert!(
        front.contains(&format!(
            "file = \"originals/letter.pdf\", sha256 = \"{}\"",
            sha256(&bytes)
        )),
        "{front}"
    );
    assert_eq!(
        std::fs::read(project.root().join("originals/letter.pdf")).unwrap(),
        bytes
    );
    // the file says what it is
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let info = doc
        .trailer
        .get_deref(b"Info", &doc)
        .unwrap()
        .as_dict()
        .unwrap();
    let subject = lopdf::decode_text_string(info.get(b"Subject").unwrap()).unwrap();
    assert!(
        subject.contains("made for the dossier example, not the file published by AsktheEU.org"),
        "{subject}"
    );
}

/// The seed sources of the example dossier (`../shared/seeds/`, plain text) import
/// verbatim, in their languages, naming the example's actors.
#[test]
fn the_seed_sources_import_verbatim() {
    let seeds = repo_root().join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!("skipped: {} is not here", seeds.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let project = project();
    let mut args = vec!["import".to_string()];
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = project.run(&args);
    assert_eq!(exit_code(&out), 0, "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let langs: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split(" words, ").nth(1))
        .map(|rest| rest.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(langs, ["en", "fr", "fr"], "{stdout}");
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let found = tree(&project.root().join("content/documents"))
            .into_keys()
            .any(|name| document(&project, &format!("content/documents/{name}")).1 == text);
        assert!(found, "{} not imported verbatim", file.display());
    }
    assert!(project.run(&["check"]).status.success());
}
