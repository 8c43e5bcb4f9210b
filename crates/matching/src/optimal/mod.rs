//! Maximum-score assignment with capacities: successive shortest augmenting paths with
//! potentials (Dijkstra over the candidate lists) for any instance, and the dense
//! shortest-augmenting-path method (arrays instead of a heap) for complete one-to-one ones.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

mod by_mentor;

use crate::instance::{Instance, Layout, MAX_SCORE};
use crate::matching::{Matching, UNMATCHED};

/// What the optimal assignment maximizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Objective {
    /// The largest total score; nobody has to be matched.
    #[default]
    Score,
    /// As many pairs as possible, then the largest total score among those.
    Participants,
}

/// The optimal matching for `objective`. Pairs of score 0 add nothing to a total score
/// (in dense files they are the excluded pairs), so the score objective leaves them out.
pub fn optimal(inst: &Instance, objective: Objective) -> Matching {
    let dense_unit = inst.layout == Layout::Dense && inst.capacity.iter().all(|&c| c == 1);
    let mut result = if dense_unit {
        dense(inst)
    } else if places(inst) < inst.n as u64 {
        by_mentor::solve(inst, &weight_fn(inst, objective))
    } else {
        sparse(inst, objective)
    };
    if objective == Objective::Score {
        for e in result.edge_of.iter_mut() {
            if *e != UNMATCHED && inst.score[*e as usize] == 0 {
                *e = UNMATCHED;
            }
        }
    }
    result
}

/// Places the mentors offer (no more than their candidates): when mentees outnumber them,
/// searching from the mentors' side finds free mentees at once.
fn places(inst: &Instance) -> u64 {
    inst.place_offsets().last().map_or(0, |&p| p as u64)
}

/// Weight of an edge: the score, plus a bonus larger than any total score difference when
/// every pair counts first.
fn weight_fn(inst: &Instance, objective: Objective) -> impl Fn(usize) -> i64 + '_ {
    let bonus = match objective {
        Objective::Score => 0,
        Objective::Participants => i64::from(MAX_SCORE) * i64::from(inst.n) + 1,
    };
    move |e| i64::from(inst.score[e]) + bonus
}

const INF: i64 = i64::MAX / 4;

/// Successive shortest paths, one free mentee at a time, each mentee also able to stay
/// unmatched (a private dummy mentor of weight 0). Dual: `u` per mentee, `v` per mentor,
/// reduced cost `u_i + v_j - w_ij ≥ 0`, 0 on matched edges; `v_j = 0` while `j` has room.
pub fn sparse(inst: &Instance, objective: Objective) -> Matching {
    let n = inst.n as usize;
    let m = inst.capacity.len();
    let w = weight_fn(inst, objective);
    let mentor = &inst.mentor;

    // Places of every mentor and who sits in them.
    let first_slot = inst.place_offsets();
    let mut seat = vec![u32::MAX; first_slot[m]];
    let mut load = vec![0u32; m];
    let mut slot_of = vec![u32::MAX; n];
    let mut edge_of = vec![UNMATCHED; n];

    let mut u = vec![0i64; n];
    let mut v = vec![0i64; m];
    let mut free = Vec::new();
    for (i, ui) in u.iter_mut().enumerate() {
        *ui = inst.range(i as u32).map(&w).max().unwrap_or(0).max(0);
    }
    // Mentees who stand to gain most choose first: those left for the searches have cheaper
    // ways out, which keeps the searches short.
    let mut by_gain: Vec<u32> = (0..n as u32).collect();
    by_gain.sort_unstable_by_key(|&i| (Reverse(u[i as usize]), i));
    for &i in &by_gain {
        let i = i as usize;
        let r = inst.range(i as u32);
        let best = u[i];
        if best == 0 {
            continue; // stays with its dummy: nothing positive to gain
        }
        let tight = r.clone().find(|&e| {
            let j = mentor[e] as usize;
            w(e) == best && (load[j] as usize) < first_slot[j + 1] - first_slot[j]
        });
        match tight {
            Some(e) => {
                let j = mentor[e] as usize;
                let s = first_slot[j] + load[j] as usize;
                seat[s] = i as u32;
                slot_of[i] = s as u32;
                load[j] += 1;
                edge_of[i] = e as u32;
            }
            None => free.push(i as u32),
        }
    }

    let mut t = Tree::new(m);
    let mut reached: Vec<(u32, i64)> = Vec::new();
    let mut done: Vec<(u32, i64)> = Vec::new();

    for &i0 in &free {
        let i0 = i0 as usize;
        // Best way out so far: a mentee of the tree leaving for its dummy, at this cost.
        let mut exit_cost = u[i0];
        let mut exit_mentee = i0;
        let mut terminal_mentor = usize::MAX;
        reached.push((i0 as u32, 0));
        t.scan(inst, &w, &first_slot, &load, i0, 0, u[i0], &v, edge_of[i0]);
        while let Some(Reverse((d, _, j))) = t.heap.pop() {
            let j = j as usize;
            if t.settled[j] || d > t.dist[j] {
                continue;
            }
            if d >= exit_cost {
                break;
            }
            if (load[j] as usize) < first_slot[j + 1] - first_slot[j] {
                terminal_mentor = j;
                exit_cost = d;
                break;
            }
            t.settled[j] = true;
            done.push((j as u32, d));
            for &k in &seat[first_slot[j]..first_slot[j + 1]] {
                let k = k as usize;
                reached.push((k as u32, d));
                if d + u[k] < exit_cost {
                    exit_cost = d + u[k];
                    exit_mentee = k;
                }
                t.scan(inst, &w, &first_slot, &load, k, d, u[k], &v, edge_of[k]);
            }
        }
        let total = exit_cost;
        for &(k, dk) in &reached {
            u[k as usize] -= total - dk;
        }
        for &(j, dj) in &done {
            v[j as usize] += total - dj;
        }

        // Augment along the path back to i0.
        let mut open: Option<(usize, usize)> = None; // (mentor, slot) waiting for a mentee
        if terminal_mentor != usize::MAX {
            let j = terminal_mentor;
            open = Some((j, first_slot[j] + load[j] as usize));
            load[j] += 1;
        } else if exit_mentee != i0 {
            let k = exit_mentee;
            let j = mentor[edge_of[k] as usize] as usize;
            open = Some((j, slot_of[k] as usize));
            edge_of[k] = UNMATCHED;
            slot_of[k] = u32::MAX;
        }
        while let Some((j, s)) = open.take() {
            let k = t.pred_mentee[j] as usize;
            let old = edge_of[k];
            let old_slot = slot_of[k];
            seat[s] = k as u32;
            slot_of[k] = s as u32;
            edge_of[k] = t.pred_edge[j];
            if k != i0 && old != UNMATCHED {
                open = Some((mentor[old as usize] as usize, old_slot as usize));
            }
        }

        t.reset();
        reached.clear();
        done.clear();
    }
    Matching { edge_of }
}

/// The shortest-path tree of one search, reset in time proportional to what it touched.
struct Tree {
    dist: Vec<i64>,
    pred_edge: Vec<u32>,
    pred_mentee: Vec<u32>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    /// (distance, the mentor is full, mentor): at equal distance a mentor with room comes first.
    heap: BinaryHeap<Reverse<(i64, bool, u32)>>,
}

impl Tree {
    fn new(m: usize) -> Self {
        Self {
            dist: vec![INF; m],
            pred_edge: vec![u32::MAX; m],
            pred_mentee: vec![u32::MAX; m],
            settled: vec![false; m],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Relaxes the mentors of mentee `k`, reached at distance `dk`.
    #[allow(clippy::too_many_arguments)]
    fn scan(
        &mut self,
        inst: &Instance,
        w: &impl Fn(usize) -> i64,
        first_slot: &[usize],
        load: &[u32],
        k: usize,
        dk: i64,
        uk: i64,
        v: &[i64],
        own: u32,
    ) {
        for e in inst.range(k as u32) {
            if e as u32 == own {
                continue;
            }
            let j = inst.mentor[e] as usize;
            if self.settled[j] || first_slot[j + 1] == first_slot[j] {
                continue;
            }
            let d = dk + uk + v[j] - w(e);
            if d < self.dist[j] {
                if self.dist[j] == INF {
                    self.touched.push(j as u32);
                }
                self.dist[j] = d;
                self.pred_edge[j] = e as u32;
                self.pred_mentee[j] = k as u32;
                self.heap.push(Reverse((
                    d,
                    load[j] as usize >= first_slot[j + 1] - first_slot[j],
                    j as u32,
                )));
            }
        }
    }

    fn reset(&mut self) {
        for &j in &self.touched {
            self.dist[j as usize] = INF;
            self.settled[j as usize] = false;
        }
        self.touched.clear();
        self.heap.clear();
    }
}

/// Complete one-to-one instances: the shortest augmenting path method on the score matrix
/// with the smaller side as rows; every row is assigned (all weights are ≥ 0).
pub fn dense(inst: &Instance) -> Matching {
    let n = inst.n as usize;
    let m = inst.capacity.len();
    let transpose = n > m;
    let (rows, cols) = if transpose { (m, n) } else { (n, m) };
    // Dense files with score preferences keep each row in mentor order: that is the matrix.
    let owned: Vec<u16>;
    let scores: &[u16] = if inst.prefs == crate::Prefs::Scores && !transpose {
        &inst.score
    } else {
        let mut mat = vec![0u16; n * m];
        for i in 0..n {
            for e in inst.range(i as u32) {
                let j = inst.mentor[e] as usize;
                let at = if transpose { j * n + i } else { i * m + j };
                mat[at] = inst.score[e];
            }
        }
        owned = mat;
        &owned
    };
    let col_of_row = assign_rows(scores, rows, cols);

    let mut edge_of = vec![UNMATCHED; n];
    for (r, &c) in col_of_row.iter().enumerate() {
        let (i, j) = if transpose { (c, r) } else { (r, c) };
        let e = inst
            .range(i as u32)
            .find(|&e| inst.mentor[e] as usize == j)
            .unwrap_or(usize::MAX);
        if e != usize::MAX {
            edge_of[i] = e as u32;
        }
    }
    Matching { edge_of }
}

/// Maximum-score assignment of every row (rows ≤ cols) of a row-major score matrix, as a
/// minimum-cost one with cost 1000 − score, after
/// Jonker and Volgenant: column prices `v` only (a row's own price is implicit), two passes
/// of augmenting row reduction, then shortest augmenting paths that settle all columns at
/// the current distance together (scores tie a lot, and a free one among them ends it).
/// Free columns keep price 0 and prices only fall, which keeps rectangular problems optimal.
fn assign_rows(scores: &[u16], rows: usize, cols: usize) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let cost = |s: u16| i32::from(MAX_SCORE - s);
    let c = |i: usize, j: usize| cost(scores[i * cols + j]);
    let mut v = vec![0i32; cols];
    let mut row_of_col = vec![NONE; cols];
    let mut col_of_row = vec![NONE; rows];

    // Augmenting row reduction: each free row takes its cheapest column, paying just enough
    // (the gap to its second cheapest) to push the current holder out.
    let mut free: Vec<usize> = (0..rows).collect();
    for _ in 0..2 {
        let mut queue = std::mem::take(&mut free);
        queue.reverse();
        let mut budget = queue.len() * 8;
        while let Some(i) = queue.pop() {
            let (mut u1, mut u2) = (i32::MAX, i32::MAX);
            let (mut j1, mut j2) = (NONE, NONE);
            for j in 0..cols {
                let h = c(i, j) - v[j];
                if h < u2 {
                    if h < u1 || (h == u1 && row_of_col[j] == NONE && j1 != NONE && row_of_col[j1] != NONE) {
                        u2 = u1;
                        j2 = j1;
                        u1 = h;
                        j1 = j;
                    } else {
                        u2 = h;
                        j2 = j;
                    }
                }
            }
            let mut i0 = row_of_col[j1];
            if u1 < u2 && j2 != NONE {
                v[j1] -= u2 - u1;
            } else if i0 != NONE && j2 != NONE {
                j1 = j2;
                i0 = row_of_col[j1];
            }
            if j2 == NONE && i0 != NONE {
                free.push(i); // a single column, already taken: leave it to the augmentation
                continue;
            }
            row_of_col[j1] = i;
            col_of_row[i] = j1;
            if i0 != NONE {
                col_of_row[i0] = NONE;
                if u1 < u2 && budget > 0 {
                    budget -= 1;
                    queue.push(i0);
                } else {
                    free.push(i0);
                }
            }
        }
    }

    let mut dist = vec![0i32; cols];
    let mut pred = vec![0usize; cols];
    let mut list: Vec<usize> = (0..cols).collect();
    for &f in &free {
        if col_of_row[f] != NONE {
            continue;
        }
        for j in 0..cols {
            list[j] = j;
            dist[j] = c(f, j) - v[j];
            pred[j] = f;
        }
        // list[..low]: settled; list[low..up]: at distance `min`, to scan; list[up..]: the rest.
        let (mut low, mut up) = (0usize, 0usize);
        let mut min = 0i32;
        let end: usize = 'search: loop {
            if up == low {
                min = dist[list[up]];
                up += 1;
                let from = up; // `up` grows as columns at the new minimum move before `from`
                for k in from..cols {
                    let j = list[k];
                    let h = dist[j];
                    if h <= min {
                        if h < min {
                            up = low;
                            min = h;
                        }
                        list.swap(k, up);
                        up += 1;
                    }
                }
                for &j in &list[low..up] {
                    if row_of_col[j] == NONE {
                        break 'search j;
                    }
                }
            }
            let j1 = list[low];
            low += 1;
            let i = row_of_col[j1];
            let u1 = c(i, j1) - v[j1] - min;
            let row = &scores[i * cols..(i + 1) * cols];
            let mut k = up;
            while k < cols {
                let j = list[k];
                let h = cost(row[j]) - v[j] - u1;
                if h < dist[j] {
                    dist[j] = h;
                    pred[j] = i;
                    if h == min {
                        if row_of_col[j] == NONE {
                            break 'search j;
                        }
                        list.swap(k, up);
                        up += 1;
                    }
                }
                k += 1;
            }
        };
        for &j in &list[..low] {
            v[j] += dist[j] - min;
        }
        let mut j = end;
        loop {
            let i = pred[j];
            let next = col_of_row[i];
            row_of_col[j] = i;
            col_of_row[i] = j;
            if i == f {
                break;
            }
            j = next;
        }
    }
    col_of_row
}
