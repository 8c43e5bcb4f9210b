//! Consent records: given, listed, withdrawn — never deleted.

use chrono::{DateTime, NaiveDate, Utc};

use std::borrow::Cow;

use crate::bulk::{Value, insert_rows};
use crate::{Db, Result, with_db};

/// A stored consent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    /// Id.
    pub id: i64,
    /// The person the consent is about.
    pub person_id: i64,
    /// Processing or dissemination.
    #[sqlx(try_from = "String")]
    pub kind: domain::ConsentKind,
    /// The guardian who signed, if not the person.
    pub guardian_id: Option<i64>,
    /// The guardian's authority document.
    pub authority_doc: Option<String>,
    /// Purpose.
    pub purpose: String,
    /// Date of signature.
    pub given_on: NaiveDate,
    /// Paper document reference.
    pub document_ref: String,
    /// Date of withdrawal.
    pub withdrawn_on: Option<NaiveDate>,
    /// Reason of withdrawal.
    pub withdrawn_reason: Option<String>,
}

/// A consent to record.
#[derive(Debug, Clone)]
pub struct NewConsent<'a> {
    /// Person.
    pub person_id: i64,
    /// Processing or dissemination.
    pub kind: domain::ConsentKind,
    /// Guardian who signed.
    pub guardian_id: Option<i64>,
    /// Guardian's authority document.
    pub authority_doc: Option<Cow<'a, str>>,
    /// Purpose.
    pub purpose: Cow<'a, str>,
    /// Date of signature.
    pub given_on: NaiveDate,
    /// Paper document reference.
    pub document_ref: Cow<'a, str>,
    /// Account that recorded it.
    pub recorded_by: Option<i64>,
}

const COLS: &str =
    "id, person_id, kind, guardian_id, authority_doc, purpose, given_on, document_ref, withdrawn_on, withdrawn_reason";

/// Records a consent.
pub async fn insert(db: &mut impl Db, org: i64, c: &NewConsent<'_>, now: DateTime<Utc>) -> Result<i64> {
    Ok(with_db!(db, conn => sqlx::query_scalar(
        "INSERT INTO consents (org_id, person_id, kind, guardian_id, authority_doc, purpose, given_on, document_ref, recorded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
        .bind(org).bind(c.person_id).bind(c.kind.code()).bind(c.guardian_id).bind(c.authority_doc.as_deref())
        .bind(c.purpose.as_ref()).bind(c.given_on).bind(c.document_ref.as_ref()).bind(c.recorded_by).bind(now)
        .fetch_one(&mut *conn).await?))
}

/// Records consents of schools (`org`, consent) in multi-row statements (seeding).
pub async fn insert_many<'a>(
    db: &mut impl Db,
    consents: impl IntoIterator<Item = (i64, NewConsent<'a>)>,
    now: DateTime<Utc>,
) -> Result<()> {
    const COLUMNS: [&str; 10] = [
        "org_id",
        "person_id",
        "kind",
        "guardian_id",
        "authority_doc",
        "purpose",
        "given_on",
        "document_ref",
        "recorded_by",
        "created_at",
    ];
    let rows = consents.into_iter().map(|(org, c)| {
        vec![
            Value::Int(Some(org)),
            Value::Int(Some(c.person_id)),
            Value::Text(Some(c.kind.code().to_string())),
            Value::Int(c.guardian_id),
            Value::Text(c.authority_doc.map(Cow::into_owned)),
            Value::Text(Some(c.purpose.into_owned())),
            Value::Date(Some(c.given_on)),
            Value::Text(Some(c.document_ref.into_owned())),
            Value::Int(c.recorded_by),
            Value::Time(now),
        ]
    });
    insert_rows(db, "consents", &COLUMNS, rows).await?;
    Ok(())
}

/// All consents of a person, newest first.
pub async fn of_person(db: &mut impl Db, org: i64, person: i64) -> Result<Vec<ConsentRow>> {
    let sql =
        format!("SELECT {COLS} FROM consents WHERE org_id = $1 AND person_id = $2 ORDER BY given_on DESC, id DESC");
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(org).bind(person).fetch_all(&mut *c).await?))
}

/// Withdraws a consent in force; `false` if it is not there or already withdrawn.
pub async fn withdraw(db: &mut impl Db, org: i64, person: i64, id: i64, on: NaiveDate, reason: &str) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE consents SET withdrawn_on = $4, withdrawn_reason = $5 WHERE org_id = $1 AND person_id = $2 AND id = $3 AND withdrawn_on IS NULL")
        .bind(org).bind(person).bind(id).bind(on).bind(reason).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}
