//! `Models::retag_fixed_and_chunk` must give exactly what decoding afresh with the fixed tags
//! gives: it only skips the words whose features cannot have changed.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use newsgraph_syntax::{read_conll, Models};

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")))
}

/// Fixed tags at a few positions chosen by a small deterministic generator: the tags a
/// dictionary would fix (`NNP`), and others that change the context more (`VBD`, `IN`).
fn fixings(n: usize, seed: u64) -> Vec<Option<&'static str>> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut fixed = vec![None; n];
    let k = 1 + (next() % 3) as usize;
    for _ in 0..k {
        let at = (next() % n as u64) as usize;
        let run = 1 + (next() % 3) as usize;
        let tag = ["NNP", "NNP", "VBD", "IN"][(next() % 4) as usize];
        for f in fixed.iter_mut().skip(at).take(run) {
            *f = Some(tag);
        }
    }
    fixed
}

#[test]
fn retagging_equals_decoding_afresh_on_testa() {
    let gold = shared().join("data/conll2003/eng.testa");
    assert!(
        gold.exists(),
        "missing shared data {} (set NEWSGRAPH_SHARED)",
        gold.display()
    );
    let sents = read_conll(&gold).unwrap();
    let models = Models::load_default().unwrap();
    let mut partial = 0;
    for (si, s) in sents.iter().take(1500).enumerate() {
        if s.words.is_empty() {
            continue;
        }
        let (pos, chunks) = models.tag_and_chunk(&s.words);
        let fixed = fixings(s.words.len(), si as u64 + 1);
        let afresh = models.tag_fixed_and_chunk(&s.words, &fixed);
        let retagged = models.retag_fixed_and_chunk(&s.words, &pos, &chunks, &fixed);
        assert_eq!(retagged, afresh, "sentence {si}: {:?} fixed {:?}", s.words, fixed);
        partial += usize::from(afresh.0 != pos);
    }
    // The fixings must actually change tags, or this test checks nothing.
    assert!(partial > 300, "only {partial} sentences changed");
}

#[test]
fn retagging_with_nothing_fixed_or_mismatched_input() {
    let models = Models::load_default().unwrap();
    let words = ["The", "Arnor", "cleric", "denounced", "the", "council", "."];
    let (pos, chunks) = models.tag_and_chunk(&words);
    let none = vec![None; words.len()];
    assert_eq!(
        models.retag_fixed_and_chunk(&words, &pos, &chunks, &none),
        (pos.clone(), chunks.clone())
    );
    // Tags of other words: decoded afresh rather than trusted.
    let fixed = [None, Some("NNP"), None, None, None, None, None];
    assert_eq!(
        models.retag_fixed_and_chunk(&words, &pos[..3], &chunks, &fixed),
        models.tag_fixed_and_chunk(&words, &fixed)
    );
}
