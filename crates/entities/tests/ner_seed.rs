//! The real pipeline on the seed article: text → ner (committed model) → entities.
#![allow(clippy::unwrap_used)]
mod common;
use common::*;
use newsgraph_core::{Article, Component, Doc};

fn pipeline_doc() -> Doc {
    let mut doc = Doc::new(Article::new(
        seed_text(),
        chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap(),
    ));
    newsgraph_text::TextComponent.process(&mut doc).unwrap();
    newsgraph_ner::NerComponent::with_default_model()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    newsgraph_entities::EntitiesComponent::new()
        .unwrap()
        .process(&mut doc)
        .unwrap();
    doc
}

#[test]
fn seed_article_through_the_real_ner() {
    // The committed NER model finds (nearly) what a person would tag; after linking and
    // coreference the article's things come out once each, typed, linked, with "he" and
    // "the president" on the right people. If the NER model changes, this is the test that says
    // whether the pipeline still gets the seed article right.
    let doc = pipeline_doc();
    check_seed(&doc);
}
