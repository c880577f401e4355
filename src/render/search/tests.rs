//! Tests of folding and of the search index.

use std::path::Path;

use super::fold::{MAX_TERM_CHARS, fold_words};
use super::*;
use crate::config::BuildOptions;
use crate::diagnostic::Sources;
use crate::fold::fold;
use crate::render::urls::Urls;
use crate::render::{theme, views};

#[test]
fn folding_drops_accents_and_case() {
    assert_eq!(fold("Sécurité"), "securite");
    assert_eq!(fold("ÉTAT Œuvre ça"), "etat œuvre ca");
    assert_eq!(fold("Ωμέγα"), "ωμεγα");
    // already decomposed text folds the same as composed text
    assert_eq!(fold("se\u{301}curite\u{301}"), "securite");
    // per character, as search.js does: no context-dependent final sigma
    assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
}

#[test]
fn terms_are_distinct_folded_words_of_two_letters_or_more() {
    assert_eq!(
        terms(["L'État, c'est moi — question n° 17938", "Sécurité ÉTAT"]),
        ["17938", "est", "etat", "moi", "question", "securite"]
    );
}

#[test]
fn repeated_words_of_every_length_are_kept_once() {
    let text = "ab abcdefgh abcdefghi ab abcdefgh abcdefghi abcdefghij abc abcdefghi";
    assert_eq!(
        super::fold::distinct_words([text, "AB", "abcdefgh"]),
        "ab abcdefgh abcdefghi abcdefghij abc"
    );
}

#[test]
fn very_long_words_are_cut() {
    let long = "é".repeat(100);
    assert_eq!(terms([long.as_str()]), ["e".repeat(MAX_TERM_CHARS)]);
}

#[test]
fn postings_are_delta_encoded() {
    assert_eq!(deltas(vec![3, 5, 9, 10]), [3, 2, 4, 1]);
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Builds the index of a small dossier: one French document, one actor, one event.
fn small_index() -> Index {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "dossier.toml", "title = \"T\"\nlanguage = \"en\"\n");
    write(
        root,
        "content/_index.md",
        "+++\ntitle = \"T\"\n+++\nHello.\n",
    );
    let filler = "Texte sans importance. ".repeat(60);
    write(
        root,
        "content/documents/question.txt",
        &format!(
            "+++\ntitle = \"Question écrite\"\ndate = \"2024-05-21\"\nkind = \"parliamentary-question\"\n\
             lang = \"fr\"\nsummary = \"A question on cloud providers.\"\n\n[[events]]\n\
             date = \"2024-05\"\ntitle = \"Letter of intent signed\"\nactors = [\"huawei\"]\n\
             quote = \"une lettre d'intention\"\n+++\n{filler}\n\nHuawei a signé une lettre d'intention.\n\n\
             La sécurité des données est en jeu.\n"
        ),
    );
    write(
        root,
        "content/actors/huawei.md",
        "+++\nname = \"Huawei Technologies\"\nkind = \"organisation\"\naliases = [\"Huawei\"]\n\
         description = \"Chinese group.\"\n+++\n",
    );
    let mut content = crate::load::Content::default();
    let loaded = crate::load::load(
        &BuildOptions::new(root),
        &mut content,
        &mut Default::default(),
    )
    .unwrap();
    let resolved = crate::resolve::resolve(loaded, &mut crate::resolve::Memo::default(), None);
    let (dossier, problems) = (resolved.dossier, resolved.diagnostics);
    assert!(problems.is_empty(), "{problems:?}");
    let urls = Urls::new("/sub/");
    let theme = theme::load(root, &dossier.settings, &urls, &mut Sources::default()).unwrap();
    let dates = views::Dates::new(&dossier, &theme.strings);
    let links = views::Links::new(&dossier, &dates, &urls, &theme.strings);
    let events = views::Events::new(&dossier, &dates, &links, &urls, &theme.strings);
    build(&dossier, &links.documents, &links.actors, &events, None)
}

fn entries_with(index: &Index, term: &str, heads: bool) -> Vec<u32> {
    let i = index
        .terms
        .binary_search_by(|t| t.as_str().cmp(term))
        .unwrap();
    let list = if heads {
        &index.heads[i]
    } else {
        &index.texts[i]
    };
    let mut n = 0;
    list.iter()
        .map(|d| {
            n += d;
            n
        })
        .collect()
}

#[test]
fn documents_actors_and_events_are_indexed_with_folded_words() {
    let index = small_index();
    let kinds: Vec<&str> = index.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["d", "a", "e"]);
    let doc = &index.entries[0];
    assert_eq!(doc.url, "/sub/documents/question/");
    assert_eq!(doc.title, "Question écrite");
    assert_eq!(
        (doc.title_lang.as_str(), doc.excerpt_lang.as_str()),
        ("fr", "fr")
    );
    assert_eq!(doc.meta, "21 May 2024 · parliamentary-question");
    assert_eq!(doc.summary, "A question on cloud providers.");
    assert!(doc.excerpt.starts_with("Texte sans importance.") && doc.excerpt.ends_with('…'));
    assert!(doc.excerpt.chars().count() <= prose::EXCERPT_CHARS + 1);
    // words past the excerpt are found all the same
    assert_eq!(entries_with(&index, "securite", false), [0]);
    assert_eq!(entries_with(&index, "ecrite", true), [0]);
    // the actor's aliases are part of its heading; the event's quote of its text
    assert_eq!(entries_with(&index, "huawei", true), [1]);
    assert_eq!(entries_with(&index, "intention", false), [0, 2]);
    let event = &index.entries[2];
    assert_eq!(event.url, "/sub/timeline/#letter-of-intent-signed");
    assert_eq!(event.meta, "May 2024");
    assert_eq!(
        (event.excerpt.as_str(), event.excerpt_lang.as_str()),
        ("une lettre d'intention", "fr")
    );
}

/// An entry with the given words, for merging.
fn prepared(title: &str, heads: &str, texts: &str) -> Arc<Prepared> {
    Arc::new(Prepared {
        entry: Entry {
            kind: "d",
            url: format!("/{title}/"),
            title: title.into(),
            title_lang: String::new(),
            meta: String::new(),
            summary: String::new(),
            excerpt: String::new(),
            excerpt_lang: String::new(),
        },
        heads: heads.into(),
        texts: texts.into(),
    })
}

#[test]
fn entries_merged_chunk_by_chunk_are_numbered_across_chunks() {
    let mut merged = Merged::with_capacity(3);
    merged.add(vec![
        prepared("a", "alpha", "common"),
        prepared("b", "beta", "common"),
    ]);
    merged.add(vec![prepared("c", "alpha", "common gamma")]);
    let index = merged.finish(Vec::new());
    let titles: Vec<&str> = index.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["a", "b", "c"]);
    assert_eq!(index.terms, ["alpha", "beta", "common", "gamma"]);
    assert_eq!(entries_with(&index, "alpha", true), [0, 2]);
    assert_eq!(entries_with(&index, "common", false), [0, 1, 2]);
    assert_eq!(entries_with(&index, "gamma", false), [2]);
    assert!(entries_with(&index, "gamma", true).is_empty());
}

#[test]
fn terms_are_sorted_and_entries_serialise_compactly() {
    let index = small_index();
    assert!(index.terms.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(index.terms.len(), index.heads.len());
    assert_eq!(index.terms.len(), index.texts.len());
    let json = serde_json::to_string(&index.entries).unwrap();
    assert!(json.starts_with("[{\"k\":\"d\""));
    assert!(!json.contains("\"tl\":\"\""), "empty fields are left out");
}

#[test]
fn entries_are_grouped_by_type_kind_and_year() {
    let index = small_index();
    let groups: Vec<(&str, &str, Option<i32>, u32)> = (index.groups.iter())
        .map(|g| (g.of, g.kind.as_str(), g.year, g.start))
        .collect();
    assert_eq!(
        groups,
        [
            ("d", "parliamentary-question", Some(2024), 0),
            ("a", "organisation", None, 1),
            ("e", "", Some(2024), 2),
        ]
    );
}

/// An entry with no words, of type `of`.
fn filed_entry(of: &'static str) -> Entry {
    Entry {
        kind: of,
        url: String::new(),
        title: String::new(),
        title_lang: String::new(),
        meta: String::new(),
        summary: String::new(),
        excerpt: String::new(),
        excerpt_lang: String::new(),
    }
}

#[test]
fn a_chunk_holds_consecutive_entries() {
    let index = Index {
        entries: (0..150).map(|_| filed_entry("d")).collect(),
        groups: Vec::new(),
        terms: vec!["ab".into(), "se".into(), "securite".into()],
        heads: vec![vec![], vec![], vec![]],
        texts: vec![vec![1], vec![2], vec![3]],
    };
    let layout = shards::Layout::for_entries(150);
    assert_eq!(layout.chunks, 3);
    let built = shards::Built::new(index, layout);
    let shard = shards::shard_of("se", layout.shards);
    let page = crate::render::Page::SearchShard(u32::try_from(shard).unwrap());
    let json = String::from_utf8(built.file(&page).1.unwrap()).unwrap();
    assert!(json.contains("\"se\",\"securite\""), "{json}");
    let (path, last) = built.file(&crate::render::Page::SearchChunk(2));
    assert_eq!(path, "search-index/e2.json");
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&last.unwrap()).unwrap();
    assert_eq!(entries.len(), 150 - 2 * shards::CHUNK);
}

#[test]
fn word_folding_agrees_with_folding_for_every_character() {
    // the fast path (ASCII, the Latin table) and the general one give the same words
    let text: String = (0x20u32..0x3000).filter_map(char::from_u32).collect();
    let mut words = Vec::new();
    fold_words(&text, &mut words);
    let words = String::from_utf8(words).unwrap();
    let expected: String = fold(&text)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    assert_eq!(
        words.split_whitespace().collect::<Vec<_>>(),
        expected.split_whitespace().collect::<Vec<_>>()
    );
}

#[test]
fn ascii_folds_to_lowercase_letters_digits_and_spaces() {
    for b in 0..128u8 {
        let expected = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else {
            b' '
        };
        assert_eq!(super::fold::fold_ascii(b), expected, "byte {b}");
    }
}
