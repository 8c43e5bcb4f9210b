//! Path ids that answer «not found» (a Russian page or a JSON error) instead of axum's
//! English "Invalid URL" when the id is not a number.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::error::WebError;

/// Rejection of a bad id: 404 in the form of the surface asked.
pub struct BadId {
    api: bool,
}

impl IntoResponse for BadId {
    fn into_response(self) -> Response {
        WebError::App(app::AppError::NotFound).into_response_for(self.api)
    }
}

/// One numeric id from the path (`/participants/{id}`).
pub struct Id(pub i64);

/// Two numeric ids from the path (`/participants/{id}/consents/{cid}/…`).
pub struct Ids(pub i64, pub i64);

fn reject(parts: &Parts) -> BadId {
    BadId {
        api: parts.uri.path().starts_with("/api/"),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = BadId;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| reject(parts))?;
        raw.parse().map(Id).map_err(|_| reject(parts))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = BadId;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| reject(parts))?;
        match (a.parse(), b.parse()) {
            (Ok(a), Ok(b)) => Ok(Ids(a, b)),
            _ => Err(reject(parts)),
        }
    }
}
