//! Server-rendered Russian pages.

pub mod account;
pub mod audit;
pub mod bases;
pub mod consents;
pub mod dashboard;
pub mod entry;
pub mod family;
pub mod import;
pub mod login;
pub mod my_pairs;
pub mod ops;
pub mod orgs;
pub mod pairing;
pub mod pairing_link;
pub mod pairing_meeting;
pub mod participants;
pub mod questionnaire;
pub mod referrals;
pub mod search;
pub mod tokens;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::Permission;

use crate::auth::Ctx;
use crate::error::WebError;
use crate::i18n::L;

/// The signed-in user in the page header.
pub struct UserChrome {
    /// Name.
    pub name: String,
    /// Role label.
    pub role: String,
    /// Organization.
    pub org: String,
}

/// What every page's layout needs.
pub struct Chrome {
    /// Texts.
    pub l: L,
    /// Page title.
    pub title: String,
    /// Signed-in user.
    pub user: Option<UserChrome>,
    /// CSRF token for forms.
    pub csrf: String,
    /// Navigation: (href, label, current).
    pub nav: Vec<(String, String, bool)>,
}

impl Chrome {
    /// Layout for an anonymous page.
    pub fn anonymous(title: String, csrf: String) -> Self {
        Self {
            l: L,
            title,
            user: None,
            csrf,
            nav: Vec::new(),
        }
    }

    /// Layout for a signed-in page; `here` marks the current section.
    pub fn for_ctx(ctx: &Ctx, title: String, here: &str) -> Self {
        let l = L;
        let items = [
            ("/family", "nav-family", Permission::OwnFamily),
            ("/my/pairs", "nav-my-pairs", Permission::OwnPairs),
            ("/dashboard", "nav-dashboard", Permission::ViewDashboard),
            ("/participants", "nav-participants", Permission::ViewParticipants),
            ("/bases/mentors", "nav-bases", Permission::ViewBases),
            ("/pairing", "nav-pairing", Permission::ViewPairing),
            ("/referrals", "nav-referrals", Permission::RecordReferrals),
            ("/municipality", "nav-aggregates", Permission::ViewAggregates),
            (
                "/municipality/mentors",
                "nav-municipal-mentors",
                Permission::ViewMunicipalBase,
            ),
            ("/organizations", "nav-organizations", Permission::ManageOrganizations),
            ("/account", "nav-account", Permission::Authenticated),
        ];
        let nav = items
            .iter()
            .filter(|(_, _, p)| ctx.can(*p))
            .map(|(href, key, _)| (href.to_string(), l.t(key), *href == here))
            .collect();
        let org = ctx.org_name();
        Self {
            l,
            title,
            user: Some(UserChrome {
                name: ctx.actor.name.clone(),
                role: l.t(&format!("role-{}", ctx.actor.role.code())),
                org,
            }),
            csrf: ctx.csrf.clone(),
            nav,
        }
    }
}

/// The same response with another status (a form shown again with its messages: 422).
pub fn with_status(mut r: Response, status: StatusCode) -> Response {
    *r.status_mut() = status;
    r
}

/// Renders a template into a response.
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => WebError::App(app::AppError::Internal(e.to_string())).into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    message: String,
    /// The page the user came from, or the section's list.
    back: Option<String>,
}

/// The error page body.
pub fn error_page(message: &str) -> String {
    let page = ErrorPage {
        c: Chrome::anonymous(L.t("error-title"), String::new()),
        message: message.to_string(),
        back: crate::back::current(),
    };
    page.render().unwrap_or_else(|_| message.to_string())
}

/// `/`: the first section the role may open.
pub async fn home(ctx: Ctx) -> Response {
    let to = if ctx.can(Permission::OwnFamily) {
        "/family"
    } else if ctx.can(Permission::OwnPairs) {
        "/my/pairs"
    } else if ctx.can(Permission::ViewDashboard) {
        "/dashboard"
    } else if ctx.can(Permission::ViewAggregates) {
        "/municipality"
    } else {
        "/account"
    };
    Redirect::to(to).into_response()
}

/// Unknown paths.
pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Html(error_page(&L.t("error-not-found")))).into_response()
}

/// The label of a category code.
pub fn category_label(code: &str) -> String {
    L.t(&format!("category-{code}"))
}

/// «01.09.2012».
pub fn ru_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    // Not `format("%d.%m.%Y")`: parsing the pattern each time showed up in the list page profile.
    format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year())
}

/// «, 7Б» after a name, or nothing when the class or position is not known.
pub fn comma_place(place: &str) -> String {
    if place.is_empty() {
        String::new()
    } else {
        format!(", {place}")
    }
}

/// Full name from parts.
pub fn full_name(last: &str, first: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(p) => format!("{last} {first} {p}"),
        None => format!("{last} {first}"),
    }
}
