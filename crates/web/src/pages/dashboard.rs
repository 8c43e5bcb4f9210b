//! The school dashboard.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Chrome, category_label, render};
use crate::auth::Ctx;
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    d: app::participants::Dashboard,
    categories: Vec<(String, String, String)>,
}

/// `GET /dashboard`.
pub async fn show(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let d = st.app.dashboard(&ctx.actor).await?;
    let l = L;
    let categories = d
        .counts
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
    let title = l.args("dashboard-title", &[("school", d.school.clone())]);
    Ok(render(&DashboardPage {
        c: Chrome::for_ctx(&ctx, title, "/dashboard"),
        d,
        categories,
    }))
}
