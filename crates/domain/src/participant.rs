//! A participant of the model: who they are, how to reach them, and the rules on adding one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::age::{StudentAge, age_on};
use crate::category::{Category, CategoryInput, CategoryKind};
use crate::error::{Violation, Violations};
use crate::name::FullName;

/// Contacts; both optional, both checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contacts {
    /// Phone as digits with a leading «+», e.g. «+79161234567».
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// Raw fields of the add/edit form or the API.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ParticipantDraft {
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    #[serde(default)]
    pub patronymic: String,
    /// Birth date «2012-05-01» or «01.05.2012»; a parent's may be left empty.
    #[serde(default)]
    pub birth_date: String,
    /// Category and its details.
    #[serde(flatten)]
    pub category: CategoryInput,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// The curator confirms a student aged 18–19 as an exception.
    #[serde(default)]
    pub age_exception: bool,
}

/// A participant that passed every rule, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParticipant {
    /// ФИО.
    pub name: FullName,
    /// Birth date; only a parent's may be unknown.
    pub birth_date: Option<NaiveDate>,
    /// Category with details.
    pub category: Category,
    /// Contacts.
    pub contacts: Contacts,
    /// Student aged 18–19 confirmed by the curator.
    pub age_exception: bool,
}

impl ParticipantDraft {
    /// Checks every field against the model's rules on `today`; all messages at once.
    pub fn validate(&self, today: NaiveDate) -> Result<NewParticipant, Violations> {
        let mut e = Violations::default();
        let name = match FullName::parse(&self.last_name, &self.first_name, &self.patronymic) {
            Ok(n) => Some(n),
            Err(v) => {
                e.0.extend(v.0);
                None
            }
        };
        let category = match Category::parse(&self.category) {
            Ok(c) => Some(c),
            Err(v) => {
                e.0.extend(v.0);
                None
            }
        };
        // A parent named in a class list comes without a birth date; nobody else does.
        let undated_parent = self.birth_date.trim().is_empty() && matches!(category, Some(Category::Parent));
        let birth = if undated_parent {
            None
        } else {
            e.take(parse_date("birth_date", &self.birth_date))
        };
        let phone = e.take(parse_phone(self.phone.as_deref()));
        let email = e.take(parse_email(self.email.as_deref()));
        if let Some(birth) = birth {
            match age_on(birth, today) {
                None => e.push(Violation::new("birth_date", "err-birth-future")),
                Some(age) if age > 110 => e.push(Violation::new("birth_date", "err-birth-too-old")),
                Some(age) => {
                    let pupil = category.as_ref().is_some_and(|c| c.kind() == CategoryKind::Student);
                    if pupil {
                        check_student_age(&mut e, age, self.age_exception);
                        if let (Some(Category::Student { grade, .. }), true) = (&category, e.is_empty()) {
                            check_grade_age(&mut e, *grade, age);
                        }
                    } else if age < 14 && category.is_some() {
                        e.push(Violation::new("birth_date", "err-adult-too-young").arg("age", age));
                    }
                }
            }
        }
        match (name, category, phone, email) {
            (Some(name), Some(category), Some(phone), Some(email))
                if e.is_empty() && (birth.is_some() || undated_parent) =>
            {
                Ok(NewParticipant {
                    name,
                    birth_date: birth,
                    age_exception: self.age_exception && category.kind().is_pupil(),
                    category,
                    contacts: Contacts { phone, email },
                })
            }
            _ => Err(e),
        }
    }
}

fn check_student_age(e: &mut Violations, age: u32, exception: bool) {
    match StudentAge::of(age) {
        StudentAge::InRange => {}
        StudentAge::NeedsException if exception => {}
        StudentAge::NeedsException => e.push(Violation::new("birth_date", "err-student-age-exception").arg("age", age)),
        StudentAge::TooYoung | StudentAge::TooOld => {
            e.push(Violation::new("birth_date", "err-student-age").arg("age", age))
        }
    }
}

/// A pupil of class `grade` is usually `grade + 5` or `grade + 6` years old; more than two
/// years off is almost always a typo in the birth date or the class.
fn check_grade_age(e: &mut Violations, grade: u8, age: u32) {
    let lo = u32::from(grade) + 3;
    let hi = u32::from(grade) + 8;
    if !(lo..=hi).contains(&age) {
        e.push(
            Violation::new("grade", "err-grade-age")
                .arg("grade", grade)
                .arg("age", age),
        );
    }
}

/// Parses «2012-05-01», «01.05.2012» or «1.5.2012».
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate, Violation> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Violation::new(field, "err-required"));
    }
    // «01.09.12»: a two-digit year is ambiguous (1912 or 2012) — ask for four digits.
    if t.contains('.')
        && t.rsplit('.')
            .next()
            .is_some_and(|y| y.len() == 2 && y.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(Violation::new(field, "err-date-year-digits"));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
        .filter(|_| t.len() <= 10)
        .ok_or_else(|| Violation::new(field, "err-date"))
}

fn parse_phone(text: Option<&str>) -> Result<Option<String>, Violation> {
    let t = text.map(str::trim).unwrap_or("");
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() > 30 || !t.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) {
        return Err(Violation::new("phone", "err-phone"));
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let normalized = match (digits.len(), digits.chars().next()) {
        (11, Some('8' | '7')) => format!("+7{}", &digits[1..]),
        (10, Some('9' | '3' | '4' | '8')) => format!("+7{digits}"),
        _ => return Err(Violation::new("phone", "err-phone")),
    };
    Ok(Some(normalized))
}

/// A stored phone («+79251234567») as people write it: «+7 925 123-45-67»; any other
/// text as it is. Exports use it, so that a spreadsheet opens the phone as text.
pub fn phone_text(phone: &str) -> String {
    let digits = phone
        .strip_prefix("+7")
        .filter(|d| d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit()));
    match digits {
        Some(d) => format!("+7 {} {}-{}-{}", &d[..3], &d[3..6], &d[6..8], &d[8..]),
        None => phone.to_string(),
    }
}

fn parse_email(text: Option<&str>) -> Result<Option<String>, Violation> {
    let t = text.map(str::trim).unwrap_or("");
    if t.is_empty() {
        return Ok(None);
    }
    let valid = t.len() <= 254
        && !t.chars().any(|c| c.is_whitespace() || c.is_control())
        && t.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && !host.contains('@')
                && !host.starts_with('.')
                && !host.ends_with('.')
        });
    if valid {
        Ok(Some(t.to_lowercase()))
    } else {
        Err(Violation::new("email", "err-email"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()
    }

    #[test]
    fn a_stored_phone_reads_as_people_write_it() {
        let stored = parse_phone(Some("8 (925) 123-45-67")).unwrap().unwrap();
        assert_eq!(phone_text(&stored), "+7 925 123-45-67");
        assert_eq!(phone_text("+7925"), "+7925");
    }

    fn pupil(birth: &str, grade: &str) -> ParticipantDraft {
        ParticipantDraft {
            last_name: "Сидорова".into(),
            first_name: "Алёна".into(),
            birth_date: birth.into(),
            category: CategoryInput {
                kind: "student".into(),
                grade: Some(grade.into()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn fields(r: Result<NewParticipant, Violations>) -> Vec<(&'static str, &'static str)> {
        r.unwrap_err().0.into_iter().map(|v| (v.field, v.code)).collect()
    }

    #[test]
    fn valid_pupil_passes() {
        let p = pupil("01.05.2012", "7").validate(today()).unwrap();
        assert_eq!(p.birth_date.map(|d| d.to_string()).as_deref(), Some("2012-05-01"));
        assert_eq!(p.category.place(), "7");
    }

    #[test]
    fn bad_pupils_get_field_messages() {
        assert_eq!(
            fields(pupil("2016-05-01", "5").validate(today())),
            vec![("birth_date", "err-student-age")]
        );
        assert_eq!(
            fields(pupil("2012-05-01", "12").validate(today())),
            vec![("grade", "err-grade")]
        );
        assert_eq!(
            fields(pupil("2030-01-01", "7").validate(today())),
            vec![("birth_date", "err-birth-future")]
        );
        assert_eq!(
            fields(pupil("31.02.2012", "7").validate(today())),
            vec![("birth_date", "err-date")]
        );
        assert_eq!(
            fields(pupil("01.09.12", "7").validate(today())),
            vec![("birth_date", "err-date-year-digits")]
        );
        // Ten years old in class 11: the class or the date is wrong.
        assert_eq!(
            fields(pupil("2015-03-01", "11").validate(today())),
            vec![("grade", "err-grade-age")]
        );
        assert_eq!(
            fields(pupil("2007-01-01", "11").validate(today())),
            vec![("birth_date", "err-student-age-exception")]
        );
        let mut ok = pupil("2007-01-01", "11");
        ok.age_exception = true;
        assert!(ok.validate(today()).is_ok());
    }

    #[test]
    fn contacts_are_normalized_or_named() {
        let mut p = pupil("2012-05-01", "7");
        p.phone = Some("8 (916) 123-45-67".into());
        p.email = Some("Parent@Mail.ru".into());
        let ok = p.validate(today()).unwrap();
        assert_eq!(ok.contacts.phone.as_deref(), Some("+79161234567"));
        assert_eq!(ok.contacts.email.as_deref(), Some("parent@mail.ru"));
        p.phone = Some("12345".into());
        p.email = Some("нет".into());
        assert_eq!(
            fields(p.validate(today())),
            vec![("phone", "err-phone"), ("email", "err-email")]
        );
    }
}
