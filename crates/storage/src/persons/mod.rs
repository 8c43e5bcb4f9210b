//! Participants: their rows and fields, written one by one or many at a time; the list,
//! the guardian links and the import's identities live in the submodules.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};

use crate::bulk::{Value, insert_rows, update_rows};
use crate::{Db, Result, with_db};

mod guardians;
mod identities;
mod list;

pub use guardians::*;
pub use identities::*;
pub use list::*;

/// A participant row (the card).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    /// Id.
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// Birth date; `None` where it is not known (a guardian from an imported list).
    pub birth_date: Option<NaiveDate>,
    /// Category.
    #[sqlx(try_from = "String")]
    pub category: domain::CategoryKind,
    /// JSON of the category with its details.
    pub details: String,
    /// Class «7Б» / course / position, for lists.
    pub place: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Student aged 18–19 confirmed by the curator.
    pub age_exception: bool,
    /// Processing consent withdrawn: out of active lists.
    pub withdrawn: bool,
}

/// Fields written on insert and update (borrowed or owned, so a form and an import of
/// thousands of rows use the same shape).
#[derive(Debug, Clone)]
pub struct PersonFields<'a> {
    /// Фамилия.
    pub last_name: Cow<'a, str>,
    /// Имя.
    pub first_name: Cow<'a, str>,
    /// Отчество.
    pub patronymic: Option<Cow<'a, str>>,
    /// Normalized search key.
    pub search_key: Cow<'a, str>,
    /// Birth date, if known.
    pub birth_date: Option<NaiveDate>,
    /// Category.
    pub category: domain::CategoryKind,
    /// Category JSON.
    pub details: Cow<'a, str>,
    /// Class number for filtering.
    pub grade: Option<i64>,
    /// Class/position text.
    pub place: Cow<'a, str>,
    /// Phone.
    pub phone: Option<Cow<'a, str>>,
    /// E-mail.
    pub email: Option<Cow<'a, str>>,
    /// Age exception confirmed.
    pub age_exception: bool,
}

/// The school a new person joins and its region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonPlace {
    /// School.
    pub org_id: i64,
    /// Its region.
    pub region_id: i64,
}

const PERSON_COLS: &str = "id, org_id, last_name, first_name, patronymic, \
    CASE WHEN birth_date_known THEN birth_date END AS birth_date, category, details, place, phone, email, \
    age_exception, withdrawn";

/// The birth date stored for a person whose date is not known (`birth_date_known` false):
/// it never leaves the storage, which reads such a date back as `None`.
pub const UNKNOWN_BIRTH: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Inserts a participant into a school.
pub async fn insert(db: &mut impl Db, org: i64, region: i64, f: &PersonFields<'_>, now: DateTime<Utc>) -> Result<i64> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "INSERT INTO persons (org_id, region_id, last_name, first_name, patronymic, search_key, birth_date, category, details, \
         grade, place, phone, email, age_exception, created_at, updated_at, birth_date_known) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id")
        .bind(org).bind(region).bind(f.last_name.as_ref()).bind(f.first_name.as_ref()).bind(f.patronymic.as_deref())
        .bind(f.search_key.as_ref()).bind(f.birth_date.unwrap_or(UNKNOWN_BIRTH)).bind(f.category.code()).bind(f.details.as_ref())
        .bind(f.grade).bind(f.place.as_ref()).bind(f.phone.as_deref()).bind(f.email.as_deref())
        .bind(f.age_exception).bind(now).bind(f.birth_date.is_some())
        .fetch_one(&mut *c).await?))
}

/// Inserts people in multi-row statements (seeding, imports); their ids in the order given.
pub async fn insert_many<'a>(
    db: &mut impl Db,
    people: impl IntoIterator<Item = (PersonPlace, PersonFields<'a>)>,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    const COLUMNS: [&str; 17] = [
        "org_id",
        "region_id",
        "last_name",
        "first_name",
        "patronymic",
        "search_key",
        "birth_date",
        "category",
        "details",
        "grade",
        "place",
        "phone",
        "email",
        "age_exception",
        "birth_date_known",
        "created_at",
        "updated_at",
    ];
    let text = |v: Option<Cow<'a, str>>| Value::Text(v.map(Cow::into_owned));
    let rows = people.into_iter().map(|(at, f)| {
        vec![
            Value::Int(Some(at.org_id)),
            Value::Int(Some(at.region_id)),
            text(Some(f.last_name)),
            text(Some(f.first_name)),
            text(f.patronymic),
            text(Some(f.search_key)),
            Value::Date(Some(f.birth_date.unwrap_or(UNKNOWN_BIRTH))),
            Value::Text(Some(f.category.code().to_string())),
            text(Some(f.details)),
            Value::Int(f.grade),
            text(Some(f.place)),
            text(f.phone),
            text(f.email),
            Value::Bool(f.age_exception),
            Value::Bool(f.birth_date.is_some()),
            Value::Time(now),
            Value::Time(now),
        ]
    });
    insert_rows(db, "persons", &COLUMNS, rows).await
}

/// Updates a participant of a school; `false` if there is no such person there.
pub async fn update(db: &mut impl Db, org: i64, id: i64, f: &PersonFields<'_>, now: DateTime<Utc>) -> Result<bool> {
    let n = with_db!(db, c => sqlx::query(
        "UPDATE persons SET last_name = $3, first_name = $4, patronymic = $5, search_key = $6, birth_date = $7, \
         birth_date_known = $16, \
         category = $8, details = $9, grade = $10, place = $11, phone = $12, email = $13, age_exception = $14, updated_at = $15 \
         WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).bind(f.last_name.as_ref()).bind(f.first_name.as_ref()).bind(f.patronymic.as_deref())
        .bind(f.search_key.as_ref()).bind(f.birth_date.unwrap_or(UNKNOWN_BIRTH)).bind(f.category.code()).bind(f.details.as_ref())
        .bind(f.grade).bind(f.place.as_ref()).bind(f.phone.as_deref()).bind(f.email.as_deref()).bind(f.age_exception)
        .bind(now).bind(f.birth_date.is_some())
        .execute(&mut *c).await?.rows_affected());
    Ok(n == 1)
}

/// What an import changes in a known person; `None` keeps what is stored.
#[derive(Debug, Clone, Default)]
pub struct PersonChange {
    /// The person.
    pub id: i64,
    /// Category code, its JSON, the class number (for pupils) and the class or position:
    /// all four change together.
    pub category: Option<(String, String, Option<i64>, String)>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// Applies an import's changes to people of a school in multi-row statements; the number
/// of people changed.
pub async fn update_many(
    db: &mut impl Db,
    org: i64,
    changes: impl IntoIterator<Item = PersonChange>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let rows = changes.into_iter().map(|c| {
        let (category, details, grade, place) = match c.category {
            Some((category, details, grade, place)) => (Some(category), Some(details), grade, Some(place)),
            None => (None, None, None, None),
        };
        vec![
            Value::Int(Some(c.id)),
            Value::Text(category),
            Value::Text(details),
            Value::Int(grade),
            Value::Text(place),
            Value::Text(c.phone),
            Value::Text(c.email),
        ]
    });
    update_rows(
        db,
        "persons",
        org,
        &["id", "category", "details", "grade", "place", "phone", "email"],
        &[
            "category = COALESCE(v.category, t.category)",
            "details = COALESCE(v.details, t.details)",
            "grade = CASE WHEN v.category IS NULL THEN t.grade ELSE v.grade END",
            "place = COALESCE(v.place, t.place)",
            "phone = COALESCE(v.phone, t.phone)",
            "email = COALESCE(v.email, t.email)",
        ],
        rows,
        now,
    )
    .await
}

/// A participant of a school; `None` for another school's person.
pub async fn get(db: &mut impl Db, org: i64, id: i64) -> Result<Option<PersonRow>> {
    let sql = format!("SELECT {PERSON_COLS} FROM persons WHERE org_id = $1 AND id = $2");
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(org).bind(id).fetch_optional(&mut *c).await?))
}

/// A person of a school of the municipality `parent` (the other side of a municipal
/// virtual pair); `None` for anyone else.
pub async fn get_under(db: &mut impl Db, parent: i64, id: i64) -> Result<Option<PersonRow>> {
    let sql = format!(
        "SELECT {PERSON_COLS} FROM persons WHERE id = $1 \
         AND org_id IN (SELECT id FROM organizations WHERE parent_id = $2 AND kind = 'school')"
    );
    Ok(with_db!(db, c => sqlx::query_as(&sql).bind(id).bind(parent).fetch_optional(&mut *c).await?))
}

/// A person with the same name key and birth date in the school, other than `except`
/// (without a known birth date a name alone makes no duplicate).
pub async fn find_duplicate(
    db: &mut impl Db,
    org: i64,
    key: &str,
    birth: Option<NaiveDate>,
    except: Option<i64>,
) -> Result<Option<i64>> {
    let Some(birth) = birth else { return Ok(None) };
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT id FROM persons WHERE org_id = $1 AND search_key = $2 AND birth_date = $3 AND birth_date_known AND id <> $4")
        .bind(org).bind(key).bind(birth).bind(except.unwrap_or(0)).fetch_optional(&mut *c).await?))
}

/// Marks a person withdrawn (consent withdrawn) or back in active use.
pub async fn set_withdrawn(db: &mut impl Db, org: i64, id: i64, withdrawn: bool, now: DateTime<Utc>) -> Result<()> {
    with_db!(db, c => sqlx::query("UPDATE persons SET withdrawn = $3, updated_at = $4 WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).bind(withdrawn).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}
