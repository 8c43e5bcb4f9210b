//! Server-side web sessions: the cookie holds only a random id.

use crate::{Db, Result, with_db};

/// A stored session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// JSON of the session data.
    pub data: String,
    /// Unix seconds after which the session is dead.
    pub expires_at: i64,
}

/// Loads a live session.
pub async fn load(db: &mut impl Db, id: &str, now: i64) -> Result<Option<SessionRow>> {
    Ok(
        with_db!(db, c => sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
        .bind(id).bind(now).fetch_optional(&mut *c).await?),
    )
}

/// Inserts a new session; `false` if the id is taken.
pub async fn create(db: &mut impl Db, id: &str, user: Option<i64>, data: &str, expires_at: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(id).bind(user).bind(data).bind(expires_at).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Inserts or replaces a session.
pub async fn save(db: &mut impl Db, id: &str, user: Option<i64>, data: &str, expires_at: i64) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at")
        .bind(id).bind(user).bind(data).bind(expires_at).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Deletes a session.
pub async fn delete(db: &mut impl Db, id: &str) -> Result<()> {
    with_db!(db, c => sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Deletes expired sessions; returns how many.
pub async fn delete_expired(db: &mut impl Db, now: i64) -> Result<u64> {
    Ok(
        with_db!(db, c => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&mut *c).await?.rows_affected()),
    )
}

/// Deletes every session of an account except `keep` (after a password change).
pub async fn delete_for_user_except(db: &mut impl Db, user: i64, keep: &str) -> Result<u64> {
    Ok(
        with_db!(db, c => sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user).bind(keep).execute(&mut *c).await?.rows_affected()),
    )
}

/// Deletes every session of an account (a role taken away, the account disabled).
pub async fn delete_for_user(db: &mut impl Db, user: i64) -> Result<u64> {
    Ok(with_db!(db, c => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user).execute(&mut *c).await?.rows_affected()))
}
