//! One base entry as its own page reads and edits it: the version a concurrent edit is
//! checked against, and who answered its questionnaire.

use chrono::{DateTime, Utc};

use crate::{Db, Exec, Result, with_db};

/// When the entry of a school was last changed (its version), `None` if there is no such
/// entry. Inside a transaction on PostgreSQL the row stays locked until the end, so two
/// edits of one version cannot both pass; SQLite has one writer at a time anyway.
pub async fn lock_version(db: &mut impl Db, org: i64, id: i64) -> Result<Option<DateTime<Utc>>> {
    const SQL: &str = "SELECT updated_at FROM base_entries WHERE org_id = $1 AND id = $2";
    Ok(match db.exec() {
        Exec::Sqlite(c) => {
            sqlx::query_scalar(SQL)
                .bind(org)
                .bind(id)
                .fetch_optional(&mut *c)
                .await?
        }
        Exec::Postgres(c) => {
            sqlx::query_scalar(&format!("{SQL} FOR UPDATE"))
                .bind(org)
                .bind(id)
                .fetch_optional(&mut *c)
                .await?
        }
    })
}

/// Records who answered the questionnaire of an entry: the participant or a guardian.
pub async fn set_answered_by(db: &mut impl Db, org: i64, id: i64, respondent: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query("UPDATE base_entries SET answered_by = $3 WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).bind(respondent).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Who answered the questionnaire of an entry (a person of the school), if it is known.
pub async fn answered_by(db: &mut impl Db, org: i64, id: i64) -> Result<Option<i64>> {
    let who: Option<Option<i64>> = with_db!(db, c => sqlx::query_scalar(
        "SELECT answered_by FROM base_entries WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).fetch_optional(&mut *c).await?);
    Ok(who.flatten())
}

/// When the entry of a school was last changed (its version), without a lock: for showing.
pub async fn version(db: &mut impl Db, org: i64, id: i64) -> Result<Option<DateTime<Utc>>> {
    Ok(
        with_db!(db, c => sqlx::query_scalar("SELECT updated_at FROM base_entries WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).fetch_optional(&mut *c).await?),
    )
}
