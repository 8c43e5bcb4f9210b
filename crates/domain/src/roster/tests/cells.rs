//! Reading single cells: dates, classes, formulas, contacts.

use super::*;
use crate::roster::cells::{find_class, parse_class, parse_contacts, parse_date_text};
use crate::sheet::excel_serial_to_date;

#[test]
fn excel_serial_dates_1900_and_1904() {
    assert_eq!(excel_serial_to_date(1.0, false), Some(day(1900, 1, 1)));
    assert_eq!(excel_serial_to_date(59.0, false), Some(day(1900, 2, 28)));
    assert_eq!(excel_serial_to_date(60.0, false), None, "29.02.1900 never was");
    assert_eq!(excel_serial_to_date(61.0, false), Some(day(1900, 3, 1)));
    assert_eq!(excel_serial_to_date(41153.0, false), Some(day(2012, 9, 1)));
    assert_eq!(
        excel_serial_to_date(41153.75, false),
        Some(day(2012, 9, 1)),
        "time of day dropped"
    );
    assert_eq!(excel_serial_to_date(39691.0, true), Some(day(2012, 9, 1)));
    assert_eq!(excel_serial_to_date(0.0, true), Some(day(1904, 1, 1)));
    assert_eq!(excel_serial_to_date(-1.0, false), None);
    for (serial, date1904) in [(41153.0, false), (39691.0, true)] {
        let mut rows = sheet(&[&["Фамилия", "Имя", "Дата рождения", "Класс", "Родитель"]]);
        rows.push(SourceRow {
            number: 2,
            cells: vec![
                cell("Орлова"),
                cell("Вера"),
                Value::Number(serial),
                cell("8в"),
                cell("Орлов Олег Олегович"),
            ],
        });
        let o = Options { date1904, ..opts() };
        let a = analyze_ok(ListKind::Students, &rows, &o);
        assert!(a.is_clean(), "{:?}", a.problems);
        assert_eq!(a.records[0].person.birth_date, Some(day(2012, 9, 1)));
    }
}

#[test]
fn dates_in_the_ways_people_type_them() {
    let today = day(2025, 10, 1);
    for (text, date) in [
        ("1.9.12", day(2012, 9, 1)),
        ("01.09.12", day(2012, 9, 1)),
        ("5.3.99", day(1999, 3, 5)),
        ("01.09.25", day(2025, 9, 1)),
        ("01.09.26", day(1926, 9, 1)),
        ("01.09.2012", day(2012, 9, 1)),
        ("2012-09-01", day(2012, 9, 1)),
        ("01/09/2012", day(2012, 9, 1)),
        ("01.09.2012 0:00:00", day(2012, 9, 1)),
        ("01.09.2012 г.", day(2012, 9, 1)),
    ] {
        assert_eq!(parse_date_text(text, today), Some(date), "{text}");
    }
    for text in [
        "31.02.2012",
        "завтра",
        "2012",
        "1.9",
        "01.09.2012.01",
        "001.09.2012",
        "01.09.012",
    ] {
        assert_eq!(parse_date_text(text, today), None, "{text}");
    }
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
        &["Белова", "Ирина", "3.4.12", "7а", "Белова Анна Ивановна"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert!(a.is_clean(), "{:?}", a.problems);
    assert_eq!(a.records[0].person.birth_date, Some(day(2012, 4, 3)));
}

#[test]
fn bad_dates_name_the_row_and_column() {
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
        &["Белова", "Ирина", "31.02.2012", "7а", "Белова Анна Ивановна"],
        &["Белов", "Иван", "завтра", "7а", "Белова Анна Ивановна"],
        &["Белов", "Олег", "", "7а", "Белова Анна Ивановна"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(2), Some("«Дата рождения» (C)"), "imp-date"),
            (Some(3), Some("«Дата рождения» (C)"), "imp-date"),
            (Some(4), Some("«Дата рождения» (C)"), "err-required"),
        ]
    );
    assert_eq!(a.problems[0].arg("value"), Some("31.02.2012"));
    assert_eq!(a.problems[0].arg("expected"), Some("ДД.ММ.ГГГГ"));
    assert_eq!(a.problems[1].arg("value"), Some("завтра"));
    assert_eq!(a.problems[2].arg("field"), Some("Дата рождения"));
    assert!(a.records.is_empty());
    assert_eq!(a.errors(), 3);
}

#[test]
fn classes_are_read_or_named() {
    assert_eq!(parse_class("7А"), Some(("7".into(), Some("А".into()))));
    assert_eq!(parse_class("7 а"), Some(("7".into(), Some("А".into()))));
    assert_eq!(parse_class("7-а"), Some(("7".into(), Some("А".into()))));
    assert_eq!(parse_class("7 «А»"), Some(("7".into(), Some("А".into()))));
    assert_eq!(parse_class("10 \"Б\" класс"), Some(("10".into(), Some("Б".into()))));
    assert_eq!(parse_class("7A"), Some(("7".into(), Some("А".into()))), "Latin A");
    assert_eq!(parse_class("11"), Some(("11".into(), None)));
    assert_eq!(parse_class("седьмой"), None);
    assert_eq!(parse_class("7АБ"), None);
    assert_eq!(find_class("обучающийся 9 «Б»"), Some(("9".into(), Some("Б".into()))));
    assert_eq!(find_class("МБОУ СОШ № 17, 10А"), Some(("10".into(), Some("А".into()))));
    assert_eq!(find_class("9 класс"), Some(("9".into(), None)));
    assert_eq!(find_class("учитель"), None);
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
        &["Белова", "Ирина", "03.04.2012", "13Я", "Белова Анна Ивановна"],
        &["Белов", "Иван", "03.04.2012", "7ЯЯ", "Белова Анна Ивановна"],
    ]);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(2), Some("«Класс» (D)"), "err-grade"),
            (Some(3), Some("«Класс» (D)"), "imp-class"),
        ]
    );
    let grade = &a.problems[0];
    assert_eq!(
        (grade.arg("value"), grade.arg("min"), grade.arg("max")),
        (Some("13Я"), Some("5"), Some("11"))
    );
    assert_eq!(grade.arg("field"), Some("Класс"));
    assert_eq!(a.problems[1].arg("value"), Some("7ЯЯ"));
}

#[test]
fn formulas_are_loaded_with_a_warning() {
    let rows = sheet(&[
        &["Фамилия", "Имя", "Дата рождения", "Класс", "ФИО родителя"],
        &["Белова", "Ирина", "03.04.2012", "7А", "Белова Анна Ивановна"],
    ]);
    let o = Options {
        formulas: vec![(2, 2), (2, 9), (1, 0)],
        ..opts()
    };
    let a = analyze_ok(ListKind::Students, &rows, &o);
    assert_eq!(found(&a), vec![(Some(2), Some("«Дата рождения» (C)"), "imp-formula")]);
    assert_eq!(a.problems[0].arg("value"), Some("03.04.2012"));
    assert_eq!(a.problems[0].severity, Severity::Warning);
    assert!(a.is_clean());
    assert_eq!(a.records.len(), 1);
}

#[test]
fn cells_as_text() {
    assert_eq!(Value::Number(79161234567.0).text(), "79161234567");
    assert_eq!(Value::Number(12.5).text(), "12.5");
    assert_eq!(Value::Bool(true).text(), "да");
    assert_eq!(Value::Date(day(2012, 9, 1)).text(), "01.09.2012");
    assert_eq!(Value::Text("  7А \u{a0}".into()).text(), "7А");
    assert!(Value::Text(" ".into()).is_empty());
    assert_eq!(ListKind::from_code("staff"), Some(ListKind::Staff));
    assert_eq!(ListKind::from_code("pupils"), None);
}

#[test]
fn contacts_cells_are_split() {
    let c = parse_contacts("Иванова Мария Петровна, мать, тел. 8 (916) 123-45-67; ivanova@mail.ru");
    assert_eq!(c.phone.as_deref(), Some("8 (916) 123-45-67"));
    assert_eq!(c.email.as_deref(), Some("ivanova@mail.ru"));
    assert_eq!(c.name.as_deref(), Some("Иванова Мария Петровна"));
    assert_eq!(c.relation, Some("мать"));
    assert!(!c.extra);
    let c = parse_contacts("+7 900 000-00-01 +7 900 000-00-02, звонить после 18:00");
    assert_eq!(c.phone.as_deref(), Some("+7 900 000-00-01"));
    assert!(c.extra);
    assert_eq!(c.name, None);
    assert_eq!(parse_contacts("звонить классному руководителю").phone, None);
}

#[test]
fn a_cell_longer_than_its_form_field_is_an_error() {
    let relation = "мать".repeat(10_000);
    let rows = sheet(&[
        &[
            "Фамилия",
            "Имя",
            "Дата рождения",
            "Класс",
            "ФИО родителя",
            "Степень родства",
        ],
        &["Белова", "Ирина", "03.04.2012", "7А", "Белова Анна Ивановна", &relation],
        &["Белов", "Иван", "03.04.2012", "7А", "Белова Анна Ивановна", "мать"],
    ]);
    let a = analyze(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![(Some(2), Some("«Степень родства» (F)"), "imp-too-long")]
    );
    assert_eq!(a.problems[0].arg("length"), Some("40000"));
    assert_eq!(a.problems[0].arg("max"), Some("200"));
    assert!(!a.is_clean());
}
