//! Errors of the use cases; the web layer maps each once to a page and a JSON body.

use domain::{Violation, Violations};
use storage::StorageError;

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input broke rules; each violation names its field.
    #[error(transparent)]
    Invalid(#[from] Violations),
    /// No such thing in the caller's organization (also for other schools' data).
    #[error("not found")]
    NotFound,
    /// The caller's role does not allow this.
    #[error("forbidden")]
    Forbidden,
    /// Wrong login or password (never says which).
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed attempts of this login from this address (or from everywhere):
    /// try again later. Said the same way for unknown and known logins.
    #[error("login throttled")]
    Throttled {
        /// Seconds until the next attempt is checked.
        retry_after_secs: i64,
    },
    /// Wrong second-factor code.
    #[error("bad totp code")]
    BadTotp,
    /// The database failed.
    #[error(transparent)]
    Storage(StorageError),
    /// Something outside the database failed (hashing task, clock).
    #[error("internal: {0}")]
    Internal(String),
}

impl From<Violation> for AppError {
    fn from(v: Violation) -> Self {
        Self::Invalid(v.into())
    }
}

impl From<StorageError> for AppError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound => Self::NotFound,
            other => Self::Storage(other),
        }
    }
}
