//! The pipeline component: one [`Entity`] per recognized name mention.

use std::sync::Arc;

use newsgraph_core::{Component, Doc, Entity, Layer, Mention, MentionKind, Span};

use crate::model::Model;
use crate::running::{self, Segmentation};

/// Named-entity recognition as a pipeline step. Requires sentences and tokens; writes one
/// [`Entity`] per mention (ids `E<n>` continuing after any entities already present), which a
/// later coreference step merges into clusters.
#[derive(Debug, Clone)]
pub struct NerComponent {
    model: Arc<Model>,
}

impl NerComponent {
    /// A component using `model`.
    pub fn new(model: Arc<Model>) -> NerComponent {
        NerComponent { model }
    }

    /// A component using the committed default model.
    pub fn with_default_model() -> crate::Result<NerComponent> {
        Ok(NerComponent {
            model: Arc::new(Model::load_default()?),
        })
    }
}

impl Component for NerComponent {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }

    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }

    fn process(&self, doc: &mut Doc) -> newsgraph_core::Result<()> {
        if doc.token_sentence.len() != doc.tokens.len() {
            return Err(newsgraph_core::Error::Component {
                component: "ner".into(),
                message: format!(
                    "{} tokens but {} token_sentence entries",
                    doc.tokens.len(),
                    doc.token_sentence.len()
                ),
            });
        }
        let seg = Segmentation {
            sentences: doc.sentences.clone(),
            tokens: doc.tokens.iter().map(|t| t.span).collect(),
            token_sentence: doc.token_sentence.clone(),
        };
        let mentions = running::tag_segmented(&self.model, doc.text(), &seg);
        for (next, m) in (doc.entities.len() + 1..).zip(mentions) {
            let name = doc.slice(m.span).to_string();
            doc.entities.push(Entity {
                id: format!("E{next}"),
                name,
                etype: m.label.entity_type(),
                mentions: vec![Mention {
                    span: m.span,
                    kind: MentionKind::Name,
                }],
                link: None,
                titles: m.title.into_iter().collect::<Vec<Span>>(),
            });
        }
        Ok(())
    }
}
