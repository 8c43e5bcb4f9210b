//! The proposal of a draft round: the engine run over the field with the round's settings
//! and everything the people said — the curator's pins and exclusions, the mentees'
//! choices, the mutual ranking after the group meeting — with every term of a score and
//! every mentee left out in words, and the stability check of the result.

use std::collections::{BTreeMap, HashMap, HashSet};

use domain::base::Labelled;
use domain::pairing::{Decision, Objective};
use matching::{Algorithm, Compatibility, Lang, MenteeProfile, MentorProfile, Rules};
use storage::repo::{pairing, pairing_meeting};

use crate::pairing::{
    Attendee, DecisionView, LeftMentee, Meeting, OfferView, ProposedGroup, ProposedMentee, RoundView, Side,
};
use crate::pairing_profiles::{Field, engine_weights};

/// How many full mentors a waiting mentee's reason names (with who took their places).
const SHOWN_FULL_MENTORS: usize = 3;

/// What the people of a round said: the curator's decisions, who came to the group
/// meeting and whom each ranked, the candidates offered to mentees, the psychologist's flags.
#[derive(Default)]
pub(crate) struct Said {
    pub(crate) decisions: Vec<pairing::DecisionRow>,
    pub(crate) attendance: HashSet<i64>,
    pub(crate) ranks: BTreeMap<i64, Vec<i64>>,
    pub(crate) offers: Vec<pairing_meeting::Offer>,
    pub(crate) support: HashSet<i64>,
}

impl Said {
    /// Everything said in a round of the school.
    pub(crate) async fn read(db: &mut impl storage::Db, org: i64, round: i64) -> crate::Result<Self> {
        Ok(Self {
            decisions: pairing::decisions(db, org, round).await?,
            attendance: pairing_meeting::attendance(db, org, round).await?,
            ranks: pairing_meeting::ranks(db, org, round).await?,
            offers: pairing_meeting::offers(db, org, round).await?,
            support: pairing_meeting::support(db, org).await?,
        })
    }
}

/// A pin the rules allow: the model's hard rules and the mentor's places (pins of other
/// mentees to the same mentor count). The refusal names the rule or the mentor.
pub(crate) fn check_pin(
    field: &Field,
    decisions: &[pairing::DecisionRow],
    (mentee, mentor): (i64, i64),
) -> crate::Result<()> {
    let e = field
        .mentees
        .iter()
        .find(|e| e.id == mentee as u64)
        .ok_or(crate::AppError::NotFound)?;
    let r = field
        .mentors
        .iter()
        .find(|r| r.id == mentor as u64)
        .ok_or(crate::AppError::NotFound)?;
    if let Err(rule) = matching::admissible(e, r, field.scope) {
        return Err(domain::Violation::new("mentor", "err-pairing-rule")
            .arg("rule", rule.describe(Lang::Ru))
            .into());
    }
    let pinned = decisions
        .iter()
        .filter(|d| d.kind == Decision::Pin && d.mentor == mentor && d.mentee != mentee)
        .count();
    let places = matching::places(r);
    if pinned as u32 >= places {
        return Err(domain::Violation::new("mentor", "err-pairing-full")
            .arg("mentor", field.people[&mentor].name.clone())
            .arg("places", places)
            .into());
    }
    Ok(())
}

/// The terms of a score in words; the competences term lists the mentee's own words that
/// met the mentor's competences (the engine compares stems).
pub(crate) fn terms(field: &Field, e: &MenteeProfile, r: &MentorProfile, c: &Compatibility) -> Vec<String> {
    let words = field.words.get(&(e.id as i64));
    c.criteria
        .iter()
        .filter(|c| c.points > 0)
        .map(|c| {
            let mut c = c.clone();
            if c.key == "crit-competences"
                && let Some(words) = words
            {
                let matched: Vec<&str> = e
                    .request
                    .intersection(&r.competences)
                    .filter_map(|s| words.get(s).map(String::as_str))
                    .collect();
                for arg in c.args.iter_mut().filter(|a| a.0 == "list") {
                    arg.1 = if matched.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", matched.join(", "))
                    };
                }
            }
            c.describe(Lang::Ru)
        })
        .collect()
}

/// Gives each side's ranking after the group meeting to the engine as its choices.
fn with_choices(field: &mut Field, ranks: &BTreeMap<i64, Vec<i64>>) {
    let of = |id: u64| -> Vec<u64> {
        ranks
            .get(&(id as i64))
            .map(|c| c.iter().map(|&x| x as u64).collect())
            .unwrap_or_default()
    };
    for e in &mut field.mentees {
        e.choices = of(e.id);
    }
    for r in &mut field.mentors {
        r.choices = of(r.id);
    }
}

/// The engine's rules from the curator's decisions, and each decision as the page shows
/// it. A pin the rules no longer allow (a consent withdrawn, a status changed) is shown
/// with its rule and left out of the run, never silently kept.
fn rules_of(field: &Field, decisions: &[pairing::DecisionRow]) -> (Rules, Vec<DecisionView>) {
    let mentee_at: HashMap<u64, &MenteeProfile> = field.mentees.iter().map(|e| (e.id, e)).collect();
    let mentor_at: HashMap<u64, &MentorProfile> = field.mentors.iter().map(|r| (r.id, r)).collect();
    let mut rules = Rules {
        scope: field.scope,
        ..Rules::default()
    };
    let mut shown = Vec::new();
    let mut room: HashMap<u64, u32> = field.mentors.iter().map(|r| (r.id, matching::places(r))).collect();
    for d in decisions {
        let (e, r) = (mentee_at.get(&(d.mentee as u64)), mentor_at.get(&(d.mentor as u64)));
        let broken = match (d.kind, e, r) {
            (_, None, _) | (_, _, None) => Some(Lang::Ru.text("ex-no-places", &[])),
            (Decision::Exclude, Some(_), Some(_)) => None,
            (Decision::Pin, Some(e), Some(r)) => match matching::admissible(e, r, field.scope) {
                Err(x) => Some(x.describe(Lang::Ru)),
                Ok(()) if room.get(&r.id).copied().unwrap_or(0) == 0 => Some(Lang::Ru.text("ex-no-places", &[])),
                Ok(()) => None,
            },
        };
        if broken.is_none() {
            match d.kind {
                Decision::Pin => {
                    rules.pins.push((d.mentee as u64, d.mentor as u64));
                    if let Some(n) = room.get_mut(&(d.mentor as u64)) {
                        *n -= 1;
                    }
                }
                Decision::Exclude => rules.exclusions.push((d.mentee as u64, d.mentor as u64)),
            }
        }
        shown.push(DecisionView {
            mentee: field.side(d.mentee),
            mentor: field.side(d.mentor),
            kind: d.kind,
            broken,
        });
    }
    (rules, shown)
}

/// The engine's problem for a round as it stands (`nastavnik match` reads it from a file),
/// and how long the engine's own `propose` takes on the same profiles (scores, rules,
/// pairing and the reasons of those left out): what the round's page adds to is measured
/// against both.
pub(crate) fn instance(
    round: &storage::repo::pairing::Round,
    mut field: Field,
    said: &Said,
) -> (matching::Instance, std::time::Duration) {
    with_choices(&mut field, &said.ranks);
    let (rules, _) = rules_of(&field, &said.decisions);
    let weights = engine_weights(&round.weights);
    let started = std::time::Instant::now();
    let _ = matching::propose(
        &field.mentees,
        &field.mentors,
        &weights,
        &rules,
        algorithm(round.objective),
    );
    let took = started.elapsed();
    let inst = matching::instance_of(&field.mentees, &field.mentors, &weights, &rules)
        .unwrap_or_else(|_| matching::Instance::from_scores(0, Vec::new(), Vec::new()));
    (inst, took)
}

/// The engine's algorithm for what the round puts first.
fn algorithm(objective: Objective) -> Algorithm {
    match objective {
        Objective::Score => Algorithm::Optimal(matching::Objective::Score),
        Objective::Count => Algorithm::Optimal(matching::Objective::Participants),
        Objective::Stable => Algorithm::Stable,
    }
}

/// Runs the engine over the field with the round's settings and what was said.
pub(crate) fn propose(round: storage::repo::pairing::Round, mut field: Field, said: Said) -> RoundView {
    with_choices(&mut field, &said.ranks);
    let field = field;
    let mentee_at: HashMap<u64, &MenteeProfile> = field.mentees.iter().map(|e| (e.id, e)).collect();
    let mentor_at: HashMap<u64, &MentorProfile> = field.mentors.iter().map(|r| (r.id, r)).collect();
    let person = |id: i64| field.side(id);
    let (rules, shown) = rules_of(&field, &said.decisions);
    let algorithm = algorithm(round.objective);
    let weights = engine_weights(&round.weights);
    let proposal =
        matching::propose(&field.mentees, &field.mentors, &weights, &rules, algorithm).unwrap_or(matching::Proposal {
            pairs: Vec::new(),
            left: Vec::new(),
            blocking: Vec::new(),
        });
    let mut by_mentor: BTreeMap<(String, i64), Vec<ProposedMentee>> = BTreeMap::new();
    for p in &proposal.pairs {
        let (mentee, mentor) = (p.mentee as i64, p.mentor as i64);
        let terms = match (mentee_at.get(&p.mentee), mentor_at.get(&p.mentor)) {
            (Some(e), Some(r)) => terms(&field, e, r, &p.compatibility),
            _ => Vec::new(),
        };
        let m = person(mentor);
        by_mentor.entry((m.name, mentor)).or_default().push(ProposedMentee {
            who: person(mentee),
            request: field.requests.get(&mentee).cloned().unwrap_or_default(),
            score: p.compatibility.score,
            terms,
            pinned: p.pinned,
            form: field.forms.get(&mentee).copied(),
        });
    }
    let groups = by_mentor
        .into_iter()
        .map(|((_, mentor), mentees)| {
            let form = mentees.first().and_then(|m| m.form).map_or("", |f| f.label());
            ProposedGroup {
                mentor: person(mentor),
                form,
                places: mentor_at.get(&(mentor as u64)).map_or(1, |r| matching::places(r)),
                mentees,
            }
        })
        .collect();
    let name = |id: u64| person(id as i64).name;
    let mut left: Vec<LeftMentee> = proposal
        .left
        .iter()
        .map(|l| LeftMentee {
            who: person(l.mentee as i64),
            reason: l.describe_at_most(Lang::Ru, &name, SHOWN_FULL_MENTORS),
            waiting_since: field.waiting_since.get(&(l.mentee as i64)).copied(),
            waited_days: field
                .waiting_since
                .get(&(l.mentee as i64))
                .map(|d| (field.today - *d).num_days().max(0)),
            support: said.support.contains(&(l.mentee as i64)),
        })
        .collect();
    // The waiting list: the longest waiting first.
    left.sort_by(|a, b| {
        let since = |l: &LeftMentee| l.waiting_since.unwrap_or(chrono::NaiveDate::MAX);
        since(a).cmp(&since(b)).then_with(|| a.who.name.cmp(&b.who.name))
    });
    let by_name = |ids: &mut dyn Iterator<Item = i64>| {
        let mut v: Vec<Side> = ids.map(person).collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    };
    let mentees = by_name(&mut field.mentees.iter().map(|e| e.id as i64));
    let mentors = by_name(&mut field.mentors.iter().map(|r| r.id as i64));
    let attendee = |who: &Side| Attendee {
        who: who.clone(),
        present: said.attendance.contains(&who.person),
        ranks: said
            .ranks
            .get(&who.person)
            .map(|c| c.iter().map(|&id| person(id)).collect())
            .unwrap_or_default(),
    };
    let meeting = Meeting {
        mentees: mentees.iter().map(attendee).collect(),
        mentors: mentors.iter().map(attendee).collect(),
    };
    let mut offers: Vec<OfferView> = Vec::new();
    for o in &said.offers {
        if offers.last().is_none_or(|v| v.mentee.person != o.mentee_id) {
            offers.push(OfferView {
                mentee: person(o.mentee_id),
                candidates: Vec::new(),
            });
        }
        if let Some(v) = offers.last_mut() {
            v.candidates.push((person(o.mentor_id), o.chosen_at.is_some()));
        }
    }
    let stability = (round.objective == Objective::Stable || !said.ranks.is_empty()).then(|| {
        proposal
            .blocking
            .iter()
            .map(|&(e, r)| (person(e as i64), person(r as i64)))
            .collect()
    });
    RoundView {
        year: domain::AcademicYear::starting(round.start_year as i32),
        round,
        groups,
        left,
        mentees,
        mentors,
        decisions: shown,
        sent: Vec::new(),
        order: None,
        meeting,
        offers,
        stability,
        municipal: false,
        parts: Vec::new(),
        schools: field.schools.clone(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{NaiveDate, Utc};
    use domain::pairing::{Objective, RoundState, Weights};
    use matching::{MenteeProfile, MentorProfile, MentoringForm};

    use super::*;

    fn round(objective: Objective) -> storage::repo::pairing::Round {
        storage::repo::pairing::Round {
            id: 1,
            org_id: 1,
            start_year: 2026,
            state: RoundState::Draft,
            objective,
            weights: Weights::default(),
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            created_by: None,
            order_id: None,
            origin_id: None,
        }
    }

    /// Two mentees the mentor fits equally, in the order the field reads them (the longest
    /// waiting first), and one place.
    fn tie(first: i64, second: i64) -> Field {
        let mentee = |id: i64| MenteeProfile {
            id: id as u64,
            school: 1,
            form: Some(MentoringForm::TeacherTeacher),
            experience: Some(1),
            consent: true,
            ..Default::default()
        };
        let mentor = MentorProfile {
            id: 9,
            school: 1,
            forms: BTreeSet::from([MentoringForm::TeacherTeacher]),
            experience: Some(20),
            capacity: 1,
            consent: true,
            ..Default::default()
        };
        let mut f = Field {
            mentees: vec![mentee(first), mentee(second)],
            mentors: vec![mentor],
            today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            ..Default::default()
        };
        for (id, day) in [(first, 1), (second, 20)] {
            f.waiting_since
                .insert(id, NaiveDate::from_ymd_opt(2026, 9, day).unwrap());
            f.people.insert(
                id,
                Side {
                    person: id,
                    name: format!("Наставляемый {id}"),
                    place: String::new(),
                },
            );
        }
        f
    }

    #[test]
    fn on_equal_scores_the_longest_waiting_gets_the_place_in_every_mode() {
        for objective in [Objective::Score, Objective::Count, Objective::Stable] {
            for (first, second) in [(1, 2), (2, 1)] {
                let v = propose(round(objective), tie(first, second), Said::default());
                let paired: Vec<i64> = v
                    .groups
                    .iter()
                    .flat_map(|g| g.mentees.iter().map(|m| m.who.person))
                    .collect();
                assert_eq!(paired, [first], "{objective:?}");
                assert_eq!(v.left.len(), 1);
                assert_eq!(v.left[0].waited_days, Some(75), "{objective:?}");
            }
        }
    }

    #[test]
    fn a_mutual_first_choice_wins_over_the_score_in_the_stable_mode() {
        let said = Said {
            ranks: [(2, vec![9]), (9, vec![2])].into_iter().collect(),
            ..Default::default()
        };
        let v = propose(round(Objective::Stable), tie(1, 2), said);
        assert_eq!(v.groups[0].mentees[0].who.person, 2);
        assert_eq!(v.stability, Some(Vec::new()));
        // The optimal mode counts the mutual choice by its weight, so it agrees here.
        let said = Said {
            ranks: [(2, vec![9]), (9, vec![2])].into_iter().collect(),
            ..Default::default()
        };
        let v = propose(round(Objective::Score), tie(1, 2), said);
        assert_eq!(v.groups[0].mentees[0].who.person, 2);
        assert!(
            v.groups[0].mentees[0]
                .terms
                .iter()
                .any(|t| t.starts_with("Выбрали друг друга"))
        );
    }
}
