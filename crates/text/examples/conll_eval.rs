//! Token and sentence boundaries against CoNLL-2003 gold (the shared `*.detok.jsonl` files:
//! naturally spaced text with gold tokens and sentences, in code points).
//!
//! Run: `cargo run --release -p newsgraph-text --example conll_eval [FILE] [--errors N]`
//! (FILE defaults to `$NEWSGRAPH_SHARED/data/conll2003/eng.testa.detok.jsonl`). Prints exact-match
//! precision, recall and F1 of token spans and of sentence spans, then up to N examples of each
//! kind of disagreement.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

#[derive(Default)]
struct Score {
    gold: usize,
    pred: usize,
    hit: usize,
}

impl Score {
    fn add(&mut self, gold: &BTreeSet<(usize, usize)>, pred: &BTreeSet<(usize, usize)>) {
        self.gold += gold.len();
        self.pred += pred.len();
        self.hit += gold.intersection(pred).count();
    }
    fn line(&self, name: &str) -> String {
        let p = self.hit as f64 / self.pred.max(1) as f64;
        let r = self.hit as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        format!(
            "{name:<10} gold {:>7}  pred {:>7}  P {:.4}  R {:.4}  F1 {:.4}",
            self.gold, self.pred, p, r, f
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors: usize = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let file = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let shared = std::env::var_os("NEWSGRAPH_SHARED")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
            shared.join("data/conll2003/eng.testa.detok.jsonl")
        });
    let data = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let (mut toks, mut sents) = (Score::default(), Score::default());
    let (mut tok_errors, mut sent_errors) = (Vec::new(), Vec::new());
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let doc: Value = serde_json::from_str(line).expect("a JSON object per line");
        let text = doc["text"].as_str().unwrap_or("");
        // Code point → byte offsets.
        let mut byte: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte.push(text.len());
        let pair = |v: &Value| (v[0].as_u64().unwrap_or(0) as usize, v[1].as_u64().unwrap_or(0) as usize);
        let gold_tokens: Vec<(usize, usize)> = doc["tokens"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|t| {
                        let (s, e) = pair(t);
                        (byte[s], byte[e])
                    })
                    .collect()
            })
            .unwrap_or_default();
        let gold_sents: BTreeSet<(usize, usize)> = doc["sents"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| {
                        let (f, l) = pair(s);
                        (gold_tokens[f].0, gold_tokens[l - 1].1)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let gold_tokens: BTreeSet<(usize, usize)> = gold_tokens.into_iter().collect();
        let seg = newsgraph_text::segment(text);
        let pred_tokens: BTreeSet<(usize, usize)> = seg.tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
        let pred_sents: BTreeSet<(usize, usize)> = seg.sentences.iter().map(|s| (s.start, s.end)).collect();
        toks.add(&gold_tokens, &pred_tokens);
        sents.add(&gold_sents, &pred_sents);
        for &(s, e) in gold_tokens.difference(&pred_tokens) {
            let ctx =
                &text[text.floor_char_boundary_compat(s.saturating_sub(20))..text.ceil_char_boundary_compat(e + 20)];
            tok_errors.push(format!("gold {:?} in {:?}", &text[s..e], ctx.replace('\n', " ")));
        }
        for &(s, e) in pred_sents.difference(&gold_sents) {
            let gold: Vec<&str> = gold_sents
                .iter()
                .filter(|g| g.0 < e && s < g.1)
                .map(|&(a, b)| &text[a..b])
                .collect();
            sent_errors.push(format!("pred {:?}\n    gold {:?}", &text[s..e], gold));
        }
    }
    println!("{}", file.display());
    println!("{}", toks.line("tokens"));
    println!("{}", sents.line("sentences"));
    println!("\n{} gold tokens missed, e.g.:", tok_errors.len());
    for e in tok_errors
        .iter()
        .step_by((tok_errors.len() / errors.max(1)).max(1))
        .take(errors)
    {
        println!("  {e}");
    }
    println!("\n{} predicted sentences not in gold, e.g.:", sent_errors.len());
    for e in sent_errors
        .iter()
        .step_by((sent_errors.len() / errors.max(1)).max(1))
        .take(errors)
    {
        println!("  {e}");
    }
}

/// `str::floor_char_boundary` and `ceil_char_boundary` are not stable on our minimum Rust.
trait Boundaries {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
    fn ceil_char_boundary_compat(&self, i: usize) -> usize;
}

impl Boundaries for str {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
    fn ceil_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i += 1;
        }
        i
    }
}
