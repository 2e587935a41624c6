//! Quotations in news text: direct quotes, partial quotes inside reported speech, quotes over
//! several paragraphs, quotes continued without a new cue, and indirect speech — each with its
//! cue ("said", "according to") and its speaker, resolved to an entity when the entities layer
//! has a mention overlapping the speaker span.
//!
//! The cue vocabulary is data (`data/cues.txt`, one documented entry per line).
//!
//! ```
//! use newsgraph_core::{Article, Doc, QuoteKind, Span};
//! let text = "“They want to make a deal,” he said.";
//! let mut doc = Doc::new(Article::new(text, chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap()));
//! doc.paragraphs.push(Span::new(0, text.len()));
//! doc.sentences.push(Span::new(0, text.len()));
//! let quotes = newsgraph_quotes::QuotesComponent::new().unwrap().extract(&doc).quotes;
//! assert_eq!(doc.slice(quotes[0].span), "They want to make a deal,");
//! assert_eq!(quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(doc.slice(quotes[0].speaker.as_ref().unwrap().span), "he");
//! ```

#![warn(missing_docs)]

pub mod cues;
pub mod eval;
mod extract;
mod lex;
mod words;

use newsgraph_core::{Component, Doc, Layer};

pub use cues::{Cue, Cues};
pub use eval::{eval_polnear, Report};
pub use extract::{extract, Extraction, Warning};

/// Errors of the quotes crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed line in the cue vocabulary.
    #[error("cue vocabulary line {line}: {message}")]
    Vocabulary {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// An evaluation file could not be read or parsed.
    #[error("{path}: {message}")]
    Data {
        /// The file.
        path: String,
        /// What went wrong (with the line number for JSON Lines).
        message: String,
    },
    /// The pipeline failed on a document during evaluation.
    #[error("document {doc}: {source}")]
    Pipeline {
        /// The document id.
        doc: String,
        /// The pipeline error.
        source: newsgraph_core::Error,
    },
}

/// The `quotes` pipeline component: fills `Doc::quotes`.
///
/// Reads paragraphs and sentences, and the entities layer when an earlier component filled it
/// (speakers then get entity ids); it does not require entities.
#[derive(Debug, Clone)]
pub struct QuotesComponent {
    cues: Cues,
}

impl QuotesComponent {
    /// The component with the committed cue vocabulary.
    pub fn new() -> Result<QuotesComponent, Error> {
        Ok(QuotesComponent { cues: Cues::builtin()? })
    }

    /// The component with another cue vocabulary.
    pub fn with_cues(cues: Cues) -> QuotesComponent {
        QuotesComponent { cues }
    }

    /// Quotations of `doc` with the warnings (unbalanced marks) met on the way.
    pub fn extract(&self, doc: &Doc) -> Extraction {
        extract(doc, &self.cues)
    }
}

impl Component for QuotesComponent {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        // Warnings have no layer in the document yet; extraction already worked around them.
        doc.quotes = self.extract(doc).quotes;
        Ok(())
    }
}
