//! Frozen on-disk format: a tiny store written by format version 1 must keep opening and
//! answering the same way.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

mod common;

use std::path::{Path, PathBuf};

use newsgraph_store::{Period, QuoteRequest, SearchRequest, Store, StoreWriter};

fn frozen() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compat/v1")
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

/// Rewrites the frozen store; run only when a new format version is introduced (as
/// `tests/compat/v<N>`), never to make this test pass.
#[test]
#[ignore = "writes tests/compat/v1; run by hand for a new format version"]
fn write_frozen_store() {
    let dir = frozen();
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
    // A writer can take over a store of this version and add to it.
    let mut w = StoreWriter::open(tmp.path()).unwrap();
    let r = w.ingest(common::generated(3), 10).unwrap();
    assert_eq!(r.added, 3);
    w.close().unwrap();
    assert_eq!(Store::open(tmp.path()).unwrap().verify().unwrap().articles, 6);
}
