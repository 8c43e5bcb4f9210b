//! A tiny time-bounded cache for rows read on every request.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Values kept for `ttl`, then read again.
#[derive(Debug, Clone)]
pub(crate) struct Ttl<K, V> {
    ttl: Duration,
    map: Arc<Mutex<HashMap<K, (Instant, V)>>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Ttl<K, V> {
    /// An empty cache.
    pub(crate) fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            map: Arc::default(),
        }
    }

    /// A fresh value, if any.
    pub(crate) fn get(&self, k: &K) -> Option<V> {
        let map = self.map.lock().ok()?;
        map.get(k)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    /// Stores a value.
    pub(crate) fn put(&self, k: K, v: V) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() > 50_000 {
                map.clear();
            }
            map.insert(k, (Instant::now(), v));
        }
    }

    /// Forgets a value (after a change).
    pub(crate) fn forget(&self, k: &K) {
        if let Ok(mut map) = self.map.lock() {
            map.remove(k);
        }
    }
}
