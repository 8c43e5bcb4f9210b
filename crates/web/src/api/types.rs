//! What the JSON API takes and gives: its own types, described in the OpenAPI document,
//! never the database's rows.

use domain::ParticipantDraft;
use domain::category::CategoryInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A participant to add or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantIn {
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    #[serde(default)]
    pub patronymic: String,
    /// «2012-05-01» or «01.05.2012».
    pub birth_date: String,
    /// Category code: student, college_student, teacher, parent, graduate, enterprise_employee, entrepreneur, veteran_teacher, university_teacher, head.
    pub category: String,
    /// Class 5–11 (students).
    #[serde(default)]
    pub grade: Option<u8>,
    /// Class letter.
    #[serde(default)]
    pub letter: Option<String>,
    /// Course (college students).
    #[serde(default)]
    pub course: Option<u8>,
    /// Subjects (teachers).
    #[serde(default)]
    pub subjects: Option<String>,
    /// Position.
    #[serde(default)]
    pub position: Option<String>,
    /// Teaching experience, years.
    #[serde(default)]
    pub experience_years: Option<u8>,
    /// Company.
    #[serde(default)]
    pub company: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Student aged 18–19 confirmed by the curator.
    #[serde(default)]
    pub age_exception: bool,
}

impl ParticipantIn {
    /// The draft the use cases check.
    pub(crate) fn draft(&self) -> ParticipantDraft {
        let n = |v: Option<u8>| v.map(|v| v.to_string());
        ParticipantDraft {
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            patronymic: self.patronymic.clone(),
            birth_date: self.birth_date.clone(),
            category: CategoryInput {
                kind: self.category.clone(),
                grade: n(self.grade),
                letter: self.letter.clone(),
                course: n(self.course),
                subjects: self.subjects.clone(),
                position: self.position.clone(),
                experience_years: n(self.experience_years),
                company: self.company.clone(),
            },
            phone: self.phone.clone(),
            email: self.email.clone(),
            age_exception: self.age_exception,
        }
    }
}

/// A participant in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantOut {
    /// Id.
    pub id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// Birth date; absent where it is not known (a parent from an imported list).
    pub birth_date: Option<chrono::NaiveDate>,
    /// Category code.
    pub category: String,
    /// Class / position.
    pub place: String,
    /// `valid`, `missing`, `missing_guardian`, `turned_adult`, `withdrawn`.
    pub consent: String,
    /// Withdrawn from the model.
    pub withdrawn: bool,
}

impl From<storage::PersonListRow> for ParticipantOut {
    fn from(r: storage::PersonListRow) -> Self {
        Self {
            id: r.id,
            last_name: r.last_name,
            first_name: r.first_name,
            patronymic: r.patronymic,
            birth_date: r.birth_date,
            category: r.category.code().into(),
            place: r.place,
            consent: r.consent.code().into(),
            withdrawn: r.withdrawn,
        }
    }
}

/// A page of participants.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantPage {
    /// Rows.
    pub items: Vec<ParticipantOut>,
    /// Matching in all.
    pub total: i64,
    /// Page, from 1.
    pub page: i64,
    /// Pages in all.
    pub pages: i64,
}

/// Created resource id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Id.
    pub id: i64,
}

/// A consent to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentIn {
    /// `processing` or `dissemination`.
    pub kind: String,
    /// Guardian who signed (for a minor); absent if the person signed.
    #[serde(default)]
    pub guardian_id: Option<i64>,
    /// Purpose.
    #[serde(default)]
    pub purpose: Option<String>,
    /// Date of signature.
    pub given_on: String,
    /// Paper document reference.
    pub document_ref: String,
}

/// A guardian link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GuardianIn {
    /// Guardian's participant id.
    pub guardian_id: i64,
    /// «мать», «отец», «опекун» …
    pub relation: String,
    /// Authority document.
    pub authority_doc: String,
}

/// A consent withdrawal.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawIn {
    /// Reason.
    #[serde(default)]
    pub reason: String,
}

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// Name.
    pub name: String,
    /// Role code.
    pub role: String,
    /// Organization id.
    pub org_id: i64,
}

/// Query of the list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListParams {
    /// Search text (case-, ё/е-insensitive).
    pub q: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// Class.
    pub grade: Option<String>,
    /// `valid`, `missing`, `turned_adult`.
    pub consent: Option<String>,
    /// Any value includes withdrawn people.
    pub withdrawn: Option<String>,
    /// Page from 1.
    pub page: Option<String>,
}

/// The dashboard's figures of the caller's school.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardOut {
    /// School name.
    pub school: String,
    /// Active participants in all.
    pub total: i64,
    /// Active participants without a processing consent in force.
    pub consent_missing: i64,
    /// Active participants who turned 18 and are covered only by a parent's consent.
    pub turned_adult: i64,
    /// Participants withdrawn from the model.
    pub withdrawn: i64,
    /// Active participants by category.
    pub by_category: Vec<CategoryCountOut>,
}

/// Participants of one category.
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryCountOut {
    /// Category code.
    pub category: String,
    /// How many.
    pub n: i64,
}

impl From<app::participants::Dashboard> for DashboardOut {
    fn from(d: app::participants::Dashboard) -> Self {
        let c = d.counts;
        Self {
            school: d.school,
            total: c.total,
            consent_missing: c.consent_missing,
            turned_adult: c.turned_adult,
            withdrawn: c.withdrawn,
            by_category: c
                .by_category
                .into_iter()
                .map(|x| CategoryCountOut {
                    category: x.category,
                    n: x.n,
                })
                .collect(),
        }
    }
}

/// A participant's card.
#[derive(Debug, Serialize, ToSchema)]
pub struct CardOut {
    /// The person.
    pub person: PersonOut,
    /// Age in full years today; absent where the birth date is not known.
    pub age: Option<u32>,
    /// Under 18 today.
    pub minor: bool,
    /// Status of the processing consent: `valid`, `missing`, `missing_guardian`, `turned_adult`, `withdrawn`.
    pub processing: String,
    /// Status of the dissemination (publication) consent, same codes.
    pub dissemination: String,
    /// Every consent, withdrawn ones too.
    pub consents: Vec<ConsentOut>,
    /// The person's legal representatives.
    pub guardians: Vec<LinkOut>,
    /// The minors the person represents.
    pub wards: Vec<LinkOut>,
}

/// A participant as the card shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonOut {
    /// Id.
    pub id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// Birth date; absent where it is not known.
    pub birth_date: Option<chrono::NaiveDate>,
    /// Category code.
    pub category: String,
    /// The category's details (class, subjects, position …) as entered.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// Class / position.
    pub place: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// A student aged 18–19 kept by the curator's decision.
    pub age_exception: bool,
    /// Withdrawn from the model.
    pub withdrawn: bool,
}

/// A consent on the card.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentOut {
    /// Id.
    pub id: i64,
    /// `processing` or `dissemination`.
    pub kind: String,
    /// The guardian who signed; absent where the person signed.
    pub guardian_id: Option<i64>,
    /// The guardian's authority document.
    pub authority_doc: Option<String>,
    /// Purpose.
    pub purpose: String,
    /// Date of signature.
    pub given_on: chrono::NaiveDate,
    /// Paper document reference.
    pub document_ref: String,
    /// Date of withdrawal.
    pub withdrawn_on: Option<chrono::NaiveDate>,
    /// Reason of withdrawal.
    pub withdrawn_reason: Option<String>,
    /// Where it stands today: `in_force`, `not_yet`, `withdrawn`, `withdrawn_later`, `subject_adult`, `guardian_unlinked`.
    pub state: String,
}

/// A guardian or a ward on the card.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkOut {
    /// The other person's id.
    pub person_id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// «мать», «отец», «опекун» …
    pub relation: String,
    /// The document that makes them the representative.
    pub authority_doc: String,
}

impl From<storage::GuardianLink> for LinkOut {
    fn from(g: storage::GuardianLink) -> Self {
        Self {
            person_id: g.person_id,
            last_name: g.last_name,
            first_name: g.first_name,
            patronymic: g.patronymic,
            relation: g.relation,
            authority_doc: g.authority_doc,
        }
    }
}

impl From<app::participants::Card> for CardOut {
    fn from(c: app::participants::Card) -> Self {
        let p = c.person;
        Self {
            person: PersonOut {
                id: p.id,
                last_name: p.last_name,
                first_name: p.first_name,
                patronymic: p.patronymic,
                birth_date: p.birth_date,
                category: p.category.code().into(),
                // Stored as JSON text by the app; an unreadable one is handed out as null.
                details: serde_json::from_str(&p.details).unwrap_or(serde_json::Value::Null),
                place: p.place,
                phone: p.phone,
                email: p.email,
                age_exception: p.age_exception,
                withdrawn: p.withdrawn,
            },
            age: c.age,
            minor: c.minor,
            processing: c.processing.code().into(),
            dissemination: c.dissemination.code().into(),
            consents: c
                .consents
                .into_iter()
                .map(|(r, state)| ConsentOut {
                    id: r.id,
                    kind: r.kind.code().into(),
                    guardian_id: r.guardian_id,
                    authority_doc: r.authority_doc,
                    purpose: r.purpose,
                    given_on: r.given_on,
                    document_ref: r.document_ref,
                    withdrawn_on: r.withdrawn_on,
                    withdrawn_reason: r.withdrawn_reason,
                    state: state.code().into(),
                })
                .collect(),
            guardians: c.guardians.into_iter().map(LinkOut::from).collect(),
            wards: c.wards.into_iter().map(LinkOut::from).collect(),
        }
    }
}

/// An entry of a participant's audit trail.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    /// Id.
    pub id: i64,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Who (display name); absent for the system or a personal link.
    pub actor: Option<String>,
    /// Action code (`view`, `update`, `consent_give` …).
    pub action: String,
    /// What exactly (a consent kind, `#id` of a record …); empty where the action says all.
    pub detail: String,
    /// Client address.
    pub address: String,
}

impl From<storage::AuditRow> for AuditOut {
    fn from(r: storage::AuditRow) -> Self {
        Self {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.event.code().into(),
            detail: r.event.detail(),
            address: r.address,
        }
    }
}

/// An organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationOut {
    /// Id.
    pub id: i64,
    /// `region`, `municipality` or `school`.
    pub kind: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Parent organization.
    pub parent_id: Option<i64>,
    /// The region.
    pub region_id: Option<i64>,
    /// IANA time zone.
    pub timezone: String,
}

impl From<storage::OrgRow> for OrganizationOut {
    fn from(o: storage::OrgRow) -> Self {
        Self {
            id: o.id,
            kind: o.kind.code().into(),
            name: o.name,
            short_name: o.short_name,
            parent_id: o.parent_id,
            region_id: o.region_id,
            timezone: o.timezone,
        }
    }
}
