//! One fixture per rule family (tests/fixtures/<family>.txt, sentences written for these tests),
//! tagged and compared with reviewed insta snapshots (tests/snapshots/).
#![allow(clippy::unwrap_used)]
use chrono::NaiveDate;
use newsgraph_timex::{annotate_explained, Options};
use serde_json::{json, Value};

fn run(family: &str) -> Value {
    let path = format!("{}/tests/fixtures/{family}.txt", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap();
    let mut dct = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
    let mut docs = Vec::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(d) = line.strip_prefix("dct ") {
            dct = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").unwrap();
            continue;
        }
        let timexes: Vec<Value> = annotate_explained(line, dct, &[], &Options::default())
            .unwrap()
            .into_iter()
            .map(|(t, rule)| {
                let mut o = json!({
                    "text": &line[t.span.start..t.span.end],
                    "type": t.ttype.as_str(),
                    "value": t.value,
                    "rule": rule,
                });
                for (k, v) in [("mod", t.modifier), ("freq", t.freq), ("quant", t.quant)] {
                    if let Some(v) = v {
                        o[k] = json!(v);
                    }
                }
                o
            })
            .collect();
        docs.push(json!({ "dct": dct.to_string(), "text": line, "timexes": timexes }));
    }
    Value::Array(docs)
}

macro_rules! fixture {
    ($($name:ident),*) => {$(
        #[test]
        fn $name() {
            insta::assert_json_snapshot!(stringify!($name), run(stringify!($name)));
        }
    )*};
}

fixture!(
    absolute, months, years, ranges, quarters, seasons, weekdays, deictic, relative, anchored, durations, refs, clock,
    sets
);
