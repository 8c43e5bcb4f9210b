//! Questionnaires from a personal link (R3): the curator issues a link for a base entry; the
//! participant, or the guardian of a minor, opens it without an account, gives the consent
//! first when it is missing (a document of its own), then answers. The link is single-use
//! and expires; only its hash is stored.

use chrono::{DateTime, Duration, Utc};
use domain::age::is_minor_if_known;
use domain::base::{BaseKind, EntryStatus, Form, Kind, Labelled};
use domain::questionnaire::{self, Answers, ExtraQuestion, Submitted};
use domain::{AuditEvent, CategoryKind, ConsentKind, ConsentStatus, Permission, Role, Violation};
use storage::repo::{bases, consents, entries, orgs, persons};
use storage::{LinkRow, NewConsent};

use crate::{Actor, App, AppError, Result};

/// How long a link stays valid.
pub const LINK_DAYS: i64 = 14;

/// A link just issued: the token is shown once and never stored.
#[derive(Debug, Clone)]
pub struct IssuedLink {
    /// The secret part of `/q/{token}`.
    pub token: String,
    /// Who is to fill it in: «Петрова Мария Ивановна (мать)».
    pub respondent: String,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
    /// The last day it is valid, in the school's time zone.
    pub expires_on: chrono::NaiveDate,
    /// The participant the entry is of.
    pub person_id: i64,
}

/// What a link opens.
#[derive(Debug, Clone)]
pub enum LinkState {
    /// No such link (mistyped or never issued).
    Unknown,
    /// Past its date.
    Expired,
    /// Already answered.
    Used,
    /// Ready to be filled in.
    Open(Box<Questionnaire>),
    /// Just answered: the answers are stored and the link is closed.
    Answered,
}

/// How a respondent reaches a questionnaire: the token of the personal link, or — signed
/// in as a guardian — the number of a link addressed to them (the token is not stored, so
/// the account stands in for it).
#[derive(Debug, Clone, Copy)]
pub enum LinkKey<'a> {
    /// The secret part of `/q/{token}`.
    Token(&'a str),
    /// A signed-in guardian and the link's number.
    Account(&'a Actor, i64),
}

/// A questionnaire as its public page shows it: no more personal data than the respondent
/// needs to recognise it is theirs.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// Mentor's or mentee's questionnaire.
    pub base: BaseKind,
    /// The school (the operator of the personal data).
    pub school: String,
    /// The school's full name, for the consent document.
    pub school_full: String,
    /// The participant: first name and the initial of the last name.
    pub subject: String,
    /// Filled in by a guardian for a minor.
    pub by_guardian: bool,
    /// The respondent's first name and patronymic, to address them.
    pub respondent: String,
    /// The respondent's full name (фамилия, имя, отчество), for the consent document.
    pub respondent_full: String,
    /// The participant's full name, for a guardian's consent document.
    pub subject_full: String,
    /// The municipality's education body that receives the municipal base of mentors.
    pub municipality: Option<String>,
    /// The guardian's authority document («свидетельство о рождении»), empty for the person.
    pub authority: String,
    /// The processing consent is missing: it is asked first.
    pub needs_consent: bool,
    /// A teacher's questionnaire (asks for experience).
    pub teacher: bool,
    /// Who the participant is: the forms and kinds offered follow from it.
    pub who: CategoryKind,
    /// The forms of mentoring that fit the participant, the only ones offered.
    pub forms: Vec<Form>,
    /// The kinds of mentoring that fit the participant.
    pub kinds: Vec<Kind>,
    /// The school's own questions.
    pub questions: Vec<ExtraQuestion>,
    /// Answers given before (a new link for the same entry starts from them).
    pub answers: Answers,
}

/// «Имя Ф.»: how a link's page names the participant.
pub(crate) fn short_name(last: &str, first: &str) -> String {
    match last.chars().next() {
        Some(c) => format!("{first} {c}."),
        None => first.to_string(),
    }
}

fn extra_of(rows: Vec<storage::QuestionRow>) -> Vec<ExtraQuestion> {
    rows.into_iter()
        .map(|q| ExtraQuestion {
            id: q.id,
            label: q.label,
            kind: q.kind,
            options: q
                .options
                .lines()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_string)
                .collect(),
            required: q.required,
        })
        .collect()
}

/// Who answers a personal link for a participant: the participant as an adult, or the
/// first guardian of a minor (id, and «ФИО (relation)» to show the curator).
pub(crate) async fn respondent_of(
    db: &mut impl storage::Db,
    org: i64,
    person: &storage::PersonRow,
    today: chrono::NaiveDate,
) -> Result<(i64, String)> {
    if is_minor_if_known(person.birth_date, today) {
        let g = persons::guardians_of(db, org, person.id)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| Violation::new("respondent", "err-q-no-guardian"))?;
        let name = crate::bases::person_name(&g.last_name, &g.first_name, g.patronymic.as_deref());
        Ok((g.person_id, format!("{name} ({})", g.relation)))
    } else {
        let name = crate::bases::person_name(&person.last_name, &person.first_name, person.patronymic.as_deref());
        Ok((person.id, name))
    }
}

/// A fresh secret for a personal link: 32 random bytes as 64 hex digits.
pub(crate) fn new_token() -> String {
    let mut raw = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
    hex::encode(raw)
}

/// A token we could have issued (64 hex digits): anything else never reaches the database.
pub(crate) fn token_shaped(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The actor a link's respondent acts as, for the audit trail.
fn respondent_actor(key: LinkKey<'_>, link: &LinkRow, address: &str) -> Actor {
    if let LinkKey::Account(actor, _) = key {
        return actor.clone();
    }
    Actor {
        user_id: None,
        name: "по ссылке анкеты".into(),
        role: Role::Guardian,
        org_id: link.org_id,
        address: address.to_string(),
    }
}

impl App {
    /// Issues a personal link to the questionnaire of a base entry: to the participant, or
    /// to the first guardian of a minor.
    pub async fn questionnaire_link(&self, actor: &Actor, entry_id: i64) -> Result<IssuedLink> {
        actor.require(Permission::EditBases)?;
        let mut tx = self.store.begin().await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let entry = bases::get(&mut tx, actor.org_id, entry_id, today)
            .await?
            .ok_or(AppError::NotFound)?;
        let person = persons::get(&mut tx, actor.org_id, entry.person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (respondent_id, respondent) = respondent_of(&mut tx, actor.org_id, &person, today).await?;
        let token = new_token();
        let expires_at = self.now() + Duration::days(LINK_DAYS);
        let tz = self
            .org_row(&mut tx, actor.org_id)
            .await?
            .map(|o| o.timezone)
            .unwrap_or_default();
        let expires_on = crate::local_time(&tz, expires_at).date();
        bases::close_links(&mut tx, entry_id, self.now()).await?;
        bases::insert_link(
            &mut tx,
            actor.org_id,
            entry_id,
            respondent_id,
            &crate::auth::token_hash(&token),
            expires_at,
            actor.user_id,
            self.now(),
        )
        .await?;
        self.audit(
            &mut tx,
            actor,
            Some(person.id),
            AuditEvent::QuestionnaireLink(entry.base),
        )
        .await?;
        tx.commit().await?;
        Ok(IssuedLink {
            token,
            respondent,
            expires_at,
            expires_on,
            person_id: person.id,
        })
    }

    async fn link_of(
        &self,
        db: &mut impl storage::Db,
        key: LinkKey<'_>,
    ) -> Result<std::result::Result<LinkRow, LinkState>> {
        let found = match key {
            // Anything but 64 hex digits is not a token we issued; do not touch the database.
            LinkKey::Token(token) if !token_shaped(token) => None,
            LinkKey::Token(token) => bases::link_by_hash(db, &crate::auth::token_hash(token)).await?,
            LinkKey::Account(actor, id) => match self.guardian_person(db, actor).await? {
                Some(me) => storage::repo::family::link(db, actor.org_id, id)
                    .await?
                    .filter(|l| l.respondent_id == me),
                None => None,
            },
        };
        let Some(link) = found else {
            return Ok(Err(LinkState::Unknown));
        };
        if link.used_at.is_some() {
            return Ok(Err(LinkState::Used));
        }
        if link.expires_at <= self.now() {
            return Ok(Err(LinkState::Expired));
        }
        if !self.respondent_entitled(db, &link).await? {
            return Ok(Err(LinkState::Expired));
        }
        Ok(Ok(link))
    }

    /// The respondent may still answer for the participant: the participant themself as an
    /// adult, or a guardian still linked to a participant who is still a minor. A link that
    /// no longer fits is closed as if it had expired; the curator issues a new one.
    pub(crate) async fn respondent_entitled(&self, db: &mut impl storage::Db, link: &LinkRow) -> Result<bool> {
        let today = self.today_for(db, link.org_id).await?;
        let Some(entry) = bases::get(db, link.org_id, link.entry_id, today).await? else {
            return Ok(false);
        };
        let Some(person) = persons::get(db, link.org_id, entry.person_id).await? else {
            return Ok(false);
        };
        let minor = is_minor_if_known(person.birth_date, today);
        Ok(if link.respondent_id == person.id {
            !minor
        } else {
            minor
                && persons::guardian_doc(db, link.org_id, person.id, link.respondent_id)
                    .await?
                    .is_some()
        })
    }

    async fn questionnaire_of(&self, db: &mut impl storage::Db, link: &LinkRow) -> Result<Questionnaire> {
        let today = self.today_for(db, link.org_id).await?;
        let entry = bases::get(db, link.org_id, link.entry_id, today)
            .await?
            .ok_or(AppError::NotFound)?;
        let person = persons::get(db, link.org_id, entry.person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let respondent = persons::get(db, link.org_id, link.respondent_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let org = orgs::get_org(db, link.org_id).await?.ok_or(AppError::NotFound)?;
        let municipality = match org.parent_id {
            Some(p) => orgs::get_org(db, p).await?.map(|m| m.name),
            None => None,
        };
        let base = entry.base;
        let full =
            |p: &storage::PersonRow| crate::bases::person_name(&p.last_name, &p.first_name, p.patronymic.as_deref());
        let who = person.category;
        Ok(Questionnaire {
            base,
            school: org.short_name,
            school_full: org.name,
            subject: short_name(&person.last_name, &person.first_name),
            by_guardian: respondent.id != person.id,
            respondent: match &respondent.patronymic {
                Some(p) => format!("{} {p}", respondent.first_name),
                None => respondent.first_name.clone(),
            },
            authority: if respondent.id == person.id {
                String::new()
            } else {
                persons::guardian_doc(db, link.org_id, person.id, respondent.id)
                    .await?
                    .unwrap_or_default()
            },
            respondent_full: full(&respondent),
            subject_full: full(&person),
            municipality,
            needs_consent: entry.consent != ConsentStatus::Valid,
            teacher: entry.teacher,
            who,
            forms: questionnaire::fitting_forms(base, who),
            kinds: questionnaire::fitting_kinds(base, who),
            questions: extra_of(bases::questions(db, link.org_id, base.code()).await?),
            answers: serde_json::from_str(&entry.answers).unwrap_or_default(),
        })
    }

    /// What a link opens (no account: the token is the key).
    pub async fn open_questionnaire(&self, token: &str) -> Result<LinkState> {
        self.open_link(LinkKey::Token(token)).await
    }

    /// What a link opens, reached by its token or by a signed-in guardian.
    pub async fn open_link(&self, key: LinkKey<'_>) -> Result<LinkState> {
        let mut conn = self.store.read().await?;
        let link = match self.link_of(&mut conn, key).await? {
            Ok(l) => l,
            Err(state) => return Ok(state),
        };
        Ok(LinkState::Open(Box::new(
            self.questionnaire_of(&mut conn, &link).await?,
        )))
    }

    /// Records the processing consent the respondent gave on the link's consent page
    /// (a guardian's for a minor), as an electronic document with the time and address.
    pub async fn consent_by_link(&self, token: &str, address: &str) -> Result<LinkState> {
        self.consent_on_link(LinkKey::Token(token), address).await
    }

    /// [`App::consent_by_link`] for a link reached by its token or by a signed-in guardian.
    pub async fn consent_on_link(&self, key: LinkKey<'_>, address: &str) -> Result<LinkState> {
        let mut tx = self.store.begin().await?;
        let link = match self.link_of(&mut tx, key).await? {
            Ok(l) => l,
            Err(state) => return Ok(state),
        };
        let today = self.today_for(&mut tx, link.org_id).await?;
        let entry = bases::get(&mut tx, link.org_id, link.entry_id, today)
            .await?
            .ok_or(AppError::NotFound)?;
        let person = persons::get(&mut tx, link.org_id, entry.person_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if entry.consent != ConsentStatus::Valid {
            let guardian = (link.respondent_id != person.id).then_some(link.respondent_id);
            let authority = match guardian {
                Some(g) => persons::guardian_doc(&mut tx, link.org_id, person.id, g).await?,
                None => None,
            };
            let tz = self
                .org_row(&mut tx, link.org_id)
                .await?
                .map(|o| o.timezone)
                .unwrap_or_default();
            let stamp = crate::local_time(&tz, self.now());
            let document_ref = format!(
                "электронное согласие по персональной ссылке анкеты № {}, {}",
                link.id,
                stamp.format("%d.%m.%Y %H:%M")
            );
            let new = NewConsent {
                person_id: person.id,
                kind: ConsentKind::Processing,
                guardian_id: guardian,
                authority_doc: authority.as_deref().map(Into::into),
                purpose: crate::consents::DEFAULT_PURPOSE.into(),
                given_on: today,
                document_ref: document_ref.into(),
                recorded_by: None,
            };
            consents::insert(&mut tx, link.org_id, &new, self.now()).await?;
            if person.withdrawn {
                persons::set_withdrawn(&mut tx, link.org_id, person.id, false, self.now()).await?;
            }
            let actor = respondent_actor(key, &link, address);
            self.audit(
                &mut tx,
                &actor,
                Some(person.id),
                AuditEvent::ConsentGiveByLink(ConsentKind::Processing),
            )
            .await?;
        }
        let q = self.questionnaire_of(&mut tx, &link).await?;
        tx.commit().await?;
        Ok(LinkState::Open(Box::new(q)))
    }

    /// Stores the answers of a questionnaire into its base entry and closes the link. A
    /// candidate with a consent in force moves to «ожидает пары».
    pub async fn submit_questionnaire(&self, token: &str, form: &Submitted, address: &str) -> Result<LinkState> {
        self.submit_link(LinkKey::Token(token), form, address).await
    }

    /// [`App::submit_questionnaire`] for a link reached by its token or by a signed-in guardian.
    pub async fn submit_link(&self, key: LinkKey<'_>, form: &Submitted, address: &str) -> Result<LinkState> {
        let mut tx = self.store.begin().await?;
        let link = match self.link_of(&mut tx, key).await? {
            Ok(l) => l,
            Err(state) => return Ok(state),
        };
        let q = self.questionnaire_of(&mut tx, &link).await?;
        if q.needs_consent {
            return Err(Violation::new("consent", "err-q-consent-first").into());
        }
        let answers = questionnaire::parse(q.base, q.who, form, &q.questions)?;
        if !bases::use_link(&mut tx, link.id, self.now()).await? {
            return Ok(LinkState::Used);
        }
        bases::close_links(&mut tx, link.entry_id, self.now()).await?;
        let today = self.today_for(&mut tx, link.org_id).await?;
        let entry = bases::get(&mut tx, link.org_id, link.entry_id, today)
            .await?
            .ok_or(AppError::NotFound)?;
        let json = serde_json::to_string(&answers).map_err(|e| AppError::Internal(e.to_string()))?;
        let request = match q.base {
            BaseKind::Mentees => answers.request.clone(),
            BaseKind::Mentors => entry.request.clone(),
        };
        let competences = match q.base {
            BaseKind::Mentors => answers.competences.join("; "),
            BaseKind::Mentees => entry.competences.clone(),
        };
        let form_code = answers.forms.first().copied().map(Form::code);
        let saved = storage::AnswerColumns {
            answers: &json,
            request: &request,
            competences: &competences,
            form: form_code,
            remote: answers.remote(),
        };
        bases::save_answers(&mut tx, link.org_id, link.entry_id, &saved, self.now()).await?;
        entries::set_answered_by(&mut tx, link.org_id, link.entry_id, link.respondent_id).await?;
        if entry.status == EntryStatus::Candidate {
            bases::set_status(
                &mut tx,
                link.org_id,
                link.entry_id,
                EntryStatus::InBase.code(),
                self.now(),
            )
            .await?;
        }
        let actor = respondent_actor(key, &link, address);
        self.audit(
            &mut tx,
            &actor,
            Some(entry.person_id),
            AuditEvent::QuestionnaireAnswer(q.base),
        )
        .await?;
        tx.commit().await?;
        Ok(LinkState::Answered)
    }

    /// The school's own questions of a questionnaire.
    pub async fn school_questions(&self, actor: &Actor, base: BaseKind) -> Result<Vec<ExtraQuestion>> {
        actor.require(Permission::EditBases)?;
        let mut conn = self.store.read().await?;
        Ok(extra_of(bases::questions(&mut conn, actor.org_id, base.code()).await?))
    }

    /// Adds a question to the school's questionnaire.
    pub async fn add_school_question(
        &self,
        actor: &Actor,
        base: BaseKind,
        label: &str,
        kind: &str,
        options: &str,
        required: bool,
    ) -> Result<i64> {
        actor.require(Permission::EditBases)?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 300 {
            return Err(Violation::new("label", "err-q-label").into());
        }
        if !matches!(kind, "text" | "yes_no" | "scale_1_10" | "choice") {
            return Err(Violation::new("kind", "err-q-kind").into());
        }
        let options: Vec<&str> = options.lines().map(str::trim).filter(|o| !o.is_empty()).collect();
        if kind == "choice" && options.len() < 2 {
            return Err(Violation::new("options", "err-q-options").into());
        }
        let row = storage::QuestionRow {
            id: 0,
            base: base.code().to_string(),
            label: label.to_string(),
            kind: kind.to_string(),
            options: options.join("\n"),
            required,
        };
        let mut tx = self.store.begin().await?;
        let id = bases::add_question(&mut tx, actor.org_id, &row, self.now()).await?;
        self.audit(&mut tx, actor, None, AuditEvent::QuestionAdd(base)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Takes a question off the school's questionnaire (answers given stay).
    pub async fn retire_school_question(&self, actor: &Actor, id: i64) -> Result<()> {
        actor.require(Permission::EditBases)?;
        let mut tx = self.store.begin().await?;
        if !bases::retire_question(&mut tx, actor.org_id, id).await? {
            return Err(AppError::NotFound);
        }
        self.audit(&mut tx, actor, None, AuditEvent::QuestionRetire(id)).await?;
        tx.commit().await?;
        Ok(())
    }
}
