//! Failed-login counters per (login key, client address) and per login key (address `*`).
//! Times are unix seconds; the delays themselves are `domain::throttle`'s.

use crate::{Db, Result, with_db};

/// One counter.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FailureRow {
    /// Client address, or `*` for the login across addresses.
    pub address: String,
    /// Failures since the last success from this address (or the reset window).
    pub failures: i64,
    /// The last failure.
    pub last_failure_at: i64,
    /// No attempt is checked before this moment.
    pub blocked_until: i64,
    /// The last good login from this address (0 if none).
    pub last_success_at: i64,
}

/// The counters of a login from `address` and from any address.
pub async fn counters(db: &mut impl Db, login_key: &str, address: &str, any: &str) -> Result<Vec<FailureRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT address, failures, last_failure_at, blocked_until, last_success_at FROM login_failures \
         WHERE login_key = $1 AND address IN ($2, $3)")
        .bind(login_key).bind(address).bind(any).fetch_all(&mut *c).await?))
}

/// Counts one failure (from zero again if the last one is before `reset_before`); returns
/// the new count. Atomic, so two servers on one database count every failure.
pub async fn add_failure(db: &mut impl Db, login_key: &str, address: &str, now: i64, reset_before: i64) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO login_failures (login_key, address, failures, last_failure_at) VALUES ($1, $2, 1, $3) \
         ON CONFLICT (login_key, address) DO UPDATE SET \
           failures = CASE WHEN login_failures.last_failure_at < $4 THEN 1 ELSE login_failures.failures + 1 END, \
           last_failure_at = excluded.last_failure_at \
         RETURNING failures")
        .bind(login_key).bind(address).bind(now).bind(reset_before).fetch_one(&mut *c).await?))
}

/// Sets the moment before which no attempt of this counter is checked.
pub async fn block_until(db: &mut impl Db, login_key: &str, address: &str, until: i64) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE login_failures SET blocked_until = $3 WHERE login_key = $1 AND address = $2 AND blocked_until < $3")
        .bind(login_key).bind(address).bind(until).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// A good login from `address`: its counter is cleared and the address remembered.
pub async fn record_success(db: &mut impl Db, login_key: &str, address: &str, now: i64) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO login_failures (login_key, address, failures, last_success_at) VALUES ($1, $2, 0, $3) \
         ON CONFLICT (login_key, address) DO UPDATE SET failures = 0, blocked_until = 0, last_success_at = excluded.last_success_at")
        .bind(login_key).bind(address).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Forgets counters with no failure since `failure_before` and no success since
/// `success_before`, whose delay is over by `now`; returns how many.
pub async fn delete_stale(db: &mut impl Db, failure_before: i64, success_before: i64, now: i64) -> Result<u64> {
    Ok(with_db!(db, c => sqlx::query(
        "DELETE FROM login_failures WHERE last_failure_at < $1 AND last_success_at < $2 AND blocked_until < $3")
        .bind(failure_before).bind(success_before).bind(now).execute(&mut *c).await?.rows_affected()))
}
