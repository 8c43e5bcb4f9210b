//! Personalized programs of pairs and groups with their plans (tables `programs`,
//! `program_versions`), scoped by the school. A save names the version it was made over: a save over an older one is
//! refused with who saved in between and when, and every saved version is kept.

use chrono::{DateTime, Utc};
use domain::base::Labelled;
use domain::program::{Note, Period, PlanItem, ProgramState};

use crate::{Db, Result, StorageError, with_db};

/// A program as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Id.
    pub id: i64,
    /// The school.
    pub org_id: i64,
    /// The pair or group it belongs to.
    pub pair_id: i64,
    /// Where it stands.
    pub state: ProgramState,
    /// Its dates.
    pub period: Period,
    /// Why it is shorter than 3 months or longer than a year (empty otherwise).
    pub length_reason: String,
    /// The explanatory note.
    pub note: Note,
    /// The plan of activities.
    pub plan: Vec<PlanItem>,
    /// Bumped by every save.
    pub version: i64,
    /// Who saved it last.
    pub updated_by: Option<String>,
    /// When.
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct ProgramRow {
    id: i64,
    org_id: i64,
    pair_id: i64,
    #[sqlx(try_from = "String")]
    state: ProgramState,
    start_on: chrono::NaiveDate,
    end_on: chrono::NaiveDate,
    length_reason: String,
    note: String,
    plan: String,
    version: i64,
    updated_by: Option<String>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<ProgramRow> for Program {
    type Error = StorageError;

    fn try_from(r: ProgramRow) -> Result<Self> {
        let corrupt = |e: serde_json::Error| StorageError::Corrupt(e.to_string());
        let note = serde_json::from_str(&r.note).map_err(corrupt)?;
        let plan = serde_json::from_str(&r.plan).map_err(corrupt)?;
        Ok(Self {
            id: r.id,
            org_id: r.org_id,
            pair_id: r.pair_id,
            state: r.state,
            period: Period {
                start: r.start_on,
                end: r.end_on,
            },
            length_reason: r.length_reason,
            note,
            plan,
            version: r.version,
            updated_by: r.updated_by,
            updated_at: r.updated_at,
        })
    }
}

const SELECT: &str = "SELECT p.id, p.org_id, p.pair_id, p.state, p.start_on, p.end_on, p.length_reason, p.note, \
     p.plan, p.version, u.display_name AS updated_by, p.updated_at FROM programs p LEFT JOIN users u ON u.id = p.updated_by";

/// What a save writes.
#[derive(Debug, Clone, Copy)]
pub struct ProgramFields<'a> {
    /// The dates.
    pub period: Period,
    /// Why another length than 3 months to a year.
    pub length_reason: &'a str,
    /// The explanatory note.
    pub note: &'a Note,
    /// The plan of activities.
    pub plan: &'a [PlanItem],
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Starts the program of a pair as a draft (version 1, kept); its id.
pub async fn insert(
    db: &mut impl Db,
    (org, pair): (i64, i64),
    f: ProgramFields<'_>,
    user: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id: i64 = with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO programs (org_id, pair_id, state, start_on, end_on, length_reason, note, plan, updated_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id")
        .bind(org).bind(pair).bind(ProgramState::Draft.code()).bind(f.period.start).bind(f.period.end)
        .bind(f.length_reason).bind(json(f.note)).bind(json(&f.plan)).bind(user).bind(now)
        .fetch_one(&mut *c).await?);
    keep_version(db, (org, id), user, now).await?;
    Ok(id)
}

/// A program of the school.
pub async fn get(db: &mut impl Db, org: i64, id: i64) -> Result<Option<Program>> {
    let row: Option<ProgramRow> = with_db!(db, c => sqlx::query_as(&format!("{SELECT} WHERE p.org_id = $1 AND p.id = $2"))
        .bind(org).bind(id).fetch_optional(&mut *c).await?);
    row.map(Program::try_from).transpose()
}

/// The program of a pair of the school.
pub async fn of_pair(db: &mut impl Db, org: i64, pair: i64) -> Result<Option<Program>> {
    let row: Option<ProgramRow> = with_db!(db, c => sqlx::query_as(&format!("{SELECT} WHERE p.org_id = $1 AND p.pair_id = $2"))
        .bind(org).bind(pair).fetch_optional(&mut *c).await?);
    row.map(Program::try_from).transpose()
}

/// How a save went.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Written; the new version.
    Done(i64),
    /// Someone saved it after the version the form was shown at: who and when.
    Conflict {
        /// Their name.
        by: Option<String>,
        /// When.
        at: DateTime<Utc>,
    },
    /// Completed or terminated: no longer changed.
    Closed,
    /// No such program in the school.
    Missing,
}

/// Saves a program shown at `version`, keeping the new version; refused over a newer one or
/// a closed program, nothing written.
pub async fn save(
    db: &mut impl Db,
    (org, id, version): (i64, i64, i64),
    f: ProgramFields<'_>,
    user: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Saved> {
    let Some(current) = get(db, org, id).await? else {
        return Ok(Saved::Missing);
    };
    if matches!(current.state, ProgramState::Completed | ProgramState::Terminated) {
        return Ok(Saved::Closed);
    }
    let n = with_db!(db, c => sqlx::query(
        "UPDATE programs SET start_on = $1, end_on = $2, length_reason = $3, note = $4, plan = $5, updated_by = $6, \
         updated_at = $7, version = version + 1 WHERE org_id = $8 AND id = $9 AND version = $10")
        .bind(f.period.start).bind(f.period.end).bind(f.length_reason).bind(json(f.note)).bind(json(&f.plan))
        .bind(user).bind(now).bind(org).bind(id).bind(version)
        .execute(&mut *c).await?.rows_affected());
    if n != 1 {
        // Read again: the one who saved in between may have committed after the first read.
        let latest = get(db, org, id).await?.unwrap_or(current);
        return Ok(Saved::Conflict {
            by: latest.updated_by,
            at: latest.updated_at,
        });
    }
    keep_version(db, (org, id), user, now).await?;
    Ok(Saved::Done(version + 1))
}

/// Keeps the program as it is now as its current version.
async fn keep_version(db: &mut impl Db, (org, id): (i64, i64), user: Option<i64>, now: DateTime<Utc>) -> Result<()> {
    let p = get(db, org, id)
        .await?
        .ok_or(StorageError::Corrupt(format!("program {id} vanished")))?;
    let snapshot = serde_json::json!({
        "start": p.period.start, "end": p.period.end, "length_reason": p.length_reason,
        "note": p.note, "plan": p.plan, "state": p.state.code(),
    })
    .to_string();
    with_db!(db, c => sqlx::query(
        "INSERT INTO program_versions (program_id, org_id, version, snapshot, changed_by, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(org).bind(p.version).bind(snapshot).bind(user).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// The kept versions of a program of the school, newest first: (version, who, when).
pub async fn versions(db: &mut impl Db, org: i64, id: i64) -> Result<Vec<(i64, Option<String>, DateTime<Utc>)>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT v.version, u.display_name, v.changed_at FROM program_versions v LEFT JOIN users u ON u.id = v.changed_by \
         WHERE v.org_id = $1 AND v.program_id = $2 ORDER BY v.version DESC")
        .bind(org).bind(id).fetch_all(&mut *c).await?))
}
