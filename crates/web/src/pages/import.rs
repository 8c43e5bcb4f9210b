//! Uploading a list or a base: the file is checked in the background (a dry run, a job of
//! `app::jobs` kept in the database), the page shows a progress bar that refreshes itself
//! (no scripts: the CSP forbids them), then the report by row and column, and the commit
//! once the file is clean.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::AcademicYear;
use domain::roster::ListKind;

use super::{Chrome, render};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;
use app::import::{MAX_FILE_BYTES, Upload};
use app::jobs::{JobReport, Stage};

/// Problems listed on the page (the rest are counted).
const SHOWN_PROBLEMS: usize = 1000;

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
    let upload = Upload {
        kind,
        file_name,
        year,
        bytes: bytes.into(),
    };
    let id = st.app.start_import(&ctx.actor, upload).await?;
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
    /// The failure can be undone by checking the stored file again.
    check_again: bool,
    report: Option<JobReport>,
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
    let job = st.app.import_job(&ctx.actor, &id).await?;
    let running = job.is_running().then(|| {
        let (stage, done, total) = job.progress;
        let key = match stage {
            Stage::Reading => "import-stage-reading",
            Stage::Checking => "import-stage-checking",
            Stage::Comparing => "import-stage-comparing",
            Stage::Writing => "import-stage-writing",
            Stage::Done => "import-stage-done",
        };
        (l.t(key), done, total)
    });
    let can_commit = job.can_commit();
    let mut page = JobPage {
        c: Chrome::for_ctx(&ctx, l.t("import-title"), "/bases/mentors"),
        kind: l.t(&format!("import-kind-{}", job.kind.code())),
        running,
        failure: job.failure.map(|f| WebError::Job(f).text(&job.id)),
        check_again: job.can_check_again(),
        report: None,
        summary: Vec::new(),
        problems: Vec::new(),
        more: String::new(),
        verdict: String::new(),
        can_commit,
        base: match job.kind {
            ListKind::Mentors => Some("mentors"),
            ListKind::Mentees => Some("mentees"),
            _ => None,
        },
        id: job.id,
        file_name: job.file_name,
    };
    if let Some(r) = job.report {
        page.summary = [
            ("import-rows", r.rows),
            ("import-clean-rows", r.clean_rows),
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
            .map(|p| {
                // An age reads with its unit, as on the forms: «Обучающемуся 9 лет».
                let args: Vec<(&str, String)> = p
                    .args
                    .iter()
                    .map(|(k, v)| (k.as_str(), if k == "age" { l.age(v) } else { v.clone() }))
                    .collect();
                ProblemRow {
                    row: p.row.map(|r| r.to_string()).unwrap_or_default(),
                    column: p.column.clone().unwrap_or_default(),
                    error: p.error,
                    message: l.args(&p.code, &args),
                }
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
    // Not clean, or running already (a second click): the page shows where it is.
    st.app.commit_import_job(&ctx.actor, &id).await?;
    Ok(Redirect::to(&format!("/import/{id}")).into_response())
}

/// `POST /import/{id}/check`: checks the stored file again after a check was cut off.
pub async fn check_again(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    st.app.check_import_job_again(&ctx.actor, &id).await?;
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
