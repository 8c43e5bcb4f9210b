//! The documents of the mentoring model — orders, положение, roadmap, programs, ИОМ,
//! reports, the bases and certificates — written as DOCX, PDF and XLSX from plain view
//! models (JSON), with Russian typography and names in the case each sentence needs.
//! No database, no HTTP: the app layer fills the view models, the CLI renders them by hand.

pub mod chart;
mod common;
pub mod docx;
mod error;
pub mod fields;
mod kinds;
pub mod layout;
pub mod names;
pub mod pdf;
pub mod read;
pub mod template;
pub mod typography;
pub mod xlsx;
mod zipguard;

use std::fmt;

use serde::de::DeserializeOwned;

pub use common::{OrderMeta, Organization, Signatory};
pub use error::DocumentError;
pub use fields::Fields;
pub use kinds::bases::{Base, BaseMeta, BaseRow, MenteeRow, Mentees, MentorRow, Mentors};
pub use layout::Layout;
pub use names::{Case, Gender, Person};
pub use read::{Grid, ReadError, read_book, read_grid};

/// A file format of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word document.
    Docx,
    /// PDF for printing.
    Pdf,
    /// Excel workbook.
    Xlsx,
}

impl Format {
    /// The file extension, also the name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A kind of document: its code, Russian title, formats and a sample view model.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// Code used on the command line and in the API: `order_pairs`.
    pub code: &'static str,
    /// Title in Russian.
    pub title: &'static str,
    /// Formats it is produced in.
    pub formats: &'static [Format],
    /// A complete sample of its JSON view model.
    pub sample: &'static str,
}

/// Every kind of document the engine produces.
pub fn kinds() -> &'static [KindInfo] {
    kinds::ALL
}

/// The kind with `code`.
pub fn kind(code: &str) -> Result<&'static KindInfo, DocumentError> {
    kinds::ALL
        .iter()
        .find(|k| k.code == code)
        .ok_or_else(|| DocumentError::UnknownKind(code.to_owned()))
}

/// Renders a document of `kind` from its JSON view model; with `blank`, a school's DOCX
/// blank is filled instead of the built-in form.
pub fn render(kind: &str, json: &[u8], format: Format, blank: Option<&[u8]>) -> Result<Vec<u8>, DocumentError> {
    let info = self::kind(kind)?;
    if !info.formats.contains(&format) || (blank.is_some() && format != Format::Docx) {
        let available = if blank.is_some() {
            "docx (с бланком школы)".to_owned()
        } else {
            info.formats.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
        };
        return Err(DocumentError::Format {
            kind: kind.to_owned(),
            format: format.name().to_owned(),
            available,
        });
    }
    kinds::render(info.code, json, format, blank)
}

/// The placeholder names a school's blank of `kind` may use, filled from `json`.
pub fn placeholders(kind: &str, json: &[u8]) -> Result<Vec<String>, DocumentError> {
    let info = self::kind(kind)?;
    kinds::fields(info.code, json).map(|f| f.names())
}

/// Reads a view model, naming the field of any error.
pub(crate) fn parse<T: DeserializeOwned>(json: &[u8]) -> Result<T, DocumentError> {
    let de = &mut serde_json::Deserializer::from_slice(json);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let msg = inner.to_string();
        if let Some(rest) = msg.strip_prefix("missing field `") {
            let field = rest.split('`').next().unwrap_or_default();
            let full = if path == "." || path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
            return DocumentError::missing(&full, "обязательное поле");
        }
        let what = match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("ошибка JSON в строке {}, позиция {}", inner.line(), inner.column())
            }
            _ => {
                let hint = if msg.contains("premature end") || msg.contains("input contains invalid characters") {
                    "дата пишется как ГГГГ-ММ-ДД, например 2025-09-01"
                } else if msg.contains("invalid type") {
                    "не тот тип значения (текст, число, список или дата ГГГГ-ММ-ДД)"
                } else if msg.contains("unknown variant") {
                    "такого значения нет в списке допустимых"
                } else {
                    "значение не подходит"
                };
                format!("поле {path}: {hint} ({msg})")
            }
        };
        DocumentError::Data(what)
    })
}
