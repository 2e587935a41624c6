//! Every reader and every error path, on files written into a temp directory.
#![allow(clippy::unwrap_used)] // Test helpers: a panic is a failing test.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use newsgraph_input::{Articles, InputFormat, ReadOptions};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// (location, text-or-error) per record, for compact assertions.
fn read(inputs: Vec<PathBuf>, opts: ReadOptions) -> Vec<(String, Result<String, String>)> {
    Articles::new(inputs, opts)
        .map(|r| match r {
            Ok((loc, a)) => (
                format!("{}:{}", short(&loc.file), loc.line),
                Ok(format!("{} {}", a.date, a.text)),
            ),
            Err(e) => (
                format!("{}:{}", short(&e.location.file), e.location.line),
                Err(e.kind.to_string()),
            ),
        })
        .collect()
}

fn short(file: &str) -> String {
    Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn jsonl_with_bad_lines_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let body = concat!(
        "{\"id\": \"a\", \"text\": \"First.\", \"date\": \"2018-11-02\"}\n",
        "{\"text\": \"Broken\", \n",
        "\n",
        "{\"text\": \"Bad day.\", \"date\": \"2018-02-30\"}\n",
        "{\"text\": \"No date.\"}\n",
        "{\"date\": \"2018-11-02\"}\n",
        "[1, 2]\n",
        "{\"body\": \"Last.\", \"published\": \"2018-11-03T01:00:00+08:00\"}\n",
    );
    let mut bytes = body.as_bytes().to_vec();
    bytes.extend_from_slice(b"{\"text\": \"caf\xe9\", \"date\": \"2018-11-02\"}\n");
    let f = write(dir.path(), "in.jsonl", &bytes);
    let got = read(vec![f], ReadOptions::default());
    let expect: Vec<(String, Result<String, String>)> = vec![
        ("in.jsonl:1".into(), Ok("2018-11-02 First.".into())),
        (
            "in.jsonl:2".into(),
            Err("invalid JSON: EOF while parsing a value (column 18)".into()),
        ),
        ("in.jsonl:4".into(), Err("impossible date `2018-02-30`".into())),
        (
            "in.jsonl:5".into(),
            Err("missing `date` (or `published`, `publish_date`), and no --date given".into()),
        ),
        ("in.jsonl:6".into(), Err("missing `text` (or `body`, `content`)".into())),
        (
            "in.jsonl:7".into(),
            Err("expected a JSON object, found an array".into()),
        ),
        ("in.jsonl:8".into(), Ok("2018-11-03 Last.".into())),
        (
            "in.jsonl:9".into(),
            Err("invalid UTF-8 at byte 13 of the record".into()),
        ),
    ];
    assert_eq!(got, expect);
}

#[test]
fn directories_are_walked_recursively_in_sorted_order_with_compression() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/two.txt", b"date 2018-11-02\nSecond.");
    write(dir.path(), "a.txt.gz", &gz(b"  date 2018-11-01 First."));
    write(
        dir.path(),
        "c.jsonl.zst",
        &zstd::encode_all(&b"{\"text\":\"Third.\",\"date\":\"2018-11-03\"}\n"[..], 3).unwrap(),
    );
    write(dir.path(), ".hidden.txt", b"date 2018-11-02 Hidden.");
    write(dir.path(), "notes.csv", b"not,an,article");
    write(dir.path(), "README.md", b"# About this corpus");
    let got = read(vec![dir.path().to_path_buf()], ReadOptions::default());
    let texts: Vec<_> = got
        .iter()
        .map(|(l, r)| format!("{l} {}", r.as_ref().unwrap()))
        .collect();
    assert_eq!(
        texts,
        [
            "a.txt.gz:1 2018-11-01 First.",
            "two.txt:1 2018-11-02 Second.",
            "c.jsonl.zst:1 2018-11-03 Third."
        ]
    );
}

#[test]
fn plain_text_needs_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "plain.txt", b"\n\nJust words.\n");
    let got = read(vec![f.clone()], ReadOptions::default());
    assert_eq!(
        got,
        [(
            "plain.txt:3".to_string(),
            Err("no `date YYYY-MM-DD` header, and no --date given".to_string())
        )]
    );
    let opts = ReadOptions {
        format: InputFormat::Auto,
        date: NaiveDate::from_ymd_opt(2020, 5, 1),
    };
    assert_eq!(
        read(vec![f], opts),
        [(
            "plain.txt:3".to_string(),
            Ok("2020-05-01 \n\nJust words.\n".to_string())
        )]
    );
}

#[test]
fn forced_format_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    // Looks like JSON by content, but the user says it is plain text.
    let f = write(dir.path(), "odd.txt", b"{not json at all}");
    let opts = ReadOptions {
        format: InputFormat::PlainText,
        date: NaiveDate::from_ymd_opt(2020, 5, 1),
    };
    assert_eq!(
        read(vec![f], opts),
        [("odd.txt:1".to_string(), Ok("2020-05-01 {not json at all}".to_string()))]
    );
}

#[test]
fn json_array_items_are_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "arr.json",
        br#"[{"text":"One.","date":"2018-01-01"},{"text":"Two."}]"#,
    );
    let got = read(vec![f], ReadOptions::default());
    assert_eq!(got[0], ("arr.json:1".to_string(), Ok("2018-01-01 One.".to_string())));
    assert_eq!(got[1].0, "arr.json:2");
    assert!(got[1].1.is_err());
}

#[test]
fn invalid_utf8_in_dated_text_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.txt",
        b"date 2018-11-02 Fine.\nStill fine.\nBad \xff byte.",
    );
    let got = read(vec![f], ReadOptions::default());
    assert_eq!(
        got,
        [(
            "bad.txt:3".to_string(),
            Err("invalid UTF-8 at byte 38 of the record".to_string())
        )]
    );
}

#[test]
fn a_missing_file_is_an_io_error_and_reading_continues() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", b"date 2018-11-02 Good.");
    let records: Vec<_> = Articles::new(vec![dir.path().join("missing.txt"), good], ReadOptions::default()).collect();
    assert_eq!(records.len(), 2);
    let err = records[0].as_ref().unwrap_err();
    assert!(err.is_io());
    assert!(err.to_string().contains("missing.txt:0: cannot read"), "{err}");
    assert_eq!(records[1].as_ref().unwrap().1.text, "Good.");
}

#[test]
fn same_text_and_date_give_the_same_id_and_given_ids_win() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "ids.jsonl",
        b"{\"text\":\"Same.\",\"date\":\"2018-01-01\"}\n{\"text\":\"Same.\",\"date\":\"2018-01-01\",\"x\":1}\n{\"id\":\"mine\",\"text\":\"Same.\",\"date\":\"2018-01-01\"}\n",
    );
    let ids: Vec<String> = Articles::new(vec![f], ReadOptions::default())
        .map(|r| r.unwrap().1.id)
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[2], "mine");
}
