//! The questionnaire a participant or a guardian fills in from a personal link: no account,
//! phone-sized, the consent first when it is missing, then the questions.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Violations;
use domain::base::{BaseKind, Labelled, Mode, Topic};
use domain::questionnaire::{Answers, DAYS, ExtraQuestion, HALVES, Submitted};
use tower_sessions::Session;

use super::{Chrome, render, with_status};
use crate::auth::{CsrfForm, Ctx, csrf_token};
use crate::error::WebError;
use crate::i18n::L;
use crate::state::AppState;
use app::questionnaire::{LinkKey, LinkState, Questionnaire};

/// The form's values as sent (or as answered before), for filling the inputs back.
pub struct Echo(Vec<(String, String)>);

impl Echo {
    /// The value of a text input.
    pub fn val(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A checkbox or radio button is on.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }

    fn from_answers(a: &Answers) -> Self {
        let mut v: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, val: String| {
            if !val.is_empty() {
                v.push((k.to_string(), val));
            }
        };
        put("request", a.request.clone());
        put("interests", a.interests.join(", "));
        put("competences", a.competences.join(", "));
        put("subjects", a.subjects.join(", "));
        put("motivation", a.motivation.clone());
        for t in &a.topics {
            put("topics", t.code().into());
        }
        for f in &a.forms {
            put("forms", f.code().into());
        }
        for k in &a.kinds {
            put("kinds", k.code().into());
        }
        for bit in 0..domain::questionnaire::SLOTS {
            if a.availability & (1 << bit) != 0 {
                put("slots", bit.to_string());
            }
        }
        put("mode", a.mode.map(|m| m.code().to_string()).unwrap_or_default());
        put("capacity", a.capacity.map(|n| n.to_string()).unwrap_or_default());
        if let Some((from, to)) = a.grades {
            put("grade_from", from.to_string());
            put("grade_to", to.to_string());
        }
        put("experience", a.experience.map(|n| n.to_string()).unwrap_or_default());
        let yn = |b: Option<bool>| match b {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        };
        put("mentored_before", yn(a.mentored_before));
        put("agreement_ready", yn(a.agreement_ready));
        for x in &a.extra {
            put(&format!("extra_{}", x.id), x.answer.clone());
        }
        Self(v)
    }
}

/// A select's or a checkbox group's options: (code, label).
type Options = Vec<(&'static str, &'static str)>;

fn options<T: Labelled>() -> Options {
    labelled(T::ALL)
}

/// The options of the given values (the forms and kinds that fit the participant).
fn labelled<T: Labelled>(values: &[T]) -> Options {
    values.iter().map(|v| (v.code(), v.label())).collect()
}

/// Where a questionnaire's forms post to and whose layout the pages wear: the public link
/// (`/q/{token}`) or a signed-in guardian's page (`/family/questionnaires/{id}`).
pub struct Via {
    /// The form's address; the consent form posts to it + `/consent`.
    pub action: String,
    /// The signed-in guardian, if not by the public link.
    pub ctx: Option<Ctx>,
}

impl Via {
    fn chrome(&self, title: String, csrf: String) -> Chrome {
        match &self.ctx {
            Some(ctx) => Chrome::for_ctx(ctx, title, "/family"),
            None => Chrome::anonymous(title, csrf),
        }
    }
}

#[derive(Template)]
#[template(path = "q_form.html")]
struct FormPage {
    c: Chrome,
    action: String,
    q: Questionnaire,
    mentor: bool,
    echo: Echo,
    errors: Vec<(String, String)>,
    summary: String,
    forms: Options,
    kinds: Options,
    topics: Options,
    modes: Options,
    days: [&'static str; 6],
    halves: [&'static str; 2],
    questions: Vec<ExtraQuestion>,
}

impl FormPage {
    /// The messages of one field.
    fn error_of(&self, field: &str) -> String {
        self.errors
            .iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Template)]
#[template(path = "q_consent.html")]
struct ConsentPage {
    c: Chrome,
    action: String,
    municipality: String,
    q: Questionnaire,
    error: bool,
}

#[derive(Template)]
#[template(path = "q_closed.html")]
struct ClosedPage {
    c: Chrome,
    message: String,
    done: bool,
}

/// The page of a link that cannot be filled in (or has just been).
pub fn closed(state: &LinkState, done: bool) -> Response {
    let l = L;
    let (key, status) = match state {
        LinkState::Expired => ("q-expired", StatusCode::GONE),
        LinkState::Answered => ("q-done", StatusCode::OK),
        LinkState::Used => ("q-used", StatusCode::GONE),
        _ => ("q-unknown", StatusCode::NOT_FOUND),
    };
    let title = if done {
        l.t("q-done-title")
    } else {
        l.t("q-closed-title")
    };
    with_status(
        render(&ClosedPage {
            c: Chrome::anonymous(title, String::new()),
            message: l.t(key),
            done,
        }),
        status,
    )
}

fn title_of(q: &Questionnaire) -> String {
    L.t(match q.base {
        BaseKind::Mentors => "q-title-mentor",
        BaseKind::Mentees => "q-title-mentee",
    })
}

fn form_page(via: &Via, q: Questionnaire, csrf: String, echo: Echo, errs: &Violations) -> Response {
    let l = L;
    let errors: Vec<(String, String)> = errs.0.iter().map(|v| (v.field.to_string(), l.violation(v))).collect();
    let (forms, kinds) = (labelled(&q.forms), labelled(&q.kinds));
    let page = FormPage {
        c: via.chrome(title_of(&q), csrf),
        action: via.action.clone(),
        mentor: q.base == BaseKind::Mentors,
        questions: q.questions.clone(),
        q,
        echo,
        summary: l.n("form-has-errors", "n", errors.len() as i64),
        errors,
        forms,
        kinds,
        topics: options::<Topic>(),
        modes: options::<Mode>(),
        days: DAYS,
        halves: HALVES,
    };
    let r = render(&page);
    if errs.is_empty() {
        r
    } else {
        with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// What a link opens: the consent document first when it is missing, then the form.
pub fn show(via: &Via, state: LinkState, csrf: String, consent_error: bool) -> Response {
    match state {
        LinkState::Open(q) if q.needs_consent => {
            let page = ConsentPage {
                c: via.chrome(L.t("q-consent-title"), csrf),
                action: via.action.clone(),
                municipality: q
                    .municipality
                    .clone()
                    .unwrap_or_else(|| L.t("q-consent-municipality-unknown")),
                q: *q,
                error: consent_error,
            };
            let r = render(&page);
            if consent_error {
                with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
            } else {
                r
            }
        }
        LinkState::Open(q) => {
            let echo = Echo::from_answers(&q.answers);
            form_page(via, *q, csrf, echo, &Violations::default())
        }
        other => closed(&other, false),
    }
}

/// `GET /q/{token}`.
pub async fn open(
    State(st): State<AppState>,
    session: Session,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let state = st.app.open_questionnaire(&token).await?;
    let csrf = csrf_token(&session).await?;
    Ok(show(&public(&token), state, csrf, false))
}

fn public(token: &str) -> Via {
    Via {
        action: format!("/q/{token}"),
        ctx: None,
    }
}

/// The consent page's form.
#[derive(serde::Deserialize)]
pub struct ConsentForm {
    /// The box «I have read and sign» is ticked.
    #[serde(default)]
    pub agree: Option<String>,
}

/// `POST /q/{token}/consent`: the respondent signs the consent document.
pub async fn consent(
    State(st): State<AppState>,
    session: Session,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    CsrfForm(f): CsrfForm<ConsentForm>,
) -> Result<Response, WebError> {
    if f.agree.is_none() {
        let state = st.app.open_questionnaire(&token).await?;
        let csrf = csrf_token(&session).await?;
        return Ok(show(&public(&token), state, csrf, true));
    }
    match st.app.consent_by_link(&token, &addr.ip().to_string()).await? {
        LinkState::Open(_) => Ok(Redirect::to(&format!("/q/{token}")).into_response()),
        other => Ok(closed(&other, false)),
    }
}

/// `POST /q/{token}`: the answers.
pub async fn submit(
    State(st): State<AppState>,
    session: Session,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let key = LinkKey::Token(&token);
    answer(&st, &session, &public(&token), key, pairs, &addr.ip().to_string()).await
}

/// Stores the answers of a form (or shows it again with its messages).
pub async fn answer(
    st: &AppState,
    session: &Session,
    via: &Via,
    key: LinkKey<'_>,
    pairs: Vec<(String, String)>,
    address: &str,
) -> Result<Response, WebError> {
    let pairs: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "_csrf").collect();
    let form = Submitted(pairs.clone());
    match st.app.submit_link(key, &form, address).await {
        Ok(LinkState::Answered) => Ok(closed(&LinkState::Answered, true)),
        Ok(other) => Ok(closed(&other, false)),
        Err(app::AppError::Invalid(errs)) => {
            let state = st.app.open_link(key).await?;
            let csrf = csrf_token(session).await?;
            Ok(match state {
                LinkState::Open(q) if !q.needs_consent => form_page(via, *q, csrf, Echo(pairs), &errs),
                other => show(via, other, csrf, false),
            })
        }
        Err(e) => Err(e.into()),
    }
}
