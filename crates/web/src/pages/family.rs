//! The guardian's own page («Мои дети»): their children, the consents they gave (with
//! withdrawal), the questionnaires addressed to them and the requests they sent.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::questionnaire::{ConsentForm, Via, answer, closed, show as show_link};
use super::{Chrome, render, ru_date, with_status};
use crate::auth::{CsrfForm, Ctx, csrf_token};
use crate::error::WebError;
use crate::extract::{Id, Ids};
use crate::i18n::L;
use crate::state::AppState;
use app::family::{Child, GivenState};
use app::questionnaire::{LinkKey, LinkState};
use app::referrals::ReferralView;
use domain::base::BaseKind;

/// A consent as the page lists it.
pub struct ConsentLine {
    id: i64,
    kind: String,
    given_on: String,
    state: String,
    in_force: bool,
}

/// A questionnaire as the page lists it.
pub struct LinkLine {
    id: i64,
    title: String,
    until: String,
}

/// A child as the page shows it.
pub struct ChildSection {
    id: i64,
    name: String,
    about: String,
    consents: Vec<ConsentLine>,
    links: Vec<LinkLine>,
    mentors: Vec<String>,
    /// Mentors the curator offered the child to choose from.
    choices: Vec<super::my_pairs::ChoiceBlock>,
}

/// A request as the page lists it.
pub struct RequestLine {
    date: String,
    subject: String,
    status: String,
}

#[derive(Template)]
#[template(path = "family.html")]
struct Page {
    c: Chrome,
    linked: bool,
    one: bool,
    message: Option<String>,
    done: bool,
    children: Vec<ChildSection>,
    requests: Vec<RequestLine>,
}

fn section(child: Child) -> ChildSection {
    let l = L;
    let consents = child
        .consents
        .iter()
        .map(|x| ConsentLine {
            id: x.id,
            kind: l.t(&format!("consent-{}", x.kind.code())),
            given_on: ru_date(x.given_on),
            state: match x.state {
                GivenState::Withdrawn(on) => l.args("family-consent-withdrawn", [("date", ru_date(on))]),
                other => l.t(&format!("family-consent-{}", other.code())),
            },
            in_force: x.state == GivenState::InForce,
        })
        .collect();
    let links = child
        .links
        .iter()
        .map(|k| LinkLine {
            id: k.id,
            title: l.t(match k.base {
                BaseKind::Mentors => "q-title-mentor",
                BaseKind::Mentees => "q-title-mentee",
            }),
            until: ru_date(k.expires_on),
        })
        .collect();
    let mut about = vec![child.relation.clone()];
    if !child.place.is_empty() {
        about.push(l.args("family-class", [("class", child.place.clone())]));
    }
    if !child.minor {
        about.push(l.t("family-adult"));
    }
    let mentors = child
        .mentors
        .iter()
        .map(|m| {
            l.args(
                "family-mentor-line",
                [
                    ("who", m.mentor.name.clone() + &super::comma_place(&m.mentor.place)),
                    ("form", m.form.to_string()),
                    ("since", ru_date(m.since)),
                ],
            )
        })
        .collect();
    ChildSection {
        id: child.id,
        name: child.name,
        about: about.join(" · "),
        consents,
        links,
        mentors,
        choices: Vec::new(),
    }
}

fn request_line(r: ReferralView) -> RequestLine {
    RequestLine {
        date: ru_date(r.created_on),
        subject: r.subject,
        status: L.t(&format!("referral-{}", r.status)),
    }
}

/// The page (all children, or one), with a refusal's message (422).
pub(super) async fn page(
    st: &AppState,
    ctx: &Ctx,
    child: Option<i64>,
    message: Option<String>,
    done: bool,
) -> Result<Response, WebError> {
    let l = L;
    let (linked, children, requests) = match child {
        Some(id) => (true, vec![st.app.family_child(&ctx.actor, id).await?], Vec::new()),
        None => {
            let f = st.app.family(&ctx.actor).await?;
            (f.linked, f.children, f.requests)
        }
    };
    let title = match (child, children.first()) {
        (Some(_), Some(c)) => c.name.clone(),
        _ => l.t("family-title"),
    };
    let mut sections = Vec::new();
    for child in children {
        let mut s = section(child);
        s.choices = st
            .app
            .choices(&ctx.actor, Some(s.id))
            .await?
            .into_iter()
            .map(|choice| super::my_pairs::ChoiceBlock {
                action: format!("/family/children/{}/choice", s.id),
                title: l.args("my-choice-for", [("name", s.name.clone())]),
                choice,
            })
            .collect();
        sections.push(s);
    }
    let failed = message.is_some();
    let r = render(&Page {
        c: Chrome::for_ctx(ctx, title, "/family"),
        linked,
        one: child.is_some(),
        message,
        done,
        children: sections,
        requests: requests.into_iter().map(request_line).collect(),
    });
    Ok(if failed {
        with_status(r, StatusCode::UNPROCESSABLE_ENTITY)
    } else {
        r
    })
}

/// `GET /family`: every child of the guardian.
pub async fn show(State(st): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    page(&st, &ctx, None, None, false).await
}

/// `GET /family/children/{id}`: one child (another family's child: 404).
pub async fn child(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    page(&st, &ctx, Some(id), None, false).await
}

/// The withdrawal form.
#[derive(serde::Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    comment: String,
}

/// `POST /family/children/{id}/consents/{cid}/withdraw`.
pub async fn withdraw(
    State(st): State<AppState>,
    ctx: Ctx,
    Ids(id, cid): Ids,
    CsrfForm(f): CsrfForm<WithdrawForm>,
) -> Result<Response, WebError> {
    match st.app.withdraw_family_consent(&ctx.actor, id, cid, &f.comment).await {
        Ok(()) => page(&st, &ctx, Some(id), None, true).await,
        Err(app::AppError::Invalid(v)) => page(&st, &ctx, Some(id), Some(L.violations(&v)), false).await,
        Err(e) => Err(e.into()),
    }
}

fn via(ctx: &Ctx, id: i64) -> Via {
    Via {
        action: format!("/family/questionnaires/{id}"),
        ctx: Some(ctx.clone()),
    }
}

/// A link that is not this guardian's is not found, like any other record.
fn not_found_if_unknown(state: &LinkState) -> Result<(), WebError> {
    match state {
        LinkState::Unknown => Err(WebError::App(app::AppError::NotFound)),
        _ => Ok(()),
    }
}

/// `GET /family/questionnaires/{id}`: a questionnaire addressed to the guardian, opened
/// signed in (the consent first when it is missing).
pub async fn questionnaire(
    State(st): State<AppState>,
    session: Session,
    ctx: Ctx,
    Id(id): Id,
) -> Result<Response, WebError> {
    let state = st.app.open_link(LinkKey::Account(&ctx.actor, id)).await?;
    not_found_if_unknown(&state)?;
    let csrf = csrf_token(&session).await?;
    Ok(show_link(&via(&ctx, id), state, csrf, false))
}

/// `POST /family/questionnaires/{id}/consent`.
pub async fn consent(
    State(st): State<AppState>,
    session: Session,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(f): CsrfForm<ConsentForm>,
) -> Result<Response, WebError> {
    let key = LinkKey::Account(&ctx.actor, id);
    if f.agree.is_none() {
        let state = st.app.open_link(key).await?;
        not_found_if_unknown(&state)?;
        let csrf = csrf_token(&session).await?;
        return Ok(show_link(&via(&ctx, id), state, csrf, true));
    }
    match st.app.consent_on_link(key, &ctx.actor.address).await? {
        LinkState::Open(_) => Ok(Redirect::to(&format!("/family/questionnaires/{id}")).into_response()),
        other => {
            not_found_if_unknown(&other)?;
            Ok(closed(&other, false))
        }
    }
}

/// `POST /family/questionnaires/{id}`: the answers.
pub async fn submit(
    State(st): State<AppState>,
    session: Session,
    ctx: Ctx,
    Id(id): Id,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let key = LinkKey::Account(&ctx.actor, id);
    if let LinkState::Unknown = st.app.open_link(key).await? {
        return Err(WebError::App(app::AppError::NotFound));
    }
    answer(&st, &session, &via(&ctx, id), key, pairs, &ctx.actor.address).await
}
