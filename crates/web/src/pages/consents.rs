//! Consent recording and withdrawal, guardian links — forms on the card.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::participants::card_page;
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::{Id, Ids};
use crate::i18n::L;
use crate::state::AppState;

/// `POST /participants/{id}/consents`.
pub async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<app::consents::ConsentInput>,
) -> Result<Response, WebError> {
    match st.app.record_consent(&ctx.actor, id, &f).await {
        Ok(_) => Ok(Redirect::to(&format!("/participants/{id}")).into_response()),
        Err(app::AppError::Invalid(v)) => {
            card_page(&st, &ctx, id, Some(L.violations(&v)), "consent", Some((&f).into())).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The withdrawal form.
#[derive(serde::Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

/// `POST /participants/{id}/consents/{cid}/withdraw`.
pub async fn withdraw(
    State(st): State<AppState>,
    ctx: Ctx,
    Ids(id, cid): Ids,
    CsrfForm(f): CsrfForm<WithdrawForm>,
) -> Result<Response, WebError> {
    match st.app.withdraw_consent(&ctx.actor, id, cid, &f.reason).await {
        Ok(()) => Ok(Redirect::to(&format!("/participants/{id}")).into_response()),
        Err(app::AppError::Invalid(v)) => card_page(&st, &ctx, id, Some(L.violations(&v)), "consent", None).await,
        Err(e) => Err(e.into()),
    }
}

/// The guardian link form.
#[derive(serde::Deserialize)]
pub struct GuardianForm {
    #[serde(default)]
    guardian_id: String,
    #[serde(default)]
    relation: String,
    #[serde(default)]
    authority_doc: String,
}

/// `POST /participants/{id}/guardians`.
pub async fn link_guardian(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<GuardianForm>,
) -> Result<Response, WebError> {
    let gid = f.guardian_id.trim().parse::<i64>().unwrap_or(0);
    match st
        .app
        .link_guardian(&ctx.actor, id, gid, &f.relation, &f.authority_doc)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/participants/{id}")).into_response()),
        Err(app::AppError::Invalid(v)) => card_page(&st, &ctx, id, Some(L.violations(&v)), "guardian", None).await,
        Err(e) => Err(e.into()),
    }
}

/// The duties consent form: the day it was signed.
#[derive(serde::Deserialize)]
pub struct DutiesForm {
    #[serde(default)]
    given_on: String,
}

/// `POST /participants/{id}/duties`: a teacher's consent to the added duties of a mentor.
pub async fn record_duties(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<DutiesForm>,
) -> Result<Response, WebError> {
    let result = match domain::participant::parse_date("given_on", &f.given_on) {
        Ok(on) => st.app.record_duties(&ctx.actor, id, on).await,
        Err(v) => Err(app::AppError::Invalid(v.into())),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/participants/{id}#duties")).into_response()),
        Err(app::AppError::Invalid(v)) => card_page(&st, &ctx, id, Some(L.violations(&v)), "duties", None).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /participants/{id}/duties/withdraw`.
pub async fn withdraw_duties(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(_): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    match st.app.withdraw_duties(&ctx.actor, id).await {
        Ok(()) => Ok(Redirect::to(&format!("/participants/{id}#duties")).into_response()),
        Err(app::AppError::Invalid(v)) => card_page(&st, &ctx, id, Some(L.violations(&v)), "duties", None).await,
        Err(e) => Err(e.into()),
    }
}
