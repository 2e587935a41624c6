//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::NaiveDate;
use newsgraph_timex::{annotate_explained, Options};

/// A date from y-m-d.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The seed article's DCT: Friday 2018-11-02.
pub fn dct() -> NaiveDate {
    date(2018, 11, 2)
}

/// (text, type, value) triples for `text` tagged with `dct`.
pub fn tag(text: &str, dct: NaiveDate) -> Vec<(String, String, String)> {
    annotate_explained(text, dct, &[], &Options::default())
        .unwrap()
        .into_iter()
        .map(|(t, _)| {
            (
                text[t.span.start..t.span.end].to_string(),
                t.ttype.as_str().to_string(),
                t.value,
            )
        })
        .collect()
}

/// (text, value) pairs.
pub fn values(text: &str, dct: NaiveDate) -> Vec<(String, String)> {
    tag(text, dct).into_iter().map(|(s, _, v)| (s, v)).collect()
}

/// The shared data folder: `NEWSGRAPH_SHARED`, else ../shared beside the workspace.
pub fn shared() -> std::path::PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into())
}
