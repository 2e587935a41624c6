//! Throughput of `segment()` on a repeated corpus of the crate's fixtures, plus the seed article
//! when the shared data folder is present (`NEWSGRAPH_SHARED`, default `../shared` from the
//! workspace root). Run with `cargo bench -p newsgraph-text`; criterion reports MB/s.

// `criterion_group!` defines an undocumented pub function.
#![allow(missing_docs)]

use std::path::PathBuf;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

/// Corpus size to aim for: big enough that per-call overheads vanish, small enough for the cache
/// behaviour of a real batch of articles.
const TARGET_BYTES: usize = 4 << 20;

fn corpus() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut parts: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let shared = std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../../../shared"));
    if let Ok(seed) = std::fs::read_to_string(shared.join("seed/article.txt")) {
        // Weighted up: the seed is the most news-like text we have.
        for _ in 0..4 {
            parts.push(seed.clone());
        }
    }
    let one = parts.join("\n\n");
    let mut corpus = String::with_capacity(TARGET_BYTES + one.len());
    while corpus.len() < TARGET_BYTES && !one.is_empty() {
        corpus.push_str(&one);
        corpus.push_str("\n\n");
    }
    corpus
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(corpus.len() as u64));
    g.sample_size(20);
    g.bench_function("segment", |b| b.iter(|| newsgraph_text::segment(black_box(&corpus))));
    g.bench_function("tokenize", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            let span = newsgraph_core::Span::new(0, corpus.len());
            newsgraph_text::tokenize(black_box(&corpus), span, &mut out);
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
