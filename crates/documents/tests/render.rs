//! Every kind renders from its sample; DOCX and XLSX open in LibreOffice, and the text of
//! every PDF (ours or LibreOffice's) holds the Russian text, the figures and the names in
//! the case the sentence needs.

mod common;

use std::io::Read;
use std::path::PathBuf;

use common::{assert_has, libreoffice_to_pdf, pdf_text};
use documents::{Format, kinds, render};

fn expected(kind: &str) -> &'static [&'static str] {
    match kind {
        "order_introduce_model" => &[
            "Муниципальное бюджетное общеобразовательное учреждение «Знаменская средняя общеобразовательная школа»",
            "01 июня 2025 г.",
            "№ 145",
            "О внедрении целевой модели наставничества в МБОУ «Знаменская СОШ» и назначении куратора",
            "ПРИКАЗЫВАЮ:",
            "в период с 01.09.2025 по 01.09.2026",
            "заместителя директора по УВР Захарову Анастасию Анатольевну",
            "Куратору внедрения целевой модели наставничества в МБОУ «Знаменская СОШ» Захаровой Анастасии Анатольевне:",
            "Секретарю Рычко Наталье Владимировне ознакомить работников",
            "Контроль исполнения настоящего приказа оставляю за собой.",
            "Е. М. Шевченко",
            "С приказом ознакомлен(а):",
            "Приложение № 1 к приказу МБОУ «Знаменская СОШ» от 01.06.2025 № 145",
            "Ответственные",
            "Дорожная карта внедрения целевой модели наставничества в МБОУ «Знаменская СОШ»",
            "Информирование педагогического сообщества образовательной организации о реализации программы наставничества",
            "До 01.08.2025",
            "Внесение данных об итогах реализации программы наставничества в базу наставников и базу наставляемых",
            "Приложение № 2 к приказу",
            "ПОЛОЖЕНИЕ о системе наставничества педагогических работников в МБОУ «Знаменская СОШ»",
        ],
        "order_pairs" => &[
            "Об утверждении наставнических пар/групп",
            "(3 – всего, из них групп – 1)",
            "Куратору заместителю директора по УВР Захаровой Анастасии Анатольевне обеспечить",
            "Петров Иван Сергеевич, учитель математики",
            "Мамедов Эльдар Рашид оглы, 9 «А» класс",
            "Ученик – ученик",
            "31.05.2026",
        ],
        "order_mentor_school" => &[
            "Об организации «Школы наставников» в МБОУ «Знаменская СОШ»",
            "Назначить руководителем «Школы наставников» педагога-психолога Иванову Марию Петровну.",
            "Ивановой Марии Петровне обеспечить проведение занятий",
            "Психология взаимодействия наставника и наставляемого",
        ],
        "order_reward" => &[
            "Наградить грамотой «Лучший наставник»:",
            "учителя математики Петрова Ивана Сергеевича за высокие результаты",
            "учителя информатики Хабибуллину Алию Ильдаровну",
            "Объявить благодарность:",
            "ученице 11 «А» класса Ким Анне Викторовне за помощь",
        ],
        "position" => &[
            "СОГЛАСОВАНО",
            "УТВЕРЖДЕНО",
            "протокол от 17.05.2025 № 3",
            "ПОЛОЖЕНИЕ О НАСТАВНИЧЕСТВЕ В МБОУ «Знаменская СОШ»",
            "1. Общие положения",
            "12. Документы, регламентирующие наставничество",
        ],
        "roadmap" => &[
            "«Дорожная карта» реализации целевой модели наставничества в МБОУ «Знаменская СОШ» на 2025–2026 учебный год",
            "Наименование этапа",
            "Содержание деятельности",
            "Формирование базы наставляемых",
            "Закрепление",
            "Завершение наставничества",
        ],
        "personal_program" => &[
            "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА",
            "1. Пояснительная записка",
            "Описание проблемы:",
            "Сроки реализации программы: с 01.10.2025 по 31.05.2026",
            "2. План мероприятий",
            "2. Направление: нормативные правовые",
            "Отметка",
        ],
        "iom" => &[
            "ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ ПЕДАГОГА",
            "на 2025–2030 гг.",
            "Диагностика (самодиагностика) профессиональных затруднений и дефицитов",
            "психолого-педагогические (ориентированные на обучающихся и их родителей)",
            "6. Корректировка дорожной карты",
            "15.01.2026",
            "7. Рефлексивный анализ эффективности",
        ],
        "curator_note" => &[
            "Директору МБОУ «Знаменская СОШ»",
            "Шевченко Елене Михайловне",
            "СПРАВКА",
            "за период с 01.09.2025 по 31.01.2026",
            "Действующих наставнических пар и групп: 27.",
            "Запланировано встреч: 140; проведено: 121; выполнение плана: 86,4 % (121 из 140).",
            "Рисунок. Пары и группы по формам наставничества",
            "А. А. Захарова",
        ],
        "results_summary" => &[
            "ИТОГИ",
            "Внедрение целевой модели наставничества в МБОУ СОШ № 17 2025/2026 уч. год",
            "Мониторинг реализации программы наставничества в МБОУ СОШ № 17 проведен на основании следующих документов:",
            "Цель проекта:",
            "Вовлечённость обучающихся",
            "52,6 % (212 из 403)",
            "81,6 % (31 из 38)",
            "Средняя удовлетворённость участием (1–10)",
            "8,4",
            "нет данных",
            "+2,4",
            "Рисунок. Показатели на входе и на выходе",
            "Проект/программа (оператор)",
            "Выводы по итогам мониторинга:",
        ],
        "base_mentors" => &[
            "База наставников МБОУ «Знаменская СОШ» на 2025–2026 учебный год",
            "ФИО наставника",
            "Ключевые",
            "Петров Иван Сергеевич",
            "=HYPERLINK(\"http://evil\")",
        ],
        "base_mentees" => &[
            "База наставляемых МБОУ «Знаменская СОШ» на 2025–2026 учебный год",
            "ФИО наставляемого",
            "Основной запрос",
            "Кузнецов Артём Павлович",
        ],
        "certificate" => &[
            "ГРАМОТА",
            "«Лучший наставник»",
            "награждается",
            "Петров Иван Сергеевич",
            "учитель математики",
            "Хабибуллина Алия Ильдаровна",
            "25 мая 2026 г.",
            "Е. М. Шевченко",
        ],
        "thanks_letter" => &[
            "БЛАГОДАРСТВЕННОЕ ПИСЬМО",
            "Уважаемая Ирина Владимировна!",
            "Уважаемый Сергей Петрович!",
            "Администрация МБОУ «Знаменская СОШ» выражает Вам искреннюю благодарность",
        ],
        other => panic!("no expectations for {other}"),
    }
}

#[test]
fn every_kind_renders_from_its_sample_and_reads_back_in_russian() {
    let dir = tempfile::tempdir().unwrap();
    let mut office = Vec::new();
    let mut pdfs = Vec::new();
    for k in kinds() {
        for f in k.formats {
            let bytes = render(k.code, k.sample.as_bytes(), *f, None).unwrap_or_else(|e| panic!("{} {f}: {e}", k.code));
            let path = dir.path().join(format!("{}.{}", k.code, f.name()));
            std::fs::write(&path, bytes).unwrap();
            match f {
                Format::Pdf => pdfs.push((k.code, path)),
                _ => office.push((k.code, path)),
            }
        }
    }
    let converted = dir.path().join("lo");
    std::fs::create_dir_all(&converted).unwrap();
    let files: Vec<PathBuf> = office.iter().map(|(_, p)| p.clone()).collect();
    // Two outputs of one kind (roadmap.docx and roadmap.xlsx) would share a PDF name.
    let (docx, other): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e == "docx"));
    let docx_dir = converted.join("docx");
    let xlsx_dir = converted.join("xlsx");
    std::fs::create_dir_all(&docx_dir).unwrap();
    std::fs::create_dir_all(&xlsx_dir).unwrap();
    let mut checked = 0;
    for (src, pdf) in docx
        .iter()
        .zip(libreoffice_to_pdf(&docx, &docx_dir))
        .chain(other.iter().zip(libreoffice_to_pdf(&other, &xlsx_dir)))
    {
        let code = src.file_stem().unwrap().to_str().unwrap();
        assert_has(&src.display().to_string(), &pdf_text(&pdf), expected(code));
        checked += 1;
    }
    for (code, pdf) in &pdfs {
        assert_has(&pdf.display().to_string(), &pdf_text(pdf), expected(code));
        checked += 1;
    }
    assert_eq!(checked, kinds().iter().map(|k| k.formats.len()).sum::<usize>());
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn bases_keep_the_template_columns_freeze_the_header_and_never_run_formulas() {
    let k = documents::kind("base_mentors").unwrap();
    let bytes = render(k.code, k.sample.as_bytes(), Format::Xlsx, None).unwrap();
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"state="frozen""#) && sheet.contains(r#"topLeftCell="A3""#),
        "header row is frozen: {sheet}"
    );
    assert!(sheet.contains("<autoFilter"), "autofilter");
    assert!(
        sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#),
        "A4 landscape"
    );
    assert!(
        sheet.contains("<mergeCell ref=\"A1:P1\"/>"),
        "title row spans the 16 columns"
    );
    assert!(!sheet.contains("<f>"), "no cell is a formula");
    assert!(sheet.contains("=HYPERLINK(&quot;http://evil&quot;)") || sheet.contains("=HYPERLINK(\"http://evil\")"));
    let styles = zip_part(&bytes, "xl/styles.xml");
    assert!(
        styles.contains(r#"quotePrefix="1""#),
        "cells that look like formulas are quote-prefixed"
    );
    // Header order of TEMPLATES.md §1.2.
    let pos = |h: &str| sheet.find(h).unwrap_or_else(|| panic!("{h}"));
    assert!(pos("ФИО наставника") < pos("Контактные данные для связи"));
    assert!(pos("Ключевые компетенции, достижения") < pos("Согласие на обработку персональных данных (дата)"));
    assert!(pos("Ссылка на кейс / отзыв") < pos("Статус (текущая / архив)"));

    // The public export (site, municipality) drops contacts and the year of birth.
    let mut public: serde_json::Value = serde_json::from_str(k.sample).unwrap();
    public["public"] = serde_json::Value::Bool(true);
    let bytes = render(k.code, public.to_string().as_bytes(), Format::Xlsx, None).unwrap();
    let sheet = zip_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        !sheet.contains("Контактные данные") && !sheet.contains("+7 900"),
        "public export has no contacts"
    );
    assert!(!sheet.contains("Год рождения") && !sheet.contains("1979"));
    assert!(sheet.contains("Общедоступные сведения"));
}

#[test]
fn the_report_has_a_chart_in_docx_as_an_image() {
    let k = documents::kind("results_summary").unwrap();
    let bytes = render(k.code, k.sample.as_bytes(), Format::Docx, None).unwrap();
    let z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let images = z
        .file_names()
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .count();
    assert_eq!(images, 2, "two charts: pairs by form and indicators");
    let doc = zip_part(&bytes, "word/document.xml");
    assert!(doc.contains("<w:tblHeader"), "table headers repeat on each page");
    assert!(doc.contains("Times New Roman") || zip_part(&bytes, "word/styles.xml").contains("Times New Roman"));
}
