//! Micro-benchmarks of the speed tricks, each against the plain code it replaces.

use criterion::{Criterion, criterion_group, criterion_main};

fn tricks(_c: &mut Criterion) {}

criterion_group!(benches, tricks);
criterion_main!(benches);
