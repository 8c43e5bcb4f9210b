//! «База наставников» and «база наставляемых» as XLSX in the column order of
//! TEMPLATES.md §1.2; the public (site, municipal) export drops the columns that are not public.

use serde::{Deserialize, Serialize};

use super::Document;
use crate::common::{Organization, require};
use crate::layout::Layout;
use crate::typography::clean;
use crate::xlsx::Sheet;
use crate::{DocumentError, Fields};

/// The common part of both bases.
#[derive(Debug, Deserialize)]
pub struct BaseMeta {
    /// The school (or the municipality for the municipal base).
    pub organization: Organization,
    /// «2025–2026».
    pub year: String,
    /// Only the public columns (for the site and the municipality).
    #[serde(default)]
    pub public: bool,
    /// The filter the list was exported with, printed under the title.
    #[serde(default)]
    pub filter: Option<String>,
}

/// A row of the base of mentors.
#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MentorRow {
    /// ФИО наставника.
    pub full_name: String,
    /// Контактные данные (not public).
    pub contacts: String,
    /// Год рождения (not public).
    pub birth_year: String,
    /// Место работы/учёбы (должность / класс).
    pub workplace: String,
    /// Категория наставника.
    pub category: String,
    /// Ключевые компетенции, достижения.
    pub competences: String,
    /// Согласие на обработку ПД (дата).
    pub pd_consent: String,
    /// Договор о сотрудничестве (внешний наставник).
    pub agreement: String,
    /// Обучение («Школа наставников»).
    pub trained: String,
    /// Форма наставничества.
    pub form: String,
    /// ФИО наставляемых, место учёбы/работы.
    pub mentees: String,
    /// Место и сроки реализации программы.
    pub program_dates: String,
    /// Результаты программы.
    pub results: String,
    /// Ссылка на кейс / отзыв.
    pub case_link: String,
    /// Статус.
    pub status: String,
}

/// A row of the base of mentees.
#[derive(Debug, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MenteeRow {
    /// ФИО наставляемого.
    pub full_name: String,
    /// Контакты (родителей для несовершеннолетних; not public).
    pub contacts: String,
    /// Год рождения / класс (not public).
    pub birth_year: String,
    /// Место учёбы (класс) / работы (должность).
    pub place: String,
    /// Категория наставляемого.
    pub category: String,
    /// Основной запрос.
    pub request: String,
    /// Источник сведений о запросе (not public).
    pub request_source: String,
    /// Согласие на обработку ПД (not public).
    pub pd_consent: String,
    /// Дата вхождения в программу.
    pub entry_date: String,
    /// ФИО наставника, место работы/учёбы.
    pub mentor: String,
    /// Форма наставничества.
    pub form: String,
    /// Место и сроки реализации программы.
    pub program_dates: String,
    /// Результаты программы.
    pub results: String,
    /// Ссылка на кейс / отзыв.
    pub case_link: String,
    /// Статус.
    pub status: String,
}

/// A base: the school, the year and its rows.
#[derive(Debug, Deserialize)]
#[serde(bound = "R: serde::de::DeserializeOwned")]
pub struct Base<R> {
    /// School, year, public flag.
    #[serde(flatten)]
    pub meta: BaseMeta,
    /// Entries.
    pub rows: Vec<R>,
}

/// The base of mentors.
pub type Mentors = Base<MentorRow>;
/// The base of mentees.
pub type Mentees = Base<MenteeRow>;

/// A row of one of the bases: its columns and where it is written.
pub trait BaseRow {
    /// «База наставников».
    const TITLE: &'static str;
    /// Worksheet name.
    const SHEET: &'static str;
    /// What the name column holds, for the message about an empty one.
    const NAME: &'static str;
    /// (header, width, public) in the template's order.
    const COLUMNS: &'static [(&'static str, f64, bool); 16];
    /// The person's full name.
    fn full_name(&self) -> &str;
    /// The 15 cells after «№ п/п», in the template's order.
    fn cells(&self) -> [&str; 15];
}

impl BaseRow for MentorRow {
    const TITLE: &'static str = "База наставников";
    const SHEET: &'static str = "Наставники";
    const NAME: &'static str = "ФИО наставника";
    const COLUMNS: &'static [(&'static str, f64, bool); 16] = &MENTOR_COLUMNS;

    fn full_name(&self) -> &str {
        &self.full_name
    }

    fn cells(&self) -> [&str; 15] {
        [
            &self.full_name,
            &self.contacts,
            &self.birth_year,
            &self.workplace,
            &self.category,
            &self.competences,
            &self.pd_consent,
            &self.agreement,
            &self.trained,
            &self.form,
            &self.mentees,
            &self.program_dates,
            &self.results,
            &self.case_link,
            &self.status,
        ]
    }
}

impl BaseRow for MenteeRow {
    const TITLE: &'static str = "База наставляемых";
    const SHEET: &'static str = "Наставляемые";
    const NAME: &'static str = "ФИО наставляемого";
    const COLUMNS: &'static [(&'static str, f64, bool); 16] = &MENTEE_COLUMNS;

    fn full_name(&self) -> &str {
        &self.full_name
    }

    fn cells(&self) -> [&str; 15] {
        [
            &self.full_name,
            &self.contacts,
            &self.birth_year,
            &self.place,
            &self.category,
            &self.request,
            &self.request_source,
            &self.pd_consent,
            &self.entry_date,
            &self.mentor,
            &self.form,
            &self.program_dates,
            &self.results,
            &self.case_link,
            &self.status,
        ]
    }
}

/// (header, width, public) of the base of mentors, TEMPLATES.md §1.2. The widths (in
/// characters of Arial 10) add up to what prints on two landscape A4 pages across at 9 pt.
pub const MENTOR_COLUMNS: [(&str, f64, bool); 16] = [
    ("№ п/п", 5.0, true),
    ("ФИО наставника", 24.0, true),
    ("Контактные данные для связи", 20.0, false),
    ("Год рождения", 9.0, false),
    ("Место работы/учебы (должность / класс)", 22.0, true),
    ("Категория наставника", 20.0, true),
    ("Ключевые компетенции, достижения", 26.0, true),
    ("Согласие на обработку персональных данных (дата)", 14.0, true),
    ("Договор о сотрудничестве (внешний наставник)", 14.0, true),
    ("Обучение («Школа наставников»)", 12.0, true),
    ("Форма наставничества", 16.0, true),
    ("ФИО наставляемого (наставляемых), место учебы/работы", 28.0, true),
    ("Место и сроки реализации программы", 20.0, true),
    ("Результаты программы", 24.0, true),
    ("Ссылка на кейс / отзыв", 18.0, true),
    ("Статус (текущая / архив)", 12.0, true),
];

/// (header, width, public) of the base of mentees, TEMPLATES.md §1.2.
pub const MENTEE_COLUMNS: [(&str, f64, bool); 16] = [
    ("№ п/п", 5.0, true),
    ("ФИО наставляемого", 24.0, true),
    (
        "Контактные данные для связи (родителей (законных представителей) — для несовершеннолетних)",
        22.0,
        false,
    ),
    ("Год рождения / класс", 9.0, false),
    ("Место учебы (класс) / работы (должность)", 18.0, true),
    ("Категория наставляемого", 20.0, true),
    ("Основной запрос наставляемого", 26.0, true),
    ("Источник сведений о запросе", 14.0, false),
    ("Согласие на обработку ПД (своё / родителя)", 14.0, false),
    ("Дата вхождения в программу", 12.0, true),
    ("ФИО наставника, место работы/учебы наставника", 24.0, true),
    ("Форма наставничества", 16.0, true),
    ("Место и сроки реализации программы", 20.0, true),
    ("Результаты программы", 24.0, true),
    ("Ссылка на кейс / отзыв", 18.0, true),
    ("Статус: ожидает пары / в паре / завершил / выбыл", 14.0, true),
];

impl BaseMeta {
    fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        require(&self.year, "year", "учебный год").map(|_| ())
    }

    fn title(&self, base: &str) -> String {
        format!(
            "{base} {} на {} учебный год",
            clean(&self.organization.short_name),
            clean(&self.year)
        )
    }
}

impl<R: BaseRow + serde::de::DeserializeOwned> Document for Base<R> {
    fn check(&self) -> Result<(), DocumentError> {
        self.meta.check()?;
        for (i, r) in self.rows.iter().enumerate() {
            require(r.full_name(), &format!("rows[{i}].full_name"), R::NAME)?;
        }
        Ok(())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        Err(DocumentError::Format {
            kind: R::TITLE.into(),
            format: "docx/pdf".into(),
            available: "xlsx".into(),
        })
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.meta.organization.fields(&mut f);
        f
    }

    fn xlsx(&self) -> Result<Vec<u8>, DocumentError> {
        let meta = &self.meta;
        let (keep, headers, widths) = self.columns();
        let subtitle = match (&meta.filter, meta.public) {
            (Some(f), _) if !f.trim().is_empty() => Some(format!("Отбор: {}", f.trim())),
            (_, true) => Some("Общедоступные сведения (без контактов, дат рождения и источников запросов)".into()),
            _ => None,
        };
        crate::xlsx::write(&mut Sheet {
            name: R::SHEET,
            title: meta.title(R::TITLE),
            subtitle,
            headers: &headers,
            widths: &widths,
            landscape: true,
            wrap: true,
            // «№ п/п» and the name, so the second page across still says whose row it is.
            key_columns: 2,
            rows: Box::new(self.cells(&keep)),
        })
    }
}

impl<R: BaseRow> Base<R> {
    /// Indices, headers and widths of the columns this export shows (public: fewer).
    fn columns(&self) -> (Vec<usize>, Vec<&'static str>, Vec<f64>) {
        let columns = R::COLUMNS;
        let keep: Vec<usize> = (0..16).filter(|&i| !self.meta.public || columns[i].2).collect();
        let headers = keep.iter().map(|&i| columns[i].0).collect();
        let widths = keep.iter().map(|&i| columns[i].1).collect();
        (keep, headers, widths)
    }

    /// The rows as cell texts, numbered, in the kept columns.
    fn cells<'a>(&'a self, keep: &'a [usize]) -> impl Iterator<Item = Vec<String>> + 'a {
        self.rows.iter().enumerate().map(move |(n, r)| {
            let values = r.cells();
            keep.iter()
                .map(|&i| {
                    if i == 0 {
                        (n + 1).to_string()
                    } else {
                        values[i - 1].to_owned()
                    }
                })
                .collect()
        })
    }

    /// The base as CSV the way Russian Excel opens it by double-click: UTF-8 with a BOM,
    /// `;` between cells, CRLF; a cell that a spreadsheet would run as a formula gets a
    /// leading `'` (`xlsx::csv_text`), a phone or a dash stays as written.
    pub fn csv(&self) -> Result<Vec<u8>, DocumentError> {
        let (keep, headers, _) = self.columns();
        // Sized up front: a base of 100,000 rows is 40 MB of CSV, and growing the buffer by
        // doubling held two copies of it for a moment.
        let size: usize = self
            .rows
            .iter()
            .map(|r| r.cells().iter().map(|c| c.len() + 3).sum::<usize>() + 2)
            .sum();
        let mut out = Vec::with_capacity(size + 4096);
        out.extend_from_slice(b"\xEF\xBB\xBF");
        {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut out);
            let fail = |e: csv::Error| DocumentError::Write(format!("CSV: {e}"));
            w.write_record(&headers).map_err(fail)?;
            for row in self.cells(&keep) {
                w.write_record(row.iter().map(|c| match crate::xlsx::csv_text(c) {
                    std::borrow::Cow::Borrowed(c) => std::borrow::Cow::Borrowed(c.as_bytes()),
                    std::borrow::Cow::Owned(c) => std::borrow::Cow::Owned(c.into_bytes()),
                }))
                .map_err(fail)?;
            }
            w.flush().map_err(|e| DocumentError::Write(format!("CSV: {e}")))?;
        }
        Ok(out)
    }

    /// The base as an XLSX workbook, after the same checks as a rendered document.
    pub fn workbook(&self) -> Result<Vec<u8>, DocumentError>
    where
        R: serde::de::DeserializeOwned,
    {
        self.check()?;
        self.xlsx()
    }
}
