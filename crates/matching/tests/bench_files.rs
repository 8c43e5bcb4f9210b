//! The benchmark's own files: `gen.py --tiny` instances against the reference totals of
//! REFERENCE.md and exhaustive search, every solution accepted by `check.py`, and every
//! `gen.py --bad` file rejected with its line and the expected message.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use matching::format::{read_instance, write_solution};
use matching::{Lang, Objective, optimal, stable};

/// REFERENCE.md, tiny suite: (optimal, stable) totals of tiny-00 … tiny-26.
const TINY: [(u64, u64); 27] = [
    (500, 500),
    (2000, 2000),
    (300, 300),
    (1000, 1000),
    (0, 0),
    (500, 500),
    (420, 408),
    (250, 250),
    (0, 0),
    (0, 0),
    (408, 408),
    (1500, 1500),
    (825, 825),
    (500, 500),
    (1008, 1008),
    (250, 250),
    (0, 0),
    (1000, 1000),
    (2453, 1783),
    (3250, 3000),
    (1570, 1570),
    (1250, 1250),
    (2473, 2278),
    (1500, 1500),
    (1700, 300),
    (930, 330),
    (1900, 1750),
];

/// The interpreter with numpy (`scripts/ensure-python.sh` prepares it for the test command).
fn python() -> String {
    std::env::var("NASTAVNIK_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/matching")
}

/// Writes the tiny and bad files with the benchmark's generator (Python 3 with numpy).
fn generate(args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(python())
        .arg(bench_dir().join("gen.py"))
        .arg("--out")
        .arg(dir.path())
        .args(args)
        .output()
        .expect("Python 3 with numpy: run scripts/ensure-python.sh or ./scripts/test.sh");
    assert!(
        out.status.success(),
        "gen.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn check(instance: &Path, solution: &Path, expect_total: u64) {
    let out = Command::new(python())
        .arg(bench_dir().join("check.py"))
        .arg(instance)
        .arg(solution)
        .arg("--expect-total")
        .arg(expect_total.to_string())
        .output()
        .expect("Python 3 with numpy");
    assert!(
        out.status.success(),
        "check.py rejected {}: {}{}",
        solution.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn tiny_instances_reach_the_reference_totals_and_pass_check_py() {
    let dir = generate(&["--tiny"]);
    for (k, &(opt_total, stable_total)) in TINY.iter().enumerate() {
        let path = dir.path().join(format!("tiny-{k:02}.nmi"));
        let inst = read_instance(std::fs::File::open(&path).unwrap(), 2).unwrap();
        let (best, (most_pairs, best_of_most)) = common::brute_force(&inst);
        assert_eq!(
            best, opt_total,
            "tiny-{k:02}: exhaustive search disagrees with REFERENCE.md"
        );

        let s = stable(&inst);
        assert!(common::within_capacity(&inst, &s));
        assert_eq!(s.total(&inst), stable_total, "tiny-{k:02} stable total");
        assert!(s.blocking_pairs(&inst).is_empty(), "tiny-{k:02} has blocking pairs");
        // Mentee-optimal: no stable matching gives any mentee a better mentor.
        let order = inst.mentee_order();
        for other in common::stable_matchings(&inst) {
            for i in 0..inst.n as usize {
                let ours = common::mentee_pos(&order, s.edge_of[i]);
                let theirs = common::mentee_pos(&order, other.edge_of[i]);
                assert!(
                    ours <= theirs,
                    "tiny-{k:02}: mentee {i} fares better in another stable matching"
                );
            }
        }

        let o = optimal(&inst, Objective::Score);
        assert!(common::within_capacity(&inst, &o));
        assert_eq!(o.total(&inst), opt_total, "tiny-{k:02} optimal total");
        assert!(o.total(&inst) >= s.total(&inst));
        let p = optimal(&inst, Objective::Participants);
        assert!(common::within_capacity(&inst, &p));
        assert_eq!(
            (p.pairs(), p.total(&inst)),
            (most_pairs, best_of_most),
            "tiny-{k:02} most participants"
        );

        for (m, mode, total) in [(&s, "stable", stable_total), (&o, "optimal", opt_total)] {
            let sol = dir.path().join(format!("tiny-{k:02}.{mode}.nms"));
            let mut f = std::fs::File::create(&sol).unwrap();
            write_solution(&mut f, &inst, m, mode).unwrap();
            drop(f);
            check(&path, &sol, total);
        }
    }
}

#[test]
fn every_bad_file_is_rejected_at_its_line_with_the_expected_message() {
    let dir = generate(&["--bad"]);
    let mut seen = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = text
            .lines()
            .next()
            .unwrap()
            .trim_start_matches("# expect-error: ")
            .to_string();
        for threads in [1, 2] {
            let err = read_instance(text.as_bytes(), threads).expect_err(&expected);
            assert_eq!(err.message(Lang::En), expected, "{}", path.display());
            assert!(err.message(Lang::Ru).starts_with(&format!("строка {}: ", err.line)));
        }
        seen += 1;
    }
    assert_eq!(seen, 15, "gen.py --bad writes 15 files");
}
