//! Reading an uploaded table — a list of pupils or staff, or one of the two bases — into
//! people and base entries, with every problem named by row, column and fix.
//!
//! The file is read elsewhere into rows of [`Value`]s; [`analyze`] finds the header row
//! (a title such as «МБОУ СОШ № 17» or «База наставников» may come first), maps the
//! columns by their headers as school information systems («Сетевой город», «Дневник.ру»,
//! «ЭлЖур») and Russian Excel files write them, converts every row and checks each person
//! with [`ParticipantDraft::validate`]. It is pure and deterministic: the same rows and
//! options give the same [`Analysis`], so a dry run shows exactly what a commit will load.
//!
//! # Rules
//! - Header row: the first of the first 30 rows in which at least two cells are known
//!   headers. Headers are compared case-, ё/е-, punctuation- and numbering-insensitively
//!   («1. Фамилия*» is «Фамилия»); a header that begins with a long known label (16+
//!   letters, e.g. the long contacts header of the base of mentees) also matches.
//! - A missing required column stops the analysis of the rows (every row would repeat it).
//! - A row with errors gives no [`Record`]; a row with warnings only does. Empty rows, rows
//!   with values only in columns that are not loaded (a «№», an unknown column) and a
//!   numbering row «1, 2, 3 …» right under the header are skipped silently.
//! - In the bases a row may give only a birth year, or no category details: the person is
//!   then checked without the age rules, and [`PersonRecord::category`] is `None`.
//! - Consents in the bases are not loaded: the curator enters each one in the participant's
//!   card from the signed document (one warning per file says so).
//! - Duplicates inside the file (same ФИО after folding case, ё/е and Latin look-alikes, and
//!   the same birth date — or birth year, in the bases) are errors on the later row.
//!   Duplicates against the database are checked by the caller.
//!
//! # Showing a problem
//! `code` is a Fluent message id: `imp-*` ids live in `locales/ru/import.ftl`, and the
//! checks of a participant reuse the `err-*` ids of `main.ftl`. Every argument a message
//! uses is in `args` (all as strings); for `err-*` messages `field` is the column's header
//! as written in the file, and `value` the cell's text. `age` is a number of years: show it
//! with its unit as `L::violation` does (`card-age`). A caller renders one problem as
//!
//! ```text
//! let message = l.args(p.code, &p.args);
//! match (p.row, &p.column) {
//!     (Some(row), Some(column)) => format!("строка {row}, столбец {column}: {message}"),
//!     (Some(row), None) => format!("строка {row}: {message}"),
//!     (None, Some(column)) => format!("столбец {column}: {message}"),
//!     (None, None) => message,
//! }
//! ```
//!
//! where `column` already reads «Дата рождения» (C).

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::age::is_minor;
use crate::base::{BaseKind, EntryStatus, Form, Labelled, MenteeCategory, MentorCategory, RequestSource};
use crate::category::{Category, CategoryInput};
use crate::error::Violation;
use crate::name::FullName;
use crate::participant::{NewParticipant, ParticipantDraft};
use crate::search::search_key;

// ---------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------

/// One cell as the reader found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing in the cell.
    Empty,
    /// Text (a CSV cell is always text).
    Text(String),
    /// A number; a date cell without a date format is its Excel serial.
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A cell Excel formats as a date.
    Date(NaiveDate),
}

impl Value {
    /// True for an empty cell or one of spaces only.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: trimmed; numbers without «.0» (a phone 79161234567 read as a
    /// number stays whole); dates as ДД.ММ.ГГГГ; TRUE/FALSE as «да»/«нет».
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Empty => Cow::Borrowed(""),
            Self::Text(t) => Cow::Borrowed(t.trim()),
            Self::Number(n) => Cow::Owned(number_text(*n)),
            Self::Bool(b) => Cow::Borrowed(if *b { "да" } else { "нет" }),
            Self::Date(d) => Cow::Owned(d.format("%d.%m.%Y").to_string()),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        n.to_string()
    }
}

/// One row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    /// 1-based row number as Excel shows it.
    pub number: usize,
    /// The cells from column A on.
    pub cells: Vec<Value>,
}

/// What the uploaded table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// «Список обучающихся».
    Students,
    /// «Список сотрудников».
    Staff,
    /// «База наставников».
    Mentors,
    /// «База наставляемых».
    Mentees,
}

impl ListKind {
    /// Every kind, in the order the upload form lists them.
    pub const ALL: [ListKind; 4] = [Self::Students, Self::Staff, Self::Mentors, Self::Mentees];

    /// Stable code (form values, API).
    pub fn code(self) -> &'static str {
        match self {
            Self::Students => "students",
            Self::Staff => "staff",
            Self::Mentors => "mentors",
            Self::Mentees => "mentees",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The headers of the template of this list, in order (the bases: as our export writes
    /// them, without «№ п/п»). Messages about missing or unknown columns list these.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Self::Students => &[
                "Фамилия",
                "Имя",
                "Отчество",
                "Дата рождения",
                "Класс",
                "Телефон",
                "E-mail",
                "ФИО родителя",
                "Телефон родителя",
                "E-mail родителя",
                "Степень родства",
            ],
            Self::Staff => &[
                "Фамилия",
                "Имя",
                "Отчество",
                "Дата рождения",
                "Должность",
                "Предметы",
                "Стаж",
                "Телефон",
                "E-mail",
            ],
            Self::Mentors => &MENTOR_HEADERS[1..],
            Self::Mentees => &MENTEE_HEADERS[1..],
        }
    }
}

/// How to read the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The date ages are counted on.
    pub today: NaiveDate,
    /// The workbook counts dates from 1904 (old Excel for Mac).
    pub date1904: bool,
    /// (row number, 0-based column) of the cells that held formulas.
    pub formulas: Vec<(usize, usize)>,
}

impl Options {
    /// Dates from 1900, no formulas.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            date1904: false,
            formulas: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

/// Whether a problem stops the commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The file must be fixed before it is loaded.
    Error,
    /// Loaded as shown; worth a look.
    Warning,
}

/// One thing wrong with the file, where it is and what to do (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Row number as Excel shows it; `None` for the file as a whole.
    pub row: Option<usize>,
    /// «Дата рождения» (C): the header as written in the file and the column letter.
    pub column: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// Fluent message id (`imp-…`, or the `err-…` of a participant's field).
    pub code: &'static str,
    /// Named arguments of the message.
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    /// The value of a named argument.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }
}

/// What the table holds and everything wrong with it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Analysis {
    /// Row number of the header row, if one was found.
    pub header_row: Option<usize>,
    /// Every column of the header row: its header as in the file and the field it was
    /// read as (`None`: not loaded).
    pub columns: Vec<(String, Option<&'static str>)>,
    /// The rows without errors, in file order.
    pub records: Vec<Record>,
    /// Header problems first, then row by row.
    pub problems: Vec<Problem>,
}

impl Analysis {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Warning).count()
    }

    /// No errors: the file may be loaded.
    pub fn is_clean(&self) -> bool {
        !self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// One row that passed every check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Row number as Excel shows it.
    pub row: usize,
    /// The person.
    pub person: PersonRecord,
    /// The entry of the base (boxed: lists of pupils have none and may be long).
    pub entry: Option<Box<EntryRecord>>,
}

/// A person as the row describes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRecord {
    /// ФИО.
    pub name: FullName,
    /// Birth date, if the row has one.
    pub birth_date: Option<NaiveDate>,
    /// Birth year (from the date, or the «Год рождения» of a base).
    pub birth_year: Option<i32>,
    /// Full category for lists; in a base, `None` when the row only names the person.
    pub category: Option<Category>,
    /// Phone, «+79161234567».
    pub phone: Option<String>,
    /// E-mail, lowercase.
    pub email: Option<String>,
    /// The parent (legal representative) of a pupil.
    pub guardian: Option<GuardianRecord>,
    /// A pupil of 18 or 19 kept as the model's exception (turned 18 at school).
    pub age_exception: bool,
}

/// A pupil's parent (legal representative) as the row names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuardianRecord {
    /// ФИО.
    pub name: FullName,
    /// Phone, «+79161234567».
    pub phone: Option<String>,
    /// E-mail, lowercase.
    pub email: Option<String>,
    /// «мать», «отец», «законный представитель» or what the file says («опекун»).
    pub relation: String,
}

/// The warning on a row whose parent has a namesake on an earlier row of the file.
pub const GUARDIAN_NAMESAKE_ROW: &str = "imp-guardian-namesake-row";
/// The warning on a row whose parent has a namesake among the school's parents.
pub const GUARDIAN_NAMESAKE_SCHOOL: &str = "imp-guardian-namesake-school";

impl GuardianRecord {
    /// Whether a parent of the same name with these contacts is this person: the name alone
    /// never makes two parents one (two mothers may share it), a phone or an e-mail does.
    pub fn same_person(&self, phone: Option<&str>, email: Option<&str>) -> bool {
        (self.phone.is_some() && self.phone.as_deref() == phone)
            || (self.email.is_some() && self.email.as_deref() == email)
    }
}

/// The entry of a base of mentors or mentees.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryRecord {
    /// Which base.
    pub base: BaseKind,
    /// Status, if given.
    pub status: Option<EntryStatus>,
    /// Категория наставляемого (base of mentees).
    pub mentee_category: Option<MenteeCategory>,
    /// Категория наставника (base of mentors).
    pub mentor_category: Option<MentorCategory>,
    /// Основной запрос (mentees).
    pub request: String,
    /// Ключевые компетенции, достижения (mentors).
    pub competences: String,
    /// Источник сведений о запросе (mentees).
    pub request_source: Option<RequestSource>,
    /// Дата вхождения в программу (mentees).
    pub entry_date: Option<NaiveDate>,
    /// Договор о сотрудничестве (mentors).
    pub agreement: String,
    /// Обучение («Школа наставников») (mentors).
    pub trained: String,
    /// Форма наставничества.
    pub form: Option<Form>,
    /// The other side: ФИО наставляемых (mentors) or наставника (mentees), as written.
    pub counterpart: String,
    /// Место и сроки реализации программы.
    pub program_dates: String,
    /// Результаты программы.
    pub results: String,
    /// Ссылка на кейс / отзыв.
    pub case_link: String,
    /// Место работы/учёбы (должность / класс).
    pub workplace: String,
}

// ---------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------

/// The headers of the base of mentors as `documents::kinds::bases::MENTOR_COLUMNS` writes
/// them (a test checks they stay equal).
const MENTOR_HEADERS: [&str; 16] = [
    "№ п/п",
    "ФИО наставника",
    "Контактные данные для связи",
    "Год рождения",
    "Место работы/учебы (должность / класс)",
    "Категория наставника",
    "Ключевые компетенции, достижения",
    "Согласие на обработку персональных данных (дата)",
    "Договор о сотрудничестве (внешний наставник)",
    "Обучение («Школа наставников»)",
    "Форма наставничества",
    "ФИО наставляемого (наставляемых), место учебы/работы",
    "Место и сроки реализации программы",
    "Результаты программы",
    "Ссылка на кейс / отзыв",
    "Статус (текущая / архив)",
];

/// The headers of the base of mentees as `documents::kinds::bases::MENTEE_COLUMNS` writes them.
const MENTEE_HEADERS: [&str; 16] = [
    "№ п/п",
    "ФИО наставляемого",
    "Контактные данные для связи (родителей (законных представителей) — для несовершеннолетних)",
    "Год рождения / класс",
    "Место учебы (класс) / работы (должность)",
    "Категория наставляемого",
    "Основной запрос наставляемого",
    "Источник сведений о запросе",
    "Согласие на обработку ПД (своё / родителя)",
    "Дата вхождения в программу",
    "ФИО наставника, место работы/учебы наставника",
    "Форма наставничества",
    "Место и сроки реализации программы",
    "Результаты программы",
    "Ссылка на кейс / отзыв",
    "Статус: ожидает пары / в паре / завершил / выбыл",
];

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Number,
    LastName,
    FirstName,
    Patronymic,
    FullName,
    BirthDate,
    BirthYear,
    Class,
    Phone,
    Email,
    Contacts,
    GuardianName,
    MotherName,
    FatherName,
    GuardianPhone,
    MotherPhone,
    FatherPhone,
    GuardianEmail,
    GuardianRelation,
    Position,
    Subjects,
    Experience,
    Workplace,
    Category,
    Competences,
    Consent,
    Agreement,
    Trained,
    Form,
    Counterpart,
    ProgramDates,
    Results,
    CaseLink,
    Status,
    Request,
    RequestSource,
    EntryDate,
}

const FIELD_COUNT: usize = Field::EntryDate as usize + 1;

impl Field {
    /// The code [`Analysis::columns`] shows; the «№» column is not loaded.
    fn code(self) -> Option<&'static str> {
        Some(match self {
            Self::Number => return None,
            Self::LastName => "last_name",
            Self::FirstName => "first_name",
            Self::Patronymic => "patronymic",
            Self::FullName => "full_name",
            Self::BirthDate => "birth_date",
            Self::BirthYear => "birth_year",
            Self::Class => "class",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Contacts => "contacts",
            Self::GuardianName => "guardian_name",
            Self::MotherName => "mother_name",
            Self::FatherName => "father_name",
            Self::GuardianPhone => "guardian_phone",
            Self::MotherPhone => "mother_phone",
            Self::FatherPhone => "father_phone",
            Self::GuardianEmail => "guardian_email",
            Self::GuardianRelation => "guardian_relation",
            Self::Position => "position",
            Self::Subjects => "subjects",
            Self::Experience => "experience_years",
            Self::Workplace => "workplace",
            Self::Category => "category",
            Self::Competences => "competences",
            Self::Consent => "consent",
            Self::Agreement => "agreement",
            Self::Trained => "trained",
            Self::Form => "form",
            Self::Counterpart => "counterpart",
            Self::ProgramDates => "program_dates",
            Self::Results => "results",
            Self::CaseLink => "case_link",
            Self::Status => "status",
            Self::Request => "request",
            Self::RequestSource => "request_source",
            Self::EntryDate => "entry_date",
        })
    }
}

type Synonym = (&'static str, Field);

const NUMBER: &[Synonym] = &[
    ("№", Field::Number),
    ("№ п/п", Field::Number),
    ("№ п.п.", Field::Number),
    ("N п/п", Field::Number),
    ("No", Field::Number),
    ("п/п", Field::Number),
    ("Номер", Field::Number),
    ("Номер по порядку", Field::Number),
    ("Порядковый номер", Field::Number),
];

const NAME_PARTS: &[Synonym] = &[
    ("Фамилия", Field::LastName),
    ("Имя", Field::FirstName),
    ("Отчество", Field::Patronymic),
    ("Отчество (при наличии)", Field::Patronymic),
    ("Фамилия, имя, отчество", Field::FullName),
    ("Фамилия имя отчество", Field::FullName),
    ("ФИО", Field::FullName),
    ("Ф.И.О.", Field::FullName),
    ("ФИО полностью", Field::FullName),
];

const BIRTH: &[Synonym] = &[
    ("Дата рождения", Field::BirthDate),
    ("Дата рождения (ДД.ММ.ГГГГ)", Field::BirthDate),
    ("Д.р.", Field::BirthDate),
    ("ДР", Field::BirthDate),
    ("Дата рожд.", Field::BirthDate),
];

const CONTACT: &[Synonym] = &[
    ("Телефон", Field::Phone),
    ("Тел.", Field::Phone),
    ("Мобильный телефон", Field::Phone),
    ("Сотовый телефон", Field::Phone),
    ("Контактный телефон", Field::Phone),
    ("Номер телефона", Field::Phone),
    ("E-mail", Field::Email),
    ("Email", Field::Email),
    ("Электронная почта", Field::Email),
    ("Эл. почта", Field::Email),
    ("Адрес электронной почты", Field::Email),
    ("Почта", Field::Email),
];

const STUDENTS: &[Synonym] = &[
    ("ФИО обучающегося", Field::FullName),
    ("ФИО ученика", Field::FullName),
    ("ФИО учащегося", Field::FullName),
    ("ФИО ребёнка", Field::FullName),
    ("Обучающийся", Field::FullName),
    ("Ученик", Field::FullName),
    ("Учащийся", Field::FullName),
    ("Фамилия обучающегося", Field::LastName),
    ("Имя обучающегося", Field::FirstName),
    ("Отчество обучающегося", Field::Patronymic),
    ("Фамилия ученика", Field::LastName),
    ("Имя ученика", Field::FirstName),
    ("Отчество ученика", Field::Patronymic),
    ("Дата рождения обучающегося", Field::BirthDate),
    ("Дата рождения ученика", Field::BirthDate),
    ("Класс", Field::Class),
    ("Кл.", Field::Class),
    ("Класс/группа", Field::Class),
    ("Учебный класс", Field::Class),
    ("Телефон обучающегося", Field::Phone),
    ("Телефон ученика", Field::Phone),
    ("E-mail обучающегося", Field::Email),
    ("E-mail ученика", Field::Email),
    ("ФИО родителя", Field::GuardianName),
    ("Родитель", Field::GuardianName),
    ("Законный представитель", Field::GuardianName),
    ("ФИО законного представителя", Field::GuardianName),
    ("ФИО представителя", Field::GuardianName),
    ("ФИО родителя (законного представителя)", Field::GuardianName),
    ("Родитель (законный представитель)", Field::GuardianName),
    ("Мать", Field::MotherName),
    ("ФИО матери", Field::MotherName),
    ("Отец", Field::FatherName),
    ("ФИО отца", Field::FatherName),
    ("Телефон родителя", Field::GuardianPhone),
    ("Телефон законного представителя", Field::GuardianPhone),
    ("Телефон представителя", Field::GuardianPhone),
    ("Телефон матери", Field::MotherPhone),
    ("Телефон отца", Field::FatherPhone),
    ("E-mail родителя", Field::GuardianEmail),
    ("Email родителя", Field::GuardianEmail),
    ("Электронная почта родителя", Field::GuardianEmail),
    ("Эл. почта родителя", Field::GuardianEmail),
    ("E-mail законного представителя", Field::GuardianEmail),
    ("Степень родства", Field::GuardianRelation),
    ("Кем приходится", Field::GuardianRelation),
    ("Кем приходится обучающемуся", Field::GuardianRelation),
    ("Родство", Field::GuardianRelation),
];

const STAFF: &[Synonym] = &[
    ("ФИО сотрудника", Field::FullName),
    ("Сотрудник", Field::FullName),
    ("ФИО педагога", Field::FullName),
    ("Педагог", Field::FullName),
    ("ФИО работника", Field::FullName),
    ("Работник", Field::FullName),
    ("Должность", Field::Position),
    ("Занимаемая должность", Field::Position),
    ("Должность по штатному расписанию", Field::Position),
    ("Предмет", Field::Subjects),
    ("Предметы", Field::Subjects),
    ("Преподаваемые предметы", Field::Subjects),
    ("Преподаваемый предмет", Field::Subjects),
    ("Преподаваемые дисциплины", Field::Subjects),
    ("Дисциплины", Field::Subjects),
    ("Стаж", Field::Experience),
    ("Стаж (лет)", Field::Experience),
    ("Педагогический стаж", Field::Experience),
    ("Пед. стаж", Field::Experience),
    ("Педстаж", Field::Experience),
    ("Стаж работы", Field::Experience),
    ("Стаж педагогической работы", Field::Experience),
    ("Общий стаж", Field::Experience),
];

/// Both bases: the columns that mean the same in each.
const BASES: &[Synonym] = &[
    ("Контакты", Field::Contacts),
    ("Контактные данные", Field::Contacts),
    ("Контактные данные для связи", Field::Contacts),
    ("Год рождения", Field::BirthYear),
    ("Г.р.", Field::BirthYear),
    ("Год рожд.", Field::BirthYear),
    ("Категория", Field::Category),
    ("Согласие", Field::Consent),
    ("Согласие на обработку ПД", Field::Consent),
    ("Согласие на обработку персональных данных", Field::Consent),
    ("Форма", Field::Form),
    ("Форма наставничества", Field::Form),
    ("Место и сроки реализации программы", Field::ProgramDates),
    ("Место и сроки", Field::ProgramDates),
    ("Сроки реализации программы", Field::ProgramDates),
    ("Сроки", Field::ProgramDates),
    ("Результаты программы", Field::Results),
    ("Результаты", Field::Results),
    ("Результат", Field::Results),
    ("Ссылка на кейс / отзыв", Field::CaseLink),
    ("Ссылка на кейс", Field::CaseLink),
    ("Ссылка", Field::CaseLink),
    ("Кейс", Field::CaseLink),
    ("Отзыв", Field::CaseLink),
    ("Статус", Field::Status),
];

const MENTORS: &[Synonym] = &[
    ("ФИО наставника", Field::FullName),
    ("Наставник", Field::FullName),
    ("Контактные данные для связи", Field::Contacts),
    ("Год рождения", Field::BirthYear),
    ("Место работы/учебы (должность / класс)", Field::Workplace),
    ("Место работы/учебы", Field::Workplace),
    ("Место работы", Field::Workplace),
    ("Место работы, должность", Field::Workplace),
    ("Должность", Field::Workplace),
    ("Категория наставника", Field::Category),
    ("Ключевые компетенции, достижения", Field::Competences),
    ("Ключевые компетенции", Field::Competences),
    ("Компетенции", Field::Competences),
    ("Достижения", Field::Competences),
    ("Согласие на обработку персональных данных (дата)", Field::Consent),
    ("Договор о сотрудничестве (внешний наставник)", Field::Agreement),
    ("Договор о сотрудничестве", Field::Agreement),
    ("Договор", Field::Agreement),
    ("Обучение («Школа наставников»)", Field::Trained),
    ("Обучение", Field::Trained),
    ("Школа наставников", Field::Trained),
    (
        "ФИО наставляемого (наставляемых), место учебы/работы",
        Field::Counterpart,
    ),
    ("ФИО наставляемого", Field::Counterpart),
    ("ФИО наставляемых", Field::Counterpart),
    ("Наставляемые", Field::Counterpart),
    ("Наставляемый", Field::Counterpart),
    ("Статус (текущая / архив)", Field::Status),
];

const MENTEES: &[Synonym] = &[
    ("ФИО наставляемого", Field::FullName),
    ("Наставляемый", Field::FullName),
    (
        "Контактные данные для связи (родителей (законных представителей) — для несовершеннолетних)",
        Field::Contacts,
    ),
    ("Контакты родителей", Field::Contacts),
    ("Год рождения / класс", Field::BirthYear),
    ("Год рождения, класс", Field::BirthYear),
    ("Место учебы (класс) / работы (должность)", Field::Workplace),
    ("Место учебы/работы", Field::Workplace),
    ("Место учебы", Field::Workplace),
    ("Класс / должность", Field::Workplace),
    ("Класс", Field::Workplace),
    ("Должность", Field::Workplace),
    ("Категория наставляемого", Field::Category),
    ("Основной запрос наставляемого", Field::Request),
    ("Основной запрос", Field::Request),
    ("Запрос", Field::Request),
    ("Источник сведений о запросе", Field::RequestSource),
    ("Источник запроса", Field::RequestSource),
    ("Источник", Field::RequestSource),
    ("Согласие на обработку ПД (своё / родителя)", Field::Consent),
    ("Дата вхождения в программу", Field::EntryDate),
    ("Дата вхождения", Field::EntryDate),
    ("Дата входа в программу", Field::EntryDate),
    ("Дата включения в программу", Field::EntryDate),
    ("ФИО наставника, место работы/учебы наставника", Field::Counterpart),
    ("ФИО наставника", Field::Counterpart),
    ("Наставник", Field::Counterpart),
    ("Статус: ожидает пары / в паре / завершил / выбыл", Field::Status),
];

/// A known label this long (in characters of its folded form) also matches a header that
/// begins with it.
const PREFIX_MIN: usize = 16;

/// Rows searched for the header.
const HEADER_SEARCH: usize = 30;

/// Folds a header: `search_key`, «№» as a word, punctuation and «*» dropped, leading
/// numbering («1.», «2)») dropped.
fn header_key(raw: &str) -> String {
    let folded = if raw.contains('№') {
        search_key(&raw.replace('№', " номер "))
    } else {
        search_key(raw)
    };
    let mut words = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    let mut out = String::with_capacity(folded.len());
    if let Some(first) = words.next() {
        let numbering = first.chars().all(|c| c.is_ascii_digit()) && words.peek().is_some();
        if !numbering {
            out.push_str(first);
        }
    }
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

struct Synonyms {
    exact: HashMap<String, Field>,
    /// Long labels, longest first.
    prefix: Vec<(String, Field)>,
}

impl Synonyms {
    fn new(kind: ListKind) -> Self {
        let lists: &[&[Synonym]] = match kind {
            ListKind::Students => &[NUMBER, STUDENTS, NAME_PARTS, BIRTH, CONTACT],
            ListKind::Staff => &[NUMBER, STAFF, NAME_PARTS, BIRTH, CONTACT],
            ListKind::Mentors => &[NUMBER, MENTORS, BASES, NAME_PARTS, BIRTH, CONTACT],
            ListKind::Mentees => &[NUMBER, MENTEES, BASES, NAME_PARTS, BIRTH, CONTACT],
        };
        let mut exact = HashMap::new();
        let mut prefix = Vec::new();
        for (text, field) in lists.iter().flat_map(|l| l.iter()) {
            let key = header_key(text);
            if key.chars().count() >= PREFIX_MIN {
                prefix.push((key.clone(), *field));
            }
            // The kind's own list comes first and wins («ФИО наставляемого» in the base of mentees).
            exact.entry(key).or_insert(*field);
        }
        prefix.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        prefix.dedup_by(|a, b| a.0 == b.0);
        Self { exact, prefix }
    }

    fn field(&self, header: &str) -> Option<Field> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        if let Some(f) = self.exact.get(&key) {
            return Some(*f);
        }
        self.prefix
            .iter()
            .find(|(p, _)| key.len() > p.len() && key.starts_with(p.as_str()) && key.as_bytes()[p.len()] == b' ')
            .map(|(_, f)| *f)
    }
}

/// «A», …, «Z», «AA» …
fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// «Фамилия», «Имя», …
fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push('«');
        out.push_str(item);
        out.push('»');
    }
    out
}

/// The header row as mapped.
struct Layout {
    kind: ListKind,
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
    cols: [Option<usize>; FIELD_COUNT],
}

impl Layout {
    fn col(&self, f: Field) -> Option<usize> {
        self.cols[f as usize]
    }

    /// «Дата рождения» (C).
    fn label(&self, col: usize) -> String {
        format!(
            "«{}» ({})",
            self.headers.get(col).map_or("", String::as_str),
            column_letter(col)
        )
    }

    fn found(&self) -> String {
        quoted_list(self.headers.iter().map(String::as_str).filter(|h| !h.is_empty()))
    }

    /// The row has a value in a column that is loaded.
    fn has_data(&self, row: &SourceRow) -> bool {
        row.cells
            .iter()
            .zip(&self.fields)
            .any(|(v, f)| f.is_some_and(|f| f != Field::Number) && !v.is_empty())
    }

    /// First column with a value but no header.
    fn stray(&self, row: &SourceRow) -> Option<usize> {
        row.cells
            .iter()
            .enumerate()
            .find(|(i, v)| self.headers.get(*i).is_none_or(|h| h.is_empty()) && !v.is_empty())
            .map(|(i, _)| i)
    }
}

// ---------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------

/// Excel's day number: from 1899-12-31 with the Lotus bug (a 29 February 1900 that never
/// was, serial 60), or from 1904-01-01. The time of day is dropped after rounding to whole
/// milliseconds (as the file reader does: 45000.99999999 is day 45001).
fn from_serial(n: f64, date1904: bool) -> Option<NaiveDate> {
    const MS_PER_DAY: f64 = 86_400_000.0;
    if !n.is_finite() || !(0.0..2_958_466.0).contains(&n) {
        return None;
    }
    let days = ((n * MS_PER_DAY).round() / MS_PER_DAY).floor() as u64;
    let (start, days) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else {
        match days {
            0 | 60 => return None,
            1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, days),
            _ => (NaiveDate::from_ymd_opt(1899, 12, 30)?, days),
        }
    };
    start
        .checked_add_days(chrono::Days::new(days))
        .filter(|d| d.year() <= 9999)
}

/// «01.09.2012», «1.9.2012», «01.09.12», «2012-09-01», «01/09/2012», with an optional
/// time («01.09.2012 0:00:00») or «г.». A two-digit year is in the past of `today`.
fn parse_date_text(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let mut t = text.trim();
    if let Some((date, rest)) = t.split_once(' ')
        && rest.contains(':')
    {
        t = date;
    }
    t = t.trim_end_matches(['г', '.', ' ']);
    let sep = t.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let mut parts = t.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || ![a, b, c]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    if month.len() > 2 || day.len() > 2 {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    let y = match year.len() {
        4 => y,
        2 => {
            let century = today.year() - today.year().rem_euclid(100);
            if y <= today.year().rem_euclid(100) {
                century + y
            } else {
                century - 100 + y
            }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, month.parse().ok()?, day.parse().ok()?)
}

/// A class cell: «7А», «7 А», «7-а», «7 «А»», «7», «7а класс», a number 7.
/// Returns the grade digits and the letter (upper case; Latin look-alikes read as Cyrillic).
fn parse_class(text: &str) -> Option<(String, Option<String>)> {
    let lower = text.trim().to_lowercase();
    let t = lower
        .strip_suffix("класс")
        .or_else(|| lower.strip_suffix("кл."))
        .or_else(|| lower.strip_suffix("кл"))
        .unwrap_or(&lower);
    let compact: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !"-–—«»\"'“”„.()".contains(*c))
        .collect();
    let digits_end = compact.find(|c: char| !c.is_ascii_digit()).unwrap_or(compact.len());
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let (grade, rest) = compact.split_at(digits_end);
    let mut rest = rest.chars();
    let letter = match (rest.next(), rest.next()) {
        (None, _) => None,
        (Some(c), None) => Some(class_letter(c)?),
        _ => return None,
    };
    Some((grade.to_string(), letter))
}

fn class_letter(c: char) -> Option<String> {
    let c = lookalike(c).unwrap_or(c);
    is_cyrillic(c).then(|| c.to_uppercase().collect())
}

/// The first class named inside a longer text: «9 «Б» класс», «МБОУ СОШ № 17, 10А» (a
/// number after «№» or outside 1–11 is not a class).
fn find_class(text: &str) -> Option<(String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let grade: String = chars[start..i].iter().collect();
        let numbered = chars[..start]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, '№' | 'N' | '#'));
        if numbered || !grade.parse::<u8>().is_ok_and(|g| (1..=11).contains(&g)) {
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_whitespace() || "-–—«»\"'“”„".contains(chars[j])) {
            j += 1;
        }
        let letter = chars.get(j).copied().filter(|c| {
            let next_is_letter = chars.get(j + 1).is_some_and(|n| n.is_alphabetic());
            !next_is_letter && class_letter(*c).is_some()
        });
        return Some((grade, letter.and_then(class_letter)));
    }
    None
}

/// «12», «12 лет», «12 л.» → «12»; anything else is passed on for `Category::parse` to name.
fn experience_years(text: &str) -> String {
    let t = text.trim();
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let rest = search_key(&t[digits_end..]);
    let unit = rest.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if digits_end > 0 && (unit.is_empty() || matches!(unit, "лет" | "л" | "год" | "года" | "г")) {
        t[..digits_end].to_string()
    } else {
        t.to_string()
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// The Cyrillic letter a Latin one looks like (the table of `name.rs`).
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        _ => return None,
    })
}

/// Replaces Latin look-alikes inside Cyrillic words («Сeмин» with a Latin «e»); words in
/// Latin only stay as they are, for the name check to refuse. `None` when nothing changed;
/// else the fixed text and the Latin letters replaced.
fn fix_lookalikes(text: &str) -> Option<(String, String)> {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut letters = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, letters: &mut String| {
        let fixable = word.chars().any(is_cyrillic)
            && word
                .chars()
                .filter(char::is_ascii_alphabetic)
                .all(|c| lookalike(c).is_some());
        if fixable {
            for c in word.chars() {
                match lookalike(c) {
                    Some(r) => {
                        letters.push(c);
                        out.push(r);
                    }
                    None => out.push(c),
                }
            }
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut letters);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut letters);
    (!letters.is_empty()).then_some((out, letters))
}

/// «мама» → «мать»; the rest as written, in lower case.
fn relation(text: &str) -> String {
    let key = search_key(text.trim_matches(|c: char| !c.is_alphanumeric()));
    match key.as_str() {
        "мать" | "мама" | "матерь" => "мать".into(),
        "отец" | "папа" => "отец".into(),
        "" => DEFAULT_RELATION.into(),
        _ => key,
    }
}

const DEFAULT_RELATION: &str = "законный представитель";

/// A phone, an e-mail and maybe a parent's name and relation in one contacts cell:
/// «Иванова Мария Петровна (мать), +7 916 123-45-67, ivanova@mail.ru».
#[derive(Debug, Default, PartialEq)]
struct ContactParts {
    phone: Option<String>,
    email: Option<String>,
    /// More than one phone or e-mail: only the first ones are taken.
    extra: bool,
    /// Two to four capitalized Cyrillic words: a person's name.
    name: Option<String>,
    relation: Option<&'static str>,
}

fn parse_contacts(text: &str) -> ContactParts {
    let mut parts = ContactParts::default();
    let mut rest = String::with_capacity(text.len());
    for (i, token) in text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .enumerate()
    {
        if token.contains('@') {
            let email = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
            if parts.email.is_none() {
                parts.email = Some(email.to_string());
            } else {
                parts.extra = true;
            }
            rest.push(' ');
        } else {
            if i > 0 {
                rest.push(' ');
            }
            rest.push_str(token);
        }
    }
    // Phones: runs of digits, spaces, «+», «-», brackets with at least 7 digits.
    let mut words = String::with_capacity(rest.len());
    let mut run = String::new();
    let mut digits = 0;
    let take_run = |run: &mut String, digits: &mut usize, parts: &mut ContactParts, words: &mut String| {
        if *digits >= 7 {
            if parts.phone.is_none() {
                parts.phone = Some(run.trim().to_string());
            } else {
                parts.extra = true;
            }
            words.push(' ');
        } else {
            words.push_str(run);
        }
        run.clear();
        *digits = 0;
    };
    for c in rest.chars() {
        let phone_char = c.is_ascii_digit() || "+-()– ".contains(c);
        if c == '+' && digits >= 7 {
            take_run(&mut run, &mut digits, &mut parts, &mut words);
        }
        if phone_char {
            run.push(c);
            digits += usize::from(c.is_ascii_digit());
        } else {
            take_run(&mut run, &mut digits, &mut parts, &mut words);
            words.push(c);
        }
    }
    take_run(&mut run, &mut digits, &mut parts, &mut words);
    const NOISE: &[&str] = &[
        "тел",
        "телефон",
        "моб",
        "мобильный",
        "сотовый",
        "email",
        "e",
        "mail",
        "почта",
        "эл",
        "адрес",
        "контакты",
        "для",
        "связи",
    ];
    let mut name_words: Vec<&str> = Vec::new();
    let mut other = false;
    for w in words
        .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
    {
        let key = search_key(w);
        match key.as_str() {
            "мать" | "мама" => parts.relation = parts.relation.or(Some("мать")),
            "отец" | "папа" => parts.relation = parts.relation.or(Some("отец")),
            "опекун" => parts.relation = parts.relation.or(Some("опекун")),
            "попечитель" => parts.relation = parts.relation.or(Some("попечитель")),
            "родитель" | "законный" | "представитель" => {
                parts.relation = parts.relation.or(Some(DEFAULT_RELATION));
            }
            k if NOISE.contains(&k) => {}
            "оглы" | "кызы" if !name_words.is_empty() => name_words.push(w),
            _ if w.chars().next().is_some_and(|c| c.is_uppercase() && is_cyrillic(c)) => name_words.push(w),
            _ => other = true,
        }
    }
    if !other && (2..=4).contains(&name_words.len()) {
        parts.name = Some(name_words.join(" "));
    }
    parts
}

/// The person's birth as read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Birth {
    Known(NaiveDate),
    /// No date in the row.
    Missing,
    /// A date that is not one (already reported).
    Invalid,
}

/// What a birth-year cell of a base holds: «1999», «2011 / 9 «Б»», or a whole date.
#[derive(Debug, Default, PartialEq)]
struct YearCell {
    year: Option<i32>,
    date: Option<NaiveDate>,
    class: Option<(String, Option<String>)>,
}

fn parse_year_cell(v: &Value, opts: &Options) -> Result<YearCell, ()> {
    let plausible = |y: i32| (opts.today.year() - 120..=opts.today.year()).contains(&y);
    let mut cell = YearCell::default();
    match v {
        Value::Empty => {}
        Value::Bool(_) => return Err(()),
        Value::Date(d) => cell.date = Some(*d),
        Value::Number(n) if n.fract() == 0.0 && (1000.0..10000.0).contains(n) => cell.year = Some(*n as i32),
        Value::Number(n) => cell.date = Some(from_serial(*n, opts.date1904).ok_or(())?),
        Value::Text(t) => {
            let t = t.trim();
            if let Some(d) = parse_date_text(t, opts.today) {
                cell.date = Some(d);
            } else {
                let (head, rest) = t.split_once(['/', ',', ';']).unwrap_or((t, ""));
                let head = head.trim().trim_end_matches(['г', 'р', '.', ' ']);
                if head.len() == 4 && head.bytes().all(|b| b.is_ascii_digit()) {
                    cell.year = head.parse().ok();
                } else if !head.is_empty() {
                    cell.date = Some(parse_date_text(head, opts.today).ok_or(())?);
                }
                if !rest.trim().is_empty() {
                    cell.class = Some(parse_class(rest).ok_or(())?);
                }
            }
        }
    }
    if let Some(d) = cell.date {
        cell.year = Some(d.year());
    }
    match cell.year {
        Some(y) if !plausible(y) => Err(()),
        _ => Ok(cell),
    }
}

// ---------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------

/// Reads the table: header, columns, rows; every problem at once. Pure and deterministic.
pub fn analyze(kind: ListKind, rows: &[SourceRow], opts: &Options) -> Analysis {
    analyze_rows(kind, rows, rows.iter(), opts)
}

/// [`analyze`] of rows it may drop as it goes: each row is freed once read, so a long list
/// is not held twice (as cells and as records) — 80 MB less for 100,000 rows of a base.
pub fn analyze_owned(kind: ListKind, rows: Vec<SourceRow>, opts: &Options) -> Analysis {
    let head: Vec<SourceRow> = rows.iter().take(HEADER_SEARCH).cloned().collect();
    analyze_rows(kind, &head, rows.into_iter(), opts)
}

/// The analysis: `head` are the first rows (the header is searched there), `rows` all of
/// them from the first, in order.
fn analyze_rows<R: std::borrow::Borrow<SourceRow> + Send>(
    kind: ListKind,
    head: &[SourceRow],
    rows: impl ExactSizeIterator<Item = R>,
    opts: &Options,
) -> Analysis {
    let synonyms = Synonyms::new(kind);
    let mut out = Analysis::default();
    let header_at = head.iter().take(HEADER_SEARCH).position(|r| {
        r.cells
            .iter()
            .filter(|c| matches!(c, Value::Text(_)))
            .filter(|c| synonyms.field(&c.text()).is_some_and(|f| f != Field::Number))
            .count()
            >= 2
    });
    let Some(header_at) = header_at else {
        let filled = |r: &SourceRow| r.cells.iter().any(|c| !c.is_empty());
        let listed = |r: &SourceRow| {
            let cells: Vec<Cow<str>> = r.cells.iter().map(Value::text).filter(|t| !t.is_empty()).collect();
            quoted_list(cells.iter().map(|c| c.as_ref()))
        };
        let found = match head.iter().find(|r| filled(r)) {
            Some(r) => listed(r),
            None => rows
                .skip(head.len())
                .find(|r| filled(r.borrow()))
                .map(|r| listed(r.borrow()))
                .unwrap_or_default(),
        };
        out.problems.push(Problem {
            row: None,
            column: None,
            severity: Severity::Error,
            code: "imp-no-header",
            args: vec![
                ("expected", quoted_list(kind.headers().iter().copied())),
                ("found", found),
            ],
        });
        return out;
    };
    let header = &head[header_at];
    out.header_row = Some(header.number);
    let layout = read_header(kind, header, &synonyms, &mut out.problems);
    out.columns = layout
        .headers
        .iter()
        .zip(&layout.fields)
        .map(|(h, f)| (h.clone(), f.and_then(Field::code)))
        .collect();
    if !required_columns(&layout, header.number, &mut out.problems) {
        return out;
    }

    let formulas: HashSet<(usize, usize)> = opts.formulas.iter().copied().collect();
    let mut body: Vec<R> = rows.skip(header_at + 1).collect();
    if body.first().is_some_and(|r| is_numbering_row(r.borrow())) {
        body.remove(0);
    }
    out.records.reserve_exact(body.len());
    let mut seen: HashMap<(String, BirthKey), usize> = HashMap::with_capacity(body.len());
    // Rows are checked on two threads, each half with its own label memo; what needs the
    // whole file (the first stray cell, duplicates inside it) is settled after, in order.
    // Checking was half of a 100,000-row import's dry run.
    let check = |part: Vec<R>| -> Vec<Checked> {
        let mut labels = LabelMemo::default();
        part.into_iter()
            .map(|row| check_row(kind, &layout, row.borrow(), opts, &formulas, &mut labels))
            .collect()
    };
    let parts: Vec<Vec<Checked>> = if body.len() >= PARALLEL_ROWS {
        let second = body.split_off(body.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| check(second));
            let first = check(body);
            // A panic in the checker is a bug; it goes on as one, not as a half report.
            let later = later.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            vec![first, later]
        })
    } else {
        vec![check(body)]
    };
    let mut stray_reported = false;
    for c in parts.into_iter().flatten() {
        if !stray_reported && let Some(col) = c.stray {
            stray_reported = true;
            out.problems.push(Problem {
                row: Some(c.number),
                column: None,
                severity: Severity::Warning,
                code: "imp-beyond-header",
                args: vec![("row", c.number.to_string()), ("letter", column_letter(col))],
            });
        }
        let Some(row) = c.out else {
            continue;
        };
        let RowOut { record, key } = *row;
        out.problems.extend(c.problems);
        let mut duplicate = false;
        if let Some(key) = key {
            match seen.entry(key) {
                Entry::Occupied(first) => {
                    duplicate = true;
                    let col = layout.col(Field::FullName).or(layout.col(Field::LastName));
                    out.problems.push(Problem {
                        row: Some(c.number),
                        column: col.map(|c| layout.label(c)),
                        severity: Severity::Error,
                        code: "imp-duplicate-in-file",
                        args: vec![("row", first.get().to_string())],
                    });
                }
                Entry::Vacant(slot) => {
                    slot.insert(c.number);
                }
            }
        }
        if let (Some(record), false, 0) = (record, duplicate, c.errors) {
            out.records.push(record);
        }
    }
    out
}

/// Rows from which the check runs on two threads.
const PARALLEL_ROWS: usize = 5_000;

/// One row checked on its own: what the whole-file pass needs of it.
struct Checked {
    /// Row number in the file.
    number: usize,
    /// A filled cell beyond the header's columns.
    stray: Option<usize>,
    /// The row read, or `None` for a row without data (boxed: the checked rows of both
    /// halves wait for the merge, and a row is mostly its record).
    out: Option<Box<RowOut>>,
    /// Its problems.
    problems: Vec<Problem>,
    /// Errors among them.
    errors: usize,
}

fn check_row(
    kind: ListKind,
    layout: &Layout,
    row: &SourceRow,
    opts: &Options,
    formulas: &HashSet<(usize, usize)>,
    labels: &mut LabelMemo,
) -> Checked {
    let mut checked = Checked {
        number: row.number,
        stray: layout.stray(row),
        out: None,
        problems: Vec::new(),
        errors: 0,
    };
    if !layout.has_data(row) {
        return checked;
    }
    let mut ctx = RowCtx {
        layout,
        row,
        opts,
        problems: &mut checked.problems,
        errors: 0,
        labels,
    };
    ctx.formula_warnings(formulas);
    let out = match kind {
        ListKind::Students => ctx.student(),
        ListKind::Staff => ctx.staff(),
        ListKind::Mentors => ctx.base_row(BaseKind::Mentors),
        ListKind::Mentees => ctx.base_row(BaseKind::Mentees),
    };
    checked.errors = ctx.errors;
    checked.out = Some(Box::new(out));
    checked
}

/// Maps the header row; reports unknown and repeated columns and the ignored consents.
fn read_header(kind: ListKind, header: &SourceRow, synonyms: &Synonyms, problems: &mut Vec<Problem>) -> Layout {
    let width = header.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let mut layout = Layout {
        kind,
        headers: header.cells[..width].iter().map(|c| c.text().into_owned()).collect(),
        fields: Vec::with_capacity(width),
        cols: [None; FIELD_COUNT],
    };
    for col in 0..width {
        let text = &layout.headers[col];
        let field = if text.is_empty() { None } else { synonyms.field(text) };
        match field {
            None if !text.is_empty() => problems.push(Problem {
                row: Some(header.number),
                column: Some(layout.label(col)),
                severity: Severity::Warning,
                code: "imp-unknown-column",
                args: vec![
                    ("column", text.clone()),
                    ("expected", quoted_list(kind.headers().iter().copied())),
                ],
            }),
            Some(f) if f != Field::Number => match layout.cols[f as usize] {
                Some(first) => {
                    problems.push(Problem {
                        row: Some(header.number),
                        column: Some(layout.label(col)),
                        severity: Severity::Error,
                        code: "imp-duplicate-column",
                        args: vec![("column", text.clone()), ("first", layout.label(first))],
                    });
                    layout.fields.push(None);
                    continue;
                }
                None => layout.cols[f as usize] = Some(col),
            },
            _ => {}
        }
        layout.fields.push(field);
    }
    if let Some(col) = layout.col(Field::Consent) {
        problems.push(Problem {
            row: Some(header.number),
            column: Some(layout.label(col)),
            severity: Severity::Warning,
            code: "imp-consents-ignored",
            args: vec![("column", layout.headers[col].clone())],
        });
    }
    layout
}

/// Reports missing required columns; false if any is missing.
fn required_columns(layout: &Layout, header_row: usize, problems: &mut Vec<Problem>) -> bool {
    let has = |f| layout.col(f).is_some();
    let name_ok = has(Field::FullName) || (has(Field::LastName) && has(Field::FirstName));
    let mut ok = true;
    let mut missing = |code: &'static str, column: Option<&str>| {
        ok = false;
        let mut args = Vec::with_capacity(2);
        if let Some(c) = column {
            args.push(("column", c.to_string()));
        }
        args.push(("found", layout.found()));
        problems.push(Problem {
            row: Some(header_row),
            column: None,
            severity: Severity::Error,
            code,
            args,
        });
    };
    match layout.kind {
        ListKind::Students | ListKind::Staff => {
            if !name_ok {
                missing("imp-missing-name-column", None);
            }
            if !has(Field::BirthDate) {
                missing("imp-missing-column", Some("Дата рождения"));
            }
            if layout.kind == ListKind::Students && !has(Field::Class) {
                missing("imp-missing-column", Some("Класс"));
            }
            if layout.kind == ListKind::Staff && !has(Field::Position) {
                missing("imp-missing-column", Some("Должность"));
            }
        }
        ListKind::Mentors if !name_ok => missing("imp-missing-column", Some(MENTOR_HEADERS[1])),
        ListKind::Mentees if !name_ok => missing("imp-missing-column", Some(MENTEE_HEADERS[1])),
        _ => {}
    }
    ok
}

/// «1, 2, 3 …» under the header, as Russian forms number their columns.
fn is_numbering_row(row: &SourceRow) -> bool {
    let mut count = 0;
    for (i, v) in row.cells.iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        if v.text() != (i + 1).to_string() {
            return false;
        }
        count += 1;
    }
    count >= 3
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum BirthKey {
    Date(NaiveDate),
    Year(i32),
    Unknown,
}

struct RowOut {
    record: Option<Record>,
    /// Folded ФИО and birth, for duplicates inside the file.
    key: Option<(String, BirthKey)>,
}

/// ФИО as the row gives it, with the columns each part came from.
struct NameParts {
    last: String,
    first: String,
    patronymic: String,
    cols: [Option<usize>; 3],
}

impl NameParts {
    fn key(&self) -> Option<String> {
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
struct Cols {
    name: [Option<usize>; 3],
    birth: Option<usize>,
    grade: Option<usize>,
    category: Option<usize>,
    position: Option<usize>,
    subjects: Option<usize>,
    experience: Option<usize>,
    company: Option<usize>,
    phone: Option<usize>,
    email: Option<usize>,
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
struct Check {
    name: NameParts,
    birth: Birth,
    /// Lists need a birth date; the bases may give only a year.
    birth_required: bool,
    /// `None`: the row does not give a whole category.
    category: Option<CategoryInput>,
    /// The class cell was not a class (already reported).
    class_invalid: bool,
    phone: Option<String>,
    email: Option<String>,
}

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

static EMPTY: Value = Value::Empty;

/// The cells of the enumerated columns as read, per column and distinct text: the place of
/// the value in `Labelled::ALL`, or `None` for a text that names none. A base repeats a
/// dozen categories, forms and statuses over 100,000 rows, and reading one folds every
/// label it could be (a third of the time of a base's check before).
struct LabelMemo([HashMap<String, Option<usize>>; FIELD_COUNT]);

impl Default for LabelMemo {
    fn default() -> Self {
        Self(std::array::from_fn(|_| HashMap::new()))
    }
}

struct RowCtx<'a> {
    layout: &'a Layout,
    row: &'a SourceRow,
    opts: &'a Options,
    problems: &'a mut Vec<Problem>,
    /// Errors reported for this row.
    errors: usize,
    labels: &'a mut LabelMemo,
}

impl RowCtx<'_> {
    fn col(&self, f: Field) -> Option<usize> {
        self.layout.col(f)
    }

    fn value_at(&self, col: Option<usize>) -> &Value {
        col.and_then(|c| self.row.cells.get(c)).unwrap_or(&EMPTY)
    }

    fn value(&self, f: Field) -> &Value {
        self.value_at(self.col(f))
    }

    fn text(&self, f: Field) -> Cow<'_, str> {
        self.value(f).text()
    }

    fn string(&self, f: Field) -> String {
        self.text(f).into_owned()
    }

    fn opt_string(&self, f: Field) -> Option<String> {
        let t = self.text(f);
        (!t.is_empty()).then(|| t.into_owned())
    }

    fn push(&mut self, severity: Severity, col: Option<usize>, code: &'static str, args: Vec<(&'static str, String)>) {
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
    fn bad_value(&mut self, col: Option<usize>, code: &'static str, expected: String) {
        let value = self.value_at(col).text().into_owned();
        self.push(
            Severity::Error,
            col,
            code,
            vec![("value", value), ("expected", expected)],
        );
    }

    fn formula_warnings(&mut self, formulas: &HashSet<(usize, usize)>) {
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

    /// A text cell of a name with Latin look-alikes replaced (and a warning).
    fn name_text(&mut self, col: Option<usize>) -> String {
        let text = self.value_at(col).text();
        match fix_lookalikes(&text) {
            None => text.into_owned(),
            Some((fixed, letters)) => {
                let value = text.into_owned();
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
    fn name(&mut self, full: Field, parts: [Field; 3]) -> NameParts {
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
    fn date(&mut self, f: Field) -> Birth {
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
    fn check(&mut self, c: Check, cols: &Cols) -> Option<NewParticipant> {
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

    fn student(&mut self) -> RowOut {
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

    fn staff(&mut self) -> RowOut {
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

    fn base_row(&mut self, base: BaseKind) -> RowOut {
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

/// «Мамедов Эльдар Рашид оглы» → «Мамедов», «Эльдар», «Рашид оглы»; all from `col`.
fn split_full_name(text: &str, col: Option<usize>) -> NameParts {
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

/// A date cell: a date, an Excel serial or text; `Ok(None)` for an empty cell.
fn read_date(v: &Value, opts: &Options) -> Result<Option<NaiveDate>, ()> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(*d)),
        Value::Number(n) => from_serial(*n, opts.date1904).map(Some).ok_or(()),
        Value::Bool(_) => Err(()),
        Value::Text(t) if t.trim().is_empty() => Ok(None),
        Value::Text(t) => parse_date_text(t, opts.today).map(Some).ok_or(()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn opts() -> Options {
        Options::new(day(2025, 10, 1))
    }

    fn cell(s: &str) -> Value {
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s.to_string())
        }
    }

    fn sheet(table: &[&[&str]]) -> Vec<SourceRow> {
        table
            .iter()
            .enumerate()
            .map(|(i, r)| SourceRow {
                number: i + 1,
                cells: r.iter().map(|c| cell(c)).collect(),
            })
            .collect()
    }

    /// (row, column, code) of every problem.
    fn found(a: &Analysis) -> Vec<(Option<usize>, Option<&str>, &str)> {
        a.problems
            .iter()
            .map(|p| (p.row, p.column.as_deref(), p.code))
            .collect()
    }

    const IMPORT_FTL: &str = include_str!("../../web/locales/ru/import.ftl");
    const MAIN_FTL: &str = include_str!("../../web/locales/ru/main.ftl");

    /// The text of a Fluent message, with its continuation lines.
    fn message(ftl: &str, id: &str) -> Option<String> {
        let start = ftl.find(&format!("\n{id} ="))?;
        let mut out = String::new();
        for (i, line) in ftl[start + 1..].lines().enumerate() {
            if i > 0 && !line.starts_with(' ') {
                break;
            }
            out.push_str(line);
            out.push('\n');
        }
        Some(out)
    }

    /// `{ $name }` variables of a message.
    fn variables(text: &str) -> Vec<String> {
        text.match_indices('$')
            .map(|(i, _)| {
                text[i + 1..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    }

    /// Every problem has a message whose variables it all provides.
    fn assert_renderable(a: &Analysis) {
        for p in &a.problems {
            let text = message(IMPORT_FTL, p.code)
                .or_else(|| message(MAIN_FTL, p.code))
                .unwrap_or_else(|| panic!("no message for {}", p.code));
            for v in variables(&text) {
                assert!(p.arg(&v).is_some(), "{} needs ${v}: {p:?}", p.code);
            }
        }
    }

    fn analyze_ok(kind: ListKind, rows: &[SourceRow], opts: &Options) -> Analysis {
        let a = analyze(kind, rows, opts);
        assert_renderable(&a);
        // The import reads its rows owned: the same analysis, every case of these tests.
        assert_eq!(analyze_owned(kind, rows.to_vec(), opts), a);
        a
    }

    fn student(grade: u8, letter: Option<&str>) -> Option<Category> {
        Some(Category::Student {
            grade,
            letter: letter.map(str::to_string),
        })
    }

    #[test]
    fn clean_student_list_with_title_row_and_reordered_headers() {
        let rows = sheet(&[
            &["МБОУ «СОШ № 17»"],
            &["Список обучающихся 7 «А» класса на 2025/2026 учебный год"],
            &[],
            &[
                "№",
                "Класс",
                "Дата рождения",
                "Имя",
                "Фамилия",
                "Отчество",
                "ФИО родителя",
                "Телефон родителя",
                "Степень родства",
            ],
            &[
                "1",
                "7А",
                "01.05.2012",
                "Алёна",
                "сидорова",
                "Игоревна",
                "Сидорова Ольга Петровна",
                "8 (916) 123-45-67",
                "мама",
            ],
            &[
                "2",
                "7 «А»",
                "14.02.2012",
                "Пётр",
                "Семёнов",
                "",
                "Семёнов Илья Ильич",
                "+7 916 765-43-21",
                "",
            ],
            &[
                "3",
                "7-а",
                "1.9.2011",
                "Дарья",
                "Ким",
                "Сергеевна",
                "Ким Сергей Ен",
                "",
                "отец",
            ],
            &["4"],
            &[],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(a.problems, vec![]);
        assert!(a.is_clean());
        assert_eq!(a.header_row, Some(4));
        assert_eq!(a.columns[0], ("№".to_string(), None));
        assert_eq!(a.columns[1], ("Класс".to_string(), Some("class")));
        assert_eq!(a.columns[6], ("ФИО родителя".to_string(), Some("guardian_name")));
        assert_eq!(a.records.iter().map(|r| r.row).collect::<Vec<_>>(), vec![5, 6, 7]);
        let first = &a.records[0].person;
        assert_eq!(first.name.full(), "Сидорова Алёна Игоревна");
        assert_eq!(first.birth_date, Some(day(2012, 5, 1)));
        assert_eq!(first.birth_year, Some(2012));
        assert_eq!(first.category, student(7, Some("А")));
        let g = first.guardian.as_ref().unwrap();
        assert_eq!(g.name.full(), "Сидорова Ольга Петровна");
        assert_eq!(g.phone.as_deref(), Some("+79161234567"));
        assert_eq!(g.relation, "мать");
        let second = &a.records[1].person;
        assert_eq!(second.category, student(7, Some("А")));
        assert_eq!(second.guardian.as_ref().unwrap().relation, "законный представитель");
        let third = &a.records[2].person;
        assert_eq!(third.birth_date, Some(day(2011, 9, 1)));
        assert_eq!(third.category, student(7, Some("А")));
        assert_eq!(third.guardian.as_ref().unwrap().relation, "отец");
        assert!(a.records.iter().all(|r| r.entry.is_none()));
    }

    #[test]
    fn full_name_in_one_column() {
        let rows = sheet(&[
            &["ФИО обучающегося", "Дата рождения", "Класс", "ФИО родителя"],
            &[
                "Мамедов Эльдар Рашид оглы",
                "10.03.2011",
                "8Б",
                "Мамедова Лейла Рашид кызы",
            ],
            &["Иванов", "10.03.2011", "8Б", "Иванова Анна Сергеевна"],
            &["", "10.03.2011", "8Б", "Иванова Анна Сергеевна"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(3), Some("«ФИО обучающегося» (A)"), "err-required"),
                (Some(4), Some("«ФИО обучающегося» (A)"), "err-required"),
            ]
        );
        assert_eq!(a.problems[0].arg("field"), Some("ФИО обучающегося"));
        let n = &a.records[0].person.name;
        assert_eq!(
            (n.last(), n.first(), n.patronymic()),
            ("Мамедов", "Эльдар", Some("Рашид оглы"))
        );
        assert_eq!(a.records[0].person.category, student(8, Some("Б")));
        assert_eq!(a.records.len(), 1);
    }

    #[test]
    fn setevoy_gorod_headers_with_typed_cells() {
        let mut rows = sheet(&[&[
            "Фамилия",
            "Имя",
            "Отчество",
            "Дата рождения",
            "Класс",
            "ФИО родителя",
            "Телефон родителя",
        ]]);
        rows.push(SourceRow {
            number: 2,
            cells: vec![
                cell("Кузнецов"),
                cell("Артём"),
                cell("Павлович"),
                Value::Date(day(2011, 4, 12)),
                Value::Number(9.0),
                cell("Кузнецова Мария Ивановна"),
                Value::Number(79161234567.0),
            ],
        });
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        let p = &a.records[0].person;
        assert_eq!(p.birth_date, Some(day(2011, 4, 12)));
        assert_eq!(p.category, student(9, None));
        assert_eq!(p.guardian.as_ref().unwrap().phone.as_deref(), Some("+79161234567"));
    }

    #[test]
    fn excel_serial_dates_1900_and_1904() {
        assert_eq!(from_serial(1.0, false), Some(day(1900, 1, 1)));
        assert_eq!(from_serial(59.0, false), Some(day(1900, 2, 28)));
        assert_eq!(from_serial(60.0, false), None, "29.02.1900 never was");
        assert_eq!(from_serial(61.0, false), Some(day(1900, 3, 1)));
        assert_eq!(from_serial(41153.0, false), Some(day(2012, 9, 1)));
        assert_eq!(
            from_serial(41153.75, false),
            Some(day(2012, 9, 1)),
            "time of day dropped"
        );
        assert_eq!(from_serial(39691.0, true), Some(day(2012, 9, 1)));
        assert_eq!(from_serial(0.0, true), Some(day(1904, 1, 1)));
        assert_eq!(from_serial(-1.0, false), None);
        for (serial, date1904) in [(41153.0, false), (39691.0, true)] {
            let mut rows = sheet(&[&["Фамилия", "Имя", "Дата рождения", "Класс", "Родитель"]]);
            rows.push(SourceRow {
                number: 2,
                cells: vec![
                    cell("Орлова"),
                    cell("Вера"),
                    Value::Number(serial),
                    cell("8в"),
                    cell("Орлов Олег Олегович"),
                ],
            });
            let o = Options { date1904, ..opts() };
            let a = analyze_ok(ListKind::Students, &rows, &o);
            assert!(a.is_clean(), "{:?}", a.problems);
            assert_eq!(a.records[0].person.birth_date, Some(day(2012, 9, 1)));
        }
    }

    #[test]
    fn dates_in_the_ways_people_type_them() {
        let today = day(2025, 10, 1);
        for (text, date) in [
            ("1.9.12", day(2012, 9, 1)),
            ("01.09.12", day(2012, 9, 1)),
            ("5.3.99", day(1999, 3, 5)),
            ("01.09.25", day(2025, 9, 1)),
            ("01.09.26", day(1926, 9, 1)),
            ("01.09.2012", day(2012, 9, 1)),
            ("2012-09-01", day(2012, 9, 1)),
            ("01/09/2012", day(2012, 9, 1)),
            ("01.09.2012 0:00:00", day(2012, 9, 1)),
            ("01.09.2012 г.", day(2012, 9, 1)),
        ] {
            assert_eq!(parse_date_text(text, today), Some(date), "{text}");
        }
        for text in [
            "31.02.2012",
            "завтра",
            "2012",
            "1.9",
            "01.09.2012.01",
            "001.09.2012",
            "01.09.012",
        ] {
            assert_eq!(parse_date_text(text, today), None, "{text}");
        }
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
            &["Белова", "Ирина", "3.4.12", "7а", "Белова Анна Ивановна"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert!(a.is_clean(), "{:?}", a.problems);
        assert_eq!(a.records[0].person.birth_date, Some(day(2012, 4, 3)));
    }

    #[test]
    fn bad_dates_name_the_row_and_column() {
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
            &["Белова", "Ирина", "31.02.2012", "7а", "Белова Анна Ивановна"],
            &["Белов", "Иван", "завтра", "7а", "Белова Анна Ивановна"],
            &["Белов", "Олег", "", "7а", "Белова Анна Ивановна"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(2), Some("«Дата рождения» (C)"), "imp-date"),
                (Some(3), Some("«Дата рождения» (C)"), "imp-date"),
                (Some(4), Some("«Дата рождения» (C)"), "err-required"),
            ]
        );
        assert_eq!(a.problems[0].arg("value"), Some("31.02.2012"));
        assert_eq!(a.problems[0].arg("expected"), Some("ДД.ММ.ГГГГ"));
        assert_eq!(a.problems[1].arg("value"), Some("завтра"));
        assert_eq!(a.problems[2].arg("field"), Some("Дата рождения"));
        assert!(a.records.is_empty());
        assert_eq!(a.errors(), 3);
    }

    #[test]
    fn classes_are_read_or_named() {
        assert_eq!(parse_class("7А"), Some(("7".into(), Some("А".into()))));
        assert_eq!(parse_class("7 а"), Some(("7".into(), Some("А".into()))));
        assert_eq!(parse_class("7-а"), Some(("7".into(), Some("А".into()))));
        assert_eq!(parse_class("7 «А»"), Some(("7".into(), Some("А".into()))));
        assert_eq!(parse_class("10 \"Б\" класс"), Some(("10".into(), Some("Б".into()))));
        assert_eq!(parse_class("7A"), Some(("7".into(), Some("А".into()))), "Latin A");
        assert_eq!(parse_class("11"), Some(("11".into(), None)));
        assert_eq!(parse_class("седьмой"), None);
        assert_eq!(parse_class("7АБ"), None);
        assert_eq!(find_class("обучающийся 9 «Б»"), Some(("9".into(), Some("Б".into()))));
        assert_eq!(find_class("МБОУ СОШ № 17, 10А"), Some(("10".into(), Some("А".into()))));
        assert_eq!(find_class("9 класс"), Some(("9".into(), None)));
        assert_eq!(find_class("учитель"), None);
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
            &["Белова", "Ирина", "03.04.2012", "13Я", "Белова Анна Ивановна"],
            &["Белов", "Иван", "03.04.2012", "7ЯЯ", "Белова Анна Ивановна"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(2), Some("«Класс» (D)"), "err-grade"),
                (Some(3), Some("«Класс» (D)"), "imp-class"),
            ]
        );
        let grade = &a.problems[0];
        assert_eq!(
            (grade.arg("value"), grade.arg("min"), grade.arg("max")),
            (Some("13Я"), Some("5"), Some("11"))
        );
        assert_eq!(grade.arg("field"), Some("Класс"));
        assert_eq!(a.problems[1].arg("value"), Some("7ЯЯ"));
    }

    #[test]
    fn minors_need_a_guardian() {
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "Класс"],
            &["Белова", "Ирина", "03.04.2012", "7А"],
            &["Белов", "Иван", "01.01.2007", "11А"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(2), None, "imp-no-guardian"),
                (Some(3), Some("«Дата рождения» (C)"), "imp-student-turned-adult"),
            ]
        );
        assert_eq!(
            a.problems[1].severity,
            Severity::Warning,
            "turning 18 at school is no error"
        );
        assert!(
            a.records.iter().any(|r| r.person.age_exception),
            "the exception is marked"
        );
        assert_eq!(a.problems[0].arg("column"), Some("ФИО родителя"));
        assert_eq!(a.problems[1].arg("age"), Some("18"));
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "Класс", "Мать", "Телефон родителя"],
            &["Белова", "Ирина", "03.04.2012", "7А", "", "89161234567"],
            &["Белова", "Анна", "03.04.2012", "7А", "Белова Ольга Ивановна", ""],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(found(&a), vec![(Some(2), Some("«Мать» (E)"), "imp-no-guardian")]);
        assert_eq!(a.problems[0].arg("column"), Some("Мать"));
        assert_eq!(a.records[0].person.guardian.as_ref().unwrap().relation, "мать");
    }

    #[test]
    fn duplicates_in_the_file_fold_yo_and_latin_lookalikes() {
        assert_eq!(fix_lookalikes("Сeмин"), Some(("Семин".to_string(), "e".to_string())));
        assert_eq!(fix_lookalikes("Семин"), None);
        assert_eq!(fix_lookalikes("Smith"), None, "Latin only is refused, not fixed");
        for (last, first, patronymic) in [
            ("Сёмин", "Пётр", "Ильич"),
            ("СЕМИН-ЁЛКИН", "пётр", "Исмаил  оглы"),
            ("Д'Арк", "Жанна", ""),
        ] {
            let name = NameParts {
                last: last.into(),
                first: first.into(),
                patronymic: patronymic.into(),
                cols: [None; 3],
            };
            assert_eq!(
                name.key(),
                Some(search_key(&format!("{last} {first} {patronymic}"))),
                "fast fold"
            );
        }
        let rows = sheet(&[
            &["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "ФИО родителя"],
            &["Сёмин", "Пётр", "Ильич", "01.02.2012", "7А", "Сёмина Анна Ивановна"],
            &["Сёмин", "Пётр", "Ильич", "02.02.2012", "7А", "Сёмина Анна Ивановна"],
            &["Сeмин", "Петр", "Ильич", "01.02.2012", "7Б", "Семина Анна Ивановна"],
            &["Smith", "John", "", "01.02.2012", "7Б", "Семина Анна Ивановна"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(4), Some("«Фамилия» (A)"), "imp-name-latin-fixed"),
                (Some(4), Some("«Фамилия» (A)"), "imp-duplicate-in-file"),
                (Some(5), Some("«Фамилия» (A)"), "err-name-not-cyrillic"),
                (Some(5), Some("«Имя» (B)"), "err-name-not-cyrillic"),
            ]
        );
        assert_eq!(a.problems[0].arg("letters"), Some("e"));
        assert_eq!(a.problems[0].arg("fixed"), Some("Семин"));
        assert_eq!(a.problems[1].arg("row"), Some("2"));
        assert_eq!(a.problems[1].severity, Severity::Error);
        assert_eq!(a.records.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3]);
    }

    #[test]
    fn formulas_are_loaded_with_a_warning() {
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
            &["Белова", "Ирина", "03.04.2012", "7А", "Белова Анна Ивановна"],
        ]);
        let o = Options {
            formulas: vec![(2, 2), (2, 9), (1, 0)],
            ..opts()
        };
        let a = analyze_ok(ListKind::Students, &rows, &o);
        assert_eq!(found(&a), vec![(Some(2), Some("«Дата рождения» (C)"), "imp-formula")]);
        assert_eq!(a.problems[0].arg("value"), Some("03.04.2012"));
        assert_eq!(a.problems[0].severity, Severity::Warning);
        assert!(a.is_clean());
        assert_eq!(a.records.len(), 1);
    }

    #[test]
    fn missing_required_column_stops_the_rows() {
        let rows = sheet(&[
            &["Фамилия", "Имя", "Дата рождения", "ФИО родителя"],
            &["Белова", "Ирина", "03.04.2012", "Белова Анна Ивановна"],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(found(&a), vec![(Some(1), None, "imp-missing-column")]);
        assert_eq!(a.problems[0].arg("column"), Some("Класс"));
        assert_eq!(
            a.problems[0].arg("found"),
            Some("«Фамилия», «Имя», «Дата рождения», «ФИО родителя»")
        );
        assert!(a.records.is_empty());
        let rows = sheet(&[&["Имя", "Дата рождения", "Класс"]]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(found(&a), vec![(Some(1), None, "imp-missing-name-column")]);
    }

    #[test]
    fn no_header_row_lists_what_is_expected() {
        let rows = sheet(&[&[], &["Ведомость", "", "2025"], &["Иванов", "7А"]]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(found(&a), vec![(None, None, "imp-no-header")]);
        assert_eq!(a.header_row, None);
        assert_eq!(a.problems[0].arg("found"), Some("«Ведомость», «2025»"));
        assert!(a.problems[0].arg("expected").unwrap().starts_with("«Фамилия», «Имя»"));
        let a = analyze_ok(ListKind::Staff, &[], &opts());
        assert_eq!(found(&a), vec![(None, None, "imp-no-header")]);
    }

    #[test]
    fn header_oddities() {
        let rows = sheet(&[
            &[
                "1. Фамилия*",
                "2. Имя*",
                "Дата рождения (ДД.ММ.ГГГГ)",
                "Класс",
                "Примечание",
                "",
                "Телефон родителя (матери)",
                "Класс",
                "Родитель",
            ],
            &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
            &[
                "Белова",
                "Ирина",
                "03.04.2012",
                "7А",
                "отличница",
                "",
                "",
                "",
                "Белова Анна Ивановна",
                "лишнее",
            ],
            &[
                "Белов",
                "Иван",
                "03.04.2012",
                "7А",
                "",
                "забыли",
                "",
                "",
                "Белова Анна Ивановна",
            ],
        ]);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(1), Some("«Примечание» (E)"), "imp-unknown-column"),
                (Some(1), Some("«Класс» (H)"), "imp-duplicate-column"),
                (Some(3), None, "imp-beyond-header"),
            ]
        );
        assert_eq!(a.problems[1].arg("first"), Some("«Класс» (D)"));
        assert_eq!(a.problems[2].arg("letter"), Some("J"));
        assert_eq!(a.columns[0].1, Some("last_name"));
        assert_eq!(a.columns[2].1, Some("birth_date"));
        assert_eq!(a.columns[6].1, Some("guardian_phone"), "a long label starts the header");
        assert_eq!(a.columns[7].1, None);
        assert_eq!(a.records.len(), 2);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn staff_list_with_a_head() {
        let rows = sheet(&[
            &[
                "ФИО сотрудника",
                "Дата рождения",
                "Должность",
                "Преподаваемые предметы",
                "Стаж",
                "E-mail",
            ],
            &["Захарова Анастасия Анатольевна", "12.04.1975", "Директор", "", "30", ""],
            &[
                "Петров Иван Сергеевич",
                "03.03.1979",
                "учитель математики",
                "математика, физика",
                "12 лет",
                "Petrov@School.ru",
            ],
            &["Ким Ольга", "01.01.1990", "", "", "", ""],
            &["Ли Юрий", "01.01.1990", "учитель", "", "много", ""],
        ]);
        let a = analyze_ok(ListKind::Staff, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(4), Some("«Должность» (C)"), "err-required"),
                (Some(5), Some("«Стаж» (E)"), "err-experience"),
            ]
        );
        assert_eq!(a.records[0].person.category, Some(Category::Head));
        assert_eq!(
            a.records[1].person.category,
            Some(Category::Teacher {
                subjects: vec!["математика".into(), "физика".into()],
                position: "учитель математики".into(),
                experience_years: Some(12),
            })
        );
        assert_eq!(a.records[1].person.email.as_deref(), Some("petrov@school.ru"));
        assert_eq!(experience_years("12 лет"), "12");
        assert_eq!(experience_years("5 л."), "5");
        assert_eq!(experience_years("12,5"), "12,5");
    }

    fn base_sheet(title: &str, headers: &[&str], data: &[&[&str]]) -> Vec<SourceRow> {
        let mut table: Vec<&[&str]> = vec![&[], headers];
        table[0] = std::slice::from_ref(&title);
        table.extend_from_slice(data);
        sheet(&table)
    }

    #[test]
    fn our_mentor_base_reimports() {
        let rows = base_sheet(
            "База наставников МБОУ \"Знаменская СОШ\" на 2025–2026 учебный год",
            &MENTOR_HEADERS,
            &[
                &[
                    "1",
                    "Петров Иван Сергеевич",
                    "+7 900 000-00-01",
                    "1979",
                    "учитель математики",
                    "педагоги и специалисты",
                    "олимпиадная математика; проекты",
                    "01.09.2025",
                    "",
                    "да",
                    "Учитель – учитель",
                    "Смирнова О. И., учитель математики",
                    "школа, 01.10.2025–31.05.2026",
                    "",
                    "",
                    "текущая, в паре/группе",
                ],
                &[
                    "2",
                    "Сидоров Пётр Иванович",
                    "petr@mail.ru",
                    "2009",
                    "МБОУ СОШ № 17, 10 «А» класс",
                    "обучающиеся, мотивированные помочь сверстникам",
                    "",
                    "",
                    "",
                    "",
                    "Ученик – ученик",
                    "",
                    "",
                    "",
                    "",
                    "архив, завершил",
                ],
                &[
                    "3",
                    "Орлова Анна Петровна",
                    "",
                    "1960",
                    "",
                    "ветераны педагогического труда",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "текущая",
                ],
            ],
        );
        let a = analyze_ok(ListKind::Mentors, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![(
                Some(2),
                Some("«Согласие на обработку персональных данных (дата)» (H)"),
                "imp-consents-ignored"
            )]
        );
        assert_eq!(a.header_row, Some(2));
        assert!(a.columns.iter().skip(1).all(|(_, f)| f.is_some()), "{:?}", a.columns);
        assert_eq!(a.records.len(), 3);
        let r = &a.records[0];
        let e = r.entry.as_ref().unwrap();
        assert_eq!(e.base, BaseKind::Mentors);
        assert_eq!(e.status, Some(EntryStatus::InPair));
        assert_eq!(e.form, Some(Form::TeacherTeacher));
        assert_eq!(e.mentor_category, Some(MentorCategory::Teacher));
        assert_eq!(e.trained, "да");
        assert_eq!(e.counterpart, "Смирнова О. И., учитель математики");
        assert_eq!(e.competences, "олимпиадная математика; проекты");
        assert_eq!(e.workplace, "учитель математики");
        assert_eq!(r.person.birth_year, Some(1979));
        assert_eq!(r.person.birth_date, None);
        assert_eq!(r.person.phone.as_deref(), Some("+79000000001"));
        assert_eq!(
            r.person.category,
            Some(Category::Teacher {
                subjects: vec![],
                position: "учитель математики".into(),
                experience_years: None,
            })
        );
        let r = &a.records[1];
        assert_eq!(r.person.category, student(10, Some("А")));
        assert_eq!(r.person.email.as_deref(), Some("petr@mail.ru"));
        assert_eq!(r.entry.as_ref().unwrap().status, Some(EntryStatus::Finished));
        assert_eq!(r.entry.as_ref().unwrap().form, Some(Form::StudentStudent));
        assert_eq!(a.records[2].person.category, Some(Category::VeteranTeacher));
        assert_eq!(a.records[2].entry.as_ref().unwrap().status, Some(EntryStatus::InBase));
    }

    #[test]
    fn mentee_base_with_year_and_class() {
        let rows = base_sheet(
            "База наставляемых МБОУ \"Знаменская СОШ\" на 2025–2026 учебный год",
            &MENTEE_HEADERS,
            &[
                &[
                    "1",
                    "Смирнова Ольга Игоревна",
                    "+7 900 000-00-02",
                    "1999",
                    "учитель математики",
                    "Молодые специалисты",
                    "планирование уроков, работа с родителями",
                    "анкетирование",
                    "своё, 01.09.2025",
                    "01.10.2025",
                    "Петров И. С., учитель математики",
                    "Учитель – учитель",
                    "школа, 01.10.2025–31.05.2026",
                    "",
                    "",
                    "в паре",
                ],
                &[
                    "2",
                    "Кузнецов Артём Павлович",
                    "мать: +7 900 000-00-03",
                    "2011 / 9 «Б»",
                    "9 «Б» класс",
                    "проявившие выдающиеся способности",
                    "подготовка к олимпиаде по информатике",
                    "родители",
                    "родителя, 02.09.2025",
                    "01.10.2025",
                    "Хабибуллина А. И., учитель информатики",
                    "Учитель – ученик",
                ],
                &[
                    "3",
                    "Кузнецова Вера Павловна",
                    "Кузнецова Анна Павловна (мать), +7 900 000-00-04, anna@mail.ru",
                    "2013 / 7А",
                    "",
                    "gifted",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "ожидает пары",
                ],
                &[
                    "4",
                    "Орлов Олег Олегович",
                    "",
                    "2010 / 16 Ж",
                    "",
                    "проявившие выдающиеся способности",
                ],
                &[
                    "5",
                    "Орлов Глеб Олегович",
                    "",
                    "в прошлом веке",
                    "",
                    "невесть что",
                    "",
                    "",
                    "",
                    "32.13.2025",
                ],
            ],
        );
        let a = analyze_ok(ListKind::Mentees, &rows, &opts());
        let column = |c: usize| format!("«{}» ({})", MENTEE_HEADERS[c], column_letter(c));
        assert_eq!(
            a.problems
                .iter()
                .map(|p| (p.row, p.column.clone(), p.code))
                .collect::<Vec<_>>(),
            vec![
                (Some(2), Some(column(8)), "imp-consents-ignored"),
                (Some(6), Some(column(3)), "err-grade"),
                (Some(7), Some(column(3)), "imp-birth-year"),
                (Some(7), Some(column(5)), "imp-value-not-in-list"),
                (Some(7), Some(column(9)), "imp-date"),
            ]
        );
        assert_eq!(a.records.len(), 3);
        let teacher = &a.records[0];
        assert_eq!(teacher.person.birth_year, Some(1999));
        assert!(
            matches!(teacher.person.category, Some(Category::Teacher { ref position, .. }) if position == "учитель математики")
        );
        let e = teacher.entry.as_ref().unwrap();
        assert_eq!(e.mentee_category, Some(MenteeCategory::YoungSpecialist));
        assert_eq!(e.request_source, Some(RequestSource::Questionnaire));
        assert_eq!(e.status, Some(EntryStatus::InPair));
        assert_eq!(e.entry_date, Some(day(2025, 10, 1)));
        assert_eq!(e.request, "планирование уроков, работа с родителями");
        let pupil = &a.records[1];
        assert_eq!(pupil.person.birth_year, Some(2011));
        assert_eq!(pupil.person.category, student(9, Some("Б")));
        assert_eq!(
            pupil.person.phone.as_deref(),
            Some("+79000000003"),
            "contacts without a name stay the entry's"
        );
        assert_eq!(pupil.person.guardian, None);
        let e = pupil.entry.as_ref().unwrap();
        assert_eq!(e.form, Some(Form::TeacherStudent));
        assert_eq!(e.request_source, Some(RequestSource::Parents));
        assert_eq!(e.counterpart, "Хабибуллина А. И., учитель информатики");
        assert_eq!(e.status, None);
        let sister = &a.records[2].person;
        assert_eq!(sister.category, student(7, Some("А")));
        let g = sister.guardian.as_ref().unwrap();
        assert_eq!(g.name.full(), "Кузнецова Анна Павловна");
        assert_eq!(g.relation, "мать");
        assert_eq!(
            (g.phone.as_deref(), g.email.as_deref()),
            (Some("+79000000004"), Some("anna@mail.ru"))
        );
        assert_eq!(sister.phone, None);
    }

    #[test]
    fn a_long_list_is_checked_in_two_halves_and_reported_as_one() {
        // Above PARALLEL_ROWS the rows are checked on two threads: a duplicate across the
        // halves, the first stray cell and every row's problems come out in file order.
        let names = ["Иван", "Пётр", "Олег", "Антон", "Глеб", "Илья", "Марк", "Лев"];
        let fathers = [
            "Ильич",
            "Петрович",
            "Олегович",
            "Антонович",
            "Глебович",
            "Семёнович",
            "Маркович",
            "Львович",
        ];
        let mut table: Vec<Vec<String>> = vec![
            ["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "ФИО родителя"]
                .map(String::from)
                .to_vec(),
        ];
        for n in 0..6_000usize {
            let day = n / 64;
            table.push(vec![
                "Орлов".into(),
                names[n % 8].into(),
                fathers[(n / 8) % 8].into(),
                format!("{:02}.{:02}.2012", 1 + day % 28, 1 + day / 28),
                "7А".into(),
                "Орлова Анна Ивановна".into(),
            ]);
        }
        table[5_500] = table[2].clone();
        table[4_000][4] = "7Ы9".into();
        table[3_500].push("лишнее".into());
        table[5_800].push("лишнее".into());
        let refs: Vec<Vec<&str>> = table.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        let rows = sheet(&slices);
        let a = analyze_ok(ListKind::Students, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(3_501), None, "imp-beyond-header"),
                (Some(4_001), Some("«Класс» (E)"), "imp-class"),
                (Some(5_501), Some("«Фамилия» (A)"), "imp-duplicate-in-file"),
            ]
        );
        assert_eq!(a.problems[2].arg("row"), Some("3"));
        assert_eq!(a.records.len(), 5_998);
        assert_eq!(a.records[0].person.name.last(), "Орлов");
    }

    #[test]
    fn base_rows_that_only_name_the_person() {
        let rows = sheet(&[
            &[
                "ФИО",
                "Дата рождения",
                "Год рождения",
                "Категория",
                "Место работы",
                "Контакты",
                "Статус",
            ],
            &[
                "Орлова Анна Петровна",
                "",
                "1990",
                "",
                "",
                "звонить вечером",
                "ожидает пары",
            ],
            &["Орлов Пётр Ильич", "", "2010", "обучающиеся", "", "", ""],
            &["Орлов Илья Ильич", "", "", "педагоги и специалисты", "", "", ""],
            &[
                "Орлов Олег Ильич",
                "03.04.1985",
                "1986",
                "ветераны педагогического труда",
                "",
                "",
                "",
            ],
            &["Орлов Глеб Ильич", "", "", "ветераны", "", "", "уволен"],
        ]);
        let a = analyze_ok(ListKind::Mentors, &rows, &opts());
        assert_eq!(
            found(&a),
            vec![
                (Some(2), Some("«Контакты» (F)"), "imp-contacts-unrecognized"),
                (Some(2), Some("«Категория» (D)"), "imp-base-no-category"),
                (Some(3), Some("«Место работы» (E)"), "imp-base-no-class"),
                (Some(4), Some("«Место работы» (E)"), "imp-base-no-workplace"),
                (Some(5), Some("«Год рождения» (C)"), "imp-birth-year-mismatch"),
                (Some(6), Some("«Статус» (G)"), "imp-value-not-in-list"),
            ]
        );
        assert_eq!(
            a.problems[2].arg("category"),
            Some("обучающиеся, мотивированные помочь сверстникам")
        );
        assert!(a.problems[5].arg("expected").unwrap().contains("«архив, выбыл»"));
        assert_eq!(a.records.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert!(a.records.iter().all(|r| r.person.category.is_none()));
        assert_eq!(a.records[0].entry.as_ref().unwrap().status, Some(EntryStatus::InBase));
        assert_eq!(a.records[1].person.birth_year, Some(2010));
        // Without a category column nothing is said about categories.
        let rows = sheet(&[&["ФИО наставника", "Год рождения"], &["Орлова Анна Петровна", "1990"]]);
        let a = analyze_ok(ListKind::Mentors, &rows, &opts());
        assert_eq!(a.problems, vec![]);
        assert_eq!(a.records[0].person.birth_year, Some(1990));
    }

    #[test]
    fn cells_as_text() {
        assert_eq!(Value::Number(79161234567.0).text(), "79161234567");
        assert_eq!(Value::Number(12.5).text(), "12.5");
        assert_eq!(Value::Bool(true).text(), "да");
        assert_eq!(Value::Date(day(2012, 9, 1)).text(), "01.09.2012");
        assert_eq!(Value::Text("  7А \u{a0}".into()).text(), "7А");
        assert!(Value::Text(" ".into()).is_empty());
        assert_eq!(ListKind::from_code("staff"), Some(ListKind::Staff));
        assert_eq!(ListKind::from_code("pupils"), None);
    }

    #[test]
    fn contacts_cells_are_split() {
        let c = parse_contacts("Иванова Мария Петровна, мать, тел. 8 (916) 123-45-67; ivanova@mail.ru");
        assert_eq!(c.phone.as_deref(), Some("8 (916) 123-45-67"));
        assert_eq!(c.email.as_deref(), Some("ivanova@mail.ru"));
        assert_eq!(c.name.as_deref(), Some("Иванова Мария Петровна"));
        assert_eq!(c.relation, Some("мать"));
        assert!(!c.extra);
        let c = parse_contacts("+7 900 000-00-01 +7 900 000-00-02, звонить после 18:00");
        assert_eq!(c.phone.as_deref(), Some("+7 900 000-00-01"));
        assert!(c.extra);
        assert_eq!(c.name, None);
        assert_eq!(parse_contacts("звонить классному руководителю").phone, None);
    }

    #[test]
    fn headers_match_the_export_of_the_bases() {
        let bases = include_str!("../../documents/src/kinds/bases.rs");
        for h in MENTOR_HEADERS.iter().chain(&MENTEE_HEADERS) {
            assert!(
                bases.contains(&format!("(\"{h}\", ")) || bases.contains(&format!("\"{h}\",\n")),
                "{h}"
            );
        }
        for kind in ListKind::ALL {
            assert_eq!(ListKind::from_code(kind.code()), Some(kind));
            let synonyms = Synonyms::new(kind);
            for h in kind.headers() {
                assert!(synonyms.field(h).is_some_and(|f| f != Field::Number), "{kind:?}: {h}");
            }
        }
        assert_eq!(header_key("№ п/п"), "номер п п");
        assert_eq!(header_key(" 3) Ф.И.О.*"), "ф и о");
        assert_eq!(header_key("E-mail"), "e mail");
    }

    #[test]
    fn every_import_message_exists_and_is_used() {
        let src = include_str!("roster.rs");
        let mut used: Vec<String> = src
            .match_indices("\"imp-")
            .map(|(i, _)| src[i + 1..].chars().take_while(|c| *c != '"').collect::<String>())
            .filter(|code| code.len() > "imp-".len())
            .collect();
        used.sort();
        used.dedup();
        let mut defined: Vec<String> = IMPORT_FTL
            .lines()
            .filter(|l| l.starts_with("imp-"))
            .map(|l| l.split(" =").next().unwrap_or("").to_string())
            .collect();
        defined.sort();
        assert_eq!(used, defined);
        assert!(
            IMPORT_FTL
                .lines()
                .all(|l| l.starts_with("imp-") || l.starts_with('#') || l.starts_with(' ') || l.is_empty())
        );
        for line in MAIN_FTL.lines() {
            assert!(!line.starts_with("imp-"), "ids must not collide: {line}");
        }
    }

    /// 100,000 pupils: run `cargo test --release -p domain hundred_thousand -- --nocapture`
    /// for the time.
    #[test]
    fn hundred_thousand_rows() {
        const LAST: [&str; 50] = [
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Васильев",
            "Петров",
            "Соколов",
            "Михайлов",
            "Новиков",
            "Фёдоров",
            "Морозов",
            "Волков",
            "Алексеев",
            "Лебедев",
            "Семёнов",
            "Егоров",
            "Павлов",
            "Козлов",
            "Степанов",
            "Николаев",
            "Орлов",
            "Андреев",
            "Макаров",
            "Никитин",
            "Захаров",
            "Зайцев",
            "Соловьёв",
            "Борисов",
            "Яковлев",
            "Григорьев",
            "Романов",
            "Воробьёв",
            "Сергеев",
            "Кузьмин",
            "Фролов",
            "Александров",
            "Дмитриев",
            "Королёв",
            "Гусев",
            "Киселёв",
            "Ильин",
            "Максимов",
            "Поляков",
            "Сорокин",
            "Виноградов",
            "Ковалёв",
            "Белов",
            "Медведев",
            "Антонов",
            "Тарасов",
        ];
        const FIRST: [&str; 40] = [
            "Александр",
            "Максим",
            "Артём",
            "Михаил",
            "Иван",
            "Даниил",
            "Дмитрий",
            "Кирилл",
            "Андрей",
            "Егор",
            "Никита",
            "Илья",
            "Алексей",
            "Матвей",
            "Тимофей",
            "Роман",
            "Владимир",
            "Ярослав",
            "Фёдор",
            "Георгий",
            "Константин",
            "Лев",
            "Николай",
            "Степан",
            "Марк",
            "Павел",
            "Арсений",
            "Денис",
            "Тимур",
            "Глеб",
            "Семён",
            "Савелий",
            "Пётр",
            "Григорий",
            "Богдан",
            "Юрий",
            "Олег",
            "Вадим",
            "Леонид",
            "Виктор",
        ];
        const PATRONYMIC: [&str; 50] = [
            "Александрович",
            "Максимович",
            "Артёмович",
            "Михайлович",
            "Иванович",
            "Даниилович",
            "Дмитриевич",
            "Кириллович",
            "Андреевич",
            "Егорович",
            "Никитич",
            "Ильич",
            "Алексеевич",
            "Матвеевич",
            "Тимофеевич",
            "Романович",
            "Владимирович",
            "Ярославович",
            "Фёдорович",
            "Георгиевич",
            "Константинович",
            "Львович",
            "Николаевич",
            "Степанович",
            "Маркович",
            "Павлович",
            "Арсеньевич",
            "Денисович",
            "Тимурович",
            "Глебович",
            "Семёнович",
            "Савельевич",
            "Петрович",
            "Григорьевич",
            "Богданович",
            "Юрьевич",
            "Олегович",
            "Вадимович",
            "Леонидович",
            "Викторович",
            "Сергеевич",
            "Евгеньевич",
            "Борисович",
            "Антонович",
            "Вячеславович",
            "Игоревич",
            "Олегович",
            "Витальевич",
            "Аркадьевич",
            "Эдуардович",
        ];
        let mut rows = sheet(&[&[
            "№",
            "Фамилия",
            "Имя",
            "Отчество",
            "Дата рождения",
            "Класс",
            "Телефон",
            "ФИО родителя",
            "Телефон родителя",
        ]]);
        let mut n = 0;
        for last in LAST {
            for first in FIRST {
                for patronymic in PATRONYMIC {
                    n += 1;
                    let grade = 5 + n % 7;
                    let birth = format!("{:02}.{:02}.{}", 1 + n % 28, 1 + n % 12, 2025 - grade - 6);
                    let phone = Value::Number(79_160_000_000.0 + n as f64);
                    rows.push(SourceRow {
                        number: n + 1,
                        cells: vec![
                            Value::Number(n as f64),
                            cell(last),
                            cell(first),
                            cell(patronymic),
                            cell(&birth),
                            cell(&format!("{grade}{}", ["А", "Б", "В"][n % 3])),
                            phone,
                            cell(&format!("{last}а Ольга Петровна")),
                            cell("8 (916) 123-45-67"),
                        ],
                    });
                }
            }
        }
        let started = std::time::Instant::now();
        let a = analyze(ListKind::Students, &rows, &opts());
        let elapsed = started.elapsed();
        eprintln!("100,000 rows analyzed in {elapsed:?}");
        let dups = a.problems.iter().filter(|p| p.code == "imp-duplicate-in-file").count();
        assert_eq!(
            a.problems.len(),
            dups,
            "{:?}",
            a.problems.iter().find(|p| p.code != "imp-duplicate-in-file")
        );
        assert_eq!(a.records.len() + dups, 100_000);
        assert!(
            std::mem::size_of::<Record>() <= 360,
            "{}",
            std::mem::size_of::<Record>()
        );
    }
}
