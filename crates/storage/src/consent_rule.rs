//! The consent rule in SQL: the one fragment that every list, count, export and gate of
//! the storage uses. It sums a person's processing consents up into the three columns of
//! `domain::ConsentSummary` and turns them into the status code that
//! `domain::ConsentStatus::decide` gives for them; the conformance tests run the table of
//! `domain::consent_cases` through both and on both databases.
//!
//! Dates and school ids are written into the text (they come from `NaiveDate` and `i64`,
//! never from a user), so the fragment composes with any query builder.

use chrono::NaiveDate;
use domain::age::adult_born_on_or_before;

fn day(d: NaiveDate) -> String {
    d.format("'%Y-%m-%d'").to_string()
}

/// ` LEFT JOIN (…) cs ON cs.person_id = {person}.id`: the processing consents of the
/// people of `orgs`, summed up on `today` into `cs.own_on`, `cs.guardian_on` (signed by a
/// guardian who still represents the person) and `cs.withdrawn_any` (1 if one was
/// withdrawn on or before `today`).
pub(crate) fn summary_join(person: &str, orgs: &[i64], today: NaiveDate) -> String {
    summary_join_of(person, orgs, today, None)
}

/// [`summary_join`] summing up only the consents of the people `ids` selects (a
/// subquery): a page of a list reads its 50 people's consents, not the whole school's.
pub(crate) fn summary_join_of(person: &str, orgs: &[i64], today: NaiveDate, ids: Option<&str>) -> String {
    let today = day(today);
    let only = ids.map(|q| format!(" AND c.person_id IN ({q})")).unwrap_or_default();
    let orgs = if orgs.is_empty() {
        "NULL".to_string()
    } else {
        orgs.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
    };
    let in_force = format!("c.given_on <= {today} AND (c.withdrawn_on IS NULL OR c.withdrawn_on > {today})");
    format!(
        " LEFT JOIN (SELECT c.person_id, \
         MAX(CASE WHEN c.guardian_id IS NULL AND {in_force} THEN c.given_on END) AS own_on, \
         MAX(CASE WHEN g.id IS NOT NULL AND {in_force} THEN c.given_on END) AS guardian_on, \
         MAX(CASE WHEN c.withdrawn_on <= {today} THEN 1 ELSE 0 END) AS withdrawn_any \
         FROM consents c LEFT JOIN guardianships g ON g.minor_id = c.person_id AND g.guardian_id = c.guardian_id \
         WHERE c.kind = 'processing' AND c.org_id IN ({orgs}){only} GROUP BY c.person_id) cs ON cs.person_id = {person}.id"
    )
}

/// The status code (`domain::ConsentStatus::code`) of `{person}` from the `cs` of
/// [`summary_join`]: the SQL form of `domain::ConsentStatus::decide`.
pub(crate) fn status(person: &str, today: NaiveDate) -> String {
    let cutoff = day(adult_born_on_or_before(today));
    format!(
        "(CASE WHEN {person}.birth_date > {cutoff} THEN \
         (CASE WHEN cs.guardian_on IS NOT NULL THEN 'valid' WHEN cs.withdrawn_any = 1 THEN 'withdrawn' \
         ELSE 'missing_guardian' END) \
         ELSE (CASE WHEN cs.own_on IS NOT NULL THEN 'valid' WHEN cs.guardian_on IS NOT NULL THEN 'turned_adult' \
         WHEN cs.withdrawn_any = 1 THEN 'withdrawn' ELSE 'missing' END) END)"
    )
}

/// The status of the base entry `{entry}` of `{person}` as lists show, filter and count it:
/// the SQL form of `domain::EntryStatus::effective` (no «ожидает пары» without a consent).
pub(crate) fn entry_status(entry: &str, person: &str, today: NaiveDate) -> String {
    format!(
        "(CASE WHEN {entry}.status = 'in_base' AND {} <> 'valid' THEN 'candidate' ELSE {entry}.status END)",
        status(person, today)
    )
}

/// What a list is filtered by, as to the consent rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentFilter {
    /// Covered by a consent in force.
    Valid,
    /// Not covered, for whatever reason.
    NotValid,
    /// Exactly this status.
    Is(domain::ConsentStatus),
}

impl ConsentFilter {
    /// ` AND …` for a `WHERE` over `{person}` joined with [`summary_join`].
    pub(crate) fn condition(self, person: &str, today: NaiveDate) -> String {
        let s = status(person, today);
        match self {
            Self::Valid => format!(" AND {s} = 'valid'"),
            Self::NotValid => format!(" AND {s} <> 'valid'"),
            Self::Is(st) => format!(" AND {s} = '{}'", st.code()),
        }
    }
}
