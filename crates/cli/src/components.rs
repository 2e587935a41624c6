//! The registry of analysis components and how `--components` / `--disable` pick from it.

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use newsgraph_core::{Component, Pipeline, PipelineBuilder};

/// A component the binary knows how to build, in canonical pipeline order.
pub struct Entry {
    /// Its name, as in `--components`.
    pub name: &'static str,
    /// One line on what it does.
    pub about: &'static str,
    build: fn() -> Result<Arc<dyn Component>>,
}

/// Every component, in the order they run.
pub fn registry() -> Vec<Entry> {
    vec![
        Entry {
            name: "text",
            about: "paragraphs, sentences and tokens",
            build: || Ok(Arc::new(newsgraph_text::TextComponent)),
        },
        Entry {
            name: "ner",
            about: "named-entity tagger (averaged perceptron, CoNLL-2003 types)",
            build: || Ok(Arc::new(newsgraph_ner::NerComponent::with_default_model()?)),
        },
        Entry {
            name: "entities",
            about: "coreference (names, acronyms, pronouns, roles), titles, gazetteer links",
            build: || Ok(Arc::new(newsgraph_entities::EntitiesComponent::new()?)),
        },
        Entry {
            name: "timex",
            about: "TIMEX3 time expressions normalized against the publication date",
            build: || Ok(Arc::new(newsgraph_timex::TimexComponent::new()?)),
        },
        Entry {
            name: "quotes",
            about: "quotations (direct, partial, indirect) with cue and resolved speaker",
            build: || Ok(Arc::new(newsgraph_quotes::QuotesComponent::new()?)),
        },
        Entry {
            name: "amounts",
            about: "money, percentages and counts with unit and what they measure",
            build: || Ok(Arc::new(newsgraph_amounts::AmountsComponent::new()?)),
        },
        Entry {
            name: "tone",
            about: "lexicon-based tone: GDELT tone figures, compound per article and sentence",
            build: || Ok(Arc::new(newsgraph_tone::ToneComponent::new()?)),
        },
    ]
}

/// Builds the pipeline: all components, or only `only`, minus `disable`; checked for order.
pub fn build(only: Option<&[String]>, disable: &[String]) -> Result<Pipeline> {
    let registry = registry();
    let known = registry.iter().map(|e| e.name).collect::<Vec<_>>().join(", ");
    for name in only.unwrap_or_default().iter().chain(disable) {
        if !registry.iter().any(|e| e.name == name) {
            bail!("unknown component `{name}` (known: {known})");
        }
    }
    let mut builder = PipelineBuilder::new();
    for entry in &registry {
        let wanted = only.is_none_or(|o| o.iter().any(|n| n == entry.name));
        if wanted && !disable.iter().any(|n| n == entry.name) {
            builder = builder.push((entry.build)().with_context(|| format!("loading component `{}`", entry.name))?);
        }
    }
    Ok(builder.build()?)
}

/// Lines for `--list-components`: name, requires, assigns, description.
pub fn describe() -> Result<String> {
    let mut out = String::new();
    for entry in registry() {
        let c = (entry.build)()?;
        let list = |ls: &[newsgraph_core::Layer]| {
            if ls.is_empty() {
                "-".to_string()
            } else {
                ls.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(",")
            }
        };
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
