//! Pairing rounds and the curator's decisions in them (tables `pairing_rounds`,
//! `pairing_decisions`); every query is scoped by the school.

use chrono::{DateTime, Utc};
use domain::base::Labelled;
use domain::pairing::{Decision, Objective, RoundState, Weights};

use crate::{Db, Result, StorageError, with_db};

/// A round as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// Id.
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// Academic year (its first calendar year).
    pub start_year: i64,
    /// Where it stands.
    pub state: RoundState,
    /// What the proposal puts first.
    pub objective: Objective,
    /// The school's weights for this round.
    pub weights: Weights,
    /// Bumped by every change: a form posted over an older version is refused.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// The account that started it (the curator the order names).
    pub created_by: Option<i64>,
    /// The order that approved it.
    pub order_id: Option<i64>,
    /// The municipal round this one is a school's part of.
    pub origin_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct RoundRow {
    id: i64,
    org_id: i64,
    start_year: i64,
    #[sqlx(try_from = "String")]
    state: RoundState,
    #[sqlx(try_from = "String")]
    objective: Objective,
    weights: String,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    created_by: Option<i64>,
    order_id: Option<i64>,
    origin_id: Option<i64>,
}

impl TryFrom<RoundRow> for Round {
    type Error = StorageError;

    fn try_from(r: RoundRow) -> Result<Self> {
        let weights = serde_json::from_str(&r.weights).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        Ok(Self {
            id: r.id,
            org_id: r.org_id,
            start_year: r.start_year,
            state: r.state,
            objective: r.objective,
            weights,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            created_by: r.created_by,
            order_id: r.order_id,
            origin_id: r.origin_id,
        })
    }
}

pub(crate) const ROUND_COLS: &str = "id, org_id, start_year, state, objective, weights, version, created_at, updated_at, created_by, order_id, origin_id";

pub(crate) fn weights_json(w: &Weights) -> String {
    serde_json::to_string(w).unwrap_or_else(|_| "[]".into())
}

/// Starts a round in the draft state; its id.
pub async fn insert(
    db: &mut impl Db,
    (org, user): (i64, Option<i64>),
    start_year: i64,
    weights: &Weights,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO pairing_rounds (org_id, start_year, state, objective, weights, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id")
        .bind(org).bind(start_year).bind(RoundState::Draft.code()).bind(Objective::Score.code())
        .bind(weights_json(weights)).bind(user).bind(now)
        .fetch_one(&mut *c).await?))
}

/// A round of this school.
pub async fn get(db: &mut impl Db, org: i64, id: i64) -> Result<Option<Round>> {
    let row: Option<RoundRow> = with_db!(db, c => sqlx::query_as(&format!(
        "SELECT {ROUND_COLS} FROM pairing_rounds WHERE org_id = $1 AND id = $2"))
        .bind(org).bind(id).fetch_optional(&mut *c).await?);
    row.map(Round::try_from).transpose()
}

/// The school's rounds, newest first.
pub async fn list(db: &mut impl Db, org: i64) -> Result<Vec<Round>> {
    let rows: Vec<RoundRow> = with_db!(db, c => sqlx::query_as(&format!(
        "SELECT {ROUND_COLS} FROM pairing_rounds WHERE org_id = $1 ORDER BY id DESC"))
        .bind(org).fetch_all(&mut *c).await?);
    rows.into_iter().map(Round::try_from).collect()
}

/// Sets the objective and the weights of a draft round if it is still at `version`;
/// false when someone changed it first (or it is no longer a draft).
pub async fn set_settings(
    db: &mut impl Db,
    (org, id, version): (i64, i64, i64),
    objective: Objective,
    weights: &Weights,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE pairing_rounds SET objective = $1, weights = $2, version = version + 1, updated_at = $3 \
         WHERE org_id = $4 AND id = $5 AND version = $6 AND state = $7")
        .bind(objective.code()).bind(weights_json(weights)).bind(now)
        .bind(org).bind(id).bind(version).bind(RoundState::Draft.code())
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Marks a change of a draft round's decisions (a new version); false when the round is no
/// longer a draft.
pub async fn touch(db: &mut impl Db, org: i64, id: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE pairing_rounds SET version = version + 1, updated_at = $1 WHERE org_id = $2 AND id = $3 AND state = $4")
        .bind(now).bind(org).bind(id).bind(RoundState::Draft.code())
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// A decision about a mentee and a mentor (people ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionRow {
    /// Mentee's person id.
    pub mentee: i64,
    /// Mentor's person id.
    pub mentor: i64,
    /// Pin or exclusion.
    pub kind: Decision,
}

/// The decisions of a round, in the order they were made.
pub async fn decisions(db: &mut impl Db, org: i64, round: i64) -> Result<Vec<DecisionRow>> {
    #[derive(sqlx::FromRow)]
    struct Raw {
        mentee_id: i64,
        mentor_id: i64,
        #[sqlx(try_from = "String")]
        kind: Decision,
    }
    let rows: Vec<Raw> = with_db!(db, c => sqlx::query_as(
        "SELECT mentee_id, mentor_id, kind FROM pairing_decisions WHERE org_id = $1 AND round_id = $2 \
         ORDER BY created_at, mentee_id, mentor_id")
        .bind(org).bind(round).fetch_all(&mut *c).await?);
    Ok(rows
        .into_iter()
        .map(|r| DecisionRow {
            mentee: r.mentee_id,
            mentor: r.mentor_id,
            kind: r.kind,
        })
        .collect())
}

/// Records a decision; a pin replaces the mentee's other pins (a mentee has one mentor).
pub async fn decide(db: &mut impl Db, (org, round): (i64, i64), d: DecisionRow, now: DateTime<Utc>) -> Result<()> {
    if d.kind == Decision::Pin {
        with_db!(db, c => sqlx::query(
            "DELETE FROM pairing_decisions WHERE org_id = $1 AND round_id = $2 AND mentee_id = $3 AND kind = $4")
            .bind(org).bind(round).bind(d.mentee).bind(Decision::Pin.code())
            .execute(&mut *c).await?.rows_affected());
    }
    with_db!(db, c => sqlx::query(
        "INSERT INTO pairing_decisions (round_id, org_id, mentee_id, mentor_id, kind, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (round_id, mentee_id, mentor_id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at")
        .bind(round).bind(org).bind(d.mentee).bind(d.mentor).bind(d.kind.code()).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Takes back a decision about a mentee and a mentor; false when there was none.
pub async fn undo(db: &mut impl Db, (org, round): (i64, i64), mentee: i64, mentor: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "DELETE FROM pairing_decisions WHERE org_id = $1 AND round_id = $2 AND mentee_id = $3 AND mentor_id = $4")
        .bind(org).bind(round).bind(mentee).bind(mentor)
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// A pair of the proposal as it was sent to the head.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SentPair {
    /// Mentor's person id.
    pub mentor_id: i64,
    /// Mentee's person id.
    pub mentee_id: i64,
    /// Form code of the mentee's entry.
    pub form: Option<String>,
    /// Score at sending.
    pub score: i64,
}

/// Sends a draft round at `version` to the head with its proposal; false when the round
/// changed meanwhile or was sent already.
pub async fn send(
    db: &mut impl Db,
    (org, id, version): (i64, i64, i64),
    pairs: &[SentPair],
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE pairing_rounds SET state = $1, version = version + 1, updated_at = $2 \
         WHERE org_id = $3 AND id = $4 AND version = $5 AND state = $6")
        .bind(RoundState::Sent.code()).bind(now).bind(org).bind(id).bind(version).bind(RoundState::Draft.code())
        .execute(&mut *c).await?.rows_affected());
    if n != 1 {
        return Ok(false);
    }
    with_db!(db, c => sqlx::query("DELETE FROM pairing_proposals WHERE org_id = $1 AND round_id = $2")
        .bind(org).bind(id).execute(&mut *c).await?.rows_affected());
    insert_proposals(db, (org, id), pairs).await?;
    Ok(true)
}

/// Writes the pairs a round is sent with.
pub(crate) async fn insert_proposals(db: &mut impl Db, (org, round): (i64, i64), pairs: &[SentPair]) -> Result<()> {
    for p in pairs {
        with_db!(db, c => sqlx::query(
            "INSERT INTO pairing_proposals (round_id, org_id, mentor_id, mentee_id, form, score) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(round).bind(org).bind(p.mentor_id).bind(p.mentee_id).bind(&p.form).bind(p.score)
            .execute(&mut *c).await?.rows_affected());
    }
    Ok(())
}

/// The proposal a round was sent with, by mentor and mentee.
pub async fn sent(db: &mut impl Db, org: i64, id: i64) -> Result<Vec<SentPair>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT mentor_id, mentee_id, form, score FROM pairing_proposals WHERE org_id = $1 AND round_id = $2 \
         ORDER BY mentor_id, mentee_id")
        .bind(org).bind(id).fetch_all(&mut *c).await?))
}

/// Moves a round from `from` to `to` (sent → draft when returned, sent → approved: the
/// order follows with [`set_order`]); false when it is not in `from` (someone did it first).
pub async fn move_state(
    db: &mut impl Db,
    (org, id): (i64, i64),
    (from, to): (RoundState, RoundState),
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE pairing_rounds SET state = $1, version = version + 1, updated_at = $2 \
         WHERE org_id = $3 AND id = $4 AND state = $5")
        .bind(to.code()).bind(now).bind(org).bind(id).bind(from.code())
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Records the order that approved a round.
pub async fn set_order(db: &mut impl Db, (org, id): (i64, i64), order: i64) -> Result<()> {
    with_db!(db, c => sqlx::query("UPDATE pairing_rounds SET order_id = $1 WHERE org_id = $2 AND id = $3")
        .bind(order).bind(org).bind(id).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// A pair or group approved by an order.
pub struct NewPair<'a> {
    /// Round.
    pub round: i64,
    /// Order.
    pub order: i64,
    /// Mentor's person id.
    pub mentor: i64,
    /// Mentees' person ids.
    pub mentees: &'a [i64],
    /// Form code.
    pub form: Option<&'a str>,
    /// Active from.
    pub started_on: chrono::NaiveDate,
}

/// Writes an approved pair or group; its id.
pub async fn insert_pair(db: &mut impl Db, org: i64, p: &NewPair<'_>, now: DateTime<Utc>) -> Result<i64> {
    let id: i64 = with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO pairs (org_id, round_id, order_id, mentor_id, form, started_on, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $7) RETURNING id")
        .bind(org).bind(p.round).bind(p.order).bind(p.mentor).bind(p.form).bind(p.started_on).bind(now)
        .fetch_one(&mut *c).await?);
    for m in p.mentees {
        with_db!(db, c => sqlx::query("INSERT INTO pair_mentees (pair_id, mentee_id) VALUES ($1, $2)")
            .bind(id).bind(m).execute(&mut *c).await?.rows_affected());
    }
    Ok(id)
}

/// An active pair or group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivePair {
    /// Id.
    pub id: i64,
    /// The school whose order made it (the mentees' school).
    pub org_id: i64,
    /// Mentor's person id.
    pub mentor: i64,
    /// Mentees' person ids.
    pub mentees: Vec<i64>,
    /// Form code.
    pub form: Option<String>,
    /// Active from.
    pub started_on: chrono::NaiveDate,
}

/// The active pairs and groups a person of the school is in, as mentor or mentee; a
/// mentor's pairs of a municipal virtual round belong to the mentee's school ([`ActivePair::org_id`]).
pub async fn active_pairs_of(db: &mut impl Db, org: i64, person: i64) -> Result<Vec<ActivePair>> {
    let rows: Vec<(i64, i64, i64, Option<String>, chrono::NaiveDate, i64)> = with_db!(db, c => sqlx::query_as(
        "SELECT p.id, p.org_id, p.mentor_id, p.form, p.started_on, m.mentee_id FROM pairs p JOIN pair_mentees m ON m.pair_id = p.id \
         WHERE p.state = 'active' AND EXISTS (SELECT 1 FROM persons x WHERE x.id = $2 AND x.org_id = $1) AND p.id IN \
         (SELECT p2.id FROM pairs p2 LEFT JOIN pair_mentees m2 ON m2.pair_id = p2.id \
          WHERE p2.mentor_id = $2 OR (p2.org_id = $1 AND m2.mentee_id = $2)) \
         ORDER BY p.id, m.mentee_id")
        .bind(org).bind(person).fetch_all(&mut *c).await?);
    let mut out: Vec<ActivePair> = Vec::new();
    for (id, pair_org, mentor, form, started_on, mentee) in rows {
        match out.last_mut() {
            Some(last) if last.id == id => last.mentees.push(mentee),
            _ => out.push(ActivePair {
                id,
                org_id: pair_org,
                mentor,
                mentees: vec![mentee],
                form,
                started_on,
            }),
        }
    }
    Ok(out)
}

/// A person of an approved pair as the lists name them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PairPerson {
    /// Person id.
    pub id: i64,
    /// The person's school.
    pub org_id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// Class or position.
    pub place: String,
}

/// An active pair or group with its people's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPair {
    /// Id.
    pub id: i64,
    /// The school whose order made it (the mentees' school).
    pub org_id: i64,
    /// The approving order.
    pub order_id: i64,
    /// The mentor.
    pub mentor: PairPerson,
    /// The mentees.
    pub mentees: Vec<PairPerson>,
    /// Form code.
    pub form: Option<String>,
    /// Active from.
    pub started_on: chrono::NaiveDate,
}

/// The school's active pairs and groups, by mentor name, in two reads: those its orders
/// made and those of its mentors in other schools' orders (municipal virtual pairs).
pub async fn active_pairs(db: &mut impl Db, org: i64) -> Result<Vec<NamedPair>> {
    type Head = (i64, i64, i64, Option<String>, chrono::NaiveDate, PairPerson);
    type HeadRow = (
        i64,
        i64,
        i64,
        Option<String>,
        chrono::NaiveDate,
        i64,
        i64,
        String,
        String,
        Option<String>,
        String,
    );
    let rows: Vec<HeadRow> = with_db!(db, c => sqlx::query_as(
        "SELECT p.id, p.org_id, p.order_id, p.form, p.started_on, r.id, r.org_id, r.last_name, r.first_name, r.patronymic, r.place \
         FROM pairs p JOIN persons r ON r.id = p.mentor_id WHERE p.state = 'active' AND (p.org_id = $1 OR r.org_id = $1) \
         ORDER BY r.last_name, r.first_name, p.id")
        .bind(org).fetch_all(&mut *c).await?);
    let heads: Vec<Head> = rows
        .into_iter()
        .map(
            |(id, pair_org, order, form, started_on, mid, mentor_org, last_name, first_name, patronymic, place)| {
                let mentor = PairPerson {
                    id: mid,
                    org_id: mentor_org,
                    last_name,
                    first_name,
                    patronymic,
                    place,
                };
                (id, pair_org, order, form, started_on, mentor)
            },
        )
        .collect();
    type MenteeRow = (i64, i64, i64, String, String, Option<String>, String);
    let rows: Vec<MenteeRow> = with_db!(db, c => sqlx::query_as(
        "SELECT m.pair_id, e.id, e.org_id, e.last_name, e.first_name, e.patronymic, e.place FROM pair_mentees m \
         JOIN pairs p ON p.id = m.pair_id JOIN persons e ON e.id = m.mentee_id JOIN persons r ON r.id = p.mentor_id \
         WHERE p.state = 'active' AND (p.org_id = $1 OR r.org_id = $1) ORDER BY e.last_name, e.first_name")
        .bind(org).fetch_all(&mut *c).await?);
    let mut mentees: std::collections::HashMap<i64, Vec<PairPerson>> = std::collections::HashMap::new();
    for (pair, id, org_id, last_name, first_name, patronymic, place) in rows {
        mentees.entry(pair).or_default().push(PairPerson {
            id,
            org_id,
            last_name,
            first_name,
            patronymic,
            place,
        });
    }
    Ok(heads
        .into_iter()
        .map(|(id, org_id, order_id, form, started_on, mentor)| NamedPair {
            id,
            org_id,
            order_id,
            mentor,
            mentees: mentees.remove(&id).unwrap_or_default(),
            form,
            started_on,
        })
        .collect())
}

/// The school's mentees in active pairs and groups, each with the form of each pair
/// (a mentee may be in pairs of different forms).
pub async fn paired_mentees(db: &mut impl Db, org: i64) -> Result<std::collections::HashSet<(i64, Option<String>)>> {
    let rows: Vec<(i64, Option<String>)> = with_db!(db, c => sqlx::query_as(
        "SELECT m.mentee_id, p.form FROM pairs p JOIN pair_mentees m ON m.pair_id = p.id \
         WHERE p.org_id = $1 AND p.state = 'active'")
        .bind(org).fetch_all(&mut *c).await?);
    Ok(rows.into_iter().collect())
}

/// How many mentees each mentor of the school has in active pairs and groups, whichever
/// school's order made them (a municipal virtual pair is the mentee's school's).
pub async fn mentees_per_mentor(db: &mut impl Db, org: i64) -> Result<std::collections::HashMap<i64, u32>> {
    let rows: Vec<(i64, i64)> = with_db!(db, c => sqlx::query_as(
        "SELECT p.mentor_id, COUNT(*) FROM pairs p JOIN pair_mentees m ON m.pair_id = p.id \
         JOIN persons r ON r.id = p.mentor_id WHERE r.org_id = $1 AND p.state = 'active' GROUP BY p.mentor_id")
        .bind(org).fetch_all(&mut *c).await?);
    Ok(rows
        .into_iter()
        .map(|(m, n)| (m, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}
