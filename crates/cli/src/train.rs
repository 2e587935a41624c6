//! `newsgraph train …`: train the project's statistical models from gold data.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::exit::Code;

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity tagger on CoNLL-2003 files (IOB1 or IOB2).
    Ner(TrainNerArgs),
}

#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Training data, CoNLL columns (word … NER tag), `-DOCSTART-` between documents.
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development data: dev F1 is reported after every epoch.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model (zstd-compressed, versioned).
    #[arg(long, value_name = "MODEL")]
    pub out: PathBuf,
    /// Epochs of the document-aware (second) pass.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Epochs of the sentence-local (first) pass.
    #[arg(long)]
    pub first_pass_epochs: Option<usize>,
    /// Jackknife folds for the first-pass tags the second pass learns from.
    #[arg(long)]
    pub folds: Option<usize>,
    /// Seed of the per-epoch shuffle; the same seed and data give the same model, byte for byte.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Unlabelled news text (JSON Lines with `text`) for the capitalization and neighbour
    /// lexicon; repeatable. The shipped model used shared/data/quotes/polnear/{train,dev}.jsonl.
    #[arg(long, value_name = "FILE")]
    pub unlabelled: Vec<PathBuf>,
}

pub fn run(cmd: TrainCommand) -> Result<Code> {
    match cmd {
        TrainCommand::Ner(a) => {
            let mut opts = newsgraph_ner::TrainOptions::default();
            if let Some(e) = a.epochs {
                opts.epochs = e;
            }
            if let Some(e) = a.first_pass_epochs {
                opts.first_pass_epochs = e;
            }
            if let Some(f) = a.folds {
                opts.folds = f;
            }
            if let Some(s) = a.seed {
                opts.seed = s;
            }
            opts.unlabelled = a.unlabelled;
            let started = Instant::now();
            let model = newsgraph_ner::train_files(&a.train, a.dev.as_deref(), &a.out, &opts, |p| {
                let stage = match p.stage {
                    newsgraph_ner::Stage::FirstPass => "first pass",
                    newsgraph_ner::Stage::SecondPass => "second pass",
                };
                match p.dev_f1 {
                    Some(f1) => eprintln!("{stage} epoch {:>2}: dev F1 {:.4}", p.epoch, f1),
                    None => eprintln!("{stage} epoch {:>2} done", p.epoch),
                }
            })
            .with_context(|| format!("training on {}", a.train.display()))?;
            let size = std::fs::metadata(&a.out).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "wrote {} ({:.1} MB, {} features) in {:.1}s",
                a.out.display(),
                size as f64 / 1e6,
                model.n_features(),
                started.elapsed().as_secs_f64()
            );
            Ok(Code::Ok)
        }
    }
}
