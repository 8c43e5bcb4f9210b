//! `nastavnik match` as a curator or an analyst runs it: files in, a solution and the
//! reasons out; bad files get a Russian message naming the line and exit status 1.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("match")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn solves_writes_the_solution_and_explains_who_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let instance = dir.path().join("school.nmi");
    // Two mentees want mentor 0 (one place), mentor 1 fits mentee 1 with 0 points; mentee 2
    // has no candidate at all.
    std::fs::write(
        &instance,
        "# школа\nnastavnik-match 1 sparse ranks 3 2 3\n0 1\n1 1\n0 0 700 1 2\n1 0 650 1 1\n1 1 0 2 1\n",
    )
    .unwrap();
    let sol = dir.path().join("out.nms");
    let why = dir.path().join("why.txt");
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (code, _, err) = run(&[
        "--instance",
        &path(&instance),
        "--algorithm",
        "stable",
        "--out",
        &path(&sol),
        "--explain",
        &path(&why),
        "--stats",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("stats parse_s="), "{err}");
    let text = std::fs::read_to_string(&sol).unwrap();
    assert_eq!(text, "nastavnik-solution 1 stable 3 2 1 2 650\n1 0 650\n0\n2\n");
    let reasons = std::fs::read_to_string(&why).unwrap();
    assert_eq!(
        reasons,
        "наставляемый 0: у наставника 0 все места заняты (наставляемые 1)\nнаставляемый 2: нет ни одного подходящего наставника\n"
    );

    let (code, _, err) = run(&[
        "--instance",
        &path(&instance),
        "--algorithm",
        "optimal",
        "--objective",
        "participants",
        "--out",
        &path(&sol),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&sol).unwrap(),
        "nastavnik-solution 1 optimal 3 2 2 1 700\n0 0 700\n1 1 0\n2\n"
    );
}

#[test]
fn bad_files_get_the_line_in_russian_or_english_and_no_solution() {
    let dir = tempfile::tempdir().unwrap();
    let sol = dir.path().join("out.nms");
    let cases = [
        ("", "строка 1: нет строки заголовка", "line 1: no header line"),
        (
            "nastavnik-match 1 sparse scores 1 1 2\n0 1\n0 0 10",
            "строка 4: файл закончился: прочитано 1 из 2 (строк кандидатов)",
            "line 4: file ends after 1 of 2 candidate lines",
        ),
        ("nastavnik-match 1 sparse scores 1 1 1\n0 1\n0 0 1", "", ""),
        (
            "nastavnik-match 1 sparse scores 1 1 1\n0 1\n0 0\n",
            "строка 3: ожидалось чисел: 3 (наставляемый, наставник, оценка), найдено: 2",
            "line 3: expected 3 integers (mentee mentor score), found 2",
        ),
        (
            "nastavnik-match 1 sparse scores 1 1 1\n0 -1\n0 0 1\n",
            "строка 2: вместимость -1 наставника 0 отрицательна",
            "line 2: capacity -1 of mentor 0 is negative",
        ),
        (
            "nastavnik-match 1 sparse scores 1 1 1\n0 1\n0 0 5\n0 0",
            "строка 4: лишние данные после последней записи",
            "line 4: unexpected data after the last record",
        ),
    ];
    for (k, (body, ru, en)) in cases.iter().enumerate() {
        let f = dir.path().join(format!("bad-{k}.nmi"));
        std::fs::write(&f, body).unwrap();
        let _ = std::fs::remove_file(&sol);
        for (lang, expected) in [("ru", ru), ("en", en)] {
            let (code, _, err) = run(&[
                "--instance",
                f.to_str().unwrap(),
                "--algorithm",
                "stable",
                "--out",
                sol.to_str().unwrap(),
                "--lang",
                lang,
            ]);
            if expected.is_empty() {
                assert_eq!(code, 0, "a file ending mid-line without LF is whole: {err}");
                continue;
            }
            assert_eq!(code, 1);
            assert_eq!(err.trim_end(), format!("{}:{expected}", f.display()));
            assert!(!sol.exists(), "no solution is written for a bad file");
        }
    }
    let (code, _, err) = run(&[
        "--instance",
        "/nonexistent/x.nmi",
        "--algorithm",
        "stable",
        "--out",
        sol.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.starts_with("не удалось открыть /nonexistent/x.nmi: "), "{err}");
}
