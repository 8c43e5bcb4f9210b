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

/// `VALUES (…), (…)` of `rows`, every value bound (the same on either backend's builder).
macro_rules! push_rows {
    ($qb:expr, $rows:expr) => {
        $qb.push_values($rows, |mut b, row| {
            for v in row {
                match v {
                    Value::Int(x) => b.push_bind(x),
                    Value::Text(x) => b.push_bind(x),
                    Value::Bool(x) => b.push_bind(x),
                    Value::Date(x) => b.push_bind(x),
                    Value::Time(x) => b.push_bind(x),
                };
            }
        })
    };
}

/// Every row of a statement has a value for every column.
fn check_widths(what: &str, table: &str, columns: &[&str], rows: &[Vec<Value>]) -> Result<()> {
    if rows.iter().any(|r| r.len() != columns.len()) {
        return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
            "bulk {what} {table}: every row needs {} values",
            columns.len()
        ))));
    }
    Ok(())
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// Inserts `rows` into `table` with multi-row `INSERT … VALUES … RETURNING id` statements of up
/// to 500 rows and returns the new ids in the order of `rows`.
///
/// `table` and `columns` are SQL identifiers from the caller's code (lowercase ASCII letters and
/// `_`), never user input; every value is bound. Both backends draw the ids of one statement in
/// the order of its rows, so the sorted ids of a statement line up with its rows.
pub async fn insert_rows(
    db: &mut impl Db,
    table: &str,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<Value>>,
) -> Result<Vec<i64>> {
    if !is_identifier(table) || columns.is_empty() || !columns.iter().all(|c| is_identifier(c)) {
        return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
            "bad bulk insert into {table:?}"
        ))));
    }
    let per_statement = (MAX_PARAMS / columns.len()).clamp(1, MAX_ROWS);
    let head = format!("INSERT INTO {table} ({}) ", columns.join(", "));
    // SQLite: a conflict fails the statement without undoing the rows it wrote (the caller's
    // transaction is rolled back on the error anyway), so SQLite keeps no statement journal.
    let head_sqlite = format!("INSERT OR FAIL INTO {table} ({}) ", columns.join(", "));
    let rows = rows.into_iter();
    let mut ids = Vec::with_capacity(rows.size_hint().0);
    // Rows are taken a statement's worth at a time: a caller's rows need not all be in
    // memory at once.
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        check_widths("insert into", table, columns, &chunk)?;
        let mut got: Vec<i64> = match db.exec() {
            crate::Exec::Sqlite(c) => {
                let mut qb = QueryBuilder::new(head_sqlite.as_str());
                push_rows!(qb, chunk);
                qb.push(" RETURNING id");
                qb.build_query_scalar().fetch_all(&mut *c).await?
            }
            crate::Exec::Postgres(c) => {
                let mut qb = QueryBuilder::new(head.as_str());
                push_rows!(qb, chunk);
                qb.push(" RETURNING id");
                qb.build_query_scalar().fetch_all(&mut *c).await?
            }
        };
        got.sort_unstable();
        ids.extend(got);
    }
    Ok(ids)
}

/// Updates rows of one school's `table` by id with multi-row statements of up to 500 rows:
/// `WITH v (id, …) AS (VALUES …) UPDATE table AS t SET … FROM v WHERE t.org_id = $org AND
/// t.id = v.id`, and `updated_at` set to `now`. Returns the rows changed.
///
/// `columns` name the values of each row, `id` first; `set` are the assignments, written
/// over `t` (the row as it is) and `v` (the row's values): `phone = COALESCE(v.phone,
/// t.phone)`. Both come from the caller's code, never from user input; every value is bound.
pub async fn update_rows(
    db: &mut impl Db,
    table: &str,
    org: i64,
    columns: &[&str],
    set: &[&str],
    rows: impl IntoIterator<Item = Vec<Value>>,
    now: DateTime<Utc>,
) -> Result<u64> {
    if !is_identifier(table)
        || columns.first() != Some(&"id")
        || !columns.iter().all(|c| is_identifier(c))
        || set.is_empty()
    {
        return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
            "bad bulk update of {table:?}"
        ))));
    }
    let per_statement = (MAX_PARAMS / columns.len()).clamp(1, MAX_ROWS);
    let head = format!("WITH v ({}) AS (", columns.join(", "));
    let tail = format!(") UPDATE {table} AS t SET {}, updated_at = ", set.join(", "));
    // No statement journal on SQLite, as in `insert_rows`.
    let tail_sqlite = format!(") UPDATE OR FAIL {table} AS t SET {}, updated_at = ", set.join(", "));
    let mut changed = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        check_widths("update of", table, columns, &chunk)?;
        let tail = match db.exec() {
            crate::Exec::Sqlite(_) => tail_sqlite.as_str(),
            crate::Exec::Postgres(_) => tail.as_str(),
        };
        changed += with_db!(db, c => {
            let mut qb = QueryBuilder::new(head.as_str());
            push_rows!(qb, chunk);
            qb.push(tail);
            qb.push_bind(now);
            qb.push(" FROM v WHERE t.org_id = ");
            qb.push_bind(org);
            qb.push(" AND t.id = v.id");
            qb.build().execute(&mut *c).await?.rows_affected()
        });
    }
    Ok(changed)
}
