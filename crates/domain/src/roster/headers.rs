//! The headers the import recognizes — our own export of the bases and the ways school
//! systems and hand-made Excel files write them — and the header row as mapped to fields.

use std::collections::HashMap;

use crate::search::search_key;
use crate::sheet::column_letter;

use super::types::{ListKind, SourceRow};

/// The headers of the base of mentors as `documents::kinds::bases::MENTOR_COLUMNS` writes
/// them (a test checks they stay equal).
pub(super) const MENTOR_HEADERS: [&str; 16] = [
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
pub(super) const MENTEE_HEADERS: [&str; 16] = [
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
pub(super) enum Field {
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

/// Number of [`Field`]s: the size of the tables indexed by field.
pub(super) const FIELD_COUNT: usize = Field::EntryDate as usize + 1;

impl Field {
    /// The longest text a cell of this column may hold: as long as the form's field for it
    /// (a free-text answer for a request, results and the like, a short field otherwise).
    pub(super) fn max_chars(self) -> usize {
        match self {
            Self::Request | Self::Results | Self::Competences | Self::Subjects | Self::Contacts | Self::Counterpart => {
                crate::questionnaire::MAX_TEXT
            }
            _ => crate::category::MAX_TEXT,
        }
    }

    /// The code [`Analysis::columns`] shows; the «№» column is not loaded.
    pub(super) fn code(self) -> Option<&'static str> {
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
pub const HEADER_SEARCH: usize = 30;

/// Folds a header: `search_key`, «№» as a word, punctuation and «*» dropped, leading
/// numbering («1.», «2)») dropped.
pub(super) fn header_key(raw: &str) -> String {
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

/// The known headers of one kind of list, folded by [`header_key`].
pub(super) struct Synonyms {
    exact: HashMap<String, Field>,
    /// Long labels, longest first.
    prefix: Vec<(String, Field)>,
}

impl Synonyms {
    /// The synonyms of `kind`: its own list first, then those every list shares.
    pub(super) fn new(kind: ListKind) -> Self {
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

    /// The field a header names: an exact match, else a long known label it begins with.
    pub(super) fn field(&self, header: &str) -> Option<Field> {
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

/// «Фамилия», «Имя», …
pub(super) fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
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
pub(super) struct Layout {
    pub(super) kind: ListKind,
    pub(super) headers: Vec<String>,
    pub(super) fields: Vec<Option<Field>>,
    pub(super) cols: [Option<usize>; FIELD_COUNT],
}

impl Layout {
    /// The column of a field, if the header row has it.
    pub(super) fn col(&self, f: Field) -> Option<usize> {
        self.cols[f as usize]
    }

    /// «Дата рождения» (C).
    pub(super) fn label(&self, col: usize) -> String {
        format!(
            "«{}» ({})",
            self.headers.get(col).map_or("", String::as_str),
            column_letter(col)
        )
    }

    /// The headers of the file, quoted, for the message about a missing column.
    pub(super) fn found(&self) -> String {
        quoted_list(self.headers.iter().map(String::as_str).filter(|h| !h.is_empty()))
    }

    /// The row has a value in a column that is loaded.
    pub(super) fn has_data(&self, row: &SourceRow) -> bool {
        row.cells
            .iter()
            .zip(&self.fields)
            .any(|(v, f)| f.is_some_and(|f| f != Field::Number) && !v.is_empty())
    }

    /// First column with a value but no header.
    pub(super) fn stray(&self, row: &SourceRow) -> Option<usize> {
        row.cells
            .iter()
            .enumerate()
            .find(|(i, v)| self.headers.get(*i).is_none_or(|h| h.is_empty()) && !v.is_empty())
            .map(|(i, _)| i)
    }
}
