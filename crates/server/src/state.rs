//! What every handler shares: the store, the analysis pipeline and the limits.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use newsgraph_core::Pipeline;
use newsgraph_store::Store;

use crate::error::ApiError;

/// Limits on what one request may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest request body, in bytes (larger: 413).
    pub body_bytes: usize,
    /// Longest a store query or analysis may run (longer: 503).
    pub query_time: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 1 << 20,
            query_time: Duration::from_secs(10),
        }
    }
}

/// The state shared by every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Store>,
    pipeline: Arc<Pipeline>,
    /// The limits in force.
    pub limits: Limits,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("store", &self.store)
            .field("limits", &self.limits)
            .finish()
    }
}

impl AppState {
    /// State over an opened store and a built pipeline.
    pub fn new(store: Store, pipeline: Pipeline, limits: Limits) -> AppState {
        AppState {
            store: Arc::new(store),
            pipeline: Arc::new(pipeline),
            limits,
        }
    }

    /// The store served.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs `f` on the blocking pool (store queries and analysis are CPU and disk work that must
    /// not stall the async workers), giving up after the query time limit.
    pub async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store, &Pipeline) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (store, pipeline) = (self.store.clone(), self.pipeline.clone());
        let task = tokio::task::spawn_blocking(move || f(&store, &pipeline));
        match tokio::time::timeout(self.limits.query_time, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(e)) if e.is_panic() => Err(ApiError::internal("the request failed inside the engine (panic)")),
            Ok(Err(e)) => Err(ApiError::internal(format!("the request was cancelled: {e}"))),
            Err(_) => Err(ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: format!(
                    "the request took longer than the {} ms limit; narrow it (dates, entity, limit)",
                    self.limits.query_time.as_millis()
                ),
            }),
        }
    }
}
