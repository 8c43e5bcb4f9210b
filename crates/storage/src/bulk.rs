//! Multi-row inserts for seeding and imports: hundreds of rows per statement on either backend.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use crate::{Db, Result, StorageError};

/// One column value of a row given to [`insert_rows`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer (or NULL).
    Int(Option<i64>),
    /// Text (or NULL).
    Text(Option<String>),
    /// A boolean.
    Bool(bool),
    /// A date (or NULL).
    Date(Option<NaiveDate>),
    /// A moment.
    Time(DateTime<Utc>),
}

/// Most parameters bound in one statement (SQLite allows 32 766, PostgreSQL 65 535).
const MAX_PARAMS: usize = 30_000;
/// Most rows in one statement.
const MAX_ROWS: usize = 500;

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// Inserts `rows` into `table` with multi-row `INSERT … VALUES … RETURNING id` statements of up
/// to 500 rows and returns the new ids in the order of `rows`.
///
/// `table` and `columns` are SQL identifiers from the caller's code (lowercase ASCII letters and
/// `_`), never user input; every value is bound. Both backends draw the ids of one statement in
/// the order of its rows, so the sorted ids of a statement line up with its rows.
pub async fn insert_rows(db: &mut impl Db, table: &str, columns: &[&str], rows: Vec<Vec<Value>>) -> Result<Vec<i64>> {
    if !is_identifier(table) || columns.is_empty() || !columns.iter().all(|c| is_identifier(c)) {
        return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
            "bad bulk insert into {table:?}"
        ))));
    }
    if rows.iter().any(|r| r.len() != columns.len()) {
        return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
            "bulk insert into {table}: every row needs {} values",
            columns.len()
        ))));
    }
    let per_statement = (MAX_PARAMS / columns.len()).clamp(1, MAX_ROWS);
    let head = format!("INSERT INTO {table} ({}) ", columns.join(", "));
    let mut ids = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let mut got: Vec<i64> = with_db!(db, c => {
            let mut qb = QueryBuilder::new(head.as_str());
            qb.push_values(chunk, |mut b, row| {
                for v in row {
                    match v {
                        Value::Int(x) => b.push_bind(x),
                        Value::Text(x) => b.push_bind(x),
                        Value::Bool(x) => b.push_bind(x),
                        Value::Date(x) => b.push_bind(x),
                        Value::Time(x) => b.push_bind(x),
                    };
                }
            });
            qb.push(" RETURNING id");
            qb.build_query_scalar().fetch_all(&mut *c).await?
        });
        got.sort_unstable();
        ids.extend(got);
    }
    Ok(ids)
}
