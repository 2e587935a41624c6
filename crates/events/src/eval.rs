//! Scoring against PETRARCH-style gold records (`unittest2_gold.jsonl`): event-triple
//! precision, recall and F1 over (source, target, code), and exact-record accuracy.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{EventsError, Result};
use crate::{DictionarySet, EventCoder, EventOptions};

#[derive(Deserialize)]
struct GoldEvent {
    source: String,
    target: String,
    code: String,
}

#[derive(Deserialize)]
struct Record {
    id: String,
    date: String,
    text: String,
    #[serde(default)]
    gold: Vec<GoldEvent>,
    #[serde(default)]
    error_record: bool,
}

/// Event coding scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventReport {
    /// Records scored.
    pub records: usize,
    /// Records whose predicted triple set equals the gold set.
    pub exact: usize,
    /// Triples found and right.
    pub tp: usize,
    /// Triples found and wrong.
    pub fp: usize,
    /// Triples missed.
    pub fn_: usize,
    /// Right / total by gold root (`05`).
    pub by_root: BTreeMap<String, (usize, usize)>,
    /// Per record: (id, missed triples, spurious triples each with the rule that fired), for
    /// error analysis.
    pub errors: Vec<(String, Vec<String>, Vec<String>)>,
}

impl EventReport {
    /// Triple precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Triple recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Triple F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Share of records coded exactly.
    pub fn exact_accuracy(&self) -> f64 {
        ratio(self.exact, self.records)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for EventReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "records {}  exact {:.4}", self.records, self.exact_accuracy())?;
        writeln!(
            f,
            "triples  P {:.4}  R {:.4}  F1 {:.4}  (tp {} fp {} fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )?;
        for (root, (right, total)) in &self.by_root {
            writeln!(f, "  root {root}: {right}/{total}")?;
        }
        Ok(())
    }
}

/// Scores the default coder with the validation dictionaries on a gold JSONL file.
pub fn eval_events(gold: &Path) -> Result<EventReport> {
    let coder = EventCoder::new(&EventOptions {
        set: DictionarySet::Validate,
        ..EventOptions::default()
    })?;
    eval_events_with(&coder, gold)
}

/// Scores a coder on a gold JSONL file. Records marked `error_record` are skipped; the parse
/// trees in the records are never read.
pub fn eval_events_with(coder: &EventCoder, gold: &Path) -> Result<EventReport> {
    let text = std::fs::read_to_string(gold).map_err(|e| EventsError::io(gold, e))?;
    let mut r = EventReport::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(line).map_err(|e| EventsError::Parse {
            path: gold.to_path_buf(),
            line: n + 1,
            message: format!("expected a record {{id, date, text, gold}}: {e}"),
        })?;
        if rec.error_record {
            continue;
        }
        let date = NaiveDate::parse_from_str(&rec.date, "%Y%m%d").map_err(|e| EventsError::Parse {
            path: gold.to_path_buf(),
            line: n + 1,
            message: format!("date `{}` is not YYYYMMDD: {e}", rec.date),
        })?;
        let mut want: Vec<String> = rec
            .gold
            .iter()
            .map(|g| format!("{} {} {}", g.source, g.target, g.code))
            .collect();
        want.sort();
        want.dedup();
        let events = coder.code_text(&rec.text, date);
        let mut got: Vec<String> = events
            .iter()
            .map(|e| format!("{} {} {}", e.source.code, e.target.code, e.code))
            .collect();
        got.sort();
        got.dedup();
        r.records += 1;
        if got == want {
            r.exact += 1;
        }
        let missed: Vec<String> = want.iter().filter(|w| !got.contains(w)).cloned().collect();
        let spurious: Vec<String> = got.iter().filter(|g| !want.contains(g)).cloned().collect();
        // The rule that fired, so an error listing says why a wrong triple came out.
        let spurious_why: Vec<String> = spurious
            .iter()
            .map(|g| {
                let rule = events
                    .iter()
                    .find(|e| &format!("{} {} {}", e.source.code, e.target.code, e.code) == g)
                    .map_or("", |e| e.rule.as_str());
                format!("{g} <{rule}>")
            })
            .collect();
        r.tp += want.len() - missed.len();
        r.fn_ += missed.len();
        r.fp += spurious.len();
        for g in &rec.gold {
            let root = g.code.get(..2).unwrap_or("").to_string();
            let e = r.by_root.entry(root).or_default();
            e.1 += 1;
            if got.contains(&format!("{} {} {}", g.source, g.target, g.code)) {
                e.0 += 1;
            }
        }
        if !missed.is_empty() || !spurious.is_empty() {
            r.errors.push((rec.id, missed, spurious_why));
        }
    }
    Ok(r)
}
