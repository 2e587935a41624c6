//! Throughput of the whole coding path — POS tagging, chunking, clause analysis, actor and
//! event coding — over the seed article: `cargo bench -p newsgraph-events --bench events`.

// criterion_group! generates an undocumented pub function; a bench may panic on setup.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_events::{EventCoder, EventOptions};

fn bench(c: &mut Criterion) {
    let doc = newsgraph_events::seed_doc().unwrap();
    let coder = EventCoder::new(&EventOptions::default()).unwrap();
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Elements(doc.tokens.len() as u64));
    g.bench_function("pos+chunk+code seed article", |b| {
        b.iter(|| coder.code_events(&doc).len())
    });
    // The syntax share alone, to tell a slower coder from a slower tagger (or a busy machine).
    let models = newsgraph_syntax::Models::load_default().unwrap();
    g.bench_function("pos+chunk seed article", |b| {
        b.iter(|| newsgraph_syntax::analyze_doc(&models, &doc).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
