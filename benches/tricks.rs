//! Micro-benchmarks of the speed tricks that stay, each against the plain code it replaces
//! (`cargo bench --bench tricks`; the corpus is the one `stages` uses). Figures and the
//! stage measurements that decided each trick are in `bench/README.md`.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use dossier::for_benches::{fold_char, read_text, terms};

/// The corpus's document files, as paths relative to its root and as text.
fn documents(root: &Path) -> Vec<(PathBuf, String)> {
    let dir = root.join("content/documents");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.strip_prefix(root).unwrap().to_path_buf(), text)
        })
        .collect()
}

/// `load::read_text` (SIMD check, then the bytes kept without a second check) against
/// std's checked conversion.
fn utf8(c: &mut Criterion, root: &Path, docs: &[(PathBuf, String)]) {
    let bytes: u64 = docs.iter().map(|(_, t)| t.len() as u64).sum();
    let mut group = c.benchmark_group("tricks/read_text");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("simdutf8_unchecked", |b| {
        b.iter(|| {
            for (rel, _) in docs {
                read_text(root, rel).unwrap();
            }
        })
    });
    group.bench_function("plain_from_utf8", |b| {
        b.iter(|| {
            for (rel, _) in docs {
                String::from_utf8(std::fs::read(root.join(rel)).unwrap()).unwrap();
            }
        })
    });
    group.finish();
}

/// The search index's words of every document: folded a run of ASCII at a time, against
/// folding character by character by the shared rule and a plain set of words.
fn search_words(c: &mut Criterion, docs: &[(PathBuf, String)]) {
    let bytes: u64 = docs.iter().map(|(_, t)| t.len() as u64).sum();
    let mut group = c.benchmark_group("tricks/search_words");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("ascii_runs", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, text)| terms([text.as_str()]).len())
                .sum::<usize>()
        })
    });
    group.bench_function("plain_chars", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, text)| plain_terms(text).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// The distinct folded words of `text` of two characters or more, sorted, folded one
/// character at a time (what `terms` returns, less its cut of very long words).
fn plain_terms(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| {
            folded.push(if f.is_alphanumeric() { f } else { ' ' })
        });
    }
    let words: std::collections::BTreeSet<&str> = folded
        .split(' ')
        .filter(|w| w.chars().nth(1).is_some())
        .collect();
    words.into_iter().map(String::from).collect()
}

fn tricks(c: &mut Criterion) {
    let root = common::corpus();
    let docs = documents(&root);
    utf8(c, &root, &docs);
    search_words(c, &docs);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = tricks
}
criterion::criterion_main!(benches);
