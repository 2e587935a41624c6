//! The store commands end to end: ingest → query round trips through the real binary.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn run(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .env("NEWSGRAPH_STORE", store)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).unwrap()
}

#[test]
fn ingest_seed_and_polnear_then_query() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let seed = shared().join("seed/article.txt");
    let polnear = shared().join("data/quotes/polnear/dev.jsonl");
    let out = run(&store, &["ingest", seed.to_str().unwrap(), polnear.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{err}");
    // Several annotators' copies of one PolNeAR article are stored once.
    assert!(err.contains("85 added"), "{err}");

    let hits = json(&run(
        &store,
        &[
            "search",
            "tariffs",
            "--from",
            "2018-11-01",
            "--to",
            "2018-11-03",
            "--format",
            "json",
        ],
    ));
    assert_eq!(hits["total"], 1);
    assert!(hits["hits"][0]["snippet"].as_str().unwrap().contains("<b>tariffs</b>"));
    assert_eq!(hits["hits"][0]["date"], "2018-11-02");

    let xi = json(&run(&store, &["entity", "Xi Jinping", "--format", "json"]));
    assert_eq!(xi["type"], "PERSON");
    assert!(
        xi["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["period"] == "2018-11"),
        "{xi}"
    );

    let quotes = ok(&run(
        &store,
        &["quotes", "--speaker", "Xi Jinping", "--format", "jsonl"],
    ));
    let quotes: Vec<Value> = quotes.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(quotes.iter().any(|q| q["text"] == "very happy"), "{quotes:?}");

    let stats = json(&run(&store, &["stats", "--format", "json"]));
    assert_eq!(stats["articles"], 85);

    // SQL counts each article once, as the index does.
    let count = ok(&run(
        &store,
        &["sql", "SELECT count(*) AS n FROM articles", "--format", "jsonl"],
    ));
    assert_eq!(count.trim(), r#"{"n":85}"#);
    let distinct = ok(&run(
        &store,
        &[
            "sql",
            "SELECT count(DISTINCT content_id) FROM articles",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(distinct.lines().nth(1), Some("85"), "{distinct}");

    // The stored analysis of the seed is what `analyze` prints for it.
    let analyzed = ok(&run(&store, &["analyze", seed.to_str().unwrap(), "--format", "jsonl"]));
    let id = serde_json::from_str::<Value>(&analyzed).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let stored = ok(&run(&store, &["article", &id, "--format", "jsonl"]));
    assert_eq!(stored, analyzed);
    let report = ok(&run(&store, &["article", &id, "--format", "pretty"]));
    assert!(report.contains("Xi Jinping") && report.contains("events:"), "{report}");
    let missing = run(&store, &["article", "no-such-id"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-id"));

    let verified = run(&store, &["stats", "--verify", "--format", "json"]);
    assert!(
        String::from_utf8_lossy(&verified.stderr).contains("verified: 85 articles"),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );

    // Re-running the same ingest adds nothing.
    let out = run(&store, &["ingest", seed.to_str().unwrap(), polnear.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("0 added") && err.contains("95 duplicates"), "{err}");
    assert_eq!(json(&run(&store, &["stats", "--format", "json"]))["articles"], 85);
}

#[test]
fn examples_graph_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    ok(&run(&store, &["ingest", examples().to_str().unwrap()]));
    let g = json(&run(&store, &["graph", "--min", "1"]));
    assert!(!g["nodes"].as_array().unwrap().is_empty());
    assert!(!g["edges"].as_array().unwrap().is_empty());
    let gexf = ok(&run(&store, &["graph", "--format", "gexf"]));
    assert!(gexf.contains("<gexf"), "{gexf}");
    let graphml = ok(&run(&store, &["graph", "--format", "graphml"]));
    assert!(graphml.contains("<graphml"), "{graphml}");
    let out_dir = dir.path().join("export");
    ok(&run(
        &store,
        &["export", "--format", "jsonl", "--out", out_dir.to_str().unwrap()],
    ));
    let articles = std::fs::read_to_string(out_dir.join("articles.jsonl")).unwrap();
    assert_eq!(articles.lines().count(), 16, "one row per example article");
    let csv_dir = dir.path().join("csv");
    ok(&run(
        &store,
        &["export", "--format", "csv", "--out", csv_dir.to_str().unwrap()],
    ));
    assert!(std::fs::read_to_string(csv_dir.join("quotes.csv"))
        .unwrap()
        .starts_with("article_id"));

    // Whatever events the pipeline codes, each GDELT line has 61 columns plus the evidence, and
    // `events` answers with the same number of rows as SQL counts.
    let gdelt_dir = dir.path().join("gdelt");
    ok(&run(
        &store,
        &[
            "export",
            "--format",
            "gdelt-events",
            "--out",
            gdelt_dir.to_str().unwrap(),
        ],
    ));
    let gdelt = std::fs::read_to_string(gdelt_dir.join("events.gdelt.tsv")).unwrap();
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 62), "{gdelt}");
    let n = json(&run(
        &store,
        &["sql", "SELECT count(*) AS n FROM events", "--format", "json"],
    ));
    let listed = ok(&run(&store, &["events", "--limit", "100000", "--format", "jsonl"]));
    assert_eq!(n["rows"][0][0], listed.lines().count());
    assert_eq!(n["rows"][0][0], gdelt.lines().count());
}

#[test]
fn sql_refusals_and_errors_exit_2_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    ok(&run(&store, &["ingest", examples().to_str().unwrap()]));
    let refused = run(&store, &["sql", "DELETE FROM articles"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("read-only"));
    let bad = run(&store, &["sql", "SELECT missing_column FROM quotes"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("missing_column"));
    let table = ok(&run(
        &store,
        &[
            "sql",
            "SELECT type, count(*) AS n FROM entities GROUP BY type ORDER BY type",
            "--format",
            "table",
        ],
    ));
    assert!(table.starts_with("type") && table.contains("PERSON"), "{table}");
}

#[test]
fn missing_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // `serve` wraps the store's error in its own: the cause must still be said once.
    for args in [&["search", "x"][..], &["serve", "--addr", "127.0.0.1:0"]] {
        let out = run(&dir.path().join("nothing-here"), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("nothing-here"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.matches("no manifest.json").count(), 1, "{args:?}: {err}");
    }
}

/// Rows of a SQL query as JSON arrays.
fn sql_rows(store: &Path, query: &str) -> Vec<Vec<Value>> {
    let out = json(&run(
        store,
        &["sql", query, "--max-rows", "1000000", "--format", "json"],
    ));
    out["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().clone())
        .collect()
}

#[test]
fn entity_profiles_equal_a_brute_force_count_over_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    // Two ingests, so the store has more than one batch (and aggregate segment).
    ok(&run(&store, &["ingest", examples().join("articles").to_str().unwrap()]));
    ok(&run(
        &store,
        &["ingest", examples().join("feed.jsonl").to_str().unwrap()],
    ));
    // Brute force from the `mentions` and `quotes` tables, read through SQL.
    let mut per_article: std::collections::BTreeMap<String, (String, std::collections::BTreeSet<String>)> =
        Default::default();
    for r in sql_rows(&store, "SELECT DISTINCT article_id, date, entity_id FROM mentions") {
        let e = per_article
            .entry(r[0].as_str().unwrap().to_string())
            .or_insert_with(|| (r[1].as_str().unwrap().to_string(), Default::default()));
        e.1.insert(r[2].as_str().unwrap().to_string());
    }
    let quotes = sql_rows(
        &store,
        "SELECT date, article_id, quote_index, text, speaker_entity_id FROM quotes \
         WHERE speaker_entity_id IS NOT NULL ORDER BY date DESC, article_id, quote_index",
    );
    let top = sql_rows(
        &store,
        "SELECT entity_id, name FROM entities WHERE type <> 'MISC' ORDER BY articles DESC, entity_id LIMIT 8",
    );
    assert!(top.len() >= 5);
    for r in top {
        let (id, name) = (r[0].as_str().unwrap(), r[1].as_str().unwrap());
        let p = json(&run(&store, &["entity", id, "--limit", "5", "--format", "json"]));
        assert_eq!(p["name"], name);
        let mut months: std::collections::BTreeMap<String, u64> = Default::default();
        let mut cooc: std::collections::BTreeMap<String, u64> = Default::default();
        for (date, ents) in per_article.values().filter(|(_, e)| e.contains(id)) {
            *months.entry(date[..7].to_string()).or_default() += 1;
            for o in ents.iter().filter(|o| *o != id) {
                *cooc.entry(o.clone()).or_default() += 1;
            }
        }
        let timeline: std::collections::BTreeMap<String, u64> = p["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["period"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(timeline, months, "{name}: timeline");
        assert_eq!(months.values().sum::<u64>(), p["articles"].as_u64().unwrap(), "{name}");
        let mut want: Vec<(String, u64)> = cooc.into_iter().collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        want.truncate(5);
        let got: Vec<(String, u64)> = p["cooccurring"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(got, want, "{name}: co-occurring");
        let want: Vec<(Value, Value)> = quotes
            .iter()
            .filter(|q| q[4] == id)
            .take(5)
            .map(|q| (q[1].clone(), q[3].clone()))
            .collect();
        let got: Vec<(Value, Value)> = p["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| (q["article_id"].clone(), q["text"].clone()))
            .collect();
        assert_eq!(got, want, "{name}: quotes");
    }
}
