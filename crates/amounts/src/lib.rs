//! Amounts in news text: money ("$250 billion" → 2.5e11 USD), percentages ("6.5 percent",
//! "2 percentage points") and counts ("four people" → 4 people), with scale words applied, the
//! approximation ("about", "more than"), ranges ("$3 billion to $5 billion") and the noun phrase
//! measured ("tariffs on $250 billion in trade" → "trade").
//!
//! What is *not* an amount, by design: dates ("Nov. 30"), years ("in 2013"), times ("4:30
//! p.m."), ordinals ("16th"), durations ("six months" — the time-expression layer owns them),
//! numbers inside names ("Group of 20", "G20", "Boeing 737", "No. 1"), scores and phone numbers
//! ("2-1", "555-1234"), and ages in "52-year-old" (an attribute of a person, not a quantity
//! reported about the world; GDELT counts them, which mostly adds noise).
//!
//! The vocabulary (currencies, scales, percent words, qualifiers, non-counted nouns, months) is
//! data: `data/vocabulary.txt`, one documented entry per line.
//!
//! ```
//! use newsgraph_core::{Article, Doc, Span};
//! let text = "The U.S. imposed tariffs on about $250 billion in trade.";
//! let mut doc = Doc::new(Article::new(text, chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap()));
//! doc.sentences.push(Span::new(0, text.len()));
//! let amounts = newsgraph_amounts::AmountsComponent::new().unwrap().extract(&doc);
//! assert_eq!(doc.slice(amounts[0].span), "$250 billion");
//! assert_eq!((amounts[0].value, amounts[0].unit.as_str()), (250e9, "USD"));
//! assert_eq!(amounts[0].approx.as_deref(), Some("about"));
//! assert_eq!(doc.slice(amounts[0].object.unwrap()), "trade");
//! ```

#![warn(missing_docs)]

mod extract;
mod scan;
pub mod vocab;

use newsgraph_core::{Amount, Component, Doc, Layer};

pub use vocab::Vocabulary;

/// Errors of the amounts crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed vocabulary line.
    #[error("amount vocabulary line {line}: {message}")]
    Vocabulary {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

/// The `amounts` pipeline component: fills `Doc::amounts`. Uses sentences to bound its
/// searches; works on the whole text as one sentence when there are none.
#[derive(Debug, Clone)]
pub struct AmountsComponent {
    vocab: Vocabulary,
}

impl AmountsComponent {
    /// The component with the committed vocabulary.
    pub fn new() -> Result<AmountsComponent, Error> {
        Ok(AmountsComponent {
            vocab: Vocabulary::builtin()?,
        })
    }

    /// The amounts of `doc`, in text order.
    pub fn extract(&self, doc: &Doc) -> Vec<Amount> {
        extract::extract(doc, &self.vocab)
    }
}

impl Component for AmountsComponent {
    fn name(&self) -> &'static str {
        "amounts"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Amounts]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        doc.amounts = self.extract(doc);
        Ok(())
    }
}
