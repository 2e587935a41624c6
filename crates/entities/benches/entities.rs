//! Throughput of linking + coreference on the seed article (hand-tagged raw NER mentions, as in
//! `tests/seed.rs`), and the cost of loading the gazetteer and tables.
#![allow(missing_docs, clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::Component;
use newsgraph_entities::{EntitiesComponent, Resources};

fn bench(c: &mut Criterion) {
    let text = common::seed_text();
    let mut raw = common::segment(&text);
    common::tag(&mut raw, common::SEED_NER);
    let comp = EntitiesComponent::new().unwrap();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("seed_article", |b| {
        b.iter(|| {
            let mut doc = raw.clone();
            comp.process(&mut doc).unwrap();
            doc.entities.len()
        })
    });
    g.finish();
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("gazetteer_and_tables", |b| {
        b.iter(|| Resources::load().unwrap().gazetteer.names())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
