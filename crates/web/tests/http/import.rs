//! Importing lists and the bases, on every backend: the dry run names each problem by row
//! and column and writes nothing; a clean commit writes everything in one transaction; a
//! re-import updates instead of duplicating; the export reads back with the template's columns.

use app::Actor;
use app::bases::{BaseQuery, ExportFormat};
use app::import::{Progress, Upload};
use domain::Role;
use domain::base::BaseKind;
use domain::roster::{ListKind, Severity};

use crate::helpers::each_backend;

fn curator(org: i64) -> Actor {
    Actor {
        user_id: None,
        name: "тест".into(),
        role: Role::Curator,
        org_id: org,
        address: "test".into(),
    }
}

fn upload(kind: ListKind, name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        kind,
        file_name: name.into(),
        year: Some(domain::AcademicYear::starting(2025)),
        bytes,
    }
}

/// A student list the way Russian Excel saves «CSV (разделители — точка с запятой)»: Windows-1251, CRLF.
fn students_csv(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from("Список обучающихся МБОУ «Тестовая СОШ»\r\n");
    text.push_str("Фамилия;Имя;Отчество;Дата рождения;Класс;ФИО родителя;Телефон родителя\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!bad);
    bytes.into_owned()
}

async fn people(app: &app::App, org: i64) -> i64 {
    let mut c = app.store.read().await.unwrap();
    storage::repo::persons::identities(&mut c, org).await.unwrap().len() as i64
}

#[tokio::test]
async fn a_student_list_imports_once_and_reimports_as_updates() {
    each_backend(|t| async move {
        let actor = curator(t.school1);
        let before = people(&t.app, t.school1).await;
        let file = students_csv(&[
            "Ёлкина;Дарья;Сергеевна;05.03.2012;7А;Ёлкина Ольга Ивановна;8 (916) 111-22-33",
            "Петров;Илья;;1.9.11;8 б;Петрова Анна Петровна;+79162223344",
        ]);
        let up = upload(ListKind::Students, "ученики.csv", file);
        let dry = t.app.import_dry_run(&actor, &up, &Progress::default()).await.unwrap();
        assert_eq!(dry.errors(), 0, "{}: {:?}", t.backend, dry.problems);
        assert_eq!((dry.new_people, dry.new_guardians), (2, 2), "{}", t.backend);
        assert!(dry.format.contains("windows-1251"), "{}", dry.format);
        assert_eq!(people(&t.app, t.school1).await, before, "a dry run writes nothing");

        let done = t.app.import_commit(&actor, &up, &Progress::default()).await.unwrap();
        assert!(done.committed);
        assert_eq!(people(&t.app, t.school1).await, before + 4, "2 pupils and 2 guardians");

        // The same list with «Елкина» (ё → е) and a new class: an update, not a duplicate.
        let again = students_csv(&[
            "Елкина;Дарья;Сергеевна;05.03.2012;8А;Ёлкина Ольга Ивановна;8 (916) 111-22-33",
            "Петров;Илья;;01.09.2011;8Б;Петрова Анна Петровна;+79162223344",
        ]);
        let up = upload(ListKind::Students, "ученики.csv", again);
        let r = t.app.import_commit(&actor, &up, &Progress::default()).await.unwrap();
        assert!(r.committed);
        assert_eq!(
            (r.new_people, r.updated_people, r.unchanged_people),
            (0, 1, 1),
            "{}",
            t.backend
        );
        assert_eq!(people(&t.app, t.school1).await, before + 4);
    })
    .await;
}

#[tokio::test]
async fn bad_files_get_a_report_and_leave_the_database_unchanged() {
    each_backend(|t| async move {
        let actor = curator(t.school1);
        let before = people(&t.app, t.school1).await;
        let check = |kind: ListKind, name: &'static str, bytes: Vec<u8>| {
            let app = t.app.clone();
            let actor = actor.clone();
            async move {
                let up = upload(kind, name, bytes);
                let r = app.import_commit(&actor, &up, &Progress::default()).await.unwrap();
                assert!(!r.committed, "{name}");
                assert!(r.errors() > 0, "{name}");
                r
            }
        };
        // A bad date and an unknown class, named by row and column.
        let r = check(
            ListKind::Students,
            "даты.csv",
            students_csv(&[
                "Иванов;Иван;Иванович;31.02.2012;7А;Иванова Мария Ивановна;+79160000001",
                "Сидоров;Олег;;01.02.2012;13Я;Сидорова Анна Олеговна;+79160000002",
                "Котов;Лев;;01.02.2012;7В;;",
            ]),
        )
        .await;
        let rows: Vec<(Option<usize>, Option<String>)> = r
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.row, p.column.clone()))
            .collect();
        // The summary counts the file's three rows, and of them those without errors.
        let bad: std::collections::HashSet<_> = rows.iter().filter_map(|(r, _)| *r).collect();
        assert_eq!((r.rows, r.clean_rows), (3, 3 - bad.len()), "{}", t.backend);
        assert!(
            rows.iter()
                .any(|(r, c)| *r == Some(3) && c.as_deref().is_some_and(|c| c.contains("Дата рождения"))),
            "{rows:?}"
        );
        assert!(
            rows.iter()
                .any(|(r, c)| *r == Some(4) && c.as_deref().is_some_and(|c| c.contains("Класс"))),
            "{rows:?}"
        );
        assert!(rows.iter().any(|(r, _)| *r == Some(5)), "missing guardian: {rows:?}");

        // An unclosed quote at row 7,000 of a 10,000-row file.
        let mut lines: Vec<String> = (0..10_000)
            .map(|i| {
                format!(
                    "Фамилия{};Имя;;01.02.2012;7А;Мать Анна Ивановна;+7916{:07}",
                    to_letters(i),
                    i
                )
            })
            .collect();
        lines[6997] = "\"Незакрытая;Имя;;01.02.2012;7А;Мать Анна;+79160000000".into();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let r = check(ListKind::Students, "кавычка.csv", students_csv(&refs)).await;
        let text = format!("{r:?}");
        assert!(text.contains("7000"), "the row of the quote is named: {text:.400}");

        // A damaged workbook and a zip bomb.
        let r = check(
            ListKind::Students,
            "битый.xlsx",
            b"PK\x03\x04 not really a workbook".to_vec(),
        )
        .await;
        assert!(
            r.file_error.as_deref().is_some_and(|e| e.contains("поврежд")),
            "{:?}",
            r.file_error
        );
        let r = check(ListKind::Students, "бомба.xlsx", crate::hostile::corpus::zip_bomb()).await;
        assert!(r.file_error.is_some(), "{r:?}");

        // A header that does not match the template.
        let mut wrong = String::from("Имя ученика;Возраст\r\nИван;12\r\n").into_bytes();
        wrong.splice(0..0, [0xEF, 0xBB, 0xBF]);
        let r = check(ListKind::Students, "другое.csv", wrong).await;
        assert!(!r.problems.is_empty());

        assert_eq!(
            people(&t.app, t.school1).await,
            before,
            "{}: nothing was written",
            t.backend
        );
    })
    .await;
}

fn to_letters(mut i: usize) -> String {
    // Distinct Cyrillic surnames: «Фамилияабв».
    let abc: Vec<char> = "абвгдежзиклмнопрстуфхцчшэюя".chars().collect();
    let mut s = String::new();
    for _ in 0..4 {
        s.push(abc[i % abc.len()]);
        i /= abc.len();
    }
    s
}

#[tokio::test]
async fn bases_import_and_export_with_the_templates_columns() {
    each_backend(|t| async move {
        let actor = curator(t.school1);
        let staff = "ФИО;Дата рождения;Должность;Предметы;Стаж\r\n\
                     Смирнова Ольга Игоревна;12.04.1999;учитель математики;математика;2\r\n\
                     Петров Иван Сергеевич;01.02.1970;учитель математики;математика, физика;25\r\n";
        let up = upload(ListKind::Staff, "сотрудники.csv", staff.as_bytes().to_vec());
        let r = t.app.import_commit(&actor, &up, &Progress::default()).await.unwrap();
        assert!(r.committed, "{:?}", r.problems);

        let mentees = "№ п/п;ФИО наставляемого;Категория наставляемого;Основной запрос наставляемого;Форма наставничества;Статус\r\n\
                       1;Смирнова Ольга Игоревна;Молодые специалисты;=HYPERLINK(\"http://x\");Учитель – учитель;ожидает пары\r\n";
        let up = upload(ListKind::Mentees, "наставляемые.csv", mentees.as_bytes().to_vec());
        // The dry run already says that the entry will wait as a candidate, and whose it is.
        let dry = t.app.import_dry_run(&actor, &up, &Progress::default()).await.unwrap();
        let said: Vec<_> = dry
            .problems
            .iter()
            .filter(|p| p.code.starts_with("imp-status-"))
            .map(|p| (p.row, p.code, p.arg("name").map(str::to_string)))
            .collect();
        assert_eq!(
            said,
            [
                (None, "imp-status-needs-consent", None),
                (Some(2), "imp-status-candidate", Some("Смирнова Ольга Игоревна".to_string()))
            ],
            "{}",
            t.backend
        );
        let r = t.app.import_commit(&actor, &up, &Progress::default()).await.unwrap();
        assert!(r.committed, "{}: {:?}", t.backend, r.problems);
        assert_eq!(r.new_entries, 1);

        let q = BaseQuery {
            year: Some("2025".into()),
            ..Default::default()
        };
        let page = t.app.base_page(&actor, BaseKind::Mentees, &q).await.unwrap();
        assert_eq!(page.total, 1);
        // No consent yet: the entry waits as a candidate.
        assert_eq!(page.rows[0].status, domain::base::EntryStatus::Candidate);

        let xlsx = t.app.export_base(&actor, BaseKind::Mentees, &q, ExportFormat::Xlsx).await.unwrap();
        let grid = documents::read::read_grid(&xlsx, Some("база.xlsx")).unwrap();
        let header: Vec<String> = grid.rows[1].cells.iter().map(|c| format!("{c:?}")).collect();
        assert!(header[1].contains("ФИО наставляемого"), "{header:?}");
        assert!(header[15].contains("Статус"), "{header:?}");
        let csv = t.app.export_base(&actor, BaseKind::Mentees, &q, ExportFormat::Csv).await.unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\"'=HYPERLINK"), "the formula is neutralized: {text}");

        // The export re-imports: the same entry, updated in place.
        let up = upload(ListKind::Mentees, "база.xlsx", xlsx);
        let r = t.app.import_dry_run(&actor, &up, &Progress::default()).await.unwrap();
        assert_eq!(r.errors(), 0, "{}: {:?}", t.backend, r.problems);
        assert_eq!((r.new_entries, r.updated_entries), (0, 1));
    })
    .await;
}

#[tokio::test]
async fn namesake_mothers_stay_two_people_and_a_pupil_who_turned_18_comes_in_with_a_warning() {
    each_backend(|t| async move {
        let actor = curator(t.school1);
        let today = t.app.today_at(t.school1).await.unwrap();
        // Turned 18 ten days ago, in the 11th class: normal at school.
        let adult = today - chrono::Days::new(10);
        let adult =
            chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&adult) - 18, chrono::Datelike::month(&adult), 1)
                .unwrap();
        let adult_row = format!(
            "Кузнецов;Артём;;{};11А;Кузнецова Ольга Павловна;+79160000003",
            adult.format("%d.%m.%Y")
        );
        let file = students_csv(&[
            "Тихонов;Пётр;;05.03.2012;7А;Тихонова Мария Петровна;+79160000001",
            "Сидоров;Олег;;06.04.2011;8А;Тихонова Мария Петровна;+79160000002",
            "Тихонова;Анна;;07.05.2013;6А;Тихонова Мария Петровна;8 916 000-00-01",
            &adult_row,
        ]);
        let up = upload(ListKind::Students, "ученики.csv", file);
        let dry = t.app.import_dry_run(&actor, &up, &Progress::default()).await.unwrap();
        assert_eq!(dry.errors(), 0, "{}: {:?}", t.backend, dry.problems);
        let warned = |code: &str| {
            dry.problems
                .iter()
                .find(|p| p.code == code)
                .map(|p| (p.row, p.severity))
        };
        // Rows count from the title row: the header is row 2, the first pupil row 3.
        assert_eq!(warned("imp-guardian-namesake-row"), Some((Some(4), Severity::Warning)));
        assert_eq!(warned("imp-student-turned-adult"), Some((Some(6), Severity::Warning)));
        // Two mothers of the same name (different phones) and one of brother and sister.
        assert_eq!(dry.new_guardians, 3, "{}", t.backend);

        let done = t.app.import_commit(&actor, &up, &Progress::default()).await.unwrap();
        assert!(done.committed, "{:?}", done.problems);
        let mut c = t.app.store.read().await.unwrap();
        let ids = storage::repo::persons::identities(&mut c, t.school1).await.unwrap();
        let id = |key: &str| ids.iter().find(|i| i.search_key == key).map(|i| i.id).unwrap();
        let pairs = storage::repo::persons::guardian_pairs(&mut c, t.school1).await.unwrap();
        let mother = |pupil: i64| pairs.iter().find(|(m, _)| *m == pupil).map(|(_, g)| *g).unwrap();
        let (petr, oleg, anna) = (id("тихонов петр"), id("сидоров олег"), id("тихонова анна"));
        assert_eq!(
            mother(petr),
            mother(anna),
            "{}: brother and sister share their mother",
            t.backend
        );
        assert_ne!(
            mother(petr),
            mother(oleg),
            "{}: a namesake is another person",
            t.backend
        );
        let artem = id("кузнецов артем");
        let card = t.app.participant_card(&actor, artem).await.unwrap();
        assert!(card.person.age_exception && !card.minor, "{}", t.backend);
    })
    .await;
}
