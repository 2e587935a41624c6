//! `newsgraph analyze` end to end: the real binary in a temp directory.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Test harness: a panic is a failing test.

mod schema_check;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).stdin(Stdio::null()).output().unwrap()
}

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every span's `text` must equal the code-point slice of the article text: the core promise of
/// the output contract.
fn check_offsets(doc: &Value) {
    let chars: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let mut spans: Vec<&Value> = Vec::new();
    for layer in ["paragraphs", "sentences", "tokens", "timexes", "quotes", "amounts"] {
        if let Some(items) = doc[layer].as_array() {
            spans.extend(items);
        }
    }
    for e in doc["entities"].as_array().unwrap() {
        spans.extend(e["mentions"].as_array().unwrap());
    }
    for q in doc["quotes"].as_array().unwrap() {
        for k in ["speaker", "cue"] {
            if !q[k].is_null() {
                spans.push(&q[k]);
            }
        }
    }
    for s in spans {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(a <= b && b <= chars.len(), "span out of range: {s}");
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            s["text"].as_str().unwrap(),
            "span {s}"
        );
    }
}

/// The published JSON Schema of the output contract.
fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(workspace().join("docs/schema/article.v2.json")).unwrap()).unwrap()
}

/// The document validates against the published JSON Schema (docs/schema/article.v2.json).
fn check_schema(doc: &Value) {
    let errors = schema_check::violations(&schema(), doc);
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
}

#[test]
fn schema_check_rejects_documents_that_break_the_contract() {
    let seed = shared().join("seed/article.txt");
    let out = run(&["analyze", seed.to_str().unwrap()]);
    let doc = jsonl(&out).remove(0);
    assert!(schema_check::violations(&schema(), &doc).is_empty());
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        edit(&mut d);
        schema_check::violations(&schema(), &d)
    };
    // A missing required field, a wrong type deep inside a layer, an impossible enum value.
    let e = broken(&|d| {
        d.as_object_mut().unwrap().remove("date");
    });
    assert!(e.iter().any(|m| m.contains("\"date\"")), "{e:?}");
    let e = broken(&|d| d["entities"][0]["mentions"][0]["start"] = Value::from("zero"));
    assert!(e.iter().any(|m| m.starts_with("/entities/0/mentions/0/start")), "{e:?}");
    let e = broken(&|d| d["entities"][0]["type"] = Value::from("VEGETABLE"));
    assert!(e.iter().any(|m| m.starts_with("/entities/0/type")), "{e:?}");
    let e = broken(&|d| d["schema_version"] = Value::from(1));
    assert!(!e.is_empty(), "a v1 document passed the v2 schema");
}

#[test]
fn seed_article_has_its_date_and_37_sentences() {
    let seed = shared().join("seed/article.txt");
    assert!(
        seed.exists(),
        "NEWSGRAPH_SHARED must point at shared/ (missing {})",
        seed.display()
    );
    let out = run(&["analyze", seed.to_str().unwrap(), "--tokens"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["date"], "2018-11-02");
    assert!(doc["text"]
        .as_str()
        .unwrap()
        .starts_with("U.S. President Donald Trump wants"));
    assert_eq!(doc["text"].as_str().unwrap().chars().count(), 6021);
    assert_eq!(doc["paragraphs"].as_array().unwrap().len(), 25);
    let sentences = doc["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 37);
    assert_eq!(
        sentences[6]["text"],
        "“Those discussions are moving along nicely,” Trump wrote on Twitter on Thursday."
    );
    assert_eq!(sentences[36]["end"], 6021);
    check_offsets(doc);
    check_schema(doc);
    assert!(
        stderr(&out).contains("1 article read, 1 analysed, 0 skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_records_are_named_and_good_ones_still_printed() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("feed.jsonl");
    std::fs::write(
        &f,
        concat!(
            "{\"id\":\"one\",\"text\":\"Trade talks resumed on Monday.\",\"date\":\"2018-11-02\"}\n",
            "{\"id\":\"broken\",\"text\":\n",
            "{\"id\":\"two\",\"text\":\"Markets rose.\",\"date\":\"2018-02-30\"}\n",
            "{\"id\":\"three\",\"text\":\"Markets fell.\",\"date\":\"2018-11-03T09:00:00Z\",\"lang\":\"en\"}\n",
        ),
    )
    .unwrap();
    let out = run(&["analyze", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<_> = jsonl(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["one", "three"]);
    let err = stderr(&out);
    assert!(err.contains("feed.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("feed.jsonl:3: impossible date `2018-02-30`"), "{err}");
    assert!(err.contains("4 articles read, 2 analysed, 2 skipped"), "{err}");
    assert_eq!(jsonl(&out)[1]["meta"]["lang"], "en");
}

#[test]
fn unreadable_input_exits_2_but_other_inputs_are_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "date 2019-01-02 Fine text.").unwrap();
    let missing = dir.path().join("nope.txt");
    let out = run(&["analyze", missing.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(jsonl(&out).len(), 1);
    assert!(stderr(&out).contains("nope.txt:0: cannot read"), "{}", stderr(&out));
}

#[test]
fn stdin_plain_text_needs_date() {
    let mut child = bin()
        .args(["analyze", "-", "--date", "2020-03-04"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Mr. Smith went to Washington. He said “yes.”".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = &jsonl(&out)[0];
    assert_eq!(doc["date"], "2020-03-04");
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 2);
    check_offsets(doc);

    let mut child = bin()
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"No date anywhere.").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("-:1: no `date YYYY-MM-DD` header, and no --date given"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&["analyze", "--date", "2018-02-30", "x"]).status.code(), Some(2));
    assert_eq!(run(&["analyze", "--format", "xml"]).status.code(), Some(2));
    let out = run(&["analyze", "--components", "nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown component `nonsense`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn output_order_equals_input_order_with_many_threads() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.jsonl");
    let mut body = String::new();
    for i in 0..700 {
        // Uneven lengths so workers finish out of order.
        let text = "Talks went on. ".repeat(1 + (i * 37) % 50);
        body.push_str(&serde_json::json!({"id": format!("a{i}"), "date": "2018-11-02", "text": text}).to_string());
        body.push('\n');
    }
    std::fs::write(&f, body).unwrap();
    let out = run(&["analyze", f.to_str().unwrap(), "--threads", "4"]);
    assert_eq!(out.status.code(), Some(0));
    let ids: Vec<String> = jsonl(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let expect: Vec<String> = (0..700).map(|i| format!("a{i}")).collect();
    assert_eq!(ids, expect);
}

#[test]
fn json_array_and_pretty_formats() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "date 2018-11-02 First sentence. Second one.").unwrap();
    let out = run(&["analyze", f.to_str().unwrap(), f.to_str().unwrap(), "--format", "json"]);
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    let out = run(&["analyze", f.to_str().unwrap(), "--format", "pretty"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("date 2018-11-02 (Friday)"), "{text}");
    assert!(text.contains("2 Second one."), "{text}");
    assert!(!text.contains("\x1b["), "no colour when not on a terminal");
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let out = run(&["analyze", empty.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
}

#[test]
fn compressed_inputs_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let raw = b"{\"text\":\"Compressed words here.\",\"date\":\"2018-11-02\"}\n";
    std::fs::write(dir.path().join("a.jsonl.zst"), zstd_frame(raw)).unwrap();
    std::fs::write(dir.path().join("b.txt"), "date 2018-11-05 Plain dated file.").unwrap();
    let out = run(&["analyze", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let texts: Vec<_> = jsonl(&out)
        .iter()
        .map(|d| d["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["Compressed words here.", "Plain dated file."]);
}

fn zstd_frame(raw: &[u8]) -> Vec<u8> {
    // The binary must read zstd by its magic bytes; produce a real frame with the CLI's own
    // dependency tree unavailable here, so shell out only if zstd is absent? No: use the crate.
    let mut out = Vec::new();
    let mut enc = zstd::stream::write::Encoder::new(&mut out, 3).unwrap();
    enc.write_all(raw).unwrap();
    enc.finish().unwrap();
    out
}

#[test]
fn choosing_components_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "date 2018-11-02 Xi Jinping met Donald Trump on Thursday. Two.").unwrap();
    // Only the text layer: sentences, but no entities or time expressions.
    let out = run(&["analyze", f.to_str().unwrap(), "--components", "text"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = &jsonl(&out)[0];
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(doc["entities"], serde_json::json!([]));
    assert_eq!(doc["timexes"], serde_json::json!([]));
    // Switching off what a later component needs is refused before any work, naming both.
    let out = run(&["analyze", f.to_str().unwrap(), "--disable", "text"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("requires layer `sentences`"), "{}", stderr(&out));
    let out = run(&["analyze", "--list-components"]);
    let listing = String::from_utf8(out.stdout).unwrap();
    for name in ["text", "ner", "entities", "timex"] {
        assert!(listing.lines().any(|l| l.starts_with(name)), "{listing}");
    }
}

#[test]
fn timeml_in_and_out() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc1.tml");
    std::fs::write(
        &f,
        "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>doc1</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2018-11-02\" functionInDocument=\"CREATION_TIME\">2018-11-02</TIMEX3></DCT>\n<TEXT>\nThe talks ended on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2018-11-01\">Thursday</TIMEX3>.\n</TEXT>\n</TimeML>\n",
    )
    .unwrap();
    let out = run(&["analyze", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = &jsonl(&out)[0];
    assert_eq!(doc["id"], "doc1");
    assert_eq!(doc["date"], "2018-11-02");
    assert_eq!(doc["timexes"][0]["value"], "2018-11-01");
    let out = run(&["analyze", f.to_str().unwrap(), "--format", "timeml"]);
    let tml = String::from_utf8(out.stdout).unwrap();
    assert!(tml.contains(">Thursday</TIMEX3>"), "{tml}");
    assert!(tml.contains("value=\"2018-11-01\""), "{tml}");
}

#[test]
fn closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("many.jsonl");
    let line = serde_json::json!({"date": "2018-11-02", "text": "Words. ".repeat(200)}).to_string();
    std::fs::write(&f, format!("{line}\n").repeat(3000)).unwrap();
    let mut child = bin()
        .args(["analyze", f.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("error"), "{}", stderr(&out));
}

#[test]
fn example_corpus_analyses_cleanly() {
    let out = run(&["analyze", workspace().join("examples").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out);
    assert!((12..=20).contains(&docs.len()), "{} example articles", docs.len());
    for d in &docs {
        check_offsets(d);
        check_schema(d);
        assert!(!d["sentences"].as_array().unwrap().is_empty());
    }
}

#[test]
fn schema_check_rejects_a_broken_document() {
    // Guards the guard: the schema check above must be able to fail.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "date 2018-11-02 One sentence.").unwrap();
    let mut doc = jsonl(&run(&["analyze", f.to_str().unwrap(), "--components", "text"]))[0].clone();
    doc["date"] = Value::from("2 Nov 2018");
    doc["sentences"][0]["start"] = Value::from(-1);
    let caught = std::panic::catch_unwind(|| check_schema(&doc));
    assert!(caught.is_err());
}

#[test]
fn bench_reports_every_component() {
    let out = run(&[
        "bench",
        "analyze",
        workspace().join("examples").to_str().unwrap(),
        "--rounds",
        "1",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["articles"], 16);
    let names: Vec<&str> = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["component"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["text", "ner", "entities", "timex", "quotes", "amounts", "tone", "events"]
    );
    assert!(report["one_thread"]["tokens_per_s"].as_f64().unwrap() > 0.0);
}
