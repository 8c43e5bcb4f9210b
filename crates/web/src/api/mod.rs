//! The JSON API under `/api/v1` (bearer tokens scoped to an organization and a role),
//! described by the OpenAPI document at `/api/openapi.json`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use crate::auth::Ctx;
use crate::error::{Api, ApiError, FieldError, WebError};
use crate::extract::{Id, Ids};
use crate::state::AppState;
use app::participants::ListQuery;

mod pairing;
mod types;
pub use pairing::{pairs as school_pairs, round as pairing_round, rounds as pairing_rounds, start as start_round};
pub use types::*;

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
                // "unknown field `foo`, expected one of …" (`deny_unknown_fields` on every input type).
                if let Some(name) = detail
                    .split_once("unknown field `")
                    .and_then(|(_, rest)| rest.rsplit_once("`, expected").map(|(name, _)| name))
                {
                    return Err(Api(WebError::UnknownField(name.chars().take(100).collect())));
                }
                let field = detail
                    .split_once(": ")
                    .map(|(f, _)| f.to_string())
                    .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'));
                Err(Api(WebError::BadJson { field, detail }))
            }
        }
    }
}

/// An optional JSON body: none without a JSON content type, else read as [`JsonIn`] reads it.
impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::OptionalFromRequest<S> for JsonIn<T> {
    type Rejection = Api;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        let json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !json {
            return Ok(None);
        }
        <Self as axum::extract::FromRequest<S>>::from_request(req, state)
            .await
            .map(Some)
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
#[utoipa::path(get, path = "/api/v1/dashboard", responses((status = 200, body = DashboardOut), (status = 403, body = ApiError)), security(("bearer" = [])))]
pub async fn dashboard(State(st): State<AppState>, ctx: Ctx) -> Result<Json<DashboardOut>, Api> {
    Ok(Json(st.app.dashboard(&ctx.actor).await?.into()))
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
    Ok(Json(ParticipantPage {
        items: page.rows.into_iter().map(ParticipantOut::from).collect(),
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
#[utoipa::path(get, path = "/api/v1/participants/{id}", responses((status = 200, body = CardOut), (status = 404, body = ApiError)), security(("bearer" = [])))]
pub async fn get_participant(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<CardOut>, Api> {
    Ok(Json(st.app.participant_card(&ctx.actor, id).await?.into()))
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
    body: Option<JsonIn<WithdrawIn>>,
) -> Result<StatusCode, Api> {
    let reason = body.map(|b| b.0.reason).unwrap_or_default();
    st.app.withdraw_consent(&ctx.actor, id, cid, &reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/participants/{id}/audit`.
#[utoipa::path(get, path = "/api/v1/participants/{id}/audit", responses((status = 200, body = Vec<AuditOut>), (status = 404, body = ApiError)), security(("bearer" = [])))]
pub async fn audit(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<Vec<AuditOut>>, Api> {
    let (_, rows) = st.app.audit_trail(&ctx.actor, id).await?;
    Ok(Json(rows.into_iter().map(AuditOut::from).collect()))
}

/// `GET /api/v1/organizations`.
#[utoipa::path(get, path = "/api/v1/organizations", responses((status = 200, body = Vec<OrganizationOut>), (status = 403, body = ApiError)), security(("bearer" = [])))]
pub async fn organizations(State(st): State<AppState>) -> Result<Json<Vec<OrganizationOut>>, Api> {
    let orgs = st.app.organizations().await?;
    Ok(Json(orgs.into_iter().map(OrganizationOut::from).collect()))
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Наставник API", description = "Целевая модель наставничества: участники, согласия, организации."),
    paths(me, dashboard, list_participants, create_participant, get_participant, update_participant, link_guardian, record_consent, withdraw_consent, audit, organizations, pairing::rounds, pairing::start, pairing::round, pairing::pairs),
    components(schemas(
        ParticipantIn, ParticipantOut, ParticipantPage, Created, ConsentIn, GuardianIn, WithdrawIn, Me, DashboardOut,
        CategoryCountOut, CardOut, PersonOut, ConsentOut, LinkOut, AuditOut, OrganizationOut, ApiError, FieldError,
        pairing::RoundOut, pairing::RoundDetailOut, pairing::PairOut, pairing::LeftOut, pairing::OrderOut, pairing::PartOut, pairing::WeightOut, pairing::ActivePairOut, pairing::PairPersonOut
    )),
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
