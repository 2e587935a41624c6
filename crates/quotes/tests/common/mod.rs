//! Test helpers: the text → quotes pipeline, the shared-data path and the seed article.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Shared by several test crates; tests fail loudly.

use std::sync::Arc;

use newsgraph_core::{Article, Doc, Pipeline, PipelineBuilder};
use newsgraph_quotes::QuotesComponent;

pub fn pipeline() -> Pipeline {
    PipelineBuilder::new()
        .push(Arc::new(newsgraph_text::TextComponent))
        .push(Arc::new(QuotesComponent::new().unwrap()))
        .build()
        .unwrap()
}

pub fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap()
}

pub fn doc(text: &str) -> Doc {
    let mut d = Doc::new(Article::new(text, date()));
    pipeline().process(&mut d).unwrap();
    d
}

pub fn shared() -> std::path::PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
}

pub fn seed_doc() -> Doc {
    let raw = std::fs::read_to_string(shared().join("seed/article.txt")).expect("seed article");
    let text = raw.trim_start().strip_prefix("date 2018-11-02 ").expect("seed header");
    doc(text)
}

/// One line per quote: kind, quoted text, speaker text, cue text.
pub fn describe(d: &Doc) -> Vec<String> {
    d.quotes
        .iter()
        .map(|q| {
            format!(
                "{:?} [{}] <- {} / {}",
                q.kind,
                d.slice(q.span),
                q.speaker.as_ref().map_or("-", |s| d.slice(s.span)),
                q.cue.map_or("-", |c| d.slice(c))
            )
        })
        .collect()
}
