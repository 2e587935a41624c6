//! Throughput of the quotes, amounts and tone components together, in tokens per second on one
//! core, over the PolNeAR dev articles (shared data; segmentation is done before timing).
//!
//!     cargo bench -p newsgraph-quotes --bench components
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // A benchmark binary.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_core::{Article, Component, Doc};

fn docs() -> Vec<Doc> {
    let shared = std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let raw = std::fs::read_to_string(shared.join("data/quotes/polnear/dev.jsonl")).expect("PolNeAR dev");
    let date = chrono::NaiveDate::from_ymd_opt(2016, 10, 1).unwrap();
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["primary"].as_bool().unwrap_or(true))
        .map(|v| {
            let mut d = Doc::new(Article::new(v["text"].as_str().unwrap_or(""), date));
            newsgraph_text::TextComponent.process(&mut d).unwrap();
            d
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = docs();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let quotes = newsgraph_quotes::QuotesComponent::new().unwrap();
    let amounts = newsgraph_amounts::AmountsComponent::new().unwrap();
    let tone = newsgraph_tone::ToneComponent::new().unwrap();
    let mut group = c.benchmark_group("quotes+amounts+tone");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(20);
    group.bench_function("polnear-dev", |b| {
        b.iter_batched_ref(
            || docs.clone(),
            |docs| {
                for d in docs.iter_mut() {
                    quotes.process(d).unwrap();
                    amounts.process(d).unwrap();
                    tone.process(d).unwrap();
                }
            },
            criterion::BatchSize::LargeInput,
        )
    });
    for (name, comp) in [
        ("quotes", &quotes as &dyn Component),
        ("amounts", &amounts as &dyn Component),
        ("tone", &tone as &dyn Component),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                || docs.clone(),
                |docs| {
                    for d in docs.iter_mut() {
                        comp.process(d).unwrap();
                    }
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
