//! Guardian links: written, read for a card, and listed for an import.

use super::*;

/// A guardian link as the card shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GuardianLink {
    /// The other person's id (guardian on a minor's card, minor on a guardian's).
    pub person_id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// «мать», «отец», «опекун» …
    pub relation: String,
    /// The document that makes them the representative.
    pub authority_doc: String,
}

/// A guardian link to write.
#[derive(Debug, Clone)]
pub struct NewGuardianship<'a> {
    /// School of both people.
    pub org_id: i64,
    /// The minor.
    pub minor_id: i64,
    /// The guardian.
    pub guardian_id: i64,
    /// «мать», «отец», «опекун» …
    pub relation: Cow<'a, str>,
    /// The document that makes them the representative.
    pub authority_doc: Cow<'a, str>,
}

/// Links a minor to a guardian (both of the same school).
pub async fn link_guardian(
    db: &mut impl Db,
    org: i64,
    minor: i64,
    guardian: i64,
    relation: &str,
    doc: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO guardianships (org_id, minor_id, guardian_id, relation, authority_doc, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(org).bind(minor).bind(guardian).bind(relation).bind(doc).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Writes guardian links in multi-row statements (seeding, imports).
pub async fn link_many<'a>(
    db: &mut impl Db,
    links: impl IntoIterator<Item = NewGuardianship<'a>>,
    now: DateTime<Utc>,
) -> Result<()> {
    const COLUMNS: [&str; 6] = [
        "org_id",
        "minor_id",
        "guardian_id",
        "relation",
        "authority_doc",
        "created_at",
    ];
    let rows = links.into_iter().map(|l| {
        vec![
            Value::Int(Some(l.org_id)),
            Value::Int(Some(l.minor_id)),
            Value::Int(Some(l.guardian_id)),
            Value::Text(Some(l.relation.into_owned())),
            Value::Text(Some(l.authority_doc.into_owned())),
            Value::Time(now),
        ]
    });
    insert_rows(db, "guardianships", &COLUMNS, rows).await?;
    Ok(())
}

/// Guardians of a minor.
pub async fn guardians_of(db: &mut impl Db, org: i64, minor: i64) -> Result<Vec<GuardianLink>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT p.id AS person_id, p.last_name, p.first_name, p.patronymic, g.relation, g.authority_doc \
         FROM guardianships g JOIN persons p ON p.id = g.guardian_id WHERE g.org_id = $1 AND g.minor_id = $2 ORDER BY g.id")
        .bind(org).bind(minor).fetch_all(&mut *c).await?))
}

/// Minors a guardian represents.
pub async fn wards_of(db: &mut impl Db, org: i64, guardian: i64) -> Result<Vec<GuardianLink>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT p.id AS person_id, p.last_name, p.first_name, p.patronymic, g.relation, g.authority_doc \
         FROM guardianships g JOIN persons p ON p.id = g.minor_id WHERE g.org_id = $1 AND g.guardian_id = $2 ORDER BY g.id")
        .bind(org).bind(guardian).fetch_all(&mut *c).await?))
}

/// The authority document of a guardian link, if the link exists.
pub async fn guardian_doc(db: &mut impl Db, org: i64, minor: i64, guardian: i64) -> Result<Option<String>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT authority_doc FROM guardianships WHERE org_id = $1 AND minor_id = $2 AND guardian_id = $3")
        .bind(org).bind(minor).bind(guardian).fetch_optional(&mut *c).await?))
}

/// Parents of a school who can be linked as guardians: (id, фамилия, имя, отчество, birth
/// date if known).
pub async fn adults(
    db: &mut impl Db,
    org: i64,
    adult_cutoff: NaiveDate,
) -> Result<Vec<(i64, String, String, Option<String>, Option<NaiveDate>)>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, last_name, first_name, patronymic, CASE WHEN birth_date_known THEN birth_date END FROM persons WHERE org_id = $1 AND withdrawn = FALSE \
         AND birth_date <= $2 AND category = 'parent' ORDER BY search_key, id LIMIT 5000")
        .bind(org).bind(adult_cutoff).fetch_all(&mut *c).await?))
}

/// Guardian links of a school: (minor, guardian).
pub async fn guardian_pairs(db: &mut impl Db, org: i64) -> Result<Vec<(i64, i64)>> {
    match db.exec() {
        // Packed into one value, as `identities`: a school of 100,000 pupils has as many links.
        crate::Exec::Sqlite(c) => {
            let packed: String = sqlx::query_scalar(
                "SELECT json_group_array(json_array(minor_id, guardian_id)) FROM guardianships WHERE org_id = $1",
            )
            .bind(org)
            .fetch_one(&mut *c)
            .await?;
            serde_json::from_str(&packed).map_err(|e| crate::StorageError::Corrupt(e.to_string()))
        }
        crate::Exec::Postgres(c) => Ok(sqlx::query_as(
            "SELECT minor_id, guardian_id FROM guardianships WHERE org_id = $1",
        )
        .bind(org)
        .fetch_all(&mut *c)
        .await?),
    }
}
