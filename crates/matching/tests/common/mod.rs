//! Helpers shared by the tests: exhaustive search over every matching of a tiny instance.

#![allow(dead_code)]

use matching::{Instance, Matching, UNMATCHED};

/// Calls `visit` with every feasible matching (each mentee: nothing or one candidate).
pub fn each_matching(inst: &Instance, visit: &mut dyn FnMut(&Matching)) {
    let mut m = Matching::empty(inst.n);
    let mut load = vec![0u32; inst.capacity.len()];
    go(inst, 0, &mut m, &mut load, visit);
}

fn go(inst: &Instance, i: u32, m: &mut Matching, load: &mut [u32], visit: &mut dyn FnMut(&Matching)) {
    if i == inst.n {
        visit(m);
        return;
    }
    m.edge_of[i as usize] = UNMATCHED;
    go(inst, i + 1, m, load, visit);
    for e in inst.range(i) {
        let j = inst.mentor[e] as usize;
        if load[j] < inst.capacity[j] {
            load[j] += 1;
            m.edge_of[i as usize] = e as u32;
            go(inst, i + 1, m, load, visit);
            load[j] -= 1;
        }
    }
    m.edge_of[i as usize] = UNMATCHED;
}

/// Best total, and the best total among matchings with the most pairs.
pub fn brute_force(inst: &Instance) -> (u64, (usize, u64)) {
    let mut best = 0u64;
    let mut most = (0usize, 0u64);
    each_matching(inst, &mut |m| {
        let t = m.total(inst);
        best = best.max(t);
        most = most.max((m.pairs(), t));
    });
    (best, most)
}

/// Every stable matching (no blocking pair).
pub fn stable_matchings(inst: &Instance) -> Vec<Matching> {
    let mut out = Vec::new();
    each_matching(inst, &mut |m| {
        if m.blocking_pairs(inst).is_empty() {
            out.push(m.clone());
        }
    });
    out
}

/// Position of edge `e` in its mentee's order of preference (lower is better).
pub fn mentee_pos(order: &[u32], e: u32) -> usize {
    order.iter().position(|&x| x == e).unwrap_or(usize::MAX)
}

/// No mentor holds more mentees than its capacity.
pub fn within_capacity(inst: &Instance, m: &Matching) -> bool {
    m.load(inst).iter().zip(&inst.capacity).all(|(l, c)| l <= c)
}
