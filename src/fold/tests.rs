//! Slugs and search keys agree: the same folding rule, on Latin, Greek, Cyrillic and CJK text.

use super::fold;
use crate::render::search::terms;
use crate::slug::slugify;

/// Texts in several scripts, with their slug and their search terms, as each folding gave
/// them before they became one (checked then for every character: search folds as it did;
/// slugs differ only where the old table turned a letter or mark into a hyphen).
const SAMPLES: &[(&str, &str, &[&str])] = &[
    (
        "Sécurité du réseau — 2024",
        "securite-du-reseau-2024",
        &["2024", "du", "reseau", "securite"],
    ),
    (
        "L'État, c'est moi",
        "l-etat-c-est-moi",
        &["est", "etat", "moi"],
    ),
    (
        "Ansip's 'mandatory backdoors'",
        "ansip-s-mandatory-backdoors",
        &["ansip", "backdoors", "mandatory"],
    ),
    (
        "Škoda Žilina Čeština ŘEŘICHA",
        "skoda-zilina-cestina-rericha",
        &["cestina", "rericha", "skoda", "zilina"],
    ),
    (
        "Ångström Ærøskøbing Straße",
        "angstrom-aeroskobing-strasse",
        &["angstrom", "straße", "ærøskøbing"],
    ),
    ("Łódź Gdańsk", "lodz-gdansk", &["gdansk", "łodz"]),
    (
        "İstanbul Ağrı Şişli",
        "istanbul-agri-sisli",
        &["agrı", "istanbul", "sisli"],
    ),
    ("Œuvre ça ÿ", "oeuvre-ca-y", &["ca", "œuvre"]),
    (
        "Ωμέγα ΟΔΟΣ Αθήνα 2019",
        "2019",
        &["2019", "αθηνα", "οδοσ", "ωμεγα"],
    ),
    (
        "Москва Йошкар-Ола ёлка",
        "",
        &["елка", "иошкар", "москва", "ола"],
    ),
    (
        "任正非 华为 Huawei 5G",
        "huawei-5g",
        &["5g", "huawei", "任正非", "华为"],
    ),
    ("東京 とうきょう", "", &["とうきょう", "東京"]),
];

#[test]
fn slugs_and_search_terms_of_a_varied_sample_are_unchanged() {
    for (text, slug, words) in SAMPLES {
        assert_eq!(slugify(text), *slug, "{text}");
        assert_eq!(terms([*text]), *words, "{text}");
    }
}

#[test]
fn a_slug_is_the_ascii_words_of_the_search_folding() {
    // one rule: a slug is what search folds the text to, less what is not ASCII (the
    // Latin letters search keeps whole, `ß`, `ø`, `ł`..., are spelt out in slugs)
    for (text, slug, _) in SAMPLES {
        if text.contains(['ß', 'æ', 'Æ', 'ø', 'Ø', 'ł', 'Ł', 'ı', 'œ', 'Œ', 'đ', 'Đ']) {
            continue;
        }
        let folded = fold(text);
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words.join("-"), *slug, "{text}");
    }
}

#[test]
fn slugs_fold_every_latin_letter_with_marks_and_decomposed_text() {
    // the slug's own table knew about 100 letters and made a hyphen of every other one
    assert_eq!(slugify("Nguyễn Tấn Dũng"), "nguyen-tan-dung");
    assert_eq!(slugify("Rīga, Ķegums, ĉapelo"), "riga-kegums-capelo");
    assert_eq!(slugify("se\u{301}curite\u{301}"), "securite");
}
