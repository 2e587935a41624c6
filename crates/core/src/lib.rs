//! The newsgraph document model.
//!
//! A [`Doc`] holds one article's original text, which never changes, and stand-off annotation
//! layers over it (paragraphs, sentences, tokens, entities, time expressions, quotes, amounts,
//! tone). Every annotation is a [`Span`] of **byte** offsets into the text, which is what Rust
//! string slicing and regex matching use; the output contract ([`output`]) converts them to
//! Unicode code-point offsets, which is what users get.
//!
//! Components that fill layers implement [`Component`]; a [`Pipeline`] checks at build time that
//! each component's required layers are assigned by an earlier one.
//!
//! ```
//! use newsgraph_core::{Article, Doc, Span};
//! let article = Article::new("Hi there.", chrono::NaiveDate::from_ymd_opt(2018, 11, 2).unwrap());
//! let mut doc = Doc::new(article);
//! doc.sentences.push(Span::new(0, 9));
//! assert_eq!(doc.slice(doc.sentences[0]), "Hi there.");
//! ```

pub mod article;
pub mod doc;
pub mod error;
pub mod fnv;
pub mod layers;
pub mod offsets;
pub mod output;
pub mod pipeline;
pub mod span;

pub use article::Article;
pub use doc::Doc;
pub use error::{Error, Result};
pub use layers::*;
pub use offsets::CharOffsets;
pub use pipeline::{Component, Layer, Pipeline, PipelineBuilder};
pub use span::Span;

/// The version of the JSON output contract (`docs/schema.md`). Renaming or removing a field bumps
/// it, and so does a new layer (v2 added `events`); a new optional field inside a layer keeps it.
pub const SCHEMA_VERSION: u32 = 2;
