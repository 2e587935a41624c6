//! Command-line arguments, parsed and validated before any work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  every input record was read and analysed
  1  some records were skipped (each reported on stderr as FILE:LINE: reason); the rest were output
  2  usage error, or an input or output could not be opened or read";

/// newsgraph: dated news articles in, structured time-aware knowledge out.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse articles and print one JSON object per article (or a readable report on a terminal).
    #[command(after_help = ANALYZE_HELP)]
    Analyze(AnalyzeArgs),
    /// Train a model from gold data (deterministic: same data and seed, same model).
    #[command(subcommand)]
    Train(crate::train::TrainCommand),
    /// Measure accuracy against gold data.
    #[command(subcommand)]
    Eval(crate::eval::EvalCommand),
    /// Measure speed: articles/s, tokens/s and MB/s, per component.
    #[command(subcommand)]
    Bench(crate::bench::BenchCommand),
    /// Analyse articles and add them to a store (incremental, idempotent, crash-safe).
    Ingest(crate::store_cmds::IngestArgs),
    /// Full-text search with date ranges, entity and source filters, and facets.
    Search(crate::store_cmds::SearchArgs),
    /// An entity's profile: type, link, aliases, timeline, co-occurring entities, quotes.
    Entity(crate::store_cmds::EntityArgs),
    /// Who said what: quotations by speaker, topic and date.
    Quotes(crate::store_cmds::QuotesArgs),
    /// The entity co-occurrence network as JSON, GraphML or GEXF.
    Graph(crate::store_cmds::GraphArgs),
    /// What a store holds.
    Stats(crate::store_cmds::StatsArgs),
    /// Write every table of a store as Parquet, JSON Lines or CSV, or its events as GDELT records.
    Export(crate::store_cmds::ExportArgs),
    /// One stored article's full analysis (the output contract, as `analyze` prints it).
    Article(crate::store_cmds::ArticleArgs),
    /// CAMEO events by actor, code and date, with their evidence.
    Events(crate::store_cmds::EventsArgs),
    /// Read-only SQL (DataFusion) over the store's tables.
    Sql(crate::store_cmds::SqlArgs),
    /// Serve a store in the browser (search, articles, entities, network) and as a JSON API.
    Serve(crate::serve::ServeArgs),
    /// Build a store from the bundled examples/ and serve it.
    Demo(crate::serve::DemoArgs),
}

const ANALYZE_HELP: &str = "\
Inputs:
  Files, directories (read recursively: .txt .text .jsonl .ndjson .json, optionally .gz/.zst), or - for stdin.
  Dated text:  optional white space, `date YYYY-MM-DD`, white space, then the article (one per file).
  JSON Lines:  one object per line: text|body|content, date|published|publish_date (YYYY-MM-DD or
               RFC 3339), optional id, title, url, source (or publisher); other fields are kept under `meta`.
  Plain text:  a file without a header is one article dated by --date.
  TimeML:      .tml files: the TEXT element is the article, the DCT its date.

Offsets in the output are Unicode code-point offsets into `text`, end exclusive (docs/schema.md).

Exit codes:
  0  every input record was read and analysed
  1  some records were skipped (each reported on stderr as FILE:LINE: reason); the rest were output
  2  usage error, or an input or output could not be opened or read";

/// Input format names for `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Detect from extension and content.
    Auto,
    /// `date YYYY-MM-DD` header then text.
    Dated,
    /// JSON Lines.
    Jsonl,
    /// Plain text dated by --date.
    Text,
    /// TimeML (`.tml`): TEXT is the article, DCT its date.
    Timeml,
}

/// Output formats for `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line (default when stdout is not a terminal).
    Jsonl,
    /// One JSON array of all articles.
    Json,
    /// A readable, coloured report (default on a terminal).
    Pretty,
    /// TimeML: each article's text with its TIMEX3 tags and DCT.
    Timeml,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files, directories or - (stdin). Default: stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date for inputs that carry none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<chrono::NaiveDate>,
    /// Input format; by default detected from extension and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,
    /// Output format; default: pretty on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Include the tokens layer in the output.
    #[arg(long)]
    pub tokens: bool,
    /// Run only these components (comma-separated; see --list-components).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub components: Option<Vec<String>>,
    /// Switch these components off (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub disable: Vec<String>,
    /// User event dictionaries (a directory or file in the PETRARCH-2 formats: actors, agents,
    /// verbs) whose entries override the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<std::path::PathBuf>,
    /// Print the available components, what each requires and assigns, and exit.
    #[arg(long)]
    pub list_components: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    newsgraph_input::parse_date(s).map_err(|e| e.to_string())
}
