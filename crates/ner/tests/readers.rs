//! Readers and the report table, on inputs written here.

use std::io::Write;

use newsgraph_ner::{read_detok_jsonl, Label, Report, TokenSpan};

fn file_with(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".jsonl").tempfile().expect("temp file");
    f.write_all(content.as_bytes()).expect("write temp file");
    f
}

#[test]
fn detok_offsets_are_code_points_and_become_bytes() {
    let f = file_with(
        "{\"doc\": \"d1\", \"text\": \"Zoë met Xi’s aide in Köln.\", \"entities\": [{\"start\": 0, \"end\": 3, \"label\": \"PER\"}, {\"start\": 21, \"end\": 25, \"label\": \"LOC\"}]}\n",
    );
    let docs = read_detok_jsonl(f.path()).unwrap();
    let d = &docs[0];
    let names: Vec<&str> = d.entities.iter().map(|e| &d.text[e.start..e.end]).collect();
    assert_eq!(names, ["Zoë", "Köln"]);
}

#[test]
fn detok_errors_name_file_and_line() {
    let f = file_with("{\"doc\": \"a\", \"text\": \"x\", \"entities\": []}\n{\"doc\": \"b\", \"text\": \"Paris\", \"entities\": [{\"start\": 0, \"end\": 5, \"label\": \"CITY\"}]}\n");
    let err = read_detok_jsonl(f.path()).unwrap_err().to_string();
    assert!(err.contains(":2: unknown entity label `CITY`"), "{err}");
    let f = file_with("not json\n");
    let err = read_detok_jsonl(f.path()).unwrap_err().to_string();
    assert!(err.contains(":1: expected a JSON object"), "{err}");
}

#[test]
fn report_counts_exact_matches_only() {
    let span = |start, end, label| TokenSpan { start, end, label };
    let mut r = Report::default();
    let gold = [span(0, 2, Label::Per), span(3, 4, Label::Loc), span(5, 6, Label::Org)];
    // One exact, one wrong boundary, one wrong type, one spurious.
    let pred = [
        span(0, 2, Label::Per),
        span(3, 5, Label::Loc),
        span(5, 6, Label::Misc),
        span(7, 8, Label::Loc),
    ];
    r.add(&gold, &pred, 9);
    let o = r.overall();
    assert_eq!((o.gold, o.predicted, o.correct), (3, 4, 1));
    assert!((o.f1() - 2.0 * (0.25 * (1.0 / 3.0)) / (0.25 + 1.0 / 3.0)).abs() < 1e-12);
    let table = r.to_string();
    assert!(
        table.starts_with("processed 9 tokens with 3 phrases; found: 4 phrases; correct: 1.\n"),
        "{table}"
    );
    assert!(
        table.contains("PER        100.00%   100.00%    100.00       1       1       1"),
        "{table}"
    );
}
