//! The guardian's own page: their children (the minors linked to the participant their
//! account belongs to), the consents they gave for each, the questionnaires addressed to
//! them and the requests they sent. A guardian sees nothing of a child who is not theirs
//! (404) and no more of their own child than they gave themselves.

use chrono::NaiveDate;
use domain::ConsentState;
use domain::base::{BaseKind, Labelled};
use domain::{ConsentKind, Permission};
use storage::Db;
use storage::repo::{consents, family, persons, users};

use crate::consents::to_domain;
use crate::referrals::ReferralView;
use crate::{Actor, App, AppError, Result};

/// A consent the guardian gave for their child.
#[derive(Debug, Clone)]
pub struct GivenConsent {
    /// Record id.
    pub id: i64,
    /// Processing or dissemination.
    pub kind: ConsentKind,
    /// Date of signature.
    pub given_on: NaiveDate,
    /// Where it stands today.
    pub state: GivenState,
}

/// Where a consent the guardian gave stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenState {
    /// In force: the guardian may withdraw it.
    InForce,
    /// Withdrawn on that day.
    Withdrawn(NaiveDate),
    /// The child turned 18: a parent's signature no longer covers them.
    ChildAdult,
}

impl GivenState {
    /// Stable code, also the Fluent id suffix `family-consent-…`.
    pub fn code(self) -> &'static str {
        match self {
            Self::InForce => "in_force",
            Self::Withdrawn(_) => "withdrawn",
            Self::ChildAdult => "child_adult",
        }
    }
}

/// A questionnaire link addressed to the guardian that is still open.
#[derive(Debug, Clone)]
pub struct OpenLink {
    /// Link id (opened signed in at `/family/questionnaires/{id}`).
    pub id: i64,
    /// Mentor's or mentee's questionnaire.
    pub base: BaseKind,
    /// The last day it is open, in the school's time zone.
    pub expires_on: NaiveDate,
}

/// One child as the guardian's page shows it.
#[derive(Debug, Clone)]
pub struct Child {
    /// Participant id.
    pub id: i64,
    /// Фамилия, имя, отчество.
    pub name: String,
    /// Class.
    pub place: String,
    /// The guardian's relation to the child («мать»).
    pub relation: String,
    /// Still a minor.
    pub minor: bool,
    /// The consents this guardian gave, newest first.
    pub consents: Vec<GivenConsent>,
    /// Questionnaires addressed to this guardian for the child.
    pub links: Vec<OpenLink>,
    /// The child's mentors by the head's order.
    pub mentors: Vec<ChildMentor>,
}

/// A child's mentor by an approved pair or group.
#[derive(Debug, Clone)]
pub struct ChildMentor {
    /// The mentor.
    pub mentor: crate::pairing::Side,
    /// Form of mentoring.
    pub form: &'static str,
    /// Active from (the order's date).
    pub since: chrono::NaiveDate,
}

/// The guardian's page.
#[derive(Debug, Clone)]
pub struct Family {
    /// The account belongs to a participant of the school (else it has no children here).
    pub linked: bool,
    /// Their children.
    pub children: Vec<Child>,
    /// The requests the guardian sent, with their state.
    pub requests: Vec<ReferralView>,
}

impl App {
    /// The participant the guardian's account belongs to, in the school of the role.
    pub(crate) async fn guardian_person(&self, db: &mut impl Db, actor: &Actor) -> Result<Option<i64>> {
        actor.require(Permission::OwnFamily)?;
        let Some(uid) = actor.user_id else { return Ok(None) };
        let Some(pid) = users::get_user(db, uid).await?.and_then(|u| u.person_id) else {
            return Ok(None);
        };
        Ok(persons::get(db, actor.org_id, pid).await?.map(|p| p.id))
    }

    /// The guardian's children with their consents and questionnaires, and the requests the
    /// guardian sent. Each child shown is a view in the audit trail.
    pub async fn family(&self, actor: &Actor) -> Result<Family> {
        let mut tx = self.store.begin().await?;
        let me = self.guardian_person(&mut tx, actor).await?;
        let mut children = Vec::new();
        if let Some(me) = me {
            for ward in persons::wards_of(&mut tx, actor.org_id, me).await? {
                children.push(self.child_of(&mut tx, actor, me, ward.person_id).await?);
            }
        }
        tx.commit().await?;
        Ok(Family {
            linked: me.is_some(),
            children,
            requests: self.referral_list(actor).await?,
        })
    }

    /// One of the guardian's children; any other participant is not found.
    pub async fn family_child(&self, actor: &Actor, child: i64) -> Result<Child> {
        let mut tx = self.store.begin().await?;
        let me = self.guardian_person(&mut tx, actor).await?.ok_or(AppError::NotFound)?;
        let c = self.child_of(&mut tx, actor, me, child).await?;
        tx.commit().await?;
        Ok(c)
    }

    /// Withdraws a consent the guardian gave for their child, by the same rule and code as
    /// the curator's withdrawal. Another guardian's consent or another family's child is
    /// not found.
    pub async fn withdraw_family_consent(&self, actor: &Actor, child: i64, consent: i64, comment: &str) -> Result<()> {
        let mut tx = self.store.begin().await?;
        let me = self.guardian_person(&mut tx, actor).await?.ok_or(AppError::NotFound)?;
        if persons::guardian_doc(&mut tx, actor.org_id, child, me).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let theirs = consents::of_person(&mut tx, actor.org_id, child)
            .await?
            .iter()
            .any(|c| c.id == consent && c.guardian_id == Some(me));
        if !theirs {
            return Err(AppError::NotFound);
        }
        // The guardian's own application, made signed in, is the basis of the withdrawal.
        let comment = comment.trim();
        let reason = if comment.is_empty() {
            format!("заявление законного представителя ({}) в личном кабинете", actor.name)
        } else {
            format!(
                "заявление законного представителя ({}) в личном кабинете: {comment}",
                actor.name
            )
        };
        self.withdraw_in(&mut tx, actor, child, consent, &reason).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A child of guardian `me` as their page shows it; the view is audited.
    async fn child_of(&self, tx: &mut storage::Tx, actor: &Actor, me: i64, child: i64) -> Result<Child> {
        let relation = persons::wards_of(tx, actor.org_id, me)
            .await?
            .into_iter()
            .find(|w| w.person_id == child)
            .map(|w| w.relation)
            .ok_or(AppError::NotFound)?;
        let person = persons::get(tx, actor.org_id, child).await?.ok_or(AppError::NotFound)?;
        let today = self.today_for(tx, actor.org_id).await?;
        let minor = domain::age::is_minor_if_known(person.birth_date, today);
        let consents = consents::of_person(tx, actor.org_id, child)
            .await?
            .iter()
            .filter(|r| r.guardian_id == Some(me))
            .map(to_domain)
            .map(|c| GivenConsent {
                id: c.id,
                kind: c.kind,
                given_on: c.given_on,
                // The one consent rule says where the record stands (this guardian is linked).
                state: match (c.state(minor, &[me], today), c.withdrawn_on) {
                    (ConsentState::Withdrawn, Some(on)) => GivenState::Withdrawn(on),
                    (ConsentState::SubjectAdult, _) => GivenState::ChildAdult,
                    _ => GivenState::InForce,
                },
            })
            .collect();
        let tz = self
            .org_row(tx, actor.org_id)
            .await?
            .map(|o| o.timezone)
            .unwrap_or_default();
        let mut links = Vec::new();
        for l in family::unanswered_links(tx, actor.org_id, me).await? {
            if l.person_id != child || l.expires_at <= self.now() {
                continue;
            }
            let Some(row) = family::link(tx, actor.org_id, l.id).await? else {
                continue;
            };
            if self.respondent_entitled(tx, &row).await? {
                links.push(OpenLink {
                    id: l.id,
                    base: BaseKind::from_code(&l.base).unwrap_or(BaseKind::Mentees),
                    expires_on: crate::local_time(&tz, l.expires_at).date(),
                });
            }
        }
        self.audit(tx, actor, Some(child), domain::AuditEvent::FamilyView)
            .await?;
        let mut mentors = Vec::new();
        for p in storage::repo::pairing::active_pairs_of(tx, actor.org_id, child).await? {
            if p.mentor == child {
                continue;
            }
            // A municipal virtual pair's mentor works in another school of the municipality.
            if let Some((m, school)) = crate::pairing::person_near(tx, actor.org_id, p.mentor).await? {
                mentors.push(ChildMentor {
                    mentor: crate::pairing::Side::of_person(&m).with_school(school.as_deref()),
                    form: p
                        .form
                        .as_deref()
                        .and_then(domain::base::Form::from_code)
                        .map_or("", |f| f.label()),
                    since: p.started_on,
                });
            }
        }
        Ok(Child {
            id: child,
            name: crate::bases::person_name(&person.last_name, &person.first_name, person.patronymic.as_deref()),
            place: person.place,
            relation,
            minor,
            consents,
            links,
            mentors,
        })
    }
}
