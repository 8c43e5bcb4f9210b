//! The cases every surface of the consent rule is tested against: the domain function,
//! the SQL on both databases, the list, the card, the bases, the export, the municipal
//! base and the API must all come to the same status for each. A data table, shared by
//! the tests of every crate.

use chrono::NaiveDate;

use crate::ConsentStatus;

/// The day the cases are judged on.
pub const TODAY: (i32, u32, u32) = (2026, 3, 10);

/// One consent of a case.
#[derive(Debug, Clone, Copy)]
pub struct CaseConsent {
    /// Signed by the person's guardian (otherwise by the person).
    pub by_guardian: bool,
    /// The guardian is still linked to the person.
    pub linked: bool,
    /// Date of signature.
    pub given_on: (i32, u32, u32),
    /// Date of withdrawal.
    pub withdrawn_on: Option<(i32, u32, u32)>,
}

/// A person and their processing consents, with the status the rule must give.
#[derive(Debug, Clone, Copy)]
pub struct ConsentCase {
    /// What the case is about, in a few words (also a unique surname suffix in tests).
    pub name: &'static str,
    /// Birth date.
    pub birth: (i32, u32, u32),
    /// Processing consents.
    pub consents: &'static [CaseConsent],
    /// What the rule must say on [`TODAY`].
    pub expected: ConsentStatus,
}

const fn own(given_on: (i32, u32, u32), withdrawn_on: Option<(i32, u32, u32)>) -> CaseConsent {
    CaseConsent {
        by_guardian: false,
        linked: false,
        given_on,
        withdrawn_on,
    }
}

const fn guardian(given_on: (i32, u32, u32), linked: bool, withdrawn_on: Option<(i32, u32, u32)>) -> CaseConsent {
    CaseConsent {
        by_guardian: true,
        linked,
        given_on,
        withdrawn_on,
    }
}

/// The table.
pub const CASES: &[ConsentCase] = &[
    ConsentCase {
        name: "adult own",
        birth: (1985, 4, 2),
        consents: &[own((2025, 9, 1), None)],
        expected: ConsentStatus::Valid,
    },
    ConsentCase {
        name: "adult none",
        birth: (1985, 4, 2),
        consents: &[],
        expected: ConsentStatus::Missing,
    },
    ConsentCase {
        name: "minor guardian",
        birth: (2012, 5, 1),
        consents: &[guardian((2025, 9, 1), true, None)],
        expected: ConsentStatus::Valid,
    },
    ConsentCase {
        name: "minor none",
        birth: (2012, 5, 1),
        consents: &[],
        expected: ConsentStatus::MissingGuardian,
    },
    ConsentCase {
        name: "minor own only",
        birth: (2010, 5, 1),
        consents: &[own((2025, 9, 1), None)],
        expected: ConsentStatus::MissingGuardian,
    },
    ConsentCase {
        name: "turned 18 today",
        birth: (2008, 3, 10),
        consents: &[guardian((2024, 9, 1), true, None)],
        expected: ConsentStatus::TurnedAdult,
    },
    ConsentCase {
        name: "turns 18 tomorrow",
        birth: (2008, 3, 11),
        consents: &[guardian((2024, 9, 1), true, None)],
        expected: ConsentStatus::Valid,
    },
    ConsentCase {
        name: "turned 18 with own",
        birth: (2007, 10, 1),
        consents: &[guardian((2024, 9, 1), true, None), own((2026, 1, 15), None)],
        expected: ConsentStatus::Valid,
    },
    ConsentCase {
        name: "withdrawn today",
        birth: (1985, 4, 2),
        consents: &[own((2025, 9, 1), Some(TODAY))],
        expected: ConsentStatus::Withdrawn,
    },
    ConsentCase {
        name: "withdrawn tomorrow",
        birth: (1985, 4, 2),
        consents: &[own((2025, 9, 1), Some((2026, 3, 11)))],
        expected: ConsentStatus::Valid,
    },
    ConsentCase {
        name: "minor withdrawn today",
        birth: (2012, 5, 1),
        consents: &[guardian((2025, 9, 1), true, Some(TODAY))],
        expected: ConsentStatus::Withdrawn,
    },
    ConsentCase {
        name: "guardian unlinked",
        birth: (2012, 5, 1),
        consents: &[guardian((2025, 9, 1), false, None)],
        expected: ConsentStatus::MissingGuardian,
    },
    ConsentCase {
        name: "signed tomorrow",
        birth: (1985, 4, 2),
        consents: &[own((2026, 3, 11), None)],
        expected: ConsentStatus::Missing,
    },
];

/// A date of the table.
pub fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Consent, ConsentKind, GivenBy};

    #[test]
    fn the_domain_rule_gives_every_case_its_status() {
        for case in CASES {
            let consents: Vec<Consent> = case
                .consents
                .iter()
                .enumerate()
                .map(|(i, c)| Consent {
                    id: i as i64,
                    kind: ConsentKind::Processing,
                    given_by: if c.by_guardian {
                        GivenBy::Guardian {
                            guardian_id: if c.linked { 7 } else { 8 },
                            authority_doc: "свидетельство о рождении".into(),
                        }
                    } else {
                        GivenBy::Subject
                    },
                    purpose: String::new(),
                    given_on: date(c.given_on),
                    document_ref: String::new(),
                    withdrawn_on: c.withdrawn_on.map(date),
                })
                .collect();
            let got = ConsentStatus::of(
                ConsentKind::Processing,
                Some(date(case.birth)),
                &consents,
                &[7],
                date(TODAY),
            );
            assert_eq!(got, case.expected, "{}", case.name);
        }
    }
}
