//! Ingest and query throughput over generated articles.
//!
//! `cargo bench -p newsgraph-store --bench store`

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_store::{Period, QuoteRequest, SearchRequest, Store, StoreWriter};

const DOCS: usize = 2000;

fn ingest(c: &mut Criterion) {
    let docs = common::generated(DOCS);
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    g.throughput(Throughput::Elements(DOCS as u64));
    g.bench_function("2000 docs, batches of 500", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let mut w = StoreWriter::open(dir.path()).unwrap();
            w.ingest(docs.clone(), 500).unwrap();
            w.close().unwrap();
        })
    });
    g.finish();
}

fn query(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut w = StoreWriter::open(dir.path()).unwrap();
    w.ingest(common::generated(DOCS), 500).unwrap();
    w.close().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut g = c.benchmark_group("query");
    g.bench_function("search with facets", |b| {
        let req = SearchRequest {
            query: "progress AND talks".into(),
            limit: 10,
            facets: 10,
            ..Default::default()
        };
        b.iter(|| store.search(&req).unwrap())
    });
    g.bench_function("entity profile", |b| {
        b.iter(|| store.entity("chen wei", Period::Week, 10).unwrap())
    });
    g.bench_function("quotes by speaker", |b| {
        let req = QuoteRequest {
            speaker: Some("Ana Lopez".into()),
            limit: 20,
            ..Default::default()
        };
        b.iter(|| store.quotes(&req).unwrap())
    });
    g.bench_function("graph", |b| b.iter(|| store.graph(&Default::default()).unwrap()));
    g.finish();
}

criterion_group!(benches, ingest, query);
criterion_main!(benches);
