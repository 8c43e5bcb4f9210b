//! The context of one row being read: its cells by field, the problems it reports, and the
//! check of a person with `ParticipantDraft::validate`, shared by the lists and the bases.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::category::CategoryInput;
use crate::error::Violation;
use crate::name::{fix_lookalikes, is_cyrillic};
use crate::participant::{NewParticipant, ParticipantDraft};
use crate::search::search_key;

use super::cells::{Birth, read_date};
use super::headers::{FIELD_COUNT, Field, Layout};
use super::types::{Options, Problem, Record, Severity, SourceRow, Value};

/// The birth half of the key of duplicates: the date, else the year a base gives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum BirthKey {
    Date(NaiveDate),
    Year(i32),
    Unknown,
}

/// What one row gives: its record (none with errors) and its key for duplicates.
pub(super) struct RowOut {
    pub(super) record: Option<Record>,
    /// Folded ФИО and birth, for duplicates inside the file.
    pub(super) key: Option<(String, BirthKey)>,
}

/// ФИО as the row gives it, with the columns each part came from.
pub(super) struct NameParts {
    pub(super) last: String,
    pub(super) first: String,
    pub(super) patronymic: String,
    pub(super) cols: [Option<usize>; 3],
}

impl NameParts {
    /// Folded ФИО for duplicates inside the file; `None` without a last and first name.
    pub(super) fn key(&self) -> Option<String> {
        if self.last.is_empty() || self.first.is_empty() {
            return None;
        }
        let plain = |t: &str| t.chars().all(|c| is_cyrillic(c) || matches!(c, ' ' | '-' | '\''));
        if !(plain(&self.last) && plain(&self.first) && plain(&self.patronymic)) {
            return Some(search_key(&format!("{} {} {}", self.last, self.first, self.patronymic)));
        }
        // What `search_key` gives for plain Cyrillic, without Unicode normalization
        // (a tenth of the time on long lists).
        let mut key = String::with_capacity(self.last.len() + self.first.len() + self.patronymic.len() + 2);
        for word in [&self.last, &self.first, &self.patronymic]
            .into_iter()
            .flat_map(|p| p.split_whitespace())
        {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.chars().map(|c| match c {
                'ё' | 'Ё' => 'е',
                'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
                _ => c,
            }));
        }
        Some(key)
    }
}

/// Where each field of a participant came from, to name the column of a violation.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Cols {
    pub(super) name: [Option<usize>; 3],
    pub(super) birth: Option<usize>,
    pub(super) grade: Option<usize>,
    pub(super) category: Option<usize>,
    pub(super) position: Option<usize>,
    pub(super) subjects: Option<usize>,
    pub(super) experience: Option<usize>,
    pub(super) company: Option<usize>,
    pub(super) phone: Option<usize>,
    pub(super) email: Option<usize>,
}

impl Cols {
    fn of(&self, field: &str) -> Option<usize> {
        match field {
            "last_name" => self.name[0],
            "first_name" => self.name[1],
            "patronymic" => self.name[2],
            "birth_date" => self.birth,
            "grade" | "letter" => self.grade,
            "category" => self.category,
            "position" => self.position,
            "subjects" => self.subjects,
            "experience_years" => self.experience,
            "company" => self.company,
            "phone" => self.phone,
            "email" => self.email,
            _ => None,
        }
    }
}

/// A participant to check with `ParticipantDraft::validate`.
pub(super) struct Check {
    pub(super) name: NameParts,
    pub(super) birth: Birth,
    /// Lists need a birth date; the bases may give only a year.
    pub(super) birth_required: bool,
    /// `None`: the row does not give a whole category.
    pub(super) category: Option<CategoryInput>,
    /// The class cell was not a class (already reported).
    pub(super) class_invalid: bool,
    pub(super) phone: Option<String>,
    pub(super) email: Option<String>,
}

/// The cell of a column the row does not reach or the file does not have.
pub(super) static EMPTY: Value = Value::Empty;

/// The cells of the enumerated columns as read, per column and distinct text: the place of
/// the value in `Labelled::ALL`, or `None` for a text that names none. A base repeats a
/// dozen categories, forms and statuses over 100,000 rows, and reading one folds every
/// label it could be (a third of the time of a base's check before).
pub(super) struct LabelMemo(pub(super) [HashMap<String, Option<usize>>; FIELD_COUNT]);

impl Default for LabelMemo {
    fn default() -> Self {
        Self(std::array::from_fn(|_| HashMap::new()))
    }
}

/// One row being read: the layout, the row, and where its problems go.
pub(super) struct RowCtx<'a> {
    pub(super) layout: &'a Layout,
    pub(super) row: &'a SourceRow,
    pub(super) opts: &'a Options,
    pub(super) problems: &'a mut Vec<Problem>,
    /// Errors reported for this row.
    pub(super) errors: usize,
    pub(super) labels: &'a mut LabelMemo,
}

impl RowCtx<'_> {
    /// The column of a field.
    pub(super) fn col(&self, f: Field) -> Option<usize> {
        self.layout.col(f)
    }

    /// The cell of a column, empty outside the row.
    pub(super) fn value_at(&self, col: Option<usize>) -> &Value {
        col.and_then(|c| self.row.cells.get(c)).unwrap_or(&EMPTY)
    }

    /// The cell of a field.
    pub(super) fn value(&self, f: Field) -> &Value {
        self.value_at(self.col(f))
    }

    /// The cell of a field as text.
    pub(super) fn text(&self, f: Field) -> Cow<'_, str> {
        self.value(f).text()
    }

    /// The cell of a field as an owned text.
    pub(super) fn string(&self, f: Field) -> String {
        self.text(f).into_owned()
    }

    /// The cell of a field as text, `None` when empty.
    pub(super) fn opt_string(&self, f: Field) -> Option<String> {
        let t = self.text(f);
        (!t.is_empty()).then(|| t.into_owned())
    }

    /// Reports a problem of this row and counts its errors.
    pub(super) fn push(
        &mut self,
        severity: Severity,
        col: Option<usize>,
        code: &'static str,
        args: Vec<(&'static str, String)>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.problems.push(Problem {
            row: Some(self.row.number),
            column: col.map(|c| self.layout.label(c)),
            severity,
            code,
            args,
        });
    }

    /// An error about a cell's value, with `value` and the `expected` form.
    pub(super) fn bad_value(&mut self, col: Option<usize>, code: &'static str, expected: String) {
        let value = self.value_at(col).text().into_owned();
        self.push(
            Severity::Error,
            col,
            code,
            vec![("value", value), ("expected", expected)],
        );
    }

    /// An error for every loaded cell longer than its form field allows.
    pub(super) fn length_errors(&mut self) {
        for col in 0..self.layout.fields.len() {
            let Some(field) = self.layout.fields[col].filter(|&f| f != Field::Number) else {
                continue;
            };
            let max = field.max_chars();
            let length = match self.value_at(Some(col)) {
                Value::Text(t) if t.len() > max => t.chars().count(),
                _ => continue,
            };
            if length > max {
                self.push(
                    Severity::Error,
                    Some(col),
                    "imp-too-long",
                    vec![("length", length.to_string()), ("max", max.to_string())],
                );
            }
        }
    }

    /// Warns about every loaded cell of this row that held a formula.
    pub(super) fn formula_warnings(&mut self, formulas: &HashSet<(usize, usize)>) {
        if formulas.is_empty() {
            return;
        }
        for col in 0..self.layout.fields.len() {
            let loaded = self.layout.fields[col].is_some_and(|f| f != Field::Number);
            let v = self.value_at(Some(col));
            if loaded && !v.is_empty() && formulas.contains(&(self.row.number, col)) {
                let value = v.text().into_owned();
                self.push(Severity::Warning, Some(col), "imp-formula", vec![("value", value)]);
            }
        }
    }

    /// A violation of `ParticipantDraft::validate` as a problem of this row.
    fn violation(&mut self, v: Violation, col: Option<usize>) {
        // The form's text asks to tick the curator's confirmation, which a file cannot do.
        let code = if v.code == "err-student-age-exception" {
            "imp-student-age-exception"
        } else {
            v.code
        };
        // An empty «ФИО» breaks the last and the first name: one message is enough.
        let label = col.map(|c| self.layout.label(c));
        if self
            .problems
            .last()
            .is_some_and(|p| p.row == Some(self.row.number) && p.column == label && p.code == code)
        {
            return;
        }
        let mut args = v.args;
        if let Some(c) = col {
            args.push(("field", self.layout.headers[c].clone()));
            let value = self.value_at(col).text();
            if !value.is_empty() {
                let value = value.into_owned();
                args.push(("value", value));
            }
        } else {
            args.push(("field", v.field.to_string()));
        }
        self.push(Severity::Error, col, code, args);
    }

    /// A text cell of a name, normalized as the form's (`text::normalize`), with Latin
    /// look-alikes replaced (and a warning).
    pub(super) fn name_text(&mut self, col: Option<usize>) -> String {
        let cell = self.value_at(col).text();
        let text = crate::text::normalize(&cell);
        match fix_lookalikes(&text) {
            None => text.into_owned(),
            Some((fixed, letters)) => {
                let value = cell.into_owned();
                self.push(
                    Severity::Warning,
                    col,
                    "imp-name-latin-fixed",
                    vec![("value", value), ("letters", letters), ("fixed", fixed.clone())],
                );
                fixed
            }
        }
    }

    /// ФИО from «Фамилия», «Имя», «Отчество» or from one «ФИО» column («Мамедов Эльдар
    /// Рашид оглы»: the third word on is the patronymic).
    pub(super) fn name(&mut self, full: Field, parts: [Field; 3]) -> NameParts {
        let part_cols = parts.map(|f| self.col(f));
        let full_col = self.col(full);
        let parts_given = part_cols.iter().any(|c| !self.value_at(*c).is_empty());
        if part_cols[0].is_some() && (parts_given || full_col.is_none()) {
            return NameParts {
                last: self.name_text(part_cols[0]),
                first: self.name_text(part_cols[1]),
                patronymic: self.name_text(part_cols[2]),
                cols: part_cols,
            };
        }
        let text = self.name_text(full_col);
        split_full_name(&text, full_col)
    }

    /// A date cell; a bad one is reported.
    pub(super) fn date(&mut self, f: Field) -> Birth {
        let col = self.col(f);
        match read_date(self.value_at(col), self.opts) {
            Ok(Some(d)) => Birth::Known(d),
            Ok(None) => Birth::Missing,
            Err(()) => {
                self.bad_value(col, "imp-date", "ДД.ММ.ГГГГ".into());
                Birth::Invalid
            }
        }
    }

    /// Checks a participant; violations become problems of this row.
    pub(super) fn check(&mut self, c: Check, cols: &Cols) -> Option<NewParticipant> {
        let today = self.opts.today;
        let category = c.category.unwrap_or_else(|| CategoryInput {
            kind: "parent".into(),
            ..Default::default()
        });
        let birth_date = match c.birth {
            Birth::Known(d) => d.to_string(),
            _ if c.birth_required => String::new(),
            // Only a year or nothing: an age no rule objects to stands in, and is dropped.
            _ => stand_in_birth(&category, today).to_string(),
        };
        let draft = ParticipantDraft {
            last_name: c.name.last,
            first_name: c.name.first,
            patronymic: c.name.patronymic,
            birth_date,
            category,
            phone: c.phone,
            email: c.email,
            age_exception: false,
        };
        let mut checked = draft.validate(today);
        // A pupil who turned 18 at school is normal: the row comes in with the curator's
        // exception marked and a warning, instead of the refusal the form gives.
        if let Err(errs) = &checked
            && let [v] = errs.0.as_slice()
            && v.code == "err-student-age-exception"
        {
            let age = v
                .args
                .iter()
                .find(|(k, _)| *k == "age")
                .map(|(_, a)| a.clone())
                .unwrap_or_default();
            let again = ParticipantDraft {
                age_exception: true,
                ..draft
            }
            .validate(today);
            if again.is_ok() {
                let col = cols.of("birth_date");
                self.push(Severity::Warning, col, "imp-student-turned-adult", vec![("age", age)]);
                checked = again;
            }
        }
        match checked {
            Ok(p) => Some(p),
            Err(errs) => {
                for v in errs.0 {
                    let reported = v.code == "err-required"
                        && ((v.field == "birth_date" && c.birth == Birth::Invalid)
                            || (v.field == "grade" && c.class_invalid));
                    if !reported {
                        let col = cols.of(v.field);
                        self.violation(v, col);
                    }
                }
                None
            }
        }
    }
}

/// «Мамедов Эльдар Рашид оглы» → «Мамедов», «Эльдар», «Рашид оглы»; all from `col`.
pub(super) fn split_full_name(text: &str, col: Option<usize>) -> NameParts {
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let last = words.next().unwrap_or("").to_string();
    let first = words.next().unwrap_or("").to_string();
    let patronymic = words.collect::<Vec<_>>().join(" ");
    NameParts {
        last,
        first,
        patronymic,
        cols: [col; 3],
    }
}

/// A birth date no age rule objects to, for checking the other fields of a person whose
/// birth date the row does not give (it is never stored): 1 January of the year that makes
/// a pupil of class N N + 6, anyone else 40.
fn stand_in_birth(category: &CategoryInput, today: NaiveDate) -> NaiveDate {
    let grade = category.grade.as_deref().and_then(|g| g.trim().parse::<i32>().ok());
    let age = match (category.kind.as_str(), grade) {
        ("student", Some(g)) if (5..=11).contains(&g) => g + 6,
        _ => 40,
    };
    NaiveDate::from_ymd_opt(today.year() - age, 1, 1).unwrap_or(today)
}
