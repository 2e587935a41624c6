//! A small store built once per test binary from `tests/fixtures/*.txt` (articles written for
//! these tests), and the state over it.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use newsgraph_core::{Article, Doc};
use newsgraph_input::{parse_dated_text, ReadOptions};
use newsgraph_server::{AppState, Limits};
use newsgraph_store::{Store, StoreWriter};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub state: AppState,
}

pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Builds a store from every fixture article in `dir`.
pub fn build_store(dir: &std::path::Path, pipeline: &newsgraph_core::Pipeline) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let mut article = parse_dated_text(&text, &ReadOptions::default()).unwrap();
            article.title = text
                .lines()
                .find(|l| l.len() > 20)
                .map(|l| l.chars().take(60).collect());
            article.source = Some(
                if p.ends_with("wheat.txt") {
                    "Farm Wire"
                } else {
                    "Harbour Post"
                }
                .to_string(),
            );
            article
        })
        .collect();
    ingest_articles(dir, pipeline, articles);
}

/// Analyses `articles` with `pipeline` and adds them to the store in `dir` as one batch.
pub fn ingest_articles(dir: &std::path::Path, pipeline: &newsgraph_core::Pipeline, articles: Vec<Article>) {
    let docs: Vec<Doc> = articles
        .into_iter()
        .map(|a| {
            let mut doc = Doc::new(a);
            pipeline.process(&mut doc).unwrap();
            doc
        })
        .collect();
    let mut w = StoreWriter::open(dir).unwrap();
    w.ingest(docs, 100).unwrap();
    w.close().unwrap();
}

pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let pipeline = newsgraph_pipeline::standard().unwrap();
        build_store(dir.path(), &pipeline);
        let state = AppState::new(Store::open(dir.path()).unwrap(), pipeline, Limits::default());
        Fixture { dir, state }
    })
}
