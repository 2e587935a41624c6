//! Evaluation with conlleval semantics: a predicted entity counts only if its span and type both
//! match a gold entity exactly.

use std::fmt;
use std::path::Path;

use crate::data::{self, Label, TextDoc, TokenSpan};
use crate::error::Result;
use crate::model::Model;
use crate::running::{self, Segmentation};

/// Counts for one entity type (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities that match a gold one exactly.
    pub correct: usize,
}

impl Counts {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    /// Recall (0 when there is no gold entity).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Entity-level scores per type and overall.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Counts per label, in [`Label::ALL`] order.
    pub per_type: [Counts; 4],
    /// Tokens processed.
    pub tokens: usize,
}

impl Report {
    /// Adds one sentence's (or document's) gold and predicted entities. Any span type with
    /// `Ord + Eq` that carries a label works; spans are compared exactly.
    pub fn add(&mut self, gold: &[TokenSpan], predicted: &[TokenSpan], tokens: usize) {
        let g: Vec<(usize, usize, Label)> = gold.iter().map(|s| (s.start, s.end, s.label)).collect();
        let p: Vec<(usize, usize, Label)> = predicted.iter().map(|s| (s.start, s.end, s.label)).collect();
        self.add_triples(&g, &p);
        self.tokens += tokens;
    }

    pub(crate) fn add_triples(&mut self, gold: &[(usize, usize, Label)], predicted: &[(usize, usize, Label)]) {
        for g in gold {
            self.per_type[g.2.index()].gold += 1;
        }
        for p in predicted {
            self.per_type[p.2.index()].predicted += 1;
            if gold.contains(p) {
                self.per_type[p.2.index()].correct += 1;
            }
        }
    }

    /// Counts over all types.
    pub fn overall(&self) -> Counts {
        self.per_type.iter().fold(Counts::default(), |a, c| Counts {
            gold: a.gold + c.gold,
            predicted: a.predicted + c.predicted,
            correct: a.correct + c.correct,
        })
    }

    /// Counts of one type.
    pub fn of(&self, label: Label) -> Counts {
        self.per_type[label.index()]
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.overall();
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, o.gold, o.predicted, o.correct
        )?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "found", "correct"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: Counts| {
            writeln!(
                f,
                "{:<8} {:>8.2}% {:>8.2}% {:>9.2} {:>7} {:>7} {:>7}",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted,
                c.correct
            )
        };
        row(f, "overall", o)?;
        for l in Label::ALL {
            row(f, l.as_str(), self.of(l))?;
        }
        Ok(())
    }
}

/// Scores the model on documents with gold tokens (CoNLL files).
pub fn evaluate_conll(model: &Model, docs: &[data::Document]) -> Report {
    let mut report = Report::default();
    for doc in docs {
        let sents: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let pred = model.tag_document(&sents);
        for (s, p) in doc.sentences.iter().zip(&pred) {
            report.add(&s.spans, p, s.tokens.len());
        }
    }
    report
}

/// Scores the model on running text, segmented by `segment` (sentences and tokens of the text),
/// comparing exact byte spans.
pub fn evaluate_text_with(model: &Model, docs: &[TextDoc], segment: impl Fn(&str) -> Segmentation) -> Report {
    let mut report = Report::default();
    for doc in docs {
        let seg = segment(&doc.text);
        let pred = running::tag_segmented(model, &doc.text, &seg);
        let gold: Vec<(usize, usize, Label)> = doc.entities.iter().map(|e| (e.start, e.end, e.label)).collect();
        let pred: Vec<(usize, usize, Label)> = pred.iter().map(|m| (m.span.start, m.span.end, m.label)).collect();
        report.add_triples(&gold, &pred);
        report.tokens += seg.tokens.len();
    }
    report
}

/// Scores the model on running text, segmented by `newsgraph_text`.
pub fn evaluate_text(model: &Model, docs: &[TextDoc]) -> Report {
    evaluate_text_with(model, docs, running::segment_text)
}

/// Evaluates a gold file: `*.jsonl` is read as detokenized text (tokenized by `newsgraph_text`),
/// anything else as a CoNLL column file with gold tokens.
pub fn evaluate_path(model: &Model, gold: &Path) -> Result<Report> {
    if gold.extension().is_some_and(|e| e == "jsonl") {
        Ok(evaluate_text(model, &data::read_detok_jsonl(gold)?))
    } else {
        Ok(evaluate_conll(model, &data::read_conll(gold)?))
    }
}
