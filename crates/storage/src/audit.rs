//! The audit trail: who saw or changed which person's data, when and from where.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// An entry to write (in the same transaction as the change it records).
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// School.
    pub org_id: i64,
    /// Person concerned.
    pub person_id: Option<i64>,
    /// Acting account.
    pub user_id: Option<i64>,
    /// What happened: `view`, `create`, `update`, `consent_give`, `consent_withdraw`, `guardian_link` …
    pub action: &'a str,
    /// Which fields or records (never the values).
    pub detail: &'a str,
    /// Client address.
    pub address: &'a str,
}

/// An entry as read back.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AuditRow {
    /// Id.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (display name), if an account.
    pub actor: Option<String>,
    /// What.
    pub action: String,
    /// Details.
    pub detail: String,
    /// From where.
    pub address: String,
}

/// Writes an entry.
pub async fn write(db: &mut impl Db, e: &AuditEntry<'_>, now: DateTime<Utc>) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO audit_log (org_id, person_id, user_id, action, detail, address, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(e.org_id).bind(e.person_id).bind(e.user_id).bind(e.action).bind(e.detail).bind(e.address).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// The trail of one person in a school, newest first.
pub async fn of_person(db: &mut impl Db, org: i64, person: i64, limit: i64) -> Result<Vec<AuditRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT a.id, a.at, u.display_name AS actor, a.action, a.detail, a.address FROM audit_log a \
         LEFT JOIN users u ON u.id = a.user_id WHERE a.org_id = $1 AND a.person_id = $2 ORDER BY a.id DESC LIMIT $3")
        .bind(org).bind(person).bind(limit).fetch_all(&mut *c).await?))
}
