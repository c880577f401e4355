//! The build's stages timed apart on a generated corpus: load, resolve, render, link check
//! and write (`cargo bench --bench stages`; `DOSSIER_BENCH_DOCS=10000` for another size,
//! `DOSSIER_BENCH_DIR=/dev/shm/dossier-bench` to read and write on tmpfs as `bench.py` does).
//!
//! `links` scans every page and checks the links (a build scans on the rendering threads,
//! so its summary's `links` is the check alone); `write` stages the pages on every core
//! and swaps them in, removing the previous site, as a build does.
//!
//! With `DOSSIER_BENCH_ONCE=STAGE` (`load`, `resolve`, `render`, `links` or `write`), the
//! binary runs the stages up to that one once and exits, for instruction counts, which
//! unlike wall time are comparable from run to run on a busy machine: a stage's count is
//! the difference with the count up to the stage before it.
//! `valgrind --tool=callgrind --callgrind-out-file=/dev/null BENCH_BINARY` prints the total.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::Pipeline;
use criterion::{BatchSize, Criterion, criterion_group};

fn stages(c: &mut Criterion) {
    let root = common::corpus();
    let pipeline = Pipeline::new(&root);
    let dossier = pipeline.resolve(pipeline.load());
    let files = pipeline.render_all(&dossier, &pipeline.theme(&dossier));

    let mut group = c.benchmark_group(format!("stages/{}", common::docs()));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(10));

    group.bench_function("load", |b| b.iter(|| pipeline.load()));
    // the loaded files are read again for each run, outside the timing
    group.bench_function("resolve", |b| {
        b.iter_batched(
            || pipeline.load(),
            |loaded| pipeline.resolve(loaded),
            BatchSize::PerIteration,
        )
    });
    // the templates are compiled in each run, as in a build (their preparation is part of
    // rendering); the pages are dropped as they come, the next stages have their own copy
    group.bench_function("render", |b| {
        b.iter(|| {
            let theme = pipeline.theme(&dossier);
            pipeline.render(&dossier, &theme, |file| drop(black_box(file)));
        })
    });
    group.bench_function("links", |b| {
        b.iter(|| pipeline.check_links(&dossier, &files))
    });
    group.bench_function("write", |b| b.iter(|| pipeline.write(&files)));
    group.finish();
}

/// Runs the stages up to `last` once.
fn once(last: &str) {
    let order = ["load", "resolve", "render", "links", "write"];
    let last = order
        .iter()
        .position(|s| *s == last)
        .unwrap_or_else(|| panic!("DOSSIER_BENCH_ONCE is one of {order:?}"));
    let pipeline = Pipeline::new(&common::corpus());
    let loaded = pipeline.load();
    if last == 0 {
        return;
    }
    let dossier = pipeline.resolve(loaded);
    if last == 1 {
        return;
    }
    let files = pipeline.render_all(&dossier, &pipeline.theme(&dossier));
    if last >= 3 {
        pipeline.check_links(&dossier, &files);
    }
    if last >= 4 {
        pipeline.write(&files);
    }
}

criterion_group!(benches, stages);

fn main() {
    match std::env::var("DOSSIER_BENCH_ONCE") {
        Ok(stage) => once(&stage),
        Err(_) => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}
