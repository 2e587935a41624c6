//! TempEval-3 Task A (TIMEX3) evaluation, matching shared/tools/timex/score_timex.py bit for bit:
//! the TE3-normalizer one-to-one overlap alignment, strict and relaxed extent P/R/F1 micro-averaged
//! over documents, and type/value F1 = attribute accuracy on relaxed matches × relaxed F1.

use std::collections::BTreeMap;
use std::path::Path;

use newsgraph_core::CharOffsets;
use serde::Serialize;

use crate::error::TimexError;
use crate::timeml::{list_tml, read_tml, TmlDoc};
use crate::Options;

/// One timex for scoring: code-point offsets into the document's TEXT content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoredTimex {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub ttype: String,
    /// TIMEX3 value.
    pub value: String,
    /// The rule that produced it (system side only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
}

/// One document's system output, in the JSONL form score_timex.py reads.
#[derive(Debug, Clone, Serialize)]
pub struct SystemDoc {
    /// Document name.
    pub doc: String,
    /// Its timexes.
    pub timexes: Vec<ScoredTimex>,
}

/// Evaluation settings.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// How many mismatches of each kind to list.
    pub max_errors: usize,
    /// Tagger options (default: TimeBank conventions).
    pub tagger: Options,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            max_errors: 20,
            tagger: Options::timebank(),
        }
    }
}

/// One mismatch between gold and system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalError {
    /// `value`, `type`, `extent`, `fn` (missed) or `fp` (spurious).
    pub kind: String,
    /// Document.
    pub doc: String,
    /// Gold text, type and value (empty for `fp`).
    pub gold: String,
    /// System text, type and value (empty for `fn`).
    pub system: String,
}

/// Counts and metrics, with the same names as score_timex.py's `--json` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(non_snake_case)]
pub struct EvalReport {
    /// Documents scored.
    pub n_docs: usize,
    /// Gold timexes.
    pub n_gold: usize,
    /// System timexes.
    pub n_sys: usize,
    /// Relaxed (overlap) matches.
    pub n_relaxed: usize,
    /// Strict (same extent) matches.
    pub n_strict: usize,
    /// Relaxed matches with the same value.
    pub n_value: usize,
    /// Relaxed matches with the same type.
    pub n_type: usize,
    /// Strict precision.
    pub strict_P: f64,
    /// Strict recall.
    pub strict_R: f64,
    /// Strict F1.
    pub strict_F1: f64,
    /// Relaxed precision.
    pub relaxed_P: f64,
    /// Relaxed recall.
    pub relaxed_R: f64,
    /// Relaxed F1.
    pub relaxed_F1: f64,
    /// Value accuracy on relaxed matches.
    pub value_acc: f64,
    /// Type accuracy on relaxed matches.
    pub type_acc: f64,
    /// value_acc × relaxed F1.
    pub value_F1: f64,
    /// type_acc × relaxed F1.
    pub type_F1: f64,
    /// Fraction of gold timexes found with the right value.
    pub value_R: f64,
    /// The first mismatches of each kind.
    pub errors: Vec<EvalError>,
}

impl std::fmt::Display for EvalReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "docs: {}  gold timexes: {}  system timexes: {}",
            self.n_docs, self.n_gold, self.n_sys
        )?;
        writeln!(f, "           P      R      F1")?;
        writeln!(
            f,
            "strict   {:6.2} {:6.2} {:6.2}",
            100.0 * self.strict_P,
            100.0 * self.strict_R,
            100.0 * self.strict_F1
        )?;
        writeln!(
            f,
            "relaxed  {:6.2} {:6.2} {:6.2}",
            100.0 * self.relaxed_P,
            100.0 * self.relaxed_R,
            100.0 * self.relaxed_F1
        )?;
        write!(
            f,
            "value F1 {:6.2} (acc {:.2})   type F1 {:6.2} (acc {:.2})",
            100.0 * self.value_F1,
            100.0 * self.value_acc,
            100.0 * self.type_F1,
            100.0 * self.type_acc
        )
    }
}

/// Runs the tagger on one TimeML document's TEXT with its DCT; code-point offsets.
pub fn tag_tml(doc: &TmlDoc, options: &Options) -> Result<SystemDoc, TimexError> {
    let Some(date) = doc.date else {
        return Ok(SystemDoc {
            doc: doc.doc.clone(),
            timexes: Vec::new(),
        });
    };
    let timexes = crate::annotate_explained(&doc.text, date, &[], options)?;
    let off = CharOffsets::new(&doc.text);
    Ok(SystemDoc {
        doc: doc.doc.clone(),
        timexes: timexes
            .into_iter()
            .map(|(t, rule)| ScoredTimex {
                start: off.char_of(t.span.start),
                end: off.char_of(t.span.end),
                ttype: t.ttype.as_str().to_string(),
                value: t.value,
                rule: Some(rule),
            })
            .collect(),
    })
}

/// The TE3-normalizer alignment: pairs (gold index, system index).
pub fn align(gold: &[ScoredTimex], sys: &[ScoredTimex]) -> Vec<(usize, usize)> {
    let mut ev: Vec<(usize, u8, usize)> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| (g.start, 0u8, i))
        .chain(sys.iter().enumerate().map(|(i, s)| (s.start, 1u8, i)))
        .collect();
    ev.sort();
    let spans = [gold, sys];
    let mut paired: [BTreeMap<usize, usize>; 2] = [BTreeMap::new(), BTreeMap::new()];
    let mut pairs = Vec::new();
    for (start, side, i) in ev {
        let side = side as usize;
        let other = 1 - side;
        let cand = spans[other].iter().position(|o| o.start <= start && start < o.end);
        if let Some(j) = cand {
            if !paired[other].contains_key(&j) && !paired[side].contains_key(&i) {
                paired[other].insert(j, i);
                paired[side].insert(i, j);
                pairs.push(if side == 0 { (i, j) } else { (j, i) });
            }
        }
    }
    pairs
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn slice_chars(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e.saturating_sub(s)).collect()
}

/// Scores system output against gold documents (documents absent from `system` count as empty).
pub fn score(gold: &[TmlDoc], system: &BTreeMap<String, Vec<ScoredTimex>>, max_errors: usize) -> EvalReport {
    let (mut ng, mut ns, mut nr, mut nst, mut nv, mut nt) = (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut errs: BTreeMap<&'static str, Vec<EvalError>> = BTreeMap::new();
    let mut push = |kind: &'static str, e: EvalError| {
        let v = errs.entry(kind).or_default();
        if v.len() < max_errors {
            v.push(e);
        }
    };
    for g in gold {
        let gt: Vec<ScoredTimex> = g
            .timexes
            .iter()
            .filter(|t| t.end > t.start)
            .map(|t| ScoredTimex {
                start: t.start,
                end: t.end,
                ttype: t.ttype.clone(),
                value: t.value.clone(),
                rule: None,
            })
            .collect();
        let empty = Vec::new();
        let st: Vec<ScoredTimex> = system
            .get(&g.doc)
            .unwrap_or(&empty)
            .iter()
            .filter(|t| t.end > t.start)
            .cloned()
            .collect();
        ng += gt.len();
        ns += st.len();
        let pairs = align(&gt, &st);
        let show = |t: &ScoredTimex| format!("{}\t{}\t{}", slice_chars(&g.text, t.start, t.end), t.ttype, t.value);
        for &(gi, si) in &pairs {
            let (a, b) = (&gt[gi], &st[si]);
            nr += 1;
            let strict = a.start == b.start && a.end == b.end;
            nst += usize::from(strict);
            let vok = a.value == b.value;
            let tok = a.ttype == b.ttype;
            nv += usize::from(vok);
            nt += usize::from(tok);
            let e = || EvalError {
                kind: String::new(),
                doc: g.doc.clone(),
                gold: show(a),
                system: show(b),
            };
            if !vok {
                push(
                    "value",
                    EvalError {
                        kind: "value".into(),
                        ..e()
                    },
                );
            }
            if !tok {
                push(
                    "type",
                    EvalError {
                        kind: "type".into(),
                        ..e()
                    },
                );
            }
            if !strict {
                push(
                    "extent",
                    EvalError {
                        kind: "extent".into(),
                        ..e()
                    },
                );
            }
        }
        for (i, a) in gt.iter().enumerate() {
            if !pairs.iter().any(|&(gi, _)| gi == i) {
                push(
                    "fn",
                    EvalError {
                        kind: "fn".into(),
                        doc: g.doc.clone(),
                        gold: show(a),
                        system: String::new(),
                    },
                );
            }
        }
        for (i, b) in st.iter().enumerate() {
            if !pairs.iter().any(|&(_, si)| si == i) {
                push(
                    "fp",
                    EvalError {
                        kind: "fp".into(),
                        doc: g.doc.clone(),
                        gold: String::new(),
                        system: show(b),
                    },
                );
            }
        }
    }
    let p = |k: usize| if ns > 0 { k as f64 / ns as f64 } else { 0.0 };
    let r = |k: usize| if ng > 0 { k as f64 / ng as f64 } else { 0.0 };
    let relaxed_f1 = f1(p(nr), r(nr));
    let value_acc = if nr > 0 { nv as f64 / nr as f64 } else { 0.0 };
    let type_acc = if nr > 0 { nt as f64 / nr as f64 } else { 0.0 };
    let mut errors = Vec::new();
    for kind in ["value", "type", "extent", "fn", "fp"] {
        errors.extend(errs.remove(kind).unwrap_or_default());
    }
    EvalReport {
        n_docs: gold.len(),
        n_gold: ng,
        n_sys: ns,
        n_relaxed: nr,
        n_strict: nst,
        n_value: nv,
        n_type: nt,
        strict_P: p(nst),
        strict_R: r(nst),
        strict_F1: f1(p(nst), r(nst)),
        relaxed_P: p(nr),
        relaxed_R: r(nr),
        relaxed_F1: relaxed_f1,
        value_acc,
        type_acc,
        value_F1: value_acc * relaxed_f1,
        type_F1: type_acc * relaxed_f1,
        value_R: if ng > 0 { nv as f64 / ng as f64 } else { 0.0 },
        errors,
    }
}

/// Reads every `.tml` under `gold`, tags each TEXT with its DCT, and scores the result.
/// Returns the report and the system output (write it as JSONL for score_timex.py).
pub fn eval_dir_with_output(gold: &Path, opts: &EvalOptions) -> Result<(EvalReport, Vec<SystemDoc>), TimexError> {
    let mut docs = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for f in list_tml(gold)? {
        let d = read_tml(&f)?;
        // The reference scripts skip a repeated document name.
        if seen.insert(d.doc.clone()) {
            docs.push(d);
        }
    }
    if docs.is_empty() {
        return Err(TimexError::TimeMl {
            path: gold.display().to_string(),
            message: "no .tml files found".into(),
        });
    }
    let mut out = Vec::with_capacity(docs.len());
    for d in &docs {
        out.push(tag_tml(d, &opts.tagger)?);
    }
    let sys: BTreeMap<String, Vec<ScoredTimex>> = out.iter().map(|s| (s.doc.clone(), s.timexes.clone())).collect();
    Ok((score(&docs, &sys, opts.max_errors), out))
}

/// [`eval_dir_with_output`] without the system output.
pub fn eval_dir(gold: &Path, opts: &EvalOptions) -> Result<EvalReport, TimexError> {
    eval_dir_with_output(gold, opts).map(|(r, _)| r)
}

/// System output as JSONL lines (`{doc, timexes:[{start,end,type,value}]}`).
pub fn to_jsonl(docs: &[SystemDoc]) -> String {
    let mut s = String::new();
    for d in docs {
        s.push_str(&serde_json::to_string(d).unwrap_or_default());
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: usize, e: usize) -> ScoredTimex {
        ScoredTimex {
            start: s,
            end: e,
            ttype: "DATE".into(),
            value: "X".into(),
            rule: None,
        }
    }

    #[test]
    fn alignment_is_one_to_one_and_start_ordered() {
        // One long system span over two gold spans pairs with the first only.
        let p = align(&[t(0, 5), t(6, 10)], &[t(0, 10)]);
        assert_eq!(p, vec![(0, 0)]);
        // A system span starting inside a gold span pairs with it.
        let p = align(&[t(0, 10)], &[t(3, 4)]);
        assert_eq!(p, vec![(0, 0)]);
        // Disjoint spans do not pair.
        assert!(align(&[t(0, 3)], &[t(3, 5)]).is_empty());
    }
}
