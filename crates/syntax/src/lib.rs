//! Shallow syntax for news text: a part-of-speech tagger, a phrase chunker and analyses over
//! chunks (clauses, passive voice, negation, modality, reported speech) used by event coding.
//!
//! Both taggers are greedy left-to-right averaged perceptrons over hashed features with the two
//! previous tags as history, trained on CoNLL-2003 `eng.train` (Penn Treebank tags; IOB chunks
//! NP, VP, PP, ADJP, ADVP, SBAR, PRT, CONJP, INTJ, LST). The committed models live in `models/`
//! (zstd-compressed, versioned header) and are compiled in. In memory a model is sparse: an
//! open-addressing table from feature hash to its row's non-zero weights (three per row on
//! average, two of them in the slot itself), about a quarter of the dense rows' size (25 MB → 7
//! MB for POS); scoring overlaps the cache misses of a token's features (see `perceptron.rs`).
//!
//! ```
//! let models = newsgraph_syntax::Models::load_default().unwrap();
//! let words = ["The", "U.S.", "imposed", "tariffs", "on", "China", "."];
//! let (pos, chunks) = models.tag_and_chunk(&words);
//! assert_eq!(pos[3], "NNS");
//! assert_eq!(&chunks[..4], ["B-NP", "I-NP", "B-VP", "B-NP"]);
//! ```

mod analysis;
mod component;
mod conll;
mod error;
mod eval;
mod perceptron;
mod tagger;

use std::path::{Path, PathBuf};

pub use analysis::{Modality, ModalityKind, Predicate, SentenceSyntax};
pub use component::{analyze_doc, analyze_words, SyntaxComponent};
pub use conll::{iob1_to_iob2, parse_conll, read_conll, Sentence};
pub use error::{Result, SyntaxError};
pub use eval::{chunks_of, evaluate, ChunkSpan, Counts, Report};
pub use perceptron::{Weights, FORMAT_VERSION, MAGIC};
pub use tagger::{jackknife_pos, normalize_word, train_chunk_weights, train_pos_weights, Models, TrainOptions};

fn save(w: &Weights, out: &Path) -> Result<()> {
    let bytes = w.to_bytes().map_err(|e| SyntaxError::io(out, e))?;
    std::fs::write(out, bytes).map_err(|e| SyntaxError::io(out, e))
}

/// Trains the POS tagger on a CoNLL file, writes the model to `out` and returns its scores on
/// `dev` (POS accuracy; chunks from the committed chunker), or on nothing when `dev` is `None`.
pub fn train_pos(train: &Path, dev: Option<&Path>, out: &Path, opts: &TrainOptions) -> Result<Report> {
    let sents = read_conll(train)?;
    let w = train_pos_weights(&sents, opts, |e, acc| {
        eprintln!("pos epoch {e}: train accuracy {acc:.4}")
    });
    save(&w, out)?;
    match dev {
        Some(dev) => {
            let gold = read_conll(dev)?;
            match Models::load_default() {
                Ok(base) => Ok(evaluate(&Models::from_weights(w, base.chunk_weights().clone()), &gold)),
                // No committed chunker yet (first training): score the tags alone.
                Err(_) => Ok(tagger::evaluate_pos(&w, &gold)),
            }
        }
        None => Ok(Report::default()),
    }
}

/// Trains the chunker (on jackknifed POS tags, see [`TrainOptions::jackknife`]), writes it to
/// `out` and returns scores on `dev` with POS from `pos_model` (the committed tagger if `None`).
pub fn train_chunk(
    train: &Path,
    dev: Option<&Path>,
    out: &Path,
    opts: &TrainOptions,
    pos_model: Option<&Path>,
) -> Result<Report> {
    let sents = read_conll(train)?;
    let pos = jackknife_pos(&sents, opts);
    let w = train_chunk_weights(&sents, &pos, opts, |e, acc| {
        eprintln!("chunk epoch {e}: train accuracy {acc:.4}")
    });
    save(&w, out)?;
    match dev {
        Some(dev) => {
            let gold = read_conll(dev)?;
            let base = Models::load(pos_model, None)?;
            let models = Models::from_weights(base.pos_weights().clone(), w);
            Ok(evaluate(&models, &gold))
        }
        None => Ok(Report::default()),
    }
}

/// Scores the committed models on a CoNLL-2003 file (POS accuracy, chunk F1 from predicted POS).
pub fn eval_syntax(gold: &Path) -> Result<Report> {
    eval_syntax_with(gold, None, None)
}

/// Scores models from files (`None`: the committed one) on a CoNLL-2003 file.
pub fn eval_syntax_with(gold: &Path, pos_model: Option<&Path>, chunk_model: Option<&Path>) -> Result<Report> {
    let models = Models::load(pos_model, chunk_model)?;
    Ok(evaluate(&models, &read_conll(gold)?))
}

/// Where shared data lives: `NEWSGRAPH_SHARED`, else `../shared` beside the workspace.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}
