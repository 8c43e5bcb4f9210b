//! Mentee-proposing deferred acceptance with capacities: the mentee-optimal stable matching
//! (R4.3: the mentees' choice decides among the stable outcomes).

use crate::instance::Instance;
use crate::matching::{Matching, UNMATCHED};

/// The mentee-optimal stable matching. Each mentor holds its best proposals so far in a
/// max-heap keyed by its own preference, so a better proposal evicts the worst held one.
pub fn stable(inst: &Instance) -> Matching {
    let n = inst.n as usize;
    let m = inst.capacity.len();
    let order = match inst.prefs {
        crate::Prefs::Ranks => None,
        crate::Prefs::Scores => Some(inst.mentee_order()),
    };
    let hstart = inst.place_offsets();
    let mut heap = vec![0u64; hstart[m]];
    let mut held = vec![0u32; m];
    let mut next: Vec<u32> = inst.start[..n].to_vec();
    let mut edge_of = vec![UNMATCHED; n];

    for first in 0..n {
        let mut i = first;
        'mentee: loop {
            let end = inst.start[i + 1];
            while next[i] < end {
                let p = next[i] as usize;
                next[i] += 1;
                let e = order.as_ref().map_or(p, |o| o[p] as usize);
                let j = inst.mentor[e] as usize;
                let h = &mut heap[hstart[j]..hstart[j + 1]];
                if h.is_empty() {
                    continue;
                }
                let key = inst.mentor_key(e, i as u32);
                let len = held[j] as usize;
                if len < h.len() {
                    sift_up(h, len, key);
                    held[j] += 1;
                    edge_of[i] = e as u32;
                    break 'mentee;
                }
                if key < h[0] {
                    let evicted = (h[0] & 0xffff_ffff) as usize;
                    sift_down(h, key);
                    edge_of[i] = e as u32;
                    edge_of[evicted] = UNMATCHED;
                    i = evicted;
                    continue 'mentee;
                }
            }
            break;
        }
    }
    Matching { edge_of }
}

/// Inserts `key` at position `len` of a max-heap.
fn sift_up(h: &mut [u64], mut k: usize, key: u64) {
    while k > 0 {
        let parent = (k - 1) / 2;
        if h[parent] >= key {
            break;
        }
        h[k] = h[parent];
        k = parent;
    }
    h[k] = key;
}

/// Replaces the top of a full max-heap with `key`.
fn sift_down(h: &mut [u64], key: u64) {
    let len = h.len();
    let mut k = 0;
    loop {
        let l = 2 * k + 1;
        if l >= len {
            break;
        }
        let c = if l + 1 < len && h[l + 1] > h[l] { l + 1 } else { l };
        if h[c] <= key {
            break;
        }
        h[k] = h[c];
        k = c;
    }
    h[k] = key;
}
