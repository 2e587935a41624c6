//! `newsgraph bench analyze`: throughput of the whole pipeline and of each component. (`bench
//! store` is in `bench_store.rs`, `bench serve` in `serve.rs`.)
//!
//! Reads the inputs once, then analyses them `--rounds` times on one thread, timing every
//! component separately, and once more on all threads. Reports articles/s, tokens/s and MB/s.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use newsgraph_core::Doc;
use newsgraph_input::{Articles, ReadOptions};
use rayon::prelude::*;

use crate::exit::Code;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Pipeline throughput over a corpus (default: the bundled examples).
    Analyze(BenchAnalyzeArgs),
    /// Store scale: ingest a generated corpus (default 200,000 articles), then time searches and
    /// entity timelines (p50/p99), with store size and peak memory.
    Store(crate::bench_store::BenchStoreArgs),
    /// HTTP load test: serve a store on a loopback port and time a request mix drawn from it
    /// (requests/s, p50/p99/max per kind).
    Serve(crate::serve::BenchServeArgs),
}

#[derive(Debug, Args)]
pub struct BenchAnalyzeArgs {
    /// Files or directories to analyse (default: examples/).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// How many times to analyse the corpus on one thread.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Run only these components (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub components: Option<Vec<String>>,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cmd: BenchCommand) -> Result<Code> {
    let a = match cmd {
        BenchCommand::Analyze(a) => a,
        BenchCommand::Store(s) => return crate::bench_store::run(s),
        BenchCommand::Serve(s) => return crate::serve::bench(s),
    };
    let inputs = if a.inputs.is_empty() {
        vec![PathBuf::from("examples")]
    } else {
        a.inputs
    };
    let articles: Vec<_> = Articles::new(inputs, ReadOptions::default())
        .filter_map(|r| r.ok().map(|(_, art)| art))
        .collect();
    if articles.is_empty() {
        bail!("no readable articles in the inputs");
    }
    let load_started = Instant::now();
    let pipeline = newsgraph_pipeline::build(a.components.as_deref(), &[])?;
    let load = load_started.elapsed();
    let bytes: usize = articles.iter().map(|x| x.text.len()).sum();
    let components = pipeline.components();
    let mut per_component = vec![Duration::ZERO; components.len()];
    let mut tokens = 0usize;
    let started = Instant::now();
    for _ in 0..a.rounds.max(1) {
        for article in &articles {
            let mut doc = Doc::new(article.clone());
            for (i, c) in components.iter().enumerate() {
                let t = Instant::now();
                c.process(&mut doc)?;
                per_component[i] += t.elapsed();
            }
            tokens += doc.tokens.len();
        }
    }
    let single = started.elapsed();
    let rounds = a.rounds.max(1);
    let threads = rayon::current_num_threads();
    let started = Instant::now();
    (0..rounds).into_par_iter().try_for_each(|_| {
        articles.par_iter().try_for_each(|article| {
            let mut doc = Doc::new(article.clone());
            pipeline.process(&mut doc)
        })
    })?;
    let parallel = started.elapsed();

    let n = (articles.len() * rounds) as f64;
    let mb = (bytes * rounds) as f64 / 1e6;
    let rows: Vec<serde_json::Value> = components
        .iter()
        .zip(&per_component)
        .map(|(c, d)| {
            let s = d.as_secs_f64();
            serde_json::json!({
                "component": c.name(),
                "seconds": s,
                "tokens_per_s": tokens as f64 / s.max(1e-9),
                "share": s / single.as_secs_f64().max(1e-9),
            })
        })
        .collect();
    let report = serde_json::json!({
        "articles": articles.len(),
        "rounds": rounds,
        "megabytes": mb,
        "tokens": tokens,
        "load_seconds": load.as_secs_f64(),
        "one_thread": {
            "seconds": single.as_secs_f64(),
            "articles_per_s": n / single.as_secs_f64().max(1e-9),
            "tokens_per_s": tokens as f64 / single.as_secs_f64().max(1e-9),
            "mb_per_s": mb / single.as_secs_f64().max(1e-9),
        },
        "all_threads": {
            "threads": threads,
            "seconds": parallel.as_secs_f64(),
            "articles_per_s": n / parallel.as_secs_f64().max(1e-9),
        },
        "components": rows,
    });
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(Code::Ok);
    }
    println!(
        "{} articles × {} rounds, {:.2} MB, {} tokens; pipeline loaded in {:.0} ms",
        articles.len(),
        rounds,
        mb,
        tokens,
        load.as_secs_f64() * 1e3
    );
    println!(
        "one thread:  {:>9.1} articles/s  {:>11.0} tokens/s  {:>7.2} MB/s",
        n / single.as_secs_f64(),
        tokens as f64 / single.as_secs_f64(),
        mb / single.as_secs_f64()
    );
    println!("{threads} threads:   {:>9.1} articles/s", n / parallel.as_secs_f64());
    println!("\ncomponent   share    tokens/s (one thread)");
    for r in &report["components"].as_array().cloned().unwrap_or_default() {
        println!(
            "{:<10} {:>5.1}%  {:>12.0}",
            r["component"].as_str().unwrap_or(""),
            100.0 * r["share"].as_f64().unwrap_or(0.0),
            r["tokens_per_s"].as_f64().unwrap_or(0.0)
        );
    }
    Ok(Code::Ok)
}
