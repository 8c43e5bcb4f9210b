//! The search box of a list (participants, the bases): it posts the typed text, which is
//! kept behind a random id (`app::searches`), and answers 303 to the list's URL with that
//! id in `s` and the other filters as they are. The name never stands in a URL, and Back,
//! reload and bookmarks of a filtered list work.

use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;

/// The text a list's URL refers to, or the notice that it can no longer be used.
pub struct Recalled {
    /// The search text, when the id is alive and the caller's.
    pub text: Option<String>,
    /// Russian notice when the URL names a search that expired or is another account's.
    pub notice: Option<String>,
}

/// Reads the search `s` of a list's URL.
pub async fn recall(st: &AppState, ctx: &Ctx, s: Option<&str>) -> Result<Recalled, WebError> {
    let Some(id) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(Recalled {
            text: None,
            notice: None,
        });
    };
    let text = st.app.saved_search(&ctx.actor, id).await?;
    let notice = text.is_none().then(|| L.t("search-expired"));
    Ok(Recalled { text, notice })
}

/// `here?s=…&filters`: the list's URL after a search was posted.
pub async fn redirect(
    st: &AppState,
    ctx: &Ctx,
    here: &str,
    text: Option<&str>,
    filters: Vec<(&'static str, String)>,
) -> Result<Response, WebError> {
    let mut pairs = Vec::new();
    if let Some(id) = st.app.save_search(&ctx.actor, text.unwrap_or_default()).await? {
        pairs.push(("s", id));
    }
    pairs.extend(filters);
    Ok(Redirect::to(&url(here, &pairs)).into_response())
}

/// `here` with query parameters (none: `here` alone).
pub fn url(here: &str, pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return here.to_string();
    }
    format!("{here}?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}
