//! The school dashboard.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{OrgKind, Permission};

use super::{Chrome, category_label, render};
use crate::auth::Ctx;
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;

/// (link, figure, label, warning).
type Tile = (Option<String>, i64, String, bool);

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    note: Option<String>,
    tiles: Vec<Tile>,
    categories: Vec<(String, String, String)>,
    can_list: bool,
}

/// `GET /dashboard`.
pub async fn show(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let l = L;
    let org = st.app.organization(ctx.actor.org_id).await?;
    if org.kind != OrgKind::School && ctx.can(Permission::ViewAggregates) {
        // Outer-contour organizations have no participants of their own: show the schools.
        return Ok(Redirect::to("/municipality").into_response());
    }
    let d = st.app.dashboard(&ctx.actor).await?;
    let can_list = ctx.can(Permission::ViewParticipants);
    let link = |href: &str| can_list.then(|| href.to_string());
    let c = &d.counts;
    let tiles = vec![
        (
            link("/participants"),
            c.total,
            l.n("dashboard-total", "n", c.total),
            false,
        ),
        (
            link("/participants?consent=missing"),
            c.consent_missing,
            l.t("dashboard-missing"),
            c.consent_missing > 0,
        ),
        (
            link("/participants?consent=turned_adult"),
            c.turned_adult,
            l.t("dashboard-turned-adult"),
            c.turned_adult > 0,
        ),
        (
            link("/participants?withdrawn=only"),
            c.withdrawn,
            l.t("dashboard-withdrawn"),
            false,
        ),
    ];
    let mut categories: Vec<(String, String, String)> = c
        .by_category
        .iter()
        .map(|c| {
            (
                c.category.clone(),
                category_label(&c.category),
                l.n("dashboard-people", "n", c.n),
            )
        })
        .collect();
    categories.sort_by(|a, b| a.1.cmp(&b.1));
    let note = (org.kind != OrgKind::School).then(|| l.t("dashboard-school-only"));
    let title = l.args("dashboard-title", &[("school", d.school.clone())]);
    Ok(render(&DashboardPage {
        c: Chrome::for_ctx(&ctx, title, "/dashboard"),
        note,
        tiles,
        categories,
        can_list,
    }))
}
