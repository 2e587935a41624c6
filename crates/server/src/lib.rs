//! The newsgraph HTTP server: a read-only JSON API over a corpus store and a web UI, both served
//! by one binary with the UI's assets compiled in.
//!
//! - [`router`] builds the axum router over an [`AppState`] (tests drive it directly);
//! - [`serve`] opens a store, builds the analysis pipeline, binds an address and serves until
//!   Ctrl-C, on a multi-threaded tokio runtime of its own;
//! - [`spawn`] serves on a thread of its own until stopped (the load test of `newsgraph bench
//!   serve`), and [`bench`] drives it.
//!
//! The API is described in `openapi.json` (served at `/api/openapi.json`) and `docs/api.md`.
//! Every failed request gets a JSON `{"error": "..."}` naming the problem: bad input is a 4xx.

#![warn(missing_docs)]

mod api;
pub mod bench;
mod error;
mod params;
mod state;
mod ui;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use newsgraph_store::Store;

pub use api::{routes as api_routes, AnalyzeRequest, SqlRequest, OPENAPI};
pub use error::{ApiError, Result, ServerError};
pub use state::{AppState, Limits};
pub use ui::ASSETS;

/// The router: API routes, UI assets, JSON 404 and 405 answers, the body size limit and, when
/// `log` is set, one line per request on stderr.
pub fn router(state: AppState, log: bool) -> Router {
    let limit = state.limits.body_bytes;
    let mut r = api::routes()
        .into_iter()
        .fold(Router::new(), |r, (_, path, handler)| r.route(path, handler))
        .merge(ui::routes())
        .fallback(|req: Request| async move {
            ApiError::not_found(format!("no such page or endpoint: {}", req.uri().path()))
        })
        .method_not_allowed_fallback(|req: Request| async move {
            ApiError {
                status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
                message: format!("{} is not allowed on {}", req.method(), req.uri().path()),
            }
        })
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state);
    if log {
        r = r.layer(axum::middleware::from_fn(log_request));
    }
    r
}

async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let (method, path) = (req.method().clone(), req.uri().path().to_string());
    let res = next.run(req).await;
    eprintln!(
        "{method} {path} {} {:.1}ms",
        res.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    res
}

/// Opens the store at `dir` and builds the standard analysis pipeline.
pub fn open_state(dir: &Path, limits: Limits) -> Result<AppState> {
    let store = Store::open(dir)?;
    let pipeline = newsgraph_pipeline::standard()?;
    Ok(AppState::new(store, pipeline, limits))
}

/// Serves the store at `dir` on `addr` until Ctrl-C, logging requests to stderr. `ready` is called
/// with the bound address (port 0 picks a free one) once the server accepts connections.
pub fn serve(dir: &Path, addr: SocketAddr, limits: Limits, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let state = open_state(dir, limits)?;
    state.warm_up();
    let runtime = runtime()?;
    runtime.block_on(async move {
        let listener = bind(addr).await?;
        ready(local_addr(&listener)?);
        axum::serve(listener, router(state, true))
            .with_graceful_shutdown(async {
                // If the signal cannot be installed the server runs until killed, as before.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
                eprintln!("newsgraph: shutting down");
            })
            .await
            .map_err(io("serving".into()))
    })
}

/// A server running on a thread of its own (see [`spawn`]); [`Running::stop`] shuts it down.
#[derive(Debug)]
pub struct Running {
    /// The address it listens on.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Running {
    /// Stops accepting connections, lets the requests under way finish and joins the thread.
    pub fn stop(mut self) -> Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<()> {
        if let Some(tx) = self.stop.take() {
            // The server may already have stopped on an error: then there is no one to tell.
            let _ = tx.send(());
        }
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => Err(ServerError::Io {
                op: "serving".into(),
                source: std::io::Error::other("the server thread panicked"),
            }),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// Starts serving `state` on `addr` (port 0 picks a free one) on a new thread with its own
/// runtime, and returns once it accepts connections: for benchmarks and tests that drive a real
/// socket from the same process. `log` prints one line per request on stderr.
pub fn spawn(state: AppState, addr: SocketAddr, log: bool) -> Result<Running> {
    let runtime = runtime()?;
    let listener = runtime.block_on(bind(addr))?;
    let bound = local_addr(&listener)?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("newsgraph-server".into())
        .spawn(move || {
            runtime.block_on(async move {
                axum::serve(listener, router(state, log))
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await
                    .map_err(io("serving".into()))
            })
        })
        .map_err(io("starting the server thread".into()))?;
    Ok(Running {
        addr: bound,
        stop: Some(tx),
        thread: Some(thread),
    })
}

fn io(op: String) -> impl FnOnce(std::io::Error) -> ServerError {
    move |source| ServerError::Io { op, source }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io("starting the async runtime".into()))
}

async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(io(format!("listening on {addr}")))
}

fn local_addr(listener: &tokio::net::TcpListener) -> Result<SocketAddr> {
    listener.local_addr().map_err(io("reading the bound address".into()))
}
