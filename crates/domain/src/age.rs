//! Ages in full years and the age rules for students in the model (10–17, 19 as an exception).

use chrono::{Datelike, NaiveDate};

/// Youngest student the model takes.
pub const STUDENT_MIN_AGE: u32 = 10;
/// Oldest student the model takes without the curator's confirmation.
pub const STUDENT_MAX_AGE: u32 = 17;
/// Oldest student the curator may confirm as an exception.
pub const STUDENT_EXCEPTION_MAX_AGE: u32 = 19;
/// Age of majority: the guardian's consent no longer covers the person.
pub const ADULT_AGE: u32 = 18;

/// Full years on `today` of a person born on `birth`; `None` if born after `today`.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    if birth > today {
        return None;
    }
    let mut years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// True if the person is a minor on `today`.
pub fn is_minor(birth: NaiveDate, today: NaiveDate) -> bool {
    age_on(birth, today).is_none_or(|a| a < ADULT_AGE)
}

/// True if a person whose birth date may be unknown is a minor on `today`: only parents
/// come without a date, and they are adults.
pub fn is_minor_if_known(birth: Option<NaiveDate>, today: NaiveDate) -> bool {
    birth.is_some_and(|b| is_minor(b, today))
}

/// The last birth date of an adult on `today`: born on or before it means 18+.
pub fn adult_born_on_or_before(today: NaiveDate) -> NaiveDate {
    today
        .with_year(today.year() - ADULT_AGE as i32)
        // 29 February → 28 February in a common year
        .or_else(|| (today - chrono::Days::new(1)).with_year(today.year() - ADULT_AGE as i32))
        .unwrap_or(today)
}

/// Where a student's age stands against the model's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudentAge {
    /// 10–17: in range.
    InRange,
    /// 18–19: allowed only when the curator confirms the exception.
    NeedsException,
    /// Under 10.
    TooYoung,
    /// Over 19.
    TooOld,
}

impl StudentAge {
    /// Classifies a student's age in full years.
    pub fn of(age: u32) -> Self {
        match age {
            a if a < STUDENT_MIN_AGE => Self::TooYoung,
            a if a <= STUDENT_MAX_AGE => Self::InRange,
            a if a <= STUDENT_EXCEPTION_MAX_AGE => Self::NeedsException,
            _ => Self::TooOld,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn counts_full_years() {
        assert_eq!(age_on(d(2010, 3, 15), d(2025, 3, 14)), Some(14));
        assert_eq!(age_on(d(2010, 3, 15), d(2025, 3, 15)), Some(15));
        assert_eq!(age_on(d(2030, 1, 1), d(2025, 3, 15)), None);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), Some(17));
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 3, 1)), Some(18));
    }

    #[test]
    fn adult_cutoff_matches_age() {
        for today in [d(2026, 2, 28), d(2028, 2, 29), d(2025, 9, 1)] {
            let cutoff = adult_born_on_or_before(today);
            assert!(age_on(cutoff, today).unwrap() >= ADULT_AGE, "{today}");
            assert!(
                age_on(cutoff.succ_opt().unwrap(), today).unwrap() < ADULT_AGE,
                "{today}"
            );
        }
    }

    #[test]
    fn classifies_student_ages() {
        assert_eq!(StudentAge::of(9), StudentAge::TooYoung);
        assert_eq!(StudentAge::of(10), StudentAge::InRange);
        assert_eq!(StudentAge::of(17), StudentAge::InRange);
        assert_eq!(StudentAge::of(19), StudentAge::NeedsException);
        assert_eq!(StudentAge::of(20), StudentAge::TooOld);
    }
}
