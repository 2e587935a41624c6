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
use crate::{components, pretty};

/// Articles analysed together; bounds memory while keeping every core busy.
const BATCH: usize = 256;

/// Counts for the closing summary.
#[derive(Debug, Default)]
struct Stats {
    read: usize,
    analysed: usize,
    skipped: usize,
    unreadable: usize,
}

pub fn run(args: AnalyzeArgs) -> Result<Code> {
    if args.list_components {
        print!("{}", components::describe()?);
        return Ok(Code::Ok);
    }
    let pipeline = components::build(args.components.as_deref(), &args.disable)?;
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")?;
    let inputs: Vec<PathBuf> = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs
    };
    let opts = ReadOptions {
        format: match args.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Dated => InputFormat::DatedText,
            InputFormatArg::Jsonl => InputFormat::JsonLines,
            InputFormatArg::Text => InputFormat::PlainText,
            InputFormatArg::Timeml => InputFormat::TimeMl,
        },
        date: args.date,
    };
    let stdout = io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() {
        OutputFormat::Pretty
    } else {
        OutputFormat::Jsonl
    });
    let color = format == OutputFormat::Pretty && stdout.is_terminal();
    let out_opts = OutputOptions { tokens: args.tokens };
    let progress = progress_bar(args.no_progress);

    let mut out = io::BufWriter::new(stdout.lock());
    let mut stats = Stats::default();
    let mut first = true;
    if format == OutputFormat::Json {
        out.write_all(b"[")?;
    }
    let mut articles = Articles::new(inputs, opts);
    loop {
        let batch: Vec<Record> = articles.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<Outcome> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|rec| match rec {
                    Ok((loc, article)) => analyse(&pipeline, loc, article),
                    Err(e) if e.is_io() => Outcome::Unreadable(e.to_string()),
                    Err(e) => Outcome::Skipped(e.to_string()),
                })
                .collect()
        });
        for r in results {
            match r {
                Outcome::Analysed(doc) => {
                    stats.read += 1;
                    stats.analysed += 1;
                    write_doc(&mut out, &doc, format, out_opts, color, &mut first)?;
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
        out.flush()?;
        progress.set_position(stats.read as u64);
    }
    if format == OutputFormat::Json {
        out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
    }
    out.flush()?;
    progress.finish_and_clear();
    let mut summary = format!(
        "newsgraph: {} read, {} analysed, {} skipped",
        plural(stats.read, "article"),
        stats.analysed,
        stats.skipped
    );
    if stats.unreadable > 0 {
        summary.push_str(&format!(", {} unreadable", plural(stats.unreadable, "input")));
    }
    eprintln!("{summary}");
    Ok(if stats.unreadable > 0 {
        Code::Fatal
    } else if stats.skipped > 0 {
        Code::Skipped
    } else {
        Code::Ok
    })
}

/// What became of one input record.
enum Outcome {
    Analysed(Doc),
    Skipped(String),
    Unreadable(String),
}

fn analyse(pipeline: &Pipeline, loc: Location, article: newsgraph_core::Article) -> Outcome {
    let mut doc = Doc::new(article);
    // A panicking component is a bug, but it must cost one article, not the batch.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(&mut doc)));
    match outcome {
        Ok(Ok(())) => Outcome::Analysed(doc),
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

fn progress_bar(disabled: bool) -> ProgressBar {
    if disabled || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles  {per_sec}  {elapsed}")
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
