//! [`Doc`]: one article's text plus its annotation layers.

use std::sync::OnceLock;

use crate::layers::{Amount, Entity, Event, Quote, Timex, Token, Tone};
use crate::{Article, CharOffsets, Span};

/// One article under analysis: the original text, never changed, and stand-off layers over it.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The input article (id, date, metadata, text).
    pub article: Article,
    /// Paragraph spans, in order, covering the text without surrounding blank lines.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order; each lies inside one paragraph.
    pub sentences: Vec<Span>,
    /// Tokens, in order; each lies inside one sentence.
    pub tokens: Vec<Token>,
    /// For each token, the index of its sentence (parallel to `tokens`).
    pub token_sentence: Vec<u32>,
    /// Part-of-speech tags, parallel to `tokens`, when a tagger ran.
    pub pos: Vec<String>,
    /// Entities with their mentions.
    pub entities: Vec<Entity>,
    /// Temporal expressions.
    pub timexes: Vec<Timex>,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Amounts.
    pub amounts: Vec<Amount>,
    /// Tone, when computed.
    pub tone: Option<Tone>,
    /// CAMEO-coded events.
    pub events: Vec<Event>,
    offsets: OnceLock<CharOffsets>,
}

impl Doc {
    /// A document with no annotations yet.
    pub fn new(article: Article) -> Doc {
        Doc {
            article,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            token_sentence: Vec::new(),
            pos: Vec::new(),
            entities: Vec::new(),
            timexes: Vec::new(),
            quotes: Vec::new(),
            amounts: Vec::new(),
            tone: None,
            events: Vec::new(),
            offsets: OnceLock::new(),
        }
    }

    /// The article text.
    pub fn text(&self) -> &str {
        &self.article.text
    }

    /// The text of a span. Returns `""` for a span that is out of range or not on character
    /// boundaries rather than panicking: a component bug must not take the batch down.
    pub fn slice(&self, span: Span) -> &str {
        self.article.text.get(span.start..span.end).unwrap_or("")
    }

    /// The byte → code-point map of the text, built on first use.
    pub fn offsets(&self) -> &CharOffsets {
        self.offsets.get_or_init(|| CharOffsets::new(&self.article.text))
    }

    /// Indices of the tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> std::ops::Range<usize> {
        let lo = self.token_sentence.partition_point(|&s| (s as usize) < i);
        let hi = self.token_sentence.partition_point(|&s| (s as usize) <= i);
        lo..hi
    }

    /// Index of the sentence containing byte offset `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= at);
        (i < self.sentences.len() && self.sentences[i].start <= at).then_some(i)
    }

    /// Index of the first token that ends after byte `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= at)
    }
}
