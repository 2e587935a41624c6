//! The corpus-store subcommands: `ingest`, `search`, `entity`, `quotes`, `graph`, `stats`,
//! `export`. Query commands print JSON Lines, one JSON document, or a table (the default on a
//! terminal).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use newsgraph_store::{
    ExportFormat, GraphFormat, GraphRequest, Period, QuoteRequest, SearchRequest, Store, StoreWriter,
};
use serde::Serialize;

use crate::analyze::{drive, progress_bar, read_options};
use crate::args::InputFormatArg;
use crate::exit::Code;

/// Where the store lives: `--store`, else `NEWSGRAPH_STORE`, else `./newsgraph-store`.
#[derive(Debug, Args)]
pub struct StoreArg {
    /// The store directory.
    #[arg(long, env = "NEWSGRAPH_STORE", default_value = "newsgraph-store", value_name = "DIR")]
    pub store: PathBuf,
}

impl StoreArg {
    fn open(&self) -> Result<Store> {
        Store::open(&self.store).with_context(|| format!("opening store {}", self.store.display()))
    }
}

/// Output of query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// One JSON object per line (hits, quotes…).
    Jsonl,
    /// One pretty JSON document.
    Json,
    /// A readable table (default on a terminal).
    Table,
}

fn query_format(f: Option<QueryFormat>) -> QueryFormat {
    f.unwrap_or(if io::stdout().is_terminal() {
        QueryFormat::Table
    } else {
        QueryFormat::Jsonl
    })
}

/// Time buckets for histograms and timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// Days.
    Day,
    /// ISO weeks.
    Week,
    /// Months.
    Month,
}

impl From<ByArg> for Period {
    fn from(b: ByArg) -> Period {
        match b {
            ByArg::Day => Period::Day,
            ByArg::Week => Period::Week,
            ByArg::Month => Period::Month,
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    newsgraph_input::parse_date(s).map_err(|e| e.to_string())
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Files, directories or - (stdin), as for `analyze`.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Publication date for inputs that carry none.
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// Input format; by default detected per file.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Run only these components.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub components: Option<Vec<String>>,
    /// Switch these components off.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub disable: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

pub fn ingest(a: IngestArgs) -> Result<Code> {
    let pipeline = newsgraph_pipeline::build(a.components.as_deref(), &a.disable)?;
    let mut writer =
        StoreWriter::open(&a.store.store).with_context(|| format!("opening store {}", a.store.store.display()))?;
    let recovery = writer.recovery();
    if recovery.rolled_back_batches > 0 || recovery.removed_files > 0 {
        eprintln!(
            "newsgraph: recovered the store after an interrupted ingest: {} uncommitted batches rolled back, {} stray files removed",
            recovery.rolled_back_batches, recovery.removed_files
        );
    }
    let progress = progress_bar(a.no_progress, "articles");
    let (mut added, mut duplicates) = (0u64, 0u64);
    let stats = drive(
        a.inputs,
        read_options(a.input_format, a.date),
        &pipeline,
        a.threads,
        &progress,
        |docs| {
            if docs.is_empty() {
                return Ok(());
            }
            let report = writer.ingest_batch(&docs).context("writing a batch to the store")?;
            added += report.added;
            duplicates += report.duplicates;
            Ok(())
        },
    )?;
    writer.close().context("closing the store")?;
    progress.finish_and_clear();
    eprintln!(
        "{}; {added} added to {}, {duplicates} duplicates",
        stats.summary(),
        a.store.store.display()
    );
    Ok(stats.code())
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Full-text query (tantivy syntax: words, "phrases", AND/OR, -exclusion).
    pub query: String,
    /// Earliest publication date.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Latest publication date (inclusive).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Only articles mentioning this entity (name or alias).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Only articles from this source.
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
    /// How many hits.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Also compute the date histogram and top entities of the whole result set.
    #[arg(long)]
    pub facets: bool,
    /// Histogram buckets.
    #[arg(long, value_enum, default_value_t = ByArg::Month)]
    pub by: ByArg,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

pub fn search(a: SearchArgs) -> Result<Code> {
    let store = a.store.open()?;
    let req = SearchRequest {
        query: a.query,
        from: a.from,
        to: a.to,
        entity: a.entity,
        source: a.source,
        limit: a.limit,
        facets: if a.facets { 10 } else { 0 },
        by: a.by.into(),
    };
    let result = store.search(&req)?;
    let mut out = io::stdout().lock();
    match query_format(a.format) {
        QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&result)?)?,
        QueryFormat::Jsonl => {
            for h in &result.hits {
                writeln!(out, "{}", serde_json::to_string(h)?)?;
            }
            if a.facets {
                let facets = serde_json::json!({"total": result.total, "histogram": result.histogram, "top_entities": result.top_entities});
                writeln!(out, "{facets}")?;
            }
        }
        QueryFormat::Table => {
            writeln!(out, "{} matching articles", result.total)?;
            for h in &result.hits {
                writeln!(
                    out,
                    "{:>6.2}  {}  {}  {}  [{}]",
                    h.score,
                    h.date,
                    h.title.as_deref().unwrap_or("(untitled)"),
                    h.source.as_deref().unwrap_or(""),
                    h.id
                )?;
                writeln!(out, "        {}", h.snippet.replace('\n', " "))?;
            }
            if a.facets {
                writeln!(out, "\nby period:")?;
                for p in &result.histogram {
                    writeln!(
                        out,
                        "  {:<10} {:>6} {}",
                        p.period,
                        p.count,
                        bar(p.count, &result.histogram)
                    )?;
                }
                writeln!(out, "\ntop entities:")?;
                for e in &result.top_entities {
                    writeln!(out, "  {:>6}  {:<13} {}", e.count, e.etype, e.name)?;
                }
            }
        }
    }
    Ok(Code::Ok)
}

fn bar(n: u64, all: &[newsgraph_store::PeriodCount]) -> String {
    let max = all.iter().map(|p| p.count).max().unwrap_or(1).max(1);
    "█".repeat(((n * 40).div_ceil(max)) as usize)
}

#[derive(Debug, Args)]
pub struct EntityArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// The entity's name or one of its aliases (case-insensitive).
    pub name: String,
    /// Timeline buckets.
    #[arg(long, value_enum, default_value_t = ByArg::Month)]
    pub by: ByArg,
    /// How many co-occurring entities and quotes to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

pub fn entity(a: EntityArgs) -> Result<Code> {
    let store = a.store.open()?;
    let Some(p) = store.entity(&a.name, a.by.into(), a.limit)? else {
        bail!("no entity named `{}` in {}", a.name, a.store.store.display());
    };
    let mut out = io::stdout().lock();
    match query_format(a.format) {
        QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&p)?)?,
        QueryFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&p)?)?,
        QueryFormat::Table => {
            writeln!(out, "{} ({}) [{}]", p.name, p.etype, p.id)?;
            if let Some(l) = &p.link {
                let coords = match (l.lat, l.lon) {
                    (Some(lat), Some(lon)) => format!(" at {lat:.3},{lon:.3}"),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "  link: {} {}{}{}",
                    l.kind,
                    l.name,
                    l.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
                    coords
                )?;
            }
            if !p.aliases.is_empty() {
                writeln!(out, "  aliases: {}", p.aliases.join(", "))?;
            }
            writeln!(
                out,
                "  {} articles, {} mentions, {} to {}",
                p.articles, p.mentions, p.first_date, p.last_date
            )?;
            writeln!(out, "\ntimeline:")?;
            for t in &p.timeline {
                writeln!(out, "  {:<10} {:>6} {}", t.period, t.count, bar(t.count, &p.timeline))?;
            }
            writeln!(out, "\nco-occurring:")?;
            for e in &p.cooccurring {
                writeln!(out, "  {:>6}  {:<13} {}", e.count, e.etype, e.name)?;
            }
            writeln!(out, "\nlatest quotes:")?;
            for q in &p.quotes {
                writeln!(out, "  {}  “{}”", q.date, q.text)?;
            }
        }
    }
    Ok(Code::Ok)
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Only quotes by this speaker (entity name or alias).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only quotes whose words match this full-text query.
    #[arg(long, value_name = "QUERY")]
    pub about: Option<String>,
    /// Earliest publication date.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Latest publication date (inclusive).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// How many quotes.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

pub fn quotes(a: QuotesArgs) -> Result<Code> {
    let store = a.store.open()?;
    let hits = store.quotes(&QuoteRequest {
        speaker: a.speaker,
        about: a.about,
        from: a.from,
        to: a.to,
        limit: a.limit,
    })?;
    let mut out = io::stdout().lock();
    match query_format(a.format) {
        QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        QueryFormat::Jsonl => write_lines(&mut out, &hits)?,
        QueryFormat::Table => {
            for q in &hits {
                let who = q.speaker_name.as_deref().or(q.speaker.as_deref()).unwrap_or("?");
                writeln!(out, "{}  {} ({}): “{}”", q.date, who, q.kind, q.text)?;
                writeln!(
                    out,
                    "            {} [{}]",
                    q.title.as_deref().unwrap_or(""),
                    q.article_id
                )?;
            }
        }
    }
    Ok(Code::Ok)
}

fn write_lines<T: Serialize>(out: &mut impl Write, items: &[T]) -> Result<()> {
    for item in items {
        writeln!(out, "{}", serde_json::to_string(item)?)?;
    }
    Ok(())
}

/// Graph file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormatArg {
    /// `{nodes, edges}` JSON.
    Json,
    /// GraphML (yEd, Gephi, NetworkX).
    Graphml,
    /// GEXF (Gephi).
    Gexf,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Earliest publication date.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Latest publication date (inclusive).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// Keep edges seen in at least this many articles.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormatArg::Json)]
    pub format: GraphFormatArg,
}

pub fn graph(a: GraphArgs) -> Result<Code> {
    let store = a.store.open()?;
    let g = store.graph(&GraphRequest {
        from: a.from,
        to: a.to,
        min: a.min,
    })?;
    let format = match a.format {
        GraphFormatArg::Json => GraphFormat::Json,
        GraphFormatArg::Graphml => GraphFormat::GraphMl,
        GraphFormatArg::Gexf => GraphFormat::Gexf,
    };
    let text = g.write(format)?;
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(Code::Ok)
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

pub fn stats(a: StatsArgs) -> Result<Code> {
    let store = a.store.open()?;
    let s = store.stats()?;
    let mut out = io::stdout().lock();
    match query_format(a.format) {
        QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?,
        QueryFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&s)?)?,
        QueryFormat::Table => {
            writeln!(out, "store {} (format v{})", a.store.store.display(), s.format_version)?;
            writeln!(
                out,
                "{} articles in {} batches ({} duplicates skipped), {} entities, {} sources",
                s.articles, s.batches, s.duplicates, s.entities, s.sources
            )?;
            if let (Some(a), Some(b)) = (&s.first_date, &s.last_date) {
                writeln!(out, "published {a} to {b}")?;
            }
            writeln!(out, "{:.1} MB on disk", s.bytes as f64 / 1e6)?;
            for t in &s.tables {
                writeln!(out, "  {:<10} {:>10} rows in {} files", t.table, t.rows, t.files)?;
            }
        }
    }
    Ok(Code::Ok)
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One Parquet file per table (zstd).
    Parquet,
    /// One JSON Lines file per table.
    Jsonl,
    /// One CSV file per table.
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Format of the exported tables.
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Directory to write (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn export(a: ExportArgs) -> Result<Code> {
    let store = a.store.open()?;
    let format = match a.format {
        ExportFormatArg::Parquet => ExportFormat::Parquet,
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
    };
    let tables = store
        .export(format, &a.out)
        .with_context(|| format!("exporting to {}", a.out.display()))?;
    for t in &tables {
        eprintln!("{:<10} {:>10} rows  {}", t.table, t.rows, a.out.join(&t.file).display());
    }
    Ok(Code::Ok)
}
