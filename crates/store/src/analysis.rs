//! The full analysis of an article (the output-contract document, without tokens), stored
//! compactly in the `analyses` table and restored exactly.
//!
//! The article text is already stored twice (index and `articles` table), and every span in the
//! contract repeats the words it covers. So the stored JSON has `text: null` at the top and in
//! every span whose `text` is exactly the code points `start..end` of the article; restoring puts
//! them back. Parquet's zstd pages compress what is left.

use newsgraph_core::output::OutputOptions;
use newsgraph_core::Doc;
use serde_json::{Map, Value};

/// Byte offset of every code point of `text`, plus its length: code-point slicing in O(1).
struct CodePoints<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> CodePoints<'a> {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CodePoints { text, starts }
    }

    fn slice(&self, start: u64, end: u64) -> Option<&'a str> {
        let s = *self.starts.get(usize::try_from(start).ok()?)?;
        let e = *self.starts.get(usize::try_from(end).ok()?)?;
        self.text.get(s..e)
    }
}

/// The code-point span of an object that has numeric `start` and `end`.
fn span_of(obj: &Map<String, Value>) -> Option<(u64, u64)> {
    Some((obj.get("start")?.as_u64()?, obj.get("end")?.as_u64()?))
}

fn strip(v: &mut Value, cp: &CodePoints) {
    match v {
        Value::Object(obj) => {
            if let Some((s, e)) = span_of(obj) {
                let same = matches!((obj.get("text"), cp.slice(s, e)), (Some(Value::String(t)), Some(w)) if t == w);
                if same {
                    obj.insert("text".into(), Value::Null);
                }
            }
            obj.values_mut().for_each(|v| strip(v, cp));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| strip(v, cp)),
        _ => {}
    }
}

fn restore(v: &mut Value, cp: &CodePoints) {
    match v {
        Value::Object(obj) => {
            if let (Some((s, e)), Some(Value::Null)) = (span_of(obj), obj.get("text")) {
                if let Some(w) = cp.slice(s, e) {
                    obj.insert("text".into(), Value::from(w));
                }
            }
            obj.values_mut().for_each(|v| restore(v, cp));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| restore(v, cp)),
        _ => {}
    }
}

/// The stored form of `doc`'s analysis.
pub(crate) fn compact(doc: &Doc) -> String {
    let out = doc.to_output(OutputOptions::default());
    let Ok(mut v) = serde_json::to_value(&out) else {
        // The contract types serialize infallibly (no maps with non-string keys).
        return String::new();
    };
    let cp = CodePoints::new(doc.text());
    if let Value::Object(obj) = &mut v {
        obj.insert("text".into(), Value::Null);
        // `meta` is the user's data: left exactly as given.
        for (k, child) in obj.iter_mut() {
            if k != "meta" {
                strip(child, &cp);
            }
        }
    }
    v.to_string()
}

/// The analysis from its stored form and the article text.
pub(crate) fn expand(stored: &str, text: &str) -> Result<Value, serde_json::Error> {
    let mut v: Value = serde_json::from_str(stored)?;
    let cp = CodePoints::new(text);
    if let Value::Object(obj) = &mut v {
        obj.insert("text".into(), Value::from(text));
        for (k, child) in obj.iter_mut() {
            if k != "meta" {
                restore(child, &cp);
            }
        }
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use newsgraph_core::{Article, Entity, EntityType, Mention, MentionKind, Span};

    #[test]
    fn compact_then_expand_is_the_output_contract() {
        let text = "Café owner Zoë Ng said \u{201c}ça va\u{201d} in Paris.";
        let mut a = Article::new(text, chrono::NaiveDate::from_ymd_opt(2020, 1, 2).unwrap());
        a.meta
            .insert("note".into(), serde_json::json!({"start": 0, "end": 1, "text": null}));
        let mut doc = Doc::new(a);
        let at = text.find("Zoë Ng").unwrap();
        doc.entities.push(Entity {
            id: "E1".into(),
            name: "Zoë Ng".into(),
            etype: EntityType::Person,
            mentions: vec![Mention {
                span: Span::new(at, at + "Zoë Ng".len()),
                kind: MentionKind::Name,
            }],
            link: None,
            titles: vec![],
        });
        doc.sentences.push(Span::new(0, text.len()));
        // Regression: floats came back off by one unit in the last place without
        // serde_json's `float_roundtrip`.
        doc.tone = Some(newsgraph_core::Tone {
            tone: 1.973_001_038_421_598_8,
            positive: 3.634_475_597_092_419_6,
            negative: 2.076_843_198_338_525_4,
            polarity: 0.1,
            activity_density: -0.102_733_099_387_502_83,
            self_group_density: 0.0,
            word_count: 9,
            compound: 0.3,
            sentences: vec![0.726_351_234_567_891_2],
        });
        let stored = compact(&doc);
        assert!(!stored.contains("Zoë Ng\",\"kind"), "span texts are dropped: {stored}");
        let expected = serde_json::to_value(doc.to_output(OutputOptions::default())).unwrap();
        let got = expand(&stored, text).unwrap();
        assert_eq!(got, expected);
        // Same key order as the contract, not only the same content.
        assert_eq!(got.to_string(), expected.to_string());
    }
}
