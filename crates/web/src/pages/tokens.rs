//! The account's own API tokens: the list and revoking one.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Chrome, render};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;

/// One token as the page shows it.
struct TokenLine {
    id: i64,
    name: String,
    role: String,
    org: String,
    created: String,
    expires: String,
    last_used: String,
    live: bool,
}

#[derive(Template)]
#[template(path = "account_tokens.html")]
struct TokensPage {
    c: Chrome,
    tokens: Vec<TokenLine>,
}

/// `GET /account/tokens`.
pub async fn list(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let l = L;
    let tokens = st.app.tokens_of(ctx.actor.user_id.unwrap_or(0)).await?;
    let tz = st.app.organization(ctx.actor.org_id).await?.timezone;
    let at = |t: chrono::DateTime<chrono::Utc>| app::local_time(&tz, t).format("%d.%m.%Y %H:%M").to_string();
    let now = st.app.now();
    let tokens = tokens
        .into_iter()
        .map(|t| TokenLine {
            id: t.id,
            live: !t.revoked && t.expires_at.is_none_or(|e| e > now),
            name: t.name,
            role: l.t(&format!("role-{}", t.role)),
            org: t.org_name,
            created: at(t.created_at),
            expires: t.expires_at.map_or_else(|| l.t("tokens-never"), at),
            last_used: t.last_used_at.map_or_else(|| l.t("tokens-unused"), at),
        })
        .collect();
    Ok(render(&TokensPage {
        c: Chrome::for_ctx(&ctx, l.t("tokens-title"), "/account"),
        tokens,
    }))
}

/// `POST /account/tokens/{id}/revoke`: one's own token only (another's is «not found»).
pub async fn revoke(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, WebError> {
    st.app.revoke_token(&ctx.actor, id).await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
