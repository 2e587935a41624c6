//! The web UI: a few static files compiled into the binary. Only these paths are served, so no
//! request can reach the file system.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

/// Every UI asset: URL path, content type, bytes.
pub const ASSETS: &[(&str, &str, &str)] = &[
    ("/", "text/html; charset=utf-8", include_str!("../ui/index.html")),
    (
        "/ui/app.js",
        "text/javascript; charset=utf-8",
        include_str!("../ui/app.js"),
    ),
    ("/ui/app.css", "text/css; charset=utf-8", include_str!("../ui/app.css")),
    ("/ui/favicon.svg", "image/svg+xml", include_str!("../ui/favicon.svg")),
];

/// Routes serving [`ASSETS`].
pub fn routes() -> Router<AppState> {
    ASSETS.iter().fold(Router::new(), |r, &(path, ctype, body)| {
        r.route(path, get(move || async move { asset(ctype, body) }))
    })
}

fn asset(ctype: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, ctype),
            // Assets change with the binary; revalidating costs one local round trip.
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}
