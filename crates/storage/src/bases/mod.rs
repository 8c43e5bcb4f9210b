//! The bases of mentors and mentees: entries per person, base and academic year, with the
//! person's columns joined in; questionnaire links; the school's own questions; requests
//! from third parties.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use crate::consent_rule::{self, ConsentFilter};

mod existing;
mod links;
mod referrals;
mod writes;

use crate::{Db, Result, with_db};
pub use existing::*;
pub use links::*;
pub use referrals::*;
pub use writes::*;

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
