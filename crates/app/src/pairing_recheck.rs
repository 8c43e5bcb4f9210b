//! What an approval checks again in its transaction besides the consents: rounds sent at
//! the same time (two of a school, or a school's and the municipality's) may have given
//! the same mentee a pair of the same form, or the same mentor more mentees than places,
//! by the time the second one is approved. Each refusal names the person.

use std::collections::{BTreeMap, HashMap};

use domain::Violation;
use domain::Violations;
use domain::base::{BaseKind, Form, Labelled};
use domain::questionnaire::Answers;
use storage::repo::{bases, pairing};

use crate::Result;
use crate::pairing_order::SentRow;

/// Refuses a mentee another approved round has paired in the same form.
pub(crate) async fn refuse_paired(db: &mut impl storage::Db, org: i64, rows: &[SentRow]) -> Result<()> {
    let paired = pairing::paired_mentees(db, org).await?;
    let mut twice = Violations::default();
    let same_form = |r: &&SentRow| {
        paired.iter().any(|(mentee, form)| {
            *mentee == r.mentee.person && form.as_deref().and_then(Form::from_code).map_or("", |f| f.label()) == r.form
        })
    };
    for r in rows.iter().filter(same_form) {
        twice.push(
            Violation::new("mentee", "err-pairing-in-pair")
                .arg("name", r.mentee.name.clone())
                .arg("form", r.form),
        );
    }
    if twice.is_empty() { Ok(()) } else { Err(twice.into()) }
}

/// Refuses a mentor whose places the orders since sending have taken: the mentees already
/// in the mentor's pairs (any school's orders) and those of this round beyond the places
/// the mentor's questionnaire offers (the engine's rule, `matching::places`).
pub(crate) async fn refuse_full(
    db: &mut impl storage::Db,
    rows: &[SentRow],
    (start_year, today): (i64, chrono::NaiveDate),
) -> Result<()> {
    let mut asked: BTreeMap<(i64, i64), (&SentRow, u32)> = BTreeMap::new();
    for r in rows {
        asked.entry((r.mentor_org, r.mentor.person)).or_insert((r, 0)).1 += 1;
    }
    // In (school, mentor) order, so that two approvals never wait for each other in a circle.
    for &(org, mentor) in asked.keys() {
        storage::repo::pairing_parts::lock_mentor(db, (org, start_year), mentor).await?;
    }
    let mut loads: HashMap<i64, HashMap<i64, u32>> = HashMap::new();
    let mut offered: HashMap<i64, HashMap<i64, u32>> = HashMap::new();
    let mut full = Violations::default();
    for ((org, mentor), (row, count)) in asked {
        if let std::collections::hash_map::Entry::Vacant(slot) = loads.entry(org) {
            slot.insert(pairing::mentees_per_mentor(db, org).await?);
            let filter = storage::EntryFilter {
                org_ids: vec![org],
                start_year,
                base: BaseKind::Mentors.code().into(),
                sort: "name".into(),
                today,
                ..Default::default()
            };
            let places = bases::list(db, &filter)
                .await?
                .into_iter()
                .map(|e| (e.person_id, places_of(&e.answers)))
                .collect();
            offered.insert(org, places);
        }
        let taken = loads[&org].get(&mentor).copied().unwrap_or(0);
        let places = offered[&org].get(&mentor).copied().unwrap_or(1);
        if taken + count > places {
            full.push(
                Violation::new("mentor", "err-pairing-approve-places")
                    .arg("name", row.mentor.name.clone())
                    .arg("places", places)
                    .arg("taken", taken)
                    .arg("asked", count),
            );
        }
    }
    if full.is_empty() { Ok(()) } else { Err(full.into()) }
}

/// The places a mentor's questionnaire offers, by the engine's rule (several only in a group).
fn places_of(answers: &str) -> u32 {
    let a: Answers = serde_json::from_str(answers).unwrap_or_default();
    let profile = matching::MentorProfile {
        kinds: a
            .kinds
            .iter()
            .map(|&k| crate::pairing_profiles::engine_kind(k))
            .collect(),
        capacity: u32::from(a.capacity.unwrap_or(1)),
        ..Default::default()
    };
    matching::places(&profile)
}
