//! The crate's error type.

use std::path::PathBuf;

use thiserror::Error;

/// Errors from reading dictionaries, gold records or resources.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum EventsError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A record or line is not what the reader expected.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The compiled-in dictionary bundle or the syntax models could not be loaded.
    #[error("resource {name}: {message}")]
    Resource {
        /// What.
        name: String,
        /// What went wrong.
        message: String,
    },
}

impl EventsError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> EventsError {
        EventsError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<newsgraph_syntax::SyntaxError> for EventsError {
    fn from(e: newsgraph_syntax::SyntaxError) -> EventsError {
        EventsError::Resource {
            name: "syntax models".to_string(),
            message: e.to_string(),
        }
    }
}

/// Result with the crate's error.
pub type Result<T, E = EventsError> = std::result::Result<T, E>;
