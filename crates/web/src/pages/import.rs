//! Uploading a list or a base: the file is checked in the background (a dry run), the
//! page shows a progress bar that refreshes itself (no scripts: the CSP forbids them),
//! then the report by row and column, and the commit once the file is clean.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::AcademicYear;
use domain::roster::{ListKind, Severity};

use super::{Chrome, render};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;
use app::import::{ImportReport, MAX_FILE_BYTES, Progress, Stage, Upload};

/// How long a finished check stays available for its commit.
const KEEP: Duration = Duration::from_secs(2 * 60 * 60);

/// Problems listed on the page (the rest are counted).
const SHOWN_PROBLEMS: usize = 1000;

/// One upload being checked or written.
struct Job {
    user_id: Option<i64>,
    org_id: i64,
    upload: Arc<Upload>,
    progress: Arc<Progress>,
    /// The outcome of the last step: `None` while it runs.
    outcome: Option<Result<ImportReport, String>>,
    started: Instant,
}

/// The uploads of every user, by an unguessable id (the page's URL holds no names).
#[derive(Default)]
pub struct ImportJobs(Mutex<HashMap<String, Job>>);

impl ImportJobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Job>> {
        // A panic while holding the lock leaves plain data; keep serving it.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn owns(job: &Job, ctx: &Ctx) -> bool {
    job.user_id == ctx.actor.user_id && job.org_id == ctx.actor.org_id
}

#[derive(Template)]
#[template(path = "import_form.html")]
struct FormPage {
    c: Chrome,
    kinds: Vec<(&'static str, String, String)>,
    year: String,
    error: Option<String>,
    file_hint: String,
}

fn kinds() -> Vec<(&'static str, String, String)> {
    let l = L;
    ListKind::ALL
        .iter()
        .map(|k| {
            (
                k.code(),
                l.t(&format!("import-kind-{}", k.code())),
                l.t(&format!("import-kind-{}-hint", k.code())),
            )
        })
        .collect()
}

async fn form_page(st: &AppState, ctx: &Ctx, error: Option<String>) -> Result<Response, WebError> {
    let today = st.app.today_at(ctx.actor.org_id).await?;
    let y = AcademicYear::containing(today).start_year();
    let page = render(&FormPage {
        c: Chrome::for_ctx(ctx, L.t("import-title"), "/bases/mentors"),
        kinds: kinds(),
        year: format!("{y}/{}", y + 1),
        file_hint: L.args(
            "import-file-hint",
            &[("mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string())],
        ),
        error: error.clone(),
    });
    Ok(if error.is_some() {
        super::with_status(page, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        page
    })
}

/// `GET /import`: the upload form.
pub async fn form(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    form_page(&st, &ctx, None).await
}

/// Runs a step of a job on a blocking thread (reading and checking 100,000 rows must not
/// hold up the server's other requests) and stores its outcome. The caller has marked the
/// job running (outcome `None`) under the lock, so a second click cannot start it twice.
fn spawn(st: &AppState, id: String, actor: app::Actor, commit: bool, upload: Arc<Upload>, progress: Arc<Progress>) {
    let (app, jobs) = (st.app.clone(), st.imports.clone());
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let result = handle.block_on(async {
            if commit {
                app.import_commit(&actor, &upload, &progress).await
            } else {
                app.import_dry_run(&actor, &upload, &progress).await
            }
        });
        let outcome = result.map_err(|e| match &e {
            app::AppError::Invalid(v) => L.violations(v),
            app::AppError::Forbidden => L.t("error-forbidden"),
            _ => {
                tracing::error!(error = %e, "import failed");
                L.args("error-internal", &[("id", "import".into())])
            }
        });
        if let Some(job) = jobs.lock().get_mut(&id) {
            if matches!(&outcome, Ok(r) if r.committed) {
                // Written: the file itself is no longer needed in memory.
                job.upload = Arc::new(Upload {
                    kind: upload.kind,
                    file_name: upload.file_name.clone(),
                    year: upload.year,
                    bytes: Vec::new(),
                });
            }
            job.outcome = Some(outcome);
        }
    });
}

/// Drops the jobs older than [`KEEP`].
fn sweep(jobs: &mut HashMap<String, Job>) {
    jobs.retain(|_, j| j.started.elapsed() < KEEP);
}

/// `POST /import` (multipart): stores the upload and starts its check.
pub async fn upload(State(st): State<AppState>, ctx: Ctx, mut form: Multipart) -> Result<Response, WebError> {
    let (mut csrf, mut kind, mut year, mut file) = (String::new(), String::new(), String::new(), None);
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => return Err(WebError::TooLarge),
            Err(_) => return Err(WebError::BadForm),
        };
        match field.name().unwrap_or_default() {
            "_csrf" => csrf = field.text().await.map_err(|_| WebError::BadForm)?,
            "kind" => kind = field.text().await.map_err(|_| WebError::BadForm)?,
            "year" => year = field.text().await.map_err(|_| WebError::BadForm)?,
            "file" => {
                let name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(|_| WebError::TooLarge)?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    if ctx.csrf.is_empty() || !bool::from(subtle::ConstantTimeEq::ct_eq(csrf.as_bytes(), ctx.csrf.as_bytes())) {
        return Err(WebError::Csrf);
    }
    let l = L;
    let Some(kind) = ListKind::from_code(&kind) else {
        return form_page(&st, &ctx, Some(l.t("import-choose-kind"))).await;
    };
    let year = match year.trim() {
        "" => None,
        y => match y
            .split(['/', '-', '–'])
            .next()
            .and_then(|s| s.trim().parse::<i32>().ok())
            .filter(|y| (2000..=2100).contains(y))
        {
            Some(start) => Some(AcademicYear::starting(start)),
            None => return form_page(&st, &ctx, Some(l.t("err-academic-year"))).await,
        },
    };
    let Some((file_name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return form_page(&st, &ctx, Some(l.t("import-choose-file"))).await;
    };
    let mut raw = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut raw);
    let id = hex::encode(raw);
    let upload = Arc::new(Upload {
        kind,
        file_name,
        year,
        bytes: bytes.into(),
    });
    let progress = Arc::new(Progress::default());
    {
        let mut jobs = st.imports.lock();
        sweep(&mut jobs);
        // A new upload replaces the account's earlier ones: one file per account in memory.
        jobs.retain(|_, j| !(j.user_id == ctx.actor.user_id && j.org_id == ctx.actor.org_id));
        jobs.insert(
            id.clone(),
            Job {
                user_id: ctx.actor.user_id,
                org_id: ctx.actor.org_id,
                upload: upload.clone(),
                progress: progress.clone(),
                outcome: None,
                started: Instant::now(),
            },
        );
    }
    spawn(&st, id.clone(), ctx.actor.clone(), false, upload, progress);
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// One problem as a row of the report.
pub struct ProblemRow {
    row: String,
    column: String,
    error: bool,
    message: String,
}

#[derive(Template)]
#[template(path = "import_job.html")]
struct JobPage {
    c: Chrome,
    id: String,
    kind: String,
    file_name: String,
    /// Running: (stage text, done, total).
    running: Option<(String, usize, usize)>,
    failure: Option<String>,
    report: Option<ImportReport>,
    summary: Vec<(String, usize)>,
    problems: Vec<ProblemRow>,
    more: String,
    verdict: String,
    can_commit: bool,
    base: Option<&'static str>,
}

/// `GET /import/{id}`: progress while the step runs, then the report.
pub async fn show(State(st): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let l = L;
    let (kind, file_name, running, outcome) = {
        let mut jobs = st.imports.lock();
        sweep(&mut jobs);
        let job = jobs
            .get(&id)
            .filter(|j| owns(j, &ctx))
            .ok_or(WebError::App(app::AppError::NotFound))?;
        let (stage, done, total) = job.progress.get();
        let stage = match stage {
            Stage::Reading => "import-stage-reading",
            Stage::Checking => "import-stage-checking",
            Stage::Comparing => "import-stage-comparing",
            Stage::Writing => "import-stage-writing",
            Stage::Done => "import-stage-done",
        };
        (
            job.upload.kind,
            job.upload.file_name.clone(),
            job.outcome.is_none().then(|| (l.t(stage), done, total)),
            job.outcome.clone(),
        )
    };
    let (failure, report) = match outcome {
        Some(Ok(r)) => (None, Some(r)),
        Some(Err(e)) => (Some(e), None),
        None => (None, None),
    };
    let mut page = JobPage {
        c: Chrome::for_ctx(&ctx, l.t("import-title"), "/bases/mentors"),
        id,
        kind: l.t(&format!("import-kind-{}", kind.code())),
        file_name,
        running,
        failure,
        report: None,
        summary: Vec::new(),
        problems: Vec::new(),
        more: String::new(),
        verdict: String::new(),
        can_commit: false,
        base: match kind {
            ListKind::Mentors => Some("mentors"),
            ListKind::Mentees => Some("mentees"),
            _ => None,
        },
    };
    if let Some(r) = report {
        page.summary = [
            ("import-rows", r.rows),
            ("import-new-people", r.new_people),
            ("import-updated-people", r.updated_people),
            ("import-unchanged-people", r.unchanged_people),
            ("import-new-guardians", r.new_guardians),
            ("import-new-entries", r.new_entries),
            ("import-updated-entries", r.updated_entries),
            ("import-errors", r.errors()),
            ("import-warnings", r.warnings()),
        ]
        .into_iter()
        .map(|(k, n)| (l.t(k), n))
        .collect();
        page.problems = r
            .problems
            .iter()
            .take(SHOWN_PROBLEMS)
            .map(|p| ProblemRow {
                row: p.row.map(|r| r.to_string()).unwrap_or_default(),
                column: p.column.clone().unwrap_or_default(),
                error: p.severity == Severity::Error,
                message: l.args(p.code, &p.args),
            })
            .collect();
        if r.problems.len() > SHOWN_PROBLEMS {
            page.more = l.n("import-more-problems", "n", (r.problems.len() - SHOWN_PROBLEMS) as i64);
        }
        page.verdict = if r.committed {
            l.t("import-committed")
        } else if r.errors() > 0 {
            l.t("import-has-errors")
        } else {
            l.t("import-clean")
        };
        page.can_commit = !r.committed && r.errors() == 0;
        page.report = Some(r);
    }
    Ok(render(&page))
}

/// `POST /import/{id}/commit`: writes a clean file in one transaction (checked again first).
pub async fn commit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let (upload, progress) = {
        let mut jobs = st.imports.lock();
        sweep(&mut jobs);
        let job = jobs
            .get_mut(&id)
            .filter(|j| owns(j, &ctx))
            .ok_or(WebError::App(app::AppError::NotFound))?;
        let clean = matches!(&job.outcome, Some(Ok(r)) if r.errors() == 0 && !r.committed);
        if !clean {
            // Running already (a second click) or not clean: the page shows where it is.
            return Ok(Redirect::to(&format!("/import/{id}")).into_response());
        }
        job.outcome = None;
        job.progress = Arc::new(Progress::default());
        (job.upload.clone(), job.progress.clone())
    };
    spawn(&st, id.clone(), ctx.actor.clone(), true, upload, progress);
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// Sample files of the lists, the way school information systems export them.
const SAMPLES: [(&str, &[u8]); 2] = [
    (
        "obuchayushchiesya.csv",
        include_bytes!("../../static/samples/obuchayushchiesya.csv"),
    ),
    ("sotrudniki.csv", include_bytes!("../../static/samples/sotrudniki.csv")),
];

/// `GET /import/samples/{name}`: a sample list to try the upload with.
pub async fn sample(Path(name): Path<String>) -> Result<Response, WebError> {
    let (name, bytes) = SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or(WebError::App(app::AppError::NotFound))?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv".to_string()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        *bytes,
    )
        .into_response())
}
