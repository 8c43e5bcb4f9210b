//! The only crate that speaks SQL: one [`Store`] over SQLite or PostgreSQL, chosen from the URL.
//!
//! Queries are written once in the SQL subset both databases share (`$1` placeholders,
//! `RETURNING`, `LIMIT/OFFSET`); the [`with_db!`] macro runs the same body against the
//! concrete connection type of each backend. Migrations live in one folder per backend.

pub mod audit;
pub mod bases;
pub mod consent_rule;
pub mod consents;
pub mod duties;
pub mod entries;
mod error;
pub mod family;
pub mod jobs;
pub mod login_throttle;
pub mod orders;
pub mod orgs;
pub mod outbox;
pub mod pairing;
pub mod pairing_meeting;
pub mod pairing_parts;
pub mod persons;
pub mod programs;
pub mod searches;
pub mod sessions;
mod store;
pub mod testing;
pub mod users;

pub use audit::{AuditEntry, AuditRow};
pub use bases::{
    AnswerColumns, Count, EntryFields, EntryFilter, EntryPlace, EntryRow, LinkRow, NewReferral, QuestionRow,
    ReferralRow,
};
pub use consent_rule::ConsentFilter;
pub use consents::{ConsentRow, NewConsent};
pub use error::StorageError;
pub use orgs::{AcademicYearRow, OrgRow};
pub use persons::{
    CategoryCount, DashboardCounts, GuardianLink, Identity, NewGuardianship, PersonFields, PersonFilter, PersonListRow,
    PersonPlace, PersonRow,
};
pub use sessions::SessionRow;
pub use store::{Backend, Conn, Db, Exec, Store, Tx};
pub use users::{ApiTokenRow, RoleRow, TokenListRow, UserRow};

/// Result of a storage call.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// A stored code read back as its domain type; an unknown code is a corrupt row.
pub(crate) fn decode_code<T: TryFrom<String, Error = domain::UnknownCode>>(code: &str) -> Result<T> {
    T::try_from(code.to_string()).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// Runs `$body` with `$c` bound to `&mut SqliteConnection` or `&mut PgConnection`.
#[macro_export]
macro_rules! with_db {
    ($db:expr, $c:ident => $body:expr) => {
        match $crate::Db::exec($db) {
            $crate::Exec::Sqlite($c) => $body,
            $crate::Exec::Postgres($c) => $body,
        }
    };
}

/// Repositories, one module per aggregate.
pub mod repo {
    pub use crate::{
        audit, bases, consents, duties, entries, family, jobs, login_throttle, orders, orgs, outbox, pairing,
        pairing_meeting, pairing_parts, persons, programs, searches, sessions, users,
    };
}
mod bulk;
