//! Participants, their guardians, the list with search and filters, and the dashboard counts.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use crate::bulk::{Value, insert_rows, update_rows};
use crate::consent_rule::{self, ConsentFilter};
use crate::{Db, Result, with_db};

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

/// A participant as the list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonListRow {
    /// Id.
    pub id: i64,
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
    /// Class / position.
    pub place: String,
    /// Withdrawn from the model.
    pub withdrawn: bool,
    /// The processing consent by the one consent rule.
    #[sqlx(try_from = "String")]
    pub consent: domain::ConsentStatus,
    /// Rows matching the filter in all (the same on every row).
    pub total: i64,
}

/// What the list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    /// School.
    pub org_id: i64,
    /// Normalized search text (see `domain::search_key`).
    pub q: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// Class 5–11.
    pub grade: Option<i64>,
    /// By the consent rule.
    pub consent: Option<crate::ConsentFilter>,
    /// Show withdrawn people too.
    pub include_withdrawn: bool,
    /// Show only withdrawn people (the archive).
    pub only_withdrawn: bool,
    /// Today in the school's time zone.
    pub today: NaiveDate,
    /// Page size.
    pub limit: i64,
    /// Rows to skip.
    pub offset: i64,
}

/// A guardian link as the card shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GuardianLink {
    /// The other person's id (guardian on a minor's card, minor on a guardian's).
    pub person_id: i64,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// «мать», «отец», «опекун» …
    pub relation: String,
    /// The document that makes them the representative.
    pub authority_doc: String,
}

/// Participants of one category.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryCount {
    /// Category code.
    pub category: String,
    /// How many.
    pub n: i64,
}

/// The school dashboard figures.
#[derive(Debug, Clone, Default)]
pub struct DashboardCounts {
    /// Active participants by category.
    pub by_category: Vec<CategoryCount>,
    /// Active participants in all.
    pub total: i64,
    /// Active participants without a valid processing consent.
    pub consent_missing: i64,
    /// Pupils who turned 18 and have only a guardian's consent.
    pub turned_adult: i64,
    /// Withdrawn participants kept for history.
    pub withdrawn: i64,
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

/// A guardian link to write.
#[derive(Debug, Clone)]
pub struct NewGuardianship<'a> {
    /// School of both people.
    pub org_id: i64,
    /// The minor.
    pub minor_id: i64,
    /// The guardian.
    pub guardian_id: i64,
    /// «мать», «отец», «опекун» …
    pub relation: Cow<'a, str>,
    /// The document that makes them the representative.
    pub authority_doc: Cow<'a, str>,
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

fn push_where<'a, DB: sqlx::Database>(qb: &mut QueryBuilder<'a, DB>, f: &PersonFilter)
where
    NaiveDate: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    qb.push(" WHERE p.org_id = ");
    qb.push_bind(f.org_id);
    if f.only_withdrawn {
        qb.push(" AND p.withdrawn = TRUE");
    } else if !f.include_withdrawn {
        qb.push(" AND p.withdrawn = FALSE");
    }
    // Every word must occur, in any order: «Никита Андреев» finds «Андреев Никита Олегович».
    for word in f.q.as_deref().unwrap_or("").split_whitespace().take(5) {
        qb.push(" AND p.search_key LIKE ");
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        qb.push_bind(format!("%{escaped}%"));
        qb.push(" ESCAPE '\\'");
    }
    if let Some(cat) = &f.category {
        qb.push(" AND p.category = ");
        qb.push_bind(cat.clone());
    }
    if let Some(g) = f.grade {
        qb.push(" AND p.grade = ");
        qb.push_bind(g);
    }
    if let Some(consent) = f.consent {
        qb.push(consent.condition("p", f.today));
    }
}

/// `FROM persons p`, with the consent summary joined (see `consent_rule`) where the
/// status is read or filtered on.
fn push_from<DB: sqlx::Database>(qb: &mut QueryBuilder<'_, DB>, f: &PersonFilter, status: bool) {
    qb.push(" FROM persons p");
    if status || f.consent.is_some() {
        qb.push(consent_rule::summary_join("p", &[f.org_id], f.today));
    }
}

/// The columns of [`PersonListRow`] but the total, over `p` joined with the summary.
fn push_list_columns<DB: sqlx::Database>(qb: &mut QueryBuilder<'_, DB>, f: &PersonFilter) {
    qb.push(
        "SELECT p.id, p.last_name, p.first_name, p.patronymic, \
         CASE WHEN p.birth_date_known THEN p.birth_date END AS birth_date, p.category, p.place, p.withdrawn, ",
    );
    qb.push(consent_rule::status("p", f.today));
    qb.push(" AS consent");
}

macro_rules! list_query {
    ($f:expr, $open:expr, $close:expr) => {{
        let mut qb = QueryBuilder::new($open);
        if $f.consent.is_some() {
            // Filtered on the status: the summary of every person of the school.
            push_list_columns(&mut qb, $f);
            push_total(&mut qb, $f);
            push_from(&mut qb, $f, true);
            push_where(&mut qb, $f);
            // Our own integers, written into the text: with them bound, PostgreSQL never
            // trusts a generic plan and plans the page afresh on every request.
            qb.push(format_args!(
                " ORDER BY p.search_key, p.id LIMIT {} OFFSET {}",
                $f.limit, $f.offset
            ));
        } else {
            // The page first, then the consents of its people only (a list page costs the
            // database half as much as summing up the whole school's consents).
            qb.push("WITH page AS (SELECT p.* FROM persons p");
            push_where(&mut qb, $f);
            // Our own integers, written into the text: with them bound, PostgreSQL never
            // trusts a generic plan and plans the page afresh on every request.
            qb.push(format_args!(
                " ORDER BY p.search_key, p.id LIMIT {} OFFSET {}",
                $f.limit, $f.offset
            ));
            qb.push(") ");
            push_list_columns(&mut qb, $f);
            push_total(&mut qb, $f);
            qb.push(" FROM page p");
            qb.push(consent_rule::summary_join_of(
                "p",
                &[$f.org_id],
                $f.today,
                Some("SELECT id FROM page"),
            ));
            qb.push(" ORDER BY p.search_key, p.id");
        }
        qb.push($close);
        qb
    }};
}

/// `, (SELECT COUNT(*) …) AS total`: the total rides along as an uncorrelated subquery
/// (evaluated once), one round trip instead of two and no window sort over every match.
fn push_total<'a, DB: sqlx::Database>(qb: &mut QueryBuilder<'a, DB>, f: &PersonFilter)
where
    NaiveDate: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    qb.push(", (SELECT COUNT(*)");
    push_from(qb, f, false);
    push_where(qb, f);
    qb.push(") AS total");
}

/// SQLite: the page as one JSON array of arrays, in the page's order.
const PACK_OPEN: &str = "SELECT json_group_array(json_array(id, last_name, first_name, patronymic, birth_date, \
     category, place, withdrawn, consent, total)) FROM (";

/// One packed row: the columns of [`PersonListRow`] in order.
type Packed = (
    i64,
    String,
    String,
    Option<String>,
    Option<NaiveDate>,
    String,
    String,
    i64,
    String,
    i64,
);

fn unpack(json: &str) -> Result<Vec<PersonListRow>> {
    let rows: Vec<Packed> = serde_json::from_str(json).map_err(|e| crate::StorageError::Corrupt(e.to_string()))?;
    rows.into_iter()
        .map(
            |(id, last_name, first_name, patronymic, birth_date, category, place, w, consent, total)| {
                Ok(PersonListRow {
                    id,
                    last_name,
                    first_name,
                    patronymic,
                    birth_date,
                    category: crate::decode_code(&category)?,
                    place,
                    withdrawn: w != 0,
                    consent: crate::decode_code(&consent)?,
                    total,
                })
            },
        )
        .collect()
}

macro_rules! count_query {
    ($f:expr) => {{
        let mut qb = QueryBuilder::new("SELECT COUNT(*)");
        push_from(&mut qb, $f, false);
        push_where(&mut qb, $f);
        qb
    }};
}

/// One page of the list and the total count under the filter.
pub async fn list(db: &mut impl Db, f: &PersonFilter) -> Result<(Vec<PersonListRow>, i64)> {
    let rows: Vec<PersonListRow> = match db.exec() {
        // sqlx hands SQLite rows over from the connection's thread one by one; a page packed
        // into one JSON value crosses once (list page under load: 2,400 → 3,200 req/s).
        crate::Exec::Sqlite(c) => {
            let packed: String = list_query!(f, PACK_OPEN, ")")
                .build_query_scalar()
                .fetch_one(&mut *c)
                .await?;
            unpack(&packed)?
        }
        crate::Exec::Postgres(c) => list_query!(f, "", "").build_query_as().fetch_all(&mut *c).await?,
    };
    // Only a page past the end needs the count on its own.
    let total = match rows.first() {
        Some(r) => r.total,
        None if f.offset == 0 => 0,
        None => with_db!(db, c => count_query!(f).build_query_scalar().fetch_one(&mut *c).await?),
    };
    Ok((rows, total))
}

/// Dashboard figures of a school.
pub async fn dashboard(db: &mut impl Db, org: i64, today: NaiveDate) -> Result<DashboardCounts> {
    let by_category: Vec<CategoryCount> = with_db!(db, c => sqlx::query_as(
        "SELECT category, COUNT(*) AS n FROM persons WHERE org_id = $1 AND withdrawn = FALSE GROUP BY category ORDER BY category")
        .bind(org).fetch_all(&mut *c).await?);
    let base = PersonFilter {
        org_id: org,
        today,
        ..Default::default()
    };
    let count = |consent: Option<ConsentFilter>, include_withdrawn: bool| PersonFilter {
        consent,
        include_withdrawn,
        ..base.clone()
    };
    let mut n = Vec::new();
    for f in [
        count(Some(ConsentFilter::NotValid), false),
        count(Some(ConsentFilter::Is(domain::ConsentStatus::TurnedAdult)), false),
        count(None, true),
    ] {
        let v: i64 = with_db!(db, c => count_query!(&f).build_query_scalar().fetch_one(&mut *c).await?);
        n.push(v);
    }
    let total = by_category.iter().map(|c| c.n).sum();
    Ok(DashboardCounts {
        total,
        consent_missing: n[0],
        turned_adult: n[1],
        withdrawn: n[2] - total,
        by_category,
    })
}

/// Counts of active participants by category for each school under an organization.
pub async fn counts_by_school(db: &mut impl Db, parent: i64) -> Result<Vec<(i64, String, i64)>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT p.org_id, p.category, COUNT(*) FROM persons p WHERE p.withdrawn = FALSE AND p.org_id IN \
         (SELECT id FROM organizations WHERE id = $1 OR parent_id = $1 OR parent_id IN (SELECT id FROM organizations WHERE parent_id = $1)) \
         GROUP BY p.org_id, p.category")
        .bind(parent).fetch_all(&mut *c).await?))
}

/// Links a minor to a guardian (both of the same school).
pub async fn link_guardian(
    db: &mut impl Db,
    org: i64,
    minor: i64,
    guardian: i64,
    relation: &str,
    doc: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    with_db!(db, c => sqlx::query(
        "INSERT INTO guardianships (org_id, minor_id, guardian_id, relation, authority_doc, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(org).bind(minor).bind(guardian).bind(relation).bind(doc).bind(now).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Writes guardian links in multi-row statements (seeding, imports).
pub async fn link_many<'a>(
    db: &mut impl Db,
    links: impl IntoIterator<Item = NewGuardianship<'a>>,
    now: DateTime<Utc>,
) -> Result<()> {
    const COLUMNS: [&str; 6] = [
        "org_id",
        "minor_id",
        "guardian_id",
        "relation",
        "authority_doc",
        "created_at",
    ];
    let rows = links.into_iter().map(|l| {
        vec![
            Value::Int(Some(l.org_id)),
            Value::Int(Some(l.minor_id)),
            Value::Int(Some(l.guardian_id)),
            Value::Text(Some(l.relation.into_owned())),
            Value::Text(Some(l.authority_doc.into_owned())),
            Value::Time(now),
        ]
    });
    insert_rows(db, "guardianships", &COLUMNS, rows).await?;
    Ok(())
}

/// Guardians of a minor.
pub async fn guardians_of(db: &mut impl Db, org: i64, minor: i64) -> Result<Vec<GuardianLink>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT p.id AS person_id, p.last_name, p.first_name, p.patronymic, g.relation, g.authority_doc \
         FROM guardianships g JOIN persons p ON p.id = g.guardian_id WHERE g.org_id = $1 AND g.minor_id = $2 ORDER BY g.id")
        .bind(org).bind(minor).fetch_all(&mut *c).await?))
}

/// Minors a guardian represents.
pub async fn wards_of(db: &mut impl Db, org: i64, guardian: i64) -> Result<Vec<GuardianLink>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT p.id AS person_id, p.last_name, p.first_name, p.patronymic, g.relation, g.authority_doc \
         FROM guardianships g JOIN persons p ON p.id = g.minor_id WHERE g.org_id = $1 AND g.guardian_id = $2 ORDER BY g.id")
        .bind(org).bind(guardian).fetch_all(&mut *c).await?))
}

/// The authority document of a guardian link, if the link exists.
pub async fn guardian_doc(db: &mut impl Db, org: i64, minor: i64, guardian: i64) -> Result<Option<String>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT authority_doc FROM guardianships WHERE org_id = $1 AND minor_id = $2 AND guardian_id = $3")
        .bind(org).bind(minor).bind(guardian).fetch_optional(&mut *c).await?))
}

/// Parents of a school who can be linked as guardians: (id, фамилия, имя, отчество, birth
/// date if known).
pub async fn adults(
    db: &mut impl Db,
    org: i64,
    adult_cutoff: NaiveDate,
) -> Result<Vec<(i64, String, String, Option<String>, Option<NaiveDate>)>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, last_name, first_name, patronymic, CASE WHEN birth_date_known THEN birth_date END FROM persons WHERE org_id = $1 AND withdrawn = FALSE \
         AND birth_date <= $2 AND category = 'parent' ORDER BY search_key, id LIMIT 5000")
        .bind(org).bind(adult_cutoff).fetch_all(&mut *c).await?))
}

/// What an import compares a row with: a school's person by name key and birth date.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Identity {
    /// Id.
    pub id: i64,
    /// Name key.
    pub search_key: String,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Category code.
    pub category: String,
    /// Category details (JSON).
    pub details: String,
    /// Class or position.
    pub place: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Withdrawn.
    pub withdrawn: bool,
}

/// Identities read per page; from SQLite a page is one packed value: sqlx hands SQLite rows
/// over one by one, and for a school of 100,000 people the hand-offs took longer than the
/// import's checks.
const IDENTITY_PAGE: i64 = 20_000;

/// One packed identity: the columns of [`Identity`] in order.
type PackedIdentity = (
    i64,
    String,
    NaiveDate,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
);

/// Every person of a school, for an import to tell new people from known ones: read in
/// pages into a list sized once (grown by doubling, it took twice its size).
pub async fn identities(db: &mut impl Db, org: i64) -> Result<Vec<Identity>> {
    let n: i64 = with_db!(db, c => sqlx::query_scalar("SELECT COUNT(*) FROM persons WHERE org_id = $1")
        .bind(org).fetch_one(&mut *c).await?);
    let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    let mut after = 0i64;
    loop {
        let page: Vec<Identity> = match db.exec() {
            crate::Exec::Sqlite(c) => {
                // `+org_id`: walk the table in id order (no sort of the school's people per
                // page) and skip other schools' rows.
                let packed: String = sqlx::query_scalar(
                    "SELECT json_group_array(json_array(id, search_key, birth_date, category, details, place, phone, \
                     email, withdrawn)) FROM (SELECT * FROM persons WHERE +org_id = $1 AND id > $2 ORDER BY id LIMIT $3)",
                )
                .bind(org)
                .bind(after)
                .bind(IDENTITY_PAGE)
                .fetch_one(&mut *c)
                .await?;
                let page: Vec<PackedIdentity> =
                    serde_json::from_str(&packed).map_err(|e| crate::StorageError::Corrupt(e.to_string()))?;
                page.into_iter()
                    .map(
                        |(id, search_key, birth_date, category, details, place, phone, email, withdrawn)| Identity {
                            id,
                            search_key,
                            birth_date,
                            category,
                            details,
                            place,
                            phone,
                            email,
                            withdrawn: withdrawn != 0,
                        },
                    )
                    .collect()
            }
            crate::Exec::Postgres(c) => {
                sqlx::query_as(
                    "SELECT id, search_key, birth_date, category, details, place, phone, email, withdrawn FROM persons \
                     WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                )
                .bind(org)
                .bind(after)
                .bind(IDENTITY_PAGE)
                .fetch_all(&mut *c)
                .await?
            }
        };
        let full = page.len() as i64 == IDENTITY_PAGE;
        let last = page.iter().map(|p| p.id).max();
        out.extend(page);
        match last {
            Some(last) if full => after = last,
            _ => break,
        }
    }
    Ok(out)
}

/// Guardian links of a school: (minor, guardian).
pub async fn guardian_pairs(db: &mut impl Db, org: i64) -> Result<Vec<(i64, i64)>> {
    match db.exec() {
        // Packed into one value, as `identities`: a school of 100,000 pupils has as many links.
        crate::Exec::Sqlite(c) => {
            let packed: String = sqlx::query_scalar(
                "SELECT json_group_array(json_array(minor_id, guardian_id)) FROM guardianships WHERE org_id = $1",
            )
            .bind(org)
            .fetch_one(&mut *c)
            .await?;
            serde_json::from_str(&packed).map_err(|e| crate::StorageError::Corrupt(e.to_string()))
        }
        crate::Exec::Postgres(c) => Ok(sqlx::query_as(
            "SELECT minor_id, guardian_id FROM guardianships WHERE org_id = $1",
        )
        .bind(org)
        .fetch_all(&mut *c)
        .await?),
    }
}

/// The processing-consent status of every person of a school, by the one consent rule.
pub async fn consent_statuses(
    db: &mut impl Db,
    org: i64,
    today: NaiveDate,
) -> Result<Vec<(i64, domain::ConsentStatus)>> {
    let sql = format!(
        "SELECT p.id, {} FROM persons p{} WHERE p.org_id = {org}",
        consent_rule::status("p", today),
        consent_rule::summary_join("p", &[org], today)
    );
    let rows: Vec<(i64, String)> = with_db!(db, c => sqlx::query_as(&sql).fetch_all(&mut *c).await?);
    rows.into_iter()
        .map(|(id, code)| Ok((id, crate::decode_code(&code)?)))
        .collect()
}

/// The processing-consent status of one person of a school (`None`: no such person there),
/// by the one consent rule: the gate before a base or a pair.
pub async fn consent_status(
    db: &mut impl Db,
    org: i64,
    id: i64,
    today: NaiveDate,
) -> Result<Option<domain::ConsentStatus>> {
    let sql = format!(
        "SELECT {} FROM persons p{} WHERE p.org_id = {org} AND p.id = $1",
        consent_rule::status("p", today),
        consent_rule::summary_join("p", &[org], today)
    );
    let code: Option<String> = with_db!(db, c => sqlx::query_scalar(&sql).bind(id).fetch_optional(&mut *c).await?);
    code.as_deref().map(crate::decode_code).transpose()
}
