//! Event-coding floor on the PETRARCH unit-test records (shared data; CI has it, so this fails
//! rather than skips without it). The records' parse trees are never read.

#![allow(clippy::expect_used)]

use std::path::PathBuf;

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

#[test]
fn unittest_triple_f1_floor() {
    let gold = shared().join("data/events/validation/unittest2_gold.jsonl");
    assert!(
        gold.exists(),
        "missing shared data {} (set NEWSGRAPH_SHARED)",
        gold.display()
    );
    let r = newsgraph_events::eval_events(&gold).expect("eval");
    eprintln!("{r}");
    assert!(r.records > 250, "{r}");
    // Measured 0.6242 (see the crate README); the issue asks for at least 0.60.
    assert!(r.f1() >= 0.62, "triple F1 {:.4} below the 0.62 floor", r.f1());
}
