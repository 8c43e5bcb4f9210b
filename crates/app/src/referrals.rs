//! Requests from third parties (R3.2): a class teacher, the psychologist, a social worker,
//! a parent or the administration writes down a possible mentee and the problem; the
//! curator turns the request into an entry of the base of mentees, which stays a candidate
//! until the consent is in force.

use domain::base::{BaseKind, Labelled, MenteeCategory, RequestSource};
use domain::{Permission, Role, Violation, Violations};
use serde::{Deserialize, Serialize};
use storage::repo::{bases, orgs, persons};
use storage::{EntryFields, NewReferral};

use crate::{Actor, App, AppError, Result};

/// A request as the form sends it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReferralInput {
    /// Who: ФИО as the reporter knows it.
    #[serde(default)]
    pub subject: String,
    /// Class.
    #[serde(default)]
    pub grade: String,
    /// What the problem is.
    #[serde(default)]
    pub problem: String,
    /// Mentee category code (may be empty).
    #[serde(default)]
    pub category: String,
}

/// A request as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ReferralView {
    /// Id.
    pub id: i64,
    /// Who.
    pub subject: String,
    /// Class.
    pub grade: String,
    /// The problem (empty when hidden).
    pub problem: String,
    /// Category label («особая категория (скрыто)» when hidden).
    pub category: String,
    /// Source label.
    pub source: &'static str,
    /// Who wrote it.
    pub reporter: String,
    /// `open`, `converted`, `declined`.
    pub status: String,
    /// Written on.
    pub created_on: chrono::NaiveDate,
    /// The participant it became, if converted.
    pub person_id: Option<i64>,
}

/// The source of a request: set by the reporter's role, never read from the form (a
/// parent cannot pass a request off as the psychologist's).
fn source_of(role: Role) -> RequestSource {
    match role {
        Role::ClassTeacher => RequestSource::ClassTeacher,
        Role::Psychologist => RequestSource::Psychologist,
        Role::SocialWorker => RequestSource::SocialWorker,
        Role::Guardian => RequestSource::Parents,
        _ => RequestSource::Administration,
    }
}

fn text(e: &mut Violations, field: &'static str, value: &str, max: usize, required: bool) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        e.push(Violation::new(field, "err-required"));
    } else if v.chars().count() > max {
        e.push(Violation::new(field, "err-too-long").arg("max", max));
    }
    v.chars().take(max).collect()
}

impl App {
    /// Records a request about a possible mentee.
    pub async fn record_referral(&self, actor: &Actor, input: &ReferralInput) -> Result<i64> {
        actor.require(Permission::RecordReferrals)?;
        let mut e = Violations::default();
        let subject = text(&mut e, "subject", &input.subject, 200, true);
        let grade = text(&mut e, "grade", &input.grade, 20, false);
        let problem = text(&mut e, "problem", &input.problem, 2000, true);
        let category = match input.category.trim() {
            "" => None,
            c => match MenteeCategory::from_code(c) {
                Some(c) => Some(c),
                None => {
                    e.push(Violation::new("category", "err-q-choice"));
                    None
                }
            },
        };
        let source = source_of(actor.role);
        if !e.is_empty() {
            return Err(e.into());
        }
        let mut tx = self.store.begin().await?;
        let org = orgs::get_org(&mut tx, actor.org_id).await?.ok_or(AppError::NotFound)?;
        let new = NewReferral {
            subject: &subject,
            grade: &grade,
            problem: &problem,
            category: category.map(MenteeCategory::code),
            sensitive: category.is_some_and(MenteeCategory::is_sensitive),
            source: source.code(),
            reporter_id: actor.user_id,
            reporter: &actor.name,
        };
        let id = bases::add_referral(&mut tx, org.id, org.region_id.unwrap_or(org.id), &new, self.now()).await?;
        self.audit(&mut tx, actor, None, domain::AuditEvent::ReferralAdd(id))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The requests the actor may see: all of the school for those who keep the bases,
    /// one's own for the others. Sensitive categories are named only to those allowed.
    pub async fn referral_list(&self, actor: &Actor) -> Result<Vec<ReferralView>> {
        actor.require(Permission::RecordReferrals)?;
        let all = actor.role.allows(Permission::ViewBases);
        let own = if all { None } else { Some(actor.user_id.unwrap_or(-1)) };
        let sensitive = actor.role.allows(Permission::ViewSensitive) || !all;
        let mut conn = self.store.read().await?;
        let tz = self
            .org_row(&mut conn, actor.org_id)
            .await?
            .map(|o| o.timezone)
            .unwrap_or_default();
        let rows = bases::referrals(&mut conn, actor.org_id, own).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let hide = r.sensitive && !sensitive;
                ReferralView {
                    id: r.id,
                    subject: r.subject,
                    grade: r.grade,
                    problem: if hide { String::new() } else { r.problem },
                    category: if hide {
                        "особая категория (скрыто)".into()
                    } else {
                        r.category
                            .as_deref()
                            .and_then(MenteeCategory::from_code)
                            .map(|c| c.label().to_string())
                            .unwrap_or_default()
                    },
                    source: RequestSource::from_code(&r.source).map(|s| s.label()).unwrap_or(""),
                    reporter: r.reporter,
                    status: r.status,
                    created_on: crate::local_time(&tz, r.created_at).date(),
                    person_id: r.person_id,
                }
            })
            .collect())
    }

    /// Turns a request into an entry of the base of mentees of the current year for the
    /// participant the curator matched it to: a candidate until the consent is in force.
    pub async fn convert_referral(&self, actor: &Actor, id: i64, person_id: i64) -> Result<i64> {
        actor.require(Permission::EditBases)?;
        let mut tx = self.store.begin().await?;
        let r = bases::referral(&mut tx, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if r.status != "open" {
            return Err(Violation::new("referral", "err-referral-closed").into());
        }
        let p = persons::get(&mut tx, actor.org_id, person_id)
            .await?
            .ok_or_else(|| Violation::new("person", "err-referral-person"))?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let start = i64::from(domain::AcademicYear::containing(today).start_year());
        let entry = match bases::fields_of(&mut tx, actor.org_id, start, BaseKind::Mentees.code(), p.id).await? {
            Some((entry, mut f)) => {
                f.request = if f.request.is_empty() {
                    r.problem.clone()
                } else {
                    format!("{}; {}", f.request, r.problem)
                };
                f.category = r.category.clone().or(f.category);
                f.sensitive = f.sensitive || r.sensitive;
                f.request_source = f.request_source.or(Some(r.source.clone()));
                bases::update(&mut tx, actor.org_id, entry, &f, self.now()).await?;
                entry
            }
            None => {
                let fields = EntryFields {
                    category: r.category.clone(),
                    sensitive: r.sensitive,
                    request: r.problem.clone(),
                    request_source: Some(r.source.clone()),
                    entry_date: Some(today),
                    ..Default::default()
                };
                self.insert_entry(&mut tx, &p, BaseKind::Mentees, start, fields).await?
            }
        };
        let closed = bases::close_referral(
            &mut tx,
            actor.org_id,
            id,
            "converted",
            Some(p.id),
            Some(entry),
            self.now(),
        )
        .await?;
        if !closed {
            // Converted or declined by somebody else meanwhile: nothing of this is kept.
            return Err(Violation::new("referral", "err-referral-closed").into());
        }
        self.audit(&mut tx, actor, Some(p.id), domain::AuditEvent::ReferralConvert(id))
            .await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Closes a request without an entry (not a case for mentoring, or a duplicate).
    pub async fn decline_referral(&self, actor: &Actor, id: i64) -> Result<()> {
        actor.require(Permission::EditBases)?;
        let mut tx = self.store.begin().await?;
        if !bases::close_referral(&mut tx, actor.org_id, id, "declined", None, None, self.now()).await? {
            return Err(AppError::NotFound);
        }
        self.audit(&mut tx, actor, None, domain::AuditEvent::ReferralDecline(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
