//! Evaluation against PolNeAR-style gold (`shared/data/quotes/polnear/*.jsonl`), with exactly
//! the metric definitions of `shared/tools/quotes/score_polnear.py`:
//!
//! - quotation marks (gold `quoted_spans` of annotated attributions): **recall** — some system
//!   direct/partial quote covers at least half of the span; **precision** — a system
//!   direct/partial quote overlaps some gold quoted span; **speaker accuracy** — among recalled
//!   spans, the speaker span of the (first) covering quote, or any mention of its speaker entity,
//!   overlaps a gold source span;
//! - indirect attributions (gold kind `indirect`): recall of the content spans by a system quote
//!   of any kind (half covered), and speaker accuracy as above.
//!
//! All offsets are code points, as in the gold files.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use newsgraph_core::output::OutputOptions;
use newsgraph_core::{Article, Doc, Pipeline, QuoteKind};
use serde::{Deserialize, Serialize};

use crate::Error;

#[derive(Debug, Deserialize)]
struct GoldRecord {
    doc: String,
    #[serde(default = "yes")]
    primary: bool,
    #[serde(default)]
    date: Option<String>,
    text: String,
    #[serde(default)]
    quotes: Vec<GoldAttribution>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
struct GoldAttribution {
    kind: String,
    #[serde(default)]
    start: usize,
    #[serde(default)]
    end: usize,
    #[serde(default)]
    content_spans: Vec<(usize, usize)>,
    #[serde(default)]
    quoted_spans: Vec<(usize, usize)>,
    #[serde(default)]
    source_spans: Vec<(usize, usize)>,
}

/// Raw counts, named as in `score_polnear.py`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Gold quoted spans.
    pub q_gold: usize,
    /// Gold quoted spans recalled.
    pub q_hit: usize,
    /// Recalled quoted spans with the right speaker.
    pub q_spk: usize,
    /// System direct/partial quotes.
    pub q_sys: usize,
    /// System direct/partial quotes overlapping a gold quoted span.
    pub q_sys_hit: usize,
    /// Gold indirect attributions.
    pub i_gold: usize,
    /// Gold indirect attributions recalled.
    pub i_hit: usize,
    /// Recalled indirect attributions with the right speaker.
    pub i_spk: usize,
}

/// Evaluation figures (fractions in [0, 1]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Report {
    /// Documents scored.
    pub docs: usize,
    /// Quotation-mark recall.
    pub quoted_recall: f64,
    /// Quotation-mark precision.
    pub quoted_precision: f64,
    /// Speaker accuracy on recalled quotation-mark spans.
    pub quoted_speaker_accuracy: f64,
    /// Indirect-attribution recall.
    pub indirect_recall: f64,
    /// Speaker accuracy on recalled indirect attributions.
    pub indirect_speaker_accuracy: f64,
    /// The counts behind the figures.
    pub counts: Counts,
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

/// A system quote in code points: (start, end, marked, speaker spans incl. entity mentions).
struct SysQuote {
    start: usize,
    end: usize,
    marked: bool,
    speakers: Vec<(usize, usize)>,
}

fn system_quotes(doc: &Doc) -> Vec<SysQuote> {
    let map = doc.offsets();
    let mentions: HashMap<&str, Vec<(usize, usize)>> = doc
        .entities
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.mentions
                    .iter()
                    .map(|m| (map.char_of(m.span.start), map.char_of(m.span.end)))
                    .collect(),
            )
        })
        .collect();
    doc.quotes
        .iter()
        .map(|q| {
            let mut speakers = Vec::new();
            if let Some(sp) = &q.speaker {
                speakers.push((map.char_of(sp.span.start), map.char_of(sp.span.end)));
                if let Some(m) = sp.entity.as_deref().and_then(|id| mentions.get(id)) {
                    speakers.extend(m.iter().copied());
                }
            }
            SysQuote {
                start: map.char_of(q.span.start),
                end: map.char_of(q.span.end),
                marked: q.kind != QuoteKind::Indirect,
                speakers,
            }
        })
        .collect()
}

fn speaker_ok(q: &SysQuote, sources: &[(usize, usize)]) -> bool {
    q.speakers
        .iter()
        .any(|&(x0, x1)| sources.iter().any(|&(y0, y1)| overlap(x0, x1, y0, y1) > 0))
}

fn score(gold: &GoldRecord, doc: &Doc, c: &mut Counts) {
    let quotes = system_quotes(doc);
    let marked: Vec<&SysQuote> = quotes.iter().filter(|q| q.marked).collect();
    let gq: Vec<(usize, usize, &GoldAttribution)> = gold
        .quotes
        .iter()
        .flat_map(|a| a.quoted_spans.iter().map(move |&(s0, s1)| (s0, s1, a)))
        .collect();
    for &(s0, s1, a) in &gq {
        c.q_gold += 1;
        let hit = marked
            .iter()
            .find(|q| overlap(q.start, q.end, s0, s1) as f64 >= 0.5 * (s1 - s0) as f64);
        if let Some(q) = hit {
            c.q_hit += 1;
            if speaker_ok(q, &a.source_spans) {
                c.q_spk += 1;
            }
        }
    }
    for q in &marked {
        c.q_sys += 1;
        if gq.iter().any(|&(s0, s1, _)| overlap(q.start, q.end, s0, s1) > 0) {
            c.q_sys_hit += 1;
        }
    }
    for a in gold.quotes.iter().filter(|a| a.kind == "indirect") {
        c.i_gold += 1;
        let spans = if a.content_spans.is_empty() {
            vec![(a.start, a.end)]
        } else {
            a.content_spans.clone()
        };
        let glen: usize = spans.iter().map(|&(s0, s1)| s1 - s0).sum();
        let hit = quotes.iter().find(|q| {
            let ov: usize = spans.iter().map(|&(s0, s1)| overlap(q.start, q.end, s0, s1)).sum();
            ov as f64 >= 0.5 * glen as f64
        });
        if let Some(q) = hit {
            c.i_hit += 1;
            if speaker_ok(q, &a.source_spans) {
                c.i_spk += 1;
            }
        }
    }
}

/// Runs `pipeline` over the primary records of the gold file `gold` and scores its quotes.
/// When `system_out` is given, each analysed document is also written there as one line of the
/// JSON output contract, for `score_polnear.py`.
pub fn eval_polnear(gold: &Path, pipeline: &Pipeline, mut system_out: Option<&mut dyn Write>) -> Result<Report, Error> {
    let path = gold.display().to_string();
    let data_err = |message: String| Error::Data {
        path: path.clone(),
        message,
    };
    let file = std::fs::File::open(gold).map_err(|e| data_err(e.to_string()))?;
    let mut counts = Counts::default();
    let mut docs = 0;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| data_err(format!("line {}: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: GoldRecord = serde_json::from_str(&line).map_err(|e| data_err(format!("line {}: {e}", n + 1)))?;
        if !rec.primary {
            continue;
        }
        let date = rec
            .date
            .as_deref()
            .and_then(chrono_date)
            .unwrap_or_else(|| chrono_date("2016-01-01").unwrap_or_default());
        let mut article = Article::new(rec.text.clone(), date);
        article.id = rec.doc.clone();
        let mut doc = Doc::new(article);
        pipeline.process(&mut doc).map_err(|source| Error::Pipeline {
            doc: rec.doc.clone(),
            source,
        })?;
        if let Some(out) = system_out.as_deref_mut() {
            let json = serde_json::to_string(&doc.to_output(OutputOptions::default()))
                .map_err(|e| data_err(format!("serializing {}: {e}", rec.doc)))?;
            writeln!(out, "{json}").map_err(|e| data_err(format!("writing system output: {e}")))?;
        }
        score(&rec, &doc, &mut counts);
        docs += 1;
    }
    let c = counts;
    Ok(Report {
        docs,
        quoted_recall: ratio(c.q_hit, c.q_gold),
        quoted_precision: ratio(c.q_sys_hit, c.q_sys),
        quoted_speaker_accuracy: ratio(c.q_spk, c.q_hit),
        indirect_recall: ratio(c.i_hit, c.i_gold),
        indirect_speaker_accuracy: ratio(c.i_spk, c.i_hit),
        counts: c,
    })
}

fn chrono_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}
