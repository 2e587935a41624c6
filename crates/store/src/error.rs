//! The store's one error type.

use std::path::PathBuf;

/// Everything that can go wrong opening, writing or querying a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The directory holds no store (no `manifest.json`).
    #[error("no newsgraph store at {path} (no manifest.json); create one with an ingest")]
    NotFound {
        /// The directory looked at.
        path: PathBuf,
    },
    /// The manifest was written by a format version this build cannot read.
    #[error("store at {path} has format version {found}; this build reads versions 1 to {supported}")]
    UnsupportedVersion {
        /// The store directory.
        path: PathBuf,
        /// Version found in the manifest.
        found: u32,
        /// The newest version this build reads (and the one it writes).
        supported: u32,
    },
    /// The manifest or a table is not what the format says it should be.
    #[error("corrupt store at {path}: {message}")]
    Corrupt {
        /// The file at fault.
        path: PathBuf,
        /// What was wrong.
        message: String,
    },
    /// A file-system operation failed.
    #[error("{op} {path}: {source}")]
    Io {
        /// What was being done.
        op: &'static str,
        /// On which path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The full-text index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A search query could not be parsed.
    #[error("invalid search query {query:?}: {message}")]
    Query {
        /// The query as given.
        query: String,
        /// What the parser said.
        message: String,
    },
    /// Writing or reading a Parquet table failed.
    #[error("parquet table {path}: {message}")]
    Parquet {
        /// The table file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The article was stored by an older format version that kept no full analysis.
    #[error("article {id} was stored by store format version 1, which kept no full analysis; re-ingest to get full analyses")]
    AnalysisMissing {
        /// The article id.
        id: String,
    },
    /// A SQL statement was refused, failed or ran out of time.
    #[error("sql: {0}")]
    Sql(String),
    /// A request argument is invalid (unknown format, bad period, …).
    #[error("{0}")]
    Invalid(String),
}

/// Result with [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

pub(crate) fn io_err(op: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
    let path = path.into();
    move |source| StoreError::Io { op, path, source }
}
