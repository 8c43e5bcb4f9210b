//! Import jobs: an upload is stored with its file in the database and checked (then, on
//! request, written) by a worker of whichever server took it. A restart keeps the jobs,
//! and every server on one database sees the same ones; only the account that uploaded a
//! file sees its job (anyone else gets «not found»). A job expires after [`KEEP`].

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::Permission;
use domain::roster::{ListKind, Severity};
use domain::throttle::{RESET_AFTER_SECS, TRUSTED_FOR_SECS};
use serde::{Deserialize, Serialize};
use storage::Backend;
use storage::repo::{jobs, login_throttle, orgs, searches};

use crate::import::{ImportReport, Progress, Upload};
use crate::{Actor, App, AppError, Result};

pub use domain::job::{JobFailure, JobState, JobStep, Stage};

/// How long an upload and its report are kept.
pub const KEEP: chrono::TimeDelta = chrono::TimeDelta::hours(2);

/// A running job writes a sign of life this often.
const BEAT: Duration = Duration::from_secs(1);

/// A PostgreSQL job silent this long ran on a server that stopped. (SQLite's file has one
/// server, so its jobs left running are cut off at its start: see [`App::recover_jobs`].)
const STALE: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

/// One problem of a stored report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportProblem {
    /// Row number as Excel shows it; `None` for the file as a whole.
    pub row: Option<usize>,
    /// The column's header and letter.
    pub column: Option<String>,
    /// An error (stops the commit) rather than a warning.
    pub error: bool,
    /// Fluent message id.
    pub code: String,
    /// Named arguments of the message.
    pub args: Vec<(String, String)>,
}

/// An import's report as a job keeps it (see [`ImportReport`] for the fields).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct JobReport {
    /// The file could not be read at all: the reader's message.
    pub file_error: Option<String>,
    /// «XLSX», «CSV, windows-1251, …».
    pub format: String,
    /// The header row found.
    pub header_row: Option<usize>,
    /// Rows with data under the header.
    pub rows: usize,
    /// Of them, rows without errors (a report kept before this field reads 0).
    #[serde(default)]
    pub clean_rows: usize,
    /// People to add.
    pub new_people: usize,
    /// People found and changed.
    pub updated_people: usize,
    /// People found unchanged.
    pub unchanged_people: usize,
    /// Guardians to add.
    pub new_guardians: usize,
    /// Base entries to add.
    pub new_entries: usize,
    /// Base entries to update.
    pub updated_entries: usize,
    /// Every problem, errors first.
    pub problems: Vec<ReportProblem>,
    /// Written to the database.
    pub committed: bool,
}

impl From<ImportReport> for JobReport {
    fn from(r: ImportReport) -> Self {
        Self {
            file_error: r.file_error,
            format: r.format,
            header_row: r.header_row,
            rows: r.rows,
            clean_rows: r.clean_rows,
            new_people: r.new_people,
            updated_people: r.updated_people,
            unchanged_people: r.unchanged_people,
            new_guardians: r.new_guardians,
            new_entries: r.new_entries,
            updated_entries: r.updated_entries,
            problems: r
                .problems
                .into_iter()
                .map(|p| ReportProblem {
                    row: p.row,
                    column: p.column,
                    error: p.severity == Severity::Error,
                    code: p.code.to_string(),
                    args: p.args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                })
                .collect(),
            committed: r.committed,
        }
    }
}

impl JobReport {
    /// Errors (the file cannot be written while there are any).
    pub fn errors(&self) -> usize {
        usize::from(self.file_error.is_some()) + self.problems.iter().filter(|p| p.error).count()
    }

    /// Warnings.
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| !p.error).count()
    }
}

/// A job as its owner sees it.
#[derive(Debug, Clone)]
pub struct ImportJob {
    /// Opaque id (the page's URL).
    pub id: String,
    /// What the file is.
    pub kind: ListKind,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The step run last or running.
    pub step: JobStep,
    /// Where the step is.
    pub state: JobState,
    /// Stage of a running step, rows done and rows in all.
    pub progress: (Stage, usize, usize),
    /// The report of the finished step.
    pub report: Option<JobReport>,
    /// Why the step stopped without a report.
    pub failure: Option<JobFailure>,
}

impl ImportJob {
    /// Queued or running.
    pub fn is_running(&self) -> bool {
        matches!(self.state, JobState::Queued | JobState::Running)
    }

    /// A finished check without errors, not written yet.
    pub fn can_commit(&self) -> bool {
        self.state == JobState::Done && self.report.as_ref().is_some_and(|r| !r.committed && r.errors() == 0)
    }

    /// Stopped without a report: the stored file can be checked again.
    pub fn can_check_again(&self) -> bool {
        self.state == JobState::Failed
    }
}

/// The school and account an owner-only record belongs to; a caller without an account
/// (an API token of no one) has none.
pub(crate) fn owner(actor: &Actor) -> Result<(i64, i64)> {
    actor.user_id.map(|u| (actor.org_id, u)).ok_or(AppError::Forbidden)
}

/// A random, opaque id of 128 bits.
pub(crate) fn random_id() -> String {
    let mut raw = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
    hex::encode(raw)
}

fn require_for(actor: &Actor, kind: ListKind, step: JobStep) -> Result<()> {
    actor.require(Permission::ImportLists)?;
    if step == JobStep::Commit && matches!(kind, ListKind::Mentors | ListKind::Mentees) {
        actor.require(Permission::EditBases)?;
    }
    Ok(())
}

impl App {
    /// Stores an upload and starts its check; the job's id. A new upload replaces the
    /// account's earlier ones that no worker runs (one stored file per account).
    pub async fn start_import(&self, actor: &Actor, upload: Upload) -> Result<String> {
        require_for(actor, upload.kind, JobStep::Check)?;
        let (org, user) = owner(actor)?;
        let mut tx = self.store.begin().await?;
        let school = orgs::get_org(&mut tx, org).await?.ok_or(AppError::NotFound)?;
        if school.kind != domain::OrgKind::School {
            return Err(domain::Violation::new("org", "err-not-a-school").into());
        }
        let id = random_id();
        let now = self.now();
        jobs::delete_idle_of(&mut tx, org, user).await?;
        jobs::insert(
            &mut tx,
            &jobs::NewJob {
                id: &id,
                org_id: org,
                user_id: user,
                kind: upload.kind,
                file_name: &upload.file_name,
                year: upload.year,
                file: &upload.bytes,
                now,
                expires_at: now + KEEP,
            },
        )
        .await?;
        tx.commit().await?;
        self.spawn_run(actor.clone(), id.clone());
        Ok(id)
    }

    /// The caller's job `id`; another account's or an expired job is not found.
    pub async fn import_job(&self, actor: &Actor, id: &str) -> Result<ImportJob> {
        actor.require(Permission::ImportLists)?;
        let (org, user) = owner(actor)?;
        let now = self.now();
        let mut row = {
            let mut c = self.store.read().await?;
            jobs::get(&mut c, id, org, user, now).await?.ok_or(AppError::NotFound)?
        };
        let running = matches!(row.state, JobState::Queued | JobState::Running);
        if let Some(before) = self.stale_before(now).filter(|b| running && row.updated_at < *b) {
            let mut tx = self.store.begin().await?;
            jobs::interrupt_stale(&mut tx, Some(before), now).await?;
            row = jobs::get(&mut tx, id, org, user, now)
                .await?
                .ok_or(AppError::NotFound)?;
            tx.commit().await?;
        }
        let report = match (&row.state, &row.report) {
            (JobState::Done, Some(json)) => Some(
                serde_json::from_str::<JobReport>(json).map_err(|e| AppError::Internal(format!("job report: {e}")))?,
            ),
            _ => None,
        };
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        Ok(ImportJob {
            id: row.id,
            kind: row.kind,
            file_name: row.file_name,
            step: row.step,
            state: row.state,
            progress: (row.stage, count(row.done_rows), count(row.total_rows)),
            report,
            failure: row.failure,
        })
    }

    /// Starts writing a clean, checked job. A job that is not (a second click, a commit
    /// running or done) is left as it is: its page shows where it is. The commit itself
    /// marks the job written in its own transaction, so a file is written once at most.
    pub async fn commit_import_job(&self, actor: &Actor, id: &str) -> Result<()> {
        let job = self.import_job(actor, id).await?;
        require_for(actor, job.kind, JobStep::Commit)?;
        if !job.can_commit() {
            return Ok(());
        }
        let (org, user) = owner(actor)?;
        let mut tx = self.store.begin().await?;
        let queued = jobs::queue_commit(&mut tx, id, org, user, self.now()).await?;
        tx.commit().await?;
        if queued {
            self.spawn_run(actor.clone(), id.to_string());
        }
        Ok(())
    }

    /// Checks the stored file of a job that stopped without a report again.
    pub async fn check_import_job_again(&self, actor: &Actor, id: &str) -> Result<()> {
        let job = self.import_job(actor, id).await?;
        require_for(actor, job.kind, JobStep::Check)?;
        let (org, user) = owner(actor)?;
        let mut tx = self.store.begin().await?;
        let queued = jobs::queue_check(&mut tx, id, org, user, self.now()).await?;
        tx.commit().await?;
        if queued {
            self.spawn_run(actor.clone(), id.to_string());
        }
        Ok(())
    }

    /// At a server's start: the jobs left queued or running by a server that stopped are
    /// marked interrupted (nothing of theirs was written: a commit is one transaction), and
    /// their pages offer to check the file again. On PostgreSQL other servers may be running
    /// theirs, so only the silent ones count; an SQLite file has one server.
    pub async fn recover_jobs(&self) -> Result<u64> {
        let now = self.now();
        let mut tx = self.store.begin().await?;
        let n = jobs::interrupt_stale(&mut tx, self.stale_before(now), now).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Deletes expired jobs (with their files), saved searches and stale login counters, and marks the jobs of
    /// stopped servers interrupted (PostgreSQL).
    pub async fn sweep_expired(&self) -> Result<()> {
        let now = self.now();
        let mut tx = self.store.begin().await?;
        jobs::delete_expired(&mut tx, now).await?;
        searches::delete_expired(&mut tx, now).await?;
        let secs = now.timestamp();
        login_throttle::delete_stale(&mut tx, secs - RESET_AFTER_SECS, secs - TRUSTED_FOR_SECS, secs).await?;
        if let Some(before) = self.stale_before(now) {
            jobs::interrupt_stale(&mut tx, Some(before), now).await?;
        }
        Ok(tx.commit().await?)
    }

    /// Jobs silent since this moment are dead (PostgreSQL); `None`: SQLite, where a job is
    /// alive while its one server runs (its sign of life waits behind a long commit).
    fn stale_before(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (self.store.backend() == Backend::Postgres).then(|| now - STALE)
    }

    /// Runs a queued job on a blocking thread: reading and checking 100,000 rows must not
    /// hold up the server's other requests.
    fn spawn_run(&self, actor: Actor, id: String) {
        let app = self.clone();
        let handle = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || handle.block_on(app.run_job(&actor, &id)));
    }

    async fn run_job(&self, actor: &Actor, id: &str) {
        if let Err(e) = self.try_run_job(actor, id).await {
            tracing::error!(job = %id, error = %e, "import job not recorded");
        }
    }

    async fn try_run_job(&self, actor: &Actor, id: &str) -> Result<()> {
        let claimed = {
            let mut tx = self.store.begin().await?;
            let claimed = jobs::claim(&mut tx, id, self.now()).await?;
            tx.commit().await?;
            claimed
        };
        // Taken by another worker, or replaced by a new upload.
        let Some(job) = claimed else { return Ok(()) };
        let attempt = job.attempt;
        let upload = Upload {
            kind: job.kind,
            file_name: job.file_name,
            year: job.year,
            bytes: job.file,
        };
        let progress = Arc::new(Progress::default());
        let beat = tokio::spawn(self.clone().beat(id.to_string(), attempt, progress.clone()));
        let result = match job.step {
            JobStep::Check => self.import_dry_run(actor, &upload, &progress).await,
            JobStep::Commit => self.import_commit_job(actor, &upload, &progress, (id, attempt)).await,
        };
        beat.abort();
        drop(upload);
        let now = self.now();
        let mut tx = self.store.begin().await?;
        match result {
            Ok(report) => {
                let json = serde_json::to_string(&JobReport::from(report))
                    .map_err(|e| AppError::Internal(format!("job report: {e}")))?;
                jobs::finish(&mut tx, id, attempt, &json, now).await?;
            }
            Err(e) => {
                let why = match e {
                    AppError::Forbidden => JobFailure::Forbidden,
                    _ => {
                        tracing::error!(job = %id, error = %e, "import job failed");
                        JobFailure::Internal
                    }
                };
                jobs::fail(&mut tx, id, attempt, why, now).await?;
            }
        }
        Ok(tx.commit().await?)
    }

    /// Writes the run's progress every [`BEAT`] until aborted: the page of any server shows
    /// it, and PostgreSQL servers tell a live run from one cut off by a stop.
    async fn beat(self, id: String, attempt: i64, progress: Arc<Progress>) {
        let mut tick = tokio::time::interval(BEAT);
        loop {
            tick.tick().await;
            let (stage, done, total) = progress.get();
            let wide = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
            let write = async {
                let mut tx = self.store.begin().await?;
                jobs::progress(&mut tx, &id, attempt, (stage, wide(done), wide(total)), self.now()).await?;
                tx.commit().await
            };
            if let Err(e) = write.await {
                tracing::warn!(job = %id, error = %e, "import progress not written");
            }
        }
    }
}
