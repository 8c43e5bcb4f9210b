//! The route table: every route declares the permission it needs, and the router is
//! built only from this table, so a route without a rule cannot exist.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, get, post, put};
use domain::Permission::{self, *};
use time::Duration;
use tower_http::csrf::CsrfLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::session::DbSessionStore;
use crate::state::AppState;
use crate::{api, auth, pages};

/// One row of the table.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    /// HTTP method.
    pub method: Method,
    /// Path pattern (`/participants/{id}`).
    pub path: &'static str,
    /// What the caller must be allowed.
    pub perm: Permission,
}

/// An upload's body: the largest file an import takes and the form around it.
const UPLOAD_LIMIT: usize = app::import::MAX_FILE_BYTES + 64 * 1024;

type Entry = (Method, &'static str, Permission, MethodRouter<AppState>);

#[rustfmt::skip]
fn entries() -> Vec<Entry> {
    use Method as M;
    use pages::participants as people;
    vec![
        (M::GET, "/healthz", Public, get(pages::ops::healthz)),
        (M::GET, "/metrics", Public, get(pages::ops::metrics)),
        (M::GET, "/static/app.css", Public, get(pages::ops::stylesheet)),
        (M::GET, "/api/openapi.json", Public, get(api::openapi_json)),
        (M::GET, "/login", Public, get(pages::login::form)),
        (M::POST, "/login", Public, post(pages::login::submit)),
        (M::GET, "/login/totp", Public, get(pages::login::totp_form)),
        (M::POST, "/login/totp", Public, post(pages::login::totp_submit)),
        (M::GET, "/q/{token}", Public, get(pages::questionnaire::open)),
        (M::POST, "/q/{token}", Public, post(pages::questionnaire::submit)),
        (M::POST, "/q/{token}/consent", Public, post(pages::questionnaire::consent)),
        (M::GET, "/c/{token}", Public, get(pages::pairing_link::open)),
        (M::POST, "/c/{token}", Public, post(pages::pairing_link::choose)),
        (M::GET, "/r/{token}", Public, get(pages::pairing_link::open_rank)),
        (M::POST, "/r/{token}", Public, post(pages::pairing_link::rank)),
        (M::GET, "/", Authenticated, get(pages::home)),
        (M::POST, "/logout", Authenticated, post(pages::login::logout)),
        (M::GET, "/account", Authenticated, get(pages::account::show)),
        (M::POST, "/account/role", Authenticated, post(pages::account::switch_role)),
        (M::GET, "/account/password", Authenticated, get(pages::account::password_form)),
        (M::POST, "/account/password", Authenticated, post(pages::account::password_change)),
        (M::GET, "/account/totp", Authenticated, get(pages::account::totp_form)),
        (M::POST, "/account/totp", Authenticated, post(pages::account::totp_confirm)),
        (M::GET, "/account/tokens", Authenticated, get(pages::tokens::list)),
        (M::POST, "/account/tokens/{id}/revoke", Authenticated, post(pages::tokens::revoke)),
        (M::GET, "/dashboard", ViewDashboard, get(pages::dashboard::show)),
        (M::GET, "/participants", ViewParticipants, get(people::list)),
        (M::POST, "/participants/search", ViewParticipants, post(people::search)),
        (M::GET, "/participants/new", EditParticipants, get(people::new_form)),
        (M::POST, "/participants", EditParticipants, post(people::create)),
        (M::GET, "/participants/{id}", ViewParticipants, get(people::card)),
        (M::GET, "/participants/{id}/edit", EditParticipants, get(people::edit_form)),
        (M::POST, "/participants/{id}", EditParticipants, post(people::update)),
        (M::POST, "/participants/{id}/guardians", EditParticipants, post(pages::consents::link_guardian)),
        (M::POST, "/participants/{id}/consents", ManageConsents, post(pages::consents::record)),
        (M::POST, "/participants/{id}/consents/{cid}/withdraw", ManageConsents, post(pages::consents::withdraw)),
        (M::POST, "/participants/{id}/duties", ManageConsents, post(pages::consents::record_duties)),
        (M::POST, "/participants/{id}/duties/withdraw", ManageConsents, post(pages::consents::withdraw_duties)),
        (M::GET, "/participants/{id}/audit", ViewAudit, get(pages::audit::trail)),
        (M::POST, "/participants/{id}/enroll", EditBases, post(pages::bases::enroll)),
        (M::GET, "/bases/questions", EditBases, get(pages::bases::questions)),
        (M::POST, "/bases/questions", EditBases, post(pages::bases::add_question)),
        (M::POST, "/bases/questions/{id}/retire", EditBases, post(pages::bases::retire_question)),
        (M::GET, "/bases/{base}", ViewBases, get(pages::bases::list)),
        (M::POST, "/bases/{base}/search", ViewBases, post(pages::bases::search)),
        (M::POST, "/bases/{base}/export", ViewBases, post(pages::bases::export_school)),
        (M::GET, "/bases/entries/{id}", ViewBases, get(pages::entry::show)),
        (M::POST, "/bases/entries/{id}", EditBases, post(pages::entry::save)),
        (M::POST, "/bases/entries/{id}/status", EditBases, post(pages::bases::set_status)),
        (M::POST, "/bases/entries/{id}/link", EditBases, post(pages::bases::questionnaire_link)),
        (M::GET, "/family", OwnFamily, get(pages::family::show)),
        (M::GET, "/family/children/{id}", OwnFamily, get(pages::family::child)),
        (M::POST, "/family/children/{id}/consents/{cid}/withdraw", OwnFamily, post(pages::family::withdraw)),
        (M::GET, "/family/questionnaires/{id}", OwnFamily, get(pages::family::questionnaire)),
        (M::POST, "/family/questionnaires/{id}", OwnFamily, post(pages::family::submit)),
        (M::POST, "/family/questionnaires/{id}/consent", OwnFamily, post(pages::family::consent)),
        (M::GET, "/my/pairs", OwnPairs, get(pages::my_pairs::show)),
        (M::GET, "/pairing", ViewPairing, get(pages::pairing::list)),
        (M::POST, "/pairing", MatchPairs, post(pages::pairing::start)),
        (M::GET, "/pairing/{id}", ViewPairing, get(pages::pairing::show)),
        (M::POST, "/pairing/{id}/send", MatchPairs, post(pages::pairing::send)),
        (M::POST, "/pairing/{id}/return", ViewPairing, post(pages::pairing::give_back)),
        (M::POST, "/pairing/{id}/approve", ApprovePairs, post(pages::pairing::approve)),
        (M::GET, "/orders/{id}/docx", ViewPairing, get(pages::pairing::order_docx)),
        (M::GET, "/orders/{id}/pdf", ViewPairing, get(pages::pairing::order_pdf)),
        (M::POST, "/pairing/{id}/settings", MatchPairs, post(pages::pairing::settings)),
        (M::POST, "/pairing/{id}/decide", MatchPairs, post(pages::pairing::decide)),
        (M::POST, "/pairing/{id}/undo", MatchPairs, post(pages::pairing::undo)),
        (M::POST, "/pairing/{id}/meeting", MatchPairs, post(pages::pairing_meeting::attendance)),
        (M::POST, "/pairing/{id}/ranks", MatchPairs, post(pages::pairing_meeting::ranks)),
        (M::POST, "/pairing/{id}/offer", MatchPairs, post(pages::pairing_meeting::offer)),
        (M::POST, "/pairing/{id}/offer-link", MatchPairs, post(pages::pairing_link::issue)),
        (M::POST, "/pairing/{id}/rank-link", MatchPairs, post(pages::pairing_link::issue_rank)),
        (M::POST, "/pairing/{id}/support", MatchPairs, post(pages::pairing_meeting::support)),
        (M::POST, "/my/choice", OwnPairs, post(pages::pairing_meeting::my_choice)),
        (M::POST, "/my/ranks", OwnPairs, post(pages::pairing_meeting::my_ranks)),
        (M::POST, "/family/children/{id}/choice", OwnFamily, post(pages::pairing_meeting::family_choice)),
        (M::GET, "/referrals", RecordReferrals, get(pages::referrals::list)),
        (M::POST, "/referrals", RecordReferrals, post(pages::referrals::create)),
        (M::POST, "/referrals/{id}/convert", EditBases, post(pages::referrals::convert)),
        (M::POST, "/referrals/{id}/decline", EditBases, post(pages::referrals::decline)),
        (M::GET, "/import", ImportLists, get(pages::import::form)),
        (M::POST, "/import", ImportLists, post(pages::import::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT))),
        (M::GET, "/import/{id}", ImportLists, get(pages::import::show)),
        (M::GET, "/import/samples/{name}", ImportLists, get(pages::import::sample)),
        (M::POST, "/import/{id}/commit", ImportLists, post(pages::import::commit)),
        (M::POST, "/import/{id}/check", ImportLists, post(pages::import::check_again)),
        (M::GET, "/municipality/mentors", ViewMunicipalBase, get(pages::bases::municipal)),
        (M::POST, "/municipality/mentors/search", ViewMunicipalBase, post(pages::bases::municipal_search)),
        (M::POST, "/municipality/mentors/export", ViewMunicipalBase, post(pages::bases::export_municipal)),
        (M::GET, "/organizations", ManageOrganizations, get(pages::orgs::list)),
        (M::POST, "/organizations", ManageOrganizations, post(pages::orgs::create)),
        (M::GET, "/municipality", ViewAggregates, get(pages::orgs::aggregates)),
        (M::GET, "/api/v1/me", Authenticated, get(api::me)),
        (M::GET, "/api/v1/dashboard", ViewDashboard, get(api::dashboard)),
        (M::GET, "/api/v1/participants", ViewParticipants, get(api::list_participants)),
        (M::POST, "/api/v1/participants", EditParticipants, post(api::create_participant)),
        (M::GET, "/api/v1/participants/{id}", ViewParticipants, get(api::get_participant)),
        (M::PUT, "/api/v1/participants/{id}", EditParticipants, put(api::update_participant)),
        (M::POST, "/api/v1/participants/{id}/guardians", EditParticipants, post(api::link_guardian)),
        (M::POST, "/api/v1/participants/{id}/consents", ManageConsents, post(api::record_consent)),
        (M::POST, "/api/v1/participants/{id}/consents/{cid}/withdraw", ManageConsents, post(api::withdraw_consent)),
        (M::GET, "/api/v1/participants/{id}/audit", ViewAudit, get(api::audit)),
        (M::GET, "/api/v1/organizations", ManageOrganizations, get(api::organizations)),
        (M::GET, "/api/v1/pairing/rounds", ViewPairing, get(api::pairing_rounds)),
        (M::POST, "/api/v1/pairing/rounds", MatchPairs, post(api::start_round)),
        (M::GET, "/api/v1/pairing/rounds/{id}", ViewPairing, get(api::pairing_round)),
        (M::GET, "/api/v1/pairs", ViewPairing, get(api::school_pairs)),
    ]
}

/// The rule table, for tests and documentation.
pub fn table() -> Vec<RouteSpec> {
    entries()
        .into_iter()
        .map(|(method, path, perm, _)| RouteSpec { method, path, perm })
        .collect()
}

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for (_, path, perm, handler) in entries() {
        let guarded = handler.route_layer(from_fn_with_state((state.clone(), perm), auth::authorize));
        router = router.route(path, guarded);
    }
    let cookie = if state.config.tls {
        "__Host-nastavnik"
    } else {
        "nastavnik"
    };
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.app.store.clone()))
        .with_name(cookie)
        .with_secure(state.config.tls)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_always_save(true)
        .with_expiry(Expiry::OnInactivity(Duration::minutes(state.config.idle_minutes)));
    let csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
               frame-ancestors 'none'; base-uri 'none'";
    router
        .fallback(pages::not_found)
        .layer(sessions)
        .layer(axum::middleware::from_fn(pages::ops::track_metrics))
        .layer(CsrfLayer::new().with_rejection_response(pages::ops::csrf_rejected))
        .layer(DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            // Our own pages see where the user came from (the way back from an error
            // page); other sites see nothing.
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
        .layer(axum::middleware::from_fn(crate::back::remember))
        .with_state(state)
}
