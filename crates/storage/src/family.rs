//! What a guardian's own page reads: the questionnaire links addressed to them.

use chrono::{DateTime, Utc};

use crate::bases::LinkRow;
use crate::{Db, Result, with_db};

/// An unanswered questionnaire link addressed to a respondent, with the entry it fills.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OpenLinkRow {
    /// Link id (the guardian opens it by this number, signed in; the token is not stored).
    pub id: i64,
    /// The participant the entry is of.
    pub person_id: i64,
    /// `mentors` or `mentees`.
    pub base: String,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
}

/// A link of a school by its number.
pub async fn link(db: &mut impl Db, org: i64, id: i64) -> Result<Option<LinkRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT id, org_id, entry_id, respondent_id, expires_at, used_at FROM questionnaire_links WHERE org_id = $1 AND id = $2")
        .bind(org).bind(id).fetch_optional(&mut *c).await?))
}

/// The unanswered links of a school addressed to `respondent`, oldest first (expired ones
/// too: the caller compares with its clock).
pub async fn unanswered_links(db: &mut impl Db, org: i64, respondent: i64) -> Result<Vec<OpenLinkRow>> {
    Ok(with_db!(db, c => sqlx::query_as(
        "SELECT l.id, e.person_id, e.base, l.expires_at FROM questionnaire_links l \
         JOIN base_entries e ON e.id = l.entry_id AND e.org_id = l.org_id \
         WHERE l.org_id = $1 AND l.respondent_id = $2 AND l.used_at IS NULL ORDER BY l.id")
        .bind(org).bind(respondent).fetch_all(&mut *c).await?))
}
