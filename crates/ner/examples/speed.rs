//! Measures model load time and tagging throughput on a CoNLL file (gold tokens):
//!
//! ```text
//! cargo run --release -p newsgraph-ner --example speed -- FILE [ROUNDS]
//! ```
//!
//! Wall-clock figures; run on an otherwise idle machine (`time` shows CPU time too).

use std::time::Instant;

use newsgraph_ner::{read_conll, Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args.first().ok_or("usage: speed FILE [ROUNDS]")?;
    let rounds: usize = args.get(1).map(|r| r.parse()).transpose()?.unwrap_or(5);
    let t = Instant::now();
    let model = Model::load_default()?;
    eprintln!(
        "load_default: {:.1} ms ({} features)",
        t.elapsed().as_secs_f64() * 1e3,
        model.n_features()
    );
    let docs = read_conll(file.as_ref())?;
    let docs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let mut found = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        found += docs
            .iter()
            .map(|d| model.tag_document(d).iter().map(Vec::len).sum::<usize>())
            .sum::<usize>();
    }
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "tagged {} tokens x {rounds} in {secs:.2} s: {:.0} tokens/s ({found} mentions)",
        tokens,
        (tokens * rounds) as f64 / secs
    );
    Ok(())
}
