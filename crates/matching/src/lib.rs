//! The matching engine of Nastavnik: compatibility scores with their reasons, the
//! mentee-optimal stable matching and the optimal assignment, with capacities.
//!
//! Pure: no database, no network; the only input and output are the instance and solution
//! formats of `bench/matching/FORMAT.md`, read from and written to what the caller gives.

mod compat;
mod explain;
pub mod format;
mod instance;
mod matching;
mod optimal;
mod plan;
mod profile;
mod stable;
mod text;

pub use compat::{Compatibility, Criterion, Exclusion, Scope, admissible, places, score};
pub use explain::{Obstacle, Unmatched, explain};
pub use instance::{Instance, Layout, MAX_SCORE, Prefs};
pub use matching::{Matching, UNMATCHED};
pub use optimal::{Objective, dense, optimal, sparse};
pub use plan::{Algorithm, Left, PinError, Proposal, ProposedPair, Reason, Rules, instance_of, propose};
pub use profile::{MenteeProfile, MentorProfile, MentoringForm, MentoringKind, Weights};
pub use stable::stable;
pub use text::Lang;
