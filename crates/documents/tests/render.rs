//! Every kind renders from its sample; DOCX and XLSX open in LibreOffice, and the text of
//! every PDF (ours or LibreOffice's) holds the Russian text, the figures and the names in
//! the case the sentence needs. The pages are looked at too: the charts show, the tables
//! print readably on at most two pages across, no text runs over another.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::{assert_has, assert_has_compact, libreoffice_to_pdf, look, pdf_text};
use documents::{Format, kinds, render};
use serde_json::Value;

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

/// Each kind that offers `format`, rendered from its sample (changed by `adjust` first)
/// into `dir`: (code, path).
fn render_all(dir: &Path, format: Format, adjust: impl Fn(&str, &mut Value)) -> Vec<(&'static str, PathBuf)> {
    kinds()
        .iter()
        .filter(|k| k.formats.contains(&format))
        .map(|k| {
            let mut data: Value = serde_json::from_str(k.sample).unwrap();
            adjust(k.code, &mut data);
            let bytes = render(k.code, data.to_string().as_bytes(), format, None)
                .unwrap_or_else(|e| panic!("{} {format}: {e}", k.code));
            let path = dir.join(format!("{}.{}", k.code, format.name()));
            std::fs::write(&path, bytes).unwrap();
            (k.code, path)
        })
        .collect()
}

/// Through LibreOffice, as a school opens the file: one conversion for all of them.
fn through_libreoffice(files: &[(&'static str, PathBuf)], dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let paths: Vec<PathBuf> = files.iter().map(|(_, p)| p.clone()).collect();
    let out = dir.join("lo");
    std::fs::create_dir_all(&out).unwrap();
    files
        .iter()
        .map(|(code, _)| *code)
        .zip(libreoffice_to_pdf(&paths, &out))
        .collect()
}

/// How many charts a kind's sample draws.
fn charts(kind: &str) -> usize {
    match kind {
        "results_summary" => 2,
        "curator_note" => 1,
        _ => 0,
    }
}

/// The bars of a chart (charts-rs's first series colour, #5470C6).
const BAR: [u8; 3] = [0x54, 0x70, 0xC6];

/// Every chart of the document is seen on its pages: wide blue bars, not a caption under
/// an empty line.
fn assert_charts_show(doc: &str, pdf: &Path, charts: usize) {
    let pages = look::pages(pdf, 40);
    let painted: f32 = pages.iter().map(|p| p.share_of(BAR, 24)).sum();
    // One chart of 16 × 8 cm is a fifth of an A4 page; its bars, at least a fiftieth.
    assert!(
        painted >= 0.02 * charts as f32,
        "{doc}: {charts} chart(s) expected, bar colour covers {:.2} % of one page in all",
        painted * 100.0
    );
    let widest = pages
        .iter()
        .filter_map(|p| p.extent_of(BAR, 24))
        .map(|e| e.width())
        .fold(0.0, f32::max);
    assert!(
        widest >= 0.5,
        "{doc}: the bars span {:.0} % of the page width",
        widest * 100.0
    );
}

#[test]
fn docx_documents_read_back_in_russian_and_show_their_charts_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let docx = render_all(dir.path(), Format::Docx, |_, _| {});
    for (code, pdf) in through_libreoffice(&docx, dir.path()) {
        let doc = format!("{code}.docx in LibreOffice");
        assert_has(&doc, &pdf_text(&pdf), expected(code));
        if charts(code) > 0 {
            assert_charts_show(&doc, &pdf, charts(code));
        }
    }
}

#[test]
fn pdf_documents_read_back_in_russian_and_show_their_charts() {
    let dir = tempfile::tempdir().unwrap();
    for (code, pdf) in render_all(dir.path(), Format::Pdf, |_, _| {}) {
        let doc = format!("{code}.pdf");
        assert_has(&doc, &pdf_text(&pdf), expected(code));
        if charts(code) > 0 {
            assert_charts_show(&doc, &pdf, charts(code));
        }
    }
}

/// The header fill of the XLSX tables (#DDE7F0).
const HEADER_FILL: [u8; 3] = [0xDD, 0xE7, 0xF0];

#[test]
fn xlsx_tables_read_back_and_print_readably_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    // A row of long texts over a row of short ones: a wrapped row printed at the default
    // height runs into the next.
    let long = "Победитель муниципального конкурса «Педагог года», руководитель школьного \
                методического объединения, автор программы подготовки к олимпиадам";
    let xlsx = render_all(dir.path(), Format::Xlsx, |code, data| {
        if let Some(rows) = data.get_mut("rows").and_then(Value::as_array_mut) {
            let mut wordy = serde_json::Map::new();
            let mut short = serde_json::Map::new();
            let fields: Vec<String> = rows[0].as_object().unwrap().keys().cloned().collect();
            for f in fields {
                wordy.insert(f.clone(), Value::String(long.into()));
                short.insert(f, Value::String("коротко".into()));
            }
            rows.insert(0, Value::Object(short));
            rows.insert(0, Value::Object(wordy));
            assert!(code.starts_with("base_"), "{code}");
        }
    });
    assert_eq!(xlsx.len(), 3, "both bases and the roadmap");
    for (code, pdf) in through_libreoffice(&xlsx, dir.path()) {
        let doc = format!("{code}.xlsx in LibreOffice");
        let text = pdf_text(&pdf);
        assert_has(&doc, &text, expected(code));
        let (sizes, words) = look::words(&pdf);
        // A base's 16 columns: at most two pages across (a few rows: two pages in all).
        if code.starts_with("base_") {
            assert!(sizes.len() <= 2, "{doc}: {} pages for a few rows", sizes.len());
        }
        assert!(sizes.iter().all(|(w, h)| w > h), "{doc}: landscape pages: {sizes:?}");
        // Readable: the text is printed at about 8 pt or more (a word's box is ~1.15 × the
        // font size), not shrunk to fit 16 columns on one page.
        let height = look::median_height(&words);
        assert!(height >= 9.0, "{doc}: words are {height:.1} pt high on paper");
        // No cell's text runs into another's.
        let clash = look::overlapping(&words);
        assert!(
            clash.is_empty(),
            "{doc}: text drawn over text: {:?}",
            &clash[..clash.len().min(5)]
        );
        // The table fills the width of its first page (not a strip on the left).
        let first = &look::pages(&pdf, 40)[0];
        let header = first
            .extent_of(HEADER_FILL, 6)
            .unwrap_or_else(|| panic!("{doc}: no header fill"));
        assert!(
            header.width() >= 0.8,
            "{doc}: the table spans {:.0} % of the page",
            header.width() * 100.0
        );
        if code.starts_with("base_") {
            assert_has_compact(&doc, &text, &[long]);
            let last = if code == "base_mentors" {
                "Статус (текущая / архив)"
            } else {
                "выбыл"
            };
            assert_has_compact(&doc, &text, &[last]);
        }
    }
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
