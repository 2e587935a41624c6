//! Runs text → ner → entities over a detokenized CoNLL JSONL file from the shared data and prints
//! entity counts and throughput (a manual check that real NER output never trips the component):
//! `cargo run --release -p newsgraph-entities --example corpus -- $NEWSGRAPH_SHARED/data/conll2003/eng.testa.detok.jsonl`
#![allow(clippy::unwrap_used)]
use std::time::Instant;

use newsgraph_core::{Article, Component, Doc, MentionKind};

fn main() {
    let path = std::env::args().nth(1).expect("a .detok.jsonl path");
    let text = std::fs::read_to_string(&path).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(1996, 8, 30).unwrap();
    let ner = newsgraph_ner::NerComponent::with_default_model().unwrap();
    let ent = newsgraph_entities::EntitiesComponent::new().unwrap();
    let mut docs = Vec::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut doc = Doc::new(Article::new(v["text"].as_str().unwrap_or(""), date));
        newsgraph_text::TextComponent.process(&mut doc).unwrap();
        ner.process(&mut doc).unwrap();
        docs.push(doc);
    }
    let raw: usize = docs.iter().map(|d| d.entities.len()).sum();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let t = Instant::now();
    let (mut ents, mut linked, mut pron, mut nom) = (0, 0, 0, 0);
    for doc in &mut docs {
        ent.process(doc).unwrap();
        ents += doc.entities.len();
        linked += doc.entities.iter().filter(|e| e.link.is_some()).count();
        for e in &doc.entities {
            pron += e.mentions.iter().filter(|m| m.kind == MentionKind::Pronoun).count();
            nom += e.mentions.iter().filter(|m| m.kind == MentionKind::Nominal).count();
        }
    }
    let dt = t.elapsed();
    println!(
        "{} docs, {bytes} bytes: {raw} raw mentions -> {ents} entities ({linked} linked), {pron} pronouns, {nom} nominals; entities step {:?} ({:.1} MB/s)",
        docs.len(),
        dt,
        bytes as f64 / dt.as_secs_f64() / 1e6
    );
}
