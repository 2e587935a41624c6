//! Query-string parameters, checked: an unknown name, a repeated name, an impossible date or a
//! value out of range is a 400 naming the parameter, never a silently ignored filter.

use axum::extract::Query;
use axum::http::Uri;
use chrono::NaiveDate;
use newsgraph_store::Period;

use crate::error::ApiError;

/// The parameters of one request, each checked against the names the route accepts.
#[derive(Debug)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses the query string of `uri`, refusing names outside `allowed` and repeated names.
    pub fn parse(uri: &Uri, allowed: &[&str]) -> Result<Params, ApiError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map_err(|e| ApiError::bad_request(format!("query string: {}", e.body_text())))?;
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{k}`; this endpoint takes {}",
                    if allowed.is_empty() {
                        "none".to_string()
                    } else {
                        allowed.join(", ")
                    }
                )));
            }
            if pairs[..i].iter().any(|(p, _)| p == k) {
                return Err(ApiError::bad_request(format!("parameter `{k}` given more than once")));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `key`, trimmed; `None` when absent or blank (an empty form field).
    pub fn str(&self, key: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// A `YYYY-MM-DD` date; impossible dates (`2015-02-29`) are refused.
    pub fn date(&self, key: &str) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.str(key) else {
            return Ok(None);
        };
        newsgraph_input::parse_date(&v)
            .map(Some)
            .map_err(|e| ApiError::bad_request(format!("parameter `{key}`: {e} (expected YYYY-MM-DD)")))
    }

    /// A whole number in `0..=max`, `default` when absent.
    pub fn number(&self, key: &str, default: u64, max: u64) -> Result<u64, ApiError> {
        let Some(v) = self.str(key) else {
            return Ok(default);
        };
        match v.parse::<u64>() {
            Ok(n) if n <= max => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "parameter `{key}`: `{v}` is not a whole number from 0 to {max}"
            ))),
        }
    }

    /// A histogram bucket: `day`, `week` or `month` (the default).
    pub fn period(&self, key: &str) -> Result<Period, ApiError> {
        match self.str(key).as_deref() {
            None => Ok(Period::Month),
            Some(v) => v
                .parse()
                .map_err(|_| ApiError::bad_request(format!("parameter `{key}`: `{v}` is not one of day, week, month"))),
        }
    }
}

/// Checks `from <= to` when both are given.
pub fn date_order(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), ApiError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(ApiError::bad_request(format!("`from` ({f}) is after `to` ({t})"))),
        _ => Ok(()),
    }
}
