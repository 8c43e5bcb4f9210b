//! The bases of mentors and mentees: entries per person, base and academic year, with the
//! person's columns joined in; questionnaire links; the school's own questions; requests
//! from third parties.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use crate::bulk::{Value, insert_rows, update_rows};
use crate::consent_rule::{self, ConsentFilter};

mod links;
mod referrals;

use crate::{Db, Result, with_db};
pub use links::*;
pub use referrals::*;

/// An entry with the person's columns, as lists and exports show it. From SQLite a whole
/// list comes as JSON arrays (see `list`): the fields are in the order of the columns of
/// `ENTRY_COLS` and then `EXTRA_COLS`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Deserialize)]
pub struct EntryRow {
    /// Entry id.
    pub id: i64,
    /// School.
    pub org_id: i64,
    /// The person.
    pub person_id: i64,
    /// Academic year (its first calendar year).
    pub start_year: i64,
    /// Which base.
    #[sqlx(try_from = "String")]
    pub base: domain::base::BaseKind,
    /// Status as stored (lists show [`EntryRow::shown_status`]).
    #[sqlx(try_from = "String")]
    pub status: domain::base::EntryStatus,
    /// Mentee or mentor category code.
    pub category: Option<String>,
    /// «из числа педагогов» (otherwise «из числа обучающихся» or others).
    pub teacher: bool,
    /// The category is one of the sensitive ones.
    pub sensitive: bool,
    /// Основной запрос (mentees).
    pub request: String,
    /// Ключевые компетенции, достижения (mentors).
    pub competences: String,
    /// Source of the request.
    pub request_source: Option<String>,
    /// Form code.
    pub form: Option<String>,
    /// Дата вхождения в программу.
    pub entry_date: Option<NaiveDate>,
    /// Договор о сотрудничестве.
    pub agreement: String,
    /// Обучение.
    pub trained: String,
    /// The other side of the pair (until pairs are kept in their own table).
    pub counterpart: String,
    /// Место и сроки реализации программы.
    pub program_dates: String,
    /// Результаты программы.
    pub results: String,
    /// Ссылка на кейс / отзыв.
    pub case_link: String,
    /// Questionnaire answers (JSON).
    pub answers: String,
    /// When the questionnaire was last answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// Ready for remote (online or mixed) mentoring, by the questionnaire.
    pub remote: bool,
    /// Фамилия.
    pub last_name: String,
    /// Имя.
    pub first_name: String,
    /// Отчество.
    pub patronymic: Option<String>,
    /// Birth date; `None` where it is not known (a parent from an imported list).
    pub birth_date: Option<NaiveDate>,
    /// Participant category.
    #[sqlx(try_from = "String")]
    pub person_category: domain::CategoryKind,
    /// Class or position.
    pub place: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Date of the person's own processing consent in force.
    pub own_consent: Option<NaiveDate>,
    /// Date of a processing consent in force by a guardian who still represents the person.
    pub guardian_consent: Option<NaiveDate>,
    /// The processing consent by the one consent rule (`consent_rule`).
    #[sqlx(try_from = "String")]
    pub consent: domain::ConsentStatus,
    /// The first guardian: «мать: +79…».
    pub guardian_contact: Option<String>,
    /// School short name (for the municipal base).
    pub school: String,
}

impl EntryRow {
    /// The status lists show: no «ожидает пары» without a consent in force.
    pub fn shown_status(&self) -> domain::base::EntryStatus {
        self.status.effective(self.consent)
    }
}

/// What a list of entries is filtered and sorted by.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    /// Schools (one for a school's roles; all of a municipality for its methodist).
    pub org_ids: Vec<i64>,
    /// Academic year.
    pub start_year: i64,
    /// `mentors` or `mentees`.
    pub base: String,
    /// Search key words.
    pub q: Option<String>,
    /// Status code.
    pub status: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// Teachers only (`Some(true)`) or learners and others only (`Some(false)`).
    pub teacher: Option<bool>,
    /// Form code.
    pub form: Option<String>,
    /// `name`, `status`, `category`, `form`, `entry_date`, `place` (`-` prefix: descending).
    pub sort: String,
    /// Today, for consents in force.
    pub today: NaiveDate,
    /// One entry only.
    pub id: Option<i64>,
    /// One person's entries only.
    pub person_id: Option<i64>,
    /// Only entries ready for remote (online or mixed) mentoring.
    pub remote: bool,
    /// Only entries with a consent in force and not withdrawn (the municipal base).
    pub confirmed_only: bool,
    /// Only people born on or before this day (adults: the municipal base).
    pub adults_born_before: Option<NaiveDate>,
    /// Page size (0: all).
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// Fields of an entry to insert or update (in the order of `ENTRY_FIELDS`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, sqlx::FromRow, serde::Deserialize)]
pub struct EntryFields {
    /// Status code.
    pub status: String,
    /// Category code.
    pub category: Option<String>,
    /// A teachers' entry.
    pub teacher: bool,
    /// Sensitive category.
    pub sensitive: bool,
    /// Request.
    pub request: String,
    /// Competences.
    pub competences: String,
    /// Request source code.
    pub request_source: Option<String>,
    /// Form code.
    pub form: Option<String>,
    /// Entry date.
    pub entry_date: Option<NaiveDate>,
    /// Agreement.
    pub agreement: String,
    /// Training.
    pub trained: String,
    /// The other side.
    pub counterpart: String,
    /// Program place and dates.
    pub program_dates: String,
    /// Results.
    pub results: String,
    /// Case link.
    pub case_link: String,
}

/// A count of entries under a filter by one dimension.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Count {
    /// The value (code) or `None`.
    pub key: Option<String>,
    /// Entries.
    pub n: i64,
}

const ENTRY_COLS: &str = "e.id, e.org_id, e.person_id, e.start_year, e.base, e.status, e.category, e.teacher, e.sensitive, \
    e.request, e.competences, e.request_source, e.form, e.entry_date, e.agreement, e.trained, e.counterpart, \
    e.program_dates, e.results, e.case_link, e.answers, e.answered_at, e.remote, p.last_name, p.first_name, p.patronymic, \
    CASE WHEN p.birth_date_known THEN p.birth_date END AS birth_date, p.category AS person_category, p.place, p.phone, p.email";

fn push_where<'a, DB: sqlx::Database>(qb: &mut QueryBuilder<'a, DB>, f: &'a EntryFilter)
where
    NaiveDate: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    &'a str: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    qb.push(" WHERE e.org_id IN (");
    let mut ids = qb.separated(", ");
    for id in &f.org_ids {
        ids.push_bind(*id);
    }
    if f.org_ids.is_empty() {
        ids.push("NULL");
    }
    qb.push(")");
    if let Some(id) = f.id {
        qb.push(" AND e.id = ");
        qb.push_bind(id);
    }
    if let Some(p) = f.person_id {
        qb.push(" AND e.person_id = ");
        qb.push_bind(p);
    }
    if f.remote {
        qb.push(" AND e.remote = TRUE");
    }
    if f.confirmed_only {
        qb.push(ConsentFilter::Valid.condition("p", f.today));
        qb.push(" AND e.status <> 'candidate' AND p.withdrawn = FALSE");
    }
    if f.start_year > 0 {
        qb.push(" AND e.start_year = ");
        qb.push_bind(f.start_year);
    }
    if !f.base.is_empty() {
        qb.push(" AND e.base = ");
        qb.push_bind(f.base.as_str());
    }
    for word in f.q.as_deref().unwrap_or("").split_whitespace().take(5) {
        qb.push(" AND p.search_key LIKE ");
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        qb.push_bind(format!("%{escaped}%"));
        qb.push(" ESCAPE '\\'");
    }
    if let Some(s) = &f.status {
        qb.push(format!(" AND {} = ", consent_rule::entry_status("e", "p", f.today)));
        qb.push_bind(s.as_str());
    }
    if let Some(c) = &f.category {
        qb.push(" AND e.category = ");
        qb.push_bind(c.as_str());
    }
    if let Some(t) = f.teacher {
        qb.push(if t {
            " AND e.teacher = TRUE"
        } else {
            " AND e.teacher = FALSE"
        });
    }
    if let Some(form) = &f.form {
        qb.push(" AND e.form = ");
        qb.push_bind(form.as_str());
    }
    if let Some(d) = f.adults_born_before {
        qb.push(" AND p.birth_date <= ");
        qb.push_bind(d);
    }
}

fn order_by(sort: &str) -> &'static str {
    match sort {
        "status" => " ORDER BY e.status, p.search_key, e.id",
        "-status" => " ORDER BY e.status DESC, p.search_key, e.id",
        "category" => " ORDER BY e.category, p.search_key, e.id",
        "-category" => " ORDER BY e.category DESC, p.search_key, e.id",
        "form" => " ORDER BY e.form, p.search_key, e.id",
        "-form" => " ORDER BY e.form DESC, p.search_key, e.id",
        "entry_date" => " ORDER BY e.entry_date, p.search_key, e.id",
        "-entry_date" => " ORDER BY e.entry_date DESC, p.search_key, e.id",
        "place" => " ORDER BY p.grade, p.place, p.search_key, e.id",
        "-place" => " ORDER BY p.grade DESC, p.place DESC, p.search_key, e.id",
        "-name" => " ORDER BY p.search_key DESC, e.id DESC",
        _ => " ORDER BY p.search_key, e.id",
    }
}

/// The columns of [`EntryRow`] beyond `ENTRY_COLS`, as `push_select` names them.
const EXTRA_COLS: [&str; 5] = [
    "own_consent",
    "guardian_consent",
    "consent",
    "guardian_contact",
    "school",
];

/// `SELECT` the columns of [`EntryRow`] `FROM` the entries joined with their people, schools
/// and consent summaries.
fn push_select<DB: sqlx::Database>(qb: &mut QueryBuilder<'_, DB>, f: &EntryFilter) {
    qb.push("SELECT ");
    qb.push(ENTRY_COLS);
    qb.push(", cs.own_on AS own_consent, cs.guardian_on AS guardian_consent, ");
    qb.push(consent_rule::status("p", f.today));
    qb.push(
        " AS consent, (SELECT g.relation || ': ' || COALESCE(gp.phone, gp.email, '—') FROM guardianships g \
         JOIN persons gp ON gp.id = g.guardian_id WHERE g.minor_id = p.id ORDER BY g.id LIMIT 1) AS guardian_contact, \
         o.short_name AS school FROM base_entries e JOIN persons p ON p.id = e.person_id \
         JOIN organizations o ON o.id = e.org_id",
    );
    qb.push(consent_rule::summary_join("p", &f.org_ids, f.today));
}

/// `FROM` the entries joined with their people and consent summaries.
fn push_from<DB: sqlx::Database>(qb: &mut QueryBuilder<'_, DB>, f: &EntryFilter) {
    qb.push(" FROM base_entries e JOIN persons p ON p.id = e.person_id");
    qb.push(consent_rule::summary_join("p", &f.org_ids, f.today));
}

macro_rules! entries_query {
    ($f:expr) => {{
        let f = $f;
        let mut qb = QueryBuilder::new("");
        push_select(&mut qb, f);
        push_where(&mut qb, f);
        qb.push(order_by(&f.sort));
        if f.limit > 0 {
            qb.push(" LIMIT ");
            qb.push_bind(f.limit);
            qb.push(" OFFSET ");
            qb.push_bind(f.offset);
        }
        qb
    }};
}

/// Entries under a filter, with the person's columns (all of them when `limit` is 0).
pub async fn list(db: &mut impl Db, f: &EntryFilter) -> Result<Vec<EntryRow>> {
    list_map(db, f, |r| r).await
}

/// [`list`], each entry turned into what the caller keeps as it is read: an export of
/// 100,000 entries never holds them all beside the rows it makes of them.
pub async fn list_map<T: Send>(
    db: &mut impl Db,
    f: &EntryFilter,
    map: impl FnMut(EntryRow) -> T + Send,
) -> Result<Vec<T>> {
    match db.exec() {
        crate::Exec::Sqlite(c) if f.limit == 0 => list_packed(c, f, map).await,
        crate::Exec::Sqlite(c) => {
            let mut qb = entries_query!(f);
            collect_mapped(qb.build_query_as().fetch(&mut *c), map).await
        }
        crate::Exec::Postgres(c) => {
            let mut qb = if f.limit == 0 {
                whole_list_pg(f)
            } else {
                entries_query!(f)
            };
            collect_mapped(qb.build_query_as().fetch(&mut *c), map).await
        }
    }
}

/// The rows of a query as `map` turns them, one at a time as they arrive.
async fn collect_mapped<T>(
    mut rows: impl futures_util::Stream<Item = std::result::Result<EntryRow, sqlx::Error>> + Unpin,
    mut map: impl FnMut(EntryRow) -> T,
) -> Result<Vec<T>> {
    use futures_util::TryStreamExt;
    let mut out = Vec::new();
    while let Some(r) = rows.try_next().await? {
        out.push(map(r));
    }
    Ok(out)
}

/// A whole list from PostgreSQL (an export): the consents and the first guardian's contact
/// of the schools' people joined once, as hash joins, instead of three lookups per entry
/// (those were two thirds of a 100,000-entry export's query).
fn whole_list_pg(f: &EntryFilter) -> QueryBuilder<'_, sqlx::Postgres> {
    let orgs = |qb: &mut QueryBuilder<'_, sqlx::Postgres>| {
        let mut ids = qb.separated(", ");
        for id in &f.org_ids {
            ids.push_bind(*id);
        }
        if f.org_ids.is_empty() {
            ids.push("NULL");
        }
    };
    let mut qb = QueryBuilder::new("SELECT ");
    qb.push(ENTRY_COLS);
    qb.push(", cs.own_on AS own_consent, cs.guardian_on AS guardian_consent, ");
    qb.push(consent_rule::status("p", f.today));
    qb.push(
        " AS consent, gc.contact AS guardian_contact, o.short_name AS school \
         FROM base_entries e JOIN persons p ON p.id = e.person_id JOIN organizations o ON o.id = e.org_id",
    );
    qb.push(consent_rule::summary_join("p", &f.org_ids, f.today));
    qb.push(
        " LEFT JOIN (SELECT DISTINCT ON (g.minor_id) g.minor_id, \
         g.relation || ': ' || COALESCE(gp.phone, gp.email, '—') AS contact \
         FROM guardianships g JOIN persons gp ON gp.id = g.guardian_id WHERE g.org_id IN (",
    );
    orgs(&mut qb);
    qb.push(") ORDER BY g.minor_id, g.id) gc ON gc.minor_id = p.id");
    push_where(&mut qb, f);
    qb.push(order_by(&f.sort));
    qb
}

/// Entries read per packed value from SQLite.
const PACK_CHUNK: usize = 2_000;

/// A whole list from SQLite (an export: 100,000 entries): sqlx hands SQLite rows over from
/// its thread one by one, and for wide rows the hand-offs took longer than the query. The
/// ids come first in the list's order, then the rows in chunks, each packed into one JSON
/// value: an array per row, in the order of [`EntryRow`]'s fields.
async fn list_packed<T>(
    c: &mut sqlx::SqliteConnection,
    f: &EntryFilter,
    mut map: impl FnMut(EntryRow) -> T,
) -> Result<Vec<T>> {
    let corrupt = |e: serde_json::Error| crate::StorageError::Corrupt(e.to_string());
    let mut qb =
        QueryBuilder::new("SELECT json_group_array(json_array(id, n)) FROM (SELECT e.id AS id, ROW_NUMBER() OVER (");
    qb.push(order_by(&f.sort).trim_start());
    qb.push(") AS n");
    push_from(&mut qb, f);
    push_where(&mut qb, f);
    qb.push(")");
    let packed: String = qb.build_query_scalar().fetch_one(&mut *c).await?;
    // Chunks go by id, not by the list's order: the ids of a chunk in name order are spread
    // over the whole table, and every chunk read most of its pages again.
    let mut order: Vec<(i64, i64)> = serde_json::from_str(&packed).map_err(corrupt)?;
    order.sort_unstable_by_key(|(id, _)| *id);
    let place_of: std::collections::HashMap<i64, usize> = order
        .iter()
        .map(|(id, n)| (*id, usize::try_from(*n - 1).unwrap_or(usize::MAX)))
        .collect();
    // SQLite keeps booleans as 0 and 1: the columns declared BOOLEAN go out as JSON's.
    let booleans: Vec<(String, String)> = sqlx::query_as(
        "SELECT 'e', name FROM pragma_table_info('base_entries') WHERE upper(type) = 'BOOLEAN' \
         UNION ALL SELECT 'p', name FROM pragma_table_info('persons') WHERE upper(type) = 'BOOLEAN'",
    )
    .fetch_all(&mut *c)
    .await?;
    let values: Vec<String> = ENTRY_COLS
        .split(',')
        .map(|col| {
            let mut words = col.split_whitespace();
            let (table, column) = words.next().unwrap_or_default().split_once('.').unwrap_or_default();
            let name = words.last().unwrap_or(column);
            if booleans.iter().any(|(t, c)| t == table && c == column) {
                format!("json(CASE WHEN {name} THEN 'true' ELSE 'false' END)")
            } else {
                name.to_string()
            }
        })
        .chain(EXTRA_COLS.iter().map(|n| n.to_string()))
        .collect();
    let head = format!("SELECT json_group_array(json_array({})) FROM (", values.join(", "));
    let mut slots: Vec<Option<T>> = Vec::new();
    slots.resize_with(order.len(), || None);
    // Each chunk's JSON is read while SQLite makes the next one on its thread.
    let mut previous: Option<String> = None;
    let mut place = |packed: String| -> Result<()> {
        let rows: Vec<EntryRow> = serde_json::from_str(&packed).map_err(corrupt)?;
        for r in rows {
            if let Some(slot) = place_of.get(&r.id).and_then(|&n| slots.get_mut(n)) {
                *slot = Some(map(r));
            }
        }
        Ok(())
    };
    for chunk in order.chunks(PACK_CHUNK) {
        let mut qb = QueryBuilder::new(head.as_str());
        push_select(&mut qb, f);
        qb.push(" WHERE e.id IN (");
        let mut ids = qb.separated(", ");
        for (id, _) in chunk {
            ids.push_bind(*id);
        }
        qb.push("))");
        let query = qb.build_query_scalar::<String>().fetch_one(&mut *c);
        let read = async {
            match previous.take() {
                Some(packed) => place(packed),
                None => Ok(()),
            }
        };
        let (packed, read) = tokio::join!(query, read);
        read?;
        previous = Some(packed?);
    }
    if let Some(packed) = previous {
        place(packed)?;
    }
    Ok(slots.into_iter().flatten().collect())
}

/// How many entries a filter matches.
pub async fn count(db: &mut impl Db, f: &EntryFilter) -> Result<i64> {
    Ok(with_db!(db, c => {
        let mut qb = QueryBuilder::new("SELECT COUNT(*)");
        push_from(&mut qb, f);
        push_where(&mut qb, f);
        qb.build_query_scalar().fetch_one(&mut *c).await?
    }))
}

/// Entries under a filter counted by `dim` (`form`, `category`, `status` or `teacher`).
pub async fn counts(db: &mut impl Db, f: &EntryFilter, dim: &str) -> Result<Vec<Count>> {
    let col = match dim {
        "form" => "e.form".to_string(),
        "category" => "e.category".to_string(),
        "teacher" => "CASE WHEN e.teacher THEN 'teacher' ELSE 'learner' END".to_string(),
        _ => consent_rule::entry_status("e", "p", f.today),
    };
    Ok(with_db!(db, c => {
        let mut qb = QueryBuilder::new(format!("SELECT {col} AS key, COUNT(*) AS n"));
        push_from(&mut qb, f);
        push_where(&mut qb, f);
        qb.push(format!(" GROUP BY {col} ORDER BY 2 DESC"));
        qb.build_query_as().fetch_all(&mut *c).await?
    }))
}

/// One entry of a school with the person's columns.
pub async fn get(db: &mut impl Db, org: i64, id: i64, today: NaiveDate) -> Result<Option<EntryRow>> {
    let f = EntryFilter {
        org_ids: vec![org],
        id: Some(id),
        today,
        ..Default::default()
    };
    Ok(list(db, &f).await?.into_iter().next())
}

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

impl EntryFields {
    /// A fingerprint of the fields: equal fields give equal fingerprints within a process,
    /// so an import tells a changed entry from an unchanged one without holding the old
    /// fields of the whole base (a different pair collides once in about 2^64).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(self)
    }
}

/// Existing entries of a school's base and year: person id → (entry id, the fields'
/// [`EntryFields::fingerprint`]).
///
/// Read in pages of 20,000 into a map sized once; each page's fields are dropped once
/// fingerprinted (held whole, a base of 100,000 entries took 60 MB of an import's budget).
/// From SQLite each page is one packed JSON value.
pub async fn existing(
    db: &mut impl Db,
    org: i64,
    start_year: i64,
    base: &str,
) -> Result<std::collections::HashMap<i64, (i64, u64)>> {
    const PAGE: i64 = 20_000;
    let n: i64 = with_db!(db, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM base_entries WHERE org_id = $1 AND start_year = $2 AND base = $3")
        .bind(org).bind(start_year).bind(base).fetch_one(&mut *c).await?);
    let mut out = std::collections::HashMap::with_capacity(usize::try_from(n).unwrap_or(0));
    let mut after = 0i64;
    loop {
        let page: Vec<(i64, i64, EntryFields)> = match db.exec() {
            crate::Exec::Sqlite(c) => {
                let packed: String = sqlx::query_scalar(
                    "SELECT json_group_array(json_array(person_id, id, json_array(status, category, \
                     json(CASE WHEN teacher THEN 'true' ELSE 'false' END), \
                     json(CASE WHEN sensitive THEN 'true' ELSE 'false' END), request, competences, request_source, \
                     form, entry_date, agreement, trained, counterpart, program_dates, results, case_link))) \
                     FROM (SELECT * FROM base_entries WHERE org_id = $1 AND start_year = $2 AND base = $3 AND id > $4 \
                     ORDER BY id LIMIT $5)",
                )
                .bind(org)
                .bind(start_year)
                .bind(base)
                .bind(after)
                .bind(PAGE)
                .fetch_one(&mut *c)
                .await?;
                serde_json::from_str(&packed).map_err(|e| crate::StorageError::Corrupt(e.to_string()))?
            }
            crate::Exec::Postgres(c) => {
                let rows: Vec<EntryRaw> = sqlx::query_as(&format!(
                    "SELECT {ENTRY_RAW_COLS} FROM base_entries \
                     WHERE org_id = $1 AND start_year = $2 AND base = $3 AND id > $4 ORDER BY id LIMIT $5"
                ))
                .bind(org)
                .bind(start_year)
                .bind(base)
                .bind(after)
                .bind(PAGE)
                .fetch_all(&mut *c)
                .await?;
                rows.into_iter().map(|r| (r.person_id, r.id, r.fields)).collect()
            }
        };
        let full = page.len() as i64 == PAGE;
        let last = page.iter().map(|(_, id, _)| *id).max();
        out.extend(
            page.into_iter()
                .map(|(person, id, fields)| (person, (id, fields.fingerprint()))),
        );
        match last {
            Some(last) if full => after = last,
            _ => break,
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct EntryRaw {
    person_id: i64,
    id: i64,
    #[sqlx(flatten)]
    fields: EntryFields,
}

const ENTRY_RAW_COLS: &str = "person_id, id, status, category, teacher, sensitive, request, competences, \
    request_source, form, entry_date, agreement, trained, counterpart, program_dates, results, case_link";

/// A person's entry in a base and year with its fields, if any.
pub async fn fields_of(
    db: &mut impl Db,
    org: i64,
    start_year: i64,
    base: &str,
    person: i64,
) -> Result<Option<(i64, EntryFields)>> {
    let raw: Option<EntryRaw> = with_db!(db, c => sqlx::query_as(&format!(
        "SELECT {ENTRY_RAW_COLS} FROM base_entries \
         WHERE org_id = $1 AND start_year = $2 AND base = $3 AND person_id = $4"))
        .bind(org).bind(start_year).bind(base).bind(person).fetch_optional(&mut *c).await?);
    Ok(raw.map(|r| (r.id, r.fields)))
}

/// An entry of a person in a base and year, if any.
pub async fn find(db: &mut impl Db, org: i64, start_year: i64, base: &str, person: i64) -> Result<Option<i64>> {
    Ok(with_db!(db, c => sqlx::query_scalar(
        "SELECT id FROM base_entries WHERE org_id = $1 AND start_year = $2 AND base = $3 AND person_id = $4")
        .bind(org).bind(start_year).bind(base).bind(person).fetch_optional(&mut *c).await?))
}
