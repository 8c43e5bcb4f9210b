//! Organizations (administrator) and the municipal aggregates.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{CategoryKind, OrgKind, Permission};

use axum::http::StatusCode;

use super::{Chrome, category_label, render, with_status};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    c: Chrome,
    message: Option<String>,
    orgs: Vec<(i64, String, String, String)>,
    parents: Vec<(i64, String, String)>,
    can_manage: bool,
}

async fn orgs_page(st: &AppState, ctx: &Ctx, message: Option<String>) -> Result<Response, WebError> {
    let l = L;
    let all = st.app.organizations().await?;
    let parents = all
        .iter()
        .filter(|o| o.kind != OrgKind::School)
        .map(|o| (o.id, o.short_name.clone(), l.t(&format!("org-kind-{}", o.kind.code()))))
        .collect();
    let orgs = all
        .into_iter()
        .map(|o| {
            (
                o.id,
                o.short_name,
                l.t(&format!("org-kind-{}", o.kind.code())),
                o.timezone,
            )
        })
        .collect();
    Ok(render(&OrgsPage {
        c: Chrome::for_ctx(ctx, l.t("orgs-title"), "/organizations"),
        message,
        orgs,
        parents,
        can_manage: ctx.can(Permission::ManageOrganizations),
    }))
}

/// `GET /organizations`.
pub async fn list(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    orgs_page(&st, &ctx, None).await
}

/// The new organization form.
#[derive(serde::Deserialize)]
pub struct OrgForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    timezone: String,
}

/// `POST /organizations`.
pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<OrgForm>,
) -> Result<Response, WebError> {
    let kind = OrgKind::from_code(&f.kind).unwrap_or(OrgKind::School);
    let parent = f.parent_id.trim().parse::<i64>().ok();
    match st
        .app
        .create_org(&ctx.actor, kind, &f.name, &f.short_name, parent, &f.timezone)
        .await
    {
        Ok(_) => Ok(Redirect::to("/organizations").into_response()),
        Err(app::AppError::Invalid(v)) => {
            let r = orgs_page(&st, &ctx, Some(L.violations(&v))).await?;
            Ok(with_status(r, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "aggregates.html")]
struct AggregatesPage {
    c: Chrome,
    headers: Vec<String>,
    rows: Vec<(String, Vec<i64>, i64)>,
}

/// `GET /municipality`: counts only, no personal data.
pub async fn aggregates(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let data = st.app.aggregates(&ctx.actor).await?;
    // Every category any school has, so the columns add up to «Всего».
    let kinds: Vec<CategoryKind> = CategoryKind::ALL
        .into_iter()
        .filter(|k| {
            data.iter()
                .any(|(_, counts)| counts.iter().any(|c| c.0 == k.code() && c.1 > 0))
        })
        .collect();
    let headers = kinds.iter().map(|k| category_label(k.code())).collect();
    let mut rows: Vec<(String, Vec<i64>, i64)> = data
        .into_iter()
        .map(|(org, counts)| {
            let by = kinds
                .iter()
                .map(|k| counts.iter().filter(|c| c.0 == k.code()).map(|c| c.1).sum())
                .collect();
            (org.short_name, by, counts.iter().map(|c| c.1).sum())
        })
        .collect();
    let totals = (0..kinds.len()).map(|i| rows.iter().map(|r| r.1[i]).sum()).collect();
    let total = rows.iter().map(|r| r.2).sum();
    rows.push((L.t("aggregates-total"), totals, total));
    Ok(render(&AggregatesPage {
        c: Chrome::for_ctx(&ctx, L.t("aggregates-title"), "/municipality"),
        headers,
        rows,
    }))
}
