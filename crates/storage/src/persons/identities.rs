//! What an import compares its rows with: every person of a school by name key and birth date.

use super::*;

/// What an import compares a row with: a school's person by name key and birth date.
#[derive(Debug, Clone)]
pub struct Identity {
    /// Id.
    pub id: i64,
    /// Name key.
    pub search_key: String,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Category.
    pub category: domain::CategoryKind,
    /// Class (1–11) of a pupil, from the category's details.
    pub grade: Option<u8>,
    /// [`place_fingerprint`] of the category code, its details (JSON) and the class or
    /// position: held instead of the three texts (for a school of 200,000 people, 20 MB of
    /// an import's budget).
    pub place: u64,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Withdrawn.
    pub withdrawn: bool,
}

/// The fingerprint of a person's category code, category details (JSON) and class or
/// position, as [`Identity::place`] holds it.
pub fn place_fingerprint(category: &str, details: &str, place: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one((category, details, place))
}

#[derive(sqlx::FromRow)]
struct IdentityRow {
    id: i64,
    search_key: String,
    birth_date: NaiveDate,
    category: String,
    details: String,
    place: String,
    phone: Option<String>,
    email: Option<String>,
    withdrawn: bool,
}

impl TryFrom<IdentityRow> for Identity {
    type Error = crate::StorageError;

    fn try_from(r: IdentityRow) -> std::result::Result<Self, Self::Error> {
        let category = domain::CategoryKind::try_from(r.category.clone())
            .map_err(|e| crate::StorageError::Corrupt(e.to_string()))?;
        let grade = match category {
            domain::CategoryKind::Student => match serde_json::from_str(&r.details) {
                Ok(domain::Category::Student { grade, .. }) => Some(grade),
                _ => None,
            },
            _ => None,
        };
        Ok(Self {
            category,
            grade,
            place: place_fingerprint(&r.category, &r.details, &r.place),
            id: r.id,
            search_key: r.search_key,
            birth_date: r.birth_date,
            phone: r.phone,
            email: r.email,
            withdrawn: r.withdrawn,
        })
    }
}

/// Identities read per page; from SQLite a page is one packed value: sqlx hands SQLite rows
/// over one by one, and for a school of 100,000 people the hand-offs took longer than the
/// import's checks.
const IDENTITY_PAGE: i64 = 5_000;

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
                        |(id, search_key, birth_date, category, details, place, phone, email, withdrawn)| {
                            Identity::try_from(IdentityRow {
                                id,
                                search_key,
                                birth_date,
                                category,
                                details,
                                place,
                                phone,
                                email,
                                withdrawn: withdrawn != 0,
                            })
                        },
                    )
                    .collect::<Result<_>>()?
            }
            crate::Exec::Postgres(c) => {
                let rows: Vec<IdentityRow> = sqlx::query_as(
                    "SELECT id, search_key, birth_date, category, details, place, phone, email, withdrawn FROM persons \
                     WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                )
                .bind(org)
                .bind(after)
                .bind(IDENTITY_PAGE)
                .fetch_all(&mut *c)
                .await?;
                rows.into_iter().map(Identity::try_from).collect::<Result<_>>()?
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

/// A school's person as the demo's bases pick them: who is a teacher, a pupil of which
/// class, born when, still at school.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RosterRow {
    /// Id.
    pub id: i64,
    /// Category.
    #[sqlx(try_from = "String")]
    pub category: domain::CategoryKind,
    /// Class of a pupil.
    pub grade: Option<i64>,
    /// Date of birth, where known.
    pub birth_date: Option<NaiveDate>,
    /// Left the school.
    pub withdrawn: bool,
}

/// The school's people by the school's index (one school among many: no table walk).
pub async fn roster(db: &mut impl Db, org: i64) -> Result<Vec<RosterRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, category, grade, birth_date, withdrawn FROM persons WHERE org_id = $1 ORDER BY id")
        .bind(org).fetch_all(&mut *c).await?))
}
