//! Import jobs: an uploaded file, where its check or commit is, and the report. Every
//! query names the owner (school and account) or the run (`attempt`) it is for.

use chrono::{DateTime, Utc};
use domain::AcademicYear;
use domain::job::{JobFailure, JobState, JobStep, Stage};
use domain::roster::ListKind;

use crate::{Db, Result, StorageError, with_db};

/// A new job, queued for its check.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    /// Random, opaque id.
    pub id: &'a str,
    /// The school.
    pub org_id: i64,
    /// The account that uploaded the file (the only one that sees the job).
    pub user_id: i64,
    /// What the file is.
    pub kind: ListKind,
    /// The file's name as uploaded.
    pub file_name: &'a str,
    /// Academic year for a base; the current one when `None`.
    pub year: Option<AcademicYear>,
    /// The file.
    pub file: &'a [u8],
    /// Now.
    pub now: DateTime<Utc>,
    /// When the job and its file are deleted.
    pub expires_at: DateTime<Utc>,
}

/// A job as its owner sees it (without the file).
#[derive(Debug, Clone)]
pub struct JobRow {
    /// Id.
    pub id: String,
    /// What the file is.
    pub kind: ListKind,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The step run last or running.
    pub step: JobStep,
    /// Where the step is.
    pub state: JobState,
    /// The run of the step.
    pub attempt: i64,
    /// Stage of the running step.
    pub stage: Stage,
    /// Rows done.
    pub done_rows: i64,
    /// Rows in all.
    pub total_rows: i64,
    /// The step's report (JSON), once done.
    pub report: Option<String>,
    /// Why the step failed.
    pub failure: Option<JobFailure>,
    /// The file has been written to the school's data.
    pub committed: bool,
    /// Last sign of life of the running step.
    pub updated_at: DateTime<Utc>,
}

/// A job a worker has taken: what it needs to run the step.
#[derive(Debug, Clone)]
pub struct ClaimedJob {
    /// The step to run.
    pub step: JobStep,
    /// This run's number.
    pub attempt: i64,
    /// What the file is.
    pub kind: ListKind,
    /// The file's name as uploaded.
    pub file_name: String,
    /// Academic year for a base.
    pub year: Option<AcademicYear>,
    /// The file.
    pub file: Vec<u8>,
}

type RawJob = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    Option<String>,
    Option<String>,
    bool,
    DateTime<Utc>,
);

fn corrupt(what: &str, code: &str) -> StorageError {
    StorageError::Corrupt(format!("import job {what} {code:?}"))
}

fn decode(r: RawJob) -> Result<JobRow> {
    let (
        id,
        kind,
        file_name,
        step,
        state,
        attempt,
        stage,
        done_rows,
        total_rows,
        report,
        failure,
        committed,
        updated_at,
    ) = r;
    Ok(JobRow {
        kind: ListKind::from_code(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        step: JobStep::from_code(&step).ok_or_else(|| corrupt("step", &step))?,
        state: JobState::from_code(&state).ok_or_else(|| corrupt("state", &state))?,
        stage: Stage::from_code(&stage).ok_or_else(|| corrupt("stage", &stage))?,
        failure: match failure {
            Some(f) => Some(JobFailure::from_code(&f).ok_or_else(|| corrupt("failure", &f))?),
            None => None,
        },
        id,
        file_name,
        attempt,
        done_rows,
        total_rows,
        report,
        committed,
        updated_at,
    })
}

/// Stores a new job, queued for its check.
pub async fn insert(db: &mut impl Db, j: &NewJob<'_>) -> Result<()> {
    let year = j.year.map(|y| i64::from(y.start_year()));
    with_db!(db, c => sqlx::query(
        "INSERT INTO import_jobs (id, org_id, user_id, kind, file_name, start_year, step, state, file, \
         created_at, updated_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, 'check', 'queued', $7, $8, $8, $9)")
        .bind(j.id).bind(j.org_id).bind(j.user_id).bind(j.kind.code()).bind(j.file_name).bind(year)
        .bind(j.file).bind(j.now).bind(j.expires_at)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Deletes an account's jobs that no worker runs (a new upload replaces them); how many.
pub async fn delete_idle_of(db: &mut impl Db, org: i64, user: i64) -> Result<u64> {
    Ok(with_db!(db, c => sqlx::query(
        "DELETE FROM import_jobs WHERE org_id = $1 AND user_id = $2 AND state <> 'running'")
        .bind(org).bind(user).execute(&mut *c).await?.rows_affected()))
}

/// The job `id` of this account in this school, unless expired.
pub async fn get(db: &mut impl Db, id: &str, org: i64, user: i64, now: DateTime<Utc>) -> Result<Option<JobRow>> {
    let row: Option<RawJob> = with_db!(db, c => sqlx::query_as(
        "SELECT id, kind, file_name, step, state, attempt, stage, done_rows, total_rows, report, failure, \
         committed, updated_at FROM import_jobs \
         WHERE id = $1 AND org_id = $2 AND user_id = $3 AND expires_at > $4")
        .bind(id).bind(org).bind(user).bind(now).fetch_optional(&mut *c).await?);
    row.map(decode).transpose()
}

/// Queues the commit of a checked job; `false` if it is not a finished, unwritten check
/// (a second click, or someone else's job).
pub async fn queue_commit(db: &mut impl Db, id: &str, org: i64, user: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET step = 'commit', state = 'queued', updated_at = $4 \
         WHERE id = $1 AND org_id = $2 AND user_id = $3 AND expires_at > $4 \
         AND step = 'check' AND state = 'done' AND committed = FALSE AND file IS NOT NULL")
        .bind(id).bind(org).bind(user).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Queues a new check of a failed job (the file is still there); `false` if it did not fail.
pub async fn queue_check(db: &mut impl Db, id: &str, org: i64, user: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET step = 'check', state = 'queued', failure = NULL, report = NULL, updated_at = $4 \
         WHERE id = $1 AND org_id = $2 AND user_id = $3 AND expires_at > $4 \
         AND state = 'failed' AND committed = FALSE AND file IS NOT NULL")
        .bind(id).bind(org).bind(user).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Takes a queued job for a run: the next attempt, with the file. `None` if it is not
/// queued any more (another worker took it, or it was replaced).
pub async fn claim(db: &mut impl Db, id: &str, now: DateTime<Utc>) -> Result<Option<ClaimedJob>> {
    type Raw = (String, i64, String, String, Option<i64>, Option<Vec<u8>>);
    let row: Option<Raw> = with_db!(db, c => sqlx::query_as(
        "UPDATE import_jobs SET state = 'running', attempt = attempt + 1, stage = 'reading', done_rows = 0, \
         total_rows = 0, updated_at = $2 WHERE id = $1 AND state = 'queued' AND file IS NOT NULL \
         RETURNING step, attempt, kind, file_name, start_year, file")
        .bind(id).bind(now).fetch_optional(&mut *c).await?);
    let Some((step, attempt, kind, file_name, year, file)) = row else {
        return Ok(None);
    };
    Ok(Some(ClaimedJob {
        step: JobStep::from_code(&step).ok_or_else(|| corrupt("step", &step))?,
        attempt,
        kind: ListKind::from_code(&kind).ok_or_else(|| corrupt("kind", &kind))?,
        file_name,
        year: year.and_then(|y| i32::try_from(y).ok()).map(AcademicYear::starting),
        file: file.unwrap_or_default(),
    }))
}

/// Where a run is, as a sign of life.
pub async fn progress(
    db: &mut impl Db,
    id: &str,
    attempt: i64,
    (stage, done, total): (Stage, i64, i64),
    now: DateTime<Utc>,
) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET stage = $3, done_rows = $4, total_rows = $5, updated_at = $6 \
         WHERE id = $1 AND attempt = $2 AND state = 'running'")
        .bind(id).bind(attempt).bind(stage.code()).bind(done).bind(total).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Marks the job written, inside the commit's transaction: `false` if this run is not the
/// job's current one or the job was written already (then the transaction must roll back).
pub async fn mark_committed(db: &mut impl Db, id: &str, attempt: i64) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET committed = TRUE WHERE id = $1 AND attempt = $2 AND state = 'running' \
         AND step = 'commit' AND committed = FALSE")
        .bind(id).bind(attempt).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Stores a run's report (JSON); a written job's file is dropped.
pub async fn finish(db: &mut impl Db, id: &str, attempt: i64, report: &str, now: DateTime<Utc>) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET state = 'done', stage = 'done', report = $3, failure = NULL, updated_at = $4, \
         file = CASE WHEN committed THEN NULL ELSE file END WHERE id = $1 AND attempt = $2 AND state = 'running'")
        .bind(id).bind(attempt).bind(report).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Records why a run stopped.
pub async fn fail(db: &mut impl Db, id: &str, attempt: i64, why: JobFailure, now: DateTime<Utc>) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET state = 'failed', failure = $3, updated_at = $4 \
         WHERE id = $1 AND attempt = $2 AND state = 'running'")
        .bind(id).bind(attempt).bind(why.code()).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Marks as interrupted the queued and running jobs with no sign of life since `before`
/// (every such job when `before` is `None`); how many.
pub async fn interrupt_stale(db: &mut impl Db, before: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<u64> {
    let why = JobFailure::Interrupted.code();
    Ok(with_db!(db, c => sqlx::query(
        "UPDATE import_jobs SET state = 'failed', failure = $1, updated_at = $2 \
         WHERE state IN ('queued', 'running') AND ($3 IS NULL OR updated_at < $3)")
        .bind(why).bind(now).bind(before).execute(&mut *c).await?.rows_affected()))
}

/// Deletes expired jobs with their files; how many.
pub async fn delete_expired(db: &mut impl Db, now: DateTime<Utc>) -> Result<u64> {
    Ok(
        with_db!(db, c => sqlx::query("DELETE FROM import_jobs WHERE expires_at <= $1")
        .bind(now).execute(&mut *c).await?.rows_affected()),
    )
}
