//! The web face of Nastavnik: server-rendered Russian pages, the JSON API and operations
//! endpoints, all over the same `app` use cases.

pub mod api;
pub mod auth;
mod back;
mod error;
mod extract;
pub mod i18n;
mod labels;
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
    let result = axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await;
    sweeper.abort();
    result
}
