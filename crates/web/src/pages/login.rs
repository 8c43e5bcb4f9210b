//! Login with password and TOTP, logout.

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;
use tower_sessions::Session;

use axum::http::StatusCode;

use super::{Chrome, render, with_status};
use crate::auth::{CsrfForm, csrf_token, keys, sign_in};
use crate::error::{WebError, throttled_text, with_retry_after};
use crate::i18n::L;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    message: Option<String>,
    login: String,
    action: &'static str,
    totp: bool,
    demo: bool,
}

/// Query of the login page.
#[derive(serde::Deserialize)]
pub struct LoginQuery {
    expired: Option<String>,
}

/// The posted login form.
#[derive(serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
}

fn page(st: &AppState, csrf: String, message: Option<String>, login: String, totp: bool) -> Response {
    let l = L;
    let title = if totp { l.t("totp-title") } else { l.t("login-title") };
    let action = if totp { "/login/totp" } else { "/login" };
    render(&LoginPage {
        c: Chrome::anonymous(title, csrf),
        message,
        login,
        action,
        totp,
        demo: st.config.demo,
    })
}

/// The login (or TOTP) page saying «too many attempts, try again in N minutes», with
/// status 429 and `Retry-After`: one answer for every login, known or not.
fn throttled(st: &AppState, csrf: String, login: String, totp: bool, retry_after_secs: i64) -> Response {
    let mut r = with_status(
        page(st, csrf, Some(throttled_text(retry_after_secs)), login, totp),
        StatusCode::TOO_MANY_REQUESTS,
    );
    with_retry_after(&mut r, retry_after_secs);
    r
}

/// Seconds a client waits after the in-memory per-address limiter (a minute's quota).
const LIMITER_WAIT_SECS: i64 = 60;

/// `GET /login`.
pub async fn form(
    State(st): State<AppState>,
    session: Session,
    Query(q): Query<LoginQuery>,
) -> Result<Response, WebError> {
    let csrf = csrf_token(&session).await?;
    let message = q.expired.map(|_| L.t("login-expired"));
    Ok(page(&st, csrf, message, String::new(), false))
}

/// `POST /login`.
pub async fn submit(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    session: Session,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> Result<Response, WebError> {
    let csrf = csrf_token(&session).await?;
    if st.login_limiter.check_key(&addr.ip()).is_err() {
        return Ok(throttled(&st, csrf, f.login, false, LIMITER_WAIT_SECS));
    }
    match st.app.login(&f.login, &f.password, &addr.ip().to_string()).await {
        Ok(ok) if ok.needs_totp => {
            session.cycle_id().await.map_err(WebError::session)?;
            session
                .insert(keys::PENDING, ok.user.id)
                .await
                .map_err(WebError::session)?;
            Ok(Redirect::to("/login/totp").into_response())
        }
        Ok(ok) => {
            sign_in(&session, ok.user.id).await?;
            if ok.must_enroll_totp {
                session.insert(keys::ENROLL, true).await.map_err(WebError::session)?;
                return Ok(Redirect::to("/account/totp").into_response());
            }
            Ok(Redirect::to("/").into_response())
        }
        Err(app::AppError::BadCredentials) => Ok(with_status(
            page(&st, csrf, Some(L.t("login-bad")), f.login, false),
            StatusCode::UNAUTHORIZED,
        )),
        Err(app::AppError::Throttled { retry_after_secs }) => {
            Ok(throttled(&st, csrf, f.login, false, retry_after_secs))
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /login/totp`.
pub async fn totp_form(State(st): State<AppState>, session: Session) -> Result<Response, WebError> {
    if session
        .get::<i64>(keys::PENDING)
        .await
        .map_err(WebError::session)?
        .is_none()
    {
        return Ok(Redirect::to("/login").into_response());
    }
    let csrf = csrf_token(&session).await?;
    Ok(page(&st, csrf, None, String::new(), true))
}

/// The posted TOTP code.
#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /login/totp`.
pub async fn totp_submit(
    State(st): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    session: Session,
    CsrfForm(f): CsrfForm<CodeForm>,
) -> Result<Response, WebError> {
    let Some(uid) = session.get::<i64>(keys::PENDING).await.map_err(WebError::session)? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let csrf = csrf_token(&session).await?;
    if st.login_limiter.check_key(&addr.ip()).is_err() {
        return Ok(throttled(&st, csrf, String::new(), true, LIMITER_WAIT_SECS));
    }
    match st.app.verify_totp(uid, &f.code, &addr.ip().to_string()).await {
        Ok(()) => {
            sign_in(&session, uid).await?;
            Ok(Redirect::to("/").into_response())
        }
        Err(app::AppError::BadTotp) => Ok(with_status(
            page(&st, csrf, Some(L.t("totp-bad")), String::new(), true),
            StatusCode::UNAUTHORIZED,
        )),
        Err(app::AppError::Throttled { retry_after_secs }) => {
            Ok(throttled(&st, csrf, String::new(), true, retry_after_secs))
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /logout`: the session is deleted on the server.
pub async fn logout(session: Session, CsrfForm(_): CsrfForm<serde::de::IgnoredAny>) -> Result<Response, WebError> {
    session.flush().await.map_err(WebError::session)?;
    Ok(Redirect::to("/login").into_response())
}
