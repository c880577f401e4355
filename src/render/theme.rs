//! The theme: Tera templates, interface strings and assets, embedded and overridable.
//!
//! The default theme is compiled into the binary; a file in the project's `templates/`
//! replaces the built-in file of the same name (`templates/i18n/xx.toml` adds or replaces
//! a language).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use walkdir::WalkDir;

use super::context::Nav;
use super::inline_constants::{self, Constants};
use super::shipped::is_older_built_in;
pub use super::shipped::{DEFAULT_ASSETS, DEFAULT_FONTS, DEFAULT_TEMPLATES};
use super::urls::Urls;
use crate::date::DateWords;
use crate::diagnostic::{Diagnostic, Sources};

/// Interface strings and date words of one language.
#[derive(Debug, Clone)]
pub struct Strings {
    /// How dates are written.
    pub dates: DateWords,
    /// Actor kind labels, singular.
    pub kinds: HashMap<String, String>,
    /// Actor kind labels, plural.
    pub kinds_plural: HashMap<String, String>,
    /// Every other string, for templates as `t`.
    pub strings: serde_json::Map<String, serde_json::Value>,
}

/// An `i18n/*.toml` file as written. Every key without a field is an error, reported at its
/// place by the front-matter parser as serde skips it (`deny_unknown_fields` would stop at
/// the first).
#[derive(Deserialize)]
struct RawStrings {
    months: [String; 12],
    #[serde(default)]
    first_day: String,
    circa: String,
    actor_kinds: HashMap<String, String>,
    actor_kinds_plural: HashMap<String, String>,
    strings: serde_json::Map<String, serde_json::Value>,
}

impl Strings {
    /// The label of an actor kind (singular or plural).
    pub fn kind(&self, kind: &str, plural: bool) -> String {
        let map = if plural {
            &self.kinds_plural
        } else {
            &self.kinds
        };
        map.get(kind).cloned().unwrap_or_else(|| kind.to_string())
    }

    /// The interface string `key`, or `default` when the strings lack it (a theme's own
    /// strings file may hold a value of another type under that key).
    pub fn text<'s>(&'s self, key: &str, default: &'s str) -> &'s str {
        (self.strings.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(default)
    }
}

/// Templates ready to render, with the strings of the dossier's language.
pub struct Theme {
    /// Compiled templates (the `url` function and the `quoted` filter registered).
    pub tera: tera::Tera,
    /// The strings of the dossier's language.
    pub strings: Strings,
    /// Built-in assets, `(site path, contents)`.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Each template's file (as shown in diagnostics) and text, by template name.
    pub files: HashMap<String, (PathBuf, String)>,
}

/// One template or strings file: where it comes from and its text.
struct ThemeFile {
    shown_as: PathBuf,
    text: String,
}

/// Loads the theme of the project at `root` for the language of `settings`; problems
/// become diagnostics (an unknown language one at its place in `dossier.toml`).
pub fn load(
    root: &Path,
    settings: &crate::config::Settings,
    urls: &Urls,
    sources: &mut Sources,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut files: HashMap<String, ThemeFile> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                ThemeFile {
                    shown_as: PathBuf::from(format!("(built-in) templates/{name}")),
                    text: text.to_string(),
                },
            )
        })
        .collect();
    let mut diagnostics = Vec::new();
    let dir = root.join("templates");
    for entry in WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel
            .components()
            .any(|c| crate::load::is_ignored(c.as_os_str()))
        {
            continue;
        }
        let shown_as = Path::new("templates").join(rel);
        let older_copy = |text: &str| {
            let built_in = files.get(&name).map(|f| f.text.as_str());
            built_in.is_some_and(|b| {
                is_older_built_in(&format!("templates/{name}"), text.as_bytes(), b)
            })
        };
        match crate::load::read_text(root, &shown_as) {
            // an unedited copy of an older version stands for the built-in file (`check` says so)
            Ok(text) if older_copy(&text) => {}
            Ok(text) => {
                files.insert(name, ThemeFile { shown_as, text });
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let strings = strings(&files, settings, &mut diagnostics);
    if let Some(strings) = &strings {
        let nav = match serde_json::to_value(Nav::new(urls)) {
            Ok(serde_json::Value::Object(nav)) => nav,
            _ => serde_json::Map::new(),
        };
        inline_built_in_constants(&mut files, &[("t", &strings.strings), ("nav", &nav)]);
    }
    // after inlining: a diagnostic shows the text Tera compiled
    for f in files.values() {
        sources.insert(&f.shown_as, f.text.clone());
    }
    let tera = compile(&files, urls, &mut diagnostics);
    match (tera, strings) {
        (Some(tera), Some(strings)) if diagnostics.is_empty() => Ok(Theme {
            tera,
            strings,
            assets: DEFAULT_ASSETS
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .chain(
                    DEFAULT_FONTS
                        .iter()
                        .map(|(p, b)| (p.to_string(), b.to_vec())),
                )
                .collect(),
            files: files
                .into_iter()
                .map(|(name, f)| (name, (f.shown_as, f.text)))
                .collect(),
        }),
        _ => Err(diagnostics),
    }
}

fn strings(
    files: &HashMap<String, ThemeFile>,
    settings: &crate::config::Settings,
    out: &mut Vec<Diagnostic>,
) -> Option<Strings> {
    let language = settings.language.as_str();
    let Some(file) = files.get(&format!("i18n/{language}.toml")) else {
        let mut known: Vec<&str> = files
            .keys()
            .filter_map(|k| k.strip_prefix("i18n/")?.strip_suffix(".toml"))
            .collect();
        known.sort_unstable();
        out.push(Diagnostic::error(
            Path::new(crate::config::SETTINGS_FILE),
            settings.spans.language.clone(),
            format!("unsupported language `{language}`: the theme has no interface strings for it"),
            format!(
                "{} (or add templates/i18n/{language}.toml)",
                crate::suggest::hint(language, &known, "supported languages"),
            ),
        ));
        return None;
    };
    let parsed: Result<RawStrings, _> =
        crate::load::frontmatter::parse_toml_file(&file.shown_as, &file.text, "interface strings");
    match parsed {
        Ok(mut raw) => {
            with_built_in_strings(&mut raw.strings, language);
            Some(Strings {
                dates: DateWords {
                    months: raw.months,
                    first_day: (!raw.first_day.is_empty()).then_some(raw.first_day),
                    circa: raw.circa,
                },
                kinds: raw.actor_kinds,
                kinds_plural: raw.actor_kinds_plural,
                strings: raw.strings,
            })
        }
        Err(problems) => {
            out.extend(problems);
            None
        }
    }
}

/// Adds the built-in strings of `language` that `strings` (an ejected, perhaps older, copy)
/// lacks: a copy made before a release added strings keeps working with its templates.
fn with_built_in_strings(strings: &mut serde_json::Map<String, serde_json::Value>, language: &str) {
    let name = format!("i18n/{language}.toml");
    let built_in = DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name);
    if let Some(Ok(built_in)) = built_in.map(|(_, text)| toml::from_str::<RawStrings>(text)) {
        for (key, value) in built_in.strings {
            strings.entry(key).or_insert(value);
        }
    }
}

/// The templates Tera escapes what they print in.
const AUTOESCAPED: [&str; 2] = [".html", ".xml"];

/// Writes the build's constants (interface strings, navigation links) into each template
/// whose text is the built-in one (see [`inline_constants`]), unless some template gives one
/// of their names a value of its own.
fn inline_built_in_constants(files: &mut HashMap<String, ThemeFile>, constants: &Constants) {
    let names: Vec<&str> = constants.iter().map(|(name, _)| *name).collect();
    let is_template = |name: &str| !name.starts_with("i18n/");
    if files
        .iter()
        .any(|(name, f)| is_template(name) && inline_constants::binds(&f.text, &names))
    {
        return;
    }
    for (name, built_in) in DEFAULT_TEMPLATES {
        let Some(file) = files.get_mut(*name) else {
            continue;
        };
        if is_template(name) && file.text == *built_in && !inline_constants::has_raw_block(built_in)
        {
            let escape = AUTOESCAPED.iter().any(|suffix| name.ends_with(suffix));
            file.text = inline_constants::inline(built_in, constants, escape);
        }
    }
}

fn compile(
    files: &HashMap<String, ThemeFile>,
    urls: &Urls,
    out: &mut Vec<Diagnostic>,
) -> Option<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(AUTOESCAPED);
    let base = urls.clone();
    tera.register_function(
        "url",
        move |kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let path = kwargs.must_get::<&str>("path")?;
            Ok(base.path(path))
        },
    );
    // `{{ tag_url(tag=t) }}`: the page of a tag. Known to the templates here, as Tera
    // checks the functions they call; `Site::new` replaces it with one that knows the
    // dossier's tags (this one gives the tags index).
    let tags = urls.path("tags/");
    tera.register_function(
        "tag_url",
        move |_: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> { Ok(tags.clone()) },
    );
    // `{{ s.quote | quoted(lang=s.lang) }}`: the quote between the marks of its language
    tera.register_filter(
        "quoted",
        |text: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let lang = kwargs.get::<&str>("lang")?.unwrap_or_default();
            Ok(super::quote_marks::quoted(text, lang))
        },
    );
    let mut names: Vec<&String> = files.keys().filter(|k| !k.starts_with("i18n/")).collect();
    names.sort();
    let templates = names.iter().map(|n| (n.as_str(), files[*n].text.as_str()));
    match tera.add_raw_templates(templates) {
        Ok(()) => Some(tera),
        Err(e) => {
            out.push(tera_diagnostic(&e, |name| {
                files
                    .get(name)
                    .map(|f| (f.shown_as.clone(), f.text.as_str()))
            }));
            None
        }
    }
}

/// Turns a Tera error into a diagnostic at the template line it names.
pub fn tera_diagnostic<'a>(
    error: &tera::Error,
    file: impl Fn(&str) -> Option<(PathBuf, &'a str)>,
) -> Diagnostic {
    let hint = "fix the template; see the Tera 2 documentation for the syntax";
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let (path, text) = file(report.filename()).unwrap_or_else(|| {
                (
                    PathBuf::from(format!("templates/{}", report.filename())),
                    "",
                )
            });
            let span = report.span();
            let start = offset_of(text, span.start_line, span.start_col);
            let end = if span.end_line == span.start_line {
                offset_of(text, span.end_line, span.end_col).max(start)
            } else {
                start
            };
            Diagnostic::error(
                &path,
                start..end,
                format!("template error: {}", report.message()),
                hint,
            )
        }
        _ => {
            let message = error.to_string();
            let name = message.split('\'').nth(1).unwrap_or("");
            let path = file(name).map_or_else(|| PathBuf::from("templates"), |(p, _)| p);
            Diagnostic::error(&path, 0..0, format!("template error: {message}"), hint)
        }
    }
}

/// Byte offset of a 1-based line and 0-based character column.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in_files() -> HashMap<String, ThemeFile> {
        DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let file = ThemeFile {
                    shown_as: PathBuf::from(name),
                    text: text.to_string(),
                };
                (name.to_string(), file)
            })
            .collect()
    }

    /// Inlines the English strings and the links of a site at `/sub/`.
    fn inline_into(files: &mut HashMap<String, ThemeFile>) {
        let en = built_in_files().remove("i18n/en.toml").unwrap();
        let t = toml::from_str::<RawStrings>(&en.text).unwrap().strings;
        let nav = serde_json::to_value(Nav::new(&Urls::new("https://example.org/sub/")));
        let nav = nav.unwrap().as_object().unwrap().clone();
        inline_built_in_constants(files, &[("t", &t), ("nav", &nav)]);
    }

    #[test]
    fn constants_are_written_into_built_in_templates_only() {
        let mut files = built_in_files();
        let own =
            "{% extends \"base.html\" %}{% block content %}{{ t.documents }}{% endblock content %}";
        files.get_mut("404.html").unwrap().text = own.to_string();
        inline_into(&mut files);
        assert_eq!(files["404.html"].text, own);
        let base = &files["base.html"].text;
        assert!(!base.contains("{{ t.nav_documents }}") && !base.contains("{{ nav.documents }}"));
        assert!(base.contains(">Documents</a>"));
        assert!(base.contains("href=\"/sub/documents/\""));
    }

    #[test]
    fn nothing_is_written_in_when_a_template_gives_nav_a_value() {
        let mut files = built_in_files();
        let own = "{% extends \"base.html\" %}{% block content %}{% set_global nav = site %}{% endblock content %}";
        files.get_mut("404.html").unwrap().text = own.to_string();
        inline_into(&mut files);
        for (name, text) in DEFAULT_TEMPLATES {
            if *name != "404.html" {
                assert_eq!(files[*name].text, *text, "{name}");
            }
        }
    }

    #[test]
    fn built_in_languages_have_the_same_interface_strings() {
        let keys = |lang: &str| -> Vec<String> {
            let name = format!("i18n/{lang}.toml");
            let text = DEFAULT_TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| *t)
                .unwrap_or_default();
            let raw: RawStrings = toml::from_str(text).unwrap();
            let mut keys: Vec<String> = raw.strings.keys().cloned().collect();
            keys.extend(raw.actor_kinds.keys().map(|k| format!("actor_kinds.{k}")));
            keys.extend(raw.actor_kinds_plural.keys().map(|k| format!("plural.{k}")));
            keys.sort();
            keys
        };
        assert_eq!(keys("en"), keys("fr"));
    }
}
