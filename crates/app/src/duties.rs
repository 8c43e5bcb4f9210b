//! A teacher-mentor's consent to the added duties of mentoring (TEMPLATES.md §8.11): the
//! curator records it from the signed paper and records its withdrawal; the head's order
//! of pairs needs it in force for every teacher mentor (`pairing_order`).

use chrono::NaiveDate;
use domain::{AuditEvent, CategoryKind, Permission, Violation};
use storage::repo::{duties, persons};

use crate::{Actor, App, AppError, Result};

/// Where a teacher's consent to the added duties stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duties {
    /// Given on that day and in force.
    InForce(NaiveDate),
    /// Withdrawn on that day.
    Withdrawn(NaiveDate),
    /// Never given.
    Missing,
}

impl Duties {
    /// Where the latest record stands on `today`.
    pub(crate) fn of(latest: Option<(NaiveDate, Option<NaiveDate>)>, today: NaiveDate) -> Self {
        match latest {
            Some((_, Some(w))) if w <= today => Self::Withdrawn(w),
            Some((g, _)) if g <= today => Self::InForce(g),
            _ => Self::Missing,
        }
    }
}

impl App {
    /// A teacher of the school (anyone else: 404 for another school's, a message for a pupil).
    async fn teacher(&self, db: &mut impl storage::Db, actor: &Actor, person: i64) -> Result<()> {
        let row = persons::get(db, actor.org_id, person)
            .await?
            .ok_or(AppError::NotFound)?;
        if row.category != CategoryKind::Teacher {
            return Err(Violation::new("person", "err-duties-teacher").into());
        }
        Ok(())
    }

    /// Records a teacher's consent to the added duties of a mentor, signed on `given_on`.
    pub async fn record_duties(&self, actor: &Actor, person: i64, given_on: NaiveDate) -> Result<()> {
        actor.require(Permission::ManageConsents)?;
        let mut tx = self.store.begin().await?;
        self.teacher(&mut tx, actor, person).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        if given_on > today {
            return Err(Violation::new("given_on", "err-duties-future").into());
        }
        duties::withdraw(&mut tx, (actor.org_id, person), given_on).await?;
        duties::give(&mut tx, (actor.org_id, person), given_on, actor.user_id, self.now()).await?;
        self.audit(&mut tx, actor, Some(person), AuditEvent::DutiesGive).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the withdrawal of a teacher's consent to the added duties, as of today.
    pub async fn withdraw_duties(&self, actor: &Actor, person: i64) -> Result<()> {
        actor.require(Permission::ManageConsents)?;
        let mut tx = self.store.begin().await?;
        self.teacher(&mut tx, actor, person).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        if !duties::withdraw(&mut tx, (actor.org_id, person), today).await? {
            return Err(Violation::new("person", "err-duties-none").into());
        }
        self.audit(&mut tx, actor, Some(person), AuditEvent::DutiesWithdraw)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
