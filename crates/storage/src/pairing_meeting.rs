//! What the people of a round say before it is decided: who came to the group meeting and
//! whom each ranked (`pairing_attendance`, `pairing_ranks`), the candidates offered to a
//! mentee and the one chosen (`pairing_offers`), and the mentees waiting who need the
//! school psychologist's support (`pairing_support`). Every query is scoped by the school.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use crate::{Db, Result, with_db};

/// The people who came to the round's group meeting.
pub async fn attendance(db: &mut impl Db, org: i64, round: i64) -> Result<HashSet<i64>> {
    let rows: Vec<i64> = with_db!(db, c => sqlx::query_scalar(
        "SELECT person_id FROM pairing_attendance WHERE org_id = $1 AND round_id = $2")
        .bind(org).bind(round).fetch_all(&mut *c).await?);
    Ok(rows.into_iter().collect())
}

/// Replaces who came to the meeting; the ranks of people no longer marked as present go.
pub async fn set_attendance(db: &mut impl Db, (org, round): (i64, i64), present: &[i64]) -> Result<()> {
    with_db!(db, c => sqlx::query("DELETE FROM pairing_attendance WHERE org_id = $1 AND round_id = $2")
        .bind(org).bind(round).execute(&mut *c).await?.rows_affected());
    for p in present {
        with_db!(db, c => sqlx::query(
            "INSERT INTO pairing_attendance (round_id, org_id, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(round).bind(org).bind(p).execute(&mut *c).await?.rows_affected());
    }
    with_db!(db, c => sqlx::query(
        "DELETE FROM pairing_ranks WHERE org_id = $1 AND round_id = $2 AND (person_id NOT IN \
         (SELECT person_id FROM pairing_attendance WHERE round_id = $2) OR chosen_id NOT IN \
         (SELECT person_id FROM pairing_attendance WHERE round_id = $2))")
        .bind(org).bind(round).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Each attendee's ranked choices, first choice first.
pub async fn ranks(db: &mut impl Db, org: i64, round: i64) -> Result<BTreeMap<i64, Vec<i64>>> {
    let rows: Vec<(i64, i64)> = with_db!(db, c => sqlx::query_as(
        "SELECT person_id, chosen_id FROM pairing_ranks WHERE org_id = $1 AND round_id = $2 ORDER BY person_id, place")
        .bind(org).bind(round).fetch_all(&mut *c).await?);
    let mut out: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (person, chosen) in rows {
        out.entry(person).or_default().push(chosen);
    }
    Ok(out)
}

/// Replaces a person's ranked choices (first choice first; at most three are kept).
pub async fn set_ranks(
    db: &mut impl Db,
    (org, round): (i64, i64),
    (person, by): (i64, Option<i64>),
    chosen: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    with_db!(db, c => sqlx::query("DELETE FROM pairing_ranks WHERE org_id = $1 AND round_id = $2 AND person_id = $3")
        .bind(org).bind(round).bind(person).execute(&mut *c).await?.rows_affected());
    for (place, id) in chosen.iter().take(3).enumerate() {
        with_db!(db, c => sqlx::query(
            "INSERT INTO pairing_ranks (round_id, org_id, person_id, place, chosen_id, entered_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(round).bind(org).bind(person).bind(place as i64 + 1).bind(id).bind(by).bind(now)
            .execute(&mut *c).await?.rows_affected());
    }
    Ok(())
}

/// A candidate offered to a mentee.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Offer {
    /// Mentee's person id.
    pub mentee_id: i64,
    /// Mentor's person id.
    pub mentor_id: i64,
    /// When the mentee chose this one.
    pub chosen_at: Option<DateTime<Utc>>,
}

/// The candidates offered in a round, by mentee, in the order shown.
pub async fn offers(db: &mut impl Db, org: i64, round: i64) -> Result<Vec<Offer>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT mentee_id, mentor_id, chosen_at FROM pairing_offers WHERE org_id = $1 AND round_id = $2 \
         ORDER BY mentee_id, position")
        .bind(org).bind(round).fetch_all(&mut *c).await?))
}

/// The candidates offered to one mentee in the school's draft rounds: (round, offer).
pub async fn offers_to(db: &mut impl Db, org: i64, mentee: i64) -> Result<Vec<(i64, Offer)>> {
    let rows: Vec<(i64, i64, i64, Option<DateTime<Utc>>)> = with_db!(db, c => sqlx::query_as(
        "SELECT o.round_id, o.mentee_id, o.mentor_id, o.chosen_at FROM pairing_offers o \
         JOIN pairing_rounds r ON r.id = o.round_id \
         WHERE o.org_id = $1 AND o.mentee_id = $2 AND r.state = 'draft' ORDER BY o.round_id, o.position")
        .bind(org).bind(mentee).fetch_all(&mut *c).await?);
    Ok(rows
        .into_iter()
        .map(|(round, mentee_id, mentor_id, chosen_at)| {
            (
                round,
                Offer {
                    mentee_id,
                    mentor_id,
                    chosen_at,
                },
            )
        })
        .collect())
}

/// Replaces the candidates offered to a mentee.
pub async fn set_offers(db: &mut impl Db, (org, round): (i64, i64), mentee: i64, mentors: &[i64]) -> Result<()> {
    with_db!(db, c => sqlx::query("DELETE FROM pairing_offers WHERE org_id = $1 AND round_id = $2 AND mentee_id = $3")
        .bind(org).bind(round).bind(mentee).execute(&mut *c).await?.rows_affected());
    for (k, m) in mentors.iter().enumerate() {
        with_db!(db, c => sqlx::query(
            "INSERT INTO pairing_offers (round_id, org_id, mentee_id, mentor_id, position) VALUES ($1, $2, $3, $4, $5)")
            .bind(round).bind(org).bind(mentee).bind(m).bind(k as i64)
            .execute(&mut *c).await?.rows_affected());
    }
    Ok(())
}

/// Marks the mentee's choice among the offered candidates; false when that mentor was not
/// offered to them.
pub async fn choose(
    db: &mut impl Db,
    (org, round): (i64, i64),
    (mentee, mentor): (i64, i64),
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE pairing_offers SET chosen_at = CASE WHEN mentor_id = $1 THEN $2 ELSE NULL END \
         WHERE org_id = $3 AND round_id = $4 AND mentee_id = $5 \
         AND EXISTS (SELECT 1 FROM pairing_offers o WHERE o.round_id = $4 AND o.mentee_id = $5 AND o.mentor_id = $1)")
        .bind(mentor).bind(now).bind(org).bind(round).bind(mentee)
        .execute(&mut *c).await?.rows_affected());
    Ok(n > 0)
}

/// The mentees of the school marked as needing the psychologist's support.
pub async fn support(db: &mut impl Db, org: i64) -> Result<HashSet<i64>> {
    let rows: Vec<i64> = with_db!(db, c => sqlx::query_scalar(
        "SELECT person_id FROM pairing_support WHERE org_id = $1")
        .bind(org).fetch_all(&mut *c).await?);
    Ok(rows.into_iter().collect())
}

/// Marks or unmarks a mentee as needing the psychologist's support.
pub async fn set_support(db: &mut impl Db, org: i64, person: i64, on: bool, now: DateTime<Utc>) -> Result<()> {
    if on {
        with_db!(db, c => sqlx::query(
            "INSERT INTO pairing_support (org_id, person_id, marked_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(org).bind(person).bind(now).execute(&mut *c).await?.rows_affected());
    } else {
        with_db!(db, c => sqlx::query("DELETE FROM pairing_support WHERE org_id = $1 AND person_id = $2")
            .bind(org).bind(person).execute(&mut *c).await?.rows_affected());
    }
    Ok(())
}

/// A personal link to a mentee's choice.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ChoiceLink {
    /// Id.
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// Round.
    pub round_id: i64,
    /// The mentee who chooses.
    pub mentee_id: i64,
    /// Who it was given to: the mentee, or a minor's guardian.
    pub respondent_id: i64,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
    /// Used (the choice made).
    pub used_at: Option<DateTime<Utc>>,
    /// `choice` (a mentee's choice of mentor) or `rank` (an attendee's ranking).
    pub purpose: String,
}

/// Stores a new link of a purpose (by its token's hash) for a person of a round (the
/// mentee who chooses, or the attendee who ranks); their earlier open links of that purpose
/// in the round close.
pub async fn insert_choice_link(
    db: &mut impl Db,
    (org, round, person, respondent): (i64, i64, i64, i64),
    (purpose, hash): (&str, &str),
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE choice_links SET used_at = $1 WHERE org_id = $2 AND round_id = $3 AND mentee_id = $4 \
         AND purpose = $5 AND used_at IS NULL")
        .bind(now).bind(org).bind(round).bind(person).bind(purpose).execute(&mut *c).await?.rows_affected());
    with_db!(db, c => sqlx::query(
        "INSERT INTO choice_links (org_id, round_id, mentee_id, respondent_id, token_hash, expires_at, created_at, purpose) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(org).bind(round).bind(person).bind(respondent).bind(hash).bind(expires_at).bind(now).bind(purpose)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// The link with this token hash.
pub async fn choice_link(db: &mut impl Db, hash: &str) -> Result<Option<ChoiceLink>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, org_id, round_id, mentee_id, respondent_id, expires_at, used_at, purpose FROM choice_links WHERE token_hash = $1")
        .bind(hash).fetch_optional(&mut *c).await?))
}

/// Marks a link used; false when it was used meanwhile.
pub async fn use_choice_link(db: &mut impl Db, id: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query("UPDATE choice_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now).bind(id).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}
