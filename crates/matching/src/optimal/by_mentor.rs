//! The sparse optimum searched from the mentors' side: when mentees outnumber places, a
//! mentor's place almost always finds a free mentee a step or two away, so the shortest
//! augmenting paths stay short (from the mentees' side every search wanders among full
//! mentors). Rows are mentors, each added once per place; columns are mentees. Either side
//! may stay unmatched (weight 0). Dual: `u` per mentor, `v ≥ 0` per mentee, `u_j + v_i ≥ w`
//! on unmatched edges, `≤ w` on matched ones, free mentees at `v = 0`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::instance::Instance;
use crate::matching::{Matching, UNMATCHED};

const INF: i64 = i64::MAX / 4;
const NO: u32 = u32::MAX;

/// The optimal matching for the edge weights `w` (≥ 0), searching from the mentors.
pub fn solve(inst: &Instance, w: &impl Fn(usize) -> i64) -> Matching {
    let n = inst.n as usize;
    let m = inst.capacity.len();
    let e_count = inst.edges();
    let mentee_of = inst.mentee_of_edges();
    // Edges grouped by mentor (counting sort).
    let mut rstart = vec![0u32; m + 1];
    for &j in &inst.mentor {
        rstart[j as usize + 1] += 1;
    }
    for j in 0..m {
        rstart[j + 1] += rstart[j];
    }
    let mut fill = rstart.clone();
    let mut redge = vec![0u32; e_count];
    for (e, &j) in inst.mentor.iter().enumerate() {
        redge[fill[j as usize] as usize] = e as u32;
        fill[j as usize] += 1;
    }
    drop(fill);
    let row = |j: usize| &redge[rstart[j] as usize..rstart[j + 1] as usize];

    let mut u = vec![0i64; m];
    let mut v = vec![0i64; n];
    let mut edge_of = vec![UNMATCHED; n];
    // Greedy start: mentors who can gain most first, each taking tight free mentees.
    let mut order: Vec<u32> = (0..m as u32).collect();
    for (j, uj) in u.iter_mut().enumerate() {
        *uj = row(j).iter().map(|&e| w(e as usize)).max().unwrap_or(0).max(0);
    }
    order.sort_unstable_by_key(|&j| (Reverse(u[j as usize]), j));
    let mut free_units: Vec<u32> = Vec::new();
    for &j in &order {
        let j = j as usize;
        let mut left = inst.capacity[j].min(rstart[j + 1] - rstart[j]);
        if u[j] == 0 {
            continue; // nothing to gain: every place stays empty
        }
        for &e in row(j) {
            if left == 0 {
                break;
            }
            let i = mentee_of[e as usize] as usize;
            if edge_of[i] == UNMATCHED && w(e as usize) == u[j] {
                edge_of[i] = e;
                left -= 1;
            }
        }
        free_units.extend(std::iter::repeat_n(j as u32, left as usize));
    }

    let mut dist_row = vec![INF; m];
    let mut dist_col = vec![INF; n];
    let mut pred_col = vec![NO; m]; // the mentee through which a mentor was reached
    let mut pred_edge = vec![NO; n]; // the edge through which a mentee was reached
    let mut done_row = vec![false; m];
    let mut done_col = vec![false; n];
    let mut rows_seen: Vec<u32> = Vec::new();
    let mut cols_seen: Vec<u32> = Vec::new();
    let mut rows_done: Vec<(u32, i64)> = Vec::new();
    let mut cols_done: Vec<(u32, i64)> = Vec::new();
    // (distance, kind, id): kind 0 = free mentee (ends the search), 1 = held mentee, 2 = mentor.
    let mut heap: BinaryHeap<Reverse<(i64, u8, u32)>> = BinaryHeap::new();

    for &j0 in &free_units {
        let j0 = j0 as usize;
        let mut exit_cost = INF;
        let mut exit_row = NO as usize;
        let mut terminal = NO as usize;
        dist_row[j0] = 0;
        rows_seen.push(j0 as u32);
        heap.push(Reverse((0, 2, j0 as u32)));
        while let Some(Reverse((d, kind, id))) = heap.pop() {
            if d >= exit_cost {
                break;
            }
            let id = id as usize;
            if kind == 2 {
                if done_row[id] || d > dist_row[id] {
                    continue;
                }
                done_row[id] = true;
                rows_done.push((id as u32, d));
                if d + u[id] < exit_cost {
                    exit_cost = d + u[id];
                    exit_row = id;
                }
                for &e in row(id) {
                    let i = mentee_of[e as usize] as usize;
                    if done_col[i] || edge_of[i] == e {
                        continue;
                    }
                    let nd = d + u[id] + v[i] - w(e as usize);
                    if nd < dist_col[i] {
                        if dist_col[i] == INF {
                            cols_seen.push(i as u32);
                        }
                        dist_col[i] = nd;
                        pred_edge[i] = e;
                        heap.push(Reverse((nd, u8::from(edge_of[i] != UNMATCHED), i as u32)));
                    }
                }
            } else {
                if done_col[id] || d > dist_col[id] {
                    continue;
                }
                if edge_of[id] == UNMATCHED {
                    terminal = id;
                    exit_cost = d;
                    break;
                }
                done_col[id] = true;
                cols_done.push((id as u32, d));
                let e = edge_of[id] as usize;
                let j = inst.mentor[e] as usize;
                if done_row[j] {
                    continue;
                }
                let nd = d - (u[j] + v[id] - w(e));
                if nd < dist_row[j] {
                    if dist_row[j] == INF {
                        rows_seen.push(j as u32);
                    }
                    dist_row[j] = nd;
                    pred_col[j] = id as u32;
                    heap.push(Reverse((nd, 2, j as u32)));
                }
            }
        }
        let total = exit_cost;
        for &(j, dj) in &rows_done {
            u[j as usize] -= total - dj;
        }
        for &(i, di) in &cols_done {
            v[i as usize] += total - di;
        }
        // Walk back: each mentee on the path takes the edge it was reached through.
        let mut col = if terminal != NO as usize {
            terminal
        } else if exit_row != j0 {
            pred_col[exit_row] as usize // this mentee leaves, and the mentor's place stays empty
        } else {
            NO as usize
        };
        while col != NO as usize {
            let e = pred_edge[col];
            let j = inst.mentor[e as usize] as usize;
            edge_of[col] = e;
            col = if j == j0 { NO as usize } else { pred_col[j] as usize };
        }
        for &j in &rows_seen {
            dist_row[j as usize] = INF;
            done_row[j as usize] = false;
        }
        for &i in &cols_seen {
            dist_col[i as usize] = INF;
            done_col[i as usize] = false;
        }
        rows_seen.clear();
        cols_seen.clear();
        rows_done.clear();
        cols_done.clear();
        heap.clear();
    }
    Matching { edge_of }
}
