//! Throughput of the timex component on one core, in tokens per second, over the TimeBank +
//! AQUAINT texts (shared/data/timeml/tbaq) and the seed article. Tokens are counted as
//! whitespace-separated words, as the reference scripts do (86,034 for tbaq).
//! `cargo bench -p newsgraph-timex --bench timex`
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgraph_timex::{annotate_with, split_sentences, timeml, Options};

fn shared() -> std::path::PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
}

fn corpus() -> Vec<(String, NaiveDate)> {
    let mut docs = Vec::new();
    for f in timeml::list_tml(&shared().join("data/timeml/tbaq")).expect("tbaq") {
        let d = timeml::read_tml(&f).expect("tml");
        docs.push((d.text, d.date.expect("dct")));
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let tokens: usize = docs.iter().map(|(t, _)| t.split_whitespace().count()).sum();
    let opts = Options::default();
    // Warm the lazily compiled rules outside the measurement.
    let _ = annotate_with("today", NaiveDate::from_ymd_opt(2018, 11, 2).expect("date"), &[], &opts);
    let with_sentences: Vec<_> = docs.iter().map(|(t, d)| (t.as_str(), *d, split_sentences(t))).collect();
    let mut g = c.benchmark_group("timex");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(20);
    g.bench_function("tbaq_with_sentences", |b| {
        b.iter(|| {
            let mut n = 0;
            for (t, d, s) in &with_sentences {
                n += annotate_with(t, *d, s, &opts).map(|v| v.len()).unwrap_or(0);
            }
            n
        })
    });
    g.bench_function("tbaq_including_fallback_split", |b| {
        b.iter(|| {
            let mut n = 0;
            for (t, d) in &docs {
                n += annotate_with(t, *d, &[], &opts).map(|v| v.len()).unwrap_or(0);
            }
            n
        })
    });
    g.finish();
}

// criterion_group! generates an undocumented pub fn.
#[allow(missing_docs)]
mod group {
    use super::*;
    criterion_group!(benches, bench);
}
criterion_main!(group::benches);
