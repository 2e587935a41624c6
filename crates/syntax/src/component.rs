//! [`SyntaxComponent`]: POS tags for a [`Doc`], and [`analyze_doc`] for the chunk-level
//! analyses that event coding reads.

use std::sync::Arc;

use newsgraph_core::{Component, Doc, Layer};

use crate::analysis::SentenceSyntax;
use crate::tagger::Models;

/// Pipeline component `syntax`: fills `doc.pos`, parallel to `doc.tokens`.
#[derive(Debug, Clone)]
pub struct SyntaxComponent {
    models: Arc<Models>,
}

impl SyntaxComponent {
    /// A component over the given models.
    pub fn new(models: Arc<Models>) -> SyntaxComponent {
        SyntaxComponent { models }
    }

    /// A component over the committed models.
    pub fn with_default_models() -> crate::Result<SyntaxComponent> {
        Ok(SyntaxComponent::new(Arc::new(Models::load_default()?)))
    }

    /// The models.
    pub fn models(&self) -> &Arc<Models> {
        &self.models
    }
}

impl Component for SyntaxComponent {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Pos]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        let mut pos = Vec::with_capacity(doc.tokens.len());
        for si in 0..doc.sentences.len() {
            let range = doc.sentence_tokens(si);
            let words: Vec<&str> = doc.tokens[range].iter().map(|t| doc.slice(t.span)).collect();
            pos.extend(self.models.tag(&words));
        }
        if pos.len() != doc.tokens.len() {
            // Tokens outside every sentence: tag them as one more stretch so `pos` stays parallel.
            let covered: usize = (0..doc.sentences.len()).map(|i| doc.sentence_tokens(i).len()).sum();
            if covered != doc.tokens.len() {
                return Err(newsgraph_core::Error::Component {
                    component: "syntax".to_string(),
                    message: format!("{} tokens but {} inside sentences", doc.tokens.len(), covered),
                });
            }
        }
        doc.pos = pos;
        Ok(())
    }
}

/// Shallow syntax of every sentence of `doc`, reusing `doc.pos` when it is filled.
/// `result[i]` belongs to sentence `i`; token `k` of it is `doc.tokens[doc.sentence_tokens(i).start + k]`.
pub fn analyze_doc(models: &Models, doc: &Doc) -> Vec<SentenceSyntax> {
    let have_pos = doc.pos.len() == doc.tokens.len() && !doc.pos.is_empty();
    (0..doc.sentences.len())
        .map(|si| {
            let range = doc.sentence_tokens(si);
            let words: Vec<String> = doc.tokens[range.clone()]
                .iter()
                .map(|t| doc.slice(t.span).to_string())
                .collect();
            let (pos, chunks) = if have_pos {
                let pos = doc.pos[range].to_vec();
                let chunks = models.chunk(&words, &pos);
                (pos, chunks)
            } else {
                models.tag_and_chunk(&words)
            };
            SentenceSyntax::new(words, pos, chunks)
        })
        .collect()
}

/// Shallow syntax of one tokenized sentence.
pub fn analyze_words<S: AsRef<str>>(models: &Models, words: &[S]) -> SentenceSyntax {
    let (pos, chunks) = models.tag_and_chunk(words);
    SentenceSyntax::new(words.iter().map(|w| w.as_ref().to_string()).collect(), pos, chunks)
}
