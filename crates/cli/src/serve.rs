//! `newsgraph serve` (the web UI and JSON API over a store), `newsgraph demo` (ingest the
//! bundled examples, then serve them) and `newsgraph bench serve` (an HTTP load test of a store
//! served on a loopback port).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use newsgraph_server::bench::{Latency, Probe};
use newsgraph_server::Limits;

use crate::args::InputFormatArg;
use crate::exit::Code;
use crate::store_cmds::{ingest, IngestArgs, StoreArg};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub server: ServerArgs,
}

/// Options shared by `serve` and `demo`.
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: SocketAddr,
    /// Longest a query or analysis may run before it is answered with 503.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub query_timeout: u64,
}

impl ServerArgs {
    fn limits(&self) -> Limits {
        Limits {
            query_time: Duration::from_secs(self.query_timeout.max(1)),
            ..Limits::default()
        }
    }
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The bundled example corpus.
    #[arg(long, default_value = "examples", value_name = "DIR")]
    pub examples: PathBuf,
    /// Where the demo store is built (reused when it exists: ingest skips what it holds).
    #[arg(long, default_value = "newsgraph-demo-store", value_name = "DIR")]
    pub store: PathBuf,
}

pub fn serve(a: ServeArgs) -> Result<Code> {
    run(a.store.store, &a.server)
}

pub fn demo(a: DemoArgs) -> Result<Code> {
    if !a.examples.is_dir() {
        let cwd = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        bail!(
            "no example corpus at {} (looked in {cwd}); run `newsgraph demo` from the newsgraph source tree or pass --examples DIR",
            a.examples.display()
        );
    }
    eprintln!(
        "newsgraph: building the demo store {} from {}",
        a.store.display(),
        a.examples.display()
    );
    ingest(IngestArgs {
        store: StoreArg { store: a.store.clone() },
        inputs: vec![a.examples],
        date: None,
        input_format: InputFormatArg::Auto,
        components: None,
        disable: Vec::new(),
        threads: None,
        no_progress: false,
    })?;
    run(a.store, &a.server)
}

fn run(store: PathBuf, server: &ServerArgs) -> Result<Code> {
    let shown = store.display().to_string();
    eprintln!("newsgraph: loading models and opening {shown}");
    newsgraph_server::serve(&store, server.addr, server.limits(), |addr| {
        println!("newsgraph: serving {shown} at http://{addr}/ (Ctrl-C to stop)");
    })
    .with_context(|| format!("serving store {shown}"))?;
    Ok(Code::Ok)
}

/// The longest `bench serve` run: a load test is a measurement, not a soak test.
const MAX_SECONDS: u64 = 600;

#[derive(Debug, Args)]
pub struct BenchServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Client connections sending requests at the same time.
    #[arg(long, default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=256))]
    pub concurrency: u64,
    /// How long to send requests (at most 600).
    #[arg(long, default_value_t = 10, value_name = "S", value_parser = clap::value_parser!(u64).range(1..=MAX_SECONDS))]
    pub seconds: u64,
    /// The requests: `auto` draws a mix from the store's own words, dates, entities and
    /// articles; a FILE has one GET path per line (`/api/search?q=...`), optionally after a kind
    /// and a tab.
    #[arg(long, default_value = "auto", value_name = "FILE|auto")]
    pub queries: String,
    /// Kinds of request in the auto mix (comma-separated): word, two_words, date_range,
    /// entity_filter, entity, article.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "KINDS",
        default_value = "word,two_words,date_range,entity_filter,entity,article"
    )]
    pub kinds: Vec<String>,
    /// Distinct requests of each kind in the auto mix.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub per_kind: usize,
    /// Longest one request may run before the server answers 503 (counted as not OK).
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub query_timeout: u64,
    /// Write the requests used to FILE (the format `--queries FILE` reads), to rerun the same mix.
    #[arg(long, value_name = "FILE")]
    pub save_queries: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn bench(a: BenchServeArgs) -> Result<Code> {
    let shown = a.store.store.display().to_string();
    let limits = Limits {
        query_time: Duration::from_secs(a.query_timeout.max(1)),
        ..Limits::default()
    };
    let t = Instant::now();
    let state =
        newsgraph_server::open_state(&a.store.store, limits).with_context(|| format!("opening store {shown}"))?;
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let probes = if a.queries == "auto" {
        let kinds: Vec<&str> = a.kinds.iter().map(|k| k.trim()).filter(|k| !k.is_empty()).collect();
        newsgraph_server::bench::query_mix(state.store(), &kinds, a.per_kind)
            .map_err(|e| anyhow::anyhow!("drawing requests from {shown}: {e}"))?
    } else {
        let text = std::fs::read_to_string(&a.queries).with_context(|| format!("reading {}", a.queries))?;
        newsgraph_server::bench::parse_probes(&text).map_err(|e| anyhow::anyhow!("{}: {e}", a.queries))?
    };
    let mix_ms = t.elapsed().as_secs_f64() * 1e3;
    if let Some(path) = &a.save_queries {
        let text: String = probes.iter().map(|p| format!("{}\t{}\n", p.kind, p.path)).collect();
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    // Loopback only and an ephemeral port: the benchmark serves nobody else.
    let server = newsgraph_server::spawn(state, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), false)
        .context("starting the server")?;
    let addr = server.addr;
    // One request of each kind first: what is paid once (the entity table, the name index, cold
    // files) is then not in the figures.
    let mut first: Vec<Probe> = Vec::new();
    for p in &probes {
        if !first.iter().any(|f| f.kind == p.kind) {
            first.push(p.clone());
        }
    }
    let warm_ms = newsgraph_server::bench::warm_up(addr, &first)?;
    let report = newsgraph_server::bench::load(
        addr,
        &probes,
        a.concurrency as usize,
        Duration::from_secs(a.seconds.min(MAX_SECONDS)),
    )?;
    server.stop().context("stopping the server")?;
    if a.json {
        let v = serde_json::json!({
            "store": shown,
            "requests_in_mix": probes.len(),
            "open_ms": open_ms,
            "mix_ms": mix_ms,
            "warm_up_slowest_ms": warm_ms,
            "report": report,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(Code::Ok);
    }
    println!(
        "{shown}: {} distinct requests, {} connections, {:.1} s (opened in {open_ms:.0} ms, mix drawn in {mix_ms:.0} ms, slowest warm-up request {warm_ms:.0} ms)",
        probes.len(),
        report.concurrency,
        report.seconds
    );
    println!(
        "{:<14} {:>9} {:>7} {:>10} {:>9} {:>9} {:>9}",
        "kind", "requests", "not ok", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    let all = Latency {
        kind: "all".into(),
        requests: report.requests,
        non_ok: report.non_ok,
        requests_per_sec: report.requests_per_sec,
        p50_ms: report.p50_ms,
        p99_ms: report.p99_ms,
        max_ms: report.max_ms,
    };
    for k in report.kinds.iter().chain(std::iter::once(&all)) {
        println!(
            "{:<14} {:>9} {:>7} {:>10.1} {:>9.1} {:>9.1} {:>9.1}",
            k.kind, k.requests, k.non_ok, k.requests_per_sec, k.p50_ms, k.p99_ms, k.max_ms
        );
    }
    Ok(Code::Ok)
}
