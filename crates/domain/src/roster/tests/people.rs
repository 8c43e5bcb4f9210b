//! Lists of pupils and staff: names, parents, duplicates, the head of the school.

use super::*;
use crate::name::fix_lookalikes;
use crate::roster::cells::experience_years;
use crate::roster::row::NameParts;
use crate::search::search_key;

#[test]
fn clean_student_list_with_title_row_and_reordered_headers() {
    let rows = sheet(&[
        &["МБОУ «СОШ № 17»"],
        &["Список обучающихся 7 «А» класса на 2025/2026 учебный год"],
        &[],
        &[
            "№",
            "Класс",
            "Дата рождения",
            "Имя",
            "Фамилия",
            "Отчество",
            "ФИО родителя",
            "Телефон родителя",
            "Степень родства",
        ],
        &[
            "1",
            "7А",
            "01.05.2012",
            "Алёна",
            "сидорова",
            "Игоревна",
            "Сидорова Ольга Петровна",
            "8 (916) 123-45-67",
            "мама",
        ],
        &[
            "2",
            "7 «А»",
            "14.02.2012",
            "Пётр",
            "Семёнов",
            "",
            "Семёнов Илья Ильич",
            "+7 916 765-43-21",
            "",
        ],
        &[
            "3",
            "7-а",
            "1.9.2011",
            "Дарья",
            "Ким",
            "Сергеевна",
            "Ким Сергей Ен",
            "",
            "отец",
        ],
        &["4"],
        &[],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(a.problems, vec![]);
    assert!(a.is_clean());
    assert_eq!(a.header_row, Some(4));
    assert_eq!(a.columns[0], ("№".to_string(), None));
    assert_eq!(a.columns[1], ("Класс".to_string(), Some("class")));
    assert_eq!(a.columns[6], ("ФИО родителя".to_string(), Some("guardian_name")));
    assert_eq!(a.records.iter().map(|r| r.row).collect::<Vec<_>>(), vec![5, 6, 7]);
    let first = &a.records[0].person;
    assert_eq!(first.name.full(), "Сидорова Алёна Игоревна");
    assert_eq!(first.birth_date, Some(day(2012, 5, 1)));
    assert_eq!(first.birth_year, Some(2012));
    assert_eq!(first.category, student(7, Some("А")));
    let g = first.guardian.as_ref().unwrap();
    assert_eq!(g.name.full(), "Сидорова Ольга Петровна");
    assert_eq!(g.phone.as_deref(), Some("+79161234567"));
    assert_eq!(g.relation, "мать");
    let second = &a.records[1].person;
    assert_eq!(second.category, student(7, Some("А")));
    assert_eq!(second.guardian.as_ref().unwrap().relation, "законный представитель");
    let third = &a.records[2].person;
    assert_eq!(third.birth_date, Some(day(2011, 9, 1)));
    assert_eq!(third.category, student(7, Some("А")));
    assert_eq!(third.guardian.as_ref().unwrap().relation, "отец");
    assert!(a.records.iter().all(|r| r.entry.is_none()));
}

#[test]
fn full_name_in_one_column() {
    let rows = sheet(&[
        &["ФИО обучающегося", "Дата рождения", "Класс", "ФИО родителя"],
        &[
            "Мамедов Эльдар Рашид оглы",
            "10.03.2011",
            "8Б",
            "Мамедова Лейла Рашид кызы",
        ],
        &["Иванов", "10.03.2011", "8Б", "Иванова Анна Сергеевна"],
        &["", "10.03.2011", "8Б", "Иванова Анна Сергеевна"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(3), Some("«ФИО обучающегося» (A)"), "err-required"),
            (Some(4), Some("«ФИО обучающегося» (A)"), "err-required"),
        ]
    );
    assert_eq!(a.problems[0].arg("field"), Some("ФИО обучающегося"));
    let n = &a.records[0].person.name;
    assert_eq!(
        (n.last(), n.first(), n.patronymic()),
        ("Мамедов", "Эльдар", Some("Рашид оглы"))
    );
    assert_eq!(a.records[0].person.category, student(8, Some("Б")));
    assert_eq!(a.records.len(), 1);
}

#[test]
fn minors_need_a_guardian() {
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "Класс"],
        &["Белова", "Ирина", "03.04.2012", "7А"],
        &["Белов", "Иван", "01.01.2007", "11А"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(2), None, "imp-no-guardian"),
            (Some(3), Some("«Дата рождения» (C)"), "imp-student-turned-adult"),
        ]
    );
    assert_eq!(
        a.problems[1].severity,
        Severity::Warning,
        "turning 18 at school is no error"
    );
    assert!(
        a.records.iter().any(|r| r.person.age_exception),
        "the exception is marked"
    );
    assert_eq!(a.problems[0].arg("column"), Some("ФИО родителя"));
    assert_eq!(a.problems[1].arg("age"), Some("18"));
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "Класс", "Мать", "Телефон родителя"],
        &["Белова", "Ирина", "03.04.2012", "7А", "", "89161234567"],
        &["Белова", "Анна", "03.04.2012", "7А", "Белова Ольга Ивановна", ""],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(found(&a), vec![(Some(2), Some("«Мать» (E)"), "imp-no-guardian")]);
    assert_eq!(a.problems[0].arg("column"), Some("Мать"));
    assert_eq!(a.records[0].person.guardian.as_ref().unwrap().relation, "мать");
}

#[test]
fn duplicates_in_the_file_fold_yo_and_latin_lookalikes() {
    assert_eq!(fix_lookalikes("Сeмин"), Some(("Семин".to_string(), "e".to_string())));
    assert_eq!(fix_lookalikes("Семин"), None);
    assert_eq!(fix_lookalikes("Smith"), None, "Latin only is refused, not fixed");
    for (last, first, patronymic) in [
        ("Сёмин", "Пётр", "Ильич"),
        ("СЕМИН-ЁЛКИН", "пётр", "Исмаил  оглы"),
        ("Д'Арк", "Жанна", ""),
    ] {
        let name = NameParts {
            last: last.into(),
            first: first.into(),
            patronymic: patronymic.into(),
            cols: [None; 3],
        };
        assert_eq!(
            name.key(),
            Some(search_key(&format!("{last} {first} {patronymic}"))),
            "fast fold"
        );
    }
    let rows = sheet(&[
        &["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "ФИО родителя"],
        &["Сёмин", "Пётр", "Ильич", "01.02.2012", "7А", "Сёмина Анна Ивановна"],
        &["Сёмин", "Пётр", "Ильич", "02.02.2012", "7А", "Сёмина Анна Ивановна"],
        &["Сeмин", "Петр", "Ильич", "01.02.2012", "7Б", "Семина Анна Ивановна"],
        &["Smith", "John", "", "01.02.2012", "7Б", "Семина Анна Ивановна"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(4), Some("«Фамилия» (A)"), "imp-name-latin-fixed"),
            (Some(4), Some("«Фамилия» (A)"), "imp-duplicate-in-file"),
            (Some(5), Some("«Фамилия» (A)"), "err-name-not-cyrillic"),
            (Some(5), Some("«Имя» (B)"), "err-name-not-cyrillic"),
        ]
    );
    assert_eq!(a.problems[0].arg("letters"), Some("e"));
    assert_eq!(a.problems[0].arg("fixed"), Some("Семин"));
    assert_eq!(a.problems[1].arg("row"), Some("2"));
    assert_eq!(a.problems[1].severity, Severity::Error);
    assert_eq!(a.records.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3]);
}

#[test]
fn staff_list_with_a_head() {
    let rows = sheet(&[
        &[
            "ФИО сотрудника",
            "Дата рождения",
            "Должность",
            "Преподаваемые предметы",
            "Стаж",
            "E-mail",
        ],
        &["Захарова Анастасия Анатольевна", "12.04.1975", "Директор", "", "30", ""],
        &[
            "Петров Иван Сергеевич",
            "03.03.1979",
            "учитель математики",
            "математика, физика",
            "12 лет",
            "Petrov@School.ru",
        ],
        &["Ким Ольга", "01.01.1990", "", "", "", ""],
        &["Ли Юрий", "01.01.1990", "учитель", "", "много", ""],
    ]);
    let a = analyze_ok(ListKind::Staff, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(4), Some("«Должность» (C)"), "err-required"),
            (Some(5), Some("«Стаж» (E)"), "err-experience"),
        ]
    );
    assert_eq!(a.records[0].person.category, Some(Category::Head));
    assert_eq!(
        a.records[1].person.category,
        Some(Category::Teacher {
            subjects: vec!["математика".into(), "физика".into()],
            position: "учитель математики".into(),
            experience_years: Some(12),
        })
    );
    assert_eq!(a.records[1].person.email.as_deref(), Some("petrov@school.ru"));
    assert_eq!(experience_years("12 лет"), "12");
    assert_eq!(experience_years("5 л."), "5");
    assert_eq!(experience_years("12,5"), "12,5");
}

#[test]
fn decomposed_letters_and_invisible_characters_load_as_the_form_takes_them() {
    let rows = sheet(&[
        &["ФИО", "Дата рождения", "Класс", "ФИО родителя"],
        // «й» as «и» + combining breve, a zero-width space and a BOM inside the names.
        &[
            "Андреи\u{0306}чук Се\u{0308}ма Ильич",
            "01.02.2012",
            "7А",
            "Андреи\u{0306}чук\u{200B} Анна Ивановна",
        ],
        &[
            "\u{FEFF}Ивaнов\u{00AD} Иван Иванович",
            "02.02.2012",
            "7А",
            "Иванова Анна Ивановна",
        ],
        &[
            "Петров \u{202E}навИ Иванович",
            "03.02.2012",
            "7А",
            "Петрова Анна Ивановна",
        ],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(3), Some("«ФИО» (A)"), "imp-name-latin-fixed"),
            (Some(4), Some("«ФИО» (A)"), "err-name-invisible"),
        ]
    );
    assert_eq!(a.problems[1].arg("char"), Some("U+202E"));
    let names: Vec<String> = a.records.iter().map(|r| r.person.name.full()).collect();
    assert_eq!(names, ["Андрейчук Сёма Ильич", "Иванов Иван Иванович"]);
    let parent = a.records[0].person.guardian.as_ref().unwrap();
    assert_eq!(parent.name.full(), "Андрейчук Анна Ивановна");
}
