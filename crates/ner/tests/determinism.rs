//! Training is deterministic: the same corpus and seed give the same model bytes.

use std::path::Path;

use newsgraph_ner::{read_conll, train, train_with_unlabelled, Model, TrainOptions};

fn fixture() -> Vec<newsgraph_ner::Document> {
    read_conll(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tiny.conll"
    )))
    .expect("fixture parses")
}

#[test]
fn same_seed_gives_identical_model_bytes() {
    let docs = fixture();
    let opts = TrainOptions {
        first_pass_epochs: 3,
        epochs: 3,
        folds: 3,
        seed: 7,
        ..TrainOptions::default()
    };
    let a = train(&docs, &docs, &opts, |_| {}).to_bytes().unwrap();
    let b = train(&docs, &docs, &opts, |_| {}).to_bytes().unwrap();
    assert!(!a.is_empty());
    assert_eq!(a, b);
    // With the distributional lexicon built from (here) the same sentences as unlabelled text.
    let unlabelled: Vec<Vec<String>> = docs
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.tokens.clone()))
        .collect();
    let c = train_with_unlabelled(&docs, &docs, &unlabelled, &opts, |_| {})
        .to_bytes()
        .unwrap();
    let d = train_with_unlabelled(&docs, &docs, &unlabelled, &opts, |_| {})
        .to_bytes()
        .unwrap();
    assert_eq!(c, d);
    assert_ne!(a, c, "the lexicon must reach the model");
}

#[test]
fn tiny_model_learns_its_training_data_and_round_trips() {
    let docs = fixture();
    let opts = TrainOptions {
        first_pass_epochs: 5,
        epochs: 5,
        folds: 0,
        seed: 1,
        ..TrainOptions::default()
    };
    let mut epochs = Vec::new();
    let model = train(&docs, &docs, &opts, |p| epochs.push((p.stage, p.epoch, p.dev_f1)));
    assert_eq!(epochs.len(), 10);
    let report = newsgraph_ner::evaluate_conll(&model, &docs);
    assert!(report.overall().f1() > 0.99, "{report}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.model");
    model.save(&path).unwrap();
    let back = Model::load(&path).unwrap();
    assert_eq!(back.to_bytes().unwrap(), model.to_bytes().unwrap());
    assert_eq!(newsgraph_ner::evaluate_conll(&back, &docs), report);
}

#[test]
fn damaged_model_files_are_refused_with_a_reason() {
    let docs = fixture();
    let opts = TrainOptions {
        first_pass_epochs: 1,
        epochs: 1,
        folds: 0,
        seed: 1,
        ..TrainOptions::default()
    };
    let bytes = train(&docs, &[], &opts, |_| {}).to_bytes().unwrap();
    let err = Model::from_bytes(&bytes[..bytes.len() / 2], "half")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("model half:"), "{err}");
    let mut other = bytes.clone();
    other[8] = 99;
    let err = Model::from_bytes(&other, "v99").unwrap_err().to_string();
    assert!(err.contains("format version 99"), "{err}");
    let err = Model::from_bytes(b"hello world, not a model", "junk")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bad magic"), "{err}");
}

#[test]
fn committed_model_reserializes_to_the_same_bytes() {
    // Loading quantizes nothing further: what is tagged with is exactly what is on disk.
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.model.zst"));
    let on_disk = std::fs::read(path).unwrap();
    assert!(on_disk.len() < 10_000_000, "model grew to {} bytes", on_disk.len());
    let model = Model::load_default().unwrap();
    assert_eq!(model.to_bytes().unwrap(), on_disk);
}
