//! Throughput of `segment()` in MB per second of CPU time, on the same corpus as the criterion
//! bench (`benches/text.rs`). On a shared machine criterion's wall-clock figure drops with the
//! load; CPU time (Linux `/proc/self/schedstat`) does not, so this is the figure to compare
//! against the 50 MB/s target. Run: `cargo run --release -p newsgraph-text --example throughput`.

use std::path::PathBuf;
use std::time::Instant;

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
        for _ in 0..4 {
            parts.push(seed.clone());
        }
    }
    let one = parts.join("\n\n");
    let mut corpus = String::new();
    while corpus.len() < 4 << 20 && !one.is_empty() {
        corpus.push_str(&one);
        corpus.push_str("\n\n");
    }
    corpus
}

/// Nanoseconds this process has run on a CPU, when the kernel reports it.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    let corpus = corpus();
    let rounds = 30;
    let mut tokens = 0;
    // Warm up caches and the lexicon.
    tokens += newsgraph_text::segment(&corpus).tokens.len();
    let (wall, cpu) = (Instant::now(), cpu_ns());
    for _ in 0..rounds {
        tokens += std::hint::black_box(newsgraph_text::segment(std::hint::black_box(&corpus)))
            .tokens
            .len();
    }
    let wall = wall.elapsed().as_secs_f64();
    let mb = (corpus.len() * rounds) as f64 / 1e6;
    println!(
        "corpus {:.2} MB x {rounds} rounds, {tokens} tokens",
        corpus.len() as f64 / 1e6
    );
    println!("wall clock: {:.1} MB/s", mb / wall);
    match cpu_ns().zip(cpu) {
        Some((after, before)) => println!("cpu time:   {:.1} MB/s", mb / ((after - before) as f64 / 1e9)),
        None => println!("cpu time:   unavailable (no /proc/self/schedstat)"),
    }
}
