//! The personal link to a mentee's choice of mentor: the curator issues it from the round
//! page (shown once); `/c/{token}` opens without signing in and the choice made there
//! becomes a pin.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

use super::bases::{LinkPage, public_url};
use super::{Chrome, render, ru_date, with_status};
use crate::auth::{CsrfForm, Ctx, csrf_token};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;
use app::pairing_link::ChoiceLinkState;
use app::pairing_meeting::Choice;

type Fields = Vec<(String, String)>;

/// `POST /pairing/{id}/offer-link`: a personal link to a mentee's choice, shown once.
pub async fn issue(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    headers: axum::http::HeaderMap,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let mentee = f
        .iter()
        .find(|(k, _)| k == "mentee")
        .and_then(|(_, v)| v.trim().parse::<i64>().ok())
        .ok_or(WebError::BadForm)?;
    let link = match st.app.choice_link(&ctx.actor, id, mentee).await {
        Ok(link) => link,
        Err(e) => return super::pairing::refused(&st, &ctx, id, None, e).await,
    };
    Ok(render(&LinkPage {
        c: Chrome::for_ctx(&ctx, L.t("choice-link-title"), "/pairing"),
        intro: L.args("choice-link-intro", [("respondent", link.respondent.clone())]),
        url: public_url(&st, &headers, &format!("/c/{}", link.token)),
        rules: L.args("choice-link-rules", [("date", ru_date(link.expires_on))]),
        back: (format!("/pairing/{id}#offers"), L.t("choice-link-back")),
    }))
}

#[derive(Template)]
#[template(path = "choice_public.html")]
struct PublicPage {
    c: Chrome,
    intro: String,
    message: String,
    action: String,
    choice: Choice,
}

#[derive(Template)]
#[template(path = "q_closed.html")]
struct ClosedPage {
    c: Chrome,
    message: String,
    done: bool,
}

fn closed(state: &ChoiceLinkState, done: bool) -> Response {
    let (key, status) = match (state, done) {
        (_, true) => ("choice-link-done", StatusCode::OK),
        (ChoiceLinkState::Expired, _) => ("choice-link-expired", StatusCode::GONE),
        (ChoiceLinkState::Used, _) => ("choice-link-used", StatusCode::GONE),
        _ => ("q-unknown", StatusCode::NOT_FOUND),
    };
    let page = ClosedPage {
        c: Chrome::anonymous(L.t("choice-link-public-title"), String::new()),
        message: L.t(key),
        done,
    };
    with_status(render(&page), status)
}

fn public(token: &str, state: ChoiceLinkState, csrf: String, message: String) -> Response {
    match state {
        ChoiceLinkState::Open(school, choice) => {
            let page = PublicPage {
                c: Chrome::anonymous(L.t("choice-link-public-title"), csrf),
                intro: L.args(
                    "choice-link-public-intro",
                    [("school", school), ("name", choice.mentee.name.clone())],
                ),
                action: format!("/c/{token}"),
                choice: *choice,
                message: message.clone(),
            };
            let r = render(&page);
            if message.is_empty() {
                r
            } else {
                with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
            }
        }
        other => closed(&other, false),
    }
}

/// `GET /c/{token}`.
pub async fn open(
    State(st): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let state = st.app.open_choice_link(&token).await?;
    Ok(public(&token, state, csrf_token(&session).await?, String::new()))
}

/// `POST /c/{token}`: the choice.
pub async fn choose(
    State(st): State<AppState>,
    session: Session,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let mentor = f
        .iter()
        .find(|(k, _)| k == "mentor")
        .and_then(|(_, v)| v.trim().parse::<i64>().ok())
        .ok_or(WebError::BadForm)?;
    match st.app.choose_by_link(&token, mentor, &addr.ip().to_string()).await {
        Ok(ChoiceLinkState::Used) => Ok(closed(&ChoiceLinkState::Used, true)),
        Ok(other) => Ok(closed(&other, false)),
        Err(app::AppError::Invalid(v)) => {
            let state = st.app.open_choice_link(&token).await?;
            Ok(public(&token, state, csrf_token(&session).await?, L.violations(&v)))
        }
        Err(e) => Err(e.into()),
    }
}
