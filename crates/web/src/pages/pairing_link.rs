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
use app::pairing_link::{ChoiceLinkState, RankLinkState};
use app::pairing_meeting::Choice;

use super::pairing_meeting::{Fields, one, ranked};

/// `POST /pairing/{id}/offer-link`: a personal link to a mentee's choice, shown once.
pub async fn issue(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    headers: axum::http::HeaderMap,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let mentee = one(&f, "mentee")?;
    let link = match st.app.choice_link(&ctx.actor, id, mentee).await {
        Ok(link) => link,
        Err(e) => return super::pairing::refused(&st, &ctx, id, None, e).await,
    };
    Ok(shown_once(
        &st,
        &ctx,
        &headers,
        &link,
        (
            ("choice-link-title", "choice-link-intro", "choice-link-rules"),
            "/c/",
            &format!("/pairing/{id}#offers"),
        ),
    ))
}

/// The texts of a page that shows a personal link: title, intro, rules.
type LinkTexts = (&'static str, &'static str, &'static str);

/// The page that shows a personal link once: its texts, its public address under `path`,
/// the way back to the round.
fn shown_once(
    st: &AppState,
    ctx: &Ctx,
    headers: &axum::http::HeaderMap,
    link: &app::pairing_link::IssuedChoiceLink,
    ((title, intro, rules), path, back): (LinkTexts, &str, &str),
) -> Response {
    render(&LinkPage {
        c: Chrome::for_ctx(ctx, L.t(title), "/pairing"),
        intro: L.args(intro, [("respondent", link.respondent.clone())]),
        url: public_url(st, headers, &format!("{path}{}", link.token)),
        rules: L.args(rules, [("date", ru_date(link.expires_on))]),
        back: (back.to_string(), L.t("choice-link-back")),
    })
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

/// A link's page once it is used, expired or unknown; `done` is the thanks for just now.
fn closed(state: &ChoiceLinkState, done: Option<&str>) -> Response {
    let (key, status) = match (state, done) {
        (_, Some(thanks)) => (thanks, StatusCode::OK),
        (ChoiceLinkState::Expired, _) => ("choice-link-expired", StatusCode::GONE),
        (ChoiceLinkState::Used, _) => ("choice-link-used", StatusCode::GONE),
        _ => ("link-unknown", StatusCode::NOT_FOUND),
    };
    let page = ClosedPage {
        c: Chrome::anonymous(L.t("choice-link-public-title"), String::new()),
        message: L.t(key),
        done: done.is_some(),
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
        other => closed(&other, None),
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
    let mentor = one(&f, "mentor")?;
    match st.app.choose_by_link(&token, mentor, &addr.ip().to_string()).await {
        Ok(ChoiceLinkState::Used) => Ok(closed(&ChoiceLinkState::Used, Some("choice-link-done"))),
        Ok(other) => Ok(closed(&other, None)),
        Err(app::AppError::Invalid(v)) => {
            let state = st.app.open_choice_link(&token).await?;
            Ok(public(&token, state, csrf_token(&session).await?, L.violations(&v)))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /pairing/{id}/rank-link`: a personal link to an attendee's ranking, shown once.
pub async fn issue_rank(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    headers: axum::http::HeaderMap,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let person = one(&f, "person")?;
    let link = match st.app.rank_link(&ctx.actor, id, person).await {
        Ok(link) => link,
        Err(e) => return super::pairing::refused(&st, &ctx, id, None, e).await,
    };
    Ok(shown_once(
        &st,
        &ctx,
        &headers,
        &link,
        (
            ("rank-link-title", "rank-link-intro", "rank-link-rules"),
            "/r/",
            &format!("/pairing/{id}#meeting"),
        ),
    ))
}

#[derive(Template)]
#[template(path = "rank_public.html")]
struct RankPublicPage {
    c: Chrome,
    intro: String,
    message: String,
    action: String,
    slots: Vec<super::my_pairs::RankSlot>,
}

fn rank_public(token: &str, state: RankLinkState, csrf: String, message: String) -> Response {
    match state {
        RankLinkState::Open(school, form) => {
            let page = RankPublicPage {
                c: Chrome::anonymous(L.t("my-rank-title"), csrf),
                intro: format!("{school}. {}", L.t("my-rank-hint")),
                action: format!("/r/{token}"),
                slots: super::my_pairs::rank_slots(&form.options, &form.current),
                message: message.clone(),
            };
            let r = render(&page);
            if message.is_empty() {
                r
            } else {
                with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
            }
        }
        RankLinkState::Closed(state) => closed(&state, None),
    }
}

/// `GET /r/{token}`.
pub async fn open_rank(
    State(st): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let state = st.app.open_rank_link(&token).await?;
    Ok(rank_public(&token, state, csrf_token(&session).await?, String::new()))
}

/// `POST /r/{token}`: the ranking.
pub async fn rank(
    State(st): State<AppState>,
    session: Session,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let chosen = ranked(&f)?;
    match st.app.rank_by_link(&token, &chosen, &addr.ip().to_string()).await {
        Ok(ChoiceLinkState::Used) => Ok(closed(&ChoiceLinkState::Used, Some("rank-link-done"))),
        Ok(other) => Ok(closed(&other, None)),
        Err(app::AppError::Invalid(v)) => {
            let state = st.app.open_rank_link(&token).await?;
            Ok(rank_public(
                &token,
                state,
                csrf_token(&session).await?,
                L.violations(&v),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
