//! The use cases of Nastavnik. Pages, the JSON API, the CLI and jobs all call these, so
//! every rule (permission, consent gate, audit) is written once. Each use case that
//! changes data opens one transaction and writes the audit trail inside it.

pub mod actor;
pub mod auth;
pub mod bases;
mod cache;
pub mod consents;
pub mod demo;
pub mod duties;
pub mod entry;
mod error;
pub mod family;
pub mod import;
mod import_entries;
mod import_guardians;
mod import_known;
pub mod jobs;
pub mod my_pairs;
mod notices;
pub mod orgs;
pub mod pairing;
pub mod pairing_link;
pub mod pairing_meeting;
mod pairing_municipal;
pub mod pairing_order;
mod pairing_profiles;
mod pairing_proposal;
mod pairing_recheck;
pub mod participants;
pub mod questionnaire;
pub mod referrals;
pub mod searches;

pub use actor::Actor;
pub use error::AppError;

use chrono::{DateTime, NaiveDate, Utc};
use storage::Store;

/// Result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Settings the use cases need.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Require TOTP for head, curator and municipal roles too (always for the administrator).
    pub totp_required_for_managers: bool,
}

/// The application: a store and settings. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    /// The database.
    pub store: Store,
    /// Settings.
    pub settings: Settings,
    /// Organizations by id: read on every request, changed almost never.
    orgs: cache::Ttl<i64, storage::OrgRow>,
    /// Account and roles by id, for a couple of seconds (sessions themselves are read every time).
    users: cache::Ttl<i64, (storage::UserRow, Vec<storage::RoleRow>)>,
    /// What "now" is for the use cases.
    pub clock: Clock,
}

/// The clock the use cases read: the system's, or a moment a test sets (so that "today",
/// ages and consents can be judged on a chosen day).
#[derive(Debug, Clone, Default)]
pub struct Clock(std::sync::Arc<std::sync::RwLock<Option<DateTime<Utc>>>>);

impl Clock {
    /// Now: the moment set, else the system's.
    pub fn now(&self) -> DateTime<Utc> {
        self.0.read().ok().and_then(|at| *at).unwrap_or_else(Utc::now)
    }

    /// Stops the clock at `at` for every clone of the application.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Ok(mut now) = self.0.write() {
            *now = Some(at);
        }
    }
}

impl App {
    /// Wraps a store.
    pub fn new(store: Store, settings: Settings) -> Self {
        Self {
            store,
            settings,
            orgs: cache::Ttl::new(std::time::Duration::from_secs(30)),
            users: cache::Ttl::new(std::time::Duration::from_secs(2)),
            clock: Clock::default(),
        }
    }

    /// Now, in UTC, by the application's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// Today's date in a time zone (IANA name); Moscow if the name is unknown.
pub fn today_in(tz: &str, now: DateTime<Utc>) -> NaiveDate {
    local_time(tz, now).date()
}

/// A moment as the clock on the wall of a time zone shows it; Moscow if the name is unknown.
pub fn local_time(tz: &str, at: DateTime<Utc>) -> chrono::NaiveDateTime {
    let zone: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::Europe::Moscow);
    at.with_timezone(&zone).naive_local()
}
