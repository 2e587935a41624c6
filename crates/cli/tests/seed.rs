//! The canonical example end to end through the real binary: a reviewed snapshot of every layer,
//! so any change in what newsgraph extracts from it shows up in review.
#![allow(clippy::unwrap_used)] // Test harness: a panic is a failing test.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn analyse_seed() -> Value {
    let seed = shared().join("seed/article.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["analyze", seed.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// One line per fact, readable in review.
fn summary(doc: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    let entities = doc["entities"].as_array().unwrap();
    let name_of = |id: &Value| {
        entities
            .iter()
            .find(|e| &e["id"] == id)
            .map(|e| e["name"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    for e in entities {
        let kinds: Vec<String> = e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] != "name")
            .map(|m| format!("{}:{}", m["kind"].as_str().unwrap(), m["text"].as_str().unwrap()))
            .collect();
        let link = &e["link"];
        let link = if link.is_null() {
            String::new()
        } else {
            format!(
                " link={}/{}",
                link["kind"].as_str().unwrap_or(""),
                link["country"].as_str().unwrap_or("-")
            )
        };
        lines.push(format!(
            "entity {} {} ×{}{}{}",
            e["type"].as_str().unwrap(),
            e["name"].as_str().unwrap(),
            e["mentions"].as_array().unwrap().len(),
            link,
            if kinds.is_empty() {
                String::new()
            } else {
                format!(" [{}]", kinds.join(", "))
            }
        ));
    }
    for t in doc["timexes"].as_array().unwrap() {
        lines.push(format!(
            "timex {} {:?} = {}",
            t["type"].as_str().unwrap(),
            t["text"].as_str().unwrap(),
            t["value"].as_str().unwrap()
        ));
    }
    for q in doc["quotes"].as_array().unwrap() {
        let speaker = match &q["speaker"] {
            Value::Null => "?".to_string(),
            s if s["entity"].is_null() => format!("{:?}", s["text"].as_str().unwrap()),
            s => name_of(&s["entity"]),
        };
        let cue = q["cue"]["text"].as_str().unwrap_or("-");
        lines.push(format!(
            "quote {} {} ({cue}): {:?}",
            q["kind"].as_str().unwrap(),
            speaker,
            q["text"].as_str().unwrap()
        ));
    }
    for a in doc["amounts"].as_array().unwrap() {
        lines.push(format!(
            "amount {:?} = {} {} of {:?}",
            a["text"].as_str().unwrap(),
            a["value"],
            a["unit"].as_str().unwrap(),
            a["object"]["text"].as_str().unwrap_or("-")
        ));
    }
    lines
}

#[test]
fn seed_article_layers() {
    let doc = analyse_seed();
    insta::assert_json_snapshot!(summary(&doc));
}
