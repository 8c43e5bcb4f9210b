//! The school's register of orders (table `orders`): a number per school and calendar
//! year, the date, the kind and the signed files.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Db, Result, with_db};

/// An order of the register, without its files.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OrderRow {
    /// Id.
    pub id: i64,
    /// Number within the school's calendar year.
    pub number: i64,
    /// Signed on.
    pub signed_on: NaiveDate,
    /// Kind code (`order_pairs` …, the documents engine's kinds).
    pub kind: String,
}

/// A new order of the register.
pub struct NewOrder<'a> {
    /// Number (see [`next_number`]).
    pub number: i64,
    /// Signed on; its year is the register's year.
    pub signed_on: NaiveDate,
    /// Kind code.
    pub kind: &'a str,
    /// The DOCX file.
    pub docx: &'a [u8],
    /// The PDF file.
    pub pdf: &'a [u8],
}

/// The next number of the school's register in `year`: one after the largest. Taken in
/// the transaction that writes the order; the register's unique key refuses a second
/// writer of the same number.
pub async fn next_number(db: &mut impl Db, org: i64, year: i64) -> Result<i64> {
    let max: Option<i64> = with_db!(db, c => sqlx::query_scalar(
        "SELECT MAX(number) FROM orders WHERE org_id = $1 AND year = $2")
        .bind(org).bind(year).fetch_one(&mut *c).await?);
    Ok(max.unwrap_or(0) + 1)
}

/// Writes an order; its id.
pub async fn insert(
    db: &mut impl Db,
    (org, user): (i64, Option<i64>),
    o: &NewOrder<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    use chrono::Datelike;
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO orders (org_id, year, number, signed_on, kind, docx, pdf, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(org).bind(i64::from(o.signed_on.year())).bind(o.number).bind(o.signed_on).bind(o.kind)
        .bind(o.docx).bind(o.pdf).bind(user).bind(now)
        .fetch_one(&mut *c).await?))
}

/// An order of this school.
pub async fn get(db: &mut impl Db, org: i64, id: i64) -> Result<Option<OrderRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, number, signed_on, kind FROM orders WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).fetch_optional(&mut *c).await?))
}

/// The DOCX (`pdf` false) or PDF file of an order of this school.
pub async fn file(db: &mut impl Db, org: i64, id: i64, pdf: bool) -> Result<Option<Vec<u8>>> {
    let sql = if pdf {
        "SELECT pdf FROM orders WHERE org_id = $1 AND id = $2"
    } else {
        "SELECT docx FROM orders WHERE org_id = $1 AND id = $2"
    };
    Ok(with_db!(db, c => sqlx::query_scalar(sql).bind(org).bind(id).fetch_optional(&mut *c).await?))
}
