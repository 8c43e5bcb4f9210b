//! `nastavnik import` and `nastavnik export` at the command line: over a demo database the
//! sample staff list checks clean, commits, and the base exports; on a fresh database a
//! dry run writes nothing, a commit writes everything (brothers and sisters share their
//! parent), a re-import finds the same people, and the base goes out as XLSX and CSV.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{fresh_school, nastavnik, ok, on_file};

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

#[test]
fn a_list_imports_after_its_dry_run_and_the_base_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let school = fresh_school(&db);

    // Two pupils of one mother: one guardian, linked to both.
    let students = dir.path().join("ученики.csv");
    std::fs::write(
        &students,
        "Список обучающихся\r\nФИО;Дата рождения;Класс;ФИО родителя;Телефон родителя\r\n\
         Ёлкина Дарья Сергеевна;05.03.2012;7А;Ёлкина Ольга Ивановна;+7 916 111-22-33\r\n\
         Ёлкин Илья Сергеевич;01.09.2010;9Б;Ёлкина Ольга Ивановна;+7 916 111-22-33\r\n",
    )
    .unwrap();
    let import = |extra: &[&str]| {
        let mut args = vec!["import", "--org", school.as_str(), "--list", "students", "--file"];
        args.push(students.to_str().unwrap());
        args.extend_from_slice(extra);
        ok(on_file(&db, &args))
    };
    for _ in 0..2 {
        let dry = import(&[]);
        assert!(
            dry.contains("новых участников: 2") && dry.contains("новых законных представителей: 1"),
            "{dry}"
        );
        assert!(dry.contains("повторите с --commit"), "{dry}");
    }
    let done = import(&["--commit"]);
    assert!(done.contains("Записано в базу данных"), "{done}");
    let again = import(&["--commit", "--quiet"]);
    assert!(
        again.contains("новых участников: 0, изменённых: 0, без изменений: 2"),
        "{again}"
    );

    let mentees = dir.path().join("наставляемые.csv");
    std::fs::write(
        &mentees,
        "ФИО наставляемого;Год рождения / класс;Категория наставляемого;Основной запрос наставляемого\r\n\
         Ёлкина Дарья Сергеевна;2012 / 7А;проявившие выдающиеся способности;олимпиада по математике\r\n",
    )
    .unwrap();
    let base_import = |extra: &[&str]| {
        let mut args = vec!["import", "--org", school.as_str(), "--list", "mentees", "--file"];
        args.push(mentees.to_str().unwrap());
        args.extend_from_slice(extra);
        ok(on_file(&db, &args))
    };
    // No consent yet: the dry run already says the entry comes in as a candidate.
    let dry = base_import(&[]);
    assert!(
        dry.contains("предупреждение: строка 2: Ёлкина Дарья Сергеевна будет внесён(а) со статусом «кандидат», а не «ожидает пары»"),
        "{dry}"
    );
    assert!(dry.contains("со статусом «кандидат»") && dry.contains("): 1."), "{dry}");
    let out = base_import(&["--commit"]);
    assert!(out.contains("записей базы: 1 новых"), "{out}");

    for format in ["xlsx", "csv"] {
        let file = dir.path().join(format!("база.{format}"));
        let args = [
            "export",
            "--org",
            school.as_str(),
            "--base",
            "mentees",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ];
        ok(on_file(&db, &args));
        let bytes = std::fs::read(&file).unwrap();
        if format == "csv" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                text.starts_with('\u{feff}') && text.contains("Ёлкина Дарья Сергеевна"),
                "{text}"
            );
        } else {
            assert!(bytes.starts_with(b"PK"), "a workbook");
        }
    }
}
