//! The registry of analysis components, in canonical order, and the pipeline built from it.
//!
//! The CLI (`newsgraph analyze`, `ingest`, `eval`, `bench`) and the HTTP server (`POST
//! /api/analyze`) both build their pipelines here, so a component switched on or off means the
//! same thing everywhere.
//!
//! ```
//! let pipeline = newsgraph_pipeline::build(Some(&["text".to_string()]), &[]).unwrap();
//! assert_eq!(pipeline.components().len(), 1);
//! ```

use std::path::PathBuf;
use std::sync::Arc;

use newsgraph_core::{Component, Error, Layer, Pipeline, PipelineBuilder, Result};

/// A component the registry knows how to build.
pub struct Entry {
    /// Its name, as in `--components`.
    pub name: &'static str,
    /// One line on what it does.
    pub about: &'static str,
    build: fn(&Options) -> Result<Arc<dyn Component>>,
}

/// Settings of the components that take any.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// User event dictionaries (PETRARCH-2 formats) overriding the shipped ones (`--dictionaries`).
    pub dictionaries: Option<PathBuf>,
}

impl Entry {
    /// Builds the component with default options, loading its models.
    pub fn build(&self) -> Result<Arc<dyn Component>> {
        (self.build)(&Options::default())
    }

    /// Builds the component with `options`.
    pub fn build_with(&self, options: &Options) -> Result<Arc<dyn Component>> {
        (self.build)(options)
    }
}

fn resource(name: &str, e: impl std::fmt::Display) -> Error {
    Error::Resource {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// Every component, in the order they run.
pub fn registry() -> Vec<Entry> {
    vec![
        Entry {
            name: "text",
            about: "paragraphs, sentences and tokens",
            build: |_| Ok(Arc::new(newsgraph_text::TextComponent)),
        },
        Entry {
            name: "ner",
            about: "named-entity tagger (averaged perceptron, CoNLL-2003 types)",
            build: |_| {
                Ok(Arc::new(
                    newsgraph_ner::NerComponent::with_default_model().map_err(|e| resource("ner", e))?,
                ))
            },
        },
        Entry {
            name: "entities",
            about: "coreference (names, acronyms, pronouns, roles), titles, gazetteer links",
            build: |_| {
                Ok(Arc::new(
                    newsgraph_entities::EntitiesComponent::new().map_err(|e| resource("entities", e))?,
                ))
            },
        },
        Entry {
            name: "timex",
            about: "TIMEX3 time expressions normalized against the publication date",
            build: |_| {
                Ok(Arc::new(
                    newsgraph_timex::TimexComponent::new().map_err(|e| resource("timex", e))?,
                ))
            },
        },
        Entry {
            name: "quotes",
            about: "quotations (direct, partial, indirect) with cue and resolved speaker",
            build: |_| {
                Ok(Arc::new(
                    newsgraph_quotes::QuotesComponent::new().map_err(|e| resource("quotes", e))?,
                ))
            },
        },
        Entry {
            name: "amounts",
            about: "money, percentages and counts with unit and what they measure",
            build: |_| {
                Ok(Arc::new(
                    newsgraph_amounts::AmountsComponent::new().map_err(|e| resource("amounts", e))?,
                ))
            },
        },
        Entry {
            name: "tone",
            about: "lexicon-based tone: GDELT tone figures, compound per article and sentence",
            build: |_| {
                Ok(Arc::new(
                    newsgraph_tone::ToneComponent::new().map_err(|e| resource("tone", e))?,
                ))
            },
        },
        Entry {
            name: "events",
            about: "CAMEO events (who did what to whom, when) with actor codes and evidence",
            build: |o| {
                let c = match &o.dictionaries {
                    Some(dir) => newsgraph_events::EventsComponent::with_dictionaries(dir),
                    None => newsgraph_events::EventsComponent::new(),
                };
                Ok(Arc::new(c.map_err(|e| resource("events", e))?))
            },
        },
    ]
}

/// Names of every component, comma-separated, for error messages.
pub fn known() -> String {
    registry().iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
}

/// Builds the pipeline: all components, or only `only`, minus `disable`; checked for order.
pub fn build(only: Option<&[String]>, disable: &[String]) -> Result<Pipeline> {
    build_with(only, disable, &Options::default())
}

/// [`build`] with component options.
pub fn build_with(only: Option<&[String]>, disable: &[String], options: &Options) -> Result<Pipeline> {
    let registry = registry();
    for name in only.unwrap_or_default().iter().chain(disable) {
        if !registry.iter().any(|e| e.name == name) {
            return Err(Error::UnknownComponent {
                name: name.clone(),
                known: known(),
            });
        }
    }
    let mut builder = PipelineBuilder::new();
    for entry in &registry {
        let wanted = only.is_none_or(|o| o.iter().any(|n| n == entry.name));
        if wanted && !disable.iter().any(|n| n == entry.name) {
            builder = builder.push(entry.build_with(options)?);
        }
    }
    builder.build()
}

/// The full standard pipeline.
pub fn standard() -> Result<Pipeline> {
    build(None, &[])
}

/// Lines for `--list-components`: name, requires, assigns, description.
pub fn describe() -> Result<String> {
    let list = |ls: &[Layer]| {
        if ls.is_empty() {
            "-".to_string()
        } else {
            ls.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(",")
        }
    };
    let mut out = String::new();
    for entry in registry() {
        let c = entry.build()?;
        out.push_str(&format!(
            "{:<10} requires {:<28} assigns {:<28} {}\n",
            entry.name,
            list(c.requires()),
            list(c.assigns()),
            entry.about
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_component_is_named() {
        let err = build(Some(&["nerr".to_string()]), &[])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("`nerr`") && err.contains("timex"), "{err}");
    }

    #[test]
    fn disabling_a_needed_layer_fails_the_order_check() {
        let err = build(None, &["text".to_string()])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("requires layer"), "{err}");
    }

    #[test]
    fn standard_pipeline_runs_every_component_in_order() {
        let p = standard().unwrap();
        let names: Vec<_> = p.components().iter().map(|c| c.name().to_string()).collect();
        let expected: Vec<_> = registry().iter().map(|e| e.name.to_string()).collect();
        assert_eq!(names, expected);
    }
}
