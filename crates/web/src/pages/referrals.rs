//! Requests about possible mentees from class teachers, the psychologist, social workers,
//! parents and the administration; the curator turns them into entries of the base.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Permission;
use domain::base::{Labelled, MenteeCategory};

use super::{Chrome, full_name, render, with_status};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;
use app::participants::ListQuery;
use app::referrals::{ReferralInput, ReferralView};

/// A request with the participants its name may be.
pub struct Item {
    r: ReferralView,
    created: String,
    candidates: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct Page {
    c: Chrome,
    items: Vec<Item>,
    categories: Vec<(&'static str, &'static str)>,
    curator: bool,
    form: ReferralInput,
    errors: String,
    done: bool,
}

async fn page(st: &AppState, ctx: &Ctx, form: ReferralInput, errors: String, done: bool) -> Result<Response, WebError> {
    let l = L;
    let curator = ctx.can(Permission::EditBases);
    let mut items = Vec::new();
    for r in st.app.referral_list(&ctx.actor).await? {
        let candidates = if curator && r.status == "open" {
            let q = ListQuery {
                q: Some(r.subject.clone()),
                ..Default::default()
            };
            st.app
                .list_participants(&ctx.actor, &q)
                .await?
                .rows
                .iter()
                .take(10)
                .map(|p| {
                    let name = full_name(&p.last_name, &p.first_name, p.patronymic.as_deref());
                    match p.birth_date {
                        Some(b) => (p.id, format!("{name}, {}, {}", p.place, super::ru_date(b))),
                        None => (p.id, format!("{name}, {}", p.place)),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        items.push(Item {
            created: super::ru_date(r.created_on),
            r,
            candidates,
        });
    }
    let sensitive = ctx.can(Permission::ViewSensitive) || !ctx.can(Permission::ViewBases);
    let failed = !errors.is_empty();
    let r = render(&Page {
        c: Chrome::for_ctx(ctx, l.t("referrals-title"), "/referrals"),
        items,
        categories: MenteeCategory::ALL
            .iter()
            .filter(|c| sensitive || !c.is_sensitive())
            .map(|c| (c.code(), c.label()))
            .collect(),
        curator,
        form,
        errors,
        done,
    });
    Ok(if failed {
        with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        r
    })
}

/// The query of the list after a request was written.
#[derive(serde::Deserialize)]
pub struct ListQueryDone {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /referrals`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<ListQueryDone>,
) -> Result<Response, WebError> {
    page(&st, &ctx, ReferralInput::default(), String::new(), q.done.is_some()).await
}

/// `POST /referrals`.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<ReferralInput>,
) -> Result<Response, WebError> {
    match st.app.record_referral(&ctx.actor, &f).await {
        Ok(_) => Ok(Redirect::to("/referrals?done=1").into_response()),
        Err(app::AppError::Invalid(v)) => page(&st, &ctx, f, L.violations(&v), false).await,
        Err(e) => Err(e.into()),
    }
}

/// The convert form: the participant the request is about.
#[derive(serde::Deserialize)]
pub struct ConvertForm {
    #[serde(default)]
    person: String,
}

/// `POST /referrals/{id}/convert`.
pub async fn convert(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ConvertForm>,
) -> Result<Response, WebError> {
    let person = f.person.trim().parse::<i64>().map_err(|_| WebError::BadForm)?;
    st.app.convert_referral(&ctx.actor, id, person).await?;
    Ok(Redirect::to(&format!("/participants/{person}")).into_response())
}

/// `POST /referrals/{id}/decline`.
pub async fn decline(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(_): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    st.app.decline_referral(&ctx.actor, id).await?;
    Ok(Redirect::to("/referrals").into_response())
}
