//! The corpus-store subcommands: `ingest`, `search`, `entity`, `quotes`, `graph`, `stats`,
//! `export`, `article`, `events`, `sql`. Query commands print JSON Lines, one JSON document, or a table (the default on a
//! terminal).

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use newsgraph_store::{
    EventRequest, ExportFormat, GraphFormat, GraphRequest, Period, QuoteRequest, SearchRequest, Store, StoreWriter,
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
                    h.title.as_deref().unwrap_or(&h.lead),
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
    /// Keep only the N entities in most articles and the edges among them.
    #[arg(long, value_name = "N")]
    pub nodes: Option<usize>,
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
        nodes: a.nodes,
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
    /// Also check the store against its manifest: every listed file's rows, every article indexed once.
    #[arg(long)]
    pub verify: bool,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

pub fn stats(a: StatsArgs) -> Result<Code> {
    let store = a.store.open()?;
    if a.verify {
        let v = store
            .verify()
            .with_context(|| format!("verifying store {}", a.store.store.display()))?;
        eprintln!(
            "verified: {} articles, {} files, {} rows match the manifest",
            v.articles, v.files, v.rows
        );
    }
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
    /// The events as GDELT 2.0 Event records (tab-separated, plus the evidence sentence).
    GdeltEvents,
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
        ExportFormatArg::GdeltEvents => ExportFormat::GdeltEvents,
    };
    let tables = store
        .export(format, &a.out)
        .with_context(|| format!("exporting to {}", a.out.display()))?;
    for t in &tables {
        eprintln!("{:<10} {:>10} rows  {}", t.table, t.rows, a.out.join(&t.file).display());
    }
    Ok(Code::Ok)
}

/// Output of `article`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ArticleFormat {
    /// The document on one line.
    Jsonl,
    /// The document, pretty-printed.
    Json,
    /// A readable summary of each layer (default on a terminal).
    Pretty,
}

#[derive(Debug, Args)]
pub struct ArticleArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// The article id.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<ArticleFormat>,
}

pub fn article(a: ArticleArgs) -> Result<Code> {
    let store = a.store.open()?;
    let Some(doc) = store.article(&a.id)? else {
        bail!("no article with id `{}` in {}", a.id, a.store.store.display());
    };
    let format = a.format.unwrap_or(if io::stdout().is_terminal() {
        ArticleFormat::Pretty
    } else {
        ArticleFormat::Jsonl
    });
    let mut out = io::stdout().lock();
    match format {
        ArticleFormat::Jsonl => writeln!(out, "{doc}")?,
        ArticleFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?,
        ArticleFormat::Pretty => write_article_report(&mut out, &doc)?,
    }
    Ok(Code::Ok)
}

/// A readable summary of a stored analysis, layer by layer (the document is JSON, not a `Doc`, so
/// `analyze`'s terminal report does not apply).
fn write_article_report(out: &mut impl Write, doc: &serde_json::Value) -> Result<()> {
    let s = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
    let list = |k: &str| doc.get(k).and_then(|x| x.as_array()).cloned().unwrap_or_default();
    writeln!(
        out,
        "{}  {}  {}  [{}]",
        s(doc, "date"),
        s(doc, "source"),
        s(doc, "title"),
        s(doc, "id")
    )?;
    if let Some(t) = doc.get("tone").filter(|t| !t.is_null()) {
        writeln!(out, "tone {}", t.get("tone").map(|v| v.to_string()).unwrap_or_default())?;
    }
    writeln!(out, "\nentities:")?;
    for e in list("entities") {
        let n = e.get("mentions").and_then(|m| m.as_array()).map_or(0, Vec::len);
        writeln!(
            out,
            "  {:<4} {:<13} {} ({n} mentions)",
            s(&e, "id"),
            s(&e, "type"),
            s(&e, "name")
        )?;
    }
    writeln!(out, "\ntime expressions:")?;
    for t in list("timexes") {
        writeln!(out, "  {:<24} {:<9} {}", s(&t, "text"), s(&t, "type"), s(&t, "value"))?;
    }
    writeln!(out, "\nquotes:")?;
    for q in list("quotes") {
        let who = q.get("speaker").map(|sp| s(sp, "text")).unwrap_or_default();
        writeln!(out, "  {who}: “{}”", s(&q, "text"))?;
    }
    writeln!(out, "\namounts:")?;
    for m in list("amounts") {
        writeln!(
            out,
            "  {:<24} {} {}",
            s(&m, "text"),
            m.get("value").cloned().unwrap_or_default(),
            s(&m, "unit")
        )?;
    }
    writeln!(out, "\nevents:")?;
    for e in list("events") {
        let side = |k: &str| {
            e.get(k)
                .map(|a| format!("{} ({})", s(a, "text"), s(a, "code")))
                .unwrap_or_default()
        };
        writeln!(
            out,
            "  {}  {:<5} {} → {}",
            s(&e, "date"),
            s(&e, "code"),
            side("source"),
            side("target")
        )?;
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Source or target: a CAMEO actor code prefix (USA, CHNGOV) or an entity name or alias.
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,
    /// CAMEO event code prefix (04 matches 040, 042, 0431).
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    /// Earliest event day.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// Latest event day (inclusive).
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<NaiveDate>,
    /// How many events.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

pub fn events(a: EventsArgs) -> Result<Code> {
    let store = a.store.open()?;
    let hits = store.events(&EventRequest {
        actor: a.actor,
        code: a.code,
        from: a.from,
        to: a.to,
        limit: a.limit,
    })?;
    let mut out = io::stdout().lock();
    match query_format(a.format) {
        QueryFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        QueryFormat::Jsonl => write_lines(&mut out, &hits)?,
        QueryFormat::Table => {
            for e in &hits {
                writeln!(
                    out,
                    "{}  {:<5} {:>5.1}  {} ({}) → {} ({})  [{}]",
                    e.event_day,
                    e.code,
                    e.goldstein,
                    e.source.name,
                    e.source.code,
                    e.target.name,
                    e.target.code,
                    e.article_id
                )?;
                writeln!(out, "            {}", e.evidence.sentence.replace('\n', " "))?;
            }
        }
    }
    Ok(Code::Ok)
}

/// Output of `sql`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SqlFormat {
    /// One JSON object per row, keys in column order.
    Jsonl,
    /// One JSON document: `{columns, rows, truncated}`.
    Json,
    /// An aligned text table (default on a terminal).
    Table,
    /// CSV with a header line.
    Csv,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// One read-only query over the tables articles, entities, mentions, quotes, timexes, amounts,
    /// tone and events (docs/store.md lists their columns).
    pub query: String,
    /// Most rows to print.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub max_rows: usize,
    /// Stop the query after this many seconds.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<SqlFormat>,
}

pub fn sql(a: SqlArgs) -> Result<Code> {
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        bail!("--timeout must be a positive number of seconds");
    }
    let store = a.store.open()?;
    let r = store.sql_with_timeout(&a.query, a.max_rows, std::time::Duration::from_secs_f64(a.timeout))?;
    let format = a.format.unwrap_or(if io::stdout().is_terminal() {
        SqlFormat::Table
    } else {
        SqlFormat::Jsonl
    });
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    let mut out = io::stdout().lock();
    match format {
        SqlFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?,
        SqlFormat::Jsonl => {
            for row in &r.rows {
                let obj: serde_json::Map<String, serde_json::Value> =
                    r.columns.iter().cloned().zip(row.iter().cloned()).collect();
                writeln!(out, "{}", serde_json::Value::Object(obj))?;
            }
        }
        SqlFormat::Csv => {
            let cell = |s: String| {
                if s.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s
                }
            };
            let header: Vec<String> = r.columns.iter().map(|c| cell(c.clone())).collect();
            writeln!(out, "{}", header.join(","))?;
            for row in &r.rows {
                let cells: Vec<String> = row.iter().map(|v| cell(text(v))).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        SqlFormat::Table => {
            // Cells are cut at 60 characters so a table of long texts stays readable.
            let clip = |s: String| {
                let one_line = s.replace('\n', " ");
                if one_line.chars().count() > 60 {
                    format!("{}…", one_line.chars().take(59).collect::<String>())
                } else {
                    one_line
                }
            };
            let cells: Vec<Vec<String>> = r
                .rows
                .iter()
                .map(|row| row.iter().map(|v| clip(text(v))).collect())
                .collect();
            let widths: Vec<usize> = r
                .columns
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    cells
                        .iter()
                        .map(|row| row[j].chars().count())
                        .chain([c.chars().count()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |row: &[String]| {
                row.iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            writeln!(out, "{}", line(&r.columns))?;
            writeln!(
                out,
                "{}",
                line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>())
            )?;
            for row in &cells {
                writeln!(out, "{}", line(row))?;
            }
        }
    }
    if r.truncated {
        eprintln!("newsgraph: output cut at {} rows (--max-rows)", a.max_rows);
    }
    Ok(Code::Ok)
}
