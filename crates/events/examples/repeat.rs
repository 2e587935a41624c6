//! Codes the seed article N times (default 20): a fixed amount of work for instruction counts
//! and cache simulation, e.g. `valgrind --tool=callgrind
//! --toggle-collect='newsgraph_events::EventCoder::code_events' target/release/examples/repeat 10`.

// An example may panic on bad arguments.
#![allow(clippy::unwrap_used)]

use newsgraph_events::{seed_doc, EventCoder, EventOptions};

fn main() {
    let n: usize = std::env::args().nth(1).map_or(20, |a| a.parse().unwrap());
    let doc = seed_doc().unwrap();
    let coder = EventCoder::new(&EventOptions::default()).unwrap();
    let mut total = 0;
    for _ in 0..n {
        total += coder.code_events(&doc).len();
    }
    println!("{} tokens x {n}, {total} events", doc.tokens.len());
}
