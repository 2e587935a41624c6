//! Tone of an article: GDELT GKG tone fields (percentages of words that are positive, negative,
//! active, pronouns) and VADER-style compound sentiment per sentence and per article.
//!
//! Word polarity is contextual: a lexicon word counts as positive or negative after VADER's
//! rules for negation ("not good" is negative), intensifiers ("very") and contrast ("but").
//! The article compound is the mean of its sentences' compounds (VADER scores sentences; its
//! normalisation saturates on long texts).
//!
//! ```
//! assert!(newsgraph_tone::compound("The talks were very good.") > 0.4);
//! assert!(newsgraph_tone::compound("The talks were not good.") < 0.0);
//! ```

#![warn(missing_docs)]

pub mod vader;

use std::collections::HashSet;
use std::sync::OnceLock;

use newsgraph_core::{Component, Doc, Error, Layer, Span, Tone};

pub use vader::Lexicon;

const ACTIVITY_TXT: &str = include_str!("../data/activity.txt");
const PRONOUNS_TXT: &str = include_str!("../data/pronouns.txt");

/// The tone scorer: lexicon plus activity and pronoun word lists.
#[derive(Debug, Clone)]
pub struct ToneScorer {
    lexicon: Lexicon,
    activity: HashSet<String>,
    pronouns: HashSet<String>,
}

fn word_list(text: &str, grouped: bool) -> HashSet<String> {
    text.lines()
        .map(|l| if grouped { l.split('|').next().unwrap_or("") } else { l })
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect()
}

impl ToneScorer {
    /// The scorer with the committed VADER lexicon and word lists.
    pub fn new() -> Result<ToneScorer, Error> {
        let lexicon = Lexicon::parse(vader::VADER_TSV).map_err(|message| Error::Resource {
            name: "tone/data/vader_lexicon.tsv".into(),
            message,
        })?;
        Ok(ToneScorer {
            lexicon,
            activity: word_list(ACTIVITY_TXT, true),
            pronouns: word_list(PRONOUNS_TXT, false),
        })
    }

    /// Compound sentiment of `text` scored as one sentence, in [-1, 1].
    pub fn compound(&self, text: &str) -> f64 {
        let words: Vec<&str> = vader::words(text).collect();
        self.lexicon.score(&words, text).compound
    }

    fn is_active(&self, lower: &str) -> bool {
        if self.activity.contains(lower) {
            return true;
        }
        // Light stemming: attacks, attacked, attacking, pushes, seized, cutting.
        let stems = [
            lower.strip_suffix("ing"),
            lower.strip_suffix("ed"),
            lower.strip_suffix('d'),
            lower.strip_suffix("es"),
            lower.strip_suffix('s'),
        ];
        stems.into_iter().flatten().any(|s| {
            self.activity.contains(s)
                || self.activity.contains(&format!("{s}e"))
                || (s.len() > 2
                    && s.as_bytes()[s.len() - 1] == s.as_bytes()[s.len() - 2]
                    && self.activity.contains(&s[..s.len() - 1]))
        })
    }

    /// Tone of `doc` over its sentences (the whole text as one sentence when there are none).
    pub fn tone(&self, doc: &Doc) -> Tone {
        let text = doc.text();
        let whole = [Span::new(0, text.len())];
        let sentences: &[Span] = if doc.sentences.is_empty() {
            &whole
        } else {
            &doc.sentences
        };
        let (mut words, mut pos, mut neg, mut active, mut pron) = (0usize, 0usize, 0usize, 0usize, 0usize);
        let mut compounds = Vec::with_capacity(sentences.len());
        for &s in sentences {
            let st = doc.slice(s);
            let ws: Vec<&str> = vader::words(st).collect();
            let scored = self.lexicon.score(&ws, st);
            compounds.push(scored.compound);
            for (w, v) in ws.iter().zip(&scored.valences) {
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                words += 1;
                if *v > 0.0 {
                    pos += 1;
                } else if *v < 0.0 {
                    neg += 1;
                }
                let lower = w.to_lowercase();
                if self.pronouns.contains(&lower) {
                    pron += 1;
                }
                if self.is_active(&lower) {
                    active += 1;
                }
            }
        }
        let pct = |n: usize| {
            if words == 0 {
                0.0
            } else {
                100.0 * n as f64 / words as f64
            }
        };
        let (positive, negative) = (pct(pos), pct(neg));
        let compound = if compounds.is_empty() {
            0.0
        } else {
            compounds.iter().sum::<f64>() / compounds.len() as f64
        };
        Tone {
            tone: positive - negative,
            positive,
            negative,
            polarity: positive + negative,
            activity_density: pct(active),
            self_group_density: pct(pron),
            word_count: words,
            compound,
            sentences: compounds,
        }
    }
}

fn shared() -> Option<&'static ToneScorer> {
    static SCORER: OnceLock<Option<ToneScorer>> = OnceLock::new();
    SCORER.get_or_init(|| ToneScorer::new().ok()).as_ref()
}

/// Compound sentiment of `text` (one sentence or a quote) in [-1, 1], with the committed
/// lexicon; 0 if the lexicon could not be loaded (it is compiled in, so that does not happen).
pub fn compound(text: &str) -> f64 {
    shared().map_or(0.0, |s| s.compound(text))
}

/// The `tone` pipeline component: fills `Doc::tone`.
#[derive(Debug, Clone)]
pub struct ToneComponent {
    scorer: ToneScorer,
}

impl ToneComponent {
    /// The component with the committed lexicon.
    pub fn new() -> Result<ToneComponent, Error> {
        Ok(ToneComponent {
            scorer: ToneScorer::new()?,
        })
    }
}

impl Component for ToneComponent {
    fn name(&self) -> &'static str {
        "tone"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tone]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        doc.tone = Some(self.scorer.tone(doc));
        Ok(())
    }
}
