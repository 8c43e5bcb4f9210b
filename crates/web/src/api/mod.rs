//! The JSON API under `/api/v1` (bearer tokens scoped to an organization and a role),
//! described by the OpenAPI document at `/api/openapi.json`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::ParticipantDraft;
use domain::category::CategoryInput;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::auth::Ctx;
use crate::error::{Api, ApiError, FieldError, WebError};
use crate::extract::{Id, Ids};
use crate::state::AppState;
use app::participants::ListQuery;

/// A participant to add or replace.
#[derive(Debug, Deserialize, ToSchema)]
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
    fn draft(&self) -> ParticipantDraft {
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

/// JSON body extractor whose rejection is our JSON error.
pub struct JsonIn<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for JsonIn<T> {
    type Rejection = Api;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(axum::extract::rejection::JsonRejection::BytesRejection(_)) => Err(Api(WebError::TooLarge)),
            Err(e) => {
                // "Failed to deserialize the JSON body into the target type: grade: invalid type …"
                let text = e.body_text();
                let detail = text
                    .split_once("target type: ")
                    .map(|(_, d)| d)
                    .unwrap_or(&text)
                    .to_string();
                let field = detail
                    .split_once(": ")
                    .map(|(f, _)| f.to_string())
                    .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'));
                Err(Api(WebError::BadJson { field, detail }))
            }
        }
    }
}

/// `GET /api/v1/me`.
#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Me), (status = 401, body = ApiError)), security(("bearer" = [])))]
pub async fn me(ctx: Ctx) -> Json<Me> {
    Json(Me {
        name: ctx.actor.name,
        role: ctx.actor.role.code().into(),
        org_id: ctx.actor.org_id,
    })
}

/// `GET /api/v1/dashboard`.
#[utoipa::path(get, path = "/api/v1/dashboard", responses((status = 200, description = "Dashboard figures")), security(("bearer" = [])))]
pub async fn dashboard(State(st): State<AppState>, ctx: Ctx) -> Result<Response, Api> {
    Ok(Json(st.app.dashboard(&ctx.actor).await?).into_response())
}

/// `GET /api/v1/participants`.
#[utoipa::path(get, path = "/api/v1/participants", params(ListParams), responses((status = 200, body = ParticipantPage), (status = 403, body = ApiError)), security(("bearer" = [])))]
pub async fn list_participants(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(p): Query<ListParams>,
) -> Result<Json<ParticipantPage>, Api> {
    let q = ListQuery {
        q: p.q,
        category: p.category,
        grade: p.grade,
        consent: p.consent,
        withdrawn: p.withdrawn,
        page: p.page,
    };
    let page = st.app.list_participants(&ctx.actor, &q).await?;
    let items = page
        .rows
        .into_iter()
        .map(|r| ParticipantOut {
            id: r.id,
            last_name: r.last_name,
            first_name: r.first_name,
            patronymic: r.patronymic,
            birth_date: r.birth_date,
            category: r.category.code().into(),
            place: r.place,
            consent: r.consent.code().into(),
            withdrawn: r.withdrawn,
        })
        .collect();
    Ok(Json(ParticipantPage {
        items,
        total: page.total,
        page: page.page,
        pages: page.pages,
    }))
}

/// `POST /api/v1/participants`.
#[utoipa::path(post, path = "/api/v1/participants", request_body = ParticipantIn, responses((status = 201, body = Created), (status = 422, body = ApiError)), security(("bearer" = [])))]
pub async fn create_participant(
    State(st): State<AppState>,
    ctx: Ctx,
    JsonIn(p): JsonIn<ParticipantIn>,
) -> Result<Response, Api> {
    let id = st.app.add_participant(&ctx.actor, &p.draft()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// `GET /api/v1/participants/{id}` (written to the audit trail).
#[utoipa::path(get, path = "/api/v1/participants/{id}", responses((status = 200, description = "The card"), (status = 404, body = ApiError)), security(("bearer" = [])))]
pub async fn get_participant(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, Api> {
    let card = st.app.participant_card(&ctx.actor, id).await?;
    let mut body = serde_json::to_value(&card).map_err(|e| WebError::App(app::AppError::Internal(e.to_string())))?;
    // The category details are stored as JSON text; hand them out as an object.
    if let Some(person) = body.get_mut("person")
        && let Some(details) = person.get_mut("details")
        && let Some(text) = details.as_str()
    {
        *details = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    }
    Ok(Json(body).into_response())
}

/// `PUT /api/v1/participants/{id}`.
#[utoipa::path(put, path = "/api/v1/participants/{id}", request_body = ParticipantIn, responses((status = 204), (status = 422, body = ApiError)), security(("bearer" = [])))]
pub async fn update_participant(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonIn(p): JsonIn<ParticipantIn>,
) -> Result<StatusCode, Api> {
    st.app.update_participant(&ctx.actor, id, &p.draft()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/participants/{id}/guardians`.
#[utoipa::path(post, path = "/api/v1/participants/{id}/guardians", request_body = GuardianIn, responses((status = 204), (status = 422, body = ApiError)), security(("bearer" = [])))]
pub async fn link_guardian(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonIn(g): JsonIn<GuardianIn>,
) -> Result<StatusCode, Api> {
    st.app
        .link_guardian(&ctx.actor, id, g.guardian_id, &g.relation, &g.authority_doc)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/participants/{id}/consents`.
#[utoipa::path(post, path = "/api/v1/participants/{id}/consents", request_body = ConsentIn, responses((status = 201, body = Created), (status = 422, body = ApiError)), security(("bearer" = [])))]
pub async fn record_consent(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    JsonIn(c): JsonIn<ConsentIn>,
) -> Result<Response, Api> {
    let input = app::consents::ConsentInput {
        kind: c.kind,
        guardian_id: c.guardian_id.map(|g| g.to_string()),
        purpose: c.purpose,
        given_on: c.given_on,
        document_ref: c.document_ref,
    };
    let cid = st.app.record_consent(&ctx.actor, id, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id: cid })).into_response())
}

/// `POST /api/v1/participants/{id}/consents/{cid}/withdraw`.
#[utoipa::path(post, path = "/api/v1/participants/{id}/consents/{cid}/withdraw", request_body = WithdrawIn, responses((status = 204), (status = 404, body = ApiError)), security(("bearer" = [])))]
pub async fn withdraw_consent(
    State(st): State<AppState>,
    ctx: Ctx,
    Ids(id, cid): Ids,
    body: Option<Json<WithdrawIn>>,
) -> Result<StatusCode, Api> {
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    st.app.withdraw_consent(&ctx.actor, id, cid, &reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/participants/{id}/audit`.
#[utoipa::path(get, path = "/api/v1/participants/{id}/audit", responses((status = 200, description = "Audit trail")), security(("bearer" = [])))]
pub async fn audit(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, Api> {
    Ok(Json(st.app.audit_trail(&ctx.actor, id).await?.1).into_response())
}

/// `GET /api/v1/organizations`.
#[utoipa::path(get, path = "/api/v1/organizations", responses((status = 200, description = "Organizations")), security(("bearer" = [])))]
pub async fn organizations(State(st): State<AppState>) -> Result<Response, Api> {
    Ok(Json(st.app.organizations().await?).into_response())
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Наставник API", description = "Целевая модель наставничества: участники, согласия, организации."),
    paths(me, dashboard, list_participants, create_participant, get_participant, update_participant, link_guardian, record_consent, withdraw_consent, audit, organizations),
    components(schemas(ParticipantIn, ParticipantOut, ParticipantPage, Created, ConsentIn, GuardianIn, WithdrawIn, Me, ApiError, FieldError)),
    modifiers(&Bearer)
)]
struct Doc;

struct Bearer;

impl utoipa::Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    Doc::openapi()
}

/// `GET /api/openapi.json`.
pub async fn openapi_json() -> Response {
    Json(openapi()).into_response()
}
