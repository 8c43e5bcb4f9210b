//! The rows of the lists of pupils and staff: the person, a pupil's parent, and the head of
//! the school among the staff.

use chrono::Datelike;

use crate::age::is_minor;
use crate::category::CategoryInput;
use crate::search::search_key;

use super::cells::{Birth, DEFAULT_RELATION, experience_years, parse_class, relation};
use super::headers::Field;
use super::row::{BirthKey, Check, Cols, RowCtx, RowOut, split_full_name};
use super::types::{GuardianRecord, PersonRecord, Record, Severity};

/// The guardian columns of a list of pupils.
enum Guardian {
    /// No guardian columns filled.
    None,
    /// Contacts but no name.
    ContactsOnly,
    /// Named but broken (already reported).
    Invalid,
    Found(GuardianRecord),
}

impl RowCtx<'_> {
    /// The guardian of a pupil from «ФИО родителя» / «Мать» / «Отец» and their contacts.
    fn guardian(&mut self) -> Guardian {
        let candidates = [
            (Field::GuardianName, Field::GuardianPhone, None),
            (Field::MotherName, Field::MotherPhone, Some("мать")),
            (Field::FatherName, Field::FatherPhone, Some("отец")),
        ];
        let Some((name_f, phone_f, default)) = candidates.into_iter().find(|(n, _, _)| !self.value(*n).is_empty())
        else {
            let any_contact = [
                Field::GuardianPhone,
                Field::MotherPhone,
                Field::FatherPhone,
                Field::GuardianEmail,
            ]
            .iter()
            .any(|f| !self.value(*f).is_empty());
            return if any_contact {
                Guardian::ContactsOnly
            } else {
                Guardian::None
            };
        };
        let name_col = self.col(name_f);
        let text = self.name_text(name_col);
        let name = split_full_name(&text, name_col);
        let phone_field = if self.value(phone_f).is_empty() {
            Field::GuardianPhone
        } else {
            phone_f
        };
        let relation_text = self.text(Field::GuardianRelation);
        let relation = if !relation_text.is_empty() {
            relation(&relation_text)
        } else {
            default.unwrap_or(DEFAULT_RELATION).to_string()
        };
        let cols = Cols {
            name: name.cols,
            phone: self.col(phone_field),
            email: self.col(Field::GuardianEmail),
            ..Cols::default()
        };
        let check = Check {
            name,
            birth: Birth::Missing,
            birth_required: false,
            category: None,
            class_invalid: false,
            phone: self.opt_string(phone_field),
            email: self.opt_string(Field::GuardianEmail),
        };
        match self.check(check, &cols) {
            Some(p) => Guardian::Found(GuardianRecord {
                name: p.name,
                phone: p.contacts.phone,
                email: p.contacts.email,
                relation,
            }),
            None => Guardian::Invalid,
        }
    }

    /// The header of the guardian's name column, or «ФИО родителя» when there is none.
    fn guardian_column(&self) -> (Option<usize>, String) {
        let col = self
            .col(Field::GuardianName)
            .or(self.col(Field::MotherName))
            .or(self.col(Field::FatherName));
        let header = col.map_or_else(|| "ФИО родителя".to_string(), |c| self.layout.headers[c].clone());
        (col, header)
    }

    /// A row of the list of pupils: the pupil and their parent.
    pub(super) fn student(&mut self) -> RowOut {
        let name = self.name(Field::FullName, [Field::LastName, Field::FirstName, Field::Patronymic]);
        let birth = self.date(Field::BirthDate);
        let class_col = self.col(Field::Class);
        let class_text = self.text(Field::Class);
        let (grade, letter, class_invalid) = if class_text.is_empty() {
            (None, None, false)
        } else {
            match parse_class(&class_text) {
                Some((g, l)) => (Some(g), l, false),
                None => {
                    self.bad_value(class_col, "imp-class", "7А".into());
                    (None, None, true)
                }
            }
        };
        let cols = Cols {
            name: name.cols,
            birth: self.col(Field::BirthDate),
            grade: class_col,
            phone: self.col(Field::Phone),
            email: self.col(Field::Email),
            ..Cols::default()
        };
        let key = match birth {
            Birth::Known(d) => name.key().map(|k| (k, BirthKey::Date(d))),
            _ => None,
        };
        let check = Check {
            name,
            birth,
            birth_required: true,
            category: Some(CategoryInput {
                kind: "student".into(),
                grade,
                letter,
                ..Default::default()
            }),
            class_invalid,
            phone: self.opt_string(Field::Phone),
            email: self.opt_string(Field::Email),
        };
        let person = self.check(check, &cols);
        let guardian = self.guardian();
        let minor = matches!(birth, Birth::Known(d) if is_minor(d, self.opts.today));
        match &guardian {
            Guardian::None | Guardian::ContactsOnly if minor => {
                let (col, header) = self.guardian_column();
                self.push(Severity::Error, col, "imp-no-guardian", vec![("column", header)]);
            }
            Guardian::ContactsOnly => {
                let (col, header) = self.guardian_column();
                self.push(Severity::Warning, col, "imp-guardian-no-name", vec![("column", header)]);
            }
            _ => {}
        }
        let record = person.map(|p| Record {
            row: self.row.number,
            person: PersonRecord {
                birth_year: p.birth_date.map(|d| d.year()),
                name: p.name,
                birth_date: p.birth_date,
                category: Some(p.category),
                phone: p.contacts.phone,
                email: p.contacts.email,
                guardian: match guardian {
                    Guardian::Found(g) => Some(g),
                    _ => None,
                },
                age_exception: p.age_exception,
            },
            entry: None,
        });
        RowOut { record, key }
    }

    /// A row of the list of staff: a teacher, or the head when the position says so.
    pub(super) fn staff(&mut self) -> RowOut {
        let name = self.name(Field::FullName, [Field::LastName, Field::FirstName, Field::Patronymic]);
        let birth = self.date(Field::BirthDate);
        let position = self.opt_string(Field::Position);
        let head = position.as_deref().is_some_and(|p| {
            let key = search_key(p);
            key.starts_with("директор") || key.starts_with("руководитель")
        });
        let category = if head {
            CategoryInput {
                kind: "head".into(),
                ..Default::default()
            }
        } else {
            CategoryInput {
                kind: "teacher".into(),
                position,
                subjects: self.opt_string(Field::Subjects),
                experience_years: self.opt_string(Field::Experience).map(|e| experience_years(&e)),
                ..Default::default()
            }
        };
        let cols = Cols {
            name: name.cols,
            birth: self.col(Field::BirthDate),
            position: self.col(Field::Position),
            subjects: self.col(Field::Subjects),
            experience: self.col(Field::Experience),
            phone: self.col(Field::Phone),
            email: self.col(Field::Email),
            ..Cols::default()
        };
        let key = match birth {
            Birth::Known(d) => name.key().map(|k| (k, BirthKey::Date(d))),
            _ => None,
        };
        let check = Check {
            name,
            birth,
            birth_required: true,
            category: Some(category),
            class_invalid: false,
            phone: self.opt_string(Field::Phone),
            email: self.opt_string(Field::Email),
        };
        let person = self.check(check, &cols);
        let record = person.map(|p| Record {
            row: self.row.number,
            person: PersonRecord {
                birth_year: p.birth_date.map(|d| d.year()),
                name: p.name,
                birth_date: p.birth_date,
                category: Some(p.category),
                phone: p.contacts.phone,
                email: p.contacts.email,
                guardian: None,
                age_exception: p.age_exception,
            },
            entry: None,
        });
        RowOut { record, key }
    }
}
