//! The web face of Nastavnik: server-rendered Russian pages, the JSON API and operations
//! endpoints, all over the same `app` use cases.

pub mod api;
pub mod auth;
mod back;
mod error;
mod extract;
pub mod i18n;
mod labels;
pub mod mail;
mod pages;
pub mod routes;
mod state;

pub use error::WebError;
pub use state::{AppState, WebConfig};

use std::net::SocketAddr;

/// Serves until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = routes::router(state.clone());
    let sweeper = tokio::spawn(auth::session::sweep_expired(state.app.store.clone()));
    // Before the first request: a job of this server must not be taken for a stopped one's.
    match state.app.recover_jobs().await {
        Ok(0) => {}
        Ok(n) => tracing::warn!(
            interrupted_jobs = n,
            "import jobs of a stopped server marked interrupted"
        ),
        Err(e) => tracing::error!(error = %e, "import jobs not recovered"),
    }
    let jobs = tokio::spawn(sweep_jobs(state.app.clone()));
    let result = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await;
    sweeper.abort();
    jobs.abort();
    result
}

/// Every minute, deletes expired import jobs and saved searches.
async fn sweep_jobs(app: app::App) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        if let Err(e) = app.sweep_expired().await {
            tracing::warn!(error = %e, "expired jobs and searches not swept");
        }
    }
}
