//! Properties on random small instances, checked against exhaustive search: capacities hold,
//! the stable result has no blocking pair and is the mentee-optimal one, the optimum is the
//! true optimum and never below the stable total; and any damaged file is refused with a
//! line inside the file, never a panic, the same on one thread and on two.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use matching::format::{read_instance, write_instance};
use matching::{Instance, Objective, optimal, stable};
use proptest::prelude::*;

/// A random instance with preferences given as ranks (or derived from scores).
fn instance() -> impl Strategy<Value = Instance> {
    (1u32..7, 1u32..5, any::<bool>()).prop_flat_map(|(n, m, ranks)| {
        (
            proptest::collection::vec(0u32..4, m as usize),
            proptest::collection::vec(proptest::option::weighted(0.6, 0u16..=1000), (n * m) as usize),
            proptest::collection::vec(any::<u32>(), (n * m) as usize),
        )
            .prop_map(move |(capacity, cells, noise)| {
                let mut edges = Vec::new();
                for i in 0..n {
                    for j in 0..m {
                        if let Some(s) = cells[(i * m + j) as usize] {
                            edges.push((i, j, s / 50 * 50)); // ties, as real scores have
                        }
                    }
                }
                let mut inst = Instance::from_scores(n, capacity, edges);
                if ranks {
                    // Independent random preferences on both sides.
                    inst.prefs = matching::Prefs::Ranks;
                    for i in 0..n {
                        let r = inst.range(i);
                        let mut idx: Vec<usize> = r.clone().collect();
                        idx.sort_by_key(|&e| noise[e]);
                        let (m2, s2): (Vec<u32>, Vec<u16>) =
                            idx.iter().map(|&e| (inst.mentor[e], inst.score[e])).unzip();
                        inst.mentor[r.clone()].copy_from_slice(&m2);
                        inst.score[r].copy_from_slice(&s2);
                    }
                    let mut rank = vec![0u32; inst.edges()];
                    for j in 0..m {
                        let mut es: Vec<usize> = (0..inst.edges()).filter(|&e| inst.mentor[e] == j).collect();
                        es.sort_by_key(|&e| noise[e].rotate_left(13));
                        for (k, &e) in es.iter().enumerate() {
                            rank[e] = k as u32 + 1;
                        }
                    }
                    inst.mentor_rank = rank;
                }
                inst
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn stable_is_stable_mentee_optimal_and_within_capacity(inst in instance()) {
        let s = stable(&inst);
        prop_assert!(common::within_capacity(&inst, &s));
        prop_assert!(s.blocking_pairs(&inst).is_empty());
        let order = inst.mentee_order();
        for other in common::stable_matchings(&inst) {
            for i in 0..inst.n as usize {
                prop_assert!(
                    common::mentee_pos(&order, s.edge_of[i]) <= common::mentee_pos(&order, other.edge_of[i])
                );
            }
        }
    }

    #[test]
    fn optimal_is_the_true_optimum(inst in instance()) {
        let (best, most) = common::brute_force(&inst);
        let o = optimal(&inst, Objective::Score);
        prop_assert!(common::within_capacity(&inst, &o));
        prop_assert_eq!(o.total(&inst), best);
        prop_assert!(o.total(&inst) >= stable(&inst).total(&inst));
        let p = optimal(&inst, Objective::Participants);
        prop_assert!(common::within_capacity(&inst, &p));
        prop_assert_eq!((p.pairs(), p.total(&inst)), most);
    }

    #[test]
    fn written_instances_read_back_unchanged(inst in instance()) {
        let mut text = Vec::new();
        write_instance(&mut text, &inst).unwrap();
        let back = read_instance(&text[..], 2).unwrap();
        prop_assert_eq!(stable(&back).total(&back), stable(&inst).total(&inst));
        prop_assert_eq!(back.capacity, inst.capacity);
        prop_assert_eq!(back.mentor, inst.mentor);
        prop_assert_eq!(back.score, inst.score);
    }

    #[test]
    fn damaged_files_are_refused_at_a_line_of_the_file(
        inst in instance(),
        at in any::<prop::sample::Index>(),
        junk in prop::sample::select(vec!["", "x", "-", "-1", "1001", "99999999999", "0", "7", "\n", " 3", "\r\n", "#"]),
        cut in any::<bool>(),
    ) {
        let mut text = Vec::new();
        write_instance(&mut text, &inst).unwrap();
        let mut s = String::from_utf8(text).unwrap();
        let pos = at.index(s.len() + 1);
        if cut { s.truncate(pos) } else { s.insert_str(pos, junk) }
        let lines = s.lines().count() as u64 + 1;
        let one = read_instance(s.as_bytes(), 1);
        let two = read_instance(s.as_bytes(), 2);
        prop_assert_eq!(&one, &two);
        if let Err(e) = one {
            prop_assert!(e.line >= 1 && e.line <= lines, "line {} of {}", e.line, lines);
        }
    }
}

/// A source that yields a header, one mentor line and then endless spaces or digits: a
/// 2 GB-long line that is never in memory at once.
struct Endless {
    head: Vec<u8>,
    fill: u8,
    served: usize,
}

impl std::io::Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.served >= 2 << 30 {
            return Ok(0);
        }
        let k = buf.len().min(1 << 20);
        for (n, b) in buf[..k].iter_mut().enumerate() {
            *b = self.head.get(self.served + n).copied().unwrap_or(self.fill);
        }
        self.served += k;
        Ok(k)
    }
}

#[test]
fn a_two_gigabyte_line_is_refused_after_reading_a_bounded_prefix() {
    for fill in [b' ', b'7'] {
        let mut src = Endless {
            head: b"nastavnik-match 1 sparse scores 1 1 1\n0 1\n0 0 ".to_vec(),
            fill,
            served: 0,
        };
        let err = matching::format::read_instance(&mut src, 2).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(src.served < 64 << 20, "read {} bytes of a damaged line", src.served);
    }
}

#[test]
fn both_cores_find_the_same_first_error_in_a_large_file() {
    // About 2 MB of candidate lines, so the reader splits blocks between two threads.
    let n = 40_000u32;
    let mut text = format!("nastavnik-match 1 sparse scores {n} 3 {}\n0 1\n1 1\n2 1\n", n * 3);
    for i in 0..n {
        for j in 0..3 {
            text.push_str(&format!("{i} {j} {}\n", (i * 7 + j * 13) % 1001));
        }
    }
    let ok = read_instance(text.as_bytes(), 2).unwrap();
    assert_eq!(ok, read_instance(text.as_bytes(), 1).unwrap());
    // Mentee 31000's second line, deep in the second thread's half of a block.
    let at = text.find("\n31000 1 ").unwrap() + 1;
    let end = at + text[at..].find('\n').unwrap();
    let mut bad = text.clone();
    bad.replace_range(at..end, "31000 1 1001");
    let one = read_instance(bad.as_bytes(), 1).unwrap_err();
    let two = read_instance(bad.as_bytes(), 2).unwrap_err();
    assert_eq!(one, two);
    assert_eq!(one.to_string(), "line 93006: score 1001 is out of range 0..1000");
    let mut cut = text.clone();
    cut.truncate(text.trim_end().rfind(' ').unwrap()); // the last line loses its score
    let err = read_instance(cut.as_bytes(), 2).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("line {}: expected 3 integers (mentee mentor score), found 2", n * 3 + 4)
    );
}

#[test]
fn a_forged_header_allocates_nothing_and_names_its_line() {
    // A dense header of one mentee and two billion mentors, then a short line.
    let text = "nastavnik-match 1 dense scores 1 2000000000 2000000000\n";
    let err = read_instance(text.as_bytes(), 2).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: MENTORS is more than 50000000, the most one instance may hold"
    );
    let text = "nastavnik-match 1 dense scores 1 40000000 40000000\n0 1\n";
    let err = read_instance(text.as_bytes(), 2).unwrap_err();
    assert_eq!(err.to_string(), "line 3: file ends after 1 of 40000000 mentor lines");
    let mut text = String::from("nastavnik-match 1 dense scores 1 3 3\n0 1\n1 1\n2 1\n");
    text.push_str("5 6\n");
    let err = read_instance(text.as_bytes(), 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 5: expected 3 integers (one score per mentor), found 2"
    );
}
