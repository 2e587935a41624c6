//! The timex crate's error type.

use thiserror::Error;

/// Errors from loading resources, reading TimeML or evaluating.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum TimexError {
    /// A resource file failed to parse or compile.
    #[error("resource `{name}`: {message}")]
    Resource {
        /// The file or rule.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// A TimeML document could not be read.
    #[error("TimeML `{path}`: {message}")]
    TimeMl {
        /// The file.
        path: String,
        /// What was expected.
        message: String,
    },
    /// An I/O error on a named file.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}

impl From<TimexError> for newsgraph_core::Error {
    fn from(e: TimexError) -> Self {
        match e {
            TimexError::Resource { name, message } => newsgraph_core::Error::Resource { name, message },
            other => newsgraph_core::Error::Component {
                component: "timex".into(),
                message: other.to_string(),
            },
        }
    }
}
