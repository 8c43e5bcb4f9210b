//! From profiles to proposed pairs: candidates under the hard rules, scores with reasons,
//! the curator's pins and exclusions, stable or optimal pairing, and for every mentee left
//! without a pair the reason (R4.2–R4.4).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::compat::{Compatibility, Exclusion, Scope, admissible, places, score};
use crate::explain::{Obstacle, explain};
use crate::instance::{Instance, Layout, Prefs};
use crate::matching::UNMATCHED;
use crate::optimal::{Objective, optimal};
use crate::profile::{MenteeProfile, MentorProfile, Weights};
use crate::stable::stable;
use crate::text::Lang;

/// Which pairing to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// Mentee-optimal stable pairs: the mentees' choice decides (R4.3).
    Stable,
    /// The best total, or the most pairs first.
    Optimal(Objective),
}

/// The curator's decisions and the school's scope.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Pairs fixed by the curator (mentee, mentor).
    pub pins: Vec<(u64, u64)>,
    /// Pairs the curator ruled out (mentee, mentor).
    pub exclusions: Vec<(u64, u64)>,
    /// How far virtual mentoring reaches.
    pub scope: Scope,
}

/// A proposed pair with the reasons of its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedPair {
    /// Mentee id.
    pub mentee: u64,
    /// Mentor id.
    pub mentor: u64,
    /// Score and breakdown.
    pub compatibility: Compatibility,
    /// Fixed by the curator.
    pub pinned: bool,
}

/// Why a mentee has no pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The mentee's consent is missing (nothing else is looked at).
    NoConsent,
    /// No admissible mentor; how many mentors each rule ruled out, most frequent first.
    NoCompatible(Vec<(Exclusion, usize)>),
    /// Admissible mentors exist, but the curator excluded each of them.
    ExcludedByCurator,
    /// Every admissible mentor is full: mentor id and the mentees who took its places.
    MentorsFull(Vec<(u64, Vec<u64>)>),
}

/// A mentee without a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Left {
    /// Mentee id.
    pub mentee: u64,
    /// Why.
    pub reason: Reason,
}

impl Left {
    /// The reason in words; `name` turns an id into what the curator reads.
    pub fn describe(&self, lang: Lang, name: &dyn Fn(u64) -> String) -> String {
        self.describe_at_most(lang, name, usize::MAX)
    }

    /// The reason in words naming at most `mentors` full mentors with who took their
    /// places, and how many more there are: a long waiting list stays readable.
    pub fn describe_at_most(&self, lang: Lang, name: &dyn Fn(u64) -> String, mentors: usize) -> String {
        match &self.reason {
            Reason::NoConsent => lang.text("unm-consent", &[]),
            Reason::ExcludedByCurator => lang.text("unm-curator", &[]),
            Reason::NoCompatible(counts) => {
                let reasons = counts
                    .iter()
                    .map(|(x, k)| lang.text("unm-count", &[("reason", x.describe(lang)), ("count", k.to_string())]))
                    .collect::<Vec<_>>()
                    .join("; ");
                lang.text("unm-no-candidates", &[("reasons", reasons)])
            }
            Reason::MentorsFull(full) => {
                let mut taken = full
                    .iter()
                    .take(mentors)
                    .map(|(j, by)| {
                        let mentees = by.iter().map(|&i| name(i)).collect::<Vec<_>>().join(", ");
                        lang.text("unm-full-one", &[("mentor", name(*j)), ("mentees", mentees)])
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                if full.len() > mentors {
                    let more = (full.len() - mentors) as i64;
                    taken.push_str(&lang.count("unm-full-more", "count", more, &[]));
                }
                lang.text("unm-full", &[("taken", taken)])
            }
        }
    }
}

/// Pairs and the mentees left without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Pairs, by mentee.
    pub pairs: Vec<ProposedPair>,
    /// Mentees without a pair, by mentee.
    pub left: Vec<Left>,
    /// Mentee and mentor who would both rather be together than with what they got (each
    /// side's choices first, then score); empty when the pairing is stable.
    pub blocking: Vec<(u64, u64)>,
}

/// A pin the rules of the model do not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("pin of mentee {mentee} to mentor {mentor}: {reason:?}")]
pub struct PinError {
    /// Mentee id.
    pub mentee: u64,
    /// Mentor id (0 when unknown).
    pub mentor: u64,
    /// The rule broken, or `None` for an unknown person or a full mentor.
    pub reason: Option<Exclusion>,
}

/// The pins, the candidates of each mentee with their scores, the rules that ruled the
/// others out, and the places left: everything the pairing is computed from.
struct Prepared {
    pinned: BTreeMap<usize, usize>,
    edges: Vec<Vec<(usize, Compatibility)>>,
    ruled_out: Vec<BTreeMap<Exclusion, usize>>,
    room: Vec<u32>,
}

fn prepare(
    mentees: &[MenteeProfile],
    mentors: &[MentorProfile],
    weights: &Weights,
    rules: &Rules,
) -> Result<Prepared, PinError> {
    let mentor_at: HashMap<u64, usize> = mentors.iter().enumerate().map(|(k, r)| (r.id, k)).collect();
    let mentee_at: HashMap<u64, usize> = mentees.iter().enumerate().map(|(k, e)| (e.id, k)).collect();
    let excluded: HashSet<(u64, u64)> = rules.exclusions.iter().copied().collect();
    let mut room: Vec<u32> = mentors.iter().map(places).collect();
    let mut pinned: BTreeMap<usize, usize> = BTreeMap::new();
    for &(i, j) in &rules.pins {
        let err = |reason| PinError {
            mentee: i,
            mentor: j,
            reason,
        };
        let (Some(&a), Some(&b)) = (mentee_at.get(&i), mentor_at.get(&j)) else {
            return Err(err(None));
        };
        admissible(&mentees[a], &mentors[b], rules.scope).map_err(|x| err(Some(x)))?;
        if room[b] == 0 || pinned.insert(a, b).is_some() {
            return Err(err(None));
        }
        room[b] -= 1;
    }

    // Candidates per mentee; the rules that ruled the others out.
    let mut edges: Vec<Vec<(usize, Compatibility)>> = vec![Vec::new(); mentees.len()];
    let mut ruled_out: Vec<BTreeMap<Exclusion, usize>> = vec![BTreeMap::new(); mentees.len()];
    for (a, e) in mentees.iter().enumerate() {
        if pinned.contains_key(&a) || !e.consent {
            continue;
        }
        for (b, r) in mentors.iter().enumerate() {
            let verdict = admissible(e, r, rules.scope).and_then(|()| {
                if excluded.contains(&(e.id, r.id)) {
                    Err(Exclusion::ExcludedByCurator)
                } else {
                    Ok(())
                }
            });
            match verdict {
                Ok(()) => edges[a].push((b, score(e, r, weights))),
                Err(x) => *ruled_out[a].entry(x).or_default() += 1,
            }
        }
    }

    Ok(Prepared {
        pinned,
        edges,
        ruled_out,
        room,
    })
}

/// The matching problem the engine solves for these profiles, weights and rules (the
/// candidates of mentees not pinned, the places left), as `nastavnik match` reads it from
/// a file: the product's round and the engine's command can be timed on the same data.
pub fn instance_of(
    mentees: &[MenteeProfile],
    mentors: &[MentorProfile],
    weights: &Weights,
    rules: &Rules,
) -> Result<Instance, PinError> {
    let p = prepare(mentees, mentors, weights, rules)?;
    Ok(instance(mentees, mentors, &p.edges, &p.room))
}

/// Proposes pairs for the mentees from the mentors under the school's weights and rules.
pub fn propose(
    mentees: &[MenteeProfile],
    mentors: &[MentorProfile],
    weights: &Weights,
    rules: &Rules,
    algorithm: Algorithm,
) -> Result<Proposal, PinError> {
    let Prepared {
        pinned,
        edges,
        ruled_out,
        room,
    } = prepare(mentees, mentors, weights, rules)?;
    let inst = instance(mentees, mentors, &edges, &room);
    let result = match algorithm {
        Algorithm::Stable => stable(&inst),
        Algorithm::Optimal(objective) => optimal(&inst, objective),
    };

    let mut pairs = Vec::new();
    for (&a, &b) in &pinned {
        let compatibility = score(&mentees[a], &mentors[b], weights);
        pairs.push(ProposedPair {
            mentee: mentees[a].id,
            mentor: mentors[b].id,
            compatibility,
            pinned: true,
        });
    }
    for (a, &e) in result.edge_of.iter().enumerate() {
        if e == UNMATCHED {
            continue;
        }
        let b = inst.mentor[e as usize] as usize;
        let compatibility = edges[a]
            .iter()
            .find(|(k, _)| *k == b)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| score(&mentees[a], &mentors[b], weights));
        pairs.push(ProposedPair {
            mentee: mentees[a].id,
            mentor: mentors[b].id,
            compatibility,
            pinned: false,
        });
    }
    pairs.sort_by_key(|p| p.mentee);

    let mut left = Vec::new();
    let mut full = explain(&inst, &result)
        .into_iter()
        .map(|u| (u.mentee as usize, u.candidates))
        .collect::<HashMap<_, _>>();
    for (a, e) in mentees.iter().enumerate() {
        if pinned.contains_key(&a) || result.edge_of[a] != UNMATCHED {
            continue;
        }
        let reason = if !e.consent {
            Reason::NoConsent
        } else if edges[a].is_empty() {
            let counts = &ruled_out[a];
            if counts.contains_key(&Exclusion::ExcludedByCurator) {
                Reason::ExcludedByCurator
            } else {
                let mut v: Vec<(Exclusion, usize)> = counts.iter().map(|(&x, &k)| (x, k)).collect();
                v.sort_by_key(|&(x, k)| (std::cmp::Reverse(k), x));
                Reason::NoCompatible(v)
            }
        } else {
            let cands = full.remove(&a).unwrap_or_default();
            let mut taken: Vec<(u64, Vec<u64>)> = cands
                .into_iter()
                .map(|(j, o)| {
                    let mut by: Vec<u64> = match o {
                        Obstacle::Full(by) => by.iter().map(|&k| mentees[k as usize].id).collect(),
                        _ => Vec::new(),
                    };
                    by.extend(
                        pinned
                            .iter()
                            .filter(|&(_, &b)| b == j as usize)
                            .map(|(&k, _)| mentees[k].id),
                    );
                    (mentors[j as usize].id, by)
                })
                .collect();
            taken.sort_by_key(|(j, _)| *j);
            Reason::MentorsFull(taken)
        };
        left.push(Left { mentee: e.id, reason });
    }
    let blocking = result
        .blocking_pairs(&inst)
        .into_iter()
        .map(|(i, j)| (mentees[i as usize].id, mentors[j as usize].id))
        .collect();
    Ok(Proposal { pairs, left, blocking })
}

/// The matching problem: each side ranks its own choices after the group meeting first,
/// then the other candidates by score (ties: the lower position).
fn instance(
    mentees: &[MenteeProfile],
    mentors: &[MentorProfile],
    edges: &[Vec<(usize, Compatibility)>],
    room: &[u32],
) -> Instance {
    let n = mentees.len();
    let choice_rank = |choices: &[u64], id: u64| choices.iter().position(|&c| c == id).unwrap_or(usize::MAX);
    let mut start = Vec::with_capacity(n + 1);
    let mut mentor = Vec::new();
    let mut score = Vec::new();
    let mut mentee_of = Vec::new();
    start.push(0u32);
    for (a, list) in edges.iter().enumerate() {
        let mut order: Vec<&(usize, Compatibility)> = list.iter().collect();
        order.sort_by_key(|(b, c)| {
            (
                choice_rank(&mentees[a].choices, mentors[*b].id),
                std::cmp::Reverse(c.score),
                *b,
            )
        });
        for (b, c) in order {
            mentor.push(*b as u32);
            score.push(c.score);
            mentee_of.push(a);
        }
        start.push(mentor.len() as u32);
    }
    // Mentor ranks: choices first, then score, then the mentee's position.
    let mut by_mentor: Vec<Vec<usize>> = vec![Vec::new(); mentors.len()];
    for e in 0..mentor.len() {
        by_mentor[mentor[e] as usize].push(e);
    }
    let mut mentor_rank = vec![0u32; mentor.len()];
    for (b, list) in by_mentor.iter_mut().enumerate() {
        list.sort_by_key(|&e| {
            (
                choice_rank(&mentors[b].choices, mentees[mentee_of[e]].id),
                std::cmp::Reverse(score[e]),
                mentee_of[e],
            )
        });
        for (r, &e) in list.iter().enumerate() {
            mentor_rank[e] = r as u32 + 1;
        }
    }
    Instance {
        layout: Layout::Sparse,
        prefs: Prefs::Ranks,
        n: n as u32,
        capacity: room.to_vec(),
        start,
        mentor,
        score,
        mentor_rank,
    }
}
