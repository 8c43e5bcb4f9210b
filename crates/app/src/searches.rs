//! Saved searches: a list's search box posts the typed text, which is kept behind a random
//! id for [`SEARCH_KEEP`]; the list's URL then carries the id, never a name (URLs end up in
//! logs, histories and bookmarks). Only the account that typed the text can use its id.

use storage::repo::searches;

use crate::jobs::{owner, random_id};
use crate::{Actor, App, Result};

/// How long a saved search answers.
pub const SEARCH_KEEP: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// Longest search text kept, in characters (a name is far shorter).
const MAX_CHARS: usize = 200;

/// The same text searched again within this much of its expiry gets a new id, so a
/// bookmark made now keeps its text for about a day.
const REUSE_MARGIN: chrono::TimeDelta = chrono::TimeDelta::hours(12);

impl App {
    /// Keeps the text typed into a list's search box; its id, or `None` for blank text.
    /// The same text of the same account gives the same id while it has long to live.
    pub async fn save_search(&self, actor: &Actor, text: &str) -> Result<Option<String>> {
        let text: String = text.trim().chars().take(MAX_CHARS).collect();
        if text.is_empty() {
            return Ok(None);
        }
        let who = owner(actor)?;
        let now = self.now();
        let mut tx = self.store.begin().await?;
        if let Some(id) = searches::find(&mut tx, who, &text, now + REUSE_MARGIN).await? {
            return Ok(Some(id));
        }
        let id = random_id();
        searches::insert(&mut tx, &id, who, &text, now, now + SEARCH_KEEP).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// The text behind a search id: `None` when it expired or is another account's.
    pub async fn saved_search(&self, actor: &Actor, id: &str) -> Result<Option<String>> {
        let Ok(who) = owner(actor) else { return Ok(None) };
        let mut c = self.store.read().await?;
        Ok(searches::text(&mut c, id, who, self.now()).await?)
    }
}
