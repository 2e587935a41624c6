//! End-to-end on the seed article with hand-listed raw NER mentions (what a good NER writes),
//! segmented both by this crate's test splitter and by `newsgraph_text::segment`.
#![allow(clippy::unwrap_used)]
mod common;
use common::*;
use newsgraph_core::{Component, Doc};

fn with_text_crate() -> Doc {
    let text = seed_text();
    let seg = newsgraph_text::segment(&text);
    let mut doc = Doc::new(newsgraph_core::Article::new(
        text,
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    doc.token_sentence = seg.token_sentence;
    tag(&mut doc, SEED_NER);
    newsgraph_entities::EntitiesComponent::new()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    doc
}

#[test]
fn seed_article_with_test_splitter() {
    let doc = run(&seed_text(), SEED_NER);
    check_seed(&doc);
    insta::assert_json_snapshot!("seed_summary", summary(&doc));
}

#[test]
fn seed_article_with_text_crate_segmentation() {
    let doc = with_text_crate();
    check_seed(&doc);
}
