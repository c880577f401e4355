//! `dossier.toml` read into [`Settings`]: strict, with every problem a diagnostic (every
//! unknown key at its place, by the front-matter parser), and the spans of the values later
//! stages check taken from the TOML parser.

use std::path::Path;

use serde::Deserialize;

use crate::config::{SettingSpans, Settings, base_path};
use crate::diagnostic::Diagnostic;
use crate::load::frontmatter;

/// Parses `dossier.toml`; every problem becomes a diagnostic against `file`. Whether the
/// theme has strings for the language is for the theme to say ([`SettingSpans`]).
pub fn parse(file: &Path, text: &str) -> Result<Settings, Vec<Diagnostic>> {
    let mut settings: Settings = frontmatter::parse_toml_file(file, text, "dossier.toml settings")?;
    settings.spans = spans(text);
    if let Err(why) = base_path(&settings.base_url) {
        let span = settings.spans.base_url.clone();
        return Err(vec![Diagnostic::error(
            file,
            span,
            why,
            "use a URL such as `https://user.github.io/repo/` or a path such as `/`",
        )]);
    }
    Ok(settings)
}

/// Where the values of the settings are, as the TOML parser reports them.
#[derive(Default, Deserialize)]
struct Located {
    language: Option<toml::Spanned<toml::Value>>,
    base_url: Option<toml::Spanned<toml::Value>>,
}

/// The spans of the settings checked after parsing (in a text that parsed already).
fn spans(text: &str) -> SettingSpans {
    let located: Located = toml::from_str(text).unwrap_or_default();
    // A string's span covers its quotes; the caret goes under the value itself.
    let span = |v: Option<toml::Spanned<toml::Value>>| match v {
        Some(v) if v.get_ref().is_str() && v.span().len() >= 2 => {
            v.span().start + 1..v.span().end - 1
        }
        Some(v) => v.span(),
        None => 0..0,
    };
    SettingSpans {
        language: span(located.language),
        base_url: span(located.base_url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_setting_gets_a_suggestion() {
        let text = "title = \"x\"\nlangauge = \"fr\"\n";
        let problems = parse(Path::new("dossier.toml"), text).unwrap_err();
        let [d] = problems.as_slice() else {
            panic!("{problems:?}")
        };
        assert!(d.hint.starts_with("did you mean `language`?"), "{}", d.hint);
        assert_eq!(&text[d.span.clone()], "langauge");
    }

    #[test]
    fn every_unknown_setting_is_reported_at_its_key() {
        let text = "titel = \"x\"\n[extra]\nfree = 1\n";
        let text = format!("descripton = \"d\"\n{text}");
        let problems = parse(Path::new("dossier.toml"), &text).unwrap_err();
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|d| (&text[d.span.clone()], d.hint.as_str()))
            .collect();
        // the missing `title` follows from `titel`, and is not reported apart
        assert_eq!(
            found,
            [
                (
                    "descripton",
                    "did you mean `description`? (put free data under an `extra` table)"
                ),
                (
                    "titel",
                    "did you mean `title`? (put free data under an `extra` table)"
                ),
            ]
        );
    }

    #[test]
    fn spans_of_checked_settings_come_from_the_parser_even_when_the_value_repeats() {
        // the title holds the same words: a search of the text would point at it
        let text = "title = \"/repo/\"\nbase_url = \"/repo/\"\nlanguage = \"xx\" # xx\n";
        let settings = parse(Path::new("dossier.toml"), text).unwrap();
        assert_eq!(&text[settings.spans.base_url.clone()], "/repo/");
        assert!(settings.spans.base_url.start > text.find('\n').unwrap());
        assert_eq!(&text[settings.spans.language.clone()], "xx");
    }
}
