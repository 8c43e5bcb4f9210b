//! `/my/pairs`: a mentor's or a mentee's own pairs and groups.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Chrome, render, ru_date};
use crate::auth::Ctx;
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;
use app::my_pairs::MyPair;

#[derive(Template)]
#[template(path = "my_pairs.html")]
struct Page {
    c: Chrome,
    pairs: Vec<(MyPair, String)>,
}

/// `GET /my/pairs`.
pub async fn show(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let pairs = st
        .app
        .my_pairs(&ctx.actor)
        .await?
        .into_iter()
        .map(|p| {
            let since = ru_date(p.since);
            (p, since)
        })
        .collect();
    Ok(render(&Page {
        c: Chrome::for_ctx(&ctx, L.t("my-pairs-title"), "/my/pairs"),
        pairs,
    }))
}
