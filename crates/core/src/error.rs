//! The core crate's error type.

use thiserror::Error;

/// Errors from building a pipeline or running a component.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A component needs a layer no earlier component assigns.
    #[error("component `{component}` requires layer `{layer}`, which no earlier component assigns (order: {order})")]
    MissingLayer {
        /// The component.
        component: String,
        /// The layer it needs.
        layer: String,
        /// The pipeline order as built.
        order: String,
    },
    /// A component name that the registry does not know.
    #[error("unknown component `{name}` (known: {known})")]
    UnknownComponent {
        /// The name given.
        name: String,
        /// The names that exist.
        known: String,
    },
    /// A component failed on one document.
    #[error("component `{component}` failed: {message}")]
    Component {
        /// The component.
        component: String,
        /// What went wrong.
        message: String,
    },
    /// A resource (model, lexicon) could not be loaded.
    #[error("resource `{name}`: {message}")]
    Resource {
        /// Resource name or path.
        name: String,
        /// What went wrong.
        message: String,
    },
}

/// Result with the core error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
