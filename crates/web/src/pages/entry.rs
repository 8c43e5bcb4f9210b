//! One entry of a base: the person's columns, the questionnaire answers as the respondent
//! gave them, and the entry's own columns — a form for those who keep the bases, read-only
//! for those who only see them.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Permission;
use domain::base::{BaseKind, EntryStatus, Form, Labelled, MenteeCategory, MentorCategory, RequestSource};
use domain::questionnaire::{Answers, DAYS, HALVES};

use super::{Chrome, render, with_status};
use crate::auth::{CsrfForm, Ctx};
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;
use app::entry::{Answered, EntryDetail, EntryInput, EntrySave, Respondent};

/// How a column is edited.
pub enum Input {
    /// A choice of (code, label); the empty code is «не указано».
    Select(Vec<(String, String)>),
    /// A date ДД.ММ.ГГГГ.
    Date,
    /// One line.
    Line,
    /// Several lines.
    Area,
}

/// One column of the form.
pub struct Field {
    name: &'static str,
    label: &'static str,
    input: Input,
    value: String,
    error: String,
}

/// One answer: (question, answer; «—» when not given).
type Line = (String, String);

/// The questionnaire as the page shows it.
pub struct AnswersView {
    respondent: String,
    lines: Vec<Line>,
    /// Days × halves: ticked or not.
    grid: Vec<(&'static str, [bool; 2])>,
    extra: Vec<Line>,
}

#[derive(Template)]
#[template(path = "base_entry.html")]
struct EntryPage {
    c: Chrome,
    d: EntryDetail,
    subtitle: String,
    /// The person's columns: (header, text).
    person: Vec<(&'static str, String)>,
    /// The entry's columns read-only: (header, text).
    record: Vec<(&'static str, String)>,
    fields: Vec<Field>,
    answers: Option<AnswersView>,
    halves: [&'static str; 2],
    errors: Vec<(String, String)>,
    summary: String,
    notice: Option<String>,
    stale: bool,
    /// On a stale edit: what the user had typed where it differs from the fresh values.
    yours: Vec<(&'static str, String)>,
    /// The version the form was made from (after an error: the one first shown).
    version: String,
    can_open: bool,
}

fn options<T: Labelled>(keep: impl Fn(T) -> bool) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), L.t("entry-not-set"))];
    out.extend(
        T::ALL
            .iter()
            .copied()
            .filter(|v| keep(*v))
            .map(|v| (v.code().to_string(), v.label().to_string())),
    );
    out
}

fn input_of(code: &str, d: &EntryDetail, sensitive: bool) -> Input {
    match code {
        "category" => match d.base {
            BaseKind::Mentors => Input::Select(options::<MentorCategory>(|_| true)),
            BaseKind::Mentees => Input::Select(options::<MenteeCategory>(|c| sensitive || !c.is_sensitive())),
        },
        "request_source" => Input::Select(options::<RequestSource>(|_| true)),
        "form" => Input::Select(options::<Form>(|_| true)),
        "status" => {
            let from = EntryStatus::from_code(&d.values.status).unwrap_or(EntryStatus::Candidate);
            let label = |s: EntryStatus| match d.base {
                BaseKind::Mentors => s.mentor_label(),
                BaseKind::Mentees => s.label(),
            };
            Input::Select(
                EntryStatus::ALL
                    .iter()
                    .filter(|to| from.can_become(**to))
                    .map(|s| (s.code().to_string(), label(*s).to_string()))
                    .collect(),
            )
        }
        "entry_date" => Input::Date,
        "request" | "competences" | "results" | "counterpart" | "program_dates" => Input::Area,
        _ => Input::Line,
    }
}

fn labels<T: Labelled>(v: &[T]) -> String {
    v.iter().map(|x| x.label()).collect::<Vec<_>>().join("; ")
}

fn answers_view(a: &Answered, base: BaseKind) -> AnswersView {
    let l = L;
    let x: &Answers = &a.answers;
    let yes_no = |b: Option<bool>| match b {
        Some(true) => l.t("yes"),
        Some(false) => l.t("no"),
        None => String::new(),
    };
    let number = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    let by_guardian = matches!(a.by, Respondent::Guardian(_));
    let mut lines: Vec<Line> = Vec::new();
    let mut put = |key: &str, value: String| lines.push((l.t(key), value));
    match base {
        BaseKind::Mentees => {
            let request = if a.request_hidden {
                l.t("entry-hidden")
            } else {
                x.request.clone()
            };
            put(if by_guardian { "q-request-guardian" } else { "q-request" }, request);
            // Topics and experience are asked of teachers only.
            if !x.topics.is_empty() {
                put("q-topics", labels(&x.topics));
            }
            put("q-subjects-mentee", x.subjects.join(", "));
            put("q-interests", x.interests.join(", "));
            put("q-forms-mentee", labels(&x.forms));
            put("q-kinds", labels(&x.kinds));
            put("q-mode", x.mode.map(|m| m.label().to_string()).unwrap_or_default());
        }
        BaseKind::Mentors => {
            put("q-competences", x.competences.join(", "));
            put("q-subjects-mentor", x.subjects.join(", "));
            put("q-interests", x.interests.join(", "));
            put("q-forms-mentor", labels(&x.forms));
            put("q-kinds", labels(&x.kinds));
            put("q-mode", x.mode.map(|m| m.label().to_string()).unwrap_or_default());
            put("q-capacity", number(x.capacity));
            put(
                "q-grades",
                x.grades
                    .map(|(from, to)| l.args("entry-grades", [("from", from.to_string()), ("to", to.to_string())]))
                    .unwrap_or_default(),
            );
            put("q-mentored-before", yes_no(x.mentored_before));
            put("q-agreement-ready", yes_no(x.agreement_ready));
        }
    }
    if x.experience.is_some() {
        put("q-experience", number(x.experience));
    }
    put("q-motivation", x.motivation.clone());
    for line in &mut lines {
        if line.1.trim().is_empty() {
            line.1 = "—".into();
        }
    }
    let grid = DAYS
        .iter()
        .enumerate()
        .map(|(d, day)| (*day, [0, 1].map(|h| x.availability & (1 << (d * 2 + h)) != 0)))
        .collect();
    let by = match &a.by {
        Respondent::Participant => l.t("entry-by-participant"),
        Respondent::Guardian(name) => l.args("entry-by-guardian", [("name", name.clone())]),
        Respondent::Unknown => l.t("entry-by-unknown"),
    };
    let at = a.at.format("%d.%m.%Y %H:%M").to_string();
    AnswersView {
        respondent: l.args("entry-answered", [("by", by), ("at", at)]),
        lines,
        grid,
        extra: x.extra.iter().map(|e| (e.question.clone(), e.answer.clone())).collect(),
    }
}

struct Shown {
    errors: domain::Violations,
    notice: Option<String>,
    stale: bool,
    typed: Option<EntryInput>,
}

fn page(ctx: &Ctx, d: EntryDetail, shown: Shown) -> Response {
    let l = L;
    let editable: Vec<&'static str> = d.editable.iter().map(|(_, h)| *h).collect();
    let (person, record): (Vec<_>, Vec<_>) = d.columns.iter().cloned().partition(|(h, _)| !editable.contains(h));
    let header_of = |field: &str| {
        d.editable
            .iter()
            .find(|(c, _)| *c == field)
            .map(|(_, h)| h.to_string())
            .unwrap_or_else(|| l.t(&format!("field-{field}")))
    };
    let errors: Vec<(String, String)> = shown
        .errors
        .0
        .iter()
        .map(|v| {
            (
                v.field.to_string(),
                format!("«{}»: {}", header_of(v.field), l.violation(v)),
            )
        })
        .collect();
    let sensitive = ctx.can(Permission::ViewSensitive);
    // After an error the typed values stay; after a stale edit the fresh ones show.
    let typed = shown.typed.as_ref().filter(|_| !shown.stale);
    let fields = if d.can_edit {
        d.editable
            .iter()
            .map(|(code, header)| Field {
                name: code,
                label: header,
                input: input_of(code, &d, sensitive),
                value: typed
                    .and_then(|t| t.get(code))
                    .or(d.values.get(code))
                    .unwrap_or_default()
                    .to_string(),
                error: errors
                    .iter()
                    .filter(|(f, _)| f == code)
                    .map(|(_, m)| m.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect()
    } else {
        Vec::new()
    };
    let yours = match (&shown.typed, shown.stale) {
        (Some(t), true) => d
            .editable
            .iter()
            .filter_map(|(code, header)| {
                let mine = t.get(code).unwrap_or_default().trim();
                (mine != d.values.get(code).unwrap_or_default().trim()).then(|| (*header, mine.to_string()))
            })
            .collect(),
        _ => Vec::new(),
    };
    let status = if shown.stale {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let version = match (&shown.typed, shown.stale) {
        (Some(t), false) => t.version.clone(),
        _ => d.values.version.clone(),
    };
    let year = format!("{}/{}", d.year.start_year(), d.year.start_year() + 1);
    let answers = d.answered.as_ref().map(|a| answers_view(a, d.base));
    let r = render(&EntryPage {
        c: Chrome::for_ctx(ctx, d.name.clone(), "/bases/mentors"),
        subtitle: l.args("entry-subtitle", [("base", d.base.label().to_string()), ("year", year)]),
        person,
        record,
        fields,
        answers,
        halves: HALVES,
        summary: l.n("form-has-errors", "n", errors.len() as i64),
        errors,
        notice: shown.notice,
        stale: shown.stale,
        yours,
        version,
        can_open: ctx.can(Permission::ViewParticipants),
        d,
    });
    with_status(r, status)
}

/// The page's query: `saved=1` after a save.
#[derive(serde::Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /bases/entries/{id}`.
pub async fn show(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    Query(q): Query<ShowQuery>,
) -> Result<Response, WebError> {
    let d = st.app.base_entry(&ctx.actor, id).await?;
    let notice = q
        .saved
        .map(|s| L.t(if s == "0" { "entry-unchanged" } else { "entry-saved" }));
    let shown = Shown {
        errors: Default::default(),
        notice,
        stale: false,
        typed: None,
    };
    Ok(page(&ctx, d, shown))
}

/// `POST /bases/entries/{id}`: the entry's columns.
pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(input): CsrfForm<EntryInput>,
) -> Result<Response, WebError> {
    match st.app.save_base_entry(&ctx.actor, id, &input).await {
        Ok(EntrySave::Saved) => Ok(Redirect::to(&format!("/bases/entries/{id}?saved=1")).into_response()),
        Ok(EntrySave::Unchanged) => Ok(Redirect::to(&format!("/bases/entries/{id}?saved=0")).into_response()),
        Ok(EntrySave::Stale(fresh)) => {
            let shown = Shown {
                errors: Default::default(),
                notice: None,
                stale: true,
                typed: Some(input),
            };
            Ok(page(&ctx, *fresh, shown))
        }
        Err(app::AppError::Invalid(errors)) => {
            let d = st.app.base_entry_again(&ctx.actor, id).await?;
            let shown = Shown {
                errors,
                notice: None,
                stale: false,
                typed: Some(input),
            };
            Ok(page(&ctx, d, shown))
        }
        Err(e) => Err(e.into()),
    }
}
