//! Quotation marks in the typography of the quoted text's language: “…” in English,
//! « … » in French, „…“ in German, and so on; the template filter `quoted` applies them.

/// The opening and closing marks of a quotation in language `lang` (a BCP 47 tag): its
/// region or script first where they differ (`de-CH` «…», `pt-BR` “…”, `zh-Hant` 「…」),
/// then its primary language; English marks for a language not listed.
pub fn marks(lang: &str) -> (&'static str, &'static str) {
    const GUILLEMETS: (&str, &str) = ("«", "»");
    const ENGLISH: (&str, &str) = ("“", "”");
    let lower = lang.trim().to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let has = |sub: &str| rest.contains(&sub);
    match primary {
        "de" | "lb" if has("ch") || has("li") => GUILLEMETS,
        "de" | "lb" | "cs" | "sk" | "sl" | "is" | "lt" | "et" | "ka" => ("„", "“"),
        // a no-break space inside, as French typography requires
        "fr" if has("ch") => GUILLEMETS,
        "fr" => ("«\u{202f}", "\u{202f}»"),
        "it" if has("ch") => GUILLEMETS,
        "pt" if has("br") => ENGLISH,
        "es" | "it" | "pt" | "ca" | "gl" | "eu" | "ru" | "uk" | "be" | "el" | "nb" | "nn"
        | "no" | "hy" | "fa" | "ar" => GUILLEMETS,
        "pl" | "ro" | "hu" | "hr" | "bg" => ("„", "”"),
        "da" => ("»", "«"),
        "sv" | "fi" | "he" => ("”", "”"),
        "zh" if has("hant") || has("tw") || has("hk") || has("mo") => ("「", "」"),
        "ja" => ("「", "」"),
        _ => ENGLISH,
    }
}

/// `text` between the quotation marks of language `lang`.
pub fn quoted(text: &str, lang: &str) -> String {
    let (open, close) = marks(lang);
    [open, text, close].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_language_of_the_quoted_text() {
        assert_eq!(quoted("backdoors", "en"), "“backdoors”");
        assert_eq!(quoted("portes", "fr"), "«\u{202f}portes\u{202f}»");
        assert_eq!(quoted("Hintertüren", "de"), "„Hintertüren“");
        assert_eq!(quoted("Hintertüren", "de-CH"), "«Hintertüren»");
        assert_eq!(quoted("backdoors", "en-GB"), "“backdoors”");
        assert_eq!(quoted("tylne furtki", "pl"), "„tylne furtki”");
        assert_eq!(quoted("puertas", "es"), "«puertas»");
        assert_eq!(quoted("portas", "pt-BR"), "“portas”");
        assert_eq!(quoted("後門", "zh-Hant-TW"), "「後門」");
        assert_eq!(quoted("achterdeuren", "nl"), "“achterdeuren”");
    }

    #[test]
    fn an_unknown_language_gets_english_marks() {
        assert_eq!(quoted("x", "tlh"), "“x”");
        assert_eq!(quoted("x", ""), "“x”");
    }
}
