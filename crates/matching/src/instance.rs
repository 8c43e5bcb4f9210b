//! A matching problem in memory: mentors with capacities and candidate pairs grouped by mentee.

/// Largest compatibility score.
pub const MAX_SCORE: u16 = 1000;

/// How candidates are listed in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Explicit candidate lines.
    Sparse,
    /// Every pair is a candidate; scores come as a matrix.
    Dense,
}

/// Where preferences come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefs {
    /// Each side ranks its candidates (after the group meeting, R4.2).
    Ranks,
    /// Both sides prefer higher scores; ties go to the lower id.
    Scores,
}

/// Mentees `0..n`, mentors `0..m` with capacities, and candidate edges grouped by mentee.
///
/// With [`Prefs::Ranks`] each mentee's edges are in its order of preference (first choice
/// first) and `mentor_rank` holds the mentor's rank of the mentee (1 = first choice). With
/// [`Prefs::Scores`] the edges keep the order of the file (dense: mentor order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// Layout of the source file.
    pub layout: Layout,
    /// Kind of preferences.
    pub prefs: Prefs,
    /// Number of mentees.
    pub n: u32,
    /// Capacity of each mentor.
    pub capacity: Vec<u32>,
    /// Edges of mentee `i` are `start[i]..start[i + 1]`.
    pub start: Vec<u32>,
    /// Mentor of each edge.
    pub mentor: Vec<u32>,
    /// Score of each edge.
    pub score: Vec<u16>,
    /// The mentor's rank of the mentee of each edge (empty unless [`Prefs::Ranks`]).
    pub mentor_rank: Vec<u32>,
}

impl Instance {
    /// Number of mentors.
    pub fn m(&self) -> u32 {
        self.capacity.len() as u32
    }

    /// Number of candidate edges.
    pub fn edges(&self) -> usize {
        self.mentor.len()
    }

    /// Edge range of mentee `i`.
    pub fn range(&self, i: u32) -> std::ops::Range<usize> {
        self.start[i as usize] as usize..self.start[i as usize + 1] as usize
    }

    /// Where each mentor's places start in a flat array of places, one per mentee it can
    /// take (its capacity, but no more than its candidates); the last entry is the total.
    pub fn place_offsets(&self) -> Vec<usize> {
        let mut deg = vec![0u32; self.capacity.len()];
        for &j in &self.mentor {
            deg[j as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(deg.len() + 1);
        let mut acc = 0usize;
        offsets.push(0);
        for (d, c) in deg.iter().zip(&self.capacity) {
            acc += (*d).min(*c) as usize;
            offsets.push(acc);
        }
        offsets
    }

    /// Mentee of every edge (computed; edges are grouped by mentee).
    pub fn mentee_of_edges(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.edges());
        for i in 0..self.n {
            out.extend(std::iter::repeat_n(i, self.range(i).len()));
        }
        out
    }

    /// Builds an instance from explicit candidates `(mentee, mentor, score)` with
    /// preferences derived from scores; candidates may come in any order.
    pub fn from_scores(n: u32, capacity: Vec<u32>, mut edges: Vec<(u32, u32, u16)>) -> Self {
        edges.sort_unstable_by_key(|&(i, j, _)| (i, j));
        edges.dedup_by_key(|&mut (i, j, _)| (i, j));
        let mut start = vec![0u32; n as usize + 1];
        for &(i, _, _) in &edges {
            start[i as usize + 1] += 1;
        }
        for k in 0..n as usize {
            start[k + 1] += start[k];
        }
        Self {
            layout: Layout::Sparse,
            prefs: Prefs::Scores,
            n,
            capacity,
            start,
            mentor: edges.iter().map(|e| e.1).collect(),
            score: edges.iter().map(|e| e.2.min(MAX_SCORE)).collect(),
            mentor_rank: Vec::new(),
        }
    }

    /// Every mentee's edges from its first choice to its last, all groups in one array.
    pub fn mentee_order(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.edges() as u32).collect();
        if self.prefs == Prefs::Scores {
            for i in 0..self.n {
                order[self.range(i)].sort_unstable_by_key(|&e| self.scores_key(e as usize));
            }
        }
        order
    }

    /// Mentee `i`'s edges from its first choice to its last.
    pub fn preference(&self, i: u32) -> Vec<u32> {
        let mut order: Vec<u32> = self.range(i).map(|e| e as u32).collect();
        if self.prefs == Prefs::Scores {
            order.sort_unstable_by_key(|&e| self.scores_key(e as usize));
        }
        order
    }

    /// With score preferences a mentee prefers the higher score, then the lower mentor id.
    fn scores_key(&self, e: usize) -> (u16, u32) {
        (MAX_SCORE - self.score[e], self.mentor[e])
    }

    /// The mentor's key for the mentee of edge `e` (lower = preferred), unique per mentor.
    #[inline]
    pub fn mentor_key(&self, e: usize, mentee: u32) -> u64 {
        let primary = match self.prefs {
            Prefs::Ranks => u64::from(self.mentor_rank[e]),
            Prefs::Scores => u64::from(MAX_SCORE - self.score[e]),
        };
        (primary << 32) | u64::from(mentee)
    }
}
