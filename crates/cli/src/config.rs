//! Settings: defaults → TOML file → `NASTAVNIK_*` environment → command-line flags.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// The optional TOML file (`nastavnik.toml` or `--config`). Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Database URL.
    pub database_url: Option<String>,
    /// Listen address.
    pub listen: Option<String>,
    /// Served over TLS (or behind a TLS-terminating proxy).
    pub tls: Option<bool>,
    /// Session idle timeout, minutes.
    pub session_idle_minutes: Option<i64>,
    /// Session absolute timeout, hours.
    pub session_absolute_hours: Option<i64>,
    /// Require TOTP for head, curator and municipal roles.
    pub totp_required_for_managers: Option<bool>,
    /// Login attempts per minute per address.
    pub logins_per_minute: Option<u32>,
    /// No longer used (accounts are not locked; failures slow the next attempt): accepted so
    /// that older files still load, with a warning.
    pub lockout_threshold: Option<i64>,
    /// No longer used, see `lockout_threshold`.
    pub lockout_minutes: Option<i64>,
    /// `text` or `json`.
    pub log_format: Option<String>,
    /// The SMTP server the outbox's mails go through; without it they wait in the outbox.
    pub smtp: Option<web::mail::MailConfig>,
}

impl FileConfig {
    /// Reads `path`, or `./nastavnik.toml` if it exists, or nothing.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let default = PathBuf::from("nastavnik.toml");
        let path = match path {
            Some(p) => p.to_path_buf(),
            None if default.exists() => default,
            None => return Ok(Self::default()),
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("не удалось прочитать файл настроек {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("ошибка в файле настроек {}", path.display()))
    }
}

/// Warns about `NASTAVNIK_*` variables nobody reads (a typo keeps a setting at its default).
pub fn warn_unknown_env() {
    const KNOWN: &[&str] = &[
        "NASTAVNIK_CONFIG",
        "NASTAVNIK_DATABASE_URL",
        "NASTAVNIK_LISTEN",
        "NASTAVNIK_TLS",
        "NASTAVNIK_PASSWORD",
        "NASTAVNIK_LOG",
        "NASTAVNIK_LOG_FORMAT",
        "NASTAVNIK_TOTP_REQUIRED_FOR_MANAGERS",
        "NASTAVNIK_TEST_DATABASE_URL",
        "NASTAVNIK_BROWSER_TESTS",
        "NASTAVNIK_SQLITE_READERS",
    ];
    for (k, _) in std::env::vars() {
        if k.starts_with("NASTAVNIK_") && !KNOWN.contains(&k.as_str()) {
            tracing::warn!(variable = %k, "unknown NASTAVNIK_ variable ignored");
        }
    }
}
