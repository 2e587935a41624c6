//! Frozen on-disk formats: a tiny store written by each format version must keep opening and
//! answering the same way.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

mod common;

use std::path::{Path, PathBuf};

use newsgraph_store::{EventRequest, Period, QuoteRequest, SearchRequest, Store, StoreError, StoreWriter};

fn frozen_at(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/compat/v{version}"))
}

fn frozen() -> PathBuf {
    frozen_at(1)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Writes the frozen store of the current format version; run only when a new format version is
/// introduced (as `tests/compat/v<N>`), never to make a test pass.
#[test]
#[ignore = "writes tests/compat/v<FORMAT_VERSION>; run by hand for a new format version"]
fn write_frozen_store() {
    let dir = frozen_at(newsgraph_store::FORMAT_VERSION);
    let _ = std::fs::remove_dir_all(&dir);
    let mut w = StoreWriter::open(&dir).unwrap();
    w.ingest(common::corpus(), 2).unwrap();
    w.close().unwrap();
}

#[test]
fn format_v1_store_still_opens_and_answers() {
    // Work on a copy: opening an index may create lock files, which must not land in the tree.
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&frozen(), tmp.path());
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.verify().unwrap().articles, 3);
    let hits = store
        .search(&SearchRequest {
            query: "truce".into(),
            limit: 5,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a3"]);
    let p = store.entity("Xi Jinping", Period::Month, 5).unwrap().unwrap();
    assert_eq!((p.articles, p.mentions), (3, 4));
    let q = store
        .quotes(&QuoteRequest {
            speaker: Some("Trump".into()),
            limit: 5,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(store.stats().unwrap().format_version, 1);
    // Version 1 kept no full analyses and no events.
    let err = store.article("a1").unwrap_err();
    assert!(matches!(err, StoreError::AnalysisMissing { .. }), "{err}");
    assert!(err.to_string().contains("re-ingest to get full analyses"), "{err}");
    let all = EventRequest {
        limit: 100,
        ..Default::default()
    };
    assert!(store.events(&all).unwrap().is_empty());
    // A writer can take over a store of this version and add to it; it becomes the current
    // version, with aggregates built for the old batches, and the new articles have analyses.
    let old_profile = store.entity("Xi Jinping", Period::Month, 5).unwrap();
    let mut w = StoreWriter::open(tmp.path()).unwrap();
    assert_eq!(w.manifest().aggregates.as_ref().unwrap().len(), 2);
    let r = w.ingest(common::generated(3), 10).unwrap();
    assert_eq!(r.added, 3);
    w.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.verify().unwrap().articles, 6);
    assert_eq!(store.stats().unwrap().format_version, newsgraph_store::FORMAT_VERSION);
    // The profile from the built aggregates equals the one computed from the index.
    assert_eq!(store.entity("Xi Jinping", Period::Month, 5).unwrap(), old_profile);
    assert_eq!(store.article("g0001").unwrap().unwrap()["id"], "g0001");
    assert!(store.article("a1").is_err());
}

#[test]
fn format_v2_store_still_opens_and_answers() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&frozen_at(2), tmp.path());
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.verify().unwrap().articles, 3);
    let p = store.entity("Xi Jinping", Period::Month, 5).unwrap().unwrap();
    assert_eq!((p.articles, p.mentions), (3, 4));
    // The full analysis of a1, as the frozen docs give it.
    let doc = common::corpus().remove(0);
    let expected = serde_json::to_value(doc.to_output(Default::default())).unwrap();
    assert_eq!(store.article("a1").unwrap().unwrap(), expected);
    let events = store
        .events(&EventRequest {
            code: Some("08".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(events.len(), 2);
    assert!(store.manifest().aggregates.is_none());
    let names = ["Xi Jinping", "Donald Trump", "Buenos Aires", "U.S."];
    let before: Vec<_> = names
        .iter()
        .flat_map(|n| [Period::Day, Period::Week, Period::Month].map(|by| store.entity(n, by, 10).unwrap()))
        .collect();
    let speaker = QuoteRequest {
        speaker: Some("Xi Jinping".into()),
        limit: 10,
        ..Default::default()
    };
    let quotes_before = store.quotes(&speaker).unwrap();
    let graph_before = store.graph(&Default::default()).unwrap();
    // A writer builds the aggregates of the old batches at open and commits them.
    let w = StoreWriter::open(tmp.path()).unwrap();
    w.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.stats().unwrap().format_version, newsgraph_store::FORMAT_VERSION);
    assert_eq!(store.manifest().aggregates.as_ref().unwrap().len(), 2);
    store.verify().unwrap();
    let after: Vec<_> = names
        .iter()
        .flat_map(|n| [Period::Day, Period::Week, Period::Month].map(|by| store.entity(n, by, 10).unwrap()))
        .collect();
    assert_eq!(after, before);
    assert!(after.iter().all(Option::is_some));
    assert_eq!(store.quotes(&speaker).unwrap(), quotes_before);
    assert_eq!(store.graph(&Default::default()).unwrap(), graph_before);
    let mut w = StoreWriter::open(tmp.path()).unwrap();
    assert_eq!(w.ingest(common::generated(3), 10).unwrap().added, 3);
    w.close().unwrap();
    assert_eq!(Store::open(tmp.path()).unwrap().verify().unwrap().articles, 6);
}

#[test]
fn format_v3_store_still_opens_and_answers() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&frozen_at(3), tmp.path());
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.verify().unwrap().articles, 3);
    assert_eq!(store.stats().unwrap().format_version, 3);
    let segs = store.manifest().aggregates.clone().unwrap();
    assert_eq!(
        segs.iter().map(|s| (s.first_batch, s.last_batch)).collect::<Vec<_>>(),
        [(1, 1), (2, 2)]
    );
    let p = store.entity("Xi Jinping", Period::Month, 5).unwrap().unwrap();
    assert_eq!((p.articles, p.mentions), (3, 4));
    assert_eq!(
        p.timeline
            .iter()
            .map(|c| (c.period.as_str(), c.count))
            .collect::<Vec<_>>(),
        [("2018-11", 2), ("2018-12", 1)]
    );
    assert!(!p.cooccurring.is_empty());
    let doc = common::corpus().remove(0);
    let expected = serde_json::to_value(doc.to_output(Default::default())).unwrap();
    assert_eq!(store.article("a1").unwrap().unwrap(), expected);
    let q = store
        .quotes(&QuoteRequest {
            speaker: Some("Trump".into()),
            limit: 5,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(q.len(), 1);
    // Two more batches: the four batch segments merge into one.
    let mut w = StoreWriter::open(tmp.path()).unwrap();
    w.ingest(common::generated(2), 1).unwrap();
    w.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.verify().unwrap();
    let segs = store.manifest().aggregates.clone().unwrap();
    assert_eq!(
        segs.iter().map(|s| (s.first_batch, s.last_batch)).collect::<Vec<_>>(),
        [(1, 4)]
    );
    assert_eq!(store.entity("Xi Jinping", Period::Month, 5).unwrap().unwrap(), p);
}
