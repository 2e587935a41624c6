//! Tagging accuracy and chunk F1 (conlleval semantics: a chunk counts only when its type and
//! both boundaries match).

use std::collections::BTreeMap;
use std::fmt;

use crate::conll::Sentence;
use crate::tagger::Models;

/// A chunk over token indices `[start, end)` of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChunkSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Phrase type (`NP`, `VP`, `PP`…).
    pub label: String,
}

/// Chunks of an IOB1 or IOB2 tag sequence, as conlleval reads them.
pub fn chunks_of<S: AsRef<str>>(tags: &[S]) -> Vec<ChunkSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (bio, ty) = t.split_once('-').unwrap_or(("O", ""));
        let starts = match (bio, open) {
            ("O", _) => false,
            ("B", _) => true,
            (_, Some((_, oty))) => oty != ty,
            (_, None) => true,
        };
        if bio == "O" || starts {
            if let Some((s, oty)) = open.take() {
                out.push(ChunkSpan {
                    start: s,
                    end: i,
                    label: oty.to_string(),
                });
            }
        }
        if starts {
            open = Some((i, ty));
        }
    }
    if let Some((s, oty)) = open {
        out.push(ChunkSpan {
            start: s,
            end: tags.len(),
            label: oty.to_string(),
        });
    }
    out
}

/// Counts for precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and right.
    pub tp: usize,
    /// Found and wrong.
    pub fp: usize,
    /// Missed.
    pub fn_: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// POS accuracy and chunk scores over a gold corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose predicted POS equals the gold one.
    pub pos_correct: usize,
    /// Chunk counts, all types (chunker fed predicted POS).
    pub chunks: Counts,
    /// Chunk counts by type.
    pub by_type: BTreeMap<String, Counts>,
}

impl Report {
    /// POS accuracy.
    pub fn pos_accuracy(&self) -> f64 {
        ratio(self.pos_correct, self.tokens)
    }

    /// Chunk F1.
    pub fn chunk_f1(&self) -> f64 {
        self.chunks.f1()
    }

    /// Adds one sentence's gold and predicted tags.
    pub fn add<A: AsRef<str>, B: AsRef<str>>(
        &mut self,
        gold_pos: &[A],
        pred_pos: &[B],
        gold_chunks: &[A],
        pred_chunks: &[B],
    ) {
        self.sentences += 1;
        self.tokens += gold_pos.len();
        self.pos_correct += gold_pos
            .iter()
            .zip(pred_pos)
            .filter(|(g, p)| g.as_ref() == p.as_ref())
            .count();
        let gold = chunks_of(gold_chunks);
        let pred = chunks_of(pred_chunks);
        for c in &pred {
            let hit = gold.binary_search(c).is_ok();
            let e = self.by_type.entry(c.label.clone()).or_default();
            if hit {
                e.tp += 1;
                self.chunks.tp += 1;
            } else {
                e.fp += 1;
                self.chunks.fp += 1;
            }
        }
        for c in &gold {
            if pred.binary_search(c).is_err() {
                self.by_type.entry(c.label.clone()).or_default().fn_ += 1;
                self.chunks.fn_ += 1;
            }
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentences {}  tokens {}", self.sentences, self.tokens)?;
        writeln!(f, "POS accuracy  {:.4}", self.pos_accuracy())?;
        let c = self.chunks;
        writeln!(
            f,
            "chunks        P {:.4}  R {:.4}  F1 {:.4}  (tp {} fp {} fn {}; predicted POS)",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        )?;
        for (ty, c) in &self.by_type {
            writeln!(
                f,
                "  {ty:<6} P {:.4}  R {:.4}  F1 {:.4}  (gold {})",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_
            )?;
        }
        Ok(())
    }
}

/// Scores `models` on gold sentences: POS against gold POS, chunks from predicted POS.
pub fn evaluate(models: &Models, gold: &[Sentence]) -> Report {
    let mut r = Report::default();
    for s in gold {
        let (pos, chunks) = models.tag_and_chunk(&s.words);
        r.add(&s.pos, &pos, &s.chunks, &chunks);
    }
    r
}
