//! What can go wrong when a document is made, in words a curator understands.

/// An error of the documents crate; its text is Russian and names the field or the file part.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// A required field is missing or empty.
    #[error("не заполнено обязательное поле {field} ({label}): впишите его в данные документа")]
    Missing {
        /// JSON path of the field.
        field: String,
        /// What the field is, in Russian.
        label: String,
    },
    /// A field has a value the document cannot use.
    #[error("поле {field}: {problem}")]
    Invalid {
        /// JSON path of the field.
        field: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
    /// The JSON data does not read.
    #[error("данные документа не читаются: {0}")]
    Data(String),
    /// No such kind of document.
    #[error("неизвестный вид документа «{0}»; список видов: nastavnik document kinds")]
    UnknownKind(String),
    /// The kind is not produced in that format.
    #[error("документ «{kind}» не выпускается в формате {format}; доступно: {available}")]
    Format {
        /// The kind.
        kind: String,
        /// The asked format.
        format: String,
        /// The formats the kind has.
        available: String,
    },
    /// A school's DOCX blank cannot be used.
    #[error("бланк школы не подходит: {0}")]
    Template(String),
    /// Writing the file failed (a bug, not the user's data).
    #[error("не удалось записать документ: {0}")]
    Write(String),
}

impl DocumentError {
    /// A missing required field.
    pub fn missing(field: &str, label: &str) -> Self {
        DocumentError::Missing {
            field: field.into(),
            label: label.into(),
        }
    }

    /// A field with a bad value.
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        DocumentError::Invalid {
            field: field.into(),
            problem: problem.into(),
        }
    }
}
