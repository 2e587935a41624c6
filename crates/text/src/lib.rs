//! Text layer: paragraphs, sentences and tokens of news text, as byte spans.
//!
//! [`segment`] splits a text into paragraphs, each paragraph into sentences and each sentence
//! into tokens; [`TextComponent`] does the same for a [`Doc`] in a pipeline. Everything is one
//! hand-written scan per layer, with ASCII fast paths and no regular expressions; it never panics,
//! whatever the input.
//!
//! - **Paragraphs** end at every line break, not only at blank lines, because news feeds often put
//!   one paragraph per line; a line that ends with a dash or a next line that starts in lower case
//!   continues the paragraph (see the `paragraph` module). Spans exclude surrounding whitespace.
//! - **Sentences** never cross a paragraph. They handle abbreviations (`data/abbreviations.txt`),
//!   initials, decimals, quotes that end a sentence and their attributions (`…nicely.” Trump
//!   wrote.`), and datelines (see the `sentence` module).
//! - **Tokens** follow Penn Treebank / CoNLL conventions: `Xi’s` → `Xi` `’s`, `don't` → `do`
//!   `n't`, `$250` → `$` `250`, `6.5%` → `6.5` `%`, `U.S.-China` → `U.S.` `-` `China`, while
//!   `state-owned`, `1,200`, `2018-11-02`, `a.m.`, URLs and e-mail addresses stay whole (see
//!   [`tokenize`]).
//!
//! Quality and speed, with the commands that measure them:
//!
//! - CoNLL-2003 dev, exact span match against gold: token F1 0.9989, sentence F1 0.980
//!   (`cargo run --release -p newsgraph-text --example conll_eval`; floor test
//!   `tests/conll_floor.rs`). Most sentence disagreements are hard-wrapped lines that CoNLL counts
//!   as sentences; most token ones are CoNLL habits the PTB conventions here overrule.
//! - The seed article: exactly its 37 sentences and 25 paragraphs (`tests/seed.rs`).
//! - About 150 MB/s of CPU time on one core (`cargo run --release -p newsgraph-text --example
//!   throughput`); criterion's wall-clock figure is in `benches/RESULTS.md`
//!   (`cargo bench -p newsgraph-text`).
//!
//! The word lists the rules use are data, each group documented with its reason:
//! `data/abbreviations.txt`, `data/sentence_starters.txt`, `data/speech_verbs.txt`.
//!
//! ```
//! let text = "WASHINGTON (Reuters) - U.S. President Donald Trump said on Thursday that talks \
//!             were “moving along nicely.” The next round starts Nov. 30.\n\nXi’s reply came later.";
//! let seg = newsgraph_text::segment(text);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| &text[s.start..s.end]).collect();
//! assert_eq!(sentences, [
//!     "WASHINGTON (Reuters) - U.S. President Donald Trump said on Thursday that talks were \
//!      “moving along nicely.”",
//!     "The next round starts Nov. 30.",
//!     "Xi’s reply came later.",
//! ]);
//! assert_eq!(seg.paragraphs.len(), 2);
//! let last: Vec<&str> = seg.tokens[seg.tokens.len() - 6..]
//!     .iter()
//!     .map(|t| &text[t.span.start..t.span.end])
//!     .collect();
//! assert_eq!(last, ["Xi", "’s", "reply", "came", "later", "."]);
//! assert_eq!(seg.token_sentence.last(), Some(&2));
//! ```

mod chars;
mod lexicon;
mod paragraph;
mod sentence;
mod tokenize;

use newsgraph_core::{Component, Doc, Layer, Span, Token};

pub use tokenize::tokenize;

/// The paragraphs, sentences and tokens of a text.
///
/// All spans are byte offsets into the text, in order and non-overlapping. Every sentence lies
/// inside one paragraph and every paragraph holds at least one sentence; every token lies inside
/// one sentence and every sentence holds at least one token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Paragraph spans, without surrounding whitespace.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, from their first token's start to their last token's end.
    pub sentences: Vec<Span>,
    /// Tokens.
    pub tokens: Vec<Token>,
    /// For each token, the index of its sentence (parallel to `tokens`).
    pub token_sentence: Vec<u32>,
}

/// Splits `text` into paragraphs, sentences and tokens.
pub fn segment(text: &str) -> Segmentation {
    let paragraphs = paragraph::split(text);
    // News text averages about six bytes per token and 150 per sentence.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
    let mut token_sentence = Vec::with_capacity(text.len() / 5 + 1);
    for p in &paragraphs {
        let first = tokens.len();
        tokenize(text, *p, &mut tokens);
        let para = &tokens[first..];
        sentence::split(text, para, |a, b| {
            let id = u32::try_from(sentences.len()).unwrap_or(u32::MAX);
            sentences.push(Span::new(para[a].span.start, para[b - 1].span.end));
            token_sentence.resize(first + b, id);
        });
    }
    // `paragraph::split` trims with the tokenizer's own notion of space, so no paragraph is empty
    // of tokens; keeping only paragraphs with sentences makes that invariant hold by construction.
    let paragraphs = if sentences.is_empty() {
        Vec::new()
    } else {
        paragraphs
            .into_iter()
            .filter(|p| {
                let i = sentences.partition_point(|s| s.end <= p.start);
                sentences.get(i).is_some_and(|s| p.contains(*s))
            })
            .collect()
    };
    Segmentation {
        paragraphs,
        sentences,
        tokens,
        token_sentence,
    }
}

/// The pipeline component filling a [`Doc`]'s paragraphs, sentences and tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextComponent;

impl Component for TextComponent {
    fn name(&self) -> &'static str {
        "text"
    }

    fn requires(&self) -> &'static [Layer] {
        &[]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Sentences, Layer::Tokens]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        let seg = segment(doc.text());
        doc.paragraphs = seg.paragraphs;
        doc.sentences = seg.sentences;
        doc.tokens = seg.tokens;
        doc.token_sentence = seg.token_sentence;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_fills_the_doc() {
        let date = chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap();
        let mut doc = Doc::new(newsgraph_core::Article::new("Hi there. Bye.\nNext.", date));
        TextComponent.process(&mut doc).unwrap();
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.tokens.len(), 7);
        assert_eq!(doc.token_sentence, [0, 0, 0, 1, 1, 2, 2]);
        assert_eq!(doc.sentence_tokens(1), 3..5);
    }
}
