//! `newsgraph eval …`: score a component against gold data, printing the report.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::exit::Code;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Named entities: conlleval-style P/R/F1 per type and overall (exact spans), on CoNLL files
    /// (gold tokens) or JSON Lines with text and character-offset entities (own tokenizer).
    Ner(EvalNerArgs),
    /// Time expressions: TempEval-3 metrics (strict and relaxed extent P/R/F1, type and value F1)
    /// against TimeML `.tml` files, with a listing of errors.
    Timex(EvalTimexArgs),
    /// Quotations against PolNeAR (records with `primary: true`): recall, precision and speaker
    /// accuracy for quotation-mark spans, and the same for indirect attributions.
    Quotes(EvalQuotesArgs),
    /// Part-of-speech accuracy and chunk F1 on CoNLL-2003 columns (word POS chunk …).
    Syntax(EvalGoldArgs),
    /// CAMEO event triples (source, target, code) against PETRARCH-style records: precision,
    /// recall, F1 and exact-record accuracy.
    Events(EvalGoldArgs),
}

#[derive(Debug, Args)]
pub struct EvalGoldArgs {
    /// The gold file.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalQuotesArgs {
    /// Gold PolNeAR JSON Lines (e.g. shared/data/quotes/polnear/dev.jsonl).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Also write every analysed document (output contract) as JSON Lines, the input of
    /// shared/tools/quotes/score_polnear.py.
    #[arg(long, value_name = "FILE")]
    pub system_out: Option<PathBuf>,
    /// Components to run (default: the full pipeline).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    pub components: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct EvalTimexArgs {
    /// Gold TimeML: a `.tml` file or a directory of them (walked recursively).
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// How many mismatches of each kind to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub errors: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write the system's timexes as JSON Lines (`{doc, timexes}`), the input of
    /// shared/tools/timex/score_timex.py.
    #[arg(long, value_name = "FILE")]
    pub system_out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// Gold data: CoNLL columns, or `*.jsonl` with `{text, entities: [{start, end, label}]}`.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// A model file; default: the shipped model.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
}

pub fn run(cmd: EvalCommand) -> Result<Code> {
    match cmd {
        EvalCommand::Ner(a) => {
            let report = newsgraph_ner::eval_file(&a.gold, a.model.as_deref())
                .with_context(|| format!("evaluating NER on {}", a.gold.display()))?;
            print!("{report}");
            Ok(Code::Ok)
        }
        EvalCommand::Quotes(a) => {
            let pipeline = newsgraph_pipeline::build(a.components.as_deref(), &[])?;
            let mut file = match &a.system_out {
                Some(p) => Some(std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
                )),
                None => None,
            };
            let report =
                newsgraph_quotes::eval_polnear(&a.gold, &pipeline, file.as_mut().map(|f| f as &mut dyn std::io::Write))
                    .with_context(|| format!("evaluating quotations on {}", a.gold.display()))?;
            if let Some(mut f) = file {
                std::io::Write::flush(&mut f)?;
            }
            let c = &report.counts;
            println!("documents: {}", report.docs);
            println!("                     recall   precision   speaker accuracy");
            println!(
                "quotation marks      {:6.2}%   {:6.2}%     {:6.2}%      ({}/{} spans, {}/{} system quotes)",
                100.0 * report.quoted_recall,
                100.0 * report.quoted_precision,
                100.0 * report.quoted_speaker_accuracy,
                c.q_hit,
                c.q_gold,
                c.q_sys_hit,
                c.q_sys
            );
            println!(
                "indirect             {:6.2}%        -       {:6.2}%      ({}/{} attributions)",
                100.0 * report.indirect_recall,
                100.0 * report.indirect_speaker_accuracy,
                c.i_hit,
                c.i_gold
            );
            Ok(Code::Ok)
        }
        EvalCommand::Syntax(a) => {
            let report = newsgraph_syntax::eval_syntax(&a.gold)
                .with_context(|| format!("evaluating POS and chunks on {}", a.gold.display()))?;
            println!("{report}");
            Ok(Code::Ok)
        }
        EvalCommand::Events(a) => {
            let report = newsgraph_events::eval_events(&a.gold)
                .with_context(|| format!("evaluating events on {}", a.gold.display()))?;
            println!("{report}");
            Ok(Code::Ok)
        }
        EvalCommand::Timex(a) => {
            let opts = newsgraph_timex::EvalOptions {
                max_errors: a.errors,
                ..Default::default()
            };
            let (report, system) = newsgraph_timex::eval::eval_dir_with_output(&a.gold, &opts)
                .with_context(|| format!("evaluating time expressions on {}", a.gold.display()))?;
            if let Some(path) = &a.system_out {
                std::fs::write(path, newsgraph_timex::eval::to_jsonl(&system))
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            if a.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("{report}");
                for e in &report.errors {
                    println!("{:<7} {:<28} gold {:<40} system {}", e.kind, e.doc, e.gold, e.system);
                }
            }
            Ok(Code::Ok)
        }
    }
}
