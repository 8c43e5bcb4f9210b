//! tower-sessions store over our `sessions` table. Saving an unchanged session only
//! refreshes its expiry once a minute, so reads do not turn into writes.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use storage::Store;
use storage::repo::sessions;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

/// Seconds an unchanged session's expiry may lag before it is written again.
const TOUCH_EVERY: i64 = 60;
/// How long an expiry-only write waits for the database's writer before it goes to the background.
const TOUCH_WAIT: std::time::Duration = std::time::Duration::from_millis(50);
/// How long a loaded session is served from memory. Logout and disabling an account in this
/// process act at once (the account itself is re-checked on every request); another process
/// (the CLI) is seen within this time.
const READ_TTL: std::time::Duration = std::time::Duration::from_secs(2);

/// The database-backed session store.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    store: Store,
    /// Session id → (hash of data, expiry last written).
    written: Arc<Mutex<HashMap<i128, (u64, i64)>>>,
    /// Session id → (record, when it was read or written).
    recent: Arc<Mutex<HashMap<i128, (Record, std::time::Instant)>>>,
}

impl DbSessionStore {
    /// Wraps a store.
    pub fn new(store: Store) -> Self {
        Self {
            store,
            written: Arc::default(),
            recent: Arc::default(),
        }
    }

    fn keep(&self, record: &Record) {
        if let Ok(mut r) = self.recent.lock() {
            if r.len() > 100_000 {
                r.clear();
            }
            r.insert(record.id.0, (record.clone(), std::time::Instant::now()));
        }
    }

    fn remember(&self, id: Id, hash: u64, expires: i64) {
        if let Ok(mut w) = self.written.lock() {
            if w.len() > 100_000 {
                w.clear();
            }
            w.insert(id.0, (hash, expires));
        }
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

fn encode(record: &Record) -> Result<(String, Option<i64>, u64)> {
    // Keys in order: the record's map iterates in a random order, and the same data must
    // give the same text and hash, or every request would write its session again.
    let sorted: std::collections::BTreeMap<_, _> = record.data.iter().collect();
    let data = serde_json::to_string(&sorted).map_err(|e| Error::Encode(e.to_string()))?;
    let user = record
        .data
        .get(crate::auth::keys::USER)
        .and_then(serde_json::Value::as_i64);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut h);
    Ok((data, user, h.finish()))
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let (data, user, hash) = encode(record)?;
        let expires = record.expiry_date.unix_timestamp();
        let mut tx = self.store.begin().await.map_err(backend)?;
        while !sessions::create(&mut tx, &record.id.to_string(), user, &data, expires)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        tx.commit().await.map_err(backend)?;
        self.remember(record.id, hash, expires);
        self.keep(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let (data, user, hash) = encode(record)?;
        let expires = record.expiry_date.unix_timestamp();
        let last = self.written.lock().ok().and_then(|w| w.get(&record.id.0).copied());
        let fresh = last.is_some_and(|(h, e)| h == hash && expires - e < TOUCH_EVERY);
        let touch = last.is_some_and(|(h, _)| h == hash);
        // Refresh the data but not the age: the database is asked again every READ_TTL, so a
        // session deleted elsewhere ends even while it is in use.
        if let Ok(mut r) = self.recent.lock()
            && let Some(entry) = r.get_mut(&record.id.0)
        {
            entry.0 = record.clone();
        }
        if fresh {
            return Ok(());
        }
        let id = record.id.to_string();
        let save = move |mut tx: storage::Tx| async move {
            sessions::save(&mut tx, &id, user, &data, expires).await?;
            tx.commit().await
        };
        if touch {
            // Only the expiry moves: while another writer holds the database (a long import
            // on SQLite), the page does not wait for it; the touch is written after.
            self.store
                .write_soon(TOUCH_WAIT, "a session's expiry", save)
                .await
                .map_err(backend)?;
        } else {
            let tx = self.store.begin().await.map_err(backend)?;
            save(tx).await.map_err(backend)?;
        }
        self.remember(record.id, hash, expires);
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let cached = self.recent.lock().ok().and_then(|r| r.get(&id.0).cloned());
        if let Some((record, at)) = cached
            && at.elapsed() < READ_TTL
            && record.expiry_date.unix_timestamp() > now
        {
            return Ok(Some(record));
        }
        let mut conn = self.store.read().await.map_err(backend)?;
        let Some(row) = sessions::load(&mut conn, &id.to_string(), now).await.map_err(backend)? else {
            return Ok(None);
        };
        let data = serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp(row.expires_at).map_err(|e| Error::Decode(e.to_string()))?;
        let record = Record {
            id: *id,
            data,
            expiry_date,
        };
        // What the database holds now: an unchanged save within a minute writes nothing.
        let (_, _, hash) = encode(&record)?;
        self.remember(record.id, hash, row.expires_at);
        self.keep(&record);
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        if let Ok(mut w) = self.written.lock() {
            w.remove(&id.0);
        }
        if let Ok(mut r) = self.recent.lock() {
            r.remove(&id.0);
        }
        let mut tx = self.store.begin().await.map_err(backend)?;
        sessions::delete(&mut tx, &id.to_string()).await.map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}

/// Deletes expired sessions every ten minutes.
pub async fn sweep_expired(store: Store) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = chrono::Utc::now().timestamp();
        if let Ok(mut tx) = store.begin().await
            && let Ok(n) = sessions::delete_expired(&mut tx, now).await
            && tx.commit().await.is_ok()
            && n > 0
        {
            tracing::info!(expired_sessions = n, "swept");
        }
    }
}
