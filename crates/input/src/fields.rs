//! Turning one JSON object into an [`Article`].

use chrono::{DateTime, NaiveDate};
use newsgraph_core::Article;
use serde_json::{Map, Value};

use crate::InputErrorKind;

/// Field names accepted for the text, in order of preference.
const TEXT_FIELDS: [&str; 3] = ["text", "body", "content"];
/// Field names accepted for the publication date, in order of preference.
const DATE_FIELDS: [&str; 3] = ["date", "published", "publish_date"];

/// Parses a publication date: `YYYY-MM-DD`, or an RFC 3339 timestamp whose own calendar date
/// (in its own offset, as the publisher wrote it) is taken.
pub fn parse_date(s: &str) -> Result<NaiveDate, InputErrorKind> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') && s.as_bytes().get(7) == Some(&b'-') {
        let (y, m, d) = (s[0..4].parse::<i32>(), s[5..7].parse::<u32>(), s[8..10].parse::<u32>());
        if let (Ok(y), Ok(m), Ok(d)) = (y, m, d) {
            return NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| InputErrorKind::BadDate(format!("impossible date `{s}`")));
        }
    }
    if let Ok(ts) = DateTime::parse_from_rfc3339(s) {
        return Ok(ts.date_naive());
    }
    // An RFC 3339-looking stamp with an impossible day deserves the same message as a plain one.
    if s.len() > 10 && s.is_char_boundary(10) && matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        if let Err(InputErrorKind::BadDate(m)) = parse_date(&s[..10]) {
            return Err(InputErrorKind::BadDate(m));
        }
    }
    Err(InputErrorKind::BadDate(format!(
        "unreadable date `{s}` (expected YYYY-MM-DD or RFC 3339)"
    )))
}

fn take_string(obj: &mut Map<String, Value>, field: &str) -> Result<Option<String>, InputErrorKind> {
    match obj.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(InputErrorKind::FieldType {
            field: field.to_string(),
            expected: "a string",
        }),
    }
}

/// Builds an article from one JSON value. `default_date` (from `--date`) applies when the record
/// has no date of its own. Unknown fields go to `meta`, in input order.
pub fn parse_json_article(value: Value, default_date: Option<NaiveDate>) -> Result<Article, InputErrorKind> {
    let mut obj = match value {
        Value::Object(o) => o,
        Value::Array(_) => return Err(InputErrorKind::NotAnObject("an array")),
        Value::String(_) => return Err(InputErrorKind::NotAnObject("a string")),
        Value::Number(_) => return Err(InputErrorKind::NotAnObject("a number")),
        Value::Bool(_) => return Err(InputErrorKind::NotAnObject("a boolean")),
        Value::Null => return Err(InputErrorKind::NotAnObject("null")),
    };
    let mut text = None;
    for f in TEXT_FIELDS {
        if obj.get(f).is_some_and(|v| !v.is_null()) {
            text = take_string(&mut obj, f)?;
            break;
        }
    }
    let text = text.ok_or(InputErrorKind::MissingText)?;
    if text.trim().is_empty() {
        return Err(InputErrorKind::EmptyText);
    }
    let mut date = None;
    for f in DATE_FIELDS {
        if obj.get(f).is_some_and(|v| !v.is_null()) {
            let raw = take_string(&mut obj, f)?.unwrap_or_default();
            date = Some(parse_date(&raw)?);
            break;
        }
    }
    let date = date.or(default_date).ok_or(InputErrorKind::MissingDate)?;
    let id = match obj.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            return Err(InputErrorKind::FieldType {
                field: "id".into(),
                expected: "a non-empty string or a number",
            })
        }
    };
    let title = take_string(&mut obj, "title")?;
    let url = take_string(&mut obj, "url")?;
    // Many feeds say `publisher` for the outlet; take it when there is no `source`.
    let mut source = take_string(&mut obj, "source")?;
    if source.is_none() {
        source = take_string(&mut obj, "publisher")?;
    }
    let mut article = Article::new(text, date);
    if let Some(id) = id {
        article.id = id;
    }
    article.title = title;
    article.url = url;
    article.source = source;
    article.meta = obj;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_plain_and_rfc3339() {
        assert_eq!(parse_date("2018-11-02").unwrap().to_string(), "2018-11-02");
        assert_eq!(
            parse_date("2018-11-02T23:30:00-05:00").unwrap().to_string(),
            "2018-11-02"
        );
        assert_eq!(parse_date("2016-02-29").unwrap().to_string(), "2016-02-29");
    }

    #[test]
    fn impossible_and_unreadable_dates_are_named() {
        assert_eq!(
            parse_date("2018-02-30").unwrap_err().to_string(),
            "impossible date `2018-02-30`"
        );
        assert_eq!(
            parse_date("2015-02-29T10:00:00Z").unwrap_err().to_string(),
            "impossible date `2015-02-29`"
        );
        assert!(parse_date("Nov 2, 2018")
            .unwrap_err()
            .to_string()
            .starts_with("unreadable date"));
    }

    #[test]
    fn alternate_field_names_and_meta() {
        let a = parse_json_article(
            json!({"body": "Words.", "published": "2018-11-02T08:00:00Z", "id": 7, "lang": "en", "source": "Wire"}),
            None,
        )
        .unwrap();
        assert_eq!(a.text, "Words.");
        assert_eq!(a.id, "7");
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.meta.get("lang"), Some(&json!("en")));
        assert!(a.meta.get("body").is_none());
        let b = parse_json_article(json!({"content": "More.", "publish_date": "2018-11-03"}), None).unwrap();
        assert_eq!(b.date.to_string(), "2018-11-03");
        assert_eq!(b.id, Article::content_id("More.", b.date));
        let c = parse_json_article(
            json!({"text": "T.", "date": "2018-01-01", "publisher": "breitbart"}),
            None,
        )
        .unwrap();
        assert_eq!(c.source.as_deref(), Some("breitbart"));
        assert!(c.meta.is_empty());
    }

    #[test]
    fn missing_fields_and_wrong_types() {
        let d = NaiveDate::from_ymd_opt(2018, 1, 1);
        assert!(matches!(
            parse_json_article(json!({"date": "2018-01-01"}), None),
            Err(InputErrorKind::MissingText)
        ));
        assert!(matches!(
            parse_json_article(json!({"text": "x"}), None),
            Err(InputErrorKind::MissingDate)
        ));
        assert_eq!(parse_json_article(json!({"text": "x"}), d).unwrap().date, d.unwrap());
        assert!(matches!(
            parse_json_article(json!({"text": "  "}), d),
            Err(InputErrorKind::EmptyText)
        ));
        assert!(matches!(
            parse_json_article(json!({"text": 3}), d),
            Err(InputErrorKind::FieldType { .. })
        ));
        assert!(matches!(
            parse_json_article(json!([1]), d),
            Err(InputErrorKind::NotAnObject("an array"))
        ));
    }
}
