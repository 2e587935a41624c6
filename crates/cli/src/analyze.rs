//! `newsgraph analyze`: read, analyse in parallel, print in input order.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsgraph_core::output::OutputOptions;
use newsgraph_core::{Doc, Pipeline};
use newsgraph_input::{Articles, InputFormat, Location, ReadOptions, Record};
use rayon::prelude::*;

use crate::args::{AnalyzeArgs, InputFormatArg, OutputFormat};
use crate::exit::Code;
use crate::pretty;

/// Articles analysed together; bounds memory while keeping every core busy.
const BATCH: usize = 256;

/// Counts for the closing summary.
#[derive(Debug, Default)]
pub struct Stats {
    pub read: usize,
    pub analysed: usize,
    pub skipped: usize,
    pub unreadable: usize,
}

impl Stats {
    /// The closing line on stderr.
    pub fn summary(&self) -> String {
        let mut summary = format!(
            "newsgraph: {} read, {} analysed, {} skipped",
            plural(self.read, "article"),
            self.analysed,
            self.skipped
        );
        if self.unreadable > 0 {
            summary.push_str(&format!(", {} unreadable", plural(self.unreadable, "input")));
        }
        summary
    }

    /// The exit code these counts call for.
    pub fn code(&self) -> Code {
        if self.unreadable > 0 {
            Code::Fatal
        } else if self.skipped > 0 {
            Code::Skipped
        } else {
            Code::Ok
        }
    }
}

/// How `analyze` and `ingest` read their inputs.
pub fn read_options(format: InputFormatArg, date: Option<chrono::NaiveDate>) -> ReadOptions {
    ReadOptions {
        format: match format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Dated => InputFormat::DatedText,
            InputFormatArg::Jsonl => InputFormat::JsonLines,
            InputFormatArg::Text => InputFormat::PlainText,
            InputFormatArg::Timeml => InputFormat::TimeMl,
        },
        date,
    }
}

/// Reads `inputs`, analyses them in parallel batches and hands each batch of documents, in input
/// order, to `sink`. Bad records are reported on stderr (above the progress bar) and counted.
pub fn drive(
    inputs: Vec<PathBuf>,
    opts: ReadOptions,
    pipeline: &Pipeline,
    threads: Option<usize>,
    progress: &ProgressBar,
    sink: impl FnMut(Vec<Doc>) -> Result<()>,
) -> Result<Stats> {
    drive_records(Articles::new(inputs, opts), pipeline, threads, progress, sink)
}

/// [`drive`] over any stream of records (the store benchmark feeds generated articles).
pub fn drive_records(
    mut articles: impl Iterator<Item = Record>,
    pipeline: &Pipeline,
    threads: Option<usize>,
    progress: &ProgressBar,
    mut sink: impl FnMut(Vec<Doc>) -> Result<()>,
) -> Result<Stats> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let mut stats = Stats::default();
    loop {
        let batch: Vec<Record> = articles.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<Outcome> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|rec| match rec {
                    Ok((loc, article)) => analyse(pipeline, loc, article),
                    Err(e) if e.is_io() => Outcome::Unreadable(e.to_string()),
                    Err(e) => Outcome::Skipped(e.to_string()),
                })
                .collect()
        });
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Outcome::Analysed(doc) => {
                    stats.read += 1;
                    stats.analysed += 1;
                    docs.push(*doc);
                }
                Outcome::Skipped(msg) => {
                    stats.read += 1;
                    stats.skipped += 1;
                    progress.suspend(|| eprintln!("{msg}"));
                }
                // An unreadable input is not a record: it is counted apart and makes exit 2.
                Outcome::Unreadable(msg) => {
                    stats.unreadable += 1;
                    progress.suspend(|| eprintln!("{msg}"));
                }
            }
        }
        sink(docs)?;
        progress.set_position(stats.read as u64);
    }
    Ok(stats)
}

pub fn run(args: AnalyzeArgs) -> Result<Code> {
    if args.list_components {
        print!("{}", newsgraph_pipeline::describe()?);
        return Ok(Code::Ok);
    }
    let options = newsgraph_pipeline::Options {
        dictionaries: args.dictionaries.clone(),
    };
    let pipeline = newsgraph_pipeline::build_with(args.components.as_deref(), &args.disable, &options)?;
    let inputs: Vec<PathBuf> = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs
    };
    let opts = read_options(args.input_format, args.date);
    let stdout = io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() {
        OutputFormat::Pretty
    } else {
        OutputFormat::Jsonl
    });
    let color = format == OutputFormat::Pretty && stdout.is_terminal();
    let out_opts = OutputOptions { tokens: args.tokens };
    let progress = progress_bar(args.no_progress, "articles");

    let mut out = io::BufWriter::new(stdout.lock());
    let mut first = true;
    if format == OutputFormat::Json {
        out.write_all(b"[")?;
    }
    let stats = drive(inputs, opts, &pipeline, args.threads, &progress, |docs| {
        for doc in &docs {
            write_doc(&mut out, doc, format, out_opts, color, &mut first)?;
        }
        out.flush()?;
        Ok(())
    })?;
    if format == OutputFormat::Json {
        out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    }
    out.flush()?;
    progress.finish_and_clear();
    eprintln!("{}", stats.summary());
    Ok(stats.code())
}

/// What became of one input record.
enum Outcome {
    Analysed(Box<Doc>),
    Skipped(String),
    Unreadable(String),
}

fn analyse(pipeline: &Pipeline, loc: Location, article: newsgraph_core::Article) -> Outcome {
    let mut doc = Doc::new(article);
    // A panicking component is a bug, but it must cost one article, not the batch.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&mut doc)));
    match outcome {
        Ok(Ok(())) => Outcome::Analysed(Box::new(doc)),
        Ok(Err(e)) => Outcome::Skipped(format!("{loc}: {e}")),
        Err(_) => Outcome::Skipped(format!(
            "{loc}: internal error: a component panicked on this article (please report it)"
        )),
    }
}

fn write_doc(
    out: &mut impl Write,
    doc: &Doc,
    format: OutputFormat,
    opts: OutputOptions,
    color: bool,
    first: &mut bool,
) -> Result<()> {
    match format {
        OutputFormat::Jsonl => {
            serde_json::to_writer(&mut *out, &doc.to_output(opts))?;
            out.write_all(b"\n")?;
        }
        OutputFormat::Json => {
            out.write_all(if *first { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &doc.to_output(opts))?;
        }
        OutputFormat::Pretty => pretty::render(out, doc, color)?,
        OutputFormat::Timeml => {
            out.write_all(newsgraph_timex::to_timeml(doc).as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    *first = false;
    Ok(())
}

/// A spinner with a count and rate on stderr, hidden when stderr is not a terminal.
pub fn progress_bar(disabled: bool, what: &str) -> ProgressBar {
    if disabled || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template(&format!("{{spinner}} {{pos}} {what}  {{per_sec}}  {{elapsed}}"))
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
