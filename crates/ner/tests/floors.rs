//! Quality floors of the committed model on CoNLL-2003 dev (eng.testa). CI has the shared data;
//! these tests fail, not skip, without it.

use std::path::PathBuf;

use newsgraph_ner::{evaluate_conll, evaluate_text, read_conll, read_detok_jsonl, Label, Model};

fn shared() -> PathBuf {
    let dir = std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    assert!(
        dir.join("data/conll2003").is_dir(),
        "shared data not found at {} (set NEWSGRAPH_SHARED)",
        dir.display()
    );
    dir
}

#[test]
fn dev_f1_on_gold_tokens_is_at_least_0_90() {
    let model = Model::load_default().unwrap();
    let docs = read_conll(&shared().join("data/conll2003/eng.testa")).unwrap();
    let report = evaluate_conll(&model, &docs);
    println!("{report}");
    assert_eq!(report.overall().gold, 5942, "eng.testa should have 5,942 entities");
    assert!(report.overall().f1() >= 0.90, "gold-token F1 below floor:\n{report}");
    for l in Label::ALL {
        assert!(report.of(l).f1() >= 0.80, "{l} F1 below 0.80:\n{report}");
    }
}

#[test]
fn dev_f1_on_running_text_is_at_least_0_88() {
    let model = Model::load_default().unwrap();
    let docs = read_detok_jsonl(&shared().join("data/conll2003/eng.testa.detok.jsonl")).unwrap();
    let report = evaluate_text(&model, &docs);
    println!("{report}");
    assert_eq!(
        report.overall().gold,
        5942,
        "eng.testa.detok should have 5,942 entities"
    );
    assert!(report.overall().f1() >= 0.88, "running-text F1 below floor:\n{report}");
}
