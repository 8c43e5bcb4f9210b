//! The base of mentors and the base of mentees: the list with filters, counts and
//! pages, the export, status changes, and the municipal base of mentors.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Permission;
use domain::base::{BaseKind, EntryStatus, Form, Labelled, MenteeCategory, MentorCategory};

use super::{Chrome, render, search};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;
use app::bases::{BaseQuery, ExportFormat};

/// A list row ready for the template.
pub struct Row {
    id: i64,
    person_id: i64,
    cells: Vec<String>,
    next: Vec<(&'static str, &'static str)>,
}

/// A select's options: (code, label).
type Options = Vec<(String, String)>;

/// A pager link: (page, label, href for GET).
type PageLink = (i64, String, String);

#[derive(Template)]
#[template(path = "base_list.html")]
struct ListPage {
    c: Chrome,
    /// Where the list lives: `/bases/mentors` or `/municipality/mentors`.
    here: String,
    base: &'static str,
    subtitle: String,
    q: BaseQuery,
    headers: Vec<&'static str>,
    rows: Vec<Row>,
    found: String,
    counts: Vec<(String, Vec<(String, i64)>)>,
    statuses: Options,
    categories: Options,
    forms: Options,
    sorts: Options,
    can_edit: bool,
    can_open: bool,
    municipal: bool,
    page_label: String,
    prev: Option<PageLink>,
    next: Option<PageLink>,
    /// The list's filters with the search text, for the export form (a POST).
    hidden: Vec<(&'static str, String)>,
    /// The URL named a search that can no longer be used.
    search_notice: Option<String>,
    /// The academic year shown: «2026/2027».
    year_label: String,
}

fn base_of(code: &str) -> Result<BaseKind, WebError> {
    BaseKind::from_code(code).ok_or(WebError::App(app::AppError::NotFound))
}

fn options<T: Labelled>(keep: impl Fn(T) -> bool) -> Options {
    T::ALL
        .iter()
        .copied()
        .filter(|v| keep(*v))
        .map(|v| (v.code().to_string(), v.label().to_string()))
        .collect()
}

/// The filters of a query that may stand in a URL or a hidden field (`q` only when posted).
fn filters(q: &BaseQuery, with_q: bool) -> Vec<(&'static str, String)> {
    [
        ("year", &q.year),
        ("status", &q.status),
        ("category", &q.category),
        ("group", &q.group),
        ("form", &q.form),
        ("sort", &q.sort),
        ("remote", &q.remote),
        ("q", if with_q { &q.q } else { &None }),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
    .collect()
}

/// A page of the list: its filters, the saved search `s` and the page number.
fn link(here: &str, q: &BaseQuery, s: Option<&str>, page: i64) -> String {
    let mut pairs: Vec<(&'static str, String)> = s.map(|s| ("s", s.to_string())).into_iter().collect();
    pairs.extend(filters(q, false));
    pairs.push(("page", page.to_string()));
    search::url(here, &pairs)
}

/// The list's URL: the filters and `s`, the id of a saved search (never the name).
#[derive(serde::Deserialize)]
pub struct ListParams {
    #[serde(flatten)]
    q: BaseQuery,
    s: Option<String>,
}

/// The list for a GET: the name searched comes from the saved search `s`, never the URL.
async fn list_of(st: &AppState, ctx: &Ctx, base: BaseKind, p: ListParams) -> Result<Response, WebError> {
    let ListParams { mut q, s } = p;
    let recalled = search::recall(st, ctx, s.as_deref()).await?;
    q.q = recalled.text;
    let s = s.filter(|_| q.q.is_some());
    render_list(st, ctx, base, q, s, recalled.notice).await
}

/// The list's own address: the school's base or the municipal base of mentors.
fn here_of(ctx: &Ctx, base: BaseKind) -> String {
    if ctx.can(Permission::ViewBases) {
        format!("/bases/{}", base.code())
    } else {
        "/municipality/mentors".to_string()
    }
}

/// A posted search: 303 to the list's URL with the saved search's id and the filters.
async fn search_in(st: &AppState, ctx: &Ctx, base: BaseKind, q: BaseQuery) -> Result<Response, WebError> {
    search::redirect(st, ctx, &here_of(ctx, base), q.q.as_deref(), filters(&q, false)).await
}

async fn render_list(
    st: &AppState,
    ctx: &Ctx,
    base: BaseKind,
    q: BaseQuery,
    s: Option<String>,
    search_notice: Option<String>,
) -> Result<Response, WebError> {
    let l = L;
    let page = st.app.base_page(&ctx.actor, base, &q).await?;
    let municipal = !ctx.can(Permission::ViewBases);
    let here = here_of(ctx, base);
    let title = if municipal {
        l.t("bases-municipal-title")
    } else {
        base.label().to_string()
    };
    let sensitive = ctx.can(Permission::ViewSensitive);
    let categories = match base {
        BaseKind::Mentors => options::<MentorCategory>(|_| true),
        BaseKind::Mentees => options::<MenteeCategory>(|c| sensitive || !c.is_sensitive()),
    };
    let statuses = EntryStatus::ALL
        .iter()
        .map(|s| {
            let label = match base {
                BaseKind::Mentors => s.mentor_label(),
                BaseKind::Mentees => s.label(),
            };
            (s.code().to_string(), label.to_string())
        })
        .collect();
    let sorts = [
        ("name", "bases-sort-name"),
        ("-name", "bases-sort-name-desc"),
        ("place", "bases-sort-place"),
        ("status", "bases-sort-status"),
        ("category", "bases-sort-category"),
        ("form", "bases-sort-form"),
        ("-entry_date", "bases-sort-entry-date-desc"),
    ]
    .iter()
    .map(|(code, key)| (code.to_string(), l.t(key)))
    .collect();
    let counts = vec![
        (l.t("bases-by-status"), page.by_status.clone()),
        (l.t("bases-by-form"), page.by_form.clone()),
        (l.t("bases-by-category"), page.by_category.clone()),
        (l.t("bases-by-group"), page.by_group.clone()),
    ];
    let pl = |p: i64, key: &str| (p, l.t(key), link(&here, &q, s.as_deref(), p));
    let year_label = format!("{}/{}", page.year.start_year(), page.year.start_year() + 1);
    let subtitle = l.args(
        "bases-subtitle",
        [("org", page.organization.clone()), ("year", year_label.clone())],
    );
    let prev = (page.page > 1).then(|| pl(page.page - 1, "prev-page"));
    let next = (page.page < page.pages).then(|| pl(page.page + 1, "next-page"));
    Ok(render(&ListPage {
        c: Chrome::for_ctx(
            ctx,
            title,
            if municipal {
                "/municipality/mentors"
            } else {
                "/bases/mentors"
            },
        ),
        base: base.code(),
        subtitle,
        headers: page.headers.clone(),
        rows: page
            .rows
            .into_iter()
            .map(|r| Row {
                id: r.id,
                person_id: r.person_id,
                cells: r.cells,
                next: r.next,
            })
            .collect(),
        found: l.n("bases-found", "n", page.total),
        counts,
        statuses,
        categories,
        forms: options::<Form>(|_| true),
        sorts,
        can_edit: ctx.can(Permission::EditBases),
        can_open: ctx.can(Permission::ViewParticipants) && !municipal,
        municipal,
        page_label: l.args(
            "page-of",
            &[("page", page.page.to_string()), ("pages", page.pages.to_string())],
        ),
        prev,
        next,
        hidden: filters(&q, true),
        search_notice,
        year_label,
        here,
        q,
    }))
}

/// `GET /bases/{base}`: filters in the URL, the name searched behind `s`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(base): Path<String>,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    list_of(&st, &ctx, base_of(&base)?, p).await
}

/// `POST /bases/{base}/search`: 303 to the list with the search saved behind an id.
pub async fn search(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(base): Path<String>,
    CsrfForm(q): CsrfForm<BaseQuery>,
) -> Result<Response, WebError> {
    search_in(&st, &ctx, base_of(&base)?, q).await
}

/// `GET /municipality/mentors`: the mentors of every school of the municipality.
pub async fn municipal(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(p): Query<ListParams>,
) -> Result<Response, WebError> {
    list_of(&st, &ctx, BaseKind::Mentors, p).await
}

/// `POST /municipality/mentors/search`.
pub async fn municipal_search(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(q): CsrfForm<BaseQuery>,
) -> Result<Response, WebError> {
    search_in(&st, &ctx, BaseKind::Mentors, q).await
}

/// The export form: the list's filters and the format.
#[derive(serde::Deserialize)]
pub struct ExportForm {
    #[serde(flatten)]
    q: BaseQuery,
    #[serde(default)]
    format: String,
}

async fn export(st: &AppState, ctx: &Ctx, base: BaseKind, f: ExportForm) -> Result<Response, WebError> {
    let format = ExportFormat::from_code(&f.format).unwrap_or(ExportFormat::Xlsx);
    let bytes = st.app.export_base(&ctx.actor, base, &f.q, format).await?;
    let (mime, ext) = match format {
        ExportFormat::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
    };
    // The file name holds no personal data: the base and the day.
    let name = match base {
        BaseKind::Mentors => "baza-nastavnikov",
        BaseKind::Mentees => "baza-nastavlyaemyh",
    };
    let today = st.app.today_at(ctx.actor.org_id).await?;
    let disposition = format!("attachment; filename=\"{name}-{today}.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /bases/{base}/export`.
pub async fn export_school(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(base): Path<String>,
    CsrfForm(f): CsrfForm<ExportForm>,
) -> Result<Response, WebError> {
    export(&st, &ctx, base_of(&base)?, f).await
}

/// `POST /municipality/mentors/export`.
pub async fn export_municipal(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<ExportForm>,
) -> Result<Response, WebError> {
    export(&st, &ctx, BaseKind::Mentors, f).await
}

/// The status form of a row.
#[derive(serde::Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    base: String,
}

/// `POST /bases/entries/{id}/status`.
pub async fn set_status(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<StatusForm>,
) -> Result<Response, WebError> {
    let to = EntryStatus::from_code(&f.status).ok_or(WebError::BadForm)?;
    st.app.set_entry_status(&ctx.actor, id, to).await?;
    let base = base_of(&f.base).unwrap_or(BaseKind::Mentees);
    Ok(Redirect::to(&format!("/bases/{}", base.code())).into_response())
}

/// The enroll form of the participant card.
#[derive(serde::Deserialize)]
pub struct EnrollForm {
    #[serde(default)]
    base: String,
}

/// `POST /participants/{id}/enroll`: puts the participant into a base of the current year.
pub async fn enroll(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<EnrollForm>,
) -> Result<Response, WebError> {
    let base = base_of(&f.base)?;
    st.app.enroll(&ctx.actor, id, base, &BaseQuery::default()).await?;
    Ok(Redirect::to(&format!("/participants/{id}")).into_response())
}

/// A personal link shown once: to whom, the address, its rules, and the way back.
#[derive(Template)]
#[template(path = "q_link.html")]
pub(super) struct LinkPage {
    pub(super) c: Chrome,
    pub(super) intro: String,
    pub(super) url: String,
    pub(super) rules: String,
    pub(super) back: (String, String),
}

/// The address of a public page (`/q/…`, `/c/…`) as the person will open it: this server's
/// host as the browser named it (anything odd: localhost), https behind TLS.
pub(super) fn public_url(st: &AppState, headers: &axum::http::HeaderMap, path: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .unwrap_or("localhost");
    let scheme = if st.config.tls { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}

/// `POST /bases/entries/{id}/link`: issues a questionnaire link and shows it once.
pub async fn questionnaire_link(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    headers: axum::http::HeaderMap,
    CsrfForm(_): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    let l = L;
    let link = st.app.questionnaire_link(&ctx.actor, id).await?;
    Ok(render(&LinkPage {
        c: Chrome::for_ctx(&ctx, l.t("link-title"), "/participants"),
        intro: l.args("link-intro", [("respondent", link.respondent.clone())]),
        url: public_url(&st, &headers, &format!("/q/{}", link.token)),
        rules: l.args("link-rules", [("date", super::ru_date(link.expires_on))]),
        back: (format!("/participants/{}", link.person_id), l.t("link-back")),
    }))
}

#[derive(Template)]
#[template(path = "questions.html")]
struct QuestionsPage {
    c: Chrome,
    lists: Vec<(&'static str, &'static str, Vec<domain::questionnaire::ExtraQuestion>)>,
    error: String,
    kinds: Vec<(&'static str, String)>,
}

async fn questions_page(st: &AppState, ctx: &Ctx, error: String) -> Result<Response, WebError> {
    let l = L;
    let mut lists = Vec::new();
    for base in BaseKind::ALL {
        lists.push((
            base.code(),
            base.label(),
            st.app.school_questions(&ctx.actor, *base).await?,
        ));
    }
    let failed = !error.is_empty();
    let r = render(&QuestionsPage {
        c: Chrome::for_ctx(ctx, l.t("questions-title"), "/bases/mentors"),
        lists,
        error,
        kinds: ["text", "yes_no", "scale_1_10", "choice"]
            .iter()
            .map(|k| (*k, l.t(&format!("questions-kind-{k}"))))
            .collect(),
    });
    Ok(if failed {
        super::with_status(r, axum::http::StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        r
    })
}

/// `GET /bases/questions`: the school's own questions of both questionnaires.
pub async fn questions(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    questions_page(&st, &ctx, String::new()).await
}

/// A new question as posted.
#[derive(serde::Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    base: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    options: String,
    #[serde(default)]
    required: Option<String>,
}

/// `POST /bases/questions`.
pub async fn add_question(
    State(st): State<AppState>,
    ctx: Ctx,
    CsrfForm(f): CsrfForm<QuestionForm>,
) -> Result<Response, WebError> {
    let base = base_of(&f.base)?;
    match st
        .app
        .add_school_question(&ctx.actor, base, &f.label, &f.kind, &f.options, f.required.is_some())
        .await
    {
        Ok(_) => Ok(Redirect::to("/bases/questions").into_response()),
        Err(app::AppError::Invalid(v)) => questions_page(&st, &ctx, L.violations(&v)).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /bases/questions/{id}/retire`.
pub async fn retire_question(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(_): CsrfForm<std::collections::HashMap<String, String>>,
) -> Result<Response, WebError> {
    st.app.retire_school_question(&ctx.actor, id).await?;
    Ok(Redirect::to("/bases/questions").into_response())
}
