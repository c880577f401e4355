//! The theme: project templates override the built-in ones file by file, `static/` is
//! copied verbatim, and settings reach the output.

use crate::harness::{Project, built_in_templates, one, select_attrs, select_texts, text, tree};

#[test]
fn project_template_overrides_the_built_in_one() {
    let project = Project::fixture("build/minimal");
    project.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1 class=\"custom\">Lost in the dossier</h1>{% endblock content %}\n",
    );
    let site = project.build_clean();
    let page = site.page("404.html");
    assert_eq!(text(one(&page, "h1.custom")), "Lost in the dossier");
    // The other pages keep the built-in templates.
    assert_eq!(
        text(one(&site.page("actors/acme/"), "h1")),
        "Acme Corporation"
    );
}

#[test]
fn templates_walk_extra_tables_in_one_order_on_every_build() {
    let project = Project::fixture("build/minimal");
    project.write(
        "content/_index.md",
        "+++\ntitle = \"Overview\"\n[extra]\nzeta = 1\nalpha = 2\nmid = 3\nbeta = 4\ngamma = 5\nepsilon = 6\n+++\nText.\n",
    );
    project.write(
        "templates/overview.html",
        "{% extends \"base.html\" %}\n{% block content %}<ul>{% for key, value in extra %}<li>{{ key }}={{ value }}</li>{% endfor %}</ul>{% endblock content %}\n",
    );
    let listed = |site: &crate::harness::Site| select_texts(&site.page(""), "main li");
    let first = listed(&project.build_clean());
    // Keys in sorted order, as `extra` holds them: not the order of a hash table, which
    // changes from one run to the next.
    let expected = [
        "alpha=2",
        "beta=4",
        "epsilon=6",
        "gamma=5",
        "mid=3",
        "zeta=1",
    ];
    assert_eq!(first, expected);
    assert_eq!(listed(&project.build_clean()), expected);
}

#[test]
fn built_in_templates_print_the_strings_and_links_their_lookups_would() {
    // The built-in templates have their `{{ t.… }}` and `{{ nav.… }}` written in when the
    // theme loads; a template that differs from the built-in text keeps its lookups. Both
    // must give the same bytes, in either language (French strings have apostrophes to
    // escape) and under a sub-path.
    for (language, base_url, base_path) in [
        ("en", "https://example.org/", "/"),
        ("fr", "https://user.github.io/dossier/", "/dossier/"),
    ] {
        let [inlined, looked_up] = [Project::example(), Project::example()];
        for project in [&inlined, &looked_up] {
            let settings = project
                .read("dossier.toml")
                .replace("language = \"en\"", &format!("language = \"{language}\""))
                .replace("\"https://example.org/\"", &format!("\"{base_url}\""));
            project.write("dossier.toml", settings);
        }
        for (name, text) in built_in_templates() {
            if !name.starts_with("i18n/") {
                // a trailing comment prints nothing, but the text is no longer the built-in one
                looked_up.write(
                    &format!("templates/{name}"),
                    format!("{text}{{# own copy #}}"),
                );
            }
        }
        let (inlined, looked_up) = (inlined.build_clean(), looked_up.build_clean());
        let home = inlined.page("");
        assert_eq!(select_attrs(&home, "html", "lang"), [language]);
        let feed = select_attrs(&home, "link[type='application/atom+xml']", "href");
        assert_eq!(feed, [format!("{base_path}feed.xml")]);
        assert_eq!(tree(&inlined.dir), tree(&looked_up.dir), "{language}");
    }
}

#[test]
fn static_files_are_copied_verbatim_over_built_in_assets() {
    let project = Project::fixture("build/minimal");
    let logo: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n\x00\xff";
    project.write("static/img/logo.svg", logo);
    project.write("static/style.css", "body { color: red; }\n");
    let site = project.build_clean();
    assert_eq!(
        std::fs::read(site.dir.join("img/logo.svg")).expect("the copied file"),
        logo
    );
    assert_eq!(site.text("style.css"), "body { color: red; }\n");
}

#[test]
fn site_without_templates_or_static_uses_the_embedded_theme() {
    let site = Project::fixture("build/minimal").build_clean();
    assert!(!site.text("style.css").is_empty());
    assert_eq!(
        select_attrs(&site.page(""), "link[rel='stylesheet']", "href"),
        ["/style.css"]
    );
}

#[test]
fn cname_setting_writes_a_cname_file() {
    let project = Project::fixture("build/minimal");
    let settings = project.read("dossier.toml") + "cname = \"dossier.example.org\"\n";
    project.write("dossier.toml", settings);
    let site = project.build_clean();
    assert_eq!(site.text("CNAME").trim(), "dossier.example.org");
}

#[test]
fn code_blocks_are_highlighted_with_css_classes() {
    let project = Project::fixture("build/minimal");
    project.write(
        "content/documents/snippet.md",
        "+++\ntitle = \"A snippet\"\nlang = \"en\"\n+++\nThe exploit:\n\n```rust\nfn main() { let x = \"<b>\"; }\n```\n",
    );
    let site = project.build_clean();
    let page = site.page("documents/snippet/");
    let pre = one(&page, ".document-body pre");
    let classes: Vec<&str> = pre
        .descendent_elements()
        .flat_map(|e| e.value().classes())
        .collect();
    assert!(
        classes.iter().any(|c| c.starts_with("hl-")),
        "no highlighting classes in {}",
        pre.html()
    );
    assert!(
        pre.descendent_elements()
            .all(|e| e.value().attr("style").is_none()),
        "inline styles in {}",
        pre.html()
    );
    assert_eq!(text(pre), "fn main() { let x = \"<b>\"; }");
    // The page links the highlighting stylesheet, which exists; pages without code do not.
    assert_eq!(
        select_attrs(&page, "link[rel='stylesheet']", "href"),
        ["/style.css", "/highlight.css"]
    );
    assert!(!site.text("highlight.css").is_empty());
    assert_eq!(
        select_attrs(&site.page("actors/acme/"), "link[rel='stylesheet']", "href"),
        ["/style.css"]
    );
}

#[test]
fn unedited_copies_of_older_built_in_files_give_way_to_the_current_ones() {
    // an older actor.html fails on a field since renamed, an older en.toml lacks strings
    // the current templates print, an older style.css styles markup since changed
    let project = Project::fixture("theme/older_copies");
    let outcome = project.build();
    assert!(!outcome.failed(), "{}", outcome.report(false));
    let warnings: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "one warning for all of them: {warnings:?}"
    );
    crate::harness::snapshot("theme_older_copies", &outcome.report(false));
    let site = project.site_dir();
    let built_in = std::fs::read(crate::harness::repo_root().join("static/style.css"))
        .expect("the built-in stylesheet");
    assert_eq!(std::fs::read(site.join("style.css")).ok(), Some(built_in));
    let page = |rel: &str| {
        let html = std::fs::read_to_string(site.join(rel)).expect("a page of the site");
        scraper::Html::parse_document(&html)
    };
    // an edited template still overrides the built-in one
    assert_eq!(text(one(&page("404.html"), "h1.mine")), "Not here");
    assert_eq!(
        text(one(&page("actors/acme/index.html"), "h1")),
        "Acme Corporation"
    );
}

#[test]
fn check_notes_older_copies_as_a_warning_and_passes() {
    let project = Project::fixture("theme/older_copies");
    let out = project.run(&["check"]);
    assert_eq!(
        crate::harness::exit_code(&out),
        0,
        "{}",
        crate::harness::describe(&out)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("rm templates/actor.html templates/i18n/en.toml static/style.css"),
        "{stderr}"
    );
}
