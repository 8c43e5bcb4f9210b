//! One mapping of every error: to a Russian page and to a JSON body with a stable code.

use app::AppError;
use app::jobs::JobFailure;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::Violations;
use serde::Serialize;

use crate::i18n::L;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// From a use case.
    #[error(transparent)]
    App(#[from] AppError),
    /// Nobody is signed in (or the token is bad).
    #[error("unauthenticated")]
    Unauthenticated,
    /// The session ended (timeout, logout elsewhere, account disabled).
    #[error("session expired")]
    Expired,
    /// The form's CSRF token is missing or wrong.
    #[error("csrf")]
    Csrf,
    /// The body could not be read as a form.
    #[error("bad form")]
    BadForm,
    /// The body is over the limit.
    #[error("too large")]
    TooLarge,
    /// The JSON body is malformed or a field has the wrong type.
    #[error("bad json: {detail}")]
    BadJson {
        /// The field, if serde named it.
        field: Option<String>,
        /// serde's description.
        detail: String,
    },
    /// The JSON body has a field the endpoint does not take (a value the caller may not
    /// set is never silently dropped).
    #[error("unknown field {0}")]
    UnknownField(String),
    /// Session storage failed.
    #[error("session: {0}")]
    Session(String),
    /// A background job stopped without a result (its page shows this).
    #[error("job failed: {0:?}")]
    Job(JobFailure),
    /// Go elsewhere first (e.g. TOTP setup).
    #[error("redirect")]
    Redirect(String),
}

impl WebError {
    /// Wraps a session error.
    pub fn session(e: tower_sessions::session::Error) -> Self {
        Self::Session(e.to_string())
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::App(AppError::Invalid(_)) | Self::BadForm | Self::BadJson { .. } | Self::UnknownField(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::App(AppError::NotFound) => StatusCode::NOT_FOUND,
            Self::App(AppError::Forbidden) | Self::Csrf | Self::Job(JobFailure::Forbidden) => StatusCode::FORBIDDEN,
            Self::Job(JobFailure::Interrupted) => StatusCode::CONFLICT,
            Self::App(AppError::BadCredentials | AppError::BadTotp) | Self::Unauthenticated | Self::Expired => {
                StatusCode::UNAUTHORIZED
            }
            Self::App(AppError::Throttled { .. }) => StatusCode::TOO_MANY_REQUESTS,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Redirect(_) => StatusCode::SEE_OTHER,
            Self::App(AppError::Storage(_) | AppError::Internal(_))
            | Self::Session(_)
            | Self::Job(JobFailure::Internal) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            Self::App(AppError::Invalid(_)) => "invalid",
            Self::BadForm | Self::BadJson { .. } => "bad_request",
            Self::UnknownField(_) => "unknown_field",
            Self::App(AppError::NotFound) => "not_found",
            Self::App(AppError::Forbidden) | Self::Job(JobFailure::Forbidden) => "forbidden",
            Self::Job(JobFailure::Interrupted) => "interrupted",
            Self::Csrf => "csrf",
            Self::App(AppError::BadCredentials) => "bad_credentials",
            Self::App(AppError::BadTotp) => "bad_totp",
            Self::App(AppError::Throttled { .. }) => "throttled",
            Self::Unauthenticated => "unauthenticated",
            Self::Expired => "session_expired",
            Self::TooLarge => "too_large",
            Self::Redirect(_) => "redirect",
            Self::App(AppError::Storage(_) | AppError::Internal(_))
            | Self::Session(_)
            | Self::Job(JobFailure::Internal) => "internal",
        }
    }

    fn message(&self, l: &L, op: &str) -> String {
        match self {
            Self::App(AppError::NotFound) => l.t("error-not-found"),
            Self::App(AppError::Forbidden) | Self::Job(JobFailure::Forbidden) => l.t("error-forbidden"),
            Self::Job(JobFailure::Interrupted) => l.t("error-job-interrupted"),
            Self::Csrf => l.t("error-csrf"),
            Self::App(AppError::BadCredentials) => l.t("login-bad"),
            Self::Unauthenticated => l.t("error-unauthenticated"),
            Self::BadJson { detail, .. } => l.args("error-bad-json", &[("detail", detail.clone())]),
            Self::UnknownField(field) => l.args("error-unknown-field", &[("field", field.clone())]),
            Self::App(AppError::BadTotp) => l.t("totp-bad"),
            Self::App(AppError::Throttled { retry_after_secs }) => throttled_text(*retry_after_secs),
            Self::Expired => l.t("login-expired"),
            Self::TooLarge => l.t("error-too-large"),
            Self::App(AppError::Invalid(v)) => l.violations(v),
            Self::BadForm => l.t("error-bad-form"),
            Self::Redirect(_) => String::new(),
            Self::App(AppError::Storage(_) | AppError::Internal(_))
            | Self::Session(_)
            | Self::Job(JobFailure::Internal) => l.args("error-internal", &[("id", op.to_string())]),
        }
    }

    /// The Russian text of this error, for a page that shows it in place (a job's page);
    /// `op` ties it to the log line (the job's id).
    pub(crate) fn text(&self, op: &str) -> String {
        self.message(&L, op)
    }

    /// The response for a page (`api = false`) or an API client.
    pub fn into_response_for(self, api: bool) -> Response {
        if let Self::App(AppError::Throttled { retry_after_secs }) = self {
            let mut r = self.render(api);
            with_retry_after(&mut r, retry_after_secs);
            return r;
        }
        self.render(api)
    }

    fn render(self, api: bool) -> Response {
        let status = self.status();
        let op = operation_id();
        if status.is_server_error() {
            // The cause chain goes to the log, never to the user; it holds no personal data.
            tracing::error!(op = %op, error = %self, "request failed");
        }
        if api {
            return (status, axum::Json(ApiError::from_error(&self, &op))).into_response();
        }
        match self {
            Self::Unauthenticated => Redirect::to("/login").into_response(),
            Self::Expired => Redirect::to("/login?expired=1").into_response(),
            Self::Redirect(to) => Redirect::to(&to).into_response(),
            other => {
                let msg = other.message(&L, &op);
                (
                    status,
                    [(header::CACHE_CONTROL, "no-store")],
                    Html(crate::pages::error_page(&msg)),
                )
                    .into_response()
            }
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        self.into_response_for(false)
    }
}

/// The one answer to a throttled login, the same for every login known or not: «try again
/// in N minutes» (whole minutes, at least one).
pub fn throttled_text(retry_after_secs: i64) -> String {
    let minutes = (retry_after_secs.max(1) + 59) / 60;
    L.n("login-throttled", "minutes", minutes)
}

/// Adds `Retry-After` (seconds) to a throttled answer.
pub fn with_retry_after(r: &mut Response, retry_after_secs: i64) {
    r.headers_mut()
        .insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after_secs.max(1)));
}

/// A short id that ties an error page to its log line.
fn operation_id() -> String {
    let mut raw = [0u8; 6];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
    hex::encode(raw)
}

/// A field error in a JSON body.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// Field name as in the request.
    pub field: String,
    /// Stable code, e.g. `err-grade`.
    pub code: String,
    /// Russian text for people.
    pub message: String,
}

/// The JSON error body of the API.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// Stable code: `invalid`, `not_found`, `forbidden`, `unauthenticated`, …
    pub code: String,
    /// Russian text.
    pub message: String,
    /// First broken field, if any.
    pub field: Option<String>,
    /// Every broken field.
    pub fields: Vec<FieldError>,
}

impl ApiError {
    fn from_error(e: &WebError, op: &str) -> Self {
        let l = L;
        let fields: Vec<FieldError> = match e {
            WebError::App(AppError::Invalid(Violations(v))) => v
                .iter()
                .map(|v| FieldError {
                    field: v.field.to_string(),
                    code: v.code.to_string(),
                    message: l.violation(v),
                })
                .collect(),
            WebError::BadJson { field: Some(f), .. } => {
                vec![FieldError {
                    field: f.clone(),
                    code: "err-json-type".into(),
                    message: e.message(&l, op),
                }]
            }
            WebError::UnknownField(f) => {
                vec![FieldError {
                    field: f.clone(),
                    code: "err-json-unknown-field".into(),
                    message: e.message(&l, op),
                }]
            }
            _ => Vec::new(),
        };
        Self {
            code: e.code().to_string(),
            message: e.message(&l, op),
            field: fields.first().map(|f| f.field.clone()),
            fields,
        }
    }
}

/// The API's JSON rejection.
pub struct Api(pub WebError);

impl<E: Into<WebError>> From<E> for Api {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for Api {
    fn into_response(self) -> Response {
        self.0.into_response_for(true)
    }
}
