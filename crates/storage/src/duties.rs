//! Teacher-mentors' consents to the added duties of mentoring (table `duty_consents`),
//! scoped by the school.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Db, Result, with_db};

/// Records a consent given on `given_on`; its id.
pub async fn give(
    db: &mut impl Db,
    (org, person): (i64, i64),
    given_on: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO duty_consents (org_id, person_id, given_on, recorded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(org).bind(person).bind(given_on).bind(by).bind(now)
        .fetch_one(&mut *c).await?))
}

/// Records many consents at once (the demo), each given on its date.
pub async fn give_many(db: &mut impl Db, org: i64, people: &[(i64, NaiveDate)], now: DateTime<Utc>) -> Result<()> {
    for (person, on) in people {
        give(db, (org, *person), *on, None, now).await?;
    }
    Ok(())
}

/// Withdraws the person's consents in force on `on`; false when none was.
pub async fn withdraw(db: &mut impl Db, (org, person): (i64, i64), on: NaiveDate) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE duty_consents SET withdrawn_on = $1 WHERE org_id = $2 AND person_id = $3 AND withdrawn_on IS NULL")
        .bind(on).bind(org).bind(person).execute(&mut *c).await?.rows_affected());
    Ok(n > 0)
}

/// The people of the school whose consent is in force on `today`.
pub async fn in_force(db: &mut impl Db, org: i64, today: NaiveDate) -> Result<HashSet<i64>> {
    let rows: Vec<i64> = with_db!(db, c => sqlx::query_scalar(
        "SELECT DISTINCT person_id FROM duty_consents WHERE org_id = $1 AND given_on <= $2 \
         AND (withdrawn_on IS NULL OR withdrawn_on > $2)")
        .bind(org).bind(today).fetch_all(&mut *c).await?);
    Ok(rows.into_iter().collect())
}

/// The person's consent recorded last: given on, withdrawn on.
pub async fn latest(db: &mut impl Db, org: i64, person: i64) -> Result<Option<(NaiveDate, Option<NaiveDate>)>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT given_on, withdrawn_on FROM duty_consents WHERE org_id = $1 AND person_id = $2 \
         ORDER BY id DESC LIMIT 1")
        .bind(org).bind(person).fetch_optional(&mut *c).await?))
}
