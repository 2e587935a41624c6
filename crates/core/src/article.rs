//! An input article: text, publication date and metadata, before any analysis.

use chrono::NaiveDate;
use serde_json::{Map, Value};

/// One dated news article as read from input.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The given id, or a stable hash of date and text (see [`Article::content_id`]).
    pub id: String,
    /// Publication date: the anchor for every relative time expression.
    pub date: NaiveDate,
    /// Headline, when given.
    pub title: Option<String>,
    /// Source URL, when given.
    pub url: Option<String>,
    /// Publisher or outlet, when given.
    pub source: Option<String>,
    /// Any other input fields, kept as they were.
    pub meta: Map<String, Value>,
    /// The article text, exactly as given.
    pub text: String,
}

impl Article {
    /// An article with only text and date; its id is derived from both.
    pub fn new(text: impl Into<String>, date: NaiveDate) -> Article {
        let text = text.into();
        Article {
            id: Article::content_id(&text, date),
            date,
            title: None,
            url: None,
            source: None,
            meta: Map::new(),
            text,
        }
    }

    /// The stable id of an article without a given one: the first 80 bits of a 128-bit FNV-1a
    /// hash of `date` and `text`, in hex. The same text and date always give the same id, on
    /// every platform and in every version (the hash is spelled out here, not taken from std).
    pub fn content_id(text: &str, date: NaiveDate) -> String {
        const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
        const PRIME: u128 = 0x0000000001000000000000000000013B;
        let mut h = OFFSET;
        let date = date.format("%Y-%m-%d").to_string();
        for b in date.bytes().chain(std::iter::once(b'\n')).chain(text.bytes()) {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
        format!("{:020x}", h >> 48)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_is_stable_and_depends_on_date_and_text() {
        let d = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
        let a = Article::content_id("Trade talks.", d);
        assert_eq!(a.len(), 20);
        assert_eq!(a, Article::content_id("Trade talks.", d));
        assert_ne!(a, Article::content_id("Trade talks!", d));
        assert_ne!(a, Article::content_id("Trade talks.", d.succ_opt().unwrap()));
        // Frozen: changing the hash would change every stored article's id.
        assert_eq!(a, "9ebf4d64b455cdf22cb2");
    }
}
