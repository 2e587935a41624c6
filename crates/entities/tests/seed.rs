//! End-to-end on the seed article with hand-listed raw NER mentions (what a good NER writes).
#![allow(clippy::unwrap_used)]
mod common;
use common::*;

#[test]
fn seed_article_summary() {
    let doc = run(&seed_text(), SEED_NER);
    for l in summary(&doc) {
        println!("{l}");
    }
}
