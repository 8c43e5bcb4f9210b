//! Requests from third parties (a class teacher, the psychologist, a parent …) about a
//! pupil who may need a mentor.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// A request about a possible mentee from a class teacher, psychologist, parent …
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReferralRow {
    /// Id.
    pub id: i64,
    /// Who (as the reporter wrote it).
    pub subject: String,
    /// Class.
    pub grade: String,
    /// What the problem is.
    pub problem: String,
    /// Mentee category code.
    pub category: Option<String>,
    /// The category is sensitive.
    pub sensitive: bool,
    /// Source code (§7.12).
    pub source: String,
    /// Reporter's name.
    pub reporter: String,
    /// `open`, `converted`, `declined`.
    pub status: String,
    /// The person it was matched to.
    pub person_id: Option<i64>,
    /// The entry it became.
    pub entry_id: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A new request.
#[derive(Debug, Clone)]
pub struct NewReferral<'a> {
    /// Who.
    pub subject: &'a str,
    /// Class.
    pub grade: &'a str,
    /// Problem.
    pub problem: &'a str,
    /// Category code.
    pub category: Option<&'a str>,
    /// Sensitive.
    pub sensitive: bool,
    /// Source code.
    pub source: &'a str,
    /// Reporter account.
    pub reporter_id: Option<i64>,
    /// Reporter name.
    pub reporter: &'a str,
}

/// Records a request.
pub async fn add_referral(
    db: &mut impl Db,
    org: i64,
    region: i64,
    r: &NewReferral<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO referrals (org_id, region_id, subject, grade, problem, category, sensitive, source, reporter_id, reporter, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id")
        .bind(org).bind(region).bind(r.subject).bind(r.grade).bind(r.problem).bind(r.category).bind(r.sensitive)
        .bind(r.source).bind(r.reporter_id).bind(r.reporter).bind(now)
        .fetch_one(&mut *c).await?))
}

const REFERRAL_COLS: &str =
    "id, subject, grade, problem, category, sensitive, source, reporter, status, person_id, entry_id, created_at";

/// Requests of a school, open ones first; `reporter` limits them to one account's own.
pub async fn referrals(db: &mut impl Db, org: i64, reporter: Option<i64>) -> Result<Vec<ReferralRow>> {
    let sql = format!(
        "SELECT {REFERRAL_COLS} FROM referrals WHERE org_id = $1 AND ($2 = 0 OR reporter_id = $2) \
         ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, id DESC LIMIT 500"
    );
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(org).bind(reporter.unwrap_or(0)).fetch_all(&mut *c).await?))
}

/// One request of a school.
pub async fn referral(db: &mut impl Db, org: i64, id: i64) -> Result<Option<ReferralRow>> {
    let sql = format!("SELECT {REFERRAL_COLS} FROM referrals WHERE org_id = $1 AND id = $2");
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(org).bind(id).fetch_optional(&mut *c).await?))
}

/// Closes a request: `converted` into an entry, or `declined`.
pub async fn close_referral(
    db: &mut impl Db,
    org: i64,
    id: i64,
    status: &str,
    person: Option<i64>,
    entry: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE referrals SET status = $3, person_id = $4, entry_id = $5, updated_at = $6 WHERE org_id = $1 AND id = $2 AND status = 'open'")
        .bind(org).bind(id).bind(status).bind(person).bind(entry).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}
