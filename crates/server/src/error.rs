//! The server's one error type, and the JSON error every failed request answers with.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// What can stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The store could not be opened.
    #[error("opening store: {0}")]
    Store(#[from] newsgraph_store::StoreError),
    /// The analysis pipeline could not be built (a model failed to load).
    #[error("building the analysis pipeline: {0}")]
    Pipeline(#[from] newsgraph_core::Error),
    /// Binding the address, building the runtime or serving failed.
    #[error("{op}: {source}")]
    Io {
        /// What was being done.
        op: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Result with [`ServerError`].
pub type Result<T> = std::result::Result<T, ServerError>;

/// A failed request: a status and a message naming the problem, sent as `{"error": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, for the user.
    pub message: String,
}

impl ApiError {
    /// 400: the request is wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404: what the request names does not exist.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// 500: the server failed; the request may be fine.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<newsgraph_store::StoreError> for ApiError {
    fn from(e: newsgraph_store::StoreError) -> ApiError {
        use newsgraph_store::StoreError as E;
        match e {
            // Both are about what the user asked for, not about the store.
            // A refused, malformed or failing SQL statement is the statement's fault too.
            E::Query { .. } | E::Invalid(_) | E::Sql(_) => ApiError::bad_request(e.to_string()),
            // The article is there but was stored by a format without analyses.
            E::AnalysisMissing { .. } => ApiError::not_found(e.to_string()),
            _ => ApiError::internal(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "error": self.message }))).into_response()
    }
}
