//! Questionnaire links (only a token's hash is stored) and the school's own questions.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// A questionnaire link as stored (the token itself is never stored, only its hash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkRow {
    /// Id.
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// The entry the answers go to.
    pub entry_id: i64,
    /// Who fills it in: the person or the minor's guardian.
    pub respondent_id: i64,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
    /// Answered at (a link answers once).
    pub used_at: Option<DateTime<Utc>>,
}

/// Stores a new link.
#[allow(clippy::too_many_arguments)]
pub async fn insert_link(
    db: &mut impl Db,
    org: i64,
    entry: i64,
    respondent: i64,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO questionnaire_links (org_id, entry_id, respondent_id, token_hash, expires_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(org).bind(entry).bind(respondent).bind(token_hash).bind(expires_at).bind(created_by).bind(now)
        .fetch_one(&mut *c).await?))
}

/// The link with this token hash.
pub async fn link_by_hash(db: &mut impl Db, token_hash: &str) -> Result<Option<LinkRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, org_id, entry_id, respondent_id, expires_at, used_at FROM questionnaire_links WHERE token_hash = $1")
        .bind(token_hash).fetch_optional(&mut *c).await?))
}

/// Closes the unused links of an entry (a new link replaces them; answers close them all).
pub async fn close_links(db: &mut impl Db, entry: i64, now: DateTime<Utc>) -> Result<u64> {
    Ok(with_db!(db, c => sqlx::query(
        "UPDATE questionnaire_links SET used_at = $2 WHERE entry_id = $1 AND used_at IS NULL")
        .bind(entry).bind(now).execute(&mut *c).await?.rows_affected()))
}

/// Marks a link used; `false` if it was used already (a second submit in a race).
pub async fn use_link(db: &mut impl Db, id: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE questionnaire_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
        .bind(id).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// A question the school added to a questionnaire.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    /// Id.
    pub id: i64,
    /// `mentors` or `mentees`.
    pub base: String,
    /// The question.
    pub label: String,
    /// `text`, `yes_no`, `scale_1_10`, `choice`.
    pub kind: String,
    /// Choices, one per line.
    pub options: String,
    /// An answer is required.
    pub required: bool,
}

/// The active questions of a school's questionnaire.
pub async fn questions(db: &mut impl Db, org: i64, base: &str) -> Result<Vec<QuestionRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, base, label, kind, options, required FROM questions WHERE org_id = $1 AND base = $2 AND active = TRUE ORDER BY id")
        .bind(org).bind(base).fetch_all(&mut *c).await?))
}

/// Adds a question.
pub async fn add_question(db: &mut impl Db, org: i64, q: &QuestionRow, now: DateTime<Utc>) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO questions (org_id, base, label, kind, options, required, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(org).bind(&q.base).bind(&q.label).bind(&q.kind).bind(&q.options).bind(q.required).bind(now)
        .fetch_one(&mut *c).await?))
}

/// Retires a question (answers given to it stay).
pub async fn retire_question(db: &mut impl Db, org: i64, id: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query("UPDATE questions SET active = FALSE WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}
