//! Accuracy floors of the committed models on CoNLL-2003 `eng.testa` (shared data; CI has it).

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

#[test]
fn pos_and_chunk_floors_on_testa() {
    let gold = shared().join("data/conll2003/eng.testa");
    assert!(
        gold.exists(),
        "missing shared data {} (set NEWSGRAPH_SHARED)",
        gold.display()
    );
    let r = newsgraph_syntax::eval_syntax(&gold).unwrap();
    eprintln!("{r}");
    assert!(r.tokens > 50_000, "{r}");
    assert!(
        r.pos_accuracy() >= 0.95,
        "POS accuracy {:.4} below 0.95",
        r.pos_accuracy()
    );
    assert!(
        r.chunk_f1() >= 0.92,
        "chunk F1 {:.4} below 0.92 (predicted POS)",
        r.chunk_f1()
    );
}
