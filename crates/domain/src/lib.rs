//! The concepts of the target model of mentoring (ЦМН) as types with their rules.
//!
//! No IO, no clock, no SQL, no HTTP: "today" is always a parameter, and a value
//! that exists has passed its validation.

pub mod age;
pub mod audit;
pub mod base;
pub mod category;
pub mod code;
pub mod consent;
pub mod consent_cases;
pub mod error;
pub mod job;
pub mod name;
pub mod org;
pub mod pairing;
pub mod participant;
pub mod program;
pub mod questionnaire;
pub mod role;
pub mod roster;
pub mod search;
pub mod sheet;
pub mod text;
pub mod throttle;

pub use age::{StudentAge, age_on};
pub use audit::{AuditAction, AuditEvent};
pub use category::{Category, CategoryKind};
pub use code::UnknownCode;
pub use consent::{Consent, ConsentKind, ConsentState, ConsentStatus, ConsentSummary, GivenBy};
pub use error::{Violation, Violations};
pub use name::FullName;
pub use org::{AcademicYear, OrgKind};
pub use participant::{Contacts, NewParticipant, ParticipantDraft};
pub use role::{Permission, Role};
pub use search::search_key;
