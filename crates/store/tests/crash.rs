//! `kill -9` at random moments of an ingest leaves a store that opens, answers with exactly what
//! its manifest lists, and completes without duplicates when the ingest is run again.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

mod common;

use std::process::Command;
use std::time::Duration;

use newsgraph_store::{Period, Store, StoreError, StoreWriter};

const CHILD_ENV: &str = "NEWSGRAPH_STORE_CRASH_CHILD";
const DOCS: usize = 120;
const BATCH: usize = 4;

/// A fixed-seed xorshift, so the kill points are the same on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn ingest_all(dir: &std::path::Path) -> newsgraph_store::IngestReport {
    let mut w = StoreWriter::open(dir).unwrap();
    if std::env::var_os(CHILD_ENV).is_some() {
        // Tells the parent what this open had to undo of the previous kill.
        println!("recovery {:?}", w.recovery());
    }
    let r = w.ingest(common::generated(DOCS), BATCH).unwrap();
    w.close().unwrap();
    r
}

fn check(dir: &std::path::Path) -> u64 {
    match Store::open(dir) {
        // Killed before the first manifest was written.
        Err(StoreError::NotFound { .. }) => 0,
        Err(e) => panic!("store does not open after a kill: {e}"),
        Ok(store) => {
            let v = store
                .verify()
                .unwrap_or_else(|e| panic!("inconsistent after a kill: {e}"));
            let ids = store.article_ids().unwrap();
            let mut sorted = ids.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), ids.len(), "an article is stored twice");
            v.articles
        }
    }
}

#[test]
fn kill_9_during_ingest_leaves_a_consistent_store() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        ingest_all(std::path::Path::new(&dir));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut stored = Vec::new();
    let mut recoveries = Vec::new();
    for _ in 0..12 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "kill_9_during_ingest_leaves_a_consistent_store",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(50 + rng.next() % 700));
        // Child::kill sends SIGKILL on Unix.
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        // The harness prints its own words before ours on the same line.
        if let Some((_, r)) = said.split_once("recovery ") {
            recoveries.push(r.lines().next().unwrap_or_default().to_string());
        }
        let n = check(dir.path());
        assert!(
            stored.last().is_none_or(|&last| n >= last),
            "committed articles were lost"
        );
        stored.push(n);
    }
    eprintln!("articles stored after each kill: {stored:?}");
    eprintln!("recoveries on reopening: {recoveries:#?}");
    let before = *stored.last().unwrap();
    let r = ingest_all(dir.path());
    assert_eq!(r.added + r.duplicates, DOCS as u64);
    assert_eq!(r.duplicates, before);
    assert_eq!(check(dir.path()), DOCS as u64);
    // The aggregates of the interrupted-and-completed store are those of an uninterrupted one.
    let clean = tempfile::tempdir().unwrap();
    ingest_all(clean.path());
    let (a, b) = (Store::open(dir.path()).unwrap(), Store::open(clean.path()).unwrap());
    for name in ["Ana Lopez", "Ben Okafor", "Chen Wei", "Dara Singh", "Eli Novak"] {
        assert_eq!(
            a.entity(name, Period::Day, 50).unwrap(),
            b.entity(name, Period::Day, 50).unwrap(),
            "{name}"
        );
    }
    assert_eq!(
        a.graph(&Default::default()).unwrap(),
        b.graph(&Default::default()).unwrap()
    );
}
