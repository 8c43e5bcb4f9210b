//! Participants: the list with search and filters, the card, add and edit forms, the audit trail.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::base::{BaseKind, Labelled};
use domain::category::{Category, CategoryInput};
use domain::{CategoryKind, ConsentState, ConsentStatus, ParticipantDraft, Permission, Violations};

use axum::http::StatusCode;

use super::{Chrome, category_label, full_name, render, ru_date, search, with_status};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;
use app::participants::{Card, ListQuery};

/// A list row ready for the template.
pub struct Row {
    id: i64,
    name: String,
    birth: String,
    category: String,
    place: String,
    consent: String,
    ok: bool,
    withdrawn: bool,
}

/// The list's query echoed back into the form.
#[derive(Default)]
pub struct Echo {
    q: String,
    category: String,
    grade: String,
    consent: String,
    withdrawn: String,
}

/// A pager link: (page, label, href for GET).
type PageLink = (i64, String, String);

#[derive(Template)]
#[template(path = "participants.html")]
struct ListPage {
    c: Chrome,
    q: Echo,
    rows: Vec<Row>,
    found: String,
    categories: Vec<(String, String)>,
    consent_options: Vec<(String, String)>,
    can_edit: bool,
    page_label: String,
    prev: Option<PageLink>,
    next: Option<PageLink>,
    print_stamp: String,
    /// The URL named a search that can no longer be used.
    search_notice: Option<String>,
}

fn categories() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = CategoryKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), category_label(k.code())))
        .collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    v
}

/// The filters of a query that may stand in a URL (never the search text).
fn filters(q: &ListQuery) -> Vec<(&'static str, String)> {
    [
        ("category", q.category.clone()),
        ("grade", q.grade.clone()),
        ("consent", q.consent.clone()),
        ("withdrawn", q.withdrawn.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
    .collect()
}

/// A page of the list: its filters, the saved search `s` and the page number.
fn link(q: &ListQuery, s: Option<&str>, page: i64) -> String {
    let mut pairs: Vec<(&'static str, String)> = s.map(|s| ("s", s.to_string())).into_iter().collect();
    pairs.extend(filters(q));
    pairs.push(("page", page.to_string()));
    search::url("/participants", &pairs)
}

/// The list's URL: the filters and `s`, the id of a saved search (never the name).
#[derive(serde::Deserialize)]
pub struct ListParams {
    #[serde(flatten)]
    q: ListQuery,
    s: Option<String>,
}

/// `GET /participants`: filters in the URL, the name searched behind `s`.
pub async fn list(State(st): State<AppState>, ctx: Ctx, Query(p): Query<ListParams>) -> Result<Response, WebError> {
    let ListParams { mut q, s } = p;
    let recalled = search::recall(&st, &ctx, s.as_deref()).await?;
    q.q = recalled.text;
    let s = s.filter(|_| q.q.is_some());
    render_list(&st, &ctx, &q, s.as_deref(), recalled.notice).await
}

/// The search form as posted.
#[derive(serde::Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    grade: Option<String>,
    #[serde(default)]
    consent: Option<String>,
    #[serde(default)]
    withdrawn: Option<String>,
}

/// `POST /participants/search`: 303 to the list with the search saved behind an id.
pub async fn search(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<SearchForm>,
) -> Result<Response, WebError> {
    let q = ListQuery {
        q: None,
        category: f.category,
        grade: f.grade,
        consent: f.consent,
        withdrawn: f.withdrawn,
        page: None,
    };
    search::redirect(&st, &ctx, "/participants", f.q.as_deref(), filters(&q)).await
}

async fn render_list(
    st: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
    s: Option<&str>,
    search_notice: Option<String>,
) -> Result<Response, WebError> {
    let l = L;
    let page = st.app.list_participants(&ctx.actor, q).await?;
    let rows = page
        .rows
        .iter()
        .map(|r| Row {
            id: r.id,
            name: full_name(&r.last_name, &r.first_name, r.patronymic.as_deref()),
            birth: r.birth_date.map(ru_date).unwrap_or_else(|| l.t("card-birth-unknown")),
            category: category_label(r.category.code()),
            place: r.place.clone(),
            consent: l.consent_status(r.consent),
            ok: r.consent == ConsentStatus::Valid,
            withdrawn: r.withdrawn,
        })
        .collect();
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let echo = Echo {
        q: o(&q.q),
        category: o(&q.category),
        grade: o(&q.grade),
        consent: o(&q.consent),
        withdrawn: o(&q.withdrawn),
    };
    let consent_options = ["valid", "missing", "turned_adult", "withdrawn"]
        .iter()
        .map(|c| (c.to_string(), l.t(&format!("consent-status-{c}"))))
        .collect();
    let pl = |p: i64, key: &str| (p, l.t(key), link(q, s, p));
    let org = ctx.org_name();
    let today = ru_date(st.app.today_at(ctx.actor.org_id).await?);
    Ok(render(&ListPage {
        c: Chrome::for_ctx(ctx, l.t("participants-title"), "/participants"),
        found: l.n("participants-found", "n", page.total),
        q: echo,
        rows,
        categories: categories(),
        consent_options,
        can_edit: ctx.can(Permission::EditParticipants),
        page_label: l.args(
            "page-of",
            &[("page", page.page.to_string()), ("pages", page.pages.to_string())],
        ),
        prev: (page.page > 1).then(|| pl(page.page - 1, "prev-page")),
        next: (page.page < page.pages).then(|| pl(page.page + 1, "next-page")),
        print_stamp: l.args("print-stamp", &[("date", today), ("org", org)]),
        search_notice,
    }))
}

/// The add/edit form as posted.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ParticipantForm {
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    patronymic: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    letter: String,
    #[serde(default)]
    course: String,
    #[serde(default)]
    subjects: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    experience_years: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    age_exception: Option<String>,
}

impl ParticipantForm {
    fn draft(&self) -> ParticipantDraft {
        let s = |v: &String| Some(v.clone());
        ParticipantDraft {
            last_name: self.last_name.clone(),
            first_name: self.first_name.clone(),
            patronymic: self.patronymic.clone(),
            birth_date: self.birth_date.clone(),
            category: CategoryInput {
                kind: self.kind.clone(),
                grade: s(&self.grade),
                letter: s(&self.letter),
                course: s(&self.course),
                subjects: s(&self.subjects),
                position: s(&self.position),
                experience_years: s(&self.experience_years),
                company: s(&self.company),
            },
            phone: s(&self.phone),
            email: s(&self.email),
            age_exception: self.age_exception.is_some(),
        }
    }

    fn from_card(p: &storage::PersonRow) -> Self {
        let mut f = Self {
            last_name: p.last_name.clone(),
            first_name: p.first_name.clone(),
            patronymic: p.patronymic.clone().unwrap_or_default(),
            birth_date: p
                .birth_date
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default(),
            kind: p.category.code().to_string(),
            phone: p.phone.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            age_exception: p.age_exception.then(|| "on".to_string()),
            ..Default::default()
        };
        match serde_json::from_str::<Category>(&p.details) {
            Ok(Category::Student { grade, letter }) => {
                f.grade = grade.to_string();
                f.letter = letter.unwrap_or_default();
            }
            Ok(Category::CollegeStudent { course }) => f.course = course.to_string(),
            Ok(Category::Teacher {
                subjects,
                position,
                experience_years,
            }) => {
                f.subjects = subjects.join(", ");
                f.position = position;
                f.experience_years = experience_years.map(|e| e.to_string()).unwrap_or_default();
            }
            Ok(Category::EnterpriseEmployee { company, position }) => {
                f.company = company;
                f.position = position.unwrap_or_default();
            }
            Ok(Category::Entrepreneur { company } | Category::UniversityTeacher { company }) => {
                f.company = company.unwrap_or_default()
            }
            _ => {}
        }
        f
    }
}

/// One input with its label and message.
pub struct Field {
    name: &'static str,
    label: String,
    value: String,
    input_type: &'static str,
    error: String,
}

#[derive(Template)]
#[template(path = "participant_form.html")]
struct FormPage {
    c: Chrome,
    action: String,
    cancel: String,
    summary: String,
    errors: Vec<(String, String)>,
    text_fields: Vec<Field>,
    categories: Vec<(String, String)>,
    age_exception: bool,
}

fn form_page(
    ctx: &Ctx,
    title: String,
    action: String,
    cancel: String,
    f: &ParticipantForm,
    errs: &Violations,
) -> Response {
    let l = L;
    let msg = |name: &str| {
        let name = if name == "kind" { "category" } else { name };
        errs.0
            .iter()
            .filter(|v| v.field == name)
            .map(|v| l.violation(v))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let spec: [(&'static str, &String, &'static str); 14] = [
        ("last_name", &f.last_name, "text"),
        ("first_name", &f.first_name, "text"),
        ("patronymic", &f.patronymic, "text"),
        ("birth_date", &f.birth_date, "text"),
        ("kind", &f.kind, "text"),
        ("grade", &f.grade, "text"),
        ("letter", &f.letter, "text"),
        ("course", &f.course, "text"),
        ("subjects", &f.subjects, "text"),
        ("position", &f.position, "text"),
        ("experience_years", &f.experience_years, "text"),
        ("company", &f.company, "text"),
        ("phone", &f.phone, "tel"),
        ("email", &f.email, "email"),
    ];
    let text_fields = spec
        .into_iter()
        .map(|(name, value, input_type)| Field {
            name,
            label: l.t(&format!("field-{}", if name == "kind" { "category" } else { name })),
            value: value.clone(),
            input_type,
            error: msg(name),
        })
        .collect();
    let errors: Vec<(String, String)> = errs.0.iter().map(|v| (error_link(v), l.violation(v))).collect();
    let r = render(&FormPage {
        c: Chrome::for_ctx(ctx, title, "/participants"),
        action,
        cancel,
        summary: l.n("form-has-errors", "n", errors.len() as i64),
        errors,
        text_fields,
        categories: categories(),
        age_exception: f.age_exception.is_some(),
    });
    if errs.is_empty() {
        r
    } else {
        with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// `GET /participants/new`.
pub async fn new_form(ctx: Ctx) -> Response {
    let f = ParticipantForm {
        kind: "student".into(),
        ..Default::default()
    };
    form_page(
        &ctx,
        L.t("participant-new-title"),
        "/participants".into(),
        "/participants".into(),
        &f,
        &Violations::default(),
    )
}

/// `POST /participants`.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<ParticipantForm>,
) -> Result<Response, WebError> {
    match st.app.add_participant(&ctx.actor, &f.draft()).await {
        Ok(id) => Ok(Redirect::to(&format!("/participants/{id}")).into_response()),
        Err(app::AppError::Invalid(v)) => Ok(form_page(
            &ctx,
            L.t("participant-new-title"),
            "/participants".into(),
            "/participants".into(),
            &f,
            &v,
        )),
        Err(e) => Err(e.into()),
    }
}

/// `GET /participants/{id}/edit`.
pub async fn edit_form(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    let card = st.app.participant_card(&ctx.actor, id).await?;
    let f = ParticipantForm::from_card(&card.person);
    let back = format!("/participants/{id}");
    Ok(form_page(
        &ctx,
        L.t("participant-edit-title"),
        back.clone(),
        back,
        &f,
        &Violations::default(),
    ))
}

/// `POST /participants/{id}`.
pub async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ParticipantForm>,
) -> Result<Response, WebError> {
    let back = format!("/participants/{id}");
    match st.app.update_participant(&ctx.actor, id, &f.draft()).await {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(app::AppError::Invalid(v)) => Ok(form_page(
            &ctx,
            L.t("participant-edit-title"),
            back.clone(),
            back,
            &f,
            &v,
        )),
        Err(e) => Err(e.into()),
    }
}

/// A consent line on the card.
pub struct ConsentLine {
    id: i64,
    text: String,
    active: bool,
    /// The record still covers the person (the one consent rule).
    covers: bool,
}

#[derive(Template)]
#[template(path = "card.html")]
struct CardPage {
    c: Chrome,
    card: Card,
    name: String,
    birth: String,
    age: String,
    category: String,
    contacts: String,
    processing: String,
    /// A teacher's consent to the added duties of a mentor, in words (empty: not a teacher).
    duties: String,
    duties_in_force: bool,
    gate_ok: bool,
    gate_message: String,
    consents: Vec<ConsentLine>,
    adults: Vec<(i64, String)>,
    can_edit: bool,
    can_consent: bool,
    can_audit: bool,
    message: Option<String>,
    consent_open: bool,
    guardian_open: bool,
    cf: ConsentEcho,
    /// Entries in the bases: (id, base label, year, status, questionnaire).
    entries: Vec<(i64, &'static str, String, &'static str, String)>,
    /// Bases of the current year the participant is not in yet: (code, label).
    enroll: Vec<(&'static str, &'static str)>,
    can_bases: bool,
}

/// The consent form's fields, echoed back after an error so nothing typed is lost.
#[derive(Default)]
pub struct ConsentEcho {
    kind: String,
    guardian_id: String,
    given_on: String,
    document_ref: String,
    purpose: String,
}

impl From<&app::consents::ConsentInput> for ConsentEcho {
    fn from(i: &app::consents::ConsentInput) -> Self {
        Self {
            kind: i.kind.clone(),
            guardian_id: i.guardian_id.clone().unwrap_or_default(),
            given_on: i.given_on.clone(),
            document_ref: i.document_ref.clone(),
            purpose: i.purpose.clone().unwrap_or_default(),
        }
    }
}

/// Renders the card, with an optional message from a failed form on it.
pub async fn card_page(
    st: &AppState,
    ctx: &Ctx,
    id: i64,
    message: Option<String>,
    open: &str,
    echo: Option<ConsentEcho>,
) -> Result<Response, WebError> {
    let l = L;
    let card = st.app.participant_card(&ctx.actor, id).await?;
    let p = &card.person;
    let name = full_name(&p.last_name, &p.first_name, p.patronymic.as_deref());
    let guardian_name = |gid: i64| {
        card.guardians
            .iter()
            .find(|g| g.person_id == gid)
            .map(|g| full_name(&g.last_name, &g.first_name, g.patronymic.as_deref()))
            .unwrap_or_else(|| format!("№ {gid}"))
    };
    let consents = card
        .consents
        .iter()
        .map(|(c, st)| {
            let who = match c.guardian_id {
                Some(g) => l.args("consent-by-guardian", &[("name", guardian_name(g))]),
                None => l.t("consent-by-self"),
            };
            // Where the record stands by the one consent rule: a parent's consent of a pupil
            // who turned 18 no longer reads «действует».
            let state = match (st, c.withdrawn_on) {
                (ConsentState::Withdrawn, Some(d)) => format!(
                    "{} ({})",
                    l.args("consent-withdrawn", &[("date", ru_date(d))]),
                    l.args(
                        "consent-withdrawn-because",
                        &[("reason", c.withdrawn_reason.clone().unwrap_or_default())]
                    )
                ),
                (ConsentState::WithdrawnLater, Some(d)) => {
                    l.args("consent-state-withdrawn_later", &[("date", ru_date(d))])
                }
                (ConsentState::NotYet, _) => l.args("consent-state-not_yet", &[("date", ru_date(c.given_on))]),
                _ => l.t(&format!("consent-state-{}", st.code())),
            };
            let text = format!(
                "{} — {}; {}; {}; {}",
                l.t(&format!("consent-{}", c.kind.code())),
                who,
                l.args("consent-given", &[("date", ru_date(c.given_on))]),
                c.document_ref,
                state
            );
            ConsentLine {
                id: c.id,
                text,
                active: c.withdrawn_on.is_none(),
                covers: st.covers(),
            }
        })
        .collect();
    let contacts = [p.phone.clone(), p.email.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let gate = card.processing.require();
    let can_edit = ctx.can(Permission::EditParticipants);
    let adults = if can_edit && card.minor {
        st.app.guardian_candidates(&ctx.actor).await?
    } else {
        Vec::new()
    };
    let today_date = st.app.today_at(ctx.actor.org_id).await?;
    let today = ru_date(today_date);
    let current = domain::AcademicYear::containing(today_date);
    let entries = st.app.person_entries(&ctx.actor, id).await?;
    let enroll = BaseKind::ALL
        .iter()
        .filter(|b| !entries.iter().any(|e| e.base == **b && e.year == current))
        .map(|b| (b.code(), b.label()))
        .collect();
    let entries = entries
        .iter()
        .map(|e| {
            let answered = match e.answered {
                Some(d) => l.args("card-q-answered", &[("date", ru_date(d))]),
                None => l.t("card-q-none"),
            };
            let year = format!("{}/{}", e.year.start_year(), e.year.start_year() + 1);
            (e.id, e.base.label(), year, e.status, answered)
        })
        .collect();
    let cf = echo.unwrap_or(ConsentEcho {
        given_on: today,
        ..Default::default()
    });
    let page = CardPage {
        c: Chrome::for_ctx(ctx, l.t("card-title"), "/participants"),
        birth: p.birth_date.map(ru_date).unwrap_or_default(),
        age: l.n("card-age", "age", i64::from(card.age.unwrap_or(0))),
        category: category_label(p.category.code()),
        contacts: if contacts.is_empty() { l.t("not-set") } else { contacts },
        processing: l.consent_status(card.processing),
        duties: match card.duties {
            None => String::new(),
            Some(app::duties::Duties::InForce(d)) => l.args("duties-in-force", [("date", super::ru_date(d))]),
            Some(app::duties::Duties::Withdrawn(d)) => l.args("duties-withdrawn", [("date", super::ru_date(d))]),
            Some(app::duties::Duties::Missing) => l.t("duties-missing"),
        },
        duties_in_force: matches!(card.duties, Some(app::duties::Duties::InForce(_))),
        gate_ok: gate.is_ok(),
        gate_message: gate.err().map(|v| l.violation(&v)).unwrap_or_default(),
        consents,
        adults,
        can_edit,
        can_consent: ctx.can(Permission::ManageConsents),
        can_audit: ctx.can(Permission::ViewAudit),
        cf,
        entries,
        enroll,
        can_bases: ctx.can(Permission::EditBases),
        consent_open: message.is_some() && open == "consent",
        guardian_open: message.is_some() && open == "guardian",
        message,
        name,
        card,
    };
    let status = if page.message.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(with_status(render(&page), status))
}

/// Where the summary of a form's errors points: the field, or the card of the
/// participant the new one would duplicate.
fn error_link(v: &domain::Violation) -> String {
    let same = v.args.iter().find(|(k, _)| *k == "id").map(|(_, id)| id);
    match (v.code, same) {
        ("err-duplicate-person", Some(id)) => format!("/participants/{id}"),
        _ if v.field == "category" => "#kind".to_string(),
        _ => format!("#{}", v.field),
    }
}

/// `GET /participants/{id}`: opening a card is written to the audit trail.
pub async fn card(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    card_page(&st, &ctx, id, None, "", None).await
}
