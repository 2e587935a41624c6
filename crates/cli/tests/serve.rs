//! `newsgraph bench serve` end to end on a small store: the auto mix covers every kind, a saved
//! mix can be run again from its file, and bad arguments are usage errors. No timing assertions:
//! the figures depend on the machine.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn bench_serve_runs_a_mix_drawn_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let store = store.to_str().unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    ok(&run(&[
        "ingest",
        examples.to_str().unwrap(),
        "--store",
        store,
        "--no-progress",
    ]));

    let saved = dir.path().join("mix.tsv");
    let out = ok(&run(&[
        "bench",
        "serve",
        "--store",
        store,
        "--seconds",
        "1",
        "--concurrency",
        "2",
        "--per-kind",
        "3",
        "--save-queries",
        saved.to_str().unwrap(),
        "--json",
    ]));
    let v: Value = serde_json::from_str(&out).unwrap();
    let r = &v["report"];
    assert!(r["requests"].as_u64().unwrap() > 0, "{v}");
    assert_eq!(r["non_ok"], 0, "every request of the mix is a valid one: {v}");
    assert_eq!(r["concurrency"], 2);
    let kinds: Vec<&str> = r["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["word", "two_words", "date_range", "entity_filter", "entity", "article"]
    );
    for k in r["kinds"].as_array().unwrap() {
        assert!(k["requests"].as_u64().unwrap() > 0, "{k}");
        assert!(k["p50_ms"].as_f64().unwrap() <= k["p99_ms"].as_f64().unwrap(), "{k}");
        assert!(k["p99_ms"].as_f64().unwrap() <= k["max_ms"].as_f64().unwrap(), "{k}");
    }
    assert_eq!(v["requests_in_mix"], 18, "{v}");

    // The saved mix runs again from its file, with the same kinds.
    let text = std::fs::read_to_string(&saved).unwrap();
    assert_eq!(text.lines().count(), 18);
    assert!(text.lines().all(|l| l.contains("\t/api/")), "{text}");
    let out = ok(&run(&[
        "bench",
        "serve",
        "--store",
        store,
        "--seconds",
        "1",
        "--concurrency",
        "1",
        "--queries",
        saved.to_str().unwrap(),
    ]));
    assert!(out.contains("two_words") && out.contains("p99 ms"), "{out}");

    // Only search kinds, as for the search figures.
    let out = ok(&run(&[
        "bench",
        "serve",
        "--store",
        store,
        "--seconds",
        "1",
        "--kinds",
        "word,entity_filter",
        "--json",
    ]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["report"]["kinds"].as_array().unwrap().len(), 2, "{v}");

    // Bad arguments: an unknown kind, a file of paths outside the API, no store, too long a run.
    let bad = run(&[
        "bench",
        "serve",
        "--store",
        store,
        "--seconds",
        "1",
        "--kinds",
        "word,nonsense",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nonsense"));
    let file = dir.path().join("bad.txt");
    std::fs::write(&file, "/ui/app.js\n").unwrap();
    let bad = run(&["bench", "serve", "--store", store, "--queries", file.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("/api/"));
    let missing = dir.path().join("none");
    let bad = run(&["bench", "serve", "--store", missing.to_str().unwrap(), "--seconds", "1"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = run(&["bench", "serve", "--store", store, "--seconds", "3600"]);
    assert_eq!(bad.status.code(), Some(2));
}
