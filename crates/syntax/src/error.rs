//! The crate's error type.

use std::path::PathBuf;

use thiserror::Error;

/// Errors from reading corpora, loading or saving models.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SyntaxError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line of a corpus file is not what the reader expected.
    #[error("{path}:{line}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A model file is damaged, truncated, of another kind or of another format version.
    #[error("model {name}: {message}")]
    Model {
        /// Path or name of the model.
        name: String,
        /// What was wrong.
        message: String,
    },
}

impl SyntaxError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> SyntaxError {
        SyntaxError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn model(name: &str, message: impl Into<String>) -> SyntaxError {
        SyntaxError::Model {
            name: name.to_string(),
            message: message.into(),
        }
    }
}

/// Result with the crate's error.
pub type Result<T, E = SyntaxError> = std::result::Result<T, E>;
