//! Saved searches: the text typed into a list's search box behind a random id, so that the
//! list's URL carries the id and never a name. Only the account that typed it reads it.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// Stores a search.
pub async fn insert(
    db: &mut impl Db,
    id: &str,
    (org, user): (i64, i64),
    text: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO saved_searches (id, org_id, user_id, text, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(org).bind(user).bind(text).bind(now).bind(expires_at)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// The text of a live search of this account in this school.
pub async fn text(db: &mut impl Db, id: &str, (org, user): (i64, i64), now: DateTime<Utc>) -> Result<Option<String>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT text FROM saved_searches WHERE id = $1 AND org_id = $2 AND user_id = $3 AND expires_at > $4")
        .bind(id).bind(org).bind(user).bind(now).fetch_optional(&mut *c).await?))
}

/// The id of a live search of this account with this text and at least `until` to live,
/// so searching for the same name again gives the same URL.
pub async fn find(
    db: &mut impl Db,
    (org, user): (i64, i64),
    text: &str,
    until: DateTime<Utc>,
) -> Result<Option<String>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT id FROM saved_searches WHERE org_id = $1 AND user_id = $2 AND text = $3 AND expires_at > $4 \
         ORDER BY expires_at DESC LIMIT 1")
        .bind(org).bind(user).bind(text).bind(until).fetch_optional(&mut *c).await?))
}

/// Deletes expired searches; how many.
pub async fn delete_expired(db: &mut impl Db, now: DateTime<Utc>) -> Result<u64> {
    Ok(
        with_db!(db, c => sqlx::query("DELETE FROM saved_searches WHERE expires_at <= $1")
        .bind(now).execute(&mut *c).await?.rows_affected()),
    )
}
