//! Writing entries: one or many at a time, a status, a pair's other side, the answers of a
//! questionnaire.

use chrono::{DateTime, Utc};

use super::EntryFields;
use crate::bulk::{Value, insert_rows, update_rows};
use crate::{Db, Result, with_db};

const ENTRY_FIELDS: [&str; 15] = [
    "status",
    "category",
    "teacher",
    "sensitive",
    "request",
    "competences",
    "request_source",
    "form",
    "entry_date",
    "agreement",
    "trained",
    "counterpart",
    "program_dates",
    "results",
    "case_link",
];

fn values(f: &EntryFields) -> Vec<Value> {
    vec![
        Value::Text(Some(f.status.clone())),
        Value::Text(f.category.clone()),
        Value::Bool(f.teacher),
        Value::Bool(f.sensitive),
        Value::Text(Some(f.request.clone())),
        Value::Text(Some(f.competences.clone())),
        Value::Text(f.request_source.clone()),
        Value::Text(f.form.clone()),
        Value::Date(f.entry_date),
        Value::Text(Some(f.agreement.clone())),
        Value::Text(Some(f.trained.clone())),
        Value::Text(Some(f.counterpart.clone())),
        Value::Text(Some(f.program_dates.clone())),
        Value::Text(Some(f.results.clone())),
        Value::Text(Some(f.case_link.clone())),
    ]
}

/// Where new entries go: the school, its region, the year and the base.
#[derive(Debug, Clone, Copy)]
pub struct EntryPlace<'a> {
    /// School.
    pub org_id: i64,
    /// Region (shard key).
    pub region_id: i64,
    /// Academic year.
    pub start_year: i64,
    /// `mentors` or `mentees`.
    pub base: &'a str,
}

/// Inserts entries for `(person, fields)` in multi-row statements; ids in the same order.
pub async fn insert_many(
    db: &mut impl Db,
    at: EntryPlace<'_>,
    rows: impl IntoIterator<Item = (i64, EntryFields)>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    let mut columns = vec!["org_id", "region_id", "start_year", "base", "person_id"];
    columns.extend(ENTRY_FIELDS);
    columns.extend(["created_at", "updated_at"]);
    let rows = rows.into_iter().map(|(person, f)| {
        let mut v = vec![
            Value::Int(Some(at.org_id)),
            Value::Int(Some(at.region_id)),
            Value::Int(Some(at.start_year)),
            Value::Text(Some(at.base.to_string())),
            Value::Int(Some(person)),
        ];
        v.extend(values(&f));
        v.extend([Value::Time(now), Value::Time(now)]);
        v
    });
    insert_rows(db, "base_entries", &columns, rows).await
}

/// Rewrites the curator's fields of an entry of a school.
pub async fn update(db: &mut impl Db, org: i64, id: i64, f: &EntryFields, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE base_entries SET status = $3, category = $4, teacher = $5, sensitive = $6, request = $7, competences = $8, \
         request_source = $9, form = $10, entry_date = $11, agreement = $12, trained = $13, counterpart = $14, \
         program_dates = $15, results = $16, case_link = $17, updated_at = $18 WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).bind(&f.status).bind(&f.category).bind(f.teacher).bind(f.sensitive).bind(&f.request)
        .bind(&f.competences).bind(&f.request_source).bind(&f.form).bind(f.entry_date).bind(&f.agreement)
        .bind(&f.trained).bind(&f.counterpart).bind(&f.program_dates).bind(&f.results).bind(&f.case_link).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Rewrites the curator's fields of many entries of a school, `(entry, fields)`, in
/// multi-row statements; the number of entries changed.
pub async fn update_many(
    db: &mut impl Db,
    org: i64,
    rows: impl IntoIterator<Item = (i64, EntryFields)>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut columns = vec!["id"];
    columns.extend(ENTRY_FIELDS);
    let set: Vec<String> = ENTRY_FIELDS.iter().map(|c| format!("{c} = v.{c}")).collect();
    let set: Vec<&str> = set.iter().map(String::as_str).collect();
    let rows = rows.into_iter().map(|(id, f)| {
        let mut v = vec![Value::Int(Some(id))];
        v.extend(values(&f));
        v
    });
    update_rows(db, "base_entries", org, &columns, &set, rows, now).await
}

/// Sets the status of an entry of a school.
pub async fn set_status(db: &mut impl Db, org: i64, id: i64, status: &str, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE base_entries SET status = $3, updated_at = $4 WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).bind(status).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// Marks a person's entry of a base and year «в паре/группе» with the other side's names
/// (the «ФИО наставника/наставляемого» column); false when the person has no entry there.
pub async fn set_paired(
    db: &mut impl Db,
    (org, start_year, base): (i64, i64, &str),
    person: i64,
    counterpart: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE base_entries SET status = 'in_pair', counterpart = $1, updated_at = $2 \
         WHERE org_id = $3 AND start_year = $4 AND base = $5 AND person_id = $6")
        .bind(counterpart).bind(now).bind(org).bind(start_year).bind(base).bind(person)
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// What questionnaire answers write into an entry.
#[derive(Debug, Clone)]
pub struct AnswerColumns<'a> {
    /// The answers (JSON).
    pub answers: &'a str,
    /// Основной запрос.
    pub request: &'a str,
    /// Ключевые компетенции.
    pub competences: &'a str,
    /// Form code, when the answers name one (kept otherwise).
    pub form: Option<&'a str>,
    /// Ready for remote (online or mixed) mentoring.
    pub remote: bool,
}

/// Stores questionnaire answers and what they fill in the entry's columns; the request's
/// source becomes «анкетирование» unless another one is recorded.
pub async fn save_answers(
    db: &mut impl Db,
    org: i64,
    id: i64,
    a: &AnswerColumns<'_>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE base_entries SET answers = $3, request = $4, competences = $5, form = COALESCE($6, form), \
         remote = $7, request_source = COALESCE(request_source, 'questionnaire'), answered_at = $8, updated_at = $8 \
         WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).bind(a.answers).bind(a.request).bind(a.competences).bind(a.form).bind(a.remote).bind(now)
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}
