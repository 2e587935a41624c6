//! Named-entity recognition for news text.
//!
//! A structured averaged perceptron (Collins 2002) over hashed features, decoded with Viterbi over
//! BILOU tags with learned tag-transition weights, trained on CoNLL-2003 English. See the crate's
//! `README.md` for the design, the features and measured scores.
//!
//! ```
//! use newsgraph_ner::Model;
//! let model = Model::load_default()?;
//! let spans = model.tag_tokens(&["Xi", "Jinping", "visited", "Buenos", "Aires", "."]);
//! let found: Vec<_> = spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect();
//! assert_eq!(found, [(0, 2, "PER"), (3, 5, "LOC")]);
//! # Ok::<(), newsgraph_ner::NerError>(())
//! ```

mod component;
pub mod data;
mod error;
pub mod eval;
mod features;
mod model;
pub mod running;
pub mod tags;
mod train;

use std::path::Path;

pub use component::NerComponent;
pub use data::{read_conll, read_detok_jsonl, Document, Label, Sentence, TextDoc, TokenSpan};
pub use error::{NerError, Result};
pub use eval::{evaluate_conll, evaluate_path, evaluate_text, Counts, Report};
pub use model::{Model, FORMAT_VERSION, MAGIC};
pub use train::{train, train_with_unlabelled, Progress, Stage, TrainOptions};

/// Entry point of `newsgraph train ner`: reads CoNLL training (and optional dev) files and the
/// unlabelled texts named in `opts.unlabelled`, trains,
/// writes the model to `out` and returns it.
pub fn train_files(
    train_path: &Path,
    dev_path: Option<&Path>,
    out: &Path,
    opts: &TrainOptions,
    progress: impl FnMut(Progress),
) -> Result<Model> {
    let train_docs = read_conll(train_path)?;
    let dev_docs = match dev_path {
        Some(p) => read_conll(p)?,
        None => Vec::new(),
    };
    let mut unlabelled = Vec::new();
    for p in &opts.unlabelled {
        unlabelled.extend(data::read_unlabelled(p)?);
    }
    let model = train_with_unlabelled(&train_docs, &dev_docs, &unlabelled, opts, progress);
    model.save(out)?;
    Ok(model)
}

/// Entry point of `newsgraph eval ner`: scores `model` (or the default model) on a gold file,
/// CoNLL columns or detokenized `*.jsonl`.
pub fn eval_file(gold: &Path, model: Option<&Path>) -> Result<Report> {
    let model = match model {
        Some(p) => Model::load(p)?,
        None => Model::load_default()?,
    };
    evaluate_path(&model, gold)
}
