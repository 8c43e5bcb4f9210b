//! The audit trail: who saw or changed which person's data, when and from where.

use chrono::{DateTime, Utc};
use domain::{AuditAction, AuditEvent};

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
    /// What happened, with ids and codes (never the values).
    pub event: &'a AuditEvent,
    /// Client address.
    pub address: &'a str,
}

/// An entry as read back.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Id.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (display name), if an account.
    pub actor: Option<String>,
    /// What (an unreadable stored entry as [`AuditEvent::Unknown`]).
    pub event: AuditEvent,
    /// From where.
    pub address: String,
}

/// A row as the database holds it.
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    at: DateTime<Utc>,
    actor: Option<String>,
    action: String,
    detail: String,
    address: String,
}

impl From<Stored> for AuditRow {
    fn from(r: Stored) -> Self {
        Self {
            event: AuditEvent::from_stored(&r.action, &r.detail),
            id: r.id,
            at: r.at,
            actor: r.actor,
            address: r.address,
        }
    }
}

/// Writes an entry.
pub async fn write(db: &mut impl Db, e: &AuditEntry<'_>, now: DateTime<Utc>) -> Result<()> {
    let (action, detail) = (e.event.code(), e.event.detail());
    with_db!(db, c => sqlx::query(
        "INSERT INTO audit_log (org_id, person_id, user_id, action, detail, address, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(e.org_id).bind(e.person_id).bind(e.user_id).bind(action).bind(&detail).bind(e.address).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// The trail of one person in a school, newest first.
pub async fn of_person(db: &mut impl Db, org: i64, person: i64, limit: i64) -> Result<Vec<AuditRow>> {
    let rows: Vec<Stored> = with_db!(db, c => sqlx::query_as(
        "SELECT a.id, a.at, u.display_name AS actor, a.action, a.detail, a.address FROM audit_log a \
         LEFT JOIN users u ON u.id = a.user_id WHERE a.org_id = $1 AND a.person_id = $2 ORDER BY a.id DESC LIMIT $3")
        .bind(org).bind(person).bind(limit).fetch_all(&mut *c).await?);
    Ok(rows.into_iter().map(AuditRow::from).collect())
}

/// The latest entries of one action in a school (entries about accounts, not people), newest first.
pub async fn of_action(db: &mut impl Db, org: i64, action: AuditAction, limit: i64) -> Result<Vec<AuditRow>> {
    let rows: Vec<Stored> = with_db!(db, c => sqlx::query_as(
        "SELECT a.id, a.at, u.display_name AS actor, a.action, a.detail, a.address FROM audit_log a \
         LEFT JOIN users u ON u.id = a.user_id WHERE a.org_id = $1 AND a.action = $2 ORDER BY a.id DESC LIMIT $3")
        .bind(org).bind(action.code()).bind(limit).fetch_all(&mut *c).await?);
    Ok(rows.into_iter().map(AuditRow::from).collect())
}
