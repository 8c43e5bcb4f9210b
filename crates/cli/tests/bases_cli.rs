//! `nastavnik import` and `nastavnik export` at the command line over a demo database:
//! the sample staff list checks clean, commits, and the base exports.

use std::process::{Command, Output};

fn nastavnik(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--database-url")
        .arg(db)
        .args(args)
        .output()
        .expect("run nastavnik")
}

#[test]
fn a_list_imports_and_a_base_exports_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("nastavnik-bases-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite:{}", dir.join("n.db").display());
    assert!(nastavnik(&db, &["demo"]).status.success());
    let orgs = String::from_utf8(nastavnik(&db, &["org", "list"]).stdout).unwrap();
    let school = orgs
        .lines()
        .find(|l| l.contains("МБОУ СОШ № 17"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the demo school is listed")
        .trim_matches(|c: char| !c.is_ascii_digit())
        .to_string();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../web/static/samples/sotrudniki.csv");
    let check = nastavnik(&db, &["import", "--org", &school, "--list", "staff", "--file", file]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(text.contains("Проверка пройдена"), "{text}");
    let commit = nastavnik(
        &db,
        &[
            "import", "--org", &school, "--list", "staff", "--file", file, "--commit",
        ],
    );
    let text = String::from_utf8_lossy(&commit.stdout);
    assert!(commit.status.success() && text.contains("Записано"), "{text}");
    let out = dir.join("mentors.xlsx");
    let export = nastavnik(
        &db,
        &[
            "export",
            "--org",
            &school,
            "--base",
            "mentors",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    let _ = std::fs::remove_dir_all(dir);
}
