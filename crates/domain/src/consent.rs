//! Consent to personal-data processing and to dissemination (152-ФЗ), and the gate it sets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::age::is_minor;
use crate::error::Violation;

/// What the consent allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Согласие на обработку персональных данных.
    Processing,
    /// Согласие на распространение (публикацию) персональных данных.
    Dissemination,
}

impl ConsentKind {
    /// Every kind, in the order the card lists them.
    pub const ALL: [ConsentKind; 2] = [Self::Processing, Self::Dissemination];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Processing => "processing",
            Self::Dissemination => "dissemination",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "processing" => Some(Self::Processing),
            "dissemination" => Some(Self::Dissemination),
            _ => None,
        }
    }
}

/// Who signed the consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum GivenBy {
    /// The person themself (an adult).
    Subject,
    /// A guardian (законный представитель) on behalf of a minor.
    Guardian {
        /// The guardian's participant id.
        guardian_id: i64,
        /// The document that makes them the representative (свидетельство о рождении, решение опеки…).
        authority_doc: String,
    },
}

/// One consent record; withdrawal closes it but keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// Record id.
    pub id: i64,
    /// Processing or dissemination.
    pub kind: ConsentKind,
    /// Who gave it.
    pub given_by: GivenBy,
    /// Purpose (цель обработки).
    pub purpose: String,
    /// Date of signature.
    pub given_on: NaiveDate,
    /// Reference of the paper document (номер, место хранения).
    pub document_ref: String,
    /// Date of withdrawal, if withdrawn.
    pub withdrawn_on: Option<NaiveDate>,
}

impl Consent {
    /// In force on `today`: signed by then and not withdrawn.
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.given_on <= today && self.withdrawn_on.is_none_or(|w| w > today)
    }
}

/// What one person's consents of one kind come to on a day: the input of the consent
/// rule. Loaded consents give it through [`ConsentSummary::of`]; the storage's SQL gives
/// the same three columns for whole lists (`storage::consent_rule`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentSummary {
    /// Date of the person's own consent in force (the latest).
    pub own: Option<NaiveDate>,
    /// Date of a consent in force signed by a guardian who still represents the person.
    pub guardian: Option<NaiveDate>,
    /// A consent of this kind was withdrawn on or before the day.
    pub withdrawn: bool,
}

impl ConsentSummary {
    /// Sums up `consents` of `kind` on `today`; a guardian's consent counts only while
    /// its signer is among `guardians` (the person's linked representatives).
    pub fn of(kind: ConsentKind, consents: &[Consent], guardians: &[i64], today: NaiveDate) -> Self {
        let mut s = Self::default();
        for c in consents.iter().filter(|c| c.kind == kind) {
            if c.withdrawn_on.is_some_and(|w| w <= today) {
                s.withdrawn = true;
            }
            if !c.in_force(today) {
                continue;
            }
            let slot = match &c.given_by {
                GivenBy::Subject => &mut s.own,
                GivenBy::Guardian { guardian_id, .. } if guardians.contains(guardian_id) => &mut s.guardian,
                GivenBy::Guardian { .. } => continue,
            };
            *slot = (*slot).max(Some(c.given_on));
        }
        s
    }
}

/// Where a person's consent of one kind stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    /// A consent in force covers the person.
    Valid,
    /// No consent at all.
    Missing,
    /// A minor without a guardian's consent.
    MissingGuardian,
    /// Turned 18: the guardian's consent no longer covers them; their own is needed.
    TurnedAdult,
    /// The consent was withdrawn and nothing else covers the person.
    Withdrawn,
}

impl ConsentStatus {
    /// Every status, for the filters and the test that each has its text.
    pub const ALL: [Self; 5] = [
        Self::Valid,
        Self::Missing,
        Self::MissingGuardian,
        Self::TurnedAdult,
        Self::Withdrawn,
    ];

    /// Stable code, also the Fluent id suffix `consent-status-…`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Missing => "missing",
            Self::MissingGuardian => "missing_guardian",
            Self::TurnedAdult => "turned_adult",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// **The consent rule**: a minor is covered by a guardian's consent, an adult by their
    /// own; a pupil who turned 18 is no longer covered by the guardian's. Every list, count,
    /// export and gate comes to this (the SQL form is `storage::consent_rule`, tested to agree).
    pub fn decide(minor: bool, s: &ConsentSummary) -> Self {
        match (minor, s.own.is_some(), s.guardian.is_some()) {
            (true, _, true) | (false, true, _) => Self::Valid,
            (false, false, true) => Self::TurnedAdult,
            _ if s.withdrawn => Self::Withdrawn,
            (true, _, false) => Self::MissingGuardian,
            (false, _, _) => Self::Missing,
        }
    }

    /// The status of `kind` for a person born on `birth` (`None`: unknown, an adult
    /// guardian), from all their consents and their linked guardians.
    pub fn of(
        kind: ConsentKind,
        birth: Option<NaiveDate>,
        consents: &[Consent],
        guardians: &[i64],
        today: NaiveDate,
    ) -> Self {
        let minor = birth.is_some_and(|b| is_minor(b, today));
        Self::decide(minor, &ConsentSummary::of(kind, consents, guardians, today))
    }

    /// The gate before a base or a pair: `Ok` only for a valid processing consent.
    pub fn require(self) -> Result<(), Violation> {
        match self {
            Self::Valid => Ok(()),
            other => Err(Violation::new("consent", gate_code(other))),
        }
    }
}

/// Where one consent record stands today, for the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// In force and covering the person.
    InForce,
    /// Signed with a later date.
    NotYet,
    /// Withdrawn (on or before today).
    Withdrawn,
    /// Withdrawn from a later date: in force until then.
    WithdrawnLater,
    /// A guardian's consent for a person who turned 18: no longer covers them.
    SubjectAdult,
    /// Signed by a guardian who no longer represents the person.
    GuardianUnlinked,
}

impl ConsentState {
    /// Every state, for label checks.
    pub const ALL: [Self; 6] = [
        Self::InForce,
        Self::NotYet,
        Self::Withdrawn,
        Self::WithdrawnLater,
        Self::SubjectAdult,
        Self::GuardianUnlinked,
    ];

    /// Stable code, also the Fluent id suffix `consent-state-…`.
    pub fn code(self) -> &'static str {
        match self {
            Self::InForce => "in_force",
            Self::NotYet => "not_yet",
            Self::Withdrawn => "withdrawn",
            Self::WithdrawnLater => "withdrawn_later",
            Self::SubjectAdult => "subject_adult",
            Self::GuardianUnlinked => "guardian_unlinked",
        }
    }

    /// Whether the record still counts (in force and covering the person).
    pub fn covers(self) -> bool {
        matches!(self, Self::InForce | Self::WithdrawnLater)
    }
}

impl Consent {
    /// Where this record stands on `today` for a person who is `minor` and whose linked
    /// guardians are `guardians` (the same rule as [`ConsentSummary::of`]).
    pub fn state(&self, minor: bool, guardians: &[i64], today: NaiveDate) -> ConsentState {
        if self.withdrawn_on.is_some_and(|w| w <= today) {
            return ConsentState::Withdrawn;
        }
        if self.given_on > today {
            return ConsentState::NotYet;
        }
        if let GivenBy::Guardian { guardian_id, .. } = &self.given_by {
            if !guardians.contains(guardian_id) {
                return ConsentState::GuardianUnlinked;
            }
            if !minor {
                return ConsentState::SubjectAdult;
            }
        }
        if self.withdrawn_on.is_some() {
            ConsentState::WithdrawnLater
        } else {
            ConsentState::InForce
        }
    }
}

fn gate_code(status: ConsentStatus) -> &'static str {
    match status {
        ConsentStatus::MissingGuardian => "err-gate-guardian-consent",
        ConsentStatus::TurnedAdult => "err-gate-turned-adult",
        ConsentStatus::Withdrawn => "err-gate-withdrawn",
        _ => "err-gate-consent",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn consent(by: GivenBy, on: NaiveDate) -> Consent {
        Consent {
            id: 1,
            kind: ConsentKind::Processing,
            given_by: by,
            purpose: "участие в программе наставничества".into(),
            given_on: on,
            document_ref: "№ 1".into(),
            withdrawn_on: None,
        }
    }

    fn guardian() -> GivenBy {
        GivenBy::Guardian {
            guardian_id: 7,
            authority_doc: "свидетельство о рождении".into(),
        }
    }

    #[test]
    fn minor_needs_guardian() {
        let birth = d(2012, 5, 1);
        let today = d(2025, 10, 1);
        assert_eq!(
            ConsentStatus::of(ConsentKind::Processing, Some(birth), &[], &[7], today),
            ConsentStatus::MissingGuardian
        );
        let own = consent(GivenBy::Subject, d(2025, 9, 1));
        assert_eq!(
            ConsentStatus::of(ConsentKind::Processing, Some(birth), &[own], &[7], today),
            ConsentStatus::MissingGuardian
        );
        let g = consent(guardian(), d(2025, 9, 1));
        assert_eq!(
            ConsentStatus::of(
                ConsentKind::Processing,
                Some(birth),
                std::slice::from_ref(&g),
                &[7],
                today
            ),
            ConsentStatus::Valid
        );
        // A processing consent does not allow publication.
        assert_eq!(
            ConsentStatus::of(ConsentKind::Dissemination, Some(birth), &[g], &[7], today),
            ConsentStatus::MissingGuardian
        );
    }

    #[test]
    fn turning_18_ends_guardian_cover() {
        let birth = d(2008, 3, 10);
        let g = consent(guardian(), d(2024, 9, 1));
        let s = |today| {
            ConsentStatus::of(
                ConsentKind::Processing,
                Some(birth),
                std::slice::from_ref(&g),
                &[7],
                today,
            )
        };
        assert_eq!(s(d(2026, 3, 9)), ConsentStatus::Valid);
        assert_eq!(s(d(2026, 3, 10)), ConsentStatus::TurnedAdult);
        assert_eq!(
            ConsentStatus::TurnedAdult.require().unwrap_err().code,
            "err-gate-turned-adult"
        );
    }

    #[test]
    fn withdrawal_closes_the_gate_from_that_day() {
        let birth = d(1980, 1, 1);
        let mut c = consent(GivenBy::Subject, d(2025, 9, 1));
        c.withdrawn_on = Some(d(2025, 11, 1));
        let s = |today| {
            ConsentStatus::of(
                ConsentKind::Processing,
                Some(birth),
                std::slice::from_ref(&c),
                &[],
                today,
            )
        };
        assert_eq!(s(d(2025, 10, 31)), ConsentStatus::Valid);
        assert_eq!(s(d(2025, 11, 1)), ConsentStatus::Withdrawn);
        assert!(s(d(2025, 11, 1)).require().is_err());
        assert!(s(d(2025, 10, 1)).require().is_ok());
    }
}
