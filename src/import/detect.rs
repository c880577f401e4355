//! What an imported text is about: its language (whatlang) and the actors of the dossier
//! whose names or aliases it contains.

use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::load::{self, Parsed};

/// The language of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// A BCP 47 tag (`en`, `fr`).
    pub tag: String,
    /// Whether the detector is confident; an unsure guess is written as a comment.
    pub reliable: bool,
    /// Whether it was detected rather than given with `--lang`.
    pub detected: bool,
}

impl Language {
    /// The language given on the command line.
    pub fn given(tag: &str) -> Language {
        Language {
            tag: tag.to_string(),
            reliable: true,
            detected: false,
        }
    }
}

/// How sure whatlang must be for the language to be written as a value rather than a
/// comment. Its own `is_reliable` asks for 0.9, which a letter in English with a line of
/// French above it does not reach (0.61, for the example's Huawei letter printed to PDF).
const MIN_CONFIDENCE: f64 = 0.5;

/// Detects the language of `text`, as a two-letter BCP 47 tag where ISO 639-1 has one.
pub fn language(text: &str) -> Option<Language> {
    // A long text is as well detected from its first 20,000 bytes, ten times faster.
    let sample = match text.char_indices().nth(20_000) {
        Some((at, _)) => &text[..at],
        None => text,
    };
    let info = whatlang::detect(sample)?;
    Some(Language {
        tag: bcp47(info.lang().code())?.to_string(),
        reliable: info.confidence() >= MIN_CONFIDENCE,
        detected: true,
    })
}

/// BCP 47 uses the ISO 639-1 code where there is one: whatlang names languages in ISO 639-3.
fn bcp47(iso639_3: &str) -> Option<&'static str> {
    const CODES: [(&str, &str); 70] = [
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    CODES
        .iter()
        .find(|(three, _)| *three == iso639_3)
        .map(|(_, two)| *two)
}

/// An actor named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The actor's id.
    pub id: String,
    /// The name or alias found, as declared.
    pub name: String,
    /// How many times its names occur.
    pub count: usize,
}

/// The actors of a dossier with their names, to find in imported texts.
#[derive(Debug, Default)]
pub struct Actors {
    /// (actor id, name) for every name and alias, whitespace collapsed.
    names: Vec<(String, String)>,
    matcher: Option<AhoCorasick>,
}

impl Actors {
    /// The actors of `content/actors/` under `root`; files that do not parse are skipped,
    /// since `dossier check` reports them.
    pub fn load(root: &Path) -> Actors {
        let (files, _) = load::walk(root, Path::new("content/actors"));
        let mut names = Vec::new();
        for rel in files {
            if let Ok(Parsed::Actor(actor)) = load::load_file(root, &rel) {
                let front = &actor.front;
                for name in std::iter::once(&front.name).chain(&front.aliases) {
                    if let Some(name) = super::one_line(name.as_str()) {
                        names.push((actor.id.clone(), name));
                    }
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(_, n)| n))
            .ok();
        Actors { names, matcher }
    }

    /// The actors whose names occur in `text` as whole words (as the build detects
    /// mentions: case kept, line breaks and runs of spaces read as one space), most named
    /// first.
    pub fn named_in(&self, text: &str) -> Vec<Named> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut found: Vec<Named> = Vec::new();
        for m in matcher.find_iter(&flat) {
            let whole = !flat[..m.start()].chars().next_back().is_some_and(is_word)
                && !flat[m.end()..].chars().next().is_some_and(is_word);
            if !whole {
                continue;
            }
            let (id, name) = &self.names[m.pattern().as_usize()];
            match found.iter_mut().find(|n| &n.id == id) {
                Some(n) => n.count += 1,
                None => found.push(Named {
                    id: id.clone(),
                    name: name.clone(),
                    count: 1,
                }),
            }
        }
        // most named first; the order of first mention among equals
        found.sort_by_key(|n| std::cmp::Reverse(n.count));
        found
    }
}

/// A character that continues a word (the build's rule for mentions).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
