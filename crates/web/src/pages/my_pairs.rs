//! `/my/pairs`: a mentor's or a mentee's own pairs and groups, the choice of a mentor the
//! curator offered, and the ranking after the group meeting.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Chrome, render, ru_date, with_status};
use crate::auth::Ctx;
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;
use app::my_pairs::MyPair;
use app::pairing_meeting::{Choice, RankForm};

/// A choice of a mentor as a page shows it, with where the choice is posted.
pub struct ChoiceBlock {
    /// The choice.
    pub choice: Choice,
    /// The form's action.
    pub action: String,
    /// The heading.
    pub title: String,
}

/// One select of a ranking form: name, label, options (id, text, selected).
pub struct RankSlot {
    /// Field name.
    pub name: &'static str,
    /// Label.
    pub label: String,
    /// Options.
    pub options: Vec<(i64, String, bool)>,
}

/// An attendee's ranking form.
pub struct RankBlock {
    form: RankForm,
    slots: Vec<RankSlot>,
}

#[derive(Template)]
#[template(path = "my_pairs.html")]
struct Page {
    c: Chrome,
    pairs: Vec<(MyPair, String)>,
    message: Option<String>,
    choices: Vec<ChoiceBlock>,
    ranks: Vec<RankBlock>,
}

/// The selects of a ranking form over `options`, with `current` selected.
pub fn rank_slots(options: &[app::pairing::Side], current: &[i64]) -> Vec<RankSlot> {
    [
        ("first", "pairing-rank-first"),
        ("second", "pairing-rank-second"),
        ("third", "pairing-rank-third"),
    ]
    .into_iter()
    .enumerate()
    .map(|(k, (name, label))| RankSlot {
        name,
        label: L.t(label),
        options: options
            .iter()
            .map(|o| {
                let text = o.name.clone() + &super::comma_place(&o.place);
                (o.person, text, current.get(k) == Some(&o.person))
            })
            .collect(),
    })
    .collect()
}

/// The page, with a refusal's message when a choice failed (422).
pub async fn page(st: &AppState, ctx: &Ctx, message: Option<String>) -> Result<Response, WebError> {
    let pairs = st
        .app
        .my_pairs(&ctx.actor)
        .await?
        .into_iter()
        .map(|p| {
            let since = ru_date(p.since);
            (p, since)
        })
        .collect();
    let choices = st
        .app
        .choices(&ctx.actor, None)
        .await?
        .into_iter()
        .map(|choice| ChoiceBlock {
            choice,
            action: "/my/choice".into(),
            title: L.t("my-choice-title"),
        })
        .collect();
    let ranks = st
        .app
        .my_rank_forms(&ctx.actor)
        .await?
        .into_iter()
        .map(|form| RankBlock {
            slots: rank_slots(&form.options, &form.current),
            form,
        })
        .collect();
    let failed = message.is_some();
    let r = render(&Page {
        c: Chrome::for_ctx(ctx, L.t("my-pairs-title"), "/my/pairs"),
        pairs,
        message,
        choices,
        ranks,
    });
    Ok(if failed {
        with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        r
    })
}

/// `GET /my/pairs`.
pub async fn show(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    page(&st, &ctx, None).await
}
