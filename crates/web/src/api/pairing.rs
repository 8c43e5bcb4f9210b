//! Pairing rounds in the JSON API: the school's rounds, a round with its proposal (every
//! term of each score in words, every mentee left out with the reason) and its order, and
//! starting a round. The same use cases and permissions as the pages.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use domain::base::Labelled;
use domain::pairing::CRITERIA;
use serde::Serialize;
use utoipa::ToSchema;

use super::Created;
use crate::auth::Ctx;
use crate::error::Api;
use crate::extract::Id;
use crate::state::AppState;

/// A round in the school's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundOut {
    /// Id.
    pub id: i64,
    /// Academic year: «2026/2027».
    pub year: String,
    /// `draft`, `sent`, `approved` or `returned` (a municipal round's part the head declined).
    pub state: String,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// A school's part of a municipal virtual round.
    pub from_municipality: bool,
}

/// A proposed (or sent) pair: one mentee with a mentor.
#[derive(Debug, Serialize, ToSchema)]
pub struct PairOut {
    /// Mentor's participant id.
    pub mentor_id: i64,
    /// Mentor's name.
    pub mentor: String,
    /// Mentee's participant id.
    pub mentee_id: i64,
    /// Mentee's name.
    pub mentee: String,
    /// Score 0..1000.
    pub score: i64,
    /// Each term of the score in words (empty for a sent round).
    pub terms: Vec<String>,
    /// Fixed by the curator.
    pub pinned: bool,
}

/// A mentee left without a pair.
#[derive(Debug, Serialize, ToSchema)]
pub struct LeftOut {
    /// Participant id.
    pub mentee_id: i64,
    /// Name.
    pub mentee: String,
    /// Why, in words.
    pub reason: String,
    /// Days waited since the entry came into the base.
    pub waited_days: Option<i64>,
    /// Needs the support of the school's educational psychologist.
    pub support: bool,
}

/// The order that approved a round.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderOut {
    /// Id (`/orders/{id}/docx`, `/orders/{id}/pdf`).
    pub id: i64,
    /// Number in the school's register.
    pub number: i64,
    /// Signed on.
    pub signed_on: NaiveDate,
}

/// A weight of the round.
#[derive(Debug, Serialize, ToSchema)]
pub struct WeightOut {
    /// Criterion code.
    pub criterion: String,
    /// Points.
    pub points: u16,
}

/// A round with its proposal: live for a draft, as sent otherwise.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundDetailOut {
    /// Id.
    pub id: i64,
    /// Academic year.
    pub year: String,
    /// `draft`, `sent`, `approved` or `returned` (a municipal round's part the school's
    /// head declined).
    pub state: String,
    /// `score`, `count` or `stable`.
    pub objective: String,
    /// The school's weights.
    pub weights: Vec<WeightOut>,
    /// The round's version (a change made over an older one is refused).
    pub version: i64,
    /// The pairs, a group being several with one mentor.
    pub pairs: Vec<PairOut>,
    /// Mentees left without a pair (a draft only).
    pub left: Vec<LeftOut>,
    /// The approving order.
    pub order: Option<OrderOut>,
    /// After a mutual ranking: whether no mentee and mentor would both rather be
    /// together than with their partners in the proposal (absent before any ranking).
    pub stable: Option<bool>,
    /// A municipal virtual round (the methodist's, R3.4): pupils named by first name and initial.
    pub municipal: bool,
    /// A school's part of a municipal round: the municipal round's id.
    pub origin: Option<i64>,
    /// A sent municipal round's parts, one per mentee's school.
    pub parts: Vec<PartOut>,
}

/// A school's part of a sent municipal round.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartOut {
    /// The school's short name.
    pub school: String,
    /// `sent`, `approved` or `returned`.
    pub state: String,
    /// Mentees in it.
    pub pairs: usize,
    /// The school's order number, once approved.
    pub order_number: Option<i64>,
    /// The order's date.
    pub order_date: Option<NaiveDate>,
}

/// `GET /api/v1/pairing/rounds`.
#[utoipa::path(get, path = "/api/v1/pairing/rounds", responses((status = 200, body = Vec<RoundOut>), (status = 403, body = crate::error::ApiError)), security(("bearer" = [])))]
pub async fn rounds(State(st): State<AppState>, ctx: Ctx) -> Result<Json<Vec<RoundOut>>, Api> {
    let rounds = st.app.pairing_rounds(&ctx.actor).await?;
    Ok(Json(
        rounds
            .into_iter()
            .map(|r| RoundOut {
                id: r.id,
                year: r.year.title(),
                state: r.state.code().into(),
                updated_at: r.updated_at,
                from_municipality: r.from_municipality,
            })
            .collect(),
    ))
}

/// `POST /api/v1/pairing/rounds`: a new round of the current academic year.
#[utoipa::path(post, path = "/api/v1/pairing/rounds", responses((status = 201, body = Created), (status = 403, body = crate::error::ApiError)), security(("bearer" = [])))]
pub async fn start(State(st): State<AppState>, ctx: Ctx) -> Result<(axum::http::StatusCode, Json<Created>), Api> {
    let id = st.app.start_round(&ctx.actor).await?;
    Ok((axum::http::StatusCode::CREATED, Json(Created { id })))
}

/// `GET /api/v1/pairing/rounds/{id}`.
#[utoipa::path(get, path = "/api/v1/pairing/rounds/{id}", responses((status = 200, body = RoundDetailOut), (status = 404, body = crate::error::ApiError)), security(("bearer" = [])))]
pub async fn round(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Json<RoundDetailOut>, Api> {
    let v = st.app.pairing_round(&ctx.actor, id).await?;
    let draft = v.round.state == domain::pairing::RoundState::Draft;
    let pairs = if draft {
        v.groups
            .iter()
            .flat_map(|g| {
                g.mentees.iter().map(|m| PairOut {
                    mentor_id: g.mentor.person,
                    mentor: g.mentor.name.clone(),
                    mentee_id: m.who.person,
                    mentee: m.who.name.clone(),
                    score: i64::from(m.score),
                    terms: m.terms.clone(),
                    pinned: m.pinned,
                })
            })
            .collect()
    } else {
        v.sent
            .iter()
            .map(|r| PairOut {
                mentor_id: r.mentor.person,
                mentor: r.mentor.name.clone(),
                mentee_id: r.mentee.person,
                mentee: r.mentee.name.clone(),
                score: r.score,
                terms: Vec::new(),
                pinned: false,
            })
            .collect()
    };
    let left = if draft {
        v.left
            .iter()
            .map(|l| LeftOut {
                mentee_id: l.who.person,
                mentee: l.who.name.clone(),
                reason: l.reason.clone(),
                waited_days: l.waited_days,
                support: l.support,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Json(RoundDetailOut {
        id: v.round.id,
        year: v.year.title(),
        state: v.round.state.code().into(),
        objective: v.round.objective.code().into(),
        weights: CRITERIA
            .iter()
            .map(|&c| WeightOut {
                criterion: c.into(),
                points: v.round.weights.get(c).unwrap_or(0),
            })
            .collect(),
        version: v.round.version,
        pairs,
        left,
        municipal: v.municipal,
        origin: v.round.origin_id,
        parts: v
            .parts
            .iter()
            .map(|p| PartOut {
                school: p.school.clone(),
                state: p.state.code().into(),
                pairs: p.pairs,
                order_number: p.order.map(|o| o.0),
                order_date: p.order.map(|o| o.1),
            })
            .collect(),
        order: v.order.map(|o| OrderOut {
            id: o.id,
            number: o.number,
            signed_on: o.signed_on,
        }),
        stable: v.stability.as_ref().map(Vec::is_empty),
    }))
}

/// A participant of a pair: id, name, class or position.
#[derive(Debug, Serialize, ToSchema)]
pub struct PairPersonOut {
    /// Participant id.
    pub id: i64,
    /// «Фамилия Имя Отчество».
    pub name: String,
    /// Class or position.
    pub place: String,
}

/// An active pair (one mentee) or group (several) approved by an order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivePairOut {
    /// Id.
    pub id: i64,
    /// The approving order (`/orders/{id}/docx`); `null` for a municipal virtual pair of
    /// the school's mentor approved by the mentee's school.
    pub order_id: Option<i64>,
    /// The mentor.
    pub mentor: PairPersonOut,
    /// The mentees.
    pub mentees: Vec<PairPersonOut>,
    /// Form of mentoring, in words.
    pub form: String,
    /// Active from.
    pub since: NaiveDate,
}

fn person_out(s: &app::pairing::Side) -> PairPersonOut {
    PairPersonOut {
        id: s.person,
        name: s.name.clone(),
        place: s.place.clone(),
    }
}

/// `GET /api/v1/pairs`: the school's active pairs and groups.
#[utoipa::path(get, path = "/api/v1/pairs", responses((status = 200, body = Vec<ActivePairOut>), (status = 403, body = crate::error::ApiError)), security(("bearer" = [])))]
pub async fn pairs(State(st): State<AppState>, ctx: Ctx) -> Result<Json<Vec<ActivePairOut>>, Api> {
    Ok(Json(
        st.app
            .school_pairs(&ctx.actor)
            .await?
            .iter()
            .map(|p| ActivePairOut {
                id: p.id,
                order_id: p.order_id,
                mentor: person_out(&p.mentor),
                mentees: p.mentees.iter().map(person_out).collect(),
                form: p.form.to_string(),
                since: p.since,
            })
            .collect(),
    ))
}
