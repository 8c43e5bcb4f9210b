//! Participants: add, edit, open the card (audited), list, dashboard, guardians, the consent gate.

use chrono::NaiveDate;
use domain::age::{adult_born_on_or_before, age_on, is_minor_if_known};
use domain::category::Category;
use domain::{
    ConsentKind, ConsentState, ConsentStatus, NewParticipant, OrgKind, ParticipantDraft, Permission, Violation,
};
use storage::repo::{audit, consents as consent_repo, orgs, persons};
use storage::{
    AuditEntry, AuditRow, ConsentFilter, ConsentRow, DashboardCounts, Db, GuardianLink, PersonFields, PersonFilter,
    PersonListRow, PersonRow,
};

use crate::consents::to_domain;
use crate::{Actor, App, AppError, Result, today_in};

/// Rows per list page.
pub const PAGE_SIZE: i64 = 50;

/// Everything the card of a participant shows.
#[derive(Debug, Clone)]
pub struct Card {
    /// The person.
    pub person: PersonRow,
    /// Age in full years today, if the birth date is known.
    pub age: Option<u32>,
    /// A minor today.
    pub minor: bool,
    /// All consents, withdrawn ones too, each with where it stands today.
    pub consents: Vec<(ConsentRow, ConsentState)>,
    /// Status of the processing consent.
    pub processing: ConsentStatus,
    /// Status of the dissemination consent.
    pub dissemination: ConsentStatus,
    /// The person's guardians.
    pub guardians: Vec<GuardianLink>,
    /// The minors the person represents.
    pub wards: Vec<GuardianLink>,
    /// A teacher's consent to the added duties of a mentor (`None`: not a teacher).
    pub duties: Option<crate::duties::Duties>,
}

/// A list request as pages and the API send it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    /// Search text.
    pub q: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// Class.
    pub grade: Option<String>,
    /// `valid`, `missing`, `turned_adult`.
    pub consent: Option<String>,
    /// Include withdrawn.
    pub withdrawn: Option<String>,
    /// Page, from 1.
    pub page: Option<String>,
}

/// One page of participants.
#[derive(Debug, Clone)]
pub struct Page {
    /// Rows, each with its consent status.
    pub rows: Vec<PersonListRow>,
    /// Matching rows in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Pages in all.
    pub pages: i64,
}

/// The dashboard of a school.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// Figures.
    pub counts: DashboardCounts,
    /// School name.
    pub school: String,
}

fn fields<'a>(p: &'a NewParticipant, key: &'a str, details: &'a str, place: &'a str) -> PersonFields<'a> {
    PersonFields {
        last_name: p.name.last().into(),
        first_name: p.name.first().into(),
        patronymic: p.name.patronymic().map(Into::into),
        search_key: key.into(),
        birth_date: p.birth_date,
        category: p.category.kind(),
        details: details.into(),
        grade: match &p.category {
            Category::Student { grade, .. } => Some(i64::from(*grade)),
            _ => None,
        },
        place: place.into(),
        phone: p.contacts.phone.as_deref().map(Into::into),
        email: p.contacts.email.as_deref().map(Into::into),
        age_exception: p.age_exception,
    }
}

impl App {
    /// Today in the time zone of an organization.
    pub async fn today_for(&self, db: &mut impl Db, org: i64) -> Result<NaiveDate> {
        let tz = self.org_row(db, org).await?.map(|o| o.timezone).unwrap_or_default();
        Ok(today_in(&tz, self.now()))
    }

    /// Today in an organization's time zone (cached; a connection only on a miss).
    pub async fn today_at(&self, org: i64) -> Result<NaiveDate> {
        if let Some(o) = self.orgs.get(&org) {
            return Ok(today_in(&o.timezone, self.now()));
        }
        let mut conn = self.store.read().await?;
        self.today_for(&mut conn, org).await
    }

    /// An organization, from the cache when fresh.
    pub(crate) async fn org_row(&self, db: &mut impl Db, org: i64) -> Result<Option<storage::OrgRow>> {
        if let Some(o) = self.orgs.get(&org) {
            return Ok(Some(o));
        }
        let row = orgs::get_org(db, org).await?;
        if let Some(o) = &row {
            self.orgs.put(org, o.clone());
        }
        Ok(row)
    }

    /// Adds a participant to the actor's school.
    pub async fn add_participant(&self, actor: &Actor, draft: &ParticipantDraft) -> Result<i64> {
        actor.require(Permission::EditParticipants)?;
        let mut tx = self.store.begin().await?;
        let org = orgs::get_org(&mut tx, actor.org_id).await?.ok_or(AppError::NotFound)?;
        if org.kind != OrgKind::School {
            return Err(Violation::new("org", "err-not-a-school").into());
        }
        let p = draft.validate(today_in(&org.timezone, self.now()))?;
        let key = p.name.search_key();
        if let Some(same) = persons::find_duplicate(&mut tx, org.id, &key, p.birth_date, None).await? {
            return Err(Violation::new("last_name", "err-duplicate-person")
                .arg("id", same)
                .into());
        }
        let details = serde_json::to_string(&p.category).map_err(|e| AppError::Internal(e.to_string()))?;
        let place = p.category.place();
        let region = org.region_id.unwrap_or(org.id);
        let id = persons::insert(&mut tx, org.id, region, &fields(&p, &key, &details, &place), self.now()).await?;
        self.audit(&mut tx, actor, Some(id), domain::AuditEvent::Create).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Edits a participant of the actor's school.
    pub async fn update_participant(&self, actor: &Actor, id: i64, draft: &ParticipantDraft) -> Result<()> {
        actor.require(Permission::EditParticipants)?;
        let mut tx = self.store.begin().await?;
        persons::get(&mut tx, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let p = draft.validate(self.today_for(&mut tx, actor.org_id).await?)?;
        let key = p.name.search_key();
        if let Some(same) = persons::find_duplicate(&mut tx, actor.org_id, &key, p.birth_date, Some(id)).await? {
            return Err(Violation::new("last_name", "err-duplicate-person")
                .arg("id", same)
                .into());
        }
        let details = serde_json::to_string(&p.category).map_err(|e| AppError::Internal(e.to_string()))?;
        let place = p.category.place();
        persons::update(
            &mut tx,
            actor.org_id,
            id,
            &fields(&p, &key, &details, &place),
            self.now(),
        )
        .await?;
        self.audit(&mut tx, actor, Some(id), domain::AuditEvent::Update).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Opens a card; the view is written to the audit trail in the same transaction.
    pub async fn participant_card(&self, actor: &Actor, id: i64) -> Result<Card> {
        actor.require(Permission::ViewParticipants)?;
        let mut conn = self.store.read().await?;
        let person = persons::get(&mut conn, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let consents = consent_repo::of_person(&mut conn, actor.org_id, id).await?;
        let domain_consents: Vec<_> = consents.iter().map(to_domain).collect();
        let guardians = persons::guardians_of(&mut conn, actor.org_id, id).await?;
        let wards = persons::wards_of(&mut conn, actor.org_id, id).await?;
        let duties = if person.category == domain::CategoryKind::Teacher {
            let latest = storage::repo::duties::latest(&mut conn, actor.org_id, id).await?;
            Some(crate::duties::Duties::of(latest, today))
        } else {
            None
        };
        drop(conn);
        self.audit_view(actor, id).await?;
        let linked: Vec<i64> = guardians.iter().map(|g| g.person_id).collect();
        let minor = is_minor_if_known(person.birth_date, today);
        let status = |kind| ConsentStatus::of(kind, person.birth_date, &domain_consents, &linked, today);
        Ok(Card {
            age: person.birth_date.and_then(|b| age_on(b, today)),
            minor,
            processing: status(ConsentKind::Processing),
            dissemination: status(ConsentKind::Dissemination),
            consents: consents
                .into_iter()
                .map(|row| {
                    let state = to_domain(&row).state(minor, &linked, today);
                    (row, state)
                })
                .collect(),
            person,
            guardians,
            wards,
            duties,
        })
    }

    /// One page of the actor's school's participants.
    pub async fn list_participants(&self, actor: &Actor, q: &ListQuery) -> Result<Page> {
        actor.require(Permission::ViewParticipants)?;
        let mut conn = self.store.read().await?;
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let page = nonempty(&q.page)
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 1_000_000);
        let search = nonempty(&q.q).map(|s| domain::search_key(&s.chars().take(100).collect::<String>()));
        let filter = PersonFilter {
            org_id: actor.org_id,
            q: search.filter(|s| !s.is_empty()),
            category: nonempty(&q.category).filter(|c| domain::CategoryKind::from_code(c).is_some()),
            grade: nonempty(&q.grade).and_then(|g| g.parse().ok()),
            consent: match nonempty(&q.consent).as_deref() {
                Some("valid") => Some(ConsentFilter::Valid),
                Some("missing") => Some(ConsentFilter::NotValid),
                Some("turned_adult") => Some(ConsentFilter::Is(ConsentStatus::TurnedAdult)),
                _ => None,
            },
            include_withdrawn: nonempty(&q.withdrawn).is_some(),
            only_withdrawn: nonempty(&q.withdrawn).as_deref() == Some("only")
                || nonempty(&q.consent).as_deref() == Some("withdrawn"),
            today,
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
        };
        let (mut rows, mut total) = persons::list(&mut conn, &filter).await?;
        let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let mut page = page;
        if page > pages {
            // A page past the end (an old link) shows the last page instead of an empty one.
            page = pages;
            let last = PersonFilter {
                offset: (pages - 1) * PAGE_SIZE,
                ..filter
            };
            (rows, total) = persons::list(&mut conn, &last).await?;
        }
        Ok(Page {
            rows,
            total,
            page,
            pages,
        })
    }

    /// The school dashboard.
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard> {
        actor.require(Permission::ViewDashboard)?;
        let mut conn = self.store.read().await?;
        let org = orgs::get_org(&mut conn, actor.org_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let today = today_in(&org.timezone, self.now());
        let counts = persons::dashboard(&mut conn, org.id, today).await?;
        Ok(Dashboard {
            counts,
            school: org.short_name,
        })
    }

    /// Links a minor to a guardian of the same school.
    pub async fn link_guardian(
        &self,
        actor: &Actor,
        minor: i64,
        guardian: i64,
        relation: &str,
        doc: &str,
    ) -> Result<()> {
        actor.require(Permission::EditParticipants)?;
        let relation = required_text("relation", relation, 60)?;
        let doc = required_text("authority_doc", doc, 200)?;
        let mut tx = self.store.begin().await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let m = persons::get(&mut tx, actor.org_id, minor)
            .await?
            .ok_or(AppError::NotFound)?;
        let g = persons::get(&mut tx, actor.org_id, guardian)
            .await?
            .ok_or_else(|| Violation::new("guardian_id", "err-guardian-unknown"))?;
        if m.id == g.id || is_minor_if_known(g.birth_date, today) {
            return Err(Violation::new("guardian_id", "err-guardian-adult").into());
        }
        match persons::link_guardian(&mut tx, actor.org_id, minor, guardian, &relation, &doc, self.now()).await {
            Err(storage::StorageError::Duplicate { .. }) => {
                return Err(Violation::new("guardian_id", "err-guardian-linked").into());
            }
            other => other?,
        }
        self.audit(
            &mut tx,
            actor,
            Some(minor),
            domain::AuditEvent::GuardianLink(domain::audit::Linked::Guardian(guardian)),
        )
        .await?;
        self.audit(
            &mut tx,
            actor,
            Some(guardian),
            domain::AuditEvent::GuardianLink(domain::audit::Linked::Minor(minor)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The processing-consent status of a person of the actor's school by the one consent
    /// rule (`storage::consent_rule`); `NotFound` for anyone else's.
    pub(crate) async fn consent_status(&self, db: &mut impl Db, org: i64, id: i64) -> Result<ConsentStatus> {
        let today = self.today_for(db, org).await?;
        persons::consent_status(db, org, id, today)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Fails with a message naming the missing consent unless the person may enter a base or a pair.
    pub async fn consent_gate(&self, actor: &Actor, id: i64) -> Result<()> {
        let mut conn = self.store.read().await?;
        self.consent_status(&mut conn, actor.org_id, id).await?.require()?;
        Ok(())
    }

    /// The audit trail of a person.
    pub async fn audit_trail(&self, actor: &Actor, id: i64) -> Result<(PersonRow, Vec<AuditRow>)> {
        actor.require(Permission::ViewAudit)?;
        let mut conn = self.store.read().await?;
        let person = persons::get(&mut conn, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let rows = audit::of_person(&mut conn, actor.org_id, id, 500).await?;
        Ok((person, rows))
    }

    /// Writes that the actor opened a person's card. While another writer holds the database
    /// (a long import on SQLite, where writes take turns), the entry is handed to a task that
    /// writes it, with the time of the view, once the writer is done: reading a card never
    /// waits for an import.
    pub(crate) async fn audit_view(&self, actor: &Actor, person: i64) -> Result<()> {
        self.audit_view_in(actor, actor.org_id, person).await
    }

    /// [`App::audit_view`] in the trail of the person's school `org` (a mentor of another
    /// school reads a municipal virtual pair's minor).
    pub(crate) async fn audit_view_in(&self, actor: &Actor, org_id: i64, person: i64) -> Result<()> {
        let at = self.now();
        let (user_id, address) = (actor.user_id, actor.address.clone());
        let write = move |mut tx: storage::Tx| async move {
            let e = AuditEntry {
                org_id,
                person_id: Some(person),
                user_id,
                event: &domain::AuditEvent::View,
                address: &address,
            };
            audit::write(&mut tx, &e, at).await?;
            tx.commit().await
        };
        self.store
            .write_soon(VIEW_AUDIT_WAIT, "a card view's audit entry", write)
            .await?;
        Ok(())
    }

    /// Writes an audit entry for the actor.
    pub(crate) async fn audit(
        &self,
        db: &mut impl Db,
        actor: &Actor,
        person: Option<i64>,
        event: domain::AuditEvent,
    ) -> Result<()> {
        let e = AuditEntry {
            org_id: actor.org_id,
            person_id: person,
            user_id: actor.user_id,
            event: &event,
            address: &actor.address,
        };
        audit::write(db, &e, self.now()).await?;
        Ok(())
    }
}

/// How long a card view waits for the database's writer before its audit entry is written
/// in the background.
const VIEW_AUDIT_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

/// A required short text field.
pub(crate) fn required_text(field: &'static str, v: &str, max: usize) -> Result<String, Violation> {
    let t = v.trim();
    if t.is_empty() {
        Err(Violation::new(field, "err-required"))
    } else if t.chars().count() > max {
        Err(Violation::new(field, "err-too-long").arg("max", max))
    } else if t.chars().any(char::is_control) {
        Err(Violation::new(field, "err-control-chars"))
    } else {
        Ok(t.to_string())
    }
}

impl App {
    /// Parents of the actor's school a minor can be linked to: (id, «ФИО, 1985 г. р.»).
    pub async fn guardian_candidates(&self, actor: &Actor) -> Result<Vec<(i64, String)>> {
        actor.require(Permission::EditParticipants)?;
        let mut conn = self.store.read().await?;
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let rows = persons::adults(&mut conn, actor.org_id, adult_born_on_or_before(today)).await?;
        Ok(rows
            .into_iter()
            .map(|(id, l, f, p, b)| {
                let name = match p {
                    Some(p) => format!("{l} {f} {p}"),
                    None => format!("{l} {f}"),
                };
                match b {
                    Some(b) => (id, format!("{name}, {} г. р.", b.format("%Y"))),
                    None => (id, name),
                }
            })
            .collect())
    }
}
