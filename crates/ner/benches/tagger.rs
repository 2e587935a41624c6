//! Tagger throughput on CoNLL-2003 dev (gold tokens) and model load time.
//!
//! `cargo bench -p newsgraph-ner --bench tagger`

// criterion_group! generates an undocumented pub function.
#![allow(missing_docs)]

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_ner::{read_conll, Model};

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

fn bench(c: &mut Criterion) {
    let model = Model::load_default().expect("default model loads");
    let docs = read_conll(&shared().join("data/conll2003/eng.testa")).expect("eng.testa (set NEWSGRAPH_SHARED)");
    // A tenth of the dev set keeps each iteration short; throughput is per token.
    let docs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .take(24)
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag_documents", |b| {
        b.iter(|| docs.iter().map(|d| model.tag_document(d).len()).sum::<usize>())
    });
    g.finish();
    let mut g = c.benchmark_group("ner_load");
    g.sample_size(10);
    g.bench_function("load_default", |b| {
        b.iter(|| Model::load_default().expect("loads").n_features())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
