//! Properties on random small instances, checked against exhaustive search: capacities hold,
//! the stable result has no blocking pair and is the mentee-optimal one, the optimum is the
//! true optimum and never below the stable total; and any damaged file is refused with a
//! line inside the file, never a panic, the same on one thread and on two.

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
                        let (m2, s2): (Vec<u32>, Vec<u16>) = idx.iter().map(|&e| (inst.mentor[e], inst.score[e])).unzip();
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
                    common::mentee_pos(&inst, &order, s.edge_of[i]) <= common::mentee_pos(&inst, &order, other.edge_of[i])
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
