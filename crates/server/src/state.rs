//! What every handler shares: the store, the analysis pipeline and the limits.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use newsgraph_core::Pipeline;
use newsgraph_store::{Graph, GraphRequest, Store};

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
    /// The store-wide graph (no query, no dates) by `(min, nodes)`.
    graphs: Arc<Mutex<GraphCache>>,
}

/// Store-wide graphs by `(min, nodes)`.
type GraphCache = HashMap<(u64, usize), Arc<Graph>>;

/// Store-wide graphs kept: the UI asks one (`min` 1, 80 nodes) unless the user changes it.
const GRAPHS_KEPT: usize = 16;

/// The `(min, nodes)` of the network page's first request, computed when the server starts.
pub const UI_GRAPH: (u64, usize) = (1, 80);

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
            graphs: Arc::default(),
        }
    }

    /// The store-wide co-occurrence graph for `(min, nodes)`, computed once. The store served
    /// never changes, and on a large store the graph is the slowest answer (it merges every
    /// entity's co-occurrence counts: seconds at 200,000 articles), so it is kept.
    pub fn store_graph(&self, min: u64, nodes: usize) -> Result<Arc<Graph>, ApiError> {
        let key = (min, nodes);
        if let Some(g) = self.graphs.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(g);
        }
        let req = GraphRequest {
            from: None,
            to: None,
            min,
            nodes: Some(nodes),
        };
        let g = Arc::new(self.store.graph(&req)?);
        if let Ok(mut m) = self.graphs.lock() {
            if m.len() >= GRAPHS_KEPT {
                m.clear();
            }
            m.insert(key, g.clone());
        }
        Ok(g)
    }

    /// Computes the network page's first graph on a thread of its own, so that the page is
    /// quick from its first visit; errors are left for the request to report.
    pub fn warm_up(&self) {
        let state = self.clone();
        let _ = std::thread::Builder::new()
            .name("graph-warm-up".into())
            .spawn(move || state.store_graph(UI_GRAPH.0, UI_GRAPH.1));
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
