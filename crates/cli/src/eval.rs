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
    }
}
