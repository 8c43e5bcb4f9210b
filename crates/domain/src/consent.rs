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

/// Where a person's consent of one kind stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Every consent was withdrawn.
    Withdrawn,
}

impl ConsentStatus {
    /// Every status, for the filters and the test that each has its text.
    pub const ALL: [ConsentStatus; 5] = [
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

    /// The status of `kind` for a person born on `birth`, given all their consents.
    pub fn of(kind: ConsentKind, birth: NaiveDate, consents: &[Consent], today: NaiveDate) -> Self {
        let minor = is_minor(birth, today);
        let of_kind: Vec<&Consent> = consents.iter().filter(|c| c.kind == kind).collect();
        let active = of_kind.iter().filter(|c| c.in_force(today));
        let mut by_guardian = false;
        for c in active {
            match (&c.given_by, minor) {
                (GivenBy::Guardian { .. }, true) | (GivenBy::Subject, false) => return Self::Valid,
                (GivenBy::Guardian { .. }, false) => by_guardian = true,
                // A minor's own signature is not enough: a guardian must sign.
                (GivenBy::Subject, true) => {}
            }
        }
        if by_guardian {
            Self::TurnedAdult
        } else if !of_kind.is_empty() && of_kind.iter().all(|c| c.withdrawn_on.is_some()) {
            Self::Withdrawn
        } else if minor {
            Self::MissingGuardian
        } else {
            Self::Missing
        }
    }

    /// The gate before a base or a pair: `Ok` only for a valid processing consent.
    pub fn require(self) -> Result<(), Violation> {
        match self {
            Self::Valid => Ok(()),
            other => Err(Violation::new("consent", gate_code(other))),
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
            ConsentStatus::of(ConsentKind::Processing, birth, &[], today),
            ConsentStatus::MissingGuardian
        );
        let own = consent(GivenBy::Subject, d(2025, 9, 1));
        assert_eq!(
            ConsentStatus::of(ConsentKind::Processing, birth, &[own], today),
            ConsentStatus::MissingGuardian
        );
        let g = consent(guardian(), d(2025, 9, 1));
        assert_eq!(
            ConsentStatus::of(ConsentKind::Processing, birth, std::slice::from_ref(&g), today),
            ConsentStatus::Valid
        );
        // A processing consent does not allow publication.
        assert_eq!(
            ConsentStatus::of(ConsentKind::Dissemination, birth, &[g], today),
            ConsentStatus::MissingGuardian
        );
    }

    #[test]
    fn turning_18_ends_guardian_cover() {
        let birth = d(2008, 3, 10);
        let g = consent(guardian(), d(2024, 9, 1));
        let s = |today| ConsentStatus::of(ConsentKind::Processing, birth, std::slice::from_ref(&g), today);
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
        let s = |today| ConsentStatus::of(ConsentKind::Processing, birth, std::slice::from_ref(&c), today);
        assert_eq!(s(d(2025, 10, 31)), ConsentStatus::Valid);
        assert_eq!(s(d(2025, 11, 1)), ConsentStatus::Withdrawn);
        assert!(s(d(2025, 11, 1)).require().is_err());
        assert!(s(d(2025, 10, 1)).require().is_ok());
    }
}
