//! Health, metrics, the stylesheet and the CSRF rejection page.

use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tower_http::csrf::ProtectionError;

use crate::i18n::L;
use crate::state::AppState;

/// `/healthz`: 200 when the database answers.
pub async fn healthz(State(st): State<AppState>) -> Response {
    match st.app.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// `/metrics` in the Prometheus text format, for a scraper on this machine only.
pub async fn metrics(State(st): State<AppState>, ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>) -> Response {
    if !addr.ip().is_loopback() {
        return super::not_found().await;
    }
    match &st.metrics {
        Some(h) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], h.render()).into_response(),
        None => (StatusCode::NOT_FOUND, "metrics disabled").into_response(),
    }
}

/// The one stylesheet, served from the binary (no asset from another host).
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

/// Counts requests and their latency by route (the pattern, never the ids in the path).
pub async fn track_metrics(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "other".into());
    let method = req.method().to_string();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(start.elapsed().as_secs_f64());
    res
}

/// A cross-site form post: a Russian page instead of an empty 403.
pub fn csrf_rejected(_: ProtectionError) -> Response<Body> {
    (StatusCode::FORBIDDEN, Html(super::error_page(&L.t("error-csrf")))).into_response()
}
