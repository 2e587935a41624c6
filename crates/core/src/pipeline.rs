//! Components and the pipeline that runs them in a checked order.

use std::fmt;
use std::sync::Arc;

use crate::{Doc, Error, Result};

/// An annotation layer of a [`Doc`], named in components' `requires` and `assigns`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// `Doc::paragraphs`.
    Paragraphs,
    /// `Doc::sentences`.
    Sentences,
    /// `Doc::tokens` and `Doc::token_sentence`.
    Tokens,
    /// `Doc::pos`.
    Pos,
    /// `Doc::entities`.
    Entities,
    /// `Doc::timexes`.
    Timexes,
    /// `Doc::quotes`.
    Quotes,
    /// `Doc::amounts`.
    Amounts,
    /// `Doc::tone`.
    Tone,
    /// `Doc::events`.
    Events,
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Layer::Paragraphs => "paragraphs",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Pos => "pos",
            Layer::Entities => "entities",
            Layer::Timexes => "timexes",
            Layer::Quotes => "quotes",
            Layer::Events => "events",
            Layer::Amounts => "amounts",
            Layer::Tone => "tone",
        };
        f.write_str(name)
    }
}

/// One step of analysis. Components are shared across threads, so `process` takes `&self`.
pub trait Component: Send + Sync {
    /// A short unique name (`text`, `ner`, `timex`), used by `--components` and `--disable`.
    fn name(&self) -> &'static str;
    /// Layers this component reads; an earlier component must assign each.
    fn requires(&self) -> &'static [Layer];
    /// Layers this component writes.
    fn assigns(&self) -> &'static [Layer];
    /// Annotates one document. An error skips that document, never the batch.
    fn process(&self, doc: &mut Doc) -> Result<()>;
}

/// An ordered list of components, checked when built.
#[derive(Clone)]
pub struct Pipeline {
    components: Vec<Arc<dyn Component>>,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

/// Builds a [`Pipeline`] and checks its order.
#[derive(Default)]
pub struct PipelineBuilder {
    components: Vec<Arc<dyn Component>>,
}

impl PipelineBuilder {
    /// An empty builder.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Appends a component.
    pub fn push(mut self, component: Arc<dyn Component>) -> PipelineBuilder {
        self.components.push(component);
        self
    }

    /// Checks that every required layer is assigned by an earlier component.
    pub fn build(self) -> Result<Pipeline> {
        let order = self.components.iter().map(|c| c.name()).collect::<Vec<_>>().join(" → ");
        let mut assigned: Vec<Layer> = Vec::new();
        for c in &self.components {
            for layer in c.requires() {
                if !assigned.contains(layer) {
                    return Err(Error::MissingLayer {
                        component: c.name().to_string(),
                        layer: layer.to_string(),
                        order,
                    });
                }
            }
            assigned.extend_from_slice(c.assigns());
        }
        Ok(Pipeline {
            components: self.components,
        })
    }
}

impl Pipeline {
    /// Component names in run order.
    pub fn names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// The components in run order (for per-component timing and introspection).
    pub fn components(&self) -> &[Arc<dyn Component>] {
        &self.components
    }

    /// Runs every component on `doc`, stopping at the first error.
    pub fn process(&self, doc: &mut Doc) -> Result<()> {
        for c in &self.components {
            c.process(doc)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Span};

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Component for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn assigns(&self) -> &'static [Layer] {
            self.2
        }
        fn process(&self, doc: &mut Doc) -> Result<()> {
            doc.sentences.push(Span::new(0, 0));
            Ok(())
        }
    }

    #[test]
    fn rejects_a_component_before_its_requirement() {
        let err = PipelineBuilder::new()
            .push(Arc::new(Fake("ner", &[Layer::Tokens], &[Layer::Entities])))
            .push(Arc::new(Fake("text", &[], &[Layer::Tokens])))
            .build()
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("`ner` requires layer `tokens`"), "{msg}");
        assert!(msg.contains("ner → text"), "{msg}");
    }

    #[test]
    fn runs_components_in_order() {
        let p = PipelineBuilder::new()
            .push(Arc::new(Fake("text", &[], &[Layer::Tokens])))
            .push(Arc::new(Fake("ner", &[Layer::Tokens], &[Layer::Entities])))
            .build()
            .unwrap();
        assert_eq!(p.names(), ["text", "ner"]);
        let mut doc = Doc::new(Article::new("x", chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap()));
        p.process(&mut doc).unwrap();
        assert_eq!(doc.sentences.len(), 2);
    }
}
