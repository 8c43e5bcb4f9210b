//! Shared state of the web layer.

use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use metrics_exporter_prometheus::PrometheusHandle;

/// Web settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Served over TLS (directly or behind a TLS proxy): cookies get `Secure` and the `__Host-` name.
    pub tls: bool,
    /// Minutes of inactivity after which a session ends.
    pub idle_minutes: i64,
    /// Hours after login after which a session ends regardless of activity.
    pub absolute_hours: i64,
    /// Login attempts per minute allowed from one address.
    pub logins_per_minute: u32,
    /// Demo mode: the login page says how to log in.
    pub demo: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            tls: false,
            idle_minutes: 30,
            absolute_hours: 12,
            logins_per_minute: 30,
            demo: false,
        }
    }
}

/// Everything handlers need.
#[derive(Clone)]
pub struct AppState {
    /// Use cases.
    pub app: app::App,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// Per-address limiter of login requests (in memory; the per-login throttle with growing
    /// delays is in the database, `app::auth`).
    pub login_limiter: Arc<DefaultKeyedRateLimiter<std::net::IpAddr>>,
    /// Prometheus registry.
    pub metrics: Option<PrometheusHandle>,
}

impl AppState {
    /// Builds the state.
    pub fn new(app: app::App, config: WebConfig, metrics: Option<PrometheusHandle>) -> Self {
        let per_minute = NonZeroU32::new(config.logins_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Self {
            app,
            login_limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))),
            config: Arc::new(config),
            metrics,
        }
    }
}
