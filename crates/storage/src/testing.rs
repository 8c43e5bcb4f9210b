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
