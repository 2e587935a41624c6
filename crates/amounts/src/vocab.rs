//! The amount vocabulary (`data/vocabulary.txt`).

use std::collections::HashMap;

use crate::Error;

use newsgraph_core::fnv::FnvBuild;

/// The committed vocabulary.
pub const VOCABULARY_TXT: &str = include_str!("../data/vocabulary.txt");

/// What a vocabulary entry is.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A currency sign or code before the number, with its ISO code.
    CurrencyBefore(String),
    /// A currency word or code after the number, with its ISO code.
    CurrencyAfter(String),
    /// A multiplier.
    Scale(f64),
    /// Percent; `Some(true)` percentage points, `None` points only in a percent context.
    Percent(Option<bool>),
    /// An approximation qualifier with its normalized name.
    Approx(String),
    /// A noun that makes the number something other than an amount.
    NotCounted,
    /// A month name.
    Month,
}

/// The vocabulary, keyed by lower-cased words joined with spaces.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    map: HashMap<String, Vec<Entry>, FnvBuild>,
    longest: usize,
}

impl Vocabulary {
    /// Parses a vocabulary in the `data/vocabulary.txt` format.
    pub fn parse(text: &str) -> Result<Vocabulary, Error> {
        let mut v = Vocabulary::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |m: &str| Error::Vocabulary {
                line: n + 1,
                message: m.to_string(),
            };
            let cols: Vec<&str> = line.split(" | ").map(str::trim).collect();
            let [words, kind, value, why] = cols.as_slice() else {
                return Err(bad("expected `WORDS | KIND | VALUE | WHY`"));
            };
            if why.is_empty() {
                return Err(bad("every entry needs its reason"));
            }
            let entry = match *kind {
                "currency_before" => Entry::CurrencyBefore(value.to_string()),
                "currency_after" => Entry::CurrencyAfter(value.to_string()),
                "scale" => Entry::Scale(value.parse().map_err(|_| bad("scale value must be a number"))?),
                "percent" => Entry::Percent(match *value {
                    "%" => Some(false),
                    "pp" => Some(true),
                    "pp_if_percent" => None,
                    _ => return Err(bad("percent value must be `%`, `pp` or `pp_if_percent`")),
                }),
                "approx_before" => Entry::Approx(value.to_string()),
                "not_counted" => Entry::NotCounted,
                "month" => Entry::Month,
                other => return Err(bad(&format!("unknown kind `{other}`"))),
            };
            let key = words.replace('_', " ").to_lowercase();
            v.longest = v.longest.max(key.split(' ').count());
            v.map.entry(key).or_default().push(entry);
        }
        Ok(v)
    }

    /// The committed vocabulary.
    pub fn builtin() -> Result<Vocabulary, Error> {
        Vocabulary::parse(VOCABULARY_TXT)
    }

    /// Entries for a lower-cased key.
    pub(crate) fn get(&self, key: &str) -> &[Entry] {
        self.map.get(key).map_or(&[], Vec::as_slice)
    }

    /// Longest entry in words.
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }
}
