//! Organizations and academic years.

use domain::org::validate_timezone;
use domain::{AcademicYear, OrgKind, Permission, Violation, Violations};
use storage::repo::orgs;
use storage::{AcademicYearRow, OrgRow};

use crate::participants::required_text;
use crate::{Actor, App, AppError, Result};

impl App {
    /// Creates an organization under a parent of the right kind (CLI operator or administrator).
    pub async fn create_org(
        &self,
        actor: &Actor,
        kind: OrgKind,
        name: &str,
        short: &str,
        parent: Option<i64>,
        tz: &str,
    ) -> Result<i64> {
        actor.require(Permission::ManageOrganizations)?;
        let mut e = Violations::default();
        let name = e.take(required_text("name", name, 300));
        let short = e.take(required_text("short_name", short, 120));
        let tz = e.take(validate_timezone("timezone", tz));
        let mut tx = self.store.begin().await?;
        let parent_row = match parent {
            Some(p) => orgs::get_org(&mut tx, p).await?,
            None => None,
        };
        let parent_kind = parent_row.as_ref().map(|p| p.kind);
        if parent_kind != kind.parent_kind() {
            e.push(Violation::new("parent_id", "err-org-parent"));
        }
        let (Some(name), Some(short), Some(tz)) = (name, short, tz) else {
            return Err(e.into());
        };
        if !e.is_empty() {
            return Err(e.into());
        }
        let id = orgs::create_org(&mut tx, kind, &name, &short, parent_row.as_ref(), &tz, self.now()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds an academic year to a school.
    pub async fn add_academic_year(&self, actor: &Actor, org: i64, year: &str, current: bool) -> Result<i64> {
        actor.require(Permission::ManageOrganizations)?;
        let y = AcademicYear::parse("year", year)?;
        let mut tx = self.store.begin().await?;
        orgs::get_org(&mut tx, org)
            .await?
            .filter(|o| o.kind == OrgKind::School)
            .ok_or(AppError::NotFound)?;
        let id = match orgs::add_year(&mut tx, org, y.start_year(), current).await {
            Err(storage::StorageError::Duplicate { .. }) => {
                return Err(Violation::new("year", "err-year-exists").into());
            }
            other => other?,
        };
        tx.commit().await?;
        Ok(id)
    }

    /// Every organization (tree order).
    pub async fn organizations(&self) -> Result<Vec<OrgRow>> {
        let mut conn = self.store.read().await?;
        Ok(orgs::list_orgs(&mut conn).await?)
    }

    /// One organization.
    pub async fn organization(&self, id: i64) -> Result<OrgRow> {
        let mut conn = self.store.read().await?;
        orgs::get_org(&mut conn, id).await?.ok_or(AppError::NotFound)
    }

    /// Academic years of a school.
    pub async fn academic_years(&self, org: i64) -> Result<Vec<AcademicYearRow>> {
        let mut conn = self.store.read().await?;
        Ok(orgs::years(&mut conn, org).await?)
    }

    /// Participant counts by category for each school under the actor's municipality/region.
    pub async fn aggregates(&self, actor: &Actor) -> Result<Vec<(OrgRow, Vec<(String, i64)>)>> {
        actor.require(Permission::ViewAggregates)?;
        let mut conn = self.store.read().await?;
        let schools = orgs::schools_under(&mut conn, actor.org_id).await?;
        let counts = storage::repo::persons::counts_by_school(&mut conn, actor.org_id).await?;
        Ok(schools
            .into_iter()
            .map(|s| {
                let c = counts
                    .iter()
                    .filter(|(o, _, _)| *o == s.id)
                    .map(|(_, cat, n)| (cat.clone(), *n))
                    .collect();
                (s, c)
            })
            .collect())
    }
}
