//! The bases of mentors and mentees: our export read back, years and classes, bare names.

use super::*;
use crate::base::{EntryStatus, Form, MenteeCategory, MentorCategory, RequestSource};

fn base_sheet(title: &str, headers: &[&str], data: &[&[&str]]) -> Vec<SourceRow> {
    let mut table: Vec<&[&str]> = vec![&[], headers];
    table[0] = std::slice::from_ref(&title);
    table.extend_from_slice(data);
    sheet(&table)
}

#[test]
fn our_mentor_base_reimports() {
    let rows = base_sheet(
        "База наставников МБОУ \"Знаменская СОШ\" на 2025–2026 учебный год",
        &MENTOR_HEADERS,
        &[
            &[
                "1",
                "Петров Иван Сергеевич",
                "+7 900 000-00-01",
                "1979",
                "учитель математики",
                "педагоги и специалисты",
                "олимпиадная математика; проекты",
                "01.09.2025",
                "",
                "да",
                "Учитель – учитель",
                "Смирнова О. И., учитель математики",
                "школа, 01.10.2025–31.05.2026",
                "",
                "",
                "текущая, в паре/группе",
            ],
            &[
                "2",
                "Сидоров Пётр Иванович",
                "petr@mail.ru",
                "2009",
                "МБОУ СОШ № 17, 10 «А» класс",
                "обучающиеся, мотивированные помочь сверстникам",
                "",
                "",
                "",
                "",
                "Ученик – ученик",
                "",
                "",
                "",
                "",
                "архив, завершил",
            ],
            &[
                "3",
                "Орлова Анна Петровна",
                "",
                "1960",
                "",
                "ветераны педагогического труда",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "текущая",
            ],
        ],
    );
    let a = analyze_ok(ListKind::Mentors, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![(
            Some(2),
            Some("«Согласие на обработку персональных данных (дата)» (H)"),
            "imp-consents-ignored"
        )]
    );
    assert_eq!(a.header_row, Some(2));
    assert!(a.columns.iter().skip(1).all(|(_, f)| f.is_some()), "{:?}", a.columns);
    assert_eq!(a.records.len(), 3);
    let r = &a.records[0];
    let e = r.entry.as_ref().unwrap();
    assert_eq!(e.base, BaseKind::Mentors);
    assert_eq!(e.status, Some(EntryStatus::InPair));
    assert_eq!(e.form, Some(Form::TeacherTeacher));
    assert_eq!(e.mentor_category, Some(MentorCategory::Teacher));
    assert_eq!(e.trained, "да");
    assert_eq!(e.counterpart, "Смирнова О. И., учитель математики");
    assert_eq!(e.competences, "олимпиадная математика; проекты");
    assert_eq!(e.workplace, "учитель математики");
    assert_eq!(r.person.birth_year, Some(1979));
    assert_eq!(r.person.birth_date, None);
    assert_eq!(r.person.phone.as_deref(), Some("+79000000001"));
    assert_eq!(
        r.person.category,
        Some(Category::Teacher {
            subjects: vec![],
            position: "учитель математики".into(),
            experience_years: None,
        })
    );
    let r = &a.records[1];
    assert_eq!(r.person.category, student(10, Some("А")));
    assert_eq!(r.person.email.as_deref(), Some("petr@mail.ru"));
    assert_eq!(r.entry.as_ref().unwrap().status, Some(EntryStatus::Finished));
    assert_eq!(r.entry.as_ref().unwrap().form, Some(Form::StudentStudent));
    assert_eq!(a.records[2].person.category, Some(Category::VeteranTeacher));
    assert_eq!(a.records[2].entry.as_ref().unwrap().status, Some(EntryStatus::InBase));
}

#[test]
fn mentee_base_with_year_and_class() {
    let rows = base_sheet(
        "База наставляемых МБОУ \"Знаменская СОШ\" на 2025–2026 учебный год",
        &MENTEE_HEADERS,
        &[
            &[
                "1",
                "Смирнова Ольга Игоревна",
                "+7 900 000-00-02",
                "1999",
                "учитель математики",
                "Молодые специалисты",
                "планирование уроков, работа с родителями",
                "анкетирование",
                "своё, 01.09.2025",
                "01.10.2025",
                "Петров И. С., учитель математики",
                "Учитель – учитель",
                "школа, 01.10.2025–31.05.2026",
                "",
                "",
                "в паре",
            ],
            &[
                "2",
                "Кузнецов Артём Павлович",
                "мать: +7 900 000-00-03",
                "2011 / 9 «Б»",
                "9 «Б» класс",
                "проявившие выдающиеся способности",
                "подготовка к олимпиаде по информатике",
                "родители",
                "родителя, 02.09.2025",
                "01.10.2025",
                "Хабибуллина А. И., учитель информатики",
                "Учитель – ученик",
            ],
            &[
                "3",
                "Кузнецова Вера Павловна",
                "Кузнецова Анна Павловна (мать), +7 900 000-00-04, anna@mail.ru",
                "2013 / 7А",
                "",
                "gifted",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "ожидает пары",
            ],
            &[
                "4",
                "Орлов Олег Олегович",
                "",
                "2010 / 16 Ж",
                "",
                "проявившие выдающиеся способности",
            ],
            &[
                "5",
                "Орлов Глеб Олегович",
                "",
                "в прошлом веке",
                "",
                "невесть что",
                "",
                "",
                "",
                "32.13.2025",
            ],
        ],
    );
    let a = analyze_ok(ListKind::Mentees, &rows, &opts());
    let column = |c: usize| format!("«{}» ({})", MENTEE_HEADERS[c], column_letter(c));
    assert_eq!(
        a.problems
            .iter()
            .map(|p| (p.row, p.column.clone(), p.code))
            .collect::<Vec<_>>(),
        vec![
            (Some(2), Some(column(8)), "imp-consents-ignored"),
            (Some(6), Some(column(3)), "err-grade"),
            (Some(7), Some(column(3)), "imp-birth-year"),
            (Some(7), Some(column(5)), "imp-value-not-in-list"),
            (Some(7), Some(column(9)), "imp-date"),
        ]
    );
    assert_eq!(a.records.len(), 3);
    let teacher = &a.records[0];
    assert_eq!(teacher.person.birth_year, Some(1999));
    assert!(
        matches!(teacher.person.category, Some(Category::Teacher { ref position, .. }) if position == "учитель математики")
    );
    let e = teacher.entry.as_ref().unwrap();
    assert_eq!(e.mentee_category, Some(MenteeCategory::YoungSpecialist));
    assert_eq!(e.request_source, Some(RequestSource::Questionnaire));
    assert_eq!(e.status, Some(EntryStatus::InPair));
    assert_eq!(e.entry_date, Some(day(2025, 10, 1)));
    assert_eq!(e.request, "планирование уроков, работа с родителями");
    let pupil = &a.records[1];
    assert_eq!(pupil.person.birth_year, Some(2011));
    assert_eq!(pupil.person.category, student(9, Some("Б")));
    assert_eq!(
        pupil.person.phone.as_deref(),
        Some("+79000000003"),
        "contacts without a name stay the entry's"
    );
    assert_eq!(pupil.person.guardian, None);
    let e = pupil.entry.as_ref().unwrap();
    assert_eq!(e.form, Some(Form::TeacherStudent));
    assert_eq!(e.request_source, Some(RequestSource::Parents));
    assert_eq!(e.counterpart, "Хабибуллина А. И., учитель информатики");
    assert_eq!(e.status, None);
    let sister = &a.records[2].person;
    assert_eq!(sister.category, student(7, Some("А")));
    let g = sister.guardian.as_ref().unwrap();
    assert_eq!(g.name.full(), "Кузнецова Анна Павловна");
    assert_eq!(g.relation, "мать");
    assert_eq!(
        (g.phone.as_deref(), g.email.as_deref()),
        (Some("+79000000004"), Some("anna@mail.ru"))
    );
    assert_eq!(sister.phone, None);
}

#[test]
fn base_rows_that_only_name_the_person() {
    let rows = sheet(&[
        &[
            "ФИО",
            "Дата рождения",
            "Год рождения",
            "Категория",
            "Место работы",
            "Контакты",
            "Статус",
        ],
        &[
            "Орлова Анна Петровна",
            "",
            "1990",
            "",
            "",
            "звонить вечером",
            "ожидает пары",
        ],
        &["Орлов Пётр Ильич", "", "2010", "обучающиеся", "", "", ""],
        &["Орлов Илья Ильич", "", "", "педагоги и специалисты", "", "", ""],
        &[
            "Орлов Олег Ильич",
            "03.04.1985",
            "1986",
            "ветераны педагогического труда",
            "",
            "",
            "",
        ],
        &["Орлов Глеб Ильич", "", "", "ветераны", "", "", "уволен"],
    ]);
    let a = analyze_ok(ListKind::Mentors, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(2), Some("«Контакты» (F)"), "imp-contacts-unrecognized"),
            (Some(2), Some("«Категория» (D)"), "imp-base-no-category"),
            (Some(3), Some("«Место работы» (E)"), "imp-base-no-class"),
            (Some(4), Some("«Место работы» (E)"), "imp-base-no-workplace"),
            (Some(5), Some("«Год рождения» (C)"), "imp-birth-year-mismatch"),
            (Some(6), Some("«Статус» (G)"), "imp-value-not-in-list"),
        ]
    );
    assert_eq!(
        a.problems[2].arg("category"),
        Some("обучающиеся, мотивированные помочь сверстникам")
    );
    assert!(a.problems[5].arg("expected").unwrap().contains("«архив, выбыл»"));
    assert_eq!(a.records.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3, 4]);
    assert!(a.records.iter().all(|r| r.person.category.is_none()));
    assert_eq!(a.records[0].entry.as_ref().unwrap().status, Some(EntryStatus::InBase));
    assert_eq!(a.records[1].person.birth_year, Some(2010));
    // Without a category column nothing is said about categories.
    let rows = sheet(&[&["ФИО наставника", "Год рождения"], &["Орлова Анна Петровна", "1990"]]);
    let a = analyze_ok(ListKind::Mentors, &rows, &opts());
    assert_eq!(a.problems, vec![]);
    assert_eq!(a.records[0].person.birth_year, Some(1990));
}
