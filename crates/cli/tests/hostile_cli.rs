//! The hostile corpus through `nastavnik import`: each file is refused with its Russian
//! message and a failing exit code, with `--commit` too; nothing is written; the command's
//! peak memory stays within the budget.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Output;

mod common;

use common::{fresh_school, on_file};

#[path = "../../documents/tests/hostile/mod.rs"]
mod corpus;

/// Runs the command; with it the largest peak resident memory (MB) of the children so far.
fn peak_of(db: &Path, args: &[&str]) -> (Output, u64) {
    let out = on_file(db, args);
    // SAFETY: `getrusage` fills the struct it is given and reads nothing else.
    let peak = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage), 0);
        usage.ru_maxrss as u64 / 1024
    };
    (out, peak)
}

#[test]
fn hostile_files_are_refused_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let school = fresh_school(&db);
    let mut peak = 0;
    for case in corpus::corpus() {
        let file = dir.path().join(case.file_name);
        std::fs::write(&file, &case.bytes).unwrap();
        let file = file.to_str().unwrap();
        for commit in [false, true] {
            let mut args = vec!["import", "--org", school.as_str(), "--list", "students", "--file", file];
            if commit {
                args.push("--commit");
            }
            let (out, rss) = peak_of(&db, &args);
            peak = peak.max(rss);
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(!out.status.success(), "{}: accepted", case.name);
            assert!(stdout.contains(case.refusal), "{}: {stdout}", case.name);
        }
    }
    // Nothing was written: a clean list still finds everyone new.
    let clean = dir.path().join("ученики.csv");
    std::fs::write(
        &clean,
        "ФИО;Дата рождения;Класс;ФИО родителя;Телефон родителя\r\n\
         Ёлкина Дарья Сергеевна;05.03.2012;7А;Ёлкина Ольга Ивановна;+7 916 111-22-33\r\n",
    )
    .unwrap();
    let out = on_file(
        &db,
        &[
            "import",
            "--org",
            school.as_str(),
            "--list",
            "students",
            "--file",
            clean.to_str().unwrap(),
        ],
    );
    let dry = String::from_utf8_lossy(&out.stdout);
    assert!(dry.contains("новых участников: 1"), "{dry}");
    eprintln!("hostile corpus through `nastavnik import`: peak RSS {peak} MB");
    assert!(
        peak > 0 && peak < corpus::MAX_PEAK_RSS_MB,
        "peak RSS of `nastavnik import`: {peak} MB"
    );
}
