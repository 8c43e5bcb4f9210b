//! Storage errors: what went wrong in the database, without HTTP or user text.

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The URL names no supported database.
    #[error("unsupported database URL scheme in {0:?}: use sqlite:PATH or postgres://USER@HOST/DB")]
    UnknownScheme(String),
    /// A unique constraint was hit (`constraint` names it).
    #[error("unique constraint {constraint} violated")]
    Duplicate {
        /// Constraint or index name.
        constraint: String,
    },
    /// A row that must exist does not (or belongs to another organization).
    #[error("not found")]
    NotFound,
    /// Stored data could not be decoded into a domain value.
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Migration failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StorageError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Duplicate {
                // SQLite names the columns, PostgreSQL the index.
                constraint: db
                    .constraint()
                    .map(str::to_string)
                    .unwrap_or_else(|| db.message().to_string()),
            },
            _ => Self::Database(e),
        }
    }
}
