//! Fixture files, one per case family, segmented and snapshotted as reviewable text.
//!
//! Each snapshot lists the paragraphs, then each sentence with its tokens joined by single spaces
//! (tokens never contain whitespace, so the join is unambiguous) and the tokens that are numbers
//! or symbols. Word and punctuation kinds are checked by `kinds_match_their_characters` instead.

use newsgraph_core::TokenKind;
use serde_json::{json, Value};

const FIXTURES: &[&str] = &[
    "abbreviations",
    "initials",
    "numbers_money",
    "quotes_apostrophes",
    "hyphens_dashes",
    "ellipses",
    "quote_final_sentences",
    "datelines",
    "multiline_paragraphs",
];

fn read(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn render(text: &str) -> Value {
    let seg = newsgraph_text::segment(text);
    let slice = |s: newsgraph_core::Span| &text[s.start..s.end];
    let sentences: Vec<Value> = seg
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let toks: Vec<_> = seg
                .tokens
                .iter()
                .zip(&seg.token_sentence)
                .filter(|(_, &k)| k as usize == i)
                .map(|(t, _)| t)
                .collect();
            let of_kind = |kind| {
                toks.iter()
                    .filter(|t| t.kind == kind)
                    .map(|t| slice(t.span))
                    .collect::<Vec<_>>()
            };
            let mut v = json!({
                "text": slice(*s),
                "tokens": toks.iter().map(|t| slice(t.span)).collect::<Vec<_>>().join(" "),
            });
            for (key, kind) in [("numbers", TokenKind::Number), ("symbols", TokenKind::Symbol)] {
                let found = of_kind(kind);
                if !found.is_empty() {
                    v[key] = json!(found);
                }
            }
            v
        })
        .collect();
    json!({
        "paragraphs": seg.paragraphs.iter().map(|p| slice(*p)).collect::<Vec<_>>(),
        "sentences": sentences,
    })
}

#[test]
fn fixtures_match_their_snapshots() {
    for name in FIXTURES {
        let text = read(name);
        insta::assert_json_snapshot!(*name, render(&text));
    }
}

#[test]
fn kinds_match_their_characters() {
    for name in FIXTURES {
        let text = read(name);
        let seg = newsgraph_text::segment(&text);
        for t in &seg.tokens {
            let s = &text[t.span.start..t.span.end];
            let alnum = s.chars().any(char::is_alphanumeric);
            match t.kind {
                TokenKind::Word | TokenKind::Number => assert!(alnum, "{name}: {s:?} is {:?}", t.kind),
                TokenKind::Punct | TokenKind::Symbol => assert!(!alnum || s == "US$", "{name}: {s:?} is {:?}", t.kind),
            }
        }
    }
}
