//! A matching: each mentee with at most one candidate edge, within the mentors' capacities.

use crate::instance::Instance;

/// Marks a mentee without a pair.
pub const UNMATCHED: u32 = u32::MAX;

/// The chosen edge of every mentee, or [`UNMATCHED`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// Edge index per mentee.
    pub edge_of: Vec<u32>,
}

impl Matching {
    /// Nobody matched.
    pub fn empty(n: u32) -> Self {
        Self {
            edge_of: vec![UNMATCHED; n as usize],
        }
    }

    /// The mentor of mentee `i`, if matched.
    pub fn mentor(&self, inst: &Instance, i: u32) -> Option<u32> {
        match self.edge_of[i as usize] {
            UNMATCHED => None,
            e => Some(inst.mentor[e as usize]),
        }
    }

    /// Number of pairs.
    pub fn pairs(&self) -> usize {
        self.edge_of.iter().filter(|&&e| e != UNMATCHED).count()
    }

    /// Sum of the scores of the pairs.
    pub fn total(&self, inst: &Instance) -> u64 {
        self.edge_of
            .iter()
            .filter(|&&e| e != UNMATCHED)
            .map(|&e| u64::from(inst.score[e as usize]))
            .sum()
    }

    /// Mentees per mentor.
    pub fn load(&self, inst: &Instance) -> Vec<u32> {
        let mut load = vec![0u32; inst.capacity.len()];
        for &e in &self.edge_of {
            if e != UNMATCHED {
                load[inst.mentor[e as usize] as usize] += 1;
            }
        }
        load
    }

    /// Candidate pairs that block the matching: the mentee prefers the mentor to its own, and
    /// the mentor has a free place or prefers the mentee to its worst one.
    pub fn blocking_pairs(&self, inst: &Instance) -> Vec<(u32, u32)> {
        let m = inst.capacity.len();
        let load = self.load(inst);
        let mut worst = vec![0u64; m];
        let order = inst.mentee_order();
        let mut pos = vec![u32::MAX; inst.edges()];
        for (p, &e) in order.iter().enumerate() {
            pos[e as usize] = p as u32;
        }
        for i in 0..inst.n {
            let e = self.edge_of[i as usize];
            if e != UNMATCHED {
                let j = inst.mentor[e as usize] as usize;
                worst[j] = worst[j].max(inst.mentor_key(e as usize, i));
            }
        }
        let mut out = Vec::new();
        for i in 0..inst.n {
            let own = self.edge_of[i as usize];
            let own_pos = if own == UNMATCHED { u32::MAX } else { pos[own as usize] };
            for e in inst.range(i) {
                let j = inst.mentor[e] as usize;
                let mentee_prefers = pos[e] < own_pos;
                let mentor_open = load[j] < inst.capacity[j] || inst.mentor_key(e, i) < worst[j];
                if mentee_prefers && mentor_open && e as u32 != own {
                    out.push((i, j as u32));
                }
            }
        }
        out
    }
}
