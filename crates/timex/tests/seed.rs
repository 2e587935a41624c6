//! The seed article (shared/seed/article.txt, DCT Friday 2018-11-02): every expression the issue
//! lists, with its value.
mod common;

use common::{shared, tag};

#[test]
fn seed_article_expressions() {
    let path = shared().join("seed/article.txt");
    let raw =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (set NEWSGRAPH_SHARED)", path.display()));
    let rest = raw.trim_start().strip_prefix("date ").unwrap();
    let dct = chrono::NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").unwrap();
    let text = &rest[11..];
    let got = tag(text, dct);
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    // The issue lists 19 expressions; its own recurrence rule ("year-on-year" → SET P1Y) adds
    // "Chinese year-on-year economic growth" as a 20th.
    let want = [
        ("this month", "DATE", "2018-11"),
        ("Thursday", "DATE", "2018-11-01"),
        ("Thursday", "DATE", "2018-11-01"), // Thursday’s, curly apostrophe outside the extent
        ("six months", "DURATION", "P6M"),
        ("Nov. 30", "DATE", "2018-11-30"),
        ("Dec. 1", "DATE", "2018-12-01"),
        ("Thursday", "DATE", "2018-11-01"),
        ("Thursday night", "DATE", "2018-11-01TNI"),
        ("Friday", "DATE", "2018-11-02"),
        ("year-on-year", "SET", "P1Y"),
        ("the three months", "DURATION", "P3M"),
        ("September", "DATE", "2018-09"),
        ("Thursday", "DATE", "2018-11-01"),
        ("2013", "DATE", "2013"),
        ("months", "DURATION", "PXM"),
        ("this year", "DATE", "2018"),
        ("last year", "DATE", "2017"),
        ("May", "DATE", "2018-05"),
        ("recent months", "DATE", "PAST_REF"),
        ("Thursday", "DATE", "2018-11-01"),
    ];
    assert_eq!(got, want);
    let listed = got.iter().filter(|t| t.0 != "year-on-year").count();
    assert_eq!(listed, 19);
}
