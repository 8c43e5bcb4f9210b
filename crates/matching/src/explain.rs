//! Why a mentee was left without a pair, from the matching itself: no candidate at all, or
//! each candidate mentor takes nobody, is full (and with whom), or fits with 0 points.

use crate::instance::Instance;
use crate::matching::{Matching, UNMATCHED};
use crate::text::Lang;

/// What stood in the way with one candidate mentor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Obstacle {
    /// The mentor takes nobody now (capacity 0).
    NoPlaces,
    /// Every place of the mentor is taken by these mentees.
    Full(Vec<u32>),
    /// The mentor had room, but the pair scores 0 and the objective was the total score.
    ZeroScore,
    /// The mentor had room (an optimal assignment for the number of pairs left it free).
    Room,
}

/// A mentee without a pair and the obstacle with each candidate, in its order of preference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The mentee.
    pub mentee: u32,
    /// Candidate mentors and what stood in the way; empty when there was no candidate.
    pub candidates: Vec<(u32, Obstacle)>,
}

/// Shown per mentee before «и ещё N».
const SHOWN: usize = 5;

impl Unmatched {
    /// One line for the curator («наставляемый 7: …»).
    pub fn describe(&self, lang: Lang) -> String {
        let who = lang.text("why-mentee", &[("id", self.mentee.to_string())]);
        if self.candidates.is_empty() {
            return format!("{who}: {}", lang.text("why-no-candidates", &[]));
        }
        let mut parts: Vec<String> = self
            .candidates
            .iter()
            .take(SHOWN)
            .map(|(j, o)| {
                let mentor = j.to_string();
                match o {
                    Obstacle::NoPlaces => lang.text("why-no-places", &[("mentor", mentor)]),
                    Obstacle::Full(by) => {
                        let list = by.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                        lang.text("why-full", &[("mentor", mentor), ("mentees", list)])
                    }
                    Obstacle::ZeroScore => lang.text("why-zero", &[("mentor", mentor)]),
                    Obstacle::Room => lang.text("why-room", &[("mentor", mentor)]),
                }
            })
            .collect();
        if self.candidates.len() > SHOWN {
            let more = (self.candidates.len() - SHOWN) as i64;
            parts.push(lang.count("why-more", "count", more, &[]));
        }
        format!("{who}: {}", parts.join("; "))
    }
}

/// The reasons for every mentee without a pair, in mentee order.
pub fn explain(inst: &Instance, matching: &Matching) -> Vec<Unmatched> {
    let m = inst.capacity.len();
    let mut by_mentor: Vec<Vec<u32>> = vec![Vec::new(); m];
    for (i, &e) in matching.edge_of.iter().enumerate() {
        if e != UNMATCHED {
            by_mentor[inst.mentor[e as usize] as usize].push(i as u32);
        }
    }
    let mut out = Vec::new();
    for i in 0..inst.n {
        if matching.edge_of[i as usize] != UNMATCHED {
            continue;
        }
        let candidates = inst
            .preference(i)
            .into_iter()
            .map(|e| {
                let e = e as usize;
                let j = inst.mentor[e];
                let held = &by_mentor[j as usize];
                let obstacle = if inst.capacity[j as usize] == 0 {
                    Obstacle::NoPlaces
                } else if held.len() >= inst.capacity[j as usize] as usize {
                    Obstacle::Full(held.clone())
                } else if inst.score[e] == 0 {
                    Obstacle::ZeroScore
                } else {
                    Obstacle::Room
                };
                (j, obstacle)
            })
            .collect();
        out.push(Unmatched { mentee: i, candidates });
    }
    out
}
