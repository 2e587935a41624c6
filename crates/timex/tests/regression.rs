//! One test per known failure of other taggers (and of this one), named after what broke.
mod common;

use common::{date, dct, tag, values};

fn v(text: &str) -> Vec<(String, String)> {
    values(text, dct())
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

// A bare month in a past-tense clause was resolved into the future (May 2019 for an article of
// November 2018).
#[test]
fn bare_month_in_past_clause_resolves_to_the_past() {
    assert_eq!(v("Talks stalled in May."), pairs(&[("May", "2018-05")]));
    assert_eq!(v("The deal collapsed in December."), pairs(&[("December", "2017-12")]));
    assert_eq!(
        v("The summit will be held in December."),
        pairs(&[("December", "2018-12")])
    );
}

// Weekdays normalized from the wall clock instead of the DCT: values must move with the DCT.
#[test]
fn weekday_follows_the_dct_not_the_wall_clock() {
    let text = "The president spoke on Thursday.";
    assert_eq!(values(text, date(2018, 11, 2)), pairs(&[("Thursday", "2018-11-01")]));
    assert_eq!(values(text, date(1998, 2, 13)), pairs(&[("Thursday", "1998-02-12")]));
    let future = "The leaders will meet on Monday.";
    assert_eq!(values(future, date(2018, 11, 2)), pairs(&[("Monday", "2018-11-05")]));
    assert_eq!(values(future, date(1998, 2, 13)), pairs(&[("Monday", "1998-02-16")]));
}

// "Thursday’s" with a curly apostrophe was missed.
#[test]
fn weekday_with_curly_possessive() {
    assert_eq!(
        v("Thursday’s call was the first in months."),
        pairs(&[("Thursday", "2018-11-01"), ("months", "PXM")])
    );
    assert_eq!(v("Thursday's call went well."), pairs(&[("Thursday", "2018-11-01")]));
}

// "a second summit" was read as a duration of one second.
#[test]
fn a_second_summit_is_not_a_duration() {
    assert!(v("He prepares for a second summit with Kim.").is_empty());
    assert_eq!(v("It lasted 30 seconds."), pairs(&[("30 seconds", "PT30S")]));
}

// "Group of 20" and "G20" were read as times.
#[test]
fn group_of_20_is_not_a_time() {
    assert!(v("Leaders meet at the Group of 20 summit and the G20 dinner.").is_empty());
}

// "may" the verb was read as May.
#[test]
fn may_the_verb_is_not_a_month() {
    assert!(v("Trump and Xi may be able to break the logjam.").is_empty());
    assert!(v("Talks may resume, officials said.").is_empty());
}

// A two-digit number was read as a year.
#[test]
fn two_digit_number_is_not_a_year() {
    assert!(v("About 20 people and 45 officials attended.").is_empty());
    assert!(v("Sales rose 6.5 percent to 1,990 units, or $2018.").is_empty());
}

// A range was folded into one date: each end gets its own timex.
#[test]
fn ranges_are_split_into_their_ends() {
    assert_eq!(
        v("The summit runs from Nov. 30 to Dec. 1."),
        pairs(&[("Nov. 30", "2018-11-30"), ("Dec. 1", "2018-12-01")])
    );
    assert_eq!(
        v("Output grew in 2015-2017."),
        pairs(&[("2015", "2015"), ("2017", "2017")])
    );
    assert_eq!(
        v("The fair ran March 3-5, 2018."),
        pairs(&[("March 3", "2018-03-03"), ("5", "2018-03-05")])
    );
}

// Impossible dates must not produce a DATE value.
#[test]
fn impossible_dates_are_rejected() {
    assert!(v("It was signed on Feb. 29, 2015.")
        .iter()
        .all(|(_, val)| !val.starts_with("2015-02-29")));
    assert!(v("Due 2015-02-30.").is_empty());
    assert_eq!(
        v("It was signed on Feb. 29, 2016."),
        pairs(&[("Feb. 29, 2016", "2016-02-29")])
    );
}

// "Jan" alone is a name (Jan Kavan), not January.
#[test]
fn undotted_month_abbreviation_needs_a_day() {
    assert!(v("Foreign Minister Jan Kavan said so.").is_empty());
    assert_eq!(v("It closes Jan 14."), pairs(&[("Jan 14", "2019-01-14")]));
}

// "a year earlier" after "a year earlier" compounded the shift (1987-Q3 for 1988-Q3).
#[test]
fn anchored_shifts_do_not_compound() {
    let text = "Third-quarter profit rose to $5 million from $4 million a year earlier. \
                Sales were $9 million, up from $8 million a year earlier.";
    assert_eq!(
        values(text, date(1989, 10, 26)),
        pairs(&[
            ("Third-quarter", "1989-Q3"),
            ("a year earlier", "1988-Q3"),
            ("a year earlier", "1988-Q3")
        ])
    );
}

// The reference time moves to a date named earlier ("On March 3 … two days later").
#[test]
fn anchor_moves_to_a_named_date() {
    assert_eq!(
        v("On March 3 the talks began. Two days later they collapsed."),
        pairs(&[("March 3", "2018-03-03"), ("Two days later", "2018-03-05")])
    );
    // Without a named date the DCT is the anchor.
    assert_eq!(
        v("Two days later they collapsed."),
        pairs(&[("Two days later", "2018-11-04")])
    );
}

// "next to" is a place: "the blasts next to the embassies on Friday" is the past Friday.
#[test]
fn next_to_is_not_a_future_cue() {
    assert_eq!(
        values(
            "Hundreds were hurt in the blasts next to the embassies on Friday.",
            date(1998, 8, 8)
        ),
        pairs(&[("Friday", "1998-08-07")])
    );
}

// A deadline ("by Jan. 14") points forward even when a participle ("returned") is nearer.
#[test]
fn deadline_points_forward() {
    assert_eq!(
        values("The boy must be returned to his father by Jan. 14.", date(2000, 1, 6)),
        pairs(&[("Jan. 14", "2000-01-14")])
    );
}

// Types: a SET stays a SET and a duration stays a duration.
#[test]
fn types_are_kept() {
    let t = tag("Prices rose 5% annually over the past three years.", dct());
    assert_eq!(
        t,
        vec![
            ("annually".to_string(), "SET".to_string(), "P1Y".to_string()),
            (
                "the past three years".to_string(),
                "DURATION".to_string(),
                "P3Y".to_string()
            )
        ]
    );
}

// A possessive weekday in a future clause ("would look for ways to get around Wednesday's
// ruling") was resolved to the coming Wednesday; the ruling has already been made.
#[test]
fn possessive_weekday_is_past() {
    assert_eq!(
        v("They would look for ways to get around Wednesday’s ruling."),
        pairs(&[("Wednesday", "2018-10-31")])
    );
}

// A plan in the past perfect ("had been scheduled to expire Monday") was read as ahead.
#[test]
fn past_perfect_plan_is_past() {
    assert_eq!(
        v("The offer had been scheduled to expire Monday."),
        pairs(&[("Monday", "2018-10-29")])
    );
    assert_eq!(
        v("The offer is scheduled to expire Monday."),
        pairs(&[("Monday", "2018-11-05")])
    );
}

// "last Oct. 23" was read as "last Oct." (a month), losing the day.
#[test]
fn last_month_day_keeps_the_day() {
    assert_eq!(
        values("He was shot to death last Oct. 23 at home.", date(1999, 4, 19)),
        pairs(&[("Oct. 23", "1998-10-23")])
    );
}

// "the current fiscal year" was read as "current" (PRESENT_REF).
#[test]
fn current_fiscal_year_is_a_year() {
    assert_eq!(
        v("It expects higher sales in the current fiscal year."),
        pairs(&[("the current fiscal year", "2018")])
    );
}

// TV shows and films were read as times (ABC's "This Week", "60 Minutes"); a capitalised time
// word at the start of a sentence is still a time.
#[test]
fn titles_are_not_times() {
    assert!(v("Baker said on ABC's \"This Week\" and on \"60 Minutes\" that talks go on.").is_empty());
    assert_eq!(v("Last week the talks stalled."), pairs(&[("Last week", "2018-W43")]));
    assert_eq!(
        v("He said, \"Last week the talks stalled.\""),
        pairs(&[("Last week", "2018-W43")])
    );
}
