//! TIMEX3 temporal expressions for newsgraph: recognition, normalization against the article's
//! publication date (the DCT), TimeML reading/writing and TempEval-3 evaluation.
//!
//! Rules and vocabulary are data (`resources/rules.toml`, `resources/vocab.toml`), compiled once
//! per process into regex matchers. Underspecified dates resolve against the DCT by the tense of
//! their clause; nothing reads the wall clock.
//!
//! ```
//! use chrono::NaiveDate;
//! let dct = NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
//! let t = newsgraph_timex::annotate("Xi called on Thursday and talks resume next month.", dct, &[]);
//! let values: Vec<&str> = t.iter().map(|t| t.value.as_str()).collect();
//! assert_eq!(values, ["2018-11-01", "2018-12"]);
//! ```
#![warn(missing_docs)]

mod calendar;
pub mod error;
pub mod eval;
mod lexicon;
mod split;
mod tagger;
mod tense;
pub mod timeml;

use chrono::NaiveDate;
use newsgraph_core::{Component, Doc, Layer, Span, Timex};

pub use error::TimexError;
pub use eval::{eval_dir, EvalOptions, EvalReport};
pub use lexicon::{resource_versions, rule_defs, RuleDef};
pub use split::split_sentences;
pub use timeml::{parse_tml, read_tml, to_timeml, TmlDoc, TmlTimex};

/// Tagger options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Tag ages ("a 52-year-old") as durations. TimeBank's annotators did not, so
    /// [`Options::timebank`] turns this off.
    pub ages: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { ages: true }
    }
}

impl Options {
    /// The TimeBank annotation conventions (used by the evaluation): no ages.
    pub fn timebank() -> Options {
        Options { ages: false }
    }
}

/// Tags and normalizes the temporal expressions of `text` against the publication date `dct`.
///
/// `sentences` (byte spans) scope tense cues and anchors; pass `&[]` to use the built-in splitter.
/// Returns timexes in text order with byte spans. The resources are compiled into the crate and
/// checked by its tests, so this cannot fail in a released build; should they ever fail to load,
/// it returns no timexes (use [`annotate_with`] to see the error).
pub fn annotate(text: &str, dct: NaiveDate, sentences: &[Span]) -> Vec<Timex> {
    annotate_with(text, dct, sentences, &Options::default()).unwrap_or_default()
}

/// [`annotate`] with options, reporting resource errors.
pub fn annotate_with(
    text: &str,
    dct: NaiveDate,
    sentences: &[Span],
    options: &Options,
) -> Result<Vec<Timex>, TimexError> {
    let lex = lexicon::lexicon()?;
    let own;
    let sentences = if sentences.is_empty() {
        own = split_sentences(text);
        &own[..]
    } else {
        sentences
    };
    Ok(tagger::tag(lex, text, dct, sentences, options)
        .into_iter()
        .map(|(t, _)| t)
        .collect())
}

/// [`annotate_with`], each timex paired with the id of the rule that produced it (see
/// `resources/rules.toml`): for fixtures, error analysis and explaining output to users.
pub fn annotate_explained(
    text: &str,
    dct: NaiveDate,
    sentences: &[Span],
    options: &Options,
) -> Result<Vec<(Timex, &'static str)>, TimexError> {
    let lex = lexicon::lexicon()?;
    let own;
    let sentences = if sentences.is_empty() {
        own = split_sentences(text);
        &own[..]
    } else {
        sentences
    };
    Ok(tagger::tag(lex, text, dct, sentences, options))
}

/// The pipeline component: fills `doc.timexes` from the text, its sentences and its date.
#[derive(Debug, Clone, Default)]
pub struct TimexComponent {
    options: Options,
}

impl TimexComponent {
    /// A component with default options; compiles the resources now so errors surface early.
    pub fn new() -> Result<TimexComponent, TimexError> {
        TimexComponent::with_options(Options::default())
    }

    /// A component with the given options.
    pub fn with_options(options: Options) -> Result<TimexComponent, TimexError> {
        lexicon::lexicon()?;
        Ok(TimexComponent { options })
    }
}

impl Component for TimexComponent {
    fn name(&self) -> &'static str {
        "timex"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        let timexes = annotate_with(doc.text(), doc.article.date, &doc.sentences, &self.options)?;
        doc.timexes = timexes;
        Ok(())
    }
}
