//! Throughput of POS tagging plus chunking over the seed article, tokenized by newsgraph-text.

// criterion_group! generates an undocumented pub function; a bench may panic on setup.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let path = newsgraph_syntax::shared_dir().join("seed/article.txt");
    let raw = std::fs::read_to_string(&path).unwrap();
    // Header: `date YYYY-MM-DD ` then the text.
    let text = raw.trim_start().strip_prefix("date").unwrap().trim_start()[10..].trim_start();
    let seg = newsgraph_text::segment(text);
    let sentences: Vec<Vec<&str>> = (0..seg.sentences.len())
        .map(|i| {
            seg.tokens
                .iter()
                .zip(&seg.token_sentence)
                .filter(|(_, &s)| s as usize == i)
                .map(|(t, _)| &text[t.span.start..t.span.end])
                .collect()
        })
        .collect();
    let models = newsgraph_syntax::Models::load_default().unwrap();
    let mut g = c.benchmark_group("syntax");
    g.throughput(Throughput::Elements(seg.tokens.len() as u64));
    g.bench_function("pos+chunk seed article", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &sentences {
                n += models.tag_and_chunk(s).1.len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
