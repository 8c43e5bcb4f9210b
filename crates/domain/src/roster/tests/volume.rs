//! Long lists: the check on two threads gives the report of one, and 100,000 rows in time.

use super::*;

#[test]
fn a_long_list_is_checked_in_two_halves_and_reported_as_one() {
    // Above PARALLEL_ROWS the rows are checked on two threads: a duplicate across the
    // halves, the first stray cell and every row's problems come out in file order.
    let names = ["Иван", "Пётр", "Олег", "Антон", "Глеб", "Илья", "Марк", "Лев"];
    let fathers = [
        "Ильич",
        "Петрович",
        "Олегович",
        "Антонович",
        "Глебович",
        "Семёнович",
        "Маркович",
        "Львович",
    ];
    let mut table: Vec<Vec<String>> = vec![
        ["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "ФИО родителя"]
            .map(String::from)
            .to_vec(),
    ];
    for n in 0..6_000usize {
        let day = n / 64;
        table.push(vec![
            "Орлов".into(),
            names[n % 8].into(),
            fathers[(n / 8) % 8].into(),
            format!("{:02}.{:02}.2012", 1 + day % 28, 1 + day / 28),
            "7А".into(),
            "Орлова Анна Ивановна".into(),
        ]);
    }
    table[5_500] = table[2].clone();
    table[4_000][4] = "7Ы9".into();
    table[3_500].push("лишнее".into());
    table[5_800].push("лишнее".into());
    let refs: Vec<Vec<&str>> = table.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let rows = sheet(&slices);
    let a = analyze_ok(ListKind::Students, &rows, &opts());
    assert_eq!(
        found(&a),
        vec![
            (Some(3_501), None, "imp-beyond-header"),
            (Some(4_001), Some("«Класс» (E)"), "imp-class"),
            (Some(5_501), Some("«Фамилия» (A)"), "imp-duplicate-in-file"),
        ]
    );
    assert_eq!(a.problems[2].arg("row"), Some("3"));
    assert_eq!(a.records.len(), 5_998);
    assert_eq!(a.records[0].person.name.last(), "Орлов");
}

/// 100,000 pupils: run `cargo test --release -p domain hundred_thousand -- --nocapture`
/// for the time.
#[test]
fn hundred_thousand_rows() {
    const LAST: [&str; 50] = [
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Фёдоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов",
        "Егоров",
        "Павлов",
        "Козлов",
        "Степанов",
        "Николаев",
        "Орлов",
        "Андреев",
        "Макаров",
        "Никитин",
        "Захаров",
        "Зайцев",
        "Соловьёв",
        "Борисов",
        "Яковлев",
        "Григорьев",
        "Романов",
        "Воробьёв",
        "Сергеев",
        "Кузьмин",
        "Фролов",
        "Александров",
        "Дмитриев",
        "Королёв",
        "Гусев",
        "Киселёв",
        "Ильин",
        "Максимов",
        "Поляков",
        "Сорокин",
        "Виноградов",
        "Ковалёв",
        "Белов",
        "Медведев",
        "Антонов",
        "Тарасов",
    ];
    const FIRST: [&str; 40] = [
        "Александр",
        "Максим",
        "Артём",
        "Михаил",
        "Иван",
        "Даниил",
        "Дмитрий",
        "Кирилл",
        "Андрей",
        "Егор",
        "Никита",
        "Илья",
        "Алексей",
        "Матвей",
        "Тимофей",
        "Роман",
        "Владимир",
        "Ярослав",
        "Фёдор",
        "Георгий",
        "Константин",
        "Лев",
        "Николай",
        "Степан",
        "Марк",
        "Павел",
        "Арсений",
        "Денис",
        "Тимур",
        "Глеб",
        "Семён",
        "Савелий",
        "Пётр",
        "Григорий",
        "Богдан",
        "Юрий",
        "Олег",
        "Вадим",
        "Леонид",
        "Виктор",
    ];
    const PATRONYMIC: [&str; 50] = [
        "Александрович",
        "Максимович",
        "Артёмович",
        "Михайлович",
        "Иванович",
        "Даниилович",
        "Дмитриевич",
        "Кириллович",
        "Андреевич",
        "Егорович",
        "Никитич",
        "Ильич",
        "Алексеевич",
        "Матвеевич",
        "Тимофеевич",
        "Романович",
        "Владимирович",
        "Ярославович",
        "Фёдорович",
        "Георгиевич",
        "Константинович",
        "Львович",
        "Николаевич",
        "Степанович",
        "Маркович",
        "Павлович",
        "Арсеньевич",
        "Денисович",
        "Тимурович",
        "Глебович",
        "Семёнович",
        "Савельевич",
        "Петрович",
        "Григорьевич",
        "Богданович",
        "Юрьевич",
        "Олегович",
        "Вадимович",
        "Леонидович",
        "Викторович",
        "Сергеевич",
        "Евгеньевич",
        "Борисович",
        "Антонович",
        "Вячеславович",
        "Игоревич",
        "Олегович",
        "Витальевич",
        "Аркадьевич",
        "Эдуардович",
    ];
    let mut rows = sheet(&[&[
        "№",
        "Фамилия",
        "Имя",
        "Отчество",
        "Дата рождения",
        "Класс",
        "Телефон",
        "ФИО родителя",
        "Телефон родителя",
    ]]);
    let mut n = 0;
    for last in LAST {
        for first in FIRST {
            for patronymic in PATRONYMIC {
                n += 1;
                let grade = 5 + n % 7;
                let birth = format!("{:02}.{:02}.{}", 1 + n % 28, 1 + n % 12, 2025 - grade - 6);
                let phone = Value::Number(79_160_000_000.0 + n as f64);
                rows.push(SourceRow {
                    number: n + 1,
                    cells: vec![
                        Value::Number(n as f64),
                        cell(last),
                        cell(first),
                        cell(patronymic),
                        cell(&birth),
                        cell(&format!("{grade}{}", ["А", "Б", "В"][n % 3])),
                        phone,
                        cell(&format!("{last}а Ольга Петровна")),
                        cell("8 (916) 123-45-67"),
                    ],
                });
            }
        }
    }
    let started = std::time::Instant::now();
    let a = analyze(ListKind::Students, &rows, &opts());
    let elapsed = started.elapsed();
    eprintln!("100,000 rows analyzed in {elapsed:?}");
    let dups = a.problems.iter().filter(|p| p.code == "imp-duplicate-in-file").count();
    assert_eq!(
        a.problems.len(),
        dups,
        "{:?}",
        a.problems.iter().find(|p| p.code != "imp-duplicate-in-file")
    );
    assert_eq!(a.records.len() + dups, 100_000);
    assert!(
        std::mem::size_of::<Record>() <= 360,
        "{}",
        std::mem::size_of::<Record>()
    );
}
