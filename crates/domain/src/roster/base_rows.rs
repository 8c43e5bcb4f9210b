//! The rows of the bases of mentors and mentees: birth year or date, the contacts cell, the
//! category and what it needs (a class, a workplace), and the entry of the base.

use chrono::Datelike;

use crate::base::{BaseKind, EntryStatus, Form, Labelled, MenteeCategory, MentorCategory, RequestSource};
use crate::category::CategoryInput;

use super::cells::{Birth, ContactParts, DEFAULT_RELATION, YearCell, find_class, parse_contacts, parse_year_cell};
use super::headers::{Field, quoted_list};
use super::row::{BirthKey, Check, Cols, EMPTY, RowCtx, RowOut, split_full_name};
use super::types::{EntryRecord, GuardianRecord, PersonRecord, Record, Severity, SourceRow};

impl RowCtx<'_> {
    /// Phone and e-mail of the person: their own columns, else the contacts cell.
    fn contacts(&self, contacts: &ContactParts) -> (Option<String>, Option<String>, Option<usize>, Option<usize>) {
        let own = |f: Field| self.opt_string(f).map(|v| (v, self.col(f)));
        let contacts_col = self.col(Field::Contacts);
        let (phone, phone_col) = own(Field::Phone)
            .or_else(|| contacts.phone.clone().map(|p| (p, contacts_col)))
            .map_or((None, None), |(v, c)| (Some(v), c));
        let (email, email_col) = own(Field::Email)
            .or_else(|| contacts.email.clone().map(|p| (p, contacts_col)))
            .map_or((None, None), |(v, c)| (Some(v), c));
        (phone, email, phone_col, email_col)
    }

    /// A labelled cell («в паре», «Учитель – учитель» …); an unknown value is reported with
    /// the list of the known ones.
    fn labelled<T: Labelled + PartialEq>(
        &mut self,
        f: Field,
        parse: impl Fn(&str) -> Option<T>,
        label: fn(T) -> &'static str,
    ) -> Option<T> {
        let col = self.col(f);
        let row: &SourceRow = self.row;
        let text = col.and_then(|c| row.cells.get(c)).unwrap_or(&EMPTY).text();
        if text.is_empty() {
            return None;
        }
        let memo = &mut self.labels.0[f as usize];
        let parsed = match memo.get(text.as_ref()) {
            Some(place) => place.map(|i| T::ALL[i]),
            None => {
                let parsed = parse(&text);
                let place = parsed.and_then(|v| T::ALL.iter().position(|a| *a == v));
                memo.insert(text.into_owned(), place);
                parsed
            }
        };
        if parsed.is_none() {
            self.bad_value(
                col,
                "imp-value-not-in-list",
                quoted_list(T::ALL.iter().map(|v| label(*v))),
            );
        }
        parsed
    }

    /// A row of a base: the person (and a pupil's parent named in the contacts) and the entry.
    pub(super) fn base_row(&mut self, base: BaseKind) -> RowOut {
        let mentors = base == BaseKind::Mentors;
        let name = self.name(Field::FullName, [Field::LastName, Field::FirstName, Field::Patronymic]);

        // Birth: the extra «Дата рождения» column, or «Год рождения (/ класс)».
        let mut birth = self.date(Field::BirthDate);
        let year_col = self.col(Field::BirthYear);
        let year_cell = match parse_year_cell(self.value_at(year_col), self.opts) {
            Ok(cell) => cell,
            Err(()) => {
                self.bad_value(year_col, "imp-birth-year", "2011 или 2011 / 9 «Б»".into());
                YearCell::default()
            }
        };
        let mut birth_col = self.col(Field::BirthDate);
        match (birth, year_cell.date, year_cell.year) {
            (Birth::Missing, Some(d), _) => {
                birth = Birth::Known(d);
                birth_col = year_col;
            }
            (Birth::Known(d), _, Some(y)) if d.year() != y => {
                let args = vec![("year", y.to_string()), ("date", d.format("%d.%m.%Y").to_string())];
                self.push(Severity::Error, year_col, "imp-birth-year-mismatch", args);
            }
            _ => {}
        }
        let birth_year = match birth {
            Birth::Known(d) => Some(d.year()),
            _ => year_cell.year,
        };

        // Contacts.
        let contacts_text = self.text(Field::Contacts);
        let contacts = parse_contacts(&contacts_text);
        let contacts_col = self.col(Field::Contacts);
        if !contacts_text.is_empty() {
            if contacts.phone.is_none() && contacts.email.is_none() {
                let value = contacts_text.into_owned();
                self.push(
                    Severity::Warning,
                    contacts_col,
                    "imp-contacts-unrecognized",
                    vec![("value", value)],
                );
            } else if contacts.extra {
                let loaded = [contacts.phone.as_deref(), contacts.email.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                self.push(
                    Severity::Warning,
                    contacts_col,
                    "imp-contacts-extra",
                    vec![("loaded", loaded)],
                );
            }
        }

        // Category and what it needs.
        let workplace = self.string(Field::Workplace);
        let workplace_col = self.col(Field::Workplace);
        let category_col = self.col(Field::Category);
        let (mentor_category, mentee_category) = if mentors {
            let c = self.labelled(Field::Category, MentorCategory::parse_label, MentorCategory::label);
            (c, None)
        } else {
            let c = self.labelled(Field::Category, MenteeCategory::parse_label, MenteeCategory::label);
            (None, c)
        };
        let class = year_cell.class.clone().map(|c| (c, year_col));
        let class = class.or_else(|| find_class(&workplace).map(|c| (c, workplace_col)));
        let category_empty = self.text(Field::Category).is_empty();
        let category = match base_category(
            mentor_category,
            mentee_category,
            class.as_ref().map(|c| &c.0),
            &workplace,
        ) {
            // Unknown (already reported), or no category column at all.
            Err(Needs::Category) if !category_empty || category_col.is_none() => None,
            Ok(c) => Some(c),
            Err(needs) => {
                let (col, code) = match needs {
                    Needs::Class if mentors => (workplace_col.or(year_col), "imp-base-no-class"),
                    Needs::Class => (year_col.or(workplace_col), "imp-base-no-class"),
                    Needs::Workplace => (workplace_col, "imp-base-no-workplace"),
                    _ => (category_col, "imp-base-no-category"),
                };
                let label = mentor_category
                    .map(MentorCategory::label)
                    .or(mentee_category.map(MenteeCategory::label))
                    .unwrap_or("");
                self.push(Severity::Warning, col, code, vec![("category", label.to_string())]);
                None
            }
        };
        let grade_col = class.as_ref().and_then(|c| c.1);
        let pupil = category.as_ref().is_some_and(|c| c.kind == "student");

        // The parent of a pupil mentee, when the contacts name them.
        let mut guardian = None;
        let mut own_contacts = &contacts;
        let no_contacts = ContactParts::default();
        if !mentors
            && pupil
            && let Some(gname) = &contacts.name
        {
            let gname = split_full_name(gname, contacts_col);
            let cols = Cols {
                name: gname.cols,
                phone: contacts_col,
                email: contacts_col,
                ..Cols::default()
            };
            let check = Check {
                name: gname,
                birth: Birth::Missing,
                birth_required: false,
                category: None,
                class_invalid: false,
                phone: contacts.phone.clone(),
                email: contacts.email.clone(),
            };
            if let Some(p) = self.check(check, &cols) {
                guardian = Some(GuardianRecord {
                    name: p.name,
                    phone: p.contacts.phone,
                    email: p.contacts.email,
                    relation: contacts.relation.unwrap_or(DEFAULT_RELATION).to_string(),
                });
            }
            own_contacts = &no_contacts;
        }
        let (phone, email, phone_col, email_col) = self.contacts(own_contacts);

        let key = name.key().map(|k| {
            let birth_key = match (birth, birth_year) {
                (Birth::Known(d), _) => BirthKey::Date(d),
                (_, Some(y)) => BirthKey::Year(y),
                _ => BirthKey::Unknown,
            };
            (k, birth_key)
        });
        let real_category = category.is_some();
        let cols = Cols {
            name: name.cols,
            birth: birth_col,
            grade: grade_col,
            category: category_col,
            position: workplace_col,
            company: workplace_col,
            phone: phone_col,
            email: email_col,
            ..Cols::default()
        };
        let check = Check {
            name,
            birth,
            birth_required: false,
            category,
            class_invalid: false,
            phone,
            email,
        };
        let person = self.check(check, &cols);

        // The entry.
        let status = self.labelled(
            Field::Status,
            EntryStatus::parse_any,
            if mentors {
                EntryStatus::mentor_label
            } else {
                EntryStatus::label
            },
        );
        let form = self.labelled(Field::Form, Form::parse_any, Form::label);
        let request_source = self.labelled(Field::RequestSource, RequestSource::parse_label, RequestSource::label);
        let entry_date = match self.date(Field::EntryDate) {
            Birth::Known(d) => Some(d),
            _ => None,
        };
        let record = person.map(|p| Record {
            row: self.row.number,
            person: PersonRecord {
                name: p.name,
                birth_date: match birth {
                    Birth::Known(d) => Some(d),
                    _ => None,
                },
                birth_year,
                category: real_category.then_some(p.category),
                phone: p.contacts.phone,
                email: p.contacts.email,
                guardian,
                age_exception: p.age_exception,
            },
            entry: Some(Box::new(EntryRecord {
                base,
                status,
                mentee_category,
                mentor_category,
                request: self.string(Field::Request),
                competences: self.string(Field::Competences),
                request_source,
                entry_date,
                agreement: self.string(Field::Agreement),
                trained: self.string(Field::Trained),
                form,
                counterpart: self.string(Field::Counterpart),
                program_dates: self.string(Field::ProgramDates),
                results: self.string(Field::Results),
                case_link: self.string(Field::CaseLink),
                workplace,
            })),
        });
        RowOut { record, key }
    }
}

/// What a base row lacks for a whole category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// No category cell, or one already reported as unknown.
    Category,
    /// A pupil without a class.
    Class,
    /// A teacher without a position, an employee without a company.
    Workplace,
}

/// The participant's category from the category of a base entry (§7.4, §7.5) and the
/// class or workplace cells.
fn base_category(
    mentor: Option<MentorCategory>,
    mentee: Option<MenteeCategory>,
    class: Option<&(String, Option<String>)>,
    workplace: &str,
) -> Result<CategoryInput, Needs> {
    let input = |kind: &str| CategoryInput {
        kind: kind.into(),
        ..Default::default()
    };
    let workplace = (!workplace.is_empty()).then(|| workplace.to_string());
    let student = || match class {
        Some((grade, letter)) => Ok(CategoryInput {
            grade: Some(grade.clone()),
            letter: letter.clone(),
            ..input("student")
        }),
        None => Err(Needs::Class),
    };
    let teacher = || match &workplace {
        Some(w) => Ok(CategoryInput {
            position: Some(w.clone()),
            ..input("teacher")
        }),
        None => Err(Needs::Workplace),
    };
    match (mentor, mentee) {
        (_, Some(c)) if c.is_teacher() => teacher(),
        (_, Some(_)) => student(),
        (Some(c), None) => match c {
            MentorCategory::Student => student(),
            MentorCategory::Teacher => teacher(),
            MentorCategory::EnterpriseEmployee | MentorCategory::Employer => match &workplace {
                Some(w) => Ok(CategoryInput {
                    company: Some(w.clone()),
                    ..input("enterprise_employee")
                }),
                None => Err(Needs::Workplace),
            },
            MentorCategory::Entrepreneur => Ok(CategoryInput {
                company: workplace,
                ..input("entrepreneur")
            }),
            MentorCategory::UniversityTeacher => Ok(CategoryInput {
                company: workplace,
                ..input("university_teacher")
            }),
            MentorCategory::Parent => Ok(input("parent")),
            MentorCategory::Graduate => Ok(input("graduate")),
            MentorCategory::VeteranTeacher => Ok(input("veteran_teacher")),
            MentorCategory::SchoolHead => Ok(input("head")),
        },
        (None, None) => Err(Needs::Category),
    }
}
