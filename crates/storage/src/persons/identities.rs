//! What an import compares its rows with: every person of a school by name key and birth date.

use super::*;

/// What an import compares a row with: a school's person by name key and birth date.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Identity {
    /// Id.
    pub id: i64,
    /// Name key.
    pub search_key: String,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Category code.
    pub category: String,
    /// Category details (JSON).
    pub details: String,
    /// Class or position.
    pub place: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Withdrawn.
    pub withdrawn: bool,
}

/// Identities read per page; from SQLite a page is one packed value: sqlx hands SQLite rows
/// over one by one, and for a school of 100,000 people the hand-offs took longer than the
/// import's checks.
const IDENTITY_PAGE: i64 = 20_000;

/// One packed identity: the columns of [`Identity`] in order.
type PackedIdentity = (
    i64,
    String,
    NaiveDate,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
);

/// Every person of a school, for an import to tell new people from known ones: read in
/// pages into a list sized once (grown by doubling, it took twice its size).
pub async fn identities(db: &mut impl Db, org: i64) -> Result<Vec<Identity>> {
    let n: i64 = with_db!(db, c => sqlx::query_scalar("SELECT COUNT(*) FROM persons WHERE org_id = $1")
        .bind(org).fetch_one(&mut *c).await?);
    let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    let mut after = 0i64;
    loop {
        let page: Vec<Identity> = match db.exec() {
            crate::Exec::Sqlite(c) => {
                // `+org_id`: walk the table in id order (no sort of the school's people per
                // page) and skip other schools' rows.
                let packed: String = sqlx::query_scalar(
                    "SELECT json_group_array(json_array(id, search_key, birth_date, category, details, place, phone, \
                     email, withdrawn)) FROM (SELECT * FROM persons WHERE +org_id = $1 AND id > $2 ORDER BY id LIMIT $3)",
                )
                .bind(org)
                .bind(after)
                .bind(IDENTITY_PAGE)
                .fetch_one(&mut *c)
                .await?;
                let page: Vec<PackedIdentity> =
                    serde_json::from_str(&packed).map_err(|e| crate::StorageError::Corrupt(e.to_string()))?;
                page.into_iter()
                    .map(
                        |(id, search_key, birth_date, category, details, place, phone, email, withdrawn)| Identity {
                            id,
                            search_key,
                            birth_date,
                            category,
                            details,
                            place,
                            phone,
                            email,
                            withdrawn: withdrawn != 0,
                        },
                    )
                    .collect()
            }
            crate::Exec::Postgres(c) => {
                sqlx::query_as(
                    "SELECT id, search_key, birth_date, category, details, place, phone, email, withdrawn FROM persons \
                     WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                )
                .bind(org)
                .bind(after)
                .bind(IDENTITY_PAGE)
                .fetch_all(&mut *c)
                .await?
            }
        };
        let full = page.len() as i64 == IDENTITY_PAGE;
        let last = page.iter().map(|p| p.id).max();
        out.extend(page);
        match last {
            Some(last) if full => after = last,
            _ => break,
        }
    }
    Ok(out)
}
