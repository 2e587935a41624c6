//! `newsgraph bench store`: ingest a generated corpus of any size, then time the store's queries.
//!
//! The corpus is built from the real article texts of the shared data (PolNeAR, CoNLL-2003, TimeBank/
//! AQUAINT, the seed) so the analysis cost and the index statistics are those of news; each copy
//! gets its own id and a shifted publication date, so no two generated articles are duplicates and
//! the date histograms spread over years. Articles are generated lazily: the benchmark's own memory
//! stays flat however many it ingests, which is what the peak-memory figure is meant to show.
//!
//! Reported: ingest rate (full analysis, all cores), store size per article, peak and sampled
//! resident memory during ingest, and p50/p99 latencies of search (plain, date-ranged, entity-
//! filtered, with facets) and of entity profiles with timelines.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::{Days, NaiveDate};
use clap::Args;
use newsgraph_core::{Article, Doc, EntityType};
use newsgraph_input::{Articles, Location, ReadOptions, Record};
use newsgraph_store::{Period, QuoteRequest, SearchRequest, Store, StoreWriter};
use rayon::prelude::*;
use serde_json::json;

use crate::analyze::{drive_records, progress_bar};
use crate::exit::Code;

#[derive(Debug, Args)]
pub struct BenchStoreArgs {
    /// How many articles to generate and ingest.
    #[arg(long, default_value_t = 200_000, value_name = "N")]
    pub articles: usize,
    /// Store directory to build (must not exist yet, or be a store of an earlier run with --reuse).
    #[arg(long, value_name = "DIR", default_value = "newsgraph-bench-store")]
    pub store: PathBuf,
    /// Skip ingest and only time the queries on an existing store.
    #[arg(long)]
    pub reuse: bool,
    /// Build the store for the query benchmark faster: analyse each distinct base text once with
    /// the full pipeline, then give every copy its own id and date and re-run only the
    /// date-dependent components (timex, events) on it. The stored analyses are the ones a full
    /// run gives; the ingest rate it reports is not the full-analysis rate.
    #[arg(long)]
    pub analyse_once: bool,
    /// Shared data folder with the base texts (default: $NEWSGRAPH_SHARED, else ../shared).
    #[arg(long, value_name = "DIR")]
    pub shared: Option<PathBuf>,
    /// How many queries of each kind to time.
    #[arg(long, default_value_t = 300, value_name = "N")]
    pub queries: usize,
    /// Worker threads for analysis (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

/// One distinct base text.
struct Base {
    text: String,
    title: Option<String>,
    source: Option<String>,
    date: NaiveDate,
}

/// Reads every distinct article text of the shared corpora.
fn load_bases(shared: &Path) -> Result<Vec<Base>> {
    let data = shared.join("data");
    let conll_date = NaiveDate::from_ymd_opt(1996, 8, 30).context("constant date")?;
    let sources: Vec<(PathBuf, Option<NaiveDate>)> = vec![
        (shared.join("seed/article.txt"), None),
        (data.join("quotes/polnear/train.jsonl"), None),
        (data.join("quotes/polnear/dev.jsonl"), None),
        (data.join("conll2003/eng.train.detok.jsonl"), Some(conll_date)),
        (data.join("conll2003/eng.testa.detok.jsonl"), Some(conll_date)),
        (data.join("timeml/tbaq"), None),
    ];
    let mut seen = HashSet::new();
    let mut bases = Vec::new();
    for (path, date) in sources {
        if !path.exists() {
            continue;
        }
        let opts = ReadOptions {
            date,
            ..ReadOptions::default()
        };
        for (_, a) in Articles::new(vec![path], opts).flatten() {
            if a.text.trim().is_empty() || !seen.insert(Article::content_id(&a.text, conll_date)) {
                continue;
            }
            bases.push(Base {
                text: a.text,
                title: a.title,
                source: a.source,
                date: a.date,
            });
        }
    }
    if bases.is_empty() {
        bail!(
            "no article texts found under {} (set NEWSGRAPH_SHARED or --shared)",
            shared.display()
        );
    }
    Ok(bases)
}

/// The `i`-th generated article: base text `i mod n`, copy `i / n`, its date moved by a stride
/// that is distinct for every copy of a base, so (text, date) pairs never repeat.
fn generate(bases: &[Base], i: usize) -> Record {
    let base = &bases[i % bases.len()];
    let copy = (i / bases.len()) as u64;
    // 5479 days (15 years) is prime and 7919 is not a multiple of it, so for one base the shift
    // differs for every copy below 5479 — enough for 10 million articles from 2,000 bases; the
    // base's own offset spreads the bases of one copy over the calendar.
    let shift = (copy * 7919 + (i % bases.len()) as u64 * 131) % 5479;
    let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or(base.date);
    let date = start.checked_add_days(Days::new(shift)).unwrap_or(base.date);
    let mut article = Article::new(base.text.clone(), date);
    article.id = format!("bench-{i:08}");
    article.title = base.title.clone();
    article.source = base.source.clone().or_else(|| Some(format!("source-{}", i % 23)));
    Ok((
        Location {
            file: "<generated>".into(),
            line: i + 1,
        },
        article,
    ))
}

/// Resident and peak resident memory of this process in bytes (Linux; `None` elsewhere).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// p50, p99 and max of a set of durations, in milliseconds.
fn percentiles(mut d: Vec<Duration>) -> serde_json::Value {
    if d.is_empty() {
        return json!(null);
    }
    d.sort();
    let at = |q: f64| d[((d.len() as f64 * q).ceil() as usize).clamp(1, d.len()) - 1].as_secs_f64() * 1e3;
    json!({"n": d.len(), "p50_ms": at(0.50), "p99_ms": at(0.99), "max_ms": at(1.0)})
}

/// Deterministic query words: frequent content words of the base texts, skipping the commonest.
fn query_words(bases: &[Base], n: usize) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for b in bases.iter().step_by(3) {
        for w in b.text.split(|c: char| !c.is_alphabetic()) {
            if w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()) {
                *counts.entry(w.to_string()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Skip the 50 commonest (near stop words) and take a spread of frequencies from there on.
    let pool: Vec<String> = words.into_iter().skip(50).take(n * 20).map(|(w, _)| w).collect();
    pool.into_iter().step_by(20).take(n).collect()
}

fn ingest(a: &BenchStoreArgs, bases: &[Base]) -> Result<serde_json::Value> {
    let pipeline = newsgraph_pipeline::standard()?;
    let mut writer = StoreWriter::open(&a.store).with_context(|| format!("opening store {}", a.store.display()))?;
    if writer.manifest().articles() > 0 {
        bail!(
            "{} already holds {} articles: give a new --store, or --reuse to time queries only",
            a.store.display(),
            writer.manifest().articles()
        );
    }
    let progress = progress_bar(a.no_progress, "articles");
    progress.set_length(a.articles as u64);
    let n = a.articles;
    let records = (0..n).map(|i| generate(bases, i));
    let mut samples = Vec::new();
    let (mut added, mut duplicates) = (0u64, 0u64);
    let started = Instant::now();
    let stats = drive_records(records, &pipeline, a.threads, &progress, |docs| {
        let report = writer.ingest_batch(&docs).context("writing a batch to the store")?;
        added += report.added;
        duplicates += report.duplicates;
        if let Some((rss, _)) = memory() {
            samples.push((added, rss));
        }
        Ok(())
    })?;
    writer.close().context("closing the store")?;
    let elapsed = started.elapsed().as_secs_f64();
    progress.finish_and_clear();
    if stats.analysed != n {
        bail!("only {} of {n} generated articles were analysed", stats.analysed);
    }
    Ok(ingest_report(a, added, duplicates, elapsed, &samples))
}

/// Components whose output depends on the publication date: re-run for every copy in
/// `--analyse-once` mode. The others (text, ner, entities, quotes, amounts, tone) read only the
/// text, so their output on a copy equals that on its base.
const DATE_DEPENDENT: [&str; 2] = ["timex", "events"];

/// A copy of an analysed base as the `i`-th generated article: the same text analysis, the id,
/// date and source of [`generate`], and the date-dependent layers recomputed for that date.
fn copy_of(base: &Doc, article: Article, rerun: &[std::sync::Arc<dyn newsgraph_core::Component>]) -> Result<Doc> {
    let mut doc = base.clone();
    doc.article = article;
    doc.timexes.clear();
    doc.events.clear();
    for c in rerun {
        c.process(&mut doc)
            .with_context(|| format!("re-running {} on {}", c.name(), doc.article.id))?;
    }
    Ok(doc)
}

/// `--analyse-once`: every base analysed once in full, then each copy re-dated (see
/// [`copy_of`]) and ingested in batches of 256.
fn ingest_analysed_once(a: &BenchStoreArgs, bases: &[Base]) -> Result<serde_json::Value> {
    let pipeline = newsgraph_pipeline::standard()?;
    let rerun: Vec<_> = pipeline
        .components()
        .iter()
        .filter(|c| DATE_DEPENDENT.contains(&c.name()))
        .cloned()
        .collect();
    let mut writer = StoreWriter::open(&a.store).with_context(|| format!("opening store {}", a.store.display()))?;
    if writer.manifest().articles() > 0 {
        bail!(
            "{} already holds {} articles: give a new --store, or --reuse to time queries only",
            a.store.display(),
            writer.manifest().articles()
        );
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let started = Instant::now();
    let analysed: Vec<Doc> = pool.install(|| {
        bases
            .par_iter()
            .map(|b| {
                let mut doc = Doc::new(Article::new(b.text.clone(), b.date));
                pipeline.process(&mut doc).map(|()| doc)
            })
            .collect::<std::result::Result<Vec<_>, _>>()
    })?;
    let analyse_s = started.elapsed().as_secs_f64();
    let progress = progress_bar(a.no_progress, "articles");
    progress.set_length(a.articles as u64);
    let mut samples = Vec::new();
    let (mut added, mut duplicates) = (0u64, 0u64);
    let (mut redate_s, mut write_s) = (0.0, 0.0);
    const BATCH: usize = 256;
    for start in (0..a.articles).step_by(BATCH) {
        let t = Instant::now();
        let docs: Vec<Doc> = pool.install(|| {
            (start..(start + BATCH).min(a.articles))
                .into_par_iter()
                .map(|i| {
                    let (_, article) = generate(bases, i)?;
                    copy_of(&analysed[i % bases.len()], article, &rerun)
                })
                .collect::<Result<Vec<_>>>()
        })?;
        redate_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let report = writer.ingest_batch(&docs).context("writing a batch to the store")?;
        write_s += t.elapsed().as_secs_f64();
        added += report.added;
        duplicates += report.duplicates;
        progress.inc(docs.len() as u64);
        if let Some((rss, _)) = memory() {
            samples.push((added, rss));
        }
    }
    writer.close().context("closing the store")?;
    let elapsed = started.elapsed().as_secs_f64();
    progress.finish_and_clear();
    let mut report = ingest_report(a, added, duplicates, elapsed, &samples);
    if let Some(o) = report.as_object_mut() {
        o.insert("mode".into(), json!("analyse-once"));
        o.insert("base_analysis_s".into(), json!(analyse_s));
        o.insert("redate_s".into(), json!(redate_s));
        o.insert("store_write_s".into(), json!(write_s));
    }
    Ok(report)
}

fn ingest_report(
    a: &BenchStoreArgs,
    added: u64,
    duplicates: u64,
    elapsed: f64,
    samples: &[(u64, u64)],
) -> serde_json::Value {
    // Resident memory at each tenth of the ingest, to show it stays flat.
    let tenths: Vec<serde_json::Value> = (1..=10)
        .filter_map(|k| {
            let want = added * k / 10;
            samples
                .iter()
                .find(|(a, _)| *a >= want)
                .map(|(a, rss)| json!({"articles": a, "rss_mb": *rss as f64 / 1e6}))
        })
        .collect();
    let peak = memory().map(|(_, hwm)| hwm as f64 / 1e6);
    json!({
        "mode": "full",
        "articles": a.articles,
        "added": added,
        "duplicates": duplicates,
        "seconds": elapsed,
        "articles_per_s": a.articles as f64 / elapsed.max(1e-9),
        "threads": a.threads.unwrap_or_else(rayon::current_num_threads),
        "peak_rss_mb": peak,
        "rss_by_progress": tenths,
    })
}

fn time_queries(a: &BenchStoreArgs, bases: &[Base]) -> Result<serde_json::Value> {
    let opened = Instant::now();
    let store = Store::open(&a.store).with_context(|| format!("opening store {}", a.store.display()))?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let stats = store.stats()?;
    let words = query_words(bases, a.queries);
    if words.is_empty() {
        bail!("no query words could be drawn from the base texts");
    }
    // Entity names to look up: the corpus's most mentioned people, organizations and places, as
    // the store itself ranks them (facets of a match-all search).
    let everything = SearchRequest {
        query: "*".into(),
        limit: 1,
        facets: a.queries * 2,
        ..Default::default()
    };
    let names: Vec<String> = store
        .search(&everything)?
        .top_entities
        .iter()
        .filter(|e| e.etype != EntityType::Misc.as_str())
        .map(|e| e.name.clone())
        .take(a.queries)
        .collect();
    let (first, last) = (stats.first_date.clone(), stats.last_date.clone());
    let parse = |s: &Option<String>| s.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (first, last) = (parse(&first), parse(&last));

    let timed = |label: &str, reqs: Vec<SearchRequest>| -> Result<(String, serde_json::Value)> {
        let mut d = Vec::with_capacity(reqs.len());
        let mut hits = 0u64;
        for r in &reqs {
            let t = Instant::now();
            let res = store.search(r)?;
            d.push(t.elapsed());
            hits += res.total;
        }
        let mut p = percentiles(d);
        if let Some(o) = p.as_object_mut() {
            o.insert("mean_hits".into(), json!(hits as f64 / reqs.len().max(1) as f64));
        }
        Ok((label.to_string(), p))
    };
    let plain = |w: &String| SearchRequest {
        query: w.clone(),
        limit: 10,
        ..Default::default()
    };
    let mut search = serde_json::Map::new();
    for (label, reqs) in [
        ("word", words.iter().map(plain).collect::<Vec<_>>()),
        (
            "two_words",
            words
                .windows(2)
                .map(|w| SearchRequest {
                    query: format!("{} {}", w[0], w[1]),
                    limit: 10,
                    ..Default::default()
                })
                .collect(),
        ),
        (
            "word_in_date_range",
            words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let from = first.and_then(|f| f.checked_add_days(Days::new((i as u64 * 37) % 4000)));
                    SearchRequest {
                        from,
                        to: from.and_then(|f| f.checked_add_days(Days::new(365))).or(last),
                        ..plain(w)
                    }
                })
                .collect(),
        ),
        (
            "word_with_facets",
            words
                .iter()
                .map(|w| SearchRequest {
                    facets: 10,
                    by: Period::Month,
                    ..plain(w)
                })
                .collect(),
        ),
        (
            "entity_filter",
            names
                .iter()
                .map(|n| SearchRequest {
                    query: "*".into(),
                    entity: Some(n.clone()),
                    limit: 10,
                    ..Default::default()
                })
                .collect(),
        ),
    ] {
        let (k, v) = timed(label, reqs)?;
        search.insert(k, v);
    }

    let mut d = Vec::new();
    let mut found = 0usize;
    for n in &names {
        let t = Instant::now();
        let profile = store.entity(n, Period::Month, 10)?;
        d.push(t.elapsed());
        found += usize::from(profile.is_some());
    }
    let mut timeline = percentiles(d);
    if let Some(o) = timeline.as_object_mut() {
        o.insert("found".into(), json!(found));
    }
    let mut d = Vec::new();
    let mut quotes = 0usize;
    for n in &names {
        let t = Instant::now();
        let q = store.quotes(&QuoteRequest {
            speaker: Some(n.clone()),
            limit: 10,
            ..Default::default()
        })?;
        d.push(t.elapsed());
        quotes += q.len();
    }
    let mut speaker = percentiles(d);
    if let Some(o) = speaker.as_object_mut() {
        o.insert("mean_hits".into(), json!(quotes as f64 / names.len().max(1) as f64));
    }
    Ok(json!({"open_ms": open_ms, "search": search, "entity_timeline": timeline, "speaker_quotes": speaker}))
}

pub fn run(a: BenchStoreArgs) -> Result<Code> {
    let shared = a
        .shared
        .clone()
        .or_else(|| std::env::var_os("NEWSGRAPH_SHARED").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared"));
    let bases = load_bases(&shared)?;
    if a.reuse && !a.store.exists() {
        bail!("--reuse: store {} does not exist", a.store.display());
    }
    if !a.reuse && a.articles == 0 {
        bail!("--articles must be at least 1");
    }
    let ingest = if a.reuse {
        json!(null)
    } else if a.analyse_once {
        ingest_analysed_once(&a, &bases)?
    } else {
        ingest(&a, &bases)?
    };
    let size = dir_size(&a.store);
    let store = Store::open(&a.store)?;
    let stored = store.manifest().articles();
    let queries = time_queries(&a, &bases)?;
    let report = json!({
        "store": a.store.display().to_string(),
        "base_texts": bases.len(),
        "stored_articles": stored,
        "store_bytes": size,
        "bytes_per_article": size as f64 / stored.max(1) as f64,
        "ingest": ingest,
        "queries": queries,
    });
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(Code::Ok);
    }
    print_report(&report);
    Ok(Code::Ok)
}

fn print_report(r: &serde_json::Value) {
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
    println!(
        "store {} — {} articles from {} base texts",
        r["store"].as_str().unwrap_or(""),
        r["stored_articles"],
        r["base_texts"]
    );
    let i = &r["ingest"];
    if !i.is_null() {
        if i["mode"] == "analyse-once" {
            println!(
                "ingest mode analyse-once: bases analysed once in {:.0} s, copies re-dated (timex, events) in {:.0} s, store writes {:.0} s — NOT the full-analysis rate",
                f(&i["base_analysis_s"]),
                f(&i["redate_s"]),
                f(&i["store_write_s"])
            );
        }
        println!(
            "ingest: {:.0} s, {:.1} articles/s on {} threads; peak RSS {:.0} MB",
            f(&i["seconds"]),
            f(&i["articles_per_s"]),
            i["threads"],
            f(&i["peak_rss_mb"])
        );
        let rss: Vec<String> = i["rss_by_progress"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| format!("{:.0}", f(&s["rss_mb"])))
            .collect();
        println!("  RSS (MB) at each tenth of the ingest: {}", rss.join(" "));
    }
    println!(
        "size: {:.1} MB, {:.0} bytes/article",
        f(&r["store_bytes"]) / 1e6,
        f(&r["bytes_per_article"])
    );
    let q = &r["queries"];
    println!("open: {:.1} ms", f(&q["open_ms"]));
    println!(
        "{:<20} {:>6} {:>9} {:>9} {:>9} {:>10}",
        "query", "n", "p50 ms", "p99 ms", "max ms", "mean hits"
    );
    // One row per query kind; only the last column (what the hits were) differs between kinds.
    let row = |name: &str, v: &serde_json::Value, last: String| {
        println!(
            "{:<20} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>10}",
            name,
            v["n"],
            f(&v["p50_ms"]),
            f(&v["p99_ms"]),
            f(&v["max_ms"]),
            last
        );
    };
    if let Some(m) = q["search"].as_object() {
        for (k, v) in m {
            row(k, v, format!("{:.0}", f(&v["mean_hits"])));
        }
    }
    let t = &q["entity_timeline"];
    row("entity_timeline", t, format!("{} found", t["found"]));
    let t = &q["speaker_quotes"];
    row("speaker_quotes", t, format!("{:.1}", f(&t["mean_hits"])));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases() -> Vec<Base> {
        let d = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap_or_default();
        (0..3)
            .map(|i| Base {
                text: format!("Text number {i}."),
                title: None,
                source: None,
                date: d,
            })
            .collect()
    }

    #[test]
    fn generated_articles_never_repeat_text_and_date() {
        let b = bases();
        let mut seen = HashSet::new();
        // 5,000 copies of each base: within the documented 5,479.
        for i in 0..15_000 {
            let Ok((_, a)) = generate(&b, i) else {
                panic!("generation failed")
            };
            assert!(
                seen.insert((a.text.clone(), a.date)),
                "article {i} repeats an earlier (text, date)"
            );
            assert_eq!(a.id, format!("bench-{i:08}"));
        }
    }

    #[test]
    fn percentiles_pick_the_right_ranks() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = percentiles(d);
        assert_eq!(p["p50_ms"].as_f64(), Some(50.0));
        assert_eq!(p["p99_ms"].as_f64(), Some(99.0));
        assert_eq!(p["max_ms"].as_f64(), Some(100.0));
    }
}
