//! The kinds of documents, each a view model with its checks, layout and placeholders.

mod awards;
pub(crate) mod bases;
mod orders;
mod position;
mod program;
mod reports;
mod roadmap;

use serde::de::DeserializeOwned;

use crate::layout::Layout;
use crate::{DocumentError, Fields, Format, KindInfo, parse};

const TEXT: &[Format] = &[Format::Docx, Format::Pdf];
const TEXT_AND_TABLE: &[Format] = &[Format::Docx, Format::Pdf, Format::Xlsx];
const TABLE: &[Format] = &[Format::Xlsx];
const PRINT: &[Format] = &[Format::Pdf];

/// A document built from a view model.
pub(crate) trait Document: DeserializeOwned {
    /// Checks required fields and values, naming the first bad one.
    fn check(&self) -> Result<(), DocumentError>;
    /// The page layout (DOCX and PDF).
    fn layout(&self) -> Result<Layout, DocumentError>;
    /// Placeholder values for a school's blank.
    fn fields(&self) -> Fields;
    /// The XLSX workbook, for kinds that have one.
    fn xlsx(&self) -> Result<Vec<u8>, DocumentError> {
        Err(DocumentError::Write("xlsx".into()))
    }
    /// The PDF, when it is not typeset from the layout (certificates).
    fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        crate::pdf::write(&self.layout()?)
    }
}

macro_rules! kinds {
    ($($code:literal => $ty:ty, $title:literal, $formats:expr;)*) => {
        pub(crate) static ALL: &[KindInfo] = &[
            $(KindInfo {
                code: $code,
                title: $title,
                formats: $formats,
                sample: include_str!(concat!("../../samples/", $code, ".json")),
            },)*
        ];

        pub(crate) fn render(code: &str, json: &[u8], format: Format, blank: Option<&[u8]>) -> Result<Vec<u8>, DocumentError> {
            match code {
                $($code => produce::<$ty>(json, format, blank),)*
                other => Err(DocumentError::UnknownKind(other.to_owned())),
            }
        }

        pub(crate) fn fields(code: &str, json: &[u8]) -> Result<Fields, DocumentError> {
            match code {
                $($code => { let d: $ty = parse(json)?; d.check()?; Ok(d.fields()) })*
                other => Err(DocumentError::UnknownKind(other.to_owned())),
            }
        }
    };
}

kinds! {
    "order_introduce_model" => orders::IntroduceModel, "Приказ о внедрении целевой модели наставничества и назначении куратора", TEXT;
    "order_pairs" => orders::Pairs, "Приказ «Об утверждении наставнических пар/групп»", TEXT;
    "order_mentor_school" => orders::MentorSchool, "Приказ об организации «Школы наставников»", TEXT;
    "order_reward" => orders::Reward, "Приказ о поощрении участников наставнической деятельности", TEXT;
    "position" => position::Position, "Положение о наставничестве", TEXT;
    "roadmap" => roadmap::Roadmap, "Дорожная карта реализации целевой модели наставничества", TEXT_AND_TABLE;
    "personal_program" => program::PersonalProgram, "Персонализированная программа наставничества", TEXT;
    "iom" => program::Iom, "Индивидуальный образовательный маршрут педагога (ИОМ)", TEXT;
    "curator_note" => reports::CuratorNote, "Справка куратора (раз в полгода)", TEXT;
    "results_summary" => reports::ResultsSummary, "Итоги внедрения целевой модели наставничества", TEXT;
    "base_mentors" => bases::Mentors, "База наставников", TABLE;
    "base_mentees" => bases::Mentees, "База наставляемых", TABLE;
    "certificate" => awards::Certificates, "Грамота «Лучший наставник»", PRINT;
    "thanks_letter" => awards::ThanksLetters, "Благодарственное письмо", PRINT;
}

fn produce<D: Document>(json: &[u8], format: Format, blank: Option<&[u8]>) -> Result<Vec<u8>, DocumentError> {
    let doc: D = parse(json)?;
    doc.check()?;
    match (format, blank) {
        (Format::Docx, Some(blank)) => crate::template::fill(blank, &doc.fields()),
        (Format::Docx, None) => crate::docx::write(&doc.layout()?),
        (Format::Pdf, _) => doc.pdf(),
        (Format::Xlsx, _) => doc.xlsx(),
    }
}
