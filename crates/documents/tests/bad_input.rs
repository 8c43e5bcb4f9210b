//! Bad input gets a Russian message naming the field or the problem, never a panic and
//! never a corrupt file; hostile text cannot break the XML or the layout; a school's blank
//! is filled even where Word split a placeholder, and bad blanks are refused.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Cursor, Write};

use common::{assert_has, assert_has_compact, docx_text, libreoffice_to_pdf, pdf_text};
use documents::{DocumentError, Format, render};
use serde_json::{Value, json};

fn sample(kind: &str) -> Value {
    serde_json::from_str(documents::kind(kind).unwrap().sample).unwrap()
}

fn err(kind: &str, data: &Value, format: Format) -> String {
    match render(kind, data.to_string().as_bytes(), format, None) {
        Ok(_) => panic!("{kind}: bad data was accepted: {data}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn missing_required_fields_are_named() {
    let mut d = sample("order_pairs");
    d["order"].as_object_mut().unwrap().remove("number");
    assert_eq!(
        err("order_pairs", &d, Format::Docx),
        "не заполнено обязательное поле order.number (обязательное поле): впишите его в данные документа"
    );
    let mut d = sample("order_pairs");
    d["order"]["number"] = json!("  ");
    assert!(err("order_pairs", &d, Format::Pdf).contains("order.number (номер приказа)"));
    let mut d = sample("order_introduce_model");
    d["order"]["head"] = Value::Null;
    assert!(
        err("order_introduce_model", &d, Format::Docx)
            .contains("order.head (руководитель, который подписывает приказ)")
    );
    let mut d = sample("order_pairs");
    d["pairs"][1]["mentees"] = json!([]);
    assert!(err("order_pairs", &d, Format::Docx).contains("pairs[1].mentees"));
    let mut d = sample("order_pairs");
    d["order"]["date"] = json!("01.06.2025");
    let m = err("order_pairs", &d, Format::Docx);
    assert!(m.contains("order.date") && m.contains("ГГГГ-ММ-ДД"), "{m}");
    let mut d = sample("personal_program");
    d["end"] = json!("2027-12-31");
    assert!(err("personal_program", &d, Format::Docx).contains("от 3 месяцев до 1 года"));
    // With its reason written down a longer program is drawn up.
    d["length_reason"] = json!("программа сопровождения молодого специалиста на два учебных года");
    let bytes = serde_json::to_vec(&d).unwrap();
    let docx = documents::render("personal_program", &bytes, Format::Docx, None).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(
        xml.contains("на два учебных года"),
        "the reason is filed with the dates"
    );
    let mut d = sample("personal_program");
    d["plan"][0]["direction"] = json!("ict");
    assert!(err("personal_program", &d, Format::Docx).contains("plan[0].direction"));
    let mut d = sample("results_summary");
    d["figures"]["students_involved"] = json!(500);
    assert!(err("results_summary", &d, Format::Pdf).contains("не может быть больше"));
    assert!(matches!(
        render("order_x", b"{}", Format::Docx, None),
        Err(DocumentError::UnknownKind(_))
    ));
    assert!(
        render(
            "certificate",
            sample("certificate").to_string().as_bytes(),
            Format::Docx,
            None
        )
        .unwrap_err()
        .to_string()
        .contains("доступно: pdf")
    );
    assert!(
        render("order_pairs", b"{\"order\": ", Format::Docx, None)
            .unwrap_err()
            .to_string()
            .contains("ошибка JSON в строке 1")
    );
}

/// A name made to break XML, templates and layout.
fn hostile() -> String {
    format!(
        "Иванов</w:t></w:r><w:r><w:t>& <b>{{{{приказ.номер}}}}\r\nПетров\u{0}\u{1b} {}",
        "Щ".repeat(10_000)
    )
}

#[test]
fn hostile_names_cannot_break_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = sample("order_pairs");
    d["pairs"][0]["mentor"]["full_name"] = json!(hostile());
    d["order"]["organization"]["short_name"] = json!("МБОУ <СОШ> & \"Лицей\" {{школа.название}}");
    let docx = render("order_pairs", d.to_string().as_bytes(), Format::Docx, None).unwrap();
    let pdf = render("order_pairs", d.to_string().as_bytes(), Format::Pdf, None).unwrap();
    let docx_path = dir.path().join("hostile.docx");
    std::fs::write(&docx_path, &docx).unwrap();
    std::fs::write(dir.path().join("hostile_typst.pdf"), &pdf).unwrap();
    // The DOCX is well-formed XML holding the exact text, LibreOffice opens it, and both
    // PDFs keep every letter (the 10,000 letters wrap instead of being cut).
    let xml_text = docx_text(&docx);
    assert!(
        xml_text.contains("Иванов</w:t></w:r><w:r><w:t>& <b>{{приказ.номер}} Петров"),
        "{xml_text}"
    );
    assert!(xml_text.contains("МБОУ <СОШ> & «Лицей» {{школа.название}}"));
    let lo = dir.path().join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    let converted = libreoffice_to_pdf(&[docx_path], &lo);
    for path in [converted[0].clone(), dir.path().join("hostile_typst.pdf")] {
        let text = pdf_text(&path);
        assert_has_compact(
            &path.display().to_string(),
            &text,
            &[
                "Иванов</w:t></",
                "<b>{{приказ.номер}}",
                "МБОУ <СОШ> & «Лицей» {{школа.название}}",
            ],
        );
        let letters = text.chars().filter(|c| *c == 'Щ').count();
        assert_eq!(letters, 10_000, "{}", path.display());
    }
}

fn blank(paragraphs: &[&[&str]], row: Option<&[&str]>) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
    let mut doc = Docx::new();
    for runs in paragraphs {
        let mut p = Paragraph::new();
        for (i, r) in runs.iter().enumerate() {
            let mut run = Run::new().add_text(*r);
            if i % 2 == 1 {
                run = run.bold();
            }
            p = p.add_run(run);
        }
        doc = doc.add_paragraph(p);
    }
    if let Some(cells) = row {
        let header = TableRow::new(vec![
            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("Пары"))),
        ]);
        let cells = cells
            .iter()
            .map(|c| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(*c))))
            .collect();
        doc = doc.add_table(Table::new(vec![header, TableRow::new(cells)]));
    }
    let mut out = Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    out.into_inner()
}

#[test]
fn a_school_blank_is_filled_even_where_word_split_the_placeholders() {
    let blank = blank(
        &[
            &["{{школа.", "название}}"],
            &["ПРИКАЗ № {{при", "каз.но", "мер}} от {{приказ.дата}}"],
            &[
                "Куратор: {{",
                "куратор.фио_дат",
                "}}; директор {{руководитель.подпись}}",
            ],
        ],
        Some(&[
            "{{пары.№}}",
            "{{пары.наставник}}",
            "{{пары.наставляемые}}",
            "{{пары.форма}}",
        ]),
    );
    let mut d = sample("order_pairs");
    d["pairs"][2]["mentor"]["full_name"] = json!("Ким </w:t> & {{пары.форма}} Анна");
    let filled = render("order_pairs", d.to_string().as_bytes(), Format::Docx, Some(&blank)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("filled.docx");
    std::fs::write(&path, &filled).unwrap();
    // LibreOffice opens the filled blank; its text is checked in the XML, where table
    // cells do not interleave.
    let pdf = libreoffice_to_pdf(&[path], dir.path());
    assert_has(
        "filled blank",
        &pdf_text(&pdf[0]),
        &["ПРИКАЗ № 212 от 01 октября 2025 г."],
    );
    let text = docx_text(&filled);
    for line in [
        "Муниципальное бюджетное общеобразовательное учреждение «Знаменская средняя общеобразовательная школа»",
        "ПРИКАЗ № 212 от 01 октября 2025\u{a0}г.",
        "Куратор: Захаровой Анастасии Анатольевне; директор Е.\u{a0}М.\u{a0}Шевченко",
        "1\nПетров Иван Сергеевич, учитель математики\nСмирнова Ольга Игоревна, учитель математики\nУчитель – учитель",
        "2\nХабибуллина Алия Ильдаровна, учитель информатики\nКузнецов Артём Павлович, 9 «Б» класс; Мамедов Эльдар Рашид оглы, 9 «А» класс\nУчитель – ученик",
        "3\nКим </w:t> & {{пары.форма}} Анна, 11 «А» класс\n",
    ] {
        assert!(text.contains(line), "«{line}» is missing in:\n{text}");
    }
    assert!(!text.contains("{{пары.№}}") && !text.contains("{{школа."), "{text}");
}

fn template_err(blank: &[u8]) -> String {
    let d = sample("order_pairs");
    match render("order_pairs", d.to_string().as_bytes(), Format::Docx, Some(blank)) {
        Ok(_) => panic!("the blank was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_blanks_are_refused_with_a_reason() {
    let unknown = blank(&[&["Директор: {{школа.дир", "ектор}}"]], None);
    let m = template_err(&unknown);
    assert!(
        m.contains("неизвестные поля: {{школа.директор}}") && m.contains("{{приказ.номер}}"),
        "{m}"
    );

    assert!(template_err(b"not a zip at all").contains("это не файл DOCX"));
    let good = blank(&[&["{{приказ.номер}}"]], None);
    assert!(template_err(&good[..good.len() / 2]).contains("повреждён"));
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(std::iter::repeat_n(0u8, 4096));
    assert!(template_err(&cfb).contains("защищён паролем"));

    // An .xlsm (or any workbook) renamed to .docx.
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "{{приказ.номер}}").unwrap();
    let xlsx = wb.save_to_buffer().unwrap();
    assert!(template_err(&xlsx).contains("книга Excel"));

    // A macro-enabled Word file.
    let docm = rewrite_types(&good, |t| {
        t.replace("document.main+xml", "document.macroEnabled.main+xml")
    });
    assert!(template_err(&docm).contains("макросы"));

    // A zip bomb: 100 MB of zeros packed into about 100 KB.
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zw.start_file("[Content_Types].xml", opts).unwrap();
    zw.write_all(br#"<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zw.start_file("word/document.xml", opts).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..100 {
        zw.write_all(&zeros).unwrap();
    }
    let bomb = zw.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024);
    assert!(template_err(&bomb).contains("zip-бомбу"));
}

fn rewrite_types(docx: &[u8], f: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().to_owned();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if name == "[Content_Types].xml" {
            data = f(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn oversized_text_still_makes_a_workbook() {
    let mut d = sample("base_mentees");
    d["organization"]["short_name"] = json!("Ш".repeat(40_000));
    d["rows"][0]["request"] = json!(format!("=cmd|' /C calc'!A0 {}", "я".repeat(40_000)));
    let bytes = render("base_mentees", d.to_string().as_bytes(), Format::Xlsx, None).unwrap();
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    // A cell holds at most 32,767 characters: the text is cut with «…», never refused.
    assert!(sheet.contains("=cmd|&apos; /C calc&apos;!A0 ") || sheet.contains("=cmd|' /C calc'!A0 "));
    assert!(sheet.contains("я…"));
    assert!(!sheet.contains("<f>"));
}
