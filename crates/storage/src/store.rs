//! Connecting, migrating and handing out connections and transactions.

use std::str::FromStr;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::{Result, StorageError};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// The database: SQLite (one writer connection, several readers) or a PostgreSQL pool.
#[derive(Debug, Clone)]
pub enum Store {
    /// SQLite: writes go through a single connection so writers queue instead of failing busy.
    Sqlite {
        /// Readers.
        read: SqlitePool,
        /// The one writer.
        write: SqlitePool,
    },
    /// PostgreSQL.
    Postgres(PgPool),
}

/// A borrowed connection of either backend, what [`crate::with_db!`] matches on.
pub enum Exec<'a> {
    /// SQLite connection.
    Sqlite(&'a mut SqliteConnection),
    /// PostgreSQL connection.
    Postgres(&'a mut PgConnection),
}

/// Anything repository functions can run on: a transaction or a pooled connection.
pub trait Db: Send {
    /// The connection to run a statement on.
    fn exec(&mut self) -> Exec<'_>;
}

/// An open transaction; dropped without [`Tx::commit`] it rolls back.
pub enum Tx {
    /// SQLite transaction.
    Sqlite(Transaction<'static, Sqlite>),
    /// PostgreSQL transaction.
    Postgres(Transaction<'static, Postgres>),
}

/// A pooled connection for reads outside a transaction.
pub enum Conn {
    /// SQLite connection.
    Sqlite(PoolConnection<Sqlite>),
    /// PostgreSQL connection.
    Postgres(PoolConnection<Postgres>),
}

impl Db for Tx {
    fn exec(&mut self) -> Exec<'_> {
        match self {
            Tx::Sqlite(t) => Exec::Sqlite(&mut *t),
            Tx::Postgres(t) => Exec::Postgres(&mut *t),
        }
    }
}

impl Db for Conn {
    fn exec(&mut self) -> Exec<'_> {
        match self {
            Conn::Sqlite(c) => Exec::Sqlite(&mut *c),
            Conn::Postgres(c) => Exec::Postgres(&mut *c),
        }
    }
}

impl Tx {
    /// In a transaction of [`Store::begin_bulk`], checks the foreign keys of `tables` at
    /// once (SQLite checked none row by row); an unmatched key is an error. Elsewhere the
    /// database has checked every row already.
    pub async fn check_foreign_keys(&mut self, tables: &[&str]) -> Result<()> {
        let Tx::Sqlite(t) = self else { return Ok(()) };
        for table in tables {
            if !table.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
                    "foreign key check of {table:?}"
                ))));
            }
            let bad: Vec<(String, i64)> = sqlx::query_as(&format!(
                "SELECT \"table\", rowid FROM pragma_foreign_key_check('{table}') LIMIT 3"
            ))
            .fetch_all(&mut **t)
            .await?;
            if let Some((parent, row)) = bad.first() {
                return Err(StorageError::Corrupt(format!(
                    "{table} row {row} refers to a missing row of {parent}"
                )));
            }
        }
        Ok(())
    }

    /// Commits the transaction.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl Store {
    /// Opens the database named by `url` (`sqlite:path`, a bare path, or `postgres://…`).
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?;
            Self::connect_postgres(opts).await
        } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            Self::connect_sqlite(path).await
        } else if !url.contains("://") {
            Self::connect_sqlite(url).await
        } else {
            Err(StorageError::UnknownScheme(
                url.split("://").next().unwrap_or_default().to_string(),
            ))
        }
    }

    /// Opens PostgreSQL with the given options.
    pub async fn connect_postgres(opts: PgConnectOptions) -> Result<Self> {
        // No JIT: the queries here are short, and the ones over a whole base (export) cross
        // its cost threshold only to spend 0.7 s compiling for a 1 s query.
        let opts = opts.options([("jit", "off")]);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // No ping before each use: it was a round trip per request. A connection that
            // died (a server restart) fails its next query once and leaves the pool.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(opts)
            .await?;
        Ok(Self::Postgres(pool))
    }

    /// Opens (creating if needed) an SQLite file with WAL, `synchronous=FULL`, foreign keys
    /// and a busy timeout: consents are legal records and must survive a power cut.
    pub async fn connect_sqlite(path: &str) -> Result<Self> {
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || path.contains(":memory:") {
            // A pool of in-memory databases is one empty database per connection.
            return Err(StorageError::UnknownScheme("sqlite::memory: (use a file path)".into()));
        }
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-16000")
            // Statement journals (every multi-row insert of an import keeps one, to undo just
            // that statement) and sorts in memory instead of temporary files: writing them
            // was a sixth of a 100,000-row import.
            .pragma("temp_store", "memory");
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            // A bulk transaction turns foreign keys off (`begin_bulk`); whatever way it ends,
            // the writer has them on again before anyone else gets it.
            .after_release(|conn, _| {
                Box::pin(async move {
                    sqlx::Executor::execute(&mut *conn, "PRAGMA foreign_keys = ON").await?;
                    Ok(true)
                })
            })
            .connect_with(opts.clone())
            .await?;
        // The writer created the file; readers share it (WAL lets them run beside the writer).
        // Four readers by default: on 2 cores 1 reader gave 1,250 req/s on the list page, 2 gave
        // 1,700, 4 gave 2,200-2,400 and 8 no more (bench/load.sh). Tunable for bigger machines.
        let readers = std::env::var("NASTAVNIK_SQLITE_READERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(4u32);
        let read = SqlitePoolOptions::new()
            .max_connections(readers.max(1))
            .min_connections(1)
            // A file connection does not go stale; a ping is a trip to its worker thread.
            .test_before_acquire(false)
            .connect_with(opts)
            .await?;
        Ok(Self::Sqlite { read, write })
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite { .. } => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Self::Sqlite { write, .. } => sqlx::migrate!("migrations/sqlite").run(write).await?,
            Self::Postgres(pool) => sqlx::migrate!("migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// A transaction that writes tens of thousands of rows (an import). On SQLite, foreign
    /// keys are off for it and [`Tx::check_foreign_keys`] checks them once before the
    /// commit: checked row by row they made SQLite keep a statement journal for every
    /// multi-row statement, a sixth of a 100,000-row import. PostgreSQL: [`Store::begin`].
    pub async fn begin_bulk(&self) -> Result<Tx> {
        Ok(match self {
            // `foreign_keys` cannot change inside a transaction: it goes before the BEGIN.
            Self::Sqlite { write, .. } => Tx::Sqlite(write.begin_with("PRAGMA foreign_keys = OFF; BEGIN").await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Runs `write` in a write transaction, which it commits. When the writer is not free
    /// within `wait` (a long import on SQLite, where writes take turns), `write` runs in a
    /// background task once it is, and this returns at once; a failure there is logged as
    /// `what`. For writes a reader must not wait for: a view's audit entry, a session's touch.
    pub async fn write_soon<F, Fut>(&self, wait: std::time::Duration, what: &'static str, write: F) -> Result<()>
    where
        F: FnOnce(Tx) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Result<()>> + Send,
    {
        match tokio::time::timeout(wait, self.begin()).await {
            Ok(tx) => write(tx?).await,
            Err(_) => {
                let store = self.clone();
                tokio::spawn(async move {
                    let written = match store.begin().await {
                        Ok(tx) => write(tx).await,
                        Err(e) => Err(e),
                    };
                    if let Err(e) = written {
                        tracing::error!(error = %e, what, "a deferred write failed");
                    }
                });
                Ok(())
            }
        }
    }

    /// Begins a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Self::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<Conn> {
        Ok(match self {
            Self::Sqlite { read, .. } => Conn::Sqlite(read.acquire().await?),
            Self::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
        })
    }

    /// Checks the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        let mut c = self.read().await?;
        crate::with_db!(&mut c, c => { sqlx::query("SELECT 1").execute(&mut *c).await?.rows_affected(); });
        Ok(())
    }

    /// Refreshes the planner statistics (after bulk loads, so the first queries get good plans).
    /// On PostgreSQL only the tables of the schema in use: a bare `ANALYZE` takes every table
    /// of the database, and in one transaction a database of many schemas (the test database
    /// has one per test) runs out of lock slots.
    pub async fn analyze(&self) -> Result<()> {
        if let Self::Postgres(pool) = self {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()")
                    .fetch_all(pool)
                    .await?;
            if !tables.is_empty() {
                sqlx::query(&format!("ANALYZE {}", tables.join(", ")))
                    .execute(pool)
                    .await?;
            }
            return Ok(());
        }
        let mut tx = self.begin().await?;
        crate::with_db!(&mut tx, c => sqlx::query("ANALYZE").execute(&mut *c).await?.rows_affected());
        tx.commit().await
    }

    /// Refreshes PostgreSQL's planner statistics of `tables` after a bulk write: a table
    /// planned as it was before (empty, say) gets nested loops over 100,000 rows — the export
    /// right after a 100,000-row import took 5 minutes instead of 2 seconds — and autovacuum
    /// comes a minute later, if it is on. SQLite keeps no statistics until [`Store::analyze`],
    /// and plans well without: nothing to do there. `tables` are identifiers from code.
    pub async fn analyze_tables(&self, tables: &[&str]) -> Result<()> {
        let Self::Postgres(pool) = self else {
            return Ok(());
        };
        if tables.is_empty()
            || !tables
                .iter()
                .all(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        {
            return Err(StorageError::Database(sqlx::Error::InvalidArgument(format!(
                "bad tables to analyze: {tables:?}"
            ))));
        }
        sqlx::query(&format!("ANALYZE {}", tables.join(", ")))
            .execute(pool)
            .await?;
        Ok(())
    }

    /// Writes a consistent copy of an SQLite database to `dest` (`VACUUM INTO`).
    pub async fn backup_sqlite(&self, dest: &str) -> Result<bool> {
        match self {
            Self::Sqlite { write, .. } => {
                sqlx::query("VACUUM INTO $1").bind(dest).execute(write).await?;
                Ok(true)
            }
            Self::Postgres(_) => Ok(false),
        }
    }

    /// Closes every connection (graceful shutdown).
    pub async fn close(&self) {
        match self {
            Self::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Self::Postgres(pool) => pool.close().await,
        }
    }
}
