//! Sessions, the signed-in user, permission checks per route, CSRF tokens.

pub mod session;

use std::net::SocketAddr;

use app::Actor;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use domain::{Permission, Role};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::error::WebError;
use crate::state::AppState;

/// Session keys.
pub mod keys {
    /// Signed-in account.
    pub const USER: &str = "uid";
    /// Index of the role in force among the account's roles.
    pub const ROLE: &str = "ri";
    /// Login time (unix seconds), for the absolute timeout.
    pub const CREATED: &str = "created";
    /// CSRF token of the session.
    pub const CSRF: &str = "csrf";
    /// Account that passed the password and awaits its TOTP code.
    pub const PENDING: &str = "pending";
    /// The account must set up TOTP before anything else.
    pub const ENROLL: &str = "enroll";
}

/// The signed-in caller of a page or API request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The acting account in its role.
    pub actor: Actor,
    /// All roles of the account: (role, org id, org name).
    pub roles: Vec<(Role, i64, String)>,
    /// Session CSRF token (empty for API tokens).
    pub csrf: String,
    /// Via an API token.
    pub api: bool,
}

impl Ctx {
    /// Short name of the organization the role is held in.
    pub fn org_name(&self) -> String {
        self.roles
            .iter()
            .find(|r| r.1 == self.actor.org_id)
            .map(|r| r.2.clone())
            .unwrap_or_default()
    }

    /// True if the role in force grants `p`.
    pub fn can(&self, p: Permission) -> bool {
        self.actor.role.allows(p)
    }
}

fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
}

/// Builds the context from the session; `Ok(None)` if nobody is signed in.
async fn from_session(st: &AppState, parts: &Parts, session: &Session) -> Result<Option<Ctx>, WebError> {
    let Some(uid) = session.get::<i64>(keys::USER).await.map_err(WebError::session)? else {
        return Ok(None);
    };
    let created = session
        .get::<i64>(keys::CREATED)
        .await
        .map_err(WebError::session)?
        .unwrap_or(0);
    let now = chrono::Utc::now().timestamp();
    if now - created > st.config.absolute_hours * 3600 {
        session.flush().await.map_err(WebError::session)?;
        return Err(WebError::Expired);
    }
    if session
        .get::<bool>(keys::ENROLL)
        .await
        .map_err(WebError::session)?
        .unwrap_or(false)
        && !parts.uri.path().starts_with("/account/totp")
        && parts.uri.path() != "/logout"
    {
        return Err(WebError::Redirect("/account/totp".into()));
    }
    let Some((user, roles)) = st.app.session_user(uid).await? else {
        // Disabled or deleted account: its session ends now.
        session.flush().await.map_err(WebError::session)?;
        return Err(WebError::Expired);
    };
    let roles: Vec<(Role, i64, String)> = roles
        .into_iter()
        .filter_map(|r| Role::from_code(&r.role).map(|role| (role, r.org_id, r.org_name)))
        .collect();
    let ri = session
        .get::<usize>(keys::ROLE)
        .await
        .map_err(WebError::session)?
        .unwrap_or(0);
    let Some((role, org, _)) = roles.get(ri).or_else(|| roles.first()).cloned() else {
        return Err(WebError::App(app::AppError::Forbidden));
    };
    let csrf = session
        .get::<String>(keys::CSRF)
        .await
        .map_err(WebError::session)?
        .unwrap_or_default();
    Ok(Some(Ctx {
        actor: Actor {
            user_id: Some(user.id),
            name: user.display_name,
            role,
            org_id: org,
            address: client_address(parts),
        },
        roles,
        csrf,
        api: false,
    }))
}

/// Builds the context from `Authorization: Bearer …`.
async fn from_token(st: &AppState, parts: &Parts) -> Result<Option<Ctx>, WebError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let Some(secret) = value.strip_prefix("Bearer ") else {
        return Err(WebError::Unauthenticated);
    };
    let Some((user, role, org)) = st.app.token_actor(secret.trim()).await? else {
        return Err(WebError::Unauthenticated);
    };
    let org_name = st.app.organization(org).await.map(|o| o.short_name).unwrap_or_default();
    Ok(Some(Ctx {
        actor: Actor {
            user_id: Some(user.id),
            name: user.display_name,
            role,
            org_id: org,
            address: client_address(parts),
        },
        roles: vec![(role, org, org_name)],
        csrf: String::new(),
        api: true,
    }))
}

/// Middleware of every route: checks the permission the route declared (deny by default).
pub async fn authorize(State((st, perm)): State<(AppState, Permission)>, req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let (mut parts, body) = req.into_parts();
    if perm == Permission::Public {
        return next.run(Request::from_parts(parts, body)).await;
    }
    let ctx = if api {
        from_token(&st, &parts).await
    } else {
        match parts.extensions.get::<Session>().cloned() {
            Some(session) => from_session(&st, &parts, &session).await,
            None => Ok(None),
        }
    };
    let ctx = match ctx {
        Ok(Some(ctx)) => ctx,
        Ok(None) => return WebError::Unauthenticated.into_response_for(api),
        Err(e) => return e.into_response_for(api),
    };
    if !ctx.can(perm) {
        return WebError::App(app::AppError::Forbidden).into_response_for(api);
    }
    parts.extensions.insert(ctx);
    next.run(Request::from_parts(parts, body)).await
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Ctx>().cloned().ok_or(WebError::Unauthenticated)
    }
}

/// A urlencoded form whose `_csrf` field must match the session's token.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        debug_assert!(req.method() != Method::GET);
        let session = req.extensions().get::<Session>().cloned();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| WebError::TooLarge)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        let sent = pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        let expected = match session {
            Some(s) => s
                .get::<String>(keys::CSRF)
                .await
                .map_err(WebError::session)?
                .unwrap_or_default(),
            None => String::new(),
        };
        if expected.is_empty() || !bool::from(sent.as_bytes().ct_eq(expected.as_bytes())) {
            return Err(WebError::Csrf);
        }
        serde_urlencoded::from_bytes(&bytes)
            .map(CsrfForm)
            .map_err(|_| WebError::BadForm)
    }
}

/// Returns the session's CSRF token, creating it if needed.
pub async fn csrf_token(session: &Session) -> Result<String, WebError> {
    if let Some(t) = session.get::<String>(keys::CSRF).await.map_err(WebError::session)? {
        return Ok(t);
    }
    let mut raw = [0u8; 24];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
    let t = hex::encode(raw);
    session.insert(keys::CSRF, &t).await.map_err(WebError::session)?;
    Ok(t)
}

/// Signs an account in: new session id (against fixation), fresh CSRF token, login time.
pub async fn sign_in(session: &Session, user_id: i64) -> Result<(), WebError> {
    session.cycle_id().await.map_err(WebError::session)?;
    session.remove_value(keys::PENDING).await.map_err(WebError::session)?;
    session.remove_value(keys::CSRF).await.map_err(WebError::session)?;
    session.insert(keys::USER, user_id).await.map_err(WebError::session)?;
    session.insert(keys::ROLE, 0usize).await.map_err(WebError::session)?;
    session
        .insert(keys::CREATED, chrono::Utc::now().timestamp())
        .await
        .map_err(WebError::session)?;
    csrf_token(session).await?;
    Ok(())
}
