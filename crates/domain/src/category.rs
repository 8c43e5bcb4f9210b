//! Who a participant is in the model: student, teacher, parent, graduate …

use serde::{Deserialize, Serialize};

use crate::error::{Violation, Violations};

/// The category without its details, as stored and filtered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryKind {
    /// Обучающийся школы (класс 5–11).
    Student,
    /// Студент колледжа (курс 1–5).
    CollegeStudent,
    /// Педагог.
    Teacher,
    /// Родитель.
    Parent,
    /// Выпускник.
    Graduate,
    /// Сотрудник предприятия (работодатель).
    EnterpriseEmployee,
    /// Предприниматель, общественный деятель.
    Entrepreneur,
    /// Ветеран педагогического труда.
    VeteranTeacher,
    /// Педагог вуза/колледжа.
    UniversityTeacher,
    /// Руководитель образовательной организации.
    Head,
}

impl CategoryKind {
    /// Every category, in the order forms list them.
    pub const ALL: [CategoryKind; 10] = [
        Self::Student,
        Self::CollegeStudent,
        Self::Teacher,
        Self::Parent,
        Self::Graduate,
        Self::EnterpriseEmployee,
        Self::Entrepreneur,
        Self::VeteranTeacher,
        Self::UniversityTeacher,
        Self::Head,
    ];

    /// Stable code (database, API, Fluent id suffix `category-…`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Student => "student",
            Self::CollegeStudent => "college_student",
            Self::Teacher => "teacher",
            Self::Parent => "parent",
            Self::Graduate => "graduate",
            Self::EnterpriseEmployee => "enterprise_employee",
            Self::Entrepreneur => "entrepreneur",
            Self::VeteranTeacher => "veteran_teacher",
            Self::UniversityTeacher => "university_teacher",
            Self::Head => "head",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Teachers of the school: their base entries are «из числа педагогов».
    pub fn is_school_teacher(self) -> bool {
        matches!(self, Self::Teacher | Self::Head | Self::VeteranTeacher)
    }

    /// Students of the school are the ones age rules and guardians apply to.
    pub fn is_pupil(self) -> bool {
        matches!(self, Self::Student | Self::CollegeStudent)
    }
}

/// A category with the details it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Category {
    /// Обучающийся, класс 5–11 и буква.
    Student { grade: u8, letter: Option<String> },
    /// Студент колледжа, курс.
    CollegeStudent { course: u8 },
    /// Педагог: предметы, должность, стаж.
    Teacher {
        subjects: Vec<String>,
        position: String,
        experience_years: Option<u8>,
    },
    /// Родитель.
    Parent,
    /// Выпускник.
    Graduate,
    /// Сотрудник предприятия: компания, должность.
    EnterpriseEmployee { company: String, position: Option<String> },
    /// Предприниматель/общественный деятель.
    Entrepreneur { company: Option<String> },
    /// Ветеран педагогического труда.
    VeteranTeacher,
    /// Педагог вуза/колледжа.
    UniversityTeacher { company: Option<String> },
    /// Руководитель ОО.
    Head,
}

/// Raw category fields as a form or an API sends them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CategoryInput {
    /// Category code.
    pub kind: String,
    /// Class 5–11.
    pub grade: Option<String>,
    /// Class letter «А».
    pub letter: Option<String>,
    /// College course.
    pub course: Option<String>,
    /// Subjects, comma-separated.
    pub subjects: Option<String>,
    /// Position.
    pub position: Option<String>,
    /// Teaching experience in years.
    pub experience_years: Option<String>,
    /// Company or organization.
    pub company: Option<String>,
}

/// Longest free-text field (position, company, subject list).
pub const MAX_TEXT: usize = 200;

fn text(field: &'static str, v: &Option<String>, required: bool) -> Result<Option<String>, Violation> {
    let t = v.as_deref().map(str::trim).unwrap_or("");
    if t.is_empty() {
        return if required {
            Err(Violation::new(field, "err-required"))
        } else {
            Ok(None)
        };
    }
    if t.chars().count() > MAX_TEXT {
        return Err(Violation::new(field, "err-too-long").arg("max", MAX_TEXT));
    }
    if t.chars().any(char::is_control) {
        return Err(Violation::new(field, "err-control-chars"));
    }
    Ok(Some(t.to_string()))
}

fn number(
    field: &'static str,
    v: &Option<String>,
    range: std::ops::RangeInclusive<u8>,
    code: &'static str,
) -> Result<u8, Violation> {
    let t = v.as_deref().map(str::trim).unwrap_or("");
    if t.is_empty() {
        return Err(Violation::new(field, "err-required"));
    }
    match t.parse::<u8>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(Violation::new(field, code)
            .arg("min", range.start())
            .arg("max", range.end())),
    }
}

impl Category {
    /// Parses the category fields; messages name the field.
    pub fn parse(input: &CategoryInput) -> Result<Self, Violations> {
        let mut e = Violations::default();
        let Some(kind) = CategoryKind::from_code(input.kind.trim()) else {
            return Err(Violation::new("category", "err-category").into());
        };
        let cat = match kind {
            CategoryKind::Student => {
                let grade = e.take(number("grade", &input.grade, 5..=11, "err-grade"));
                let letter = e.take(parse_letter(&input.letter));
                grade.map(|grade| Self::Student {
                    grade,
                    letter: letter.flatten(),
                })
            }
            CategoryKind::CollegeStudent => e
                .take(number("course", &input.course, 1..=5, "err-course"))
                .map(|course| Self::CollegeStudent { course }),
            CategoryKind::Teacher => {
                let subjects = e.take(text("subjects", &input.subjects, false));
                let position = e.take(text("position", &input.position, true));
                let exp = match input.experience_years.as_deref().map(str::trim) {
                    None | Some("") => Some(None),
                    _ => e
                        .take(number(
                            "experience_years",
                            &input.experience_years,
                            0..=70,
                            "err-experience",
                        ))
                        .map(Some),
                };
                match (subjects, position, exp) {
                    (Some(subjects), Some(Some(position)), Some(experience_years)) => Some(Self::Teacher {
                        subjects: split_list(subjects.as_deref().unwrap_or("")),
                        position,
                        experience_years,
                    }),
                    _ => None,
                }
            }
            CategoryKind::EnterpriseEmployee => {
                let company = e.take(text("company", &input.company, true));
                let position = e.take(text("position", &input.position, false));
                match (company, position) {
                    (Some(Some(company)), Some(position)) => Some(Self::EnterpriseEmployee { company, position }),
                    _ => None,
                }
            }
            CategoryKind::Entrepreneur => e
                .take(text("company", &input.company, false))
                .map(|company| Self::Entrepreneur { company }),
            CategoryKind::UniversityTeacher => e
                .take(text("company", &input.company, false))
                .map(|company| Self::UniversityTeacher { company }),
            CategoryKind::Parent => Some(Self::Parent),
            CategoryKind::Graduate => Some(Self::Graduate),
            CategoryKind::VeteranTeacher => Some(Self::VeteranTeacher),
            CategoryKind::Head => Some(Self::Head),
        };
        match cat {
            Some(c) if e.is_empty() => Ok(c),
            _ => Err(e),
        }
    }

    /// The kind of this category.
    pub fn kind(&self) -> CategoryKind {
        match self {
            Self::Student { .. } => CategoryKind::Student,
            Self::CollegeStudent { .. } => CategoryKind::CollegeStudent,
            Self::Teacher { .. } => CategoryKind::Teacher,
            Self::Parent => CategoryKind::Parent,
            Self::Graduate => CategoryKind::Graduate,
            Self::EnterpriseEmployee { .. } => CategoryKind::EnterpriseEmployee,
            Self::Entrepreneur { .. } => CategoryKind::Entrepreneur,
            Self::VeteranTeacher => CategoryKind::VeteranTeacher,
            Self::UniversityTeacher { .. } => CategoryKind::UniversityTeacher,
            Self::Head => CategoryKind::Head,
        }
    }

    /// Class «7Б», course «2 курс» or position, for lists.
    pub fn place(&self) -> String {
        match self {
            Self::Student { grade, letter } => format!("{grade}{}", letter.as_deref().unwrap_or("")),
            Self::CollegeStudent { course } => format!("{course} курс"),
            Self::Teacher { position, .. } => position.clone(),
            Self::EnterpriseEmployee { company, .. } => company.clone(),
            Self::Entrepreneur { company } | Self::UniversityTeacher { company } => company.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }
}

fn parse_letter(v: &Option<String>) -> Result<Option<String>, Violation> {
    let t = v.as_deref().map(str::trim).unwrap_or("");
    if t.is_empty() {
        return Ok(None);
    }
    let upper: String = t.chars().flat_map(char::to_uppercase).collect();
    let mut chars = upper.chars();
    match (chars.next(), chars.next()) {
        (Some('А'..='Я' | 'Ё'), None) => Ok(Some(upper)),
        _ => Err(Violation::new("letter", "err-class-letter")),
    }
}

/// «математика, физика» → ["математика", "физика"].
fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str) -> CategoryInput {
        CategoryInput {
            kind: kind.into(),
            ..Default::default()
        }
    }

    #[test]
    fn student_needs_class_5_to_11() {
        let mut i = input("student");
        i.grade = Some("7".into());
        i.letter = Some("б".into());
        assert_eq!(Category::parse(&i).unwrap().place(), "7Б");
        i.grade = Some("12".into());
        let e = Category::parse(&i).unwrap_err();
        assert_eq!((e.0[0].field, e.0[0].code), ("grade", "err-grade"));
        i.grade = None;
        assert_eq!(Category::parse(&i).unwrap_err().0[0].code, "err-required");
    }

    #[test]
    fn teacher_needs_position_and_parses_subjects() {
        let mut i = input("teacher");
        i.subjects = Some("математика; физика,".into());
        assert_eq!(Category::parse(&i).unwrap_err().0[0].field, "position");
        i.position = Some("учитель".into());
        i.experience_years = Some("3".into());
        match Category::parse(&i).unwrap() {
            Category::Teacher {
                subjects,
                experience_years,
                ..
            } => {
                assert_eq!(subjects, vec!["математика", "физика"]);
                assert_eq!(experience_years, Some(3));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_category_is_named() {
        assert_eq!(Category::parse(&input("alien")).unwrap_err().0[0].field, "category");
    }
}
