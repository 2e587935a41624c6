//! Every rule in resources/rules.toml documents itself with an example and the value(s) it must
//! produce against DCT 2018-11-02; this checks each one, and that every family has a fixture.
mod common;

use std::collections::BTreeSet;

use newsgraph_timex::{annotate_explained, rule_defs, Options};

#[test]
fn every_rule_example_produces_its_expected_values() {
    let mut failures = Vec::new();
    for r in rule_defs().unwrap() {
        let got = annotate_explained(&r.example, common::dct(), &[], &Options::default()).unwrap();
        let by_rule: Vec<&str> = got
            .iter()
            .filter(|(_, id)| *id == r.id)
            .map(|(t, _)| t.value.as_str())
            .collect();
        let want: Vec<&str> = r.expect.split_whitespace().collect();
        if by_rule != want {
            let all: Vec<String> = got
                .iter()
                .map(|(t, id)| format!("{}={} ({id})", &r.example[t.span.start..t.span.end], t.value))
                .collect();
            failures.push(format!(
                "{}: example {:?} expected {:?} from this rule, got {:?}",
                r.id, r.example, want, all
            ));
        }
        assert!(!r.comment.is_empty(), "{} has no comment", r.id);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_family_has_a_fixture() {
    let families: BTreeSet<String> = rule_defs().unwrap().into_iter().map(|r| r.family).collect();
    for f in families {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(format!("{f}.txt"));
        assert!(p.exists(), "no fixture for rule family `{f}` at {}", p.display());
    }
}

#[test]
fn resources_are_versioned() {
    let (vocab, rules) = newsgraph_timex::resource_versions().unwrap();
    assert!(vocab >= 1 && rules >= 1);
}
