//! The test harness: fixture projects copied into temporary directories, built through the
//! library or the real binary, and the resulting site read back as parsed HTML.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::rc::Rc;
use std::sync::OnceLock;

use dossier::{BuildOptions, Outcome};
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The repository root, which is itself the example dossier.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture_dir(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// A dossier project in a temporary directory (`tmp/project`), deleted when dropped.
///
/// The project sits one level below the temporary directory, so tests can check that
/// nothing is written beside it either.
pub struct Project {
    tmp: Rc<TempDir>,
    root: PathBuf,
}

impl Project {
    /// An empty project directory (no `dossier.toml`).
    pub fn empty() -> Project {
        let tmp = tempfile::Builder::new()
            .prefix("dossier-test-")
            .tempdir()
            .expect("creating a temporary directory");
        let root = tmp.path().join("project");
        fs::create_dir(&root).expect("creating the project directory");
        Project {
            tmp: Rc::new(tmp),
            root,
        }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Project {
        let from = fixture_dir(name);
        assert!(
            from.join("dossier.toml").is_file(),
            "fixture {} has no dossier.toml",
            from.display()
        );
        let project = Project::empty();
        copy_tree(&from, &project.root);
        project
    }

    /// A copy of the repository's own example dossier (settings, content, originals,
    /// templates, static).
    pub fn example() -> Project {
        let project = Project::empty();
        fs::copy(
            repo_root().join("dossier.toml"),
            project.root.join("dossier.toml"),
        )
        .expect("copying dossier.toml");
        for dir in ["content", "originals", "templates", "static"] {
            let from = repo_root().join(dir);
            if from.is_dir() {
                copy_tree(&from, &project.root.join(dir));
            }
        }
        project
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary directory holding the project (its parent).
    pub fn parent(&self) -> &Path {
        self.tmp.path()
    }

    /// The default output directory, `ROOT/site`.
    pub fn site_dir(&self) -> PathBuf {
        self.root.join("site")
    }

    /// Writes `contents` to `rel` under the root, creating directories.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("creating directories");
        }
        fs::write(&path, contents).expect("writing a project file");
    }

    /// Reads `rel` under the root as text.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Build options for this project with the default output.
    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(&self.root)
    }

    /// Builds with the default options; panics on internal (non-content) failures.
    pub fn build(&self) -> Outcome {
        self.build_with(self.options())
    }

    /// Builds with `options`; panics on internal (non-content) failures.
    pub fn build_with(&self, options: BuildOptions) -> Outcome {
        dossier::build(&options).unwrap_or_else(|e| panic!("build failed outside the content: {e}"))
    }

    /// Builds and requires a clean run: no errors and no warnings.
    pub fn build_clean(&self) -> Site {
        self.build_clean_with(self.options())
    }

    /// Builds with `options` and requires a clean run.
    pub fn build_clean_with(&self, options: BuildOptions) -> Site {
        let output = options.output.clone();
        let outcome = self.build_with(options);
        assert!(
            outcome.diagnostics.is_empty(),
            "expected a clean build, got:\n{}",
            outcome.report(false)
        );
        Site {
            _tmp: Rc::clone(&self.tmp),
            dir: output,
            outcome,
        }
    }

    /// Builds with the default options and keeps the site, whatever the diagnostics.
    pub fn build_site(&self) -> Site {
        let options = self.options();
        Site {
            _tmp: Rc::clone(&self.tmp),
            dir: options.output.clone(),
            outcome: self.build_with(options),
        }
    }

    /// Runs the real `dossier` binary in the project root.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(&self.root, args)
    }
}

/// Runs the real `dossier` binary with `args` in `dir` (its output is piped, not a terminal).
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("running the dossier binary")
}

/// The exit code of a finished command, with its output shown if it is missing.
pub fn exit_code(output: &Output) -> i32 {
    output
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {}", describe(output)))
}

/// A command's stdout and stderr, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A built site on disk; it keeps the project's temporary directory alive.
pub struct Site {
    _tmp: Rc<TempDir>,
    /// The output directory.
    pub dir: PathBuf,
    /// What the build reported.
    pub outcome: Outcome,
}

impl Site {
    /// The HTML file for a pretty URL path relative to the site root (`actors/x/`, `` for home).
    pub fn page(&self, url: &str) -> Html {
        Html::parse_document(&self.text(&file_for(url)))
    }

    /// The text of a file of the site.
    pub fn text(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.join(rel))
            .unwrap_or_else(|e| panic!("reading {rel} from the site: {e}"))
    }

    /// True when the site has the file `rel`.
    pub fn has(&self, rel: &str) -> bool {
        self.dir.join(rel).is_file()
    }

    /// Every HTML file of the site, as paths relative to it with `/` separators.
    pub fn html_files(&self) -> Vec<String> {
        tree(&self.dir)
            .into_keys()
            .filter(|p| p.ends_with(".html"))
            .collect()
    }
}

/// The file a pretty URL path maps to: `x/` → `x/index.html`, `` → `index.html`.
pub fn file_for(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// A CSS selector (panics on a typo in the test).
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// The elements matching `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&sel(css)).collect()
}

/// The only element matching `css`.
pub fn one<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {css:?}, found {}",
        found.len()
    );
    found[0]
}

/// The only element matching `css` inside `scope`.
pub fn one_in<'a>(scope: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found: Vec<ElementRef> = scope.select(&sel(css)).collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one {css:?} in {}, found {}",
        scope.html(),
        found.len()
    );
    found[0]
}

/// The whitespace-collapsed text of each element matching `css`.
pub fn select_texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css)).map(text).collect()
}

/// The value of `attr` on each element matching `css` that has it.
pub fn select_attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&sel(css))
        .filter_map(|e| e.attr(attr).map(String::from))
        .collect()
}

/// The text of an element with whitespace runs collapsed to single spaces.
pub fn text(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of an element exactly as in the HTML.
pub fn raw_text(element: ElementRef) -> String {
    element.text().collect()
}

/// The `<dd>` of the metadata panel entry whose `<dt>` reads `label`.
pub fn meta_value<'a>(html: &'a Html, label: &str) -> ElementRef<'a> {
    let entries = select(html, "dl.meta-panel > div");
    let found: Vec<ElementRef> = entries
        .into_iter()
        .filter(|div| text(one_in(*div, "dt")) == label)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one metadata entry labelled {label:?}"
    );
    one_in(found[0], "dd")
}

/// True when `element` has an ancestor element named one of `names`.
pub fn has_ancestor(element: ElementRef, names: &[&str]) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| names.contains(&a.value().name()))
}

/// Every file under `dir` with its bytes, keyed by relative path with `/` separators.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("listing a directory").path();
        let rel = path
            .strip_prefix(base)
            .expect("a path under the base")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if link {
            // A link is recorded by where it points, never followed (it may loop).
            let to = fs::read_link(&path).expect("reading a link");
            files.insert(
                format!("{rel}@"),
                to.as_os_str().as_encoded_bytes().to_vec(),
            );
        } else if path.is_dir() {
            // Directories are recorded too, so that a stray empty one shows up.
            files.insert(format!("{rel}/"), Vec::new());
            collect(base, &path, files);
        } else {
            files.insert(rel, fs::read(&path).expect("reading a file"));
        }
    }
}

/// Copies the directory tree `from` into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("creating a directory");
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("listing {}: {e}", from.display())) {
        let entry = entry.expect("listing a directory");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copying a file");
        }
    }
}

/// Snapshots `value` as `tests/snapshots/<name>.snap`.
pub fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// Every internal link of the site that does not resolve: `href`s and `src`s under
/// `base_path` must name a file of the site (pretty URLs: `/x/` is `x/index.html`), and
/// their `#fragment` an element id on the target page.
pub fn broken_links(site: &Site, base_path: &str) -> Vec<String> {
    let pages: BTreeMap<String, Html> = site
        .html_files()
        .into_iter()
        .map(|f| {
            let html = Html::parse_document(&site.text(&f));
            (f, html)
        })
        .collect();
    let ids: BTreeMap<&str, std::collections::HashSet<String>> = pages
        .iter()
        .map(|(f, html)| {
            (
                f.as_str(),
                select_attrs(html, "[id]", "id").into_iter().collect(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for (file, html) in &pages {
        for element in html.select(&sel("[href], [src]")) {
            let Some(url) = element.attr("href").or_else(|| element.attr("src")) else {
                continue;
            };
            if url.contains("://")
                || url.starts_with("//")
                || url.starts_with("mailto:")
                || url.starts_with("tel:")
            {
                continue;
            }
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let target = if path.is_empty() {
                file.clone()
            } else if let Some(rel) = path.strip_prefix(base_path) {
                file_for(rel)
            } else {
                problems.push(format!(
                    "{file}: `{url}` is not under the base path {base_path}"
                ));
                continue;
            };
            if !site.has(&target) {
                problems.push(format!(
                    "{file}: `{url}` points to {target}, which does not exist"
                ));
            } else if target.ends_with(".pdf") {
                // a PDF's fragment is an open parameter: the page a viewer opens it at
                let page = fragment.strip_prefix("page=").unwrap_or(fragment);
                if !fragment.is_empty() && page.parse::<u32>().map_or(true, |n| n == 0) {
                    problems.push(format!(
                        "{file}: `{url}`: `#{fragment}` is not a page of a PDF"
                    ));
                }
            } else if !fragment.is_empty() {
                match ids.get(target.as_str()) {
                    Some(set) if set.contains(fragment) => {}
                    Some(_) => problems.push(format!(
                        "{file}: `{url}`: {target} has no element with id `{fragment}`"
                    )),
                    None => problems.push(format!(
                        "{file}: `{url}`: {target} is not a page, the fragment cannot resolve"
                    )),
                }
            }
        }
    }
    problems
}

/// Waits for `child` to exit, for at most `seconds` (killing it and failing after that).
pub fn wait_for_exit(child: &mut std::process::Child, seconds: u64) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        if let Some(exit) = child.try_wait().expect("waiting for dossier") {
            return exit;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("dossier did not stop within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The built-in templates (`i18n/en.toml` among them), by name under `templates/`, as a
/// user gets them: `dossier theme eject` into an empty project, read back once per run.
pub fn built_in_templates() -> &'static BTreeMap<String, String> {
    static TEMPLATES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let project = Project::empty();
        project.write("dossier.toml", "title = \"Templates\"\n");
        dossier::scaffold::theme_eject(project.root(), &[]).expect("ejecting the theme");
        tree(&project.root().join("templates"))
            .into_iter()
            .filter(|(name, _)| !name.ends_with('/'))
            .map(|(name, bytes)| {
                let text = String::from_utf8(bytes).expect("a template is text");
                (name, text)
            })
            .collect()
    })
}

/// Property-test settings: `default` cases, or `PROPTEST_CASES` from the environment for
/// long runs (`PROPTEST_CASES=5000 cargo test --release properties`).
pub fn proptest_config(default: u32) -> proptest::test_runner::Config {
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
