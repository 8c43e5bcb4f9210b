//! Organizations (region → municipality → school) and their academic years.

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// An organization row.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OrgRow {
    /// Id.
    pub id: i64,
    /// Region, municipality or school.
    #[sqlx(try_from = "String")]
    pub kind: domain::OrgKind,
    /// Full name («Муниципальное бюджетное общеобразовательное учреждение …»).
    pub name: String,
    /// Short name («МБОУ СОШ № 17»).
    pub short_name: String,
    /// Parent organization.
    pub parent_id: Option<i64>,
    /// The region this organization belongs to (the shard key).
    pub region_id: Option<i64>,
    /// IANA time zone.
    pub timezone: String,
}

/// An academic year of a school.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AcademicYearRow {
    /// Id.
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// Year the period starts in (2025 for 2025/2026).
    pub start_year: i64,
    /// The current period.
    pub is_current: bool,
}

const ORG_COLS: &str = "id, kind, name, short_name, parent_id, region_id, timezone";

/// Inserts an organization; a region becomes its own region.
pub async fn create_org(
    db: &mut impl Db,
    kind: domain::OrgKind,
    name: &str,
    short_name: &str,
    parent: Option<&OrgRow>,
    timezone: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let region = parent.and_then(|p| p.region_id);
    let id: i64 = with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO organizations (kind, name, short_name, parent_id, region_id, timezone, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(kind.code()).bind(name).bind(short_name).bind(parent.map(|p| p.id)).bind(region).bind(timezone).bind(now)
        .fetch_one(&mut *c).await?);
    if region.is_none() {
        with_db!(db, c => sqlx::query("UPDATE organizations SET region_id = id WHERE id = $1").bind(id).execute(&mut *c).await?.rows_affected());
    }
    Ok(id)
}

/// One organization by id.
pub async fn get_org(db: &mut impl Db, id: i64) -> Result<Option<OrgRow>> {
    let sql = format!("SELECT {ORG_COLS} FROM organizations WHERE id = $1");
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(id).fetch_optional(&mut *c).await?))
}

/// All organizations, parents before children, by name.
pub async fn list_orgs(db: &mut impl Db) -> Result<Vec<OrgRow>> {
    let sql = format!("SELECT {ORG_COLS} FROM organizations ORDER BY kind DESC, short_name, id");
    Ok(with_db!(db, c => sqlx::query_as(&sql).fetch_all(&mut *c).await?))
}

/// Schools under an organization (itself if it is a school), at most three levels down.
pub async fn schools_under(db: &mut impl Db, org: i64) -> Result<Vec<OrgRow>> {
    let sql = format!(
        "SELECT {ORG_COLS} FROM organizations WHERE kind = 'school' AND (id = $1 OR parent_id = $1 \
         OR parent_id IN (SELECT id FROM organizations WHERE parent_id = $1)) ORDER BY short_name, id"
    );
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(org).fetch_all(&mut *c).await?))
}

/// Adds an academic year; `current` makes it the only current one of the school.
pub async fn add_year(db: &mut impl Db, org: i64, start_year: i32, current: bool) -> Result<i64> {
    if current {
        with_db!(db, c => sqlx::query("UPDATE academic_years SET is_current = FALSE WHERE org_id = $1")
            .bind(org).execute(&mut *c).await?.rows_affected());
    }
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO academic_years (org_id, start_year, is_current) VALUES ($1, $2, $3) RETURNING id")
        .bind(org).bind(i64::from(start_year)).bind(current).fetch_one(&mut *c).await?))
}

/// Academic years of a school, newest first.
pub async fn years(db: &mut impl Db, org: i64) -> Result<Vec<AcademicYearRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, org_id, start_year, is_current FROM academic_years WHERE org_id = $1 ORDER BY start_year DESC")
        .bind(org).fetch_all(&mut *c).await?))
}
