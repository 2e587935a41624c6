//! Regression: a curly apostrophe right before a date made the tense scan slice inside a
//! multi-byte character and panic ("Sunday’s" after "Clinton’s", seen on PolNeAR).

use chrono::NaiveDate;
use newsgraph_core::Span;

#[test]
fn curly_apostrophe_before_a_weekday_does_not_panic() {
    let text = "There are still plenty of unknowns about Clinton’s bout with pneumonia, after leaving Sunday’s Sept. 11 memorial service.";
    let dct = NaiveDate::from_ymd_opt(2016, 9, 12).unwrap();
    let timexes = newsgraph_timex::annotate(text, dct, &[Span::new(0, text.len())]);
    assert!(
        timexes.iter().any(|t| &text[t.span.start..t.span.end] == "Sunday"),
        "{timexes:?}"
    );
}
