//! Pairing rounds: the list of the school's rounds, and a round's page with the weights,
//! the proposal with every term of a score in words, the mentees left without a pair and
//! why, and the curator's pins, moves, groups and exclusions.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::base::Labelled;
use domain::pairing::{CRITERIA, Decision, Objective, RoundState, Weights};

use super::{Chrome, render, ru_date, with_status};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;
use app::pairing::{RoundSummary, RoundView};

#[derive(Template)]
#[template(path = "pairing_list.html")]
struct ListPage {
    c: Chrome,
    rounds: Vec<(RoundSummary, String, String)>,
    /// Who could be paired now (a new mentor came in since the last order), in words.
    now: String,
    /// The municipality's methodist's list (municipal virtual rounds).
    municipal: bool,
    /// The school's active pairs and groups: mentor, mentees, form and since, the order.
    pairs: Vec<(app::my_pairs::SchoolPair, String, String)>,
}

/// One weight on the form: code, label, meaning, value.
pub struct WeightField {
    code: &'static str,
    label: String,
    meaning: String,
    value: String,
}

#[derive(Template)]
#[template(path = "pairing_round.html")]
struct RoundPage {
    c: Chrome,
    v: RoundView,
    weights: Vec<WeightField>,
    objectives: Vec<(&'static str, String)>,
    objective: &'static str,
    draft: bool,
    curator: bool,
    /// The school's own steps (the meeting, the choice, the psychologist's flag): not in a
    /// municipal round.
    local: bool,
    /// A municipal round's parts: the part, its state and its order in words.
    parts: Vec<(app::pairing::Part, String, String)>,
    head: bool,
    sent: bool,
    sent_rows: Vec<(app::pairing_order::SentRow, String, String)>,
    order: Option<(i64, String)>,
    errors: String,
    /// The waiting list: each mentee left out with «ждёт пары с … (N дней)».
    waiting: Vec<(app::pairing::LeftMentee, String)>,
    counts: String,
    state: String,
    /// The group meeting: how many came, each attendee's ranking in words, the paper form.
    meeting_count: String,
    rank_lines: Vec<String>,
    paper_people: Vec<app::pairing::Side>,
    paper: Vec<super::my_pairs::RankSlot>,
    /// The candidates offered to mentees, in words, and the mentee's id.
    offer_lines: Vec<(String, String, i64)>,
    /// The stability check in words (empty before any ranking).
    stability: String,
}

/// `GET /pairing`.
pub async fn list(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let municipal = st.app.works_for_municipality(&ctx.actor).await?;
    let rounds = st
        .app
        .pairing_rounds(&ctx.actor)
        .await?
        .into_iter()
        .map(|r| {
            let state = state_text(r.state, municipal);
            let changed = ru_date(r.updated_on);
            (r, state, changed)
        })
        .collect();
    let names: Vec<String> = if ctx.can(domain::Permission::MatchPairs) {
        st.app
            .could_pair_now(&ctx.actor)
            .await?
            .into_iter()
            .map(|s| s.name + &super::comma_place(&s.place))
            .collect()
    } else {
        Vec::new()
    };
    let now = if names.is_empty() {
        String::new()
    } else {
        format!(
            "{} {}",
            L.n("pairing-could-now", "count", names.len() as i64),
            names.join("; ")
        )
    };
    let pairs = if municipal {
        Vec::new()
    } else {
        st.app.school_pairs(&ctx.actor).await?
    };
    let pairs = pairs
        .into_iter()
        .map(|p| {
            let mentees: Vec<String> = p
                .mentees
                .iter()
                .map(|m| m.name.clone() + &super::comma_place(&m.place))
                .collect();
            let order = if p.order_id.is_some() {
                String::new()
            } else {
                L.t("pairing-order-elsewhere")
            };
            (p, mentees.join("; "), order)
        })
        .collect();
    Ok(render(&ListPage {
        c: Chrome::for_ctx(&ctx, L.t("pairing-title"), "/pairing"),
        rounds,
        now,
        municipal,
        pairs,
    }))
}

/// `POST /pairing`: a new round.
pub async fn start(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let id = st.app.start_round(&ctx.actor).await?;
    Ok(Redirect::to(&format!("/pairing/{id}")).into_response())
}

async fn page(
    st: &AppState,
    ctx: &Ctx,
    id: i64,
    typed: Option<&HashMap<String, String>>,
    errors: String,
) -> Result<Response, WebError> {
    let v = st.app.pairing_round(&ctx.actor, id).await?;
    let weights = CRITERIA
        .iter()
        .map(|&code| WeightField {
            code,
            label: L.t(&format!("pairing-crit-{code}")),
            meaning: L.t(&format!("pairing-crit-{code}-meaning")),
            value: typed
                .and_then(|t| t.get(code).cloned())
                .unwrap_or_else(|| v.round.weights.get(code).unwrap_or(0).to_string()),
        })
        .collect();
    let failed = !errors.is_empty();
    let paired: usize = v.groups.iter().map(|g| g.mentees.len()).sum();
    let counts = if v.round.state == RoundState::Draft {
        L.args(
            "pairing-counts",
            [
                ("mentees", v.mentees.len().to_string()),
                ("mentors", v.mentors.len().to_string()),
                ("paired", paired.to_string()),
                ("left", v.left.len().to_string()),
            ],
        )
    } else if v.municipal {
        let mentees: usize = v.parts.iter().map(|p| p.pairs).sum();
        L.args(
            "pairing-counts-parts",
            [("schools", v.parts.len().to_string()), ("mentees", mentees.to_string())],
        )
    } else {
        let mentors: std::collections::HashSet<i64> = v.sent.iter().map(|r| r.mentor.person).collect();
        L.args(
            "pairing-counts-sent",
            [
                ("mentees", v.sent.len().to_string()),
                ("mentors", mentors.len().to_string()),
            ],
        )
    };
    let r = render(&RoundPage {
        c: Chrome::for_ctx(
            ctx,
            L.args("pairing-round-title", &[("id", id.to_string())]),
            "/pairing",
        ),
        objectives: Objective::ALL
            .iter()
            .map(|o| (o.code(), L.t(&format!("pairing-objective-{}", o.code()))))
            .collect(),
        objective: v.round.objective.code(),
        draft: v.round.state == RoundState::Draft,
        curator: ctx.can(domain::Permission::MatchPairs),
        local: ctx.can(domain::Permission::MatchPairs) && !v.municipal,
        parts: v
            .parts
            .iter()
            .map(|p| {
                let order = match p.order {
                    Some((number, date)) => L.args(
                        "pairing-part-order",
                        [("number", number.to_string()), ("date", ru_date(date))],
                    ),
                    None => L.t("pairing-part-no-order"),
                };
                (p.clone(), L.t(&format!("pairing-state-{}", p.state.code())), order)
            })
            .collect(),
        head: ctx.can(domain::Permission::ApprovePairs),
        sent: v.round.state == RoundState::Sent,
        sent_rows: v
            .sent
            .iter()
            .map(|r| {
                let duties = match r.mentor_duties {
                    Some(true) => format!("; {}", L.t("pairing-duties-yes")),
                    Some(false) => format!("; {}", L.t("pairing-duties-no")),
                    None => String::new(),
                };
                (
                    r.clone(),
                    L.consent_status(r.mentor_consent) + &duties,
                    L.consent_status(r.mentee_consent),
                )
            })
            .collect(),
        order: v.order.as_ref().map(|o| {
            let text = L.args(
                "pairing-order",
                [("number", o.number.to_string()), ("date", ru_date(o.signed_on))],
            );
            (o.id, text)
        }),
        weights,
        errors,
        waiting: v
            .left
            .iter()
            .map(|l| {
                let since = match (l.waiting_since, l.waited_days) {
                    (Some(d), Some(n)) => format!(
                        "{}, {}",
                        L.args("pairing-waiting-since", [("date", ru_date(d))]),
                        L.n("pairing-waited", "days", n)
                    ),
                    _ => String::new(),
                };
                (l.clone(), since)
            })
            .collect(),
        meeting_count: meeting_count(&v.meeting),
        rank_lines: v
            .meeting
            .mentees
            .iter()
            .chain(&v.meeting.mentors)
            .filter(|a| !a.ranks.is_empty())
            .map(|a| {
                let chosen: Vec<String> = a.ranks.iter().map(|s| s.name.clone()).collect();
                L.args(
                    "pairing-ranks-line",
                    [("who", a.who.name.clone()), ("chosen", chosen.join(" → "))],
                )
            })
            .collect(),
        paper_people: present(&v.meeting),
        paper: super::my_pairs::rank_slots(&present(&v.meeting), &[]),
        offer_lines: v
            .offers
            .iter()
            .map(|o| {
                let list: Vec<String> = o
                    .candidates
                    .iter()
                    .map(|(m, chosen)| {
                        if *chosen {
                            format!("{} ({})", m.name, L.t("pairing-offer-chosen"))
                        } else {
                            m.name.clone()
                        }
                    })
                    .collect();
                let state = if o.candidates.iter().any(|c| c.1) {
                    String::new()
                } else {
                    L.t("pairing-offer-waiting")
                };
                (
                    format!("{}: {}", o.mentee.name, list.join("; ")),
                    state,
                    o.mentee.person,
                )
            })
            .collect(),
        stability: match &v.stability {
            None => String::new(),
            Some(b) if b.is_empty() => L.t("pairing-stable-ok"),
            Some(b) => {
                let pairs: Vec<String> = b.iter().map(|(e, r)| format!("{} — {}", e.name, r.name)).collect();
                let count = L.n("pairing-stable-bad-count", "count", b.len() as i64);
                L.args("pairing-stable-bad", [("count", count), ("pairs", pairs.join("; "))])
            }
        },
        counts,
        state: state_text(v.round.state, v.municipal),
        v,
    });
    Ok(if failed {
        with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        r
    })
}

/// Where a round stands, in words; a municipal round sent is in the schools' hands.
fn state_text(state: RoundState, municipal: bool) -> String {
    if municipal && state == RoundState::Sent {
        L.t("pairing-state-municipal-sent")
    } else {
        L.t(&format!("pairing-state-{}", state.code()))
    }
}

/// «На встрече: наставляемых — N, наставников — M.»
fn meeting_count(m: &app::pairing::Meeting) -> String {
    let n = |list: &[app::pairing::Attendee]| list.iter().filter(|a| a.present).count().to_string();
    L.args(
        "pairing-meeting-count",
        [("mentees", n(&m.mentees)), ("mentors", n(&m.mentors))],
    )
}

/// Everyone who came to the meeting, mentees first.
fn present(m: &app::pairing::Meeting) -> Vec<app::pairing::Side> {
    m.mentees
        .iter()
        .chain(&m.mentors)
        .filter(|a| a.present)
        .map(|a| a.who.clone())
        .collect()
}

/// `GET /pairing/{id}`.
pub async fn show(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    page(&st, &ctx, id, None, String::new()).await
}

/// What a failed change shows: the page again with the message, 422; other errors as usual.
pub(super) async fn refused(
    st: &AppState,
    ctx: &Ctx,
    id: i64,
    typed: Option<&HashMap<String, String>>,
    e: app::AppError,
) -> Result<Response, WebError> {
    match e {
        app::AppError::Invalid(v) => page(st, ctx, id, typed, L.violations(&v)).await,
        e => Err(e.into()),
    }
}

/// `POST /pairing/{id}/settings`: the objective and the weights.
pub async fn settings(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let objective = f
        .get("objective")
        .and_then(|o| Objective::from_code(o))
        .ok_or(WebError::BadForm)?;
    let version = f
        .get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or(WebError::BadForm)?;
    let weights = match Weights::parse(|code| f.get(code).cloned()) {
        Ok(w) => w,
        Err(v) => return page(&st, &ctx, id, Some(&f), L.violations(&v)).await,
    };
    match st
        .app
        .set_round_settings(&ctx.actor, (id, version), objective, weights)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/pairing/{id}")).into_response()),
        Err(e) => refused(&st, &ctx, id, Some(&f), e).await,
    }
}

/// The people of a decision.
#[derive(serde::Deserialize)]
pub struct PairForm {
    mentee: String,
    mentor: String,
    #[serde(default)]
    kind: String,
}

impl PairForm {
    fn ids(&self) -> Result<(i64, i64), WebError> {
        let id = |s: &str| s.trim().parse::<i64>().map_err(|_| WebError::BadForm);
        Ok((id(&self.mentee)?, id(&self.mentor)?))
    }
}

/// `POST /pairing/{id}/decide`: a pin (a move, a group) or an exclusion.
pub async fn decide(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<PairForm>,
) -> Result<Response, WebError> {
    let kind = Decision::from_code(&f.kind).ok_or(WebError::BadForm)?;
    match st.app.decide_pair(&ctx.actor, id, f.ids()?, kind).await {
        Ok(()) => Ok(Redirect::to(&format!("/pairing/{id}")).into_response()),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /pairing/{id}/undo`: takes back a decision.
pub async fn undo(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<PairForm>,
) -> Result<Response, WebError> {
    match st.app.undo_decision(&ctx.actor, id, f.ids()?).await {
        Ok(()) => Ok(Redirect::to(&format!("/pairing/{id}")).into_response()),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// The round's version a form was shown at.
#[derive(serde::Deserialize)]
pub struct VersionForm {
    #[serde(default)]
    version: String,
}

/// `POST /pairing/{id}/send`: the proposal as shown goes to the head.
pub async fn send(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<VersionForm>,
) -> Result<Response, WebError> {
    let version = f.version.trim().parse::<i64>().map_err(|_| WebError::BadForm)?;
    match st.app.send_round(&ctx.actor, (id, version)).await {
        Ok(()) => Ok(Redirect::to(&format!("/pairing/{id}")).into_response()),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /pairing/{id}/return`: back to the draft.
pub async fn give_back(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    match st.app.return_round(&ctx.actor, id).await {
        Ok(()) => Ok(Redirect::to(&format!("/pairing/{id}")).into_response()),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

/// `POST /pairing/{id}/approve`: the head's approval and the order.
pub async fn approve(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    match st.app.approve_round(&ctx.actor, id).await {
        Ok(_) => Ok(Redirect::to(&format!("/pairing/{id}")).into_response()),
        Err(e) => refused(&st, &ctx, id, None, e).await,
    }
}

async fn order_file(st: &AppState, ctx: &Ctx, id: i64, pdf: bool) -> Result<Response, WebError> {
    let (name, bytes) = st.app.order_file(&ctx.actor, id, pdf).await?;
    let mime = if pdf {
        "application/pdf"
    } else {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    };
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, mime.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /orders/{id}/docx`.
pub async fn order_docx(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    order_file(&st, &ctx, id, false).await
}

/// `GET /orders/{id}/pdf`.
pub async fn order_pdf(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    order_file(&st, &ctx, id, true).await
}
