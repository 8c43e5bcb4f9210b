//! Recording and withdrawing consents; withdrawal takes the person out of active use at once.

use domain::age::is_minor_if_known;
use domain::participant::parse_date;
use domain::{Consent, ConsentKind, ConsentStatus, GivenBy, Permission, Violation, Violations};
use storage::repo::{consents as repo, persons};
use storage::{ConsentRow, NewConsent, Tx};

use crate::participants::required_text;
use crate::{Actor, App, AppError, Result};

/// The purpose printed when the form leaves it empty.
pub const DEFAULT_PURPOSE: &str = "участие в реализации целевой модели наставничества";

/// A consent as the form or the API sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ConsentInput {
    /// `processing` or `dissemination`.
    pub kind: String,
    /// Id of the guardian who signed; empty if the person signed.
    #[serde(default)]
    pub guardian_id: Option<String>,
    /// Purpose.
    #[serde(default)]
    pub purpose: Option<String>,
    /// Date of signature.
    pub given_on: String,
    /// Document reference.
    pub document_ref: String,
}

/// A stored row as a domain consent.
pub(crate) fn to_domain(r: &ConsentRow) -> Consent {
    Consent {
        id: r.id,
        kind: r.kind,
        given_by: match r.guardian_id {
            Some(g) => GivenBy::Guardian {
                guardian_id: g,
                authority_doc: r.authority_doc.clone().unwrap_or_default(),
            },
            None => GivenBy::Subject,
        },
        purpose: r.purpose.clone(),
        given_on: r.given_on,
        document_ref: r.document_ref.clone(),
        withdrawn_on: r.withdrawn_on,
    }
}

impl App {
    /// Records a consent for a person of the actor's school.
    pub async fn record_consent(&self, actor: &Actor, person_id: i64, input: &ConsentInput) -> Result<i64> {
        actor.require(Permission::ManageConsents)?;
        let mut tx = self.store.begin().await?;
        let person = persons::get(&mut tx, actor.org_id, person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let mut e = Violations::default();
        let kind = ConsentKind::from_code(input.kind.trim());
        if kind.is_none() {
            e.push(Violation::new("kind", "err-consent-kind"));
        }
        let given_on = e.take(parse_date("given_on", &input.given_on));
        if let Some(d) = given_on {
            if d > today {
                e.push(Violation::new("given_on", "err-date-future"));
            } else if person.birth_date.is_some_and(|b| d < b) {
                e.push(Violation::new("given_on", "err-consent-before-birth"));
            }
        }
        let document_ref = e.take(required_text("document_ref", &input.document_ref, 200));
        let purpose = match input.purpose.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => e.take(required_text("purpose", p, 500)),
            None => Some(DEFAULT_PURPOSE.to_string()),
        };
        let guardian_named = input.guardian_id.as_deref().map(str::trim).filter(|g| !g.is_empty());
        let guardian = match guardian_named {
            None => None,
            Some(g) => match g.parse::<i64>() {
                Ok(gid) => match persons::guardian_doc(&mut tx, actor.org_id, person_id, gid).await? {
                    Some(doc) => Some((gid, doc)),
                    None => {
                        e.push(Violation::new("guardian_id", "err-consent-not-guardian"));
                        None
                    }
                },
                Err(_) => {
                    e.push(Violation::new("guardian_id", "err-consent-not-guardian"));
                    None
                }
            },
        };
        let signed_while_minor = given_on.is_some_and(|d| is_minor_if_known(person.birth_date, d));
        if guardian.is_some() && given_on.is_some() && !signed_while_minor {
            // An adult signs for themself; a parent's signature does not cover them.
            e.push(Violation::new("guardian_id", "err-consent-adult-signs-self"));
        }
        if signed_while_minor && guardian_named.is_none() {
            e.push(Violation::new("guardian_id", "err-consent-minor-needs-guardian"));
        }
        let (Some(kind), Some(given_on), Some(document_ref), Some(purpose)) = (kind, given_on, document_ref, purpose)
        else {
            return Err(e.into());
        };
        if !e.is_empty() {
            return Err(e.into());
        }
        let same = repo::of_person(&mut tx, actor.org_id, person_id)
            .await?
            .into_iter()
            .any(|c| c.kind == kind && c.withdrawn_on.is_none() && c.guardian_id == guardian.as_ref().map(|g| g.0));
        if same {
            return Err(Violation::new("kind", "err-consent-duplicate").into());
        }
        let new = NewConsent {
            person_id,
            kind,
            guardian_id: guardian.as_ref().map(|g| g.0),
            authority_doc: guardian.as_ref().map(|g| g.1.as_str().into()),
            purpose: purpose.as_str().into(),
            given_on,
            document_ref: document_ref.as_str().into(),
            recorded_by: actor.user_id,
        };
        let id = repo::insert(&mut tx, actor.org_id, &new, self.now()).await?;
        if kind == ConsentKind::Processing && person.withdrawn {
            persons::set_withdrawn(&mut tx, actor.org_id, person_id, false, self.now()).await?;
        }
        self.audit(&mut tx, actor, Some(person_id), domain::AuditEvent::ConsentGive(kind))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Withdraws a consent; without a processing consent in force the person leaves active lists.
    pub async fn withdraw_consent(&self, actor: &Actor, person_id: i64, consent_id: i64, reason: &str) -> Result<()> {
        actor.require(Permission::ManageConsents)?;
        let mut tx = self.store.begin().await?;
        self.withdraw_in(&mut tx, actor, person_id, consent_id, reason).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The withdrawal itself, in the caller's transaction, once the caller has checked who
    /// may withdraw (the curator's permission, or a guardian's own signature on their child's).
    pub(crate) async fn withdraw_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        person_id: i64,
        consent_id: i64,
        reason: &str,
    ) -> Result<()> {
        // The basis of a withdrawal (whose application, when) is part of the legal record.
        let reason = required_text("reason", reason, 500)?;
        let person = persons::get(tx, actor.org_id, person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let today = self.today_for(tx, actor.org_id).await?;
        if !repo::withdraw(tx, actor.org_id, person_id, consent_id, today, &reason).await? {
            let existing = repo::of_person(tx, actor.org_id, person_id).await?;
            return Err(match existing.iter().find(|c| c.id == consent_id) {
                Some(_) => Violation::new("consent", "err-consent-already-withdrawn").into(),
                None => AppError::NotFound,
            });
        }
        if self.consent_status(tx, actor.org_id, person.id).await? != ConsentStatus::Valid {
            persons::set_withdrawn(tx, actor.org_id, person_id, true, self.now()).await?;
        }
        self.audit(
            tx,
            actor,
            Some(person_id),
            domain::AuditEvent::ConsentWithdraw(consent_id),
        )
        .await?;
        Ok(())
    }
}
