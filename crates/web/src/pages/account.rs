//! The account page: roles, switching the role in force, TOTP setup.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use axum::http::StatusCode;

use super::{Chrome, render, with_status};
use crate::auth::{CsrfForm, Ctx, keys};
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Chrome,
    message: Option<String>,
    roles: Vec<(String, String)>,
    current: usize,
    totp_enabled: bool,
}

/// `GET /account`.
pub async fn show(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let l = L;
    let user = st.app.session_user(ctx.actor.user_id.unwrap_or(0)).await?.map(|u| u.0);
    let current = ctx
        .roles
        .iter()
        .position(|r| r.0 == ctx.actor.role && r.1 == ctx.actor.org_id)
        .unwrap_or(0);
    let roles = ctx
        .roles
        .iter()
        .map(|r| (l.t(&format!("role-{}", r.0.code())), r.2.clone()))
        .collect();
    Ok(render(&AccountPage {
        c: Chrome::for_ctx(&ctx, l.t("me-title"), "/account"),
        message: None,
        roles,
        current,
        totp_enabled: user.is_some_and(|u| u.totp_enabled),
    }))
}

/// The role chosen.
#[derive(serde::Deserialize)]
pub struct RoleForm {
    ri: usize,
}

/// `POST /account/role`.
pub async fn switch_role(ctx: Ctx, session: Session, CsrfForm(f): CsrfForm<RoleForm>) -> Result<Response, WebError> {
    if f.ri >= ctx.roles.len() {
        return Err(WebError::BadForm);
    }
    session.insert(keys::ROLE, f.ri).await.map_err(WebError::session)?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Template)]
#[template(path = "totp_setup.html")]
struct TotpPage {
    c: Chrome,
    required: bool,
    message: Option<String>,
    secret: String,
    uri: String,
    /// The URI as a QR code (inline SVG) for the authenticator's camera.
    qr: String,
}

/// The otpauth URI as an inline SVG QR code, drawn here (no outside service, no script).
fn qr_svg(uri: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(uri.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    // The XML declaration belongs to a file of its own, not to a picture inside a page.
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest);
    svg.replacen(
        "<svg ",
        "<svg id=\"totp-qr\" role=\"img\" aria-labelledby=\"totp-qr-label\" ",
        1,
    )
}

/// The TOTP setup page with the pending secret, or the account page if TOTP is already on.
async fn totp_page(st: &AppState, ctx: &Ctx, session: &Session, message: Option<String>) -> Result<Response, WebError> {
    let (secret, uri) = match st.app.begin_totp(ctx.actor.user_id.unwrap_or(0)).await {
        Err(app::AppError::Forbidden) => return Ok(Redirect::to("/account").into_response()),
        other => other?,
    };
    let required = session
        .get::<bool>(keys::ENROLL)
        .await
        .map_err(WebError::session)?
        .unwrap_or(false);
    let failed = message.is_some();
    let page = render(&TotpPage {
        c: Chrome::for_ctx(ctx, L.t("totp-setup-title"), "/account"),
        required,
        message,
        secret,
        qr: qr_svg(&uri),
        uri,
    });
    Ok(if failed {
        with_status(page, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        page
    })
}

/// `GET /account/totp`: the secret to add to the authenticator.
pub async fn totp_form(State(st): State<AppState>, ctx: Ctx, session: Session) -> Result<Response, WebError> {
    totp_page(&st, &ctx, &session, None).await
}

/// The code from the authenticator.
#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /account/totp`: switches TOTP on once the code matches.
pub async fn totp_confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    session: Session,
    CsrfForm(f): CsrfForm<CodeForm>,
) -> Result<Response, WebError> {
    let uid = ctx.actor.user_id.unwrap_or(0);
    match st.app.confirm_totp(uid, &f.code).await {
        Ok(()) => {
            session.remove_value(keys::ENROLL).await.map_err(WebError::session)?;
            Ok(Redirect::to("/").into_response())
        }
        Err(app::AppError::Invalid(v)) => totp_page(&st, &ctx, &session, Some(L.violations(&v))).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    c: Chrome,
    message: Option<String>,
    ok: bool,
}

/// `GET /account/password`.
pub async fn password_form(ctx: Ctx) -> Response {
    render(&PasswordPage {
        c: Chrome::for_ctx(&ctx, L.t("password-title"), "/account"),
        message: None,
        ok: false,
    })
}

/// The password form.
#[derive(serde::Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat_password: String,
}

/// `POST /account/password`: other sessions of the account end; this one stays.
pub async fn password_change(
    State(st): State<AppState>,
    ctx: Ctx,
    session: Session,
    CsrfForm(f): CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let uid = ctx.actor.user_id.unwrap_or(0);
    let keep = session.id().map(|id| id.to_string()).unwrap_or_default();
    let page = |message: String, ok: bool| {
        let page = PasswordPage {
            c: Chrome::for_ctx(&ctx, L.t("password-title"), "/account"),
            message: Some(message),
            ok,
        };
        with_status(
            render(&page),
            if ok {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
        )
    };
    match st
        .app
        .change_password(uid, &f.current_password, &f.new_password, &f.repeat_password, &keep)
        .await
    {
        Ok(()) => Ok(page(L.t("password-changed"), true)),
        Err(app::AppError::Invalid(v)) => Ok(page(L.violations(&v), false)),
        Err(e) => Err(e.into()),
    }
}
