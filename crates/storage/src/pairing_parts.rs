//! The municipal virtual round's parts (R3.4): sending a round of the municipality gives
//! each mentee's school its part, a round of that school pointing back to it
//! (`pairing_rounds.origin_id`), and the people such pairs join across schools.

use chrono::{DateTime, Utc};
use domain::base::Labelled;
use domain::pairing::RoundState;

use crate::pairing::{PairPerson, ROUND_COLS, Round, RoundRow, SentPair, insert_proposals, weights_json};
use crate::{Db, Result, with_db};

/// Writes a school's part of a municipal round, sent to the school's head with its pairs;
/// its id. `user` is who sent it (the methodist).
pub async fn insert_part(
    db: &mut impl Db,
    (school, user): (i64, Option<i64>),
    origin: &Round,
    pairs: &[SentPair],
    now: DateTime<Utc>,
) -> Result<i64> {
    let id: i64 = with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO pairing_rounds (org_id, start_year, state, objective, weights, created_by, created_at, updated_at, origin_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id")
        .bind(school).bind(origin.start_year).bind(RoundState::Sent.code()).bind(origin.objective.code())
        .bind(weights_json(&origin.weights)).bind(user).bind(now).bind(origin.id)
        .fetch_one(&mut *c).await?);
    insert_proposals(db, (school, id), pairs).await?;
    Ok(id)
}

/// The schools' parts of a round of the municipality `org` (none for another's round).
pub async fn parts(db: &mut impl Db, org: i64, origin: i64) -> Result<Vec<Round>> {
    let rows: Vec<RoundRow> = with_db!(db, c => sqlx::query_as(&format!(
        "SELECT {ROUND_COLS} FROM pairing_rounds WHERE origin_id = $1 \
         AND origin_id IN (SELECT id FROM pairing_rounds WHERE org_id = $2) ORDER BY org_id, id"))
        .bind(origin).bind(org).fetch_all(&mut *c).await?);
    rows.into_iter().map(Round::try_from).collect()
}

/// The mentees of the active pairs and groups of the mentors sent in a round of the
/// school `org`, wherever their order was made: (mentor, the pair's school, the mentee).
pub async fn mentees_of_sent_mentors(db: &mut impl Db, org: i64, round: i64) -> Result<Vec<(i64, i64, PairPerson)>> {
    type Row = (i64, i64, i64, i64, String, String, Option<String>, String);
    let rows: Vec<Row> = with_db!(db, c => sqlx::query_as(
        "SELECT p.mentor_id, p.org_id, e.id, e.org_id, e.last_name, e.first_name, e.patronymic, e.place FROM pairs p \
         JOIN pair_mentees m ON m.pair_id = p.id JOIN persons e ON e.id = m.mentee_id \
         WHERE p.state = 'active' AND p.mentor_id IN \
         (SELECT mentor_id FROM pairing_proposals WHERE org_id = $1 AND round_id = $2) \
         ORDER BY p.mentor_id, p.id, e.last_name, e.first_name")
        .bind(org).bind(round).fetch_all(&mut *c).await?);
    Ok(rows
        .into_iter()
        .map(
            |(mentor, pair_org, id, org_id, last_name, first_name, patronymic, place)| {
                let person = PairPerson {
                    id,
                    org_id,
                    last_name,
                    first_name,
                    patronymic,
                    place,
                };
                (mentor, pair_org, person)
            },
        )
        .collect())
}

/// Locks a mentor's entry in the mentors' base of `org` until the transaction ends, so that
/// two approvals counting the mentor's places take turns (PostgreSQL reads committed data;
/// SQLite has one writer anyway).
pub async fn lock_mentor(db: &mut impl Db, (org, start_year): (i64, i64), mentor: i64) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE base_entries SET updated_at = updated_at \
         WHERE org_id = $1 AND start_year = $2 AND base = 'mentors' AND person_id = $3")
        .bind(org).bind(start_year).bind(mentor).execute(&mut *c).await?.rows_affected());
    Ok(())
}
