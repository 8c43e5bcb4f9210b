//! Organizations (region → municipality → school) and academic years.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Violation;

/// Level of an organization in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Регион.
    Region,
    /// Муниципалитет (орган управления образованием).
    Municipality,
    /// Образовательная организация.
    School,
}

impl OrgKind {
    /// Every level, from the top.
    pub const ALL: [OrgKind; 3] = [Self::Region, Self::Municipality, Self::School];

    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::Municipality => "municipality",
            Self::School => "school",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind a parent of this kind must have.
    pub fn parent_kind(self) -> Option<Self> {
        match self {
            Self::Region => None,
            Self::Municipality => Some(Self::Region),
            Self::School => Some(Self::Municipality),
        }
    }
}

/// An academic year «2025/2026»: 1 September to 31 August.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AcademicYear {
    start_year: i32,
}

impl AcademicYear {
    /// The year starting in September of `start_year`.
    pub fn starting(start_year: i32) -> Self {
        Self { start_year }
    }

    /// The academic year `date` falls in.
    pub fn containing(date: NaiveDate) -> Self {
        let y = date.year();
        Self {
            start_year: if date.month() >= 9 { y } else { y - 1 },
        }
    }

    /// Parses «2025/2026» (also «2025-2026», «2025–2026»).
    pub fn parse(field: &'static str, text: &str) -> Result<Self, Violation> {
        let err = || Violation::new(field, "err-academic-year");
        let mut parts = text.trim().split(['/', '-', '–']);
        let a: i32 = parts.next().and_then(|s| s.trim().parse().ok()).ok_or_else(err)?;
        let b: i32 = parts.next().and_then(|s| s.trim().parse().ok()).ok_or_else(err)?;
        if parts.next().is_some() || b != a + 1 || !(2000..=2100).contains(&a) {
            return Err(err());
        }
        Ok(Self { start_year: a })
    }

    /// First day: 1 September.
    pub fn starts_on(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year, 9, 1).unwrap_or_default()
    }

    /// Last day: 31 August.
    pub fn ends_on(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year + 1, 8, 31).unwrap_or_default()
    }

    /// Year the period starts in.
    pub fn start_year(self) -> i32 {
        self.start_year
    }

    /// «2025/2026».
    pub fn title(self) -> String {
        format!("{}/{}", self.start_year, self.start_year + 1)
    }
}

/// Checks an IANA time-zone name the way schools need them (Europe/Moscow, Asia/Yekaterinburg …).
pub fn validate_timezone(field: &'static str, tz: &str) -> Result<String, Violation> {
    let tz = tz.trim();
    let ok = !tz.is_empty()
        && tz.len() <= 40
        && tz.contains('/')
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
    if ok {
        Ok(tz.to_string())
    } else {
        Err(Violation::new(field, "err-timezone"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years() {
        let y = AcademicYear::parse("year", "2025/2026").unwrap();
        assert_eq!(y.title(), "2025/2026");
        assert_eq!(y.starts_on().to_string(), "2025-09-01");
        assert_eq!(
            AcademicYear::containing(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            y
        );
        assert!(AcademicYear::parse("year", "2025/2027").is_err());
        assert!(AcademicYear::parse("year", "abc").is_err());
    }
}
