//! Finding and mapping the header row, and the headers of our own export of the bases.

use super::*;
use crate::roster::headers::header_key;

#[test]
fn setevoy_gorod_headers_with_typed_cells() {
    let mut rows = sheet(&[&[
        "Фамилия",
        "Имя",
        "Отчество",
        "Дата рождения",
        "Класс",
        "ФИО родителя",
        "Телефон родителя",
    ]]);
    rows.push(SourceRow {
        number: 2,
        cells: vec![
            cell("Кузнецов"),
            cell("Артём"),
            cell("Павлович"),
            Value::Date(day(2011, 4, 12)),
            Value::Number(9.0),
            cell("Кузнецова Мария Ивановна"),
            Value::Number(79161234567.0),
        ],
    });
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert!(a.problems.is_empty(), "{:?}", a.problems);
    let p = &a.records[0].person;
    assert_eq!(p.birth_date, Some(day(2011, 4, 12)));
    assert_eq!(p.category, student(9, None));
    assert_eq!(p.guardian.as_ref().unwrap().phone.as_deref(), Some("+79161234567"));
}

#[test]
fn missing_required_column_stops_the_rows() {
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "ФИО родителя"],
        &["Белова", "Ирина", "03.04.2012", "Белова Анна Ивановна"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(found(&a), vec![(Some(1), None, "imp-missing-column")]);
    assert_eq!(a.problems[0].arg("column"), Some("Класс"));
    assert_eq!(
        a.problems[0].arg("found"),
        Some("«Фамилия», «Имя», «Дата рождения», «ФИО родителя»")
    );
    assert!(a.records.is_empty());
    let rows = sheet(&[&["Имя", "Дата рождения", "Класс"]]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(found(&a), vec![(Some(1), None, "imp-missing-name-column")]);
}

#[test]
fn no_header_row_lists_what_is_expected() {
    let rows = sheet(&[&[], &["Ведомость", "", "2025"], &["Иванов", "7А"]]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(found(&a), vec![(None, None, "imp-no-header")]);
    assert_eq!(a.header_row, None);
    assert_eq!(a.problems[0].arg("found"), Some("«Ведомость», «2025»"));
    assert!(a.problems[0].arg("expected").unwrap().starts_with("«Фамилия», «Имя»"));
    let a = analyze_ok(ListKind::Staff, &[], &opts());
    assert_eq!(found(&a), vec![(None, None, "imp-no-header")]);
}

#[test]
fn header_oddities() {
    let rows = sheet(&[
        &[
            "1. Фамилия*",
            "2. Имя*",
            "Дата рождения (ДД.ММ.ГГГГ)",
            "Класс",
            "Примечание",
            "",
            "Телефон родителя (матери)",
            "Класс",
            "Родитель",
        ],
        &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        &[
            "Белова",
            "Ирина",
            "03.04.2012",
            "7А",
            "отличница",
            "",
            "",
            "",
            "Белова Анна Ивановна",
            "лишнее",
        ],
        &[
            "Белов",
            "Иван",
            "03.04.2012",
            "7А",
            "",
            "забыли",
            "",
            "",
            "Белова Анна Ивановна",
        ],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(1), Some("«Примечание» (E)"), "imp-unknown-column"),
            (Some(1), Some("«Класс» (H)"), "imp-duplicate-column"),
            (Some(3), None, "imp-beyond-header"),
        ]
    );
    assert_eq!(a.problems[1].arg("first"), Some("«Класс» (D)"));
    assert_eq!(a.problems[2].arg("letter"), Some("J"));
    assert_eq!(a.columns[0].1, Some("last_name"));
    assert_eq!(a.columns[2].1, Some("birth_date"));
    assert_eq!(a.columns[6].1, Some("guardian_phone"), "a long label starts the header");
    assert_eq!(a.columns[7].1, None);
    assert_eq!(a.records.len(), 2);
    assert_eq!(column_letter(0), "A");
    assert_eq!(column_letter(25), "Z");
    assert_eq!(column_letter(26), "AA");
    assert_eq!(column_letter(701), "ZZ");
    assert_eq!(column_letter(702), "AAA");
}

#[test]
fn headers_match_the_export_of_the_bases() {
    let bases = include_str!("../../../../documents/src/kinds/bases.rs");
    for h in MENTOR_HEADERS.iter().chain(&MENTEE_HEADERS) {
        assert!(
            bases.contains(&format!("(\"{h}\", ")) || bases.contains(&format!("\"{h}\",\n")),
            "{h}"
        );
    }
    for kind in ListKind::ALL {
        assert_eq!(ListKind::from_code(kind.code()), Some(kind));
        let synonyms = Synonyms::new(kind);
        for h in kind.headers() {
            assert!(synonyms.field(h).is_some_and(|f| f != Field::Number), "{kind:?}: {h}");
        }
    }
    assert_eq!(header_key("№ п/п"), "номер п п");
    assert_eq!(header_key(" 3) Ф.И.О.*"), "ф и о");
    assert_eq!(header_key("E-mail"), "e mail");
}
