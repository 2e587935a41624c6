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

use std::sync::OnceLock;

use newsgraph_core::{Component, Doc, Error, Layer, Span, Tone};

pub use vader::Lexicon;

const ACTIVITY_TXT: &str = include_str!("../data/activity.txt");
const PRONOUNS_TXT: &str = include_str!("../data/pronouns.txt");

/// The tone scorer: lexicon plus activity and pronoun word lists.
#[derive(Debug, Clone)]
pub struct ToneScorer {
    lexicon: Lexicon,
}

fn word_list(text: &str, grouped: bool) -> impl Iterator<Item = &str> {
    text.lines()
        .map(move |l| if grouped { l.split('|').next().unwrap_or("") } else { l })
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
}

/// Inflections of an activity word: attacks, attacked, attacking, pushes, seized, cutting.
fn inflections(w: &str) -> Vec<String> {
    let mut out = vec![
        w.to_string(),
        format!("{w}s"),
        format!("{w}es"),
        format!("{w}ed"),
        format!("{w}ing"),
    ];
    if let Some(stem) = w.strip_suffix('e') {
        out.push(format!("{w}d"));
        out.push(format!("{stem}ing"));
    }
    if let Some(stem) = w.strip_suffix('y') {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
    }
    if let Some(last) = w.chars().last() {
        // cut → cutting, plan → planned
        if !"aeiouwy".contains(last) && w.len() <= 4 {
            out.push(format!("{w}{last}ing"));
            out.push(format!("{w}{last}ed"));
        }
    }
    out
}

impl ToneScorer {
    /// The scorer with the committed VADER lexicon and word lists.
    pub fn new() -> Result<ToneScorer, Error> {
        let mut lexicon = Lexicon::parse(vader::VADER_TSV).map_err(|message| Error::Resource {
            name: "tone/data/vader_lexicon.tsv".into(),
            message,
        })?;
        let pronouns: Vec<String> = word_list(PRONOUNS_TXT, false).map(str::to_lowercase).collect();
        lexicon.mark(pronouns.iter().map(String::as_str), true);
        let active: Vec<String> = word_list(ACTIVITY_TXT, true)
            .flat_map(|w| inflections(&w.to_lowercase()))
            .collect();
        lexicon.mark(active.iter().map(String::as_str), false);
        Ok(ToneScorer { lexicon })
    }

    /// Compound sentiment of `text` scored as one sentence, in [-1, 1].
    pub fn compound(&self, text: &str) -> f64 {
        let words: Vec<&str> = vader::words(text).collect();
        self.lexicon.score(&words, text).compound
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
        let mut ws: Vec<&str> = Vec::new();
        for &s in sentences {
            let st = doc.slice(s);
            ws.clear();
            ws.extend(vader::words(st));
            let scored = self.lexicon.score(&ws, st);
            compounds.push(scored.compound);
            words += scored.words;
            active += scored.active;
            pron += scored.pronouns;
            for (w, v) in ws.iter().zip(&scored.valences) {
                if *v != 0.0 && w.chars().any(char::is_alphabetic) {
                    if *v > 0.0 {
                        pos += 1;
                    } else {
                        neg += 1;
                    }
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
        // Quotes, when an earlier component found them, get the tone of their own words.
        let text = &doc.article.text;
        for q in &mut doc.quotes {
            q.tone = text
                .get(q.span.start..q.span.end)
                .map(|words| self.scorer.compound(words));
        }
        Ok(())
    }
}
