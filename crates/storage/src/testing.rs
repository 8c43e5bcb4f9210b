//! Isolated databases for tests: a temp SQLite file, or a fresh PostgreSQL schema
//! in the database named by `NASTAVNIK_TEST_DATABASE_URL`.

use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::Connection;
use sqlx::postgres::PgConnectOptions;

use crate::{Result, Store};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The backends a test should run on: always SQLite, PostgreSQL when configured.
pub fn backends() -> Vec<&'static str> {
    let mut v = vec!["sqlite"];
    if std::env::var("NASTAVNIK_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        v.push("postgres");
    }
    v
}

/// A migrated, empty store on `backend` that no other test sees.
pub async fn fresh_store(backend: &str) -> Result<Store> {
    let store = match backend {
        "postgres" => {
            let url = std::env::var("NASTAVNIK_TEST_DATABASE_URL").unwrap_or_default();
            let schema = unique("t");
            let mut conn = sqlx::PgConnection::connect(&url).await?;
            sqlx::query(&format!("CREATE SCHEMA {schema}"))
                .execute(&mut conn)
                .await?;
            conn.close().await?;
            let opts = PgConnectOptions::from_str(&url)?.options([("search_path", schema.as_str())]);
            Store::connect_postgres(opts).await?
        }
        _ => {
            let dir = std::env::temp_dir().join("nastavnik-tests");
            std::fs::create_dir_all(&dir).map_err(|e| crate::StorageError::Corrupt(e.to_string()))?;
            let path = dir.join(format!("{}.db", unique("t")));
            Store::connect_sqlite(&path.to_string_lossy()).await?
        }
    };
    store.migrate().await?;
    Ok(store)
}

/// Drops the PostgreSQL schema of a store made by [`fresh_store`] (SQLite files stay in the
/// temp directory): test runs leave the shared test database as they found it.
pub async fn drop_store(store: &Store) -> Result<()> {
    let mut conn = store.read().await?;
    if let crate::Exec::Postgres(c) = crate::Db::exec(&mut conn) {
        let schema: String = sqlx::query_scalar("SELECT current_schema()").fetch_one(&mut *c).await?;
        // Only a schema this module made (`t_<pid>_<nanos>_<n>`), never `public`.
        if schema.starts_with("t_") && schema.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_') {
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut *c)
                .await?;
        }
    }
    Ok(())
}

/// A future that turns a panic while it is polled into `Err` with the panic's text.
struct CatchPanic<F>(std::pin::Pin<Box<F>>);

impl<F: Future> Future for CatchPanic<F> {
    type Output = std::result::Result<F::Output, String>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Ready(v)) => std::task::Poll::Ready(Ok(v)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(e) => std::task::Poll::Ready(Err(e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default())),
        }
    }
}

/// Runs `test` once per backend, each run caught on its own: a failure on SQLite does not
/// hide the PostgreSQL result. Every backend's outcome is printed, the schemas are dropped
/// (see [`drop_store`]), and the test fails at the end naming each failed backend.
pub async fn on_each_backend<T, S, F, Fut>(setup: impl Fn(&'static str) -> S, store_of: F, test: impl Fn(T) -> Fut)
where
    S: Future<Output = T>,
    F: Fn(&T) -> Store,
    Fut: Future<Output = ()>,
{
    let mut failed = Vec::new();
    for b in backends() {
        let subject = setup(b).await;
        let store = store_of(&subject);
        let outcome = catch_panic(test(subject)).await;
        if let Err(e) = drop_store(&store).await {
            eprintln!("{b}: the test schema was not dropped: {e}");
        }
        match outcome {
            Ok(()) => eprintln!("{b}: passed"),
            Err(text) => {
                eprintln!("{b}: FAILED: {text}");
                failed.push(b);
            }
        }
    }
    if !failed.is_empty() {
        // A test helper: a failed backend fails the test that called it.
        #[allow(clippy::panic)]
        {
            panic!("failed on {}", failed.join(" and "));
        }
    }
}

/// Runs `f`; a panic inside it becomes `Err` with the panic's text.
pub async fn catch_panic<F: Future>(f: F) -> std::result::Result<F::Output, String> {
    CatchPanic(Box::pin(f)).await
}

/// [`on_each_backend`] over a fresh, migrated store.
pub async fn each_backend<Fut: Future<Output = ()>>(test: impl Fn(&'static str, Store) -> Fut) {
    let setup = |b: &'static str| async move {
        match fresh_store(b).await {
            Ok(store) => (b, store),
            #[allow(clippy::panic)]
            Err(e) => panic!("{b}: no test store: {e}"),
        }
    };
    on_each_backend(setup, |(_, s)| s.clone(), |(b, s)| test(b, s)).await;
}

/// Moves every questionnaire link's expiry into the past (tests of the expired-link page).
pub async fn expire_links(db: &mut impl crate::Db) -> Result<()> {
    let past = chrono::Utc::now() - chrono::Duration::days(1);
    crate::with_db!(db, c => sqlx::query("UPDATE questionnaire_links SET expires_at = $1")
        .bind(past).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Moves every import job's and saved search's expiry into the past (tests of expiry).
pub async fn expire_jobs_and_searches(db: &mut impl crate::Db) -> Result<()> {
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    crate::with_db!(db, c => sqlx::query("UPDATE import_jobs SET expires_at = $1")
        .bind(past).execute(&mut *c).await?.rows_affected());
    crate::with_db!(db, c => sqlx::query("UPDATE saved_searches SET expires_at = $1")
        .bind(past).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// Puts every import job back to `running` with its last sign of life an hour ago, as a
/// server that stopped in the middle of a check leaves it.
pub async fn cut_off_jobs(db: &mut impl crate::Db) -> Result<()> {
    let past = chrono::Utc::now() - chrono::Duration::hours(1);
    crate::with_db!(db, c => sqlx::query("UPDATE import_jobs SET state = 'running', updated_at = $1")
        .bind(past).execute(&mut *c).await?.rows_affected());
    Ok(())
}

/// One letter a case of [`domain::consent_cases::CASES`]: «Кейса», «Кейсб» … are distinct
/// search keys.
const CASE_LETTERS: [&str; 13] = ["а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л", "м", "н"];

fn case_person<'a>(
    last: &'a str,
    key: &'a str,
    birth: chrono::NaiveDate,
    category: domain::CategoryKind,
) -> crate::PersonFields<'a> {
    crate::PersonFields {
        last_name: last.into(),
        first_name: "Тест".into(),
        patronymic: None,
        search_key: key.into(),
        birth_date: Some(birth),
        category,
        details: "{}".into(),
        grade: None,
        place: "".into(),
        phone: None,
        email: None,
        age_exception: false,
    }
}

/// The people of `domain::consent_cases` in a school: for each case a pupil «Кейс<буква>
/// Тест», a parent linked to them and a former one who is not, and the case's processing
/// consents. Returns (person id, last name, case) in the table's order.
pub async fn seed_consent_cases(
    db: &mut impl crate::Db,
    org: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, String, &'static domain::consent_cases::ConsentCase)>> {
    use crate::repo::{consents, persons};
    use domain::consent_cases::{CASES, date};
    let mut people = Vec::new();
    for (case, letter) in CASES.iter().zip(CASE_LETTERS) {
        let last = format!("Кейс{letter}");
        let key = format!("кейс{letter} тест");
        let id = persons::insert(
            db,
            org,
            org,
            &case_person(&last, &key, date(case.birth), domain::CategoryKind::Student),
            now,
        )
        .await?;
        let (one, two) = (format!("родитель{letter} один"), format!("родитель{letter} два"));
        let linked = persons::insert(
            db,
            org,
            org,
            &case_person("Родитель", &one, date((1980, 1, 1)), domain::CategoryKind::Parent),
            now,
        )
        .await?;
        let former = persons::insert(
            db,
            org,
            org,
            &case_person("Родитель", &two, date((1981, 1, 1)), domain::CategoryKind::Parent),
            now,
        )
        .await?;
        persons::link_guardian(db, org, id, linked, "мать", "свидетельство", now).await?;
        for c in case.consents {
            let guardian = c.by_guardian.then_some(if c.linked { linked } else { former });
            let new = crate::NewConsent {
                person_id: id,
                kind: domain::ConsentKind::Processing,
                guardian_id: guardian,
                authority_doc: guardian.map(|_| "свидетельство".into()),
                purpose: "наставничество".into(),
                given_on: date(c.given_on),
                document_ref: "№ 1".into(),
                recorded_by: None,
            };
            let cid = consents::insert(db, org, &new, now).await?;
            if let Some(w) = c.withdrawn_on {
                consents::withdraw(db, org, id, cid, date(w), "заявление").await?;
            }
        }
        people.push((id, last, case));
    }
    Ok(people)
}
