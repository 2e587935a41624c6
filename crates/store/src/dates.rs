//! Dates as days since 1970-01-01 (Arrow's `Date32`, the index's `date` field) and the periods
//! of timelines.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;

/// 1970-01-01.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Days since 1970-01-01.
pub fn to_day(d: NaiveDate) -> i32 {
    i32::try_from((d - epoch()).num_days()).unwrap_or(i32::MAX)
}

/// The date `day` days after 1970-01-01.
pub fn from_day(day: i32) -> NaiveDate {
    epoch() + Duration::days(i64::from(day))
}

/// `YYYY-MM-DD` of a day number.
pub fn day_to_string(day: i32) -> String {
    from_day(day).format("%Y-%m-%d").to_string()
}

/// The bucket size of a timeline or histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// One bucket per day: `2018-11-02`.
    Day,
    /// One bucket per ISO week: `2018-W44`.
    Week,
    /// One bucket per month: `2018-11`.
    #[default]
    Month,
}

impl Period {
    /// The label of the period containing `d`. Labels sort in time order.
    pub fn label(self, d: NaiveDate) -> String {
        match self {
            Period::Day => d.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = d.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => d.format("%Y-%m").to_string(),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Period, StoreError> {
        match s {
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(StoreError::Invalid(format!(
                "unknown period {s:?}: expected day, week or month"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weeks_use_iso_years() {
        let d = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
        assert_eq!(from_day(to_day(d)), d);
        assert_eq!(to_day(epoch()), 0);
        // 2018-12-31 is in ISO week 1 of 2019.
        let d = NaiveDate::from_ymd_opt(2018, 12, 31).unwrap();
        assert_eq!(Period::Week.label(d), "2019-W01");
        assert_eq!(Period::Month.label(d), "2018-12");
    }
}
