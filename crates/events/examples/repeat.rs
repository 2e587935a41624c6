//! Codes the seed article N times (for instruction counts under valgrind).
#![allow(missing_docs, clippy::unwrap_used)]
use newsgraph_core::{Article, Doc};
use newsgraph_events::{EventCoder, EventOptions};
fn main() {
    let n: usize = std::env::args().nth(1).map_or(20, |a| a.parse().unwrap());
    let raw = std::fs::read_to_string(newsgraph_events::shared_dir().join("seed/article.txt")).unwrap();
    let rest = raw.trim_start().strip_prefix("date").unwrap().trim_start();
    let date = chrono::NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").unwrap();
    let text = rest[10..].trim_start();
    let mut doc = Doc::new(Article::new(text, date));
    let seg = newsgraph_text::segment(text);
    doc.paragraphs = seg.paragraphs;
    doc.sentences = seg.sentences;
    doc.tokens = seg.tokens;
    doc.token_sentence = seg.token_sentence;
    let coder = EventCoder::new(&EventOptions::default()).unwrap();
    let mut total = 0;
    for _ in 0..n {
        total += coder.code_events(&doc).len();
    }
    println!("{} tokens x {n}, {total} events", doc.tokens.len());
}
