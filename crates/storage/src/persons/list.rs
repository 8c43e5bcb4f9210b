//! The participants list with search and filters, the dashboard counts and the consent
//! statuses of a school, all by the one consent rule (`consent_rule`).

use sqlx::QueryBuilder;

use super::*;
use crate::consent_rule::{self, ConsentFilter};

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
