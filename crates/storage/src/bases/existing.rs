//! What an import or a request compares with: the entries a base already has, as
//! fingerprints of their fields or one person's fields.

use super::EntryFields;
use crate::{Db, Result, with_db};

impl EntryFields {
    /// A fingerprint of the fields: equal fields give equal fingerprints within a process,
    /// so an import tells a changed entry from an unchanged one without holding the old
    /// fields of the whole base (a different pair collides once in about 2^64).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(self)
    }
}

/// Existing entries of a school's base and year: person id → (entry id, the fields'
/// [`EntryFields::fingerprint`]).
///
/// Read in pages of 20,000 into a map sized once; each page's fields are dropped once
/// fingerprinted (held whole, a base of 100,000 entries took 60 MB of an import's budget).
/// From SQLite each page is one packed JSON value.
pub async fn existing(
    db: &mut impl Db,
    org: i64,
    start_year: i64,
    base: &str,
) -> Result<std::collections::HashMap<i64, (i64, u64)>> {
    const PAGE: i64 = 20_000;
    let n: i64 = with_db!(db, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM base_entries WHERE org_id = $1 AND start_year = $2 AND base = $3")
        .bind(org).bind(start_year).bind(base).fetch_one(&mut *c).await?);
    let mut out = std::collections::HashMap::with_capacity(usize::try_from(n).unwrap_or(0));
    let mut after = 0i64;
    loop {
        let page: Vec<(i64, i64, EntryFields)> = match db.exec() {
            crate::Exec::Sqlite(c) => {
                let packed: String = sqlx::query_scalar(
                    "SELECT json_group_array(json_array(person_id, id, json_array(status, category, \
                     json(CASE WHEN teacher THEN 'true' ELSE 'false' END), \
                     json(CASE WHEN sensitive THEN 'true' ELSE 'false' END), request, competences, request_source, \
                     form, entry_date, agreement, trained, counterpart, program_dates, results, case_link))) \
                     FROM (SELECT * FROM base_entries WHERE org_id = $1 AND start_year = $2 AND base = $3 AND id > $4 \
                     ORDER BY id LIMIT $5)",
                )
                .bind(org)
                .bind(start_year)
                .bind(base)
                .bind(after)
                .bind(PAGE)
                .fetch_one(&mut *c)
                .await?;
                serde_json::from_str(&packed).map_err(|e| crate::StorageError::Corrupt(e.to_string()))?
            }
            crate::Exec::Postgres(c) => {
                let rows: Vec<EntryRaw> = sqlx::query_as(&format!(
                    "SELECT {ENTRY_RAW_COLS} FROM base_entries \
                     WHERE org_id = $1 AND start_year = $2 AND base = $3 AND id > $4 ORDER BY id LIMIT $5"
                ))
                .bind(org)
                .bind(start_year)
                .bind(base)
                .bind(after)
                .bind(PAGE)
                .fetch_all(&mut *c)
                .await?;
                rows.into_iter().map(|r| (r.person_id, r.id, r.fields)).collect()
            }
        };
        let full = page.len() as i64 == PAGE;
        let last = page.iter().map(|(_, id, _)| *id).max();
        out.extend(
            page.into_iter()
                .map(|(person, id, fields)| (person, (id, fields.fingerprint()))),
        );
        match last {
            Some(last) if full => after = last,
            _ => break,
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct EntryRaw {
    person_id: i64,
    id: i64,
    #[sqlx(flatten)]
    fields: EntryFields,
}

const ENTRY_RAW_COLS: &str = "person_id, id, status, category, teacher, sensitive, request, competences, \
    request_source, form, entry_date, agreement, trained, counterpart, program_dates, results, case_link";

/// A person's entry in a base and year with its fields, if any.
pub async fn fields_of(
    db: &mut impl Db,
    org: i64,
    start_year: i64,
    base: &str,
    person: i64,
) -> Result<Option<(i64, EntryFields)>> {
    let raw: Option<EntryRaw> = with_db!(db, c => sqlx::query_as(&format!(
        "SELECT {ENTRY_RAW_COLS} FROM base_entries \
         WHERE org_id = $1 AND start_year = $2 AND base = $3 AND person_id = $4"))
        .bind(org).bind(start_year).bind(base).bind(person).fetch_optional(&mut *c).await?);
    Ok(raw.map(|r| (r.id, r.fields)))
}

/// An entry of a person in a base and year, if any.
pub async fn find(db: &mut impl Db, org: i64, start_year: i64, base: &str, person: i64) -> Result<Option<i64>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT id FROM base_entries WHERE org_id = $1 AND start_year = $2 AND base = $3 AND person_id = $4")
        .bind(org).bind(start_year).bind(base).bind(person).fetch_optional(&mut *c).await?))
}
