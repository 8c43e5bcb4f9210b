//! The outbox (table `outbox`): mails written with the change they tell of, claimed by a
//! sending worker with `UPDATE … RETURNING` on both databases. A claim is a lease: rows of
//! a worker that died are claimed again once it runs out; a sent row is never claimed.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// A mail to write.
pub struct NewMail<'a> {
    /// What it tells of (the Fluent keys `mail-{kind}-subject` and `mail-{kind}-body`).
    pub kind: &'a str,
    /// The address.
    pub recipient: &'a str,
    /// The texts' arguments (JSON object).
    pub args: &'a str,
    /// Not sent before this time.
    pub not_before: DateTime<Utc>,
}

/// A claimed mail.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Mail {
    /// Id (also the mail's Message-ID, so a receiver can tell a repeat).
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// Kind.
    pub kind: String,
    /// Address.
    pub recipient: String,
    /// Arguments (JSON object).
    pub args: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Writes a mail in the caller's transaction.
pub async fn enqueue(db: &mut impl Db, org: i64, m: &NewMail<'_>, now: DateTime<Utc>) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO outbox (org_id, kind, recipient, args, not_before, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(org).bind(m.kind).bind(m.recipient).bind(m.args).bind(m.not_before).bind(now)
        .fetch_one(&mut *c).await?))
}

/// Claims up to `limit` due mails for the worker `claim`: unsent, due, and unclaimed or
/// claimed before `lease_from` (a worker that stopped), at most `max_attempts` tried.
pub async fn claim(
    db: &mut impl Db,
    claim: &str,
    (now, lease_from): (DateTime<Utc>, DateTime<Utc>),
    max_attempts: i64,
    limit: i64,
) -> Result<Vec<Mail>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "UPDATE outbox SET claimed_at = $1, claim = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND not_before <= $1 AND attempts < $3 \
           AND (claimed_at IS NULL OR claimed_at < $4) ORDER BY id LIMIT $5) \
         RETURNING id, org_id, kind, recipient, args, attempts")
        .bind(now).bind(claim).bind(max_attempts).bind(lease_from).bind(limit)
        .fetch_all(&mut *c).await?))
}

/// Marks a claimed mail sent; false when the claim was lost (another worker took it over).
pub async fn mark_sent(db: &mut impl Db, id: i64, claim: &str, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2 AND claim = $3 AND sent_at IS NULL")
        .bind(now).bind(id).bind(claim).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Gives a claimed mail back after a failure, to be tried again from `retry_at`.
pub async fn mark_failed(db: &mut impl Db, id: i64, claim: &str, error: &str, retry_at: DateTime<Utc>) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE outbox SET claimed_at = NULL, claim = NULL, not_before = $1, last_error = $2 WHERE id = $3 AND claim = $4")
        .bind(retry_at).bind(error).bind(id).bind(claim).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Counts of a school's mails: (sent, waiting).
pub async fn counts(db: &mut impl Db, org: i64) -> Result<(i64, i64)> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT COUNT(sent_at), COUNT(*) - COUNT(sent_at) FROM outbox WHERE org_id = $1")
        .bind(org).fetch_one(&mut *c).await?))
}
