//! What a caller of the import hands in (cells, rows, options) and gets back (records and
//! problems): the public face of `roster`, kept apart from the reading rules.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use crate::base::{BaseKind, EntryStatus, Form, MenteeCategory, MentorCategory, RequestSource};
use crate::category::Category;
use crate::name::FullName;

use super::headers::{MENTEE_HEADERS, MENTOR_HEADERS};

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
    /// Row numbers hidden in the workbook, in order.
    pub hidden_rows: Vec<usize>,
    /// 0-based columns hidden in the workbook, in order.
    pub hidden_columns: Vec<usize>,
}

impl Options {
    /// Dates from 1900, no formulas.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            date1904: false,
            formulas: Vec::new(),
            hidden_rows: Vec::new(),
            hidden_columns: Vec::new(),
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
    /// Rows with data under the header (the numbering row and empty rows not counted).
    pub data_rows: usize,
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
