//! Calendar values at TimeML granularities and the arithmetic the normalizer needs.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt;

/// A calendar value at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cal {
    Day(NaiveDate),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, Season),
    Year(i32),
    Decade(i32),
    Century(i32),
}

/// Seasons in calendar order within a year (winter starts in December of its year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub(crate) fn parse(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    /// The season a date falls in, with the year it belongs to.
    pub(crate) fn of(d: NaiveDate) -> (i32, Season) {
        match d.month() {
            1 | 2 => (d.year() - 1, Season::Winter),
            3..=5 => (d.year(), Season::Spring),
            6..=8 => (d.year(), Season::Summer),
            9..=11 => (d.year(), Season::Fall),
            _ => (d.year(), Season::Winter),
        }
    }
}

impl fmt::Display for Cal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Cal::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Cal::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Cal::Weekend(y, w) => write!(f, "{y:04}-W{w:02}-WE"),
            Cal::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Cal::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Cal::Half(y, h) => write!(f, "{y:04}-H{h}"),
            Cal::Season(y, s) => write!(f, "{y:04}-{}", s.code()),
            Cal::Year(y) => write!(f, "{y:04}"),
            Cal::Decade(d) => write!(f, "{d:03}"),
            Cal::Century(c) => write!(f, "{c:02}"),
        }
    }
}

/// Month arithmetic: (year, month) plus `n` months.
pub(crate) fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

/// A date plus `n` months, the day clamped to the month's length.
pub(crate) fn add_months_date(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let (y, m) = add_months(d.year(), d.month(), n);
    let mut day = d.day();
    loop {
        if let Some(r) = NaiveDate::from_ymd_opt(y, m, day) {
            return Some(r);
        }
        if day <= 28 {
            return None;
        }
        day -= 1;
    }
}

fn week_of(d: NaiveDate) -> (i32, u32) {
    let w = d.iso_week();
    (w.year(), w.week())
}

/// The DCT's unit (`D`, `W`, `WE`, `M`, `Q`, `Y`, `DE`, `CE`, hours…) shifted by `n` units.
pub(crate) fn dct_unit(dct: NaiveDate, unit: &str, n: i64) -> Option<Cal> {
    Some(match unit {
        "D" => Cal::Day(dct.checked_add_signed(Duration::days(n))?),
        "W" => {
            let (y, w) = week_of(dct.checked_add_signed(Duration::days(7 * n))?);
            Cal::Week(y, w)
        }
        "W2" => Cal::Day(dct.checked_add_signed(Duration::days(14 * n))?),
        "WE" => {
            let (y, w) = week_of(dct.checked_add_signed(Duration::days(7 * n))?);
            Cal::Weekend(y, w)
        }
        "M" => {
            let (y, m) = add_months(dct.year(), dct.month(), n);
            Cal::Month(y, m)
        }
        "Q" => {
            let q = (dct.month() - 1) / 3;
            let idx = i64::from(dct.year()) * 4 + i64::from(q) + n;
            Cal::Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u32)
        }
        "Y" => Cal::Year(dct.year() + n as i32),
        "DE" => Cal::Decade(dct.year().div_euclid(10) + n as i32),
        "CE" => Cal::Century(dct.year().div_euclid(100) + n as i32),
        // Hours and smaller: the day they fall on.
        "TH" => Cal::Day((dct.and_hms_opt(12, 0, 0)? + Duration::hours(n)).date()),
        "TM" | "TS" => Cal::Day(dct),
        _ => return None,
    })
}

/// `c` shifted by `n` units, keeping `c`'s granularity; `None` when the unit is finer than `c`.
pub(crate) fn shift(c: Cal, unit: &str, n: i64) -> Option<Cal> {
    Some(match (c, unit) {
        (Cal::Day(d), "D") => Cal::Day(d.checked_add_signed(Duration::days(n))?),
        (Cal::Day(d), "W") => Cal::Day(d.checked_add_signed(Duration::days(7 * n))?),
        (Cal::Day(d), "M") => Cal::Day(add_months_date(d, n)?),
        (Cal::Day(d), "Y") => Cal::Day(add_months_date(d, 12 * n)?),
        (Cal::Month(y, m), "M") => {
            let (y, m) = add_months(y, m, n);
            Cal::Month(y, m)
        }
        (Cal::Month(y, m), "Q") => {
            let (y, m) = add_months(y, m, 3 * n);
            Cal::Month(y, m)
        }
        (Cal::Month(y, m), "Y") => Cal::Month(y + n as i32, m),
        (Cal::Quarter(y, q), "Q") => {
            let idx = i64::from(y) * 4 + i64::from(q) - 1 + n;
            Cal::Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u32)
        }
        (Cal::Quarter(y, q), "Y") => Cal::Quarter(y + n as i32, q),
        (Cal::Half(y, h), "Y") => Cal::Half(y + n as i32, h),
        (Cal::Season(y, s), "Y") => Cal::Season(y + n as i32, s),
        (Cal::Year(y), "Y") => Cal::Year(y + n as i32),
        (Cal::Week(y, w), "W") => {
            let d = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
            let (y, w) = week_of(d.checked_add_signed(Duration::days(7 * n))?);
            Cal::Week(y, w)
        }
        (Cal::Decade(d), "DE") => Cal::Decade(d + n as i32),
        _ => return None,
    })
}

/// The `unit` (`D`, `W`, `M`, `Q`, `Y`) that contains `c`; `None` when `c` is coarser than the unit.
pub(crate) fn containing(c: Cal, unit: &str) -> Option<Cal> {
    Some(match (c, unit) {
        (Cal::Day(d), "D") => Cal::Day(d),
        (Cal::Day(d), "W") => {
            let (y, w) = week_of(d);
            Cal::Week(y, w)
        }
        (Cal::Week(y, w), "W") => Cal::Week(y, w),
        (Cal::Day(d), "M") => Cal::Month(d.year(), d.month()),
        (Cal::Month(y, m), "M") => Cal::Month(y, m),
        (Cal::Day(d), "Q") => Cal::Quarter(d.year(), (d.month() - 1) / 3 + 1),
        (Cal::Month(y, m), "Q") => Cal::Quarter(y, (m - 1) / 3 + 1),
        (Cal::Quarter(y, q), "Q") => Cal::Quarter(y, q),
        (Cal::Day(d), "Y") => Cal::Year(d.year()),
        (
            Cal::Week(y, _)
            | Cal::Weekend(y, _)
            | Cal::Month(y, _)
            | Cal::Quarter(y, _)
            | Cal::Half(y, _)
            | Cal::Season(y, _)
            | Cal::Year(y),
            "Y",
        ) => Cal::Year(y),
        _ => return None,
    })
}

/// The quarter a date falls in.
pub(crate) fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

/// The n-th (1-based; 5 = last) ISO weekday `wd` of month `m` in year `y`.
pub(crate) fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let off = (7 + wd as i64 - i64::from(first.weekday().number_from_monday())) % 7;
    let mut d = first + Duration::days(off);
    if n == 5 {
        while (d + Duration::days(7)).month() == m {
            d += Duration::days(7);
        }
        return Some(d);
    }
    d += Duration::days(7 * (i64::from(n) - 1));
    (d.month() == m).then_some(d)
}

/// A two-digit year expanded to the century that puts it nearest the DCT.
pub(crate) fn expand_year2(yy: i32, dct: NaiveDate) -> i32 {
    let base = dct.year() - dct.year().rem_euclid(100);
    [base - 100 + yy, base + yy, base + 100 + yy]
        .into_iter()
        .min_by_key(|y| (y - dct.year()).abs())
        .unwrap_or(base + yy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn units_around_the_dct() {
        let dct = d(2018, 11, 2);
        assert_eq!(dct_unit(dct, "W", -1).unwrap().to_string(), "2018-W43");
        assert_eq!(dct_unit(dct, "M", 1).unwrap().to_string(), "2018-12");
        assert_eq!(dct_unit(dct, "Q", -1).unwrap().to_string(), "2018-Q3");
        assert_eq!(dct_unit(dct, "Y", -2).unwrap().to_string(), "2016");
        assert_eq!(dct_unit(dct, "DE", 0).unwrap().to_string(), "201");
        assert_eq!(dct_unit(d(2018, 1, 15), "M", -1).unwrap().to_string(), "2017-12");
    }

    #[test]
    fn holidays_and_two_digit_years() {
        assert_eq!(nth_weekday(2018, 11, 4, 4), Some(d(2018, 11, 22)));
        assert_eq!(nth_weekday(2018, 5, 1, 5), Some(d(2018, 5, 28)));
        assert_eq!(expand_year2(98, d(2018, 1, 1)), 1998);
        assert_eq!(expand_year2(19, d(2018, 1, 1)), 2019);
    }
}
