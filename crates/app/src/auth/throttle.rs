//! The login throttle over `storage::login_throttle`, with `domain::throttle`'s delays (the
//! decision and its sources are written there). Counted in the database, so it survives a
//! restart and holds for every server on one PostgreSQL.

use domain::throttle::{ANY_ADDRESS, PER_ADDRESS, PER_LOGIN, RESET_AFTER_SECS, TRUSTED_FOR_SECS};
use storage::repo::login_throttle;

use super::token_hash;
use crate::{App, AppError, Result};

/// The stored key of a login (normalized): its hash, so a password typed into the login
/// field is never kept.
pub(super) fn login_key(login: &str) -> String {
    token_hash(&format!("login:{}", login.trim().to_lowercase()))
}

impl App {
    /// [`AppError::Throttled`] if this login may not be tried from `address` yet.
    pub(super) async fn check_throttle(&self, key: &str, address: &str) -> Result<()> {
        let now = self.now().timestamp();
        let mut conn = self.store.read().await?;
        let rows = login_throttle::counters(&mut conn, key, address, ANY_ADDRESS).await?;
        drop(conn);
        let mine = rows.iter().find(|r| r.address == address);
        let any = rows.iter().find(|r| r.address == ANY_ADDRESS);
        // An address the account logged in from recently is slowed only by its own failures.
        let trusted = mine.is_some_and(|r| r.last_success_at > now - TRUSTED_FOR_SECS);
        let mut until = mine.map_or(0, |r| r.blocked_until);
        if !trusted {
            until = until.max(any.map_or(0, |r| r.blocked_until));
        }
        if until > now {
            return Err(AppError::Throttled {
                retry_after_secs: until - now,
            });
        }
        Ok(())
    }

    /// Counts a failure of the login from `address` and from any address.
    pub(super) async fn count_failure(&self, key: &str, address: &str) -> Result<()> {
        let now = self.now().timestamp();
        let mut tx = self.store.begin().await?;
        for (at, backoff) in [(address, PER_ADDRESS), (ANY_ADDRESS, PER_LOGIN)] {
            let failures = login_throttle::add_failure(&mut tx, key, at, now, now - RESET_AFTER_SECS).await?;
            let delay = backoff.delay_after(failures);
            if delay > 0 {
                login_throttle::block_until(&mut tx, key, at, now + delay).await?;
            }
        }
        Ok(tx.commit().await?)
    }

    /// A good login from `address` clears that address's counter and trusts the address.
    pub(super) async fn count_success(&self, key: &str, address: &str) -> Result<()> {
        let mut tx = self.store.begin().await?;
        login_throttle::record_success(&mut tx, key, address, self.now().timestamp()).await?;
        Ok(tx.commit().await?)
    }
}
