//! What the people of a round say: the curator records the group meeting and enters paper
//! ranking forms, offers a mentee a choice of mentors and flags a mentee who needs the
//! psychologist; a mentee (a guardian for a minor) chooses a mentor, an attendee ranks the
//! other side, each on their own page.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::pairing::refused;
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::state::AppState;

/// A posted form's fields in order (repeated names kept).
pub(super) type Fields = Vec<(String, String)>;

/// The ids posted under `name`, in order; empty choices are skipped, anything else that is
/// not a number is a bad form.
fn ids(f: &Fields, name: &str) -> Result<Vec<i64>, WebError> {
    f.iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().parse::<i64>().map_err(|_| WebError::BadForm))
        .collect()
}

/// One id posted under `name`.
pub(super) fn one(f: &Fields, name: &str) -> Result<i64, WebError> {
    ids(f, name)?.first().copied().ok_or(WebError::BadForm)
}

/// The ranked choices of a form: `first`, `second`, `third`, empty ones skipped.
pub(super) fn ranked(f: &Fields) -> Result<Vec<i64>, WebError> {
    let mut out = Vec::new();
    for name in ["first", "second", "third"] {
        out.extend(ids(f, name)?);
    }
    Ok(out)
}

fn back(id: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/pairing/{id}#{anchor}")).into_response()
}

/// `POST /pairing/{id}/meeting`: who came to the group meeting.
pub async fn attendance(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    match st.app.record_attendance(&ctx.actor, id, &ids(&f, "present")?).await {
        Ok(()) => Ok(back(id, "meeting")),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /pairing/{id}/ranks`: a paper ranking form entered by the curator.
pub async fn ranks(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    match st.app.rank(&ctx.actor, id, one(&f, "person")?, &ranked(&f)?).await {
        Ok(()) => Ok(back(id, "meeting")),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /pairing/{id}/offer`: a mentee is offered a choice of mentors.
pub async fn offer(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    match st.app.offer_choice(&ctx.actor, id, one(&f, "mentee")?).await {
        Ok(_) => Ok(back(id, "offers")),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /pairing/{id}/support`: the psychologist's flag of a mentee waiting.
pub async fn support(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let on = f.iter().any(|(k, v)| k == "on" && v == "1");
    match st.app.mark_support(&ctx.actor, id, one(&f, "mentee")?, on).await {
        Ok(()) => Ok(back(id, "left")),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /my/choice`: the adult mentee chooses a mentor.
pub async fn my_choice(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let (round, mentor) = (one(&f, "round")?, one(&f, "mentor")?);
    match st.app.choose_mentor(&ctx.actor, round, None, mentor).await {
        Ok(()) => Ok(Redirect::to("/my/pairs").into_response()),
        Err(app::AppError::Invalid(v)) => super::my_pairs::page(&st, &ctx, Some(crate::i18n::L.violations(&v))).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /my/ranks`: an attendee of the group meeting ranks the other side.
pub async fn my_ranks(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let (round, person) = (one(&f, "round")?, one(&f, "person")?);
    match st.app.rank(&ctx.actor, round, person, &ranked(&f)?).await {
        Ok(()) => Ok(Redirect::to(&format!("/my/pairs#ranks-{round}")).into_response()),
        Err(app::AppError::Invalid(v)) => super::my_pairs::page(&st, &ctx, Some(crate::i18n::L.violations(&v))).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /family/children/{id}/choice`: a guardian chooses a mentor for a minor child.
pub async fn family_choice(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(child): Id,
    CsrfForm(f): CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let (round, mentor) = (one(&f, "round")?, one(&f, "mentor")?);
    match st.app.choose_mentor(&ctx.actor, round, Some(child), mentor).await {
        Ok(()) => Ok(Redirect::to(&format!("/family/children/{child}#choice-{round}-{child}")).into_response()),
        Err(app::AppError::Invalid(v)) => {
            super::family::page(&st, &ctx, Some(child), Some(crate::i18n::L.violations(&v)), false).await
        }
        Err(e) => Err(e.into()),
    }
}
