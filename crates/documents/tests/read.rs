//! The spreadsheet reader: formats, damage and bombs, dates, formulas, CSV dialects, size.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use documents::read::{
    Cell, Grid, SourceFormat, column_letter, excel_serial_to_date, excel_serial_to_datetime, read_grid,
};
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};

mod hostile;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn refusal(bytes: &[u8], name: Option<&str>) -> String {
    match read_grid(bytes, name) {
        Ok(g) => panic!("read instead of refused: {:?}", g.rows.first()),
        Err(e) => e.to_string(),
    }
}

fn book(fill: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut wb = Workbook::new();
    fill(&mut wb);
    wb.save_to_buffer().unwrap()
}

fn sheet(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    book(|wb| fill(wb.add_worksheet()))
}

/// Copies a zip, changing the parts `edit` returns new data for; `stored` packs without compression.
fn rezip(bytes: &[u8], stored: bool, edit: impl Fn(&str, &[u8]) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().to_owned();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        let data = edit(&name, &data).unwrap_or(data);
        out.start_file(name, opts).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn replace_in(part: &'static str, from: &'static str, to: String) -> impl Fn(&str, &[u8]) -> Option<Vec<u8>> {
    move |name, data| {
        (name == part).then(|| {
            let xml = String::from_utf8(data.to_vec()).unwrap();
            assert!(xml.contains(from), "{part} has no {from}: {xml}");
            xml.replacen(from, &to, 1).into_bytes()
        })
    }
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zw.start_file(*name, opts).unwrap();
        zw.write_all(data).unwrap();
    }
    zw.finish().unwrap().into_inner()
}

fn cells(g: &Grid) -> Vec<(usize, Vec<Cell>)> {
    g.rows.iter().map(|r| (r.number, r.cells.clone())).collect()
}

#[test]
fn column_letters_go_like_excel() {
    let cases = [
        (0, "A"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (51, "AZ"),
        (52, "BA"),
        (701, "ZZ"),
        (702, "AAA"),
        (16383, "XFD"),
    ];
    for (i, letters) in cases {
        assert_eq!(column_letter(i), letters, "{i}");
    }
}

#[test]
fn excel_serials_become_dates_in_both_date_systems() {
    assert_eq!(excel_serial_to_date(45000.0, false), Some(date(2023, 3, 15)));
    assert_eq!(excel_serial_to_date(45000.99, false), Some(date(2023, 3, 15)));
    assert_eq!(excel_serial_to_date(1.0, false), Some(date(1900, 1, 1)));
    assert_eq!(excel_serial_to_date(59.0, false), Some(date(1900, 2, 28)));
    assert_eq!(excel_serial_to_date(60.0, false), None, "29.02.1900 never was");
    assert_eq!(excel_serial_to_date(61.0, false), Some(date(1900, 3, 1)));
    assert_eq!(excel_serial_to_date(2_958_465.0, false), Some(date(9999, 12, 31)));
    for bad in [
        0.0,
        -1.0,
        2_958_466.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e300,
    ] {
        assert_eq!(excel_serial_to_date(bad, false), None, "{bad}");
    }
    assert_eq!(excel_serial_to_date(0.0, true), Some(date(1904, 1, 1)));
    assert_eq!(excel_serial_to_date(45000.0 - 1462.0, true), Some(date(2023, 3, 15)));
    assert_eq!(
        excel_serial_to_datetime(45000.75, false),
        Some(date(2023, 3, 15).and_hms_opt(18, 0, 0).unwrap())
    );
    // Almost midnight rounds to the next day rather than leaving 23:59:59.999…
    assert_eq!(
        excel_serial_to_datetime(45_000.999_999_999_9, false),
        Some(date(2023, 3, 16).and_hms_opt(0, 0, 0).unwrap())
    );
}

#[test]
fn an_xlsx_list_reads_into_rows_with_excel_numbers() {
    let bytes = sheet(|ws| {
        let day = Format::new().set_num_format("dd.mm.yyyy");
        let minute = Format::new().set_num_format("dd.mm.yyyy hh:mm");
        ws.set_name("Ученики").unwrap();
        for (c, h) in ["ФИО", "Дата рождения", "Класс", "Балл", "Согласие"].iter().enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, " Иванов Иван ").unwrap();
        ws.write_datetime_with_format(1, 1, date(2010, 5, 17), &day).unwrap();
        ws.write_string(1, 2, "5А").unwrap();
        ws.write_number(1, 3, 4.5).unwrap();
        ws.write_boolean(1, 4, true).unwrap();
        // Row 3 is left empty; row 4 holds a raw serial and a date with time far right.
        ws.write_blank(2, 0, &day).unwrap();
        ws.write_number(3, 5, 45000.0).unwrap();
        let at = NaiveDateTime::new(date(2024, 9, 1), chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        ws.write_datetime_with_format(3, 6, at, &minute).unwrap();
    });
    let g = read_grid(&bytes, Some("ученики.xlsx")).unwrap();
    assert_eq!(g.format, SourceFormat::Xlsx);
    assert_eq!(g.sheet.as_deref(), Some("Ученики"));
    assert!(!g.date1904);
    assert!(g.formulas.is_empty());
    let e = Cell::Empty;
    assert_eq!(
        cells(&g),
        vec![
            (
                1,
                vec![
                    text("ФИО"),
                    text("Дата рождения"),
                    text("Класс"),
                    text("Балл"),
                    text("Согласие")
                ]
            ),
            (
                2,
                vec![
                    text(" Иванов Иван "),
                    Cell::Date(date(2010, 5, 17)),
                    text("5А"),
                    Cell::Number(4.5),
                    Cell::Bool(true)
                ]
            ),
            (
                4,
                vec![
                    e.clone(),
                    e.clone(),
                    e.clone(),
                    e.clone(),
                    e,
                    Cell::Number(45000.0),
                    Cell::DateTime(at_830())
                ]
            ),
        ]
    );
    assert_eq!(g.rows[2].get(100), &Cell::Empty);
}

fn at_830() -> NaiveDateTime {
    date(2024, 9, 1).and_hms_opt(8, 30, 0).unwrap()
}

#[test]
fn the_first_filled_visible_sheet_is_read() {
    let bytes = book(|wb| {
        wb.add_worksheet().set_name("Титул").unwrap();
        let lookup = wb.add_worksheet();
        lookup.set_name("Справочник").unwrap().set_hidden(true);
        lookup.write_string(0, 0, "5А").unwrap();
        let list = wb.add_worksheet();
        list.set_name("Список").unwrap();
        list.write_string(2, 1, "Петрова Анна").unwrap();
    });
    let g = read_grid(&bytes, None).unwrap();
    assert_eq!(g.sheet.as_deref(), Some("Список"));
    assert_eq!(cells(&g), vec![(3, vec![Cell::Empty, text("Петрова Анна")])]);

    let empty = sheet(|_| {});
    assert!(refusal(&empty, Some("пусто.xlsx")).contains("нет ни одной заполненной строки"));
}

#[test]
fn a_1904_workbook_gives_the_right_dates() {
    let day = Format::new().set_num_format("dd.mm.yyyy");
    let bytes = sheet(|ws| {
        // 43538 days after 1 January 1904 is 15 March 2023 (45000 in the 1900 system).
        ws.write_number_with_format(0, 0, 43538.0, &day).unwrap();
        ws.write_number_with_format(0, 1, 0.0, &day).unwrap();
        ws.write_number(0, 2, 43538.0).unwrap();
    });
    let plain = read_grid(&bytes, None).unwrap();
    assert_eq!(plain.rows[0].cells[0], Cell::Date(date(2019, 3, 14)));
    let bytes = rezip(
        &bytes,
        false,
        replace_in("xl/workbook.xml", "<workbookPr", r#"<workbookPr date1904="1""#.into()),
    );
    let g = read_grid(&bytes, None).unwrap();
    assert!(g.date1904);
    assert_eq!(
        g.rows[0].cells,
        vec![
            Cell::Date(date(2023, 3, 15)),
            Cell::Date(date(1904, 1, 1)),
            Cell::Number(43538.0)
        ]
    );
    assert_eq!(excel_serial_to_date(43538.0, g.date1904), Some(date(2023, 3, 15)));
}

#[test]
fn formula_cells_are_marked_and_hold_their_cached_result() {
    let bytes = sheet(|ws| {
        ws.write_number(0, 0, 2.0).unwrap();
        ws.write_formula(0, 1, Formula::new("=A1*2").set_result("4")).unwrap();
        ws.write_number(1, 0, 3.0).unwrap();
        ws.write_formula(1, 1, Formula::new("=A2*2").set_result("6")).unwrap();
        ws.write_number(2, 0, 5.0).unwrap();
        ws.write_formula(2, 1, Formula::new("=A3*2").set_result("10")).unwrap();
        ws.write_formula(3, 3, Formula::new(r#"="5"&"А""#).set_result("5А"))
            .unwrap();
    });
    let g = read_grid(&bytes, None).unwrap();
    assert_eq!(g.formulas, vec![(1, 1), (2, 1), (3, 1), (4, 3)]);
    assert_eq!(g.rows[0].cells, vec![Cell::Number(2.0), Cell::Number(4.0)]);
    assert_eq!(g.rows[3].get(3), &text("5А"));

    // Excel shares one formula down a column: the cells below the first carry only `si`.
    let shared = rezip(&bytes, false, |name, data| {
        (name == "xl/worksheets/sheet1.xml").then(|| {
            let xml = String::from_utf8(data.to_vec()).unwrap();
            xml.replacen("<f>A1*2</f>", r#"<f t="shared" ref="B1:B3" si="0">A1*2</f>"#, 1)
                .replacen("<f>A2*2</f>", r#"<f t="shared" si="0"/>"#, 1)
                .replacen("<f>A3*2</f>", r#"<f t="shared" si="0"/>"#, 1)
                .into_bytes()
        })
    });
    let g = read_grid(&shared, None).unwrap();
    assert_eq!(g.formulas, vec![(1, 1), (2, 1), (3, 1), (4, 3)]);
    assert_eq!(g.rows[2].cells, vec![Cell::Number(5.0), Cell::Number(10.0)]);
}

#[test]
fn formats_are_told_by_their_bytes_and_others_refused() {
    let table_hint = "сохраните список в Excel как «Книга Excel (.xlsx)» или «CSV (разделители — точка с запятой)»";
    // Random bytes, reproducibly.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    assert_eq!(
        refusal(&noise, Some("list.bin")),
        format!("это не таблица: {table_hint}")
    );
    assert!(refusal(&noise, Some("Список.XLSX")).contains("файл повреждён"));
    assert_eq!(
        refusal(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", Some("список.pdf")),
        format!("это не таблица, а PDF: {table_hint}")
    );
    assert!(refusal(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).contains("это не таблица, а рисунок"));

    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend(std::iter::repeat_n(0u8, 4096));
    let m = refusal(&cfb, Some("список.xls"));
    assert!(
        m.contains("Excel 97–2003 (.xls)") && m.contains("«Книга Excel (.xlsx)»"),
        "{m}"
    );
    // A password-protected .xlsx is a compound file holding an `EncryptedPackage` stream.
    let mut locked = cfb.clone();
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    locked[1024..1024 + name.len()].copy_from_slice(&name);
    assert!(refusal(&locked, Some("список.xlsx")).starts_with("файл защищён паролем"));

    let word = zip_of(&[
        ("[Content_Types].xml", br#"<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#),
        ("word/document.xml", b"<w:document/>"),
    ]);
    assert!(refusal(&word, Some("список.docx")).contains("это не таблица, а документ Word"));
    let xlsb = zip_of(&[(
        "[Content_Types].xml",
        br#"<Types><Override ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#,
    )]);
    assert!(refusal(&xlsb, None).contains(".xlsb"));
    let ods = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", b"<x/>"),
    ]);
    assert!(refusal(&ods, Some("список.ods")).contains("OpenDocument (.ods)"));
    let other = zip_of(&[("readme.txt", b"hello")]);
    assert!(refusal(&other, None).contains("это не таблица, а архив"));
    assert!(refusal(&other, Some("список.xlsx")).contains("файл повреждён"));

    let html = "<html><body><table><tr><td>Иванов</td><td>5А</td></tr></table></body></html>";
    assert!(refusal(html.as_bytes(), Some("export.xls")).contains("веб-страница (HTML)"));
    let xml2003 = r#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>"#;
    assert!(refusal(xml2003.as_bytes(), Some("export.xls")).contains("«Таблица XML 2003»"));
    assert!(refusal(b"", None).contains("нет ни одной заполненной строки"));
    assert!(refusal(&vec![b'a'; 64 * 1024 * 1024 + 1], None).contains("больше 64 МБ"));
}

#[test]
fn a_zip_bomb_is_refused_before_inflating() {
    let mut zw = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zw.start_file("[Content_Types].xml", opts).unwrap();
    zw.write_all(br#"<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#).unwrap();
    zw.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..100 {
        zw.write_all(&zeros).unwrap();
    }
    let bomb = zw.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024);
    let started = Instant::now();
    let m = refusal(&bomb, Some("список.xlsx"));
    println!("bomb of {} bytes refused in {:?}", bomb.len(), started.elapsed());
    assert!(m.contains("zip-бомбу"), "{m}");
}

/// Sets the uncompressed size an archive declares for `name`, in both of its headers.
fn declare_size(bytes: &[u8], name: &str, size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let find = |sig: &[u8], name_at: usize, size_at: usize, out: &mut Vec<u8>| {
        let mut patched = 0;
        for i in 0..out.len().saturating_sub(name_at + name.len()) {
            if out[i..].starts_with(sig) && out[i + name_at..].starts_with(name.as_bytes()) {
                out[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 1);
    };
    find(b"PK\x03\x04", 30, 22, &mut out);
    find(b"PK\x01\x02", 46, 24, &mut out);
    out
}

#[test]
fn damaged_workbooks_are_refused_with_a_reason() {
    let bytes = sheet(|ws| {
        for r in 0..200 {
            ws.write_string(r, 0, format!("Ученик {r}")).unwrap();
            ws.write_number(r, 1, f64::from(r)).unwrap();
        }
    });
    for cut in [bytes.len() / 2, bytes.len() - 10, 100] {
        let m = refusal(&bytes[..cut], Some("список.xlsx"));
        assert!(
            m.starts_with("файл повреждён") && m.ends_with("откройте его в Excel и сохраните заново"),
            "{m}"
        );
    }
    // A sheet that inflates past the size it declares is cut off by the archive reader.
    let lying = declare_size(&bytes, "xl/worksheets/sheet1.xml", 1000);
    assert!(refusal(&lying, None).contains("файл повреждён"));
    // A damaged cell in the middle of the data names the last row read.
    let broken = rezip(
        &bytes,
        false,
        replace_in(
            "xl/worksheets/sheet1.xml",
            r#"<c r="A121" t="s"><v>"#,
            r#"<c r="A121" t="s"><v>9999"#.into(),
        ),
    );
    let m = refusal(&broken, None);
    assert!(m.contains("после строки 120"), "{m}");
    // A shared-string table that claims billions of strings is not trusted to size memory.
    let absurd = rezip(&bytes, false, |name, data| {
        (name == "xl/sharedStrings.xml").then(|| {
            let xml = String::from_utf8(data.to_vec()).unwrap();
            let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            let end = at + xml[at..].find('"').unwrap();
            format!("{}99999999999{}", &xml[..at], &xml[end..]).into_bytes()
        })
    });
    assert!(refusal(&absurd, None).contains("файл повреждён"));
}

#[test]
fn a_cell_far_to_the_right_on_every_row_does_not_exhaust_memory() {
    let bytes = sheet(|ws| {
        for r in 0..1000 {
            ws.write_number(r, 16383, 1.0).unwrap();
        }
    });
    let m = refusal(&bytes, None);
    assert!(
        m.starts_with("строка 123, столбец XFD: в таблице больше 2 000 000 ячеек"),
        "{m}"
    );
}

#[test]
fn csv_in_every_encoding_excel_writes() {
    let content = "ФИО;Класс\r\nЁлкина Алёна;5А\r\n";
    let expected = vec![
        (1, vec![text("ФИО"), text("Класс")]),
        (2, vec![text("Ёлкина Алёна"), text("5А")]),
    ];
    let utf16 = |le: bool| {
        let mut out: Vec<u8> = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in content.replace(';', "\t").encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    };
    let cases: Vec<(Vec<u8>, &str, u8)> = vec![
        (content.as_bytes().to_vec(), "UTF-8", b';'),
        ([b"\xEF\xBB\xBF".as_slice(), content.as_bytes()].concat(), "UTF-8", b';'),
        (
            encoding_rs::WINDOWS_1251.encode(content).0.into_owned(),
            "windows-1251",
            b';',
        ),
        (utf16(true), "UTF-16LE", b'\t'),
        (utf16(false), "UTF-16BE", b'\t'),
    ];
    for (bytes, encoding, delimiter) in cases {
        let g = read_grid(&bytes, Some("список.csv")).unwrap();
        assert_eq!(g.format, SourceFormat::Csv { encoding, delimiter });
        assert_eq!(g.sheet, None);
        assert_eq!(cells(&g), expected, "{encoding}");
    }
}

#[test]
fn csv_delimiters_are_sniffed_outside_quotes() {
    let comma = "ФИО,Адрес,Балл\n\"Иванов, Иван\",\"г. Пермь, ул. Ленина, 5\",4\nПетров,село,5\n";
    let g = read_grid(comma.as_bytes(), None).unwrap();
    assert_eq!(
        g.format,
        SourceFormat::Csv {
            encoding: "UTF-8",
            delimiter: b','
        }
    );
    assert_eq!(
        g.rows[1].cells,
        vec![text("Иванов, Иван"), text("г. Пермь, ул. Ленина, 5"), text("4")]
    );

    // Russian Excel: `;` with decimal commas, under a title line without delimiters.
    let semicolon = "Список 5А класса\nФИО;Балл;Рост\nИванов;4,5;1,52\nПетров;3,75;1,60\n";
    let g = read_grid(semicolon.as_bytes(), None).unwrap();
    assert_eq!(
        g.format,
        SourceFormat::Csv {
            encoding: "UTF-8",
            delimiter: b';'
        }
    );
    assert_eq!(g.rows[0].cells, vec![text("Список 5А класса")]);
    assert_eq!(g.rows[2].cells, vec![text("Иванов"), text("4,5"), text("1,52")]);

    let tab = "ФИО\tКласс\nИванов, Иван\t5А\n";
    let g = read_grid(tab.as_bytes(), None).unwrap();
    assert_eq!(
        g.format,
        SourceFormat::Csv {
            encoding: "UTF-8",
            delimiter: b'\t'
        }
    );
    assert_eq!(g.rows[1].cells, vec![text("Иванов, Иван"), text("5А")]);

    let single = "ФИО\nИванов\n";
    let g = read_grid(single.as_bytes(), None).unwrap();
    assert_eq!(
        g.format,
        SourceFormat::Csv {
            encoding: "UTF-8",
            delimiter: b';'
        }
    );
}

#[test]
fn csv_quotes_line_breaks_and_empty_rows() {
    for newline in ["\n", "\r\n"] {
        let csv = [
            "\"ФИО\";\"Примечание\";",
            "\"Петров \"\"Петя\"\"\";\"живёт у бабушки,",
            "звонить после 18:00\";",
            "",
            " Сидорова ;;\"x\r\"",
            ";;",
            "",
            ";",
        ]
        .join(newline);
        let g = read_grid(csv.as_bytes(), None).unwrap();
        let note = format!("живёт у бабушки,{newline}звонить после 18:00");
        assert_eq!(
            cells(&g),
            vec![
                (1, vec![text("ФИО"), text("Примечание")]),
                (2, vec![text("Петров \"Петя\""), text(&note)]),
                // Row 4 as Excel and LibreOffice show it: the note spans two lines of
                // text but is one row.
                (4, vec![text(" Сидорова "), Cell::Empty, text("x")]),
            ],
            "{newline:?}"
        );
    }
    // Old Mac files end lines in `\r` alone: records still stay apart.
    let g = read_grid("ФИО;Класс\rИванов;5А\r".as_bytes(), None).unwrap();
    assert_eq!(
        cells(&g),
        vec![
            (1, vec![text("ФИО"), text("Класс")]),
            (2, vec![text("Иванов"), text("5А")])
        ]
    );
}

#[test]
fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
    // A note spanning three lines in row 2 and a blank line 5: LibreOffice and Excel show
    // row 7000 where the text has line 7002.
    let mut csv = String::from("ФИО;Примечание\nИванов;\"первая\nвторая\r\nтретья\"\n");
    for i in 3..=7000 {
        if i == 5 {
            csv.push('\n');
        } else {
            csv.push_str(&format!("Ученик {i};\n"));
        }
    }
    let g = read_grid(csv.as_bytes(), None).unwrap();
    let last = g.rows.last().unwrap();
    assert_eq!((last.number, last.get(0)), (7000, &text("Ученик 7000")));
    assert_eq!(g.rows[1].number, 2);
    assert_eq!(g.rows[2].number, 3);
    assert_eq!((g.rows[4].number, g.rows[4].get(0)), (6, &text("Ученик 6")));
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let mut csv = String::from("ФИО;Класс;Дата рождения\n");
    for i in 2..=10_000 {
        if i == 7000 {
            csv.push_str("Иванов Иван;\"5А;01.02.2013\n");
        } else {
            csv.push_str(&format!("Ученик {i};5А;01.02.2013\n"));
        }
    }
    assert_eq!(
        refusal(csv.as_bytes(), Some("список.csv")),
        "строка 7000, столбец B: кавычка открыта и не закрыта до конца файла; закройте кавычку или сохраните таблицу из Excel заново"
    );
    let short = "ФИО;Класс\nИванов;5А\nПетров;\"6Б\n";
    assert!(refusal(short.as_bytes(), None).starts_with("строка 3, столбец B: кавычка открыта"));

    // Closed by a stray quote 350 lines below: the rows between would merge into one cell.
    let mut csv = String::from("ФИО;Класс\n");
    for i in 2..=500 {
        match i {
            50 => csv.push_str("Иванов;\"5А\n"),
            400 => csv.push_str("Петров;\"6Б\";x\n"),
            _ => csv.push_str(&format!("Ученик {i};5А\n")),
        }
    }
    let m = refusal(csv.as_bytes(), None);
    assert!(
        m.starts_with("строки 50–400, столбец B: кавычка, открытая в строке 50"),
        "{m}"
    );
}

#[test]
fn malformed_input_never_panics() {
    static PANICS: AtomicUsize = AtomicUsize::new(0);
    let this = std::thread::current().id();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == this {
            PANICS.fetch_add(1, Ordering::SeqCst);
        }
        eprintln!("{info}");
    }));
    let xlsx = sheet(|ws| {
        let day = Format::new().set_num_format("dd.mm.yyyy");
        for r in 0..30 {
            ws.write_string(r, 0, format!("Ученик «{r}» & Ко")).unwrap();
            ws.write_number_with_format(r, 1, 40000.0 + f64::from(r), &day).unwrap();
            ws.write_formula(r, 2, Formula::new(format!("=B{}+1", r + 1))).unwrap();
        }
    });
    // Stored parts put the XML itself under the mutations.
    let stored = rezip(&xlsx, true, |_, _| None);
    let csv = "ФИО;\"Примечание\"\r\n\"Петров \"\"Петя\"\"\";\"a\nb\"\r\nx;y\r\n"
        .as_bytes()
        .to_vec();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut tried = 0;
    for base in [&xlsx, &stored, &csv] {
        for cut in (0..base.len()).step_by(base.len() / 50 + 1) {
            let _ = read_grid(&base[..cut], Some("x.xlsx"));
            tried += 1;
        }
        for _ in 0..300 {
            let mut bytes = base.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() as usize) % bytes.len();
                bytes[at] = match next() % 4 {
                    0 => b'"',
                    1 => b'<',
                    2 => b'9',
                    _ => next() as u8,
                };
            }
            let _ = read_grid(&bytes, None);
            tried += 1;
        }
    }
    let _ = std::panic::take_hook();
    std::panic::set_hook(previous);
    assert!(tried > 900);
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "a parser panicked (caught, but it should not happen)"
    );
}

const FIRST: [&str; 8] = [
    "Иван",
    "Мария",
    "Алексей",
    "Анна",
    "Дмитрий",
    "Елена",
    "Сергей",
    "Ольга",
];
const LAST: [&str; 6] = ["Иванов", "Петрова", "Смирнов", "Кузнецова", "Попов", "Соколова"];

/// One pupil of a generated list: twelve columns like a school system's export.
fn pupil(i: u32) -> [String; 12] {
    [
        (i + 1).to_string(),
        LAST[i as usize % 6].to_owned(),
        FIRST[i as usize % 8].to_owned(),
        "Сергеевич".to_owned(),
        format!("{:02}.{:02}.{}", i % 28 + 1, i % 12 + 1, 2008 + i % 10),
        format!("{}{}", i % 11 + 1, ["А", "Б", "В"][i as usize % 3]),
        if i.is_multiple_of(2) { "М" } else { "Ж" }.to_owned(),
        format!("{:03}-{:03}-{:03} {:02}", i % 1000, i / 1000 % 1000, i % 997, i % 97),
        format!("+7 9{:09}", i * 7919 % 1_000_000_000),
        format!("pupil{i}@school17.ru"),
        format!("г. Пермь, ул. Ленина, д. {}, кв. {}", i % 200 + 1, i % 150 + 1),
        if i.is_multiple_of(5) { "нет" } else { "да" }.to_owned(),
    ]
}

fn big_csv(rows: u32) -> Vec<u8> {
    let mut csv = String::from("№;Фамилия;Имя;Отчество;Дата рождения;Класс;Пол;СНИЛС;Телефон;Email;Адрес;Согласие\r\n");
    for i in 0..rows {
        csv.push_str(&pupil(i).join(";"));
        csv.push_str("\r\n");
    }
    encoding_rs::WINDOWS_1251.encode(&csv).0.into_owned()
}

fn big_xlsx(rows: u32) -> Vec<u8> {
    sheet(|ws| {
        let day = Format::new().set_num_format("dd.mm.yyyy");
        for i in 0..rows {
            let p = pupil(i);
            let r = i + 1;
            ws.write_number(r, 0, f64::from(i + 1)).unwrap();
            for (c, value) in p.iter().enumerate().skip(1) {
                if c == 4 {
                    let d = date(2008 + (i % 10) as i32, i % 12 + 1, i % 28 + 1);
                    ws.write_datetime_with_format(r, 4, d, &day).unwrap();
                } else {
                    ws.write_string(r, c as u16, value).unwrap();
                }
            }
        }
        ws.write_string(0, 0, "№").unwrap();
    })
}

#[test]
fn a_long_csv_and_a_long_xlsx_read_whole() {
    let g = read_grid(&big_csv(100_000), Some("ученики.csv")).unwrap();
    assert_eq!(
        g.format,
        SourceFormat::Csv {
            encoding: "windows-1251",
            delimiter: b';'
        }
    );
    assert_eq!(g.rows.len(), 100_001);
    assert_eq!(g.rows[100_000].number, 100_001);
    assert_eq!(g.rows[100_000].cells.len(), 12);
    assert_eq!(g.rows[100_000].cells[10], text("г. Пермь, ул. Ленина, д. 200, кв. 100"));

    let g = read_grid(&big_xlsx(20_000), Some("ученики.xlsx")).unwrap();
    assert_eq!(g.rows.len(), 20_001);
    assert_eq!(g.rows[20_000].number, 20_001);
    assert_eq!(g.rows[20_000].cells[0], Cell::Number(20_000.0));
    assert_eq!(g.rows[20_000].cells[4], Cell::Date(date(2017, 8, 8)));
    assert_eq!(g.rows[20_000].cells[1], text("Петрова"));
}

#[test]
fn the_hostile_corpus_is_refused_within_the_memory_budget() {
    for case in hostile::corpus() {
        let m = refusal(&case.bytes, Some(case.file_name));
        assert!(m.contains(case.refusal), "{}: {m}", case.name);
    }
    let peak = hostile::peak_rss_mb();
    eprintln!("hostile corpus through the reader: peak RSS {peak} MB");
    assert!(peak < hostile::MAX_PEAK_RSS_MB, "peak RSS {peak} MB");
}

#[test]
fn hidden_rows_and_columns_are_named_and_the_list_is_found_on_any_sheet() {
    let bytes = book(|wb| {
        let notes = wb.add_worksheet().set_name("Инструкция").unwrap();
        notes.write_string(0, 0, "Заполните лист «Список»").unwrap();
        let list = wb.add_worksheet().set_name("Список").unwrap();
        for (r, name) in ["Фамилия", "Белова", "Котов", "Лисин"].iter().enumerate() {
            list.write_string(r as u32, 0, *name).unwrap();
            list.write_string(r as u32, 1, "x").unwrap();
            list.write_string(r as u32, 2, "скрыто").unwrap();
        }
        list.set_row_hidden(2).unwrap();
        list.set_column_hidden(2).unwrap();
    });
    let sheets = documents::read_book(&bytes, Some("книга.xlsx")).unwrap();
    let names: Vec<_> = sheets.iter().map(|g| g.sheet.clone().unwrap()).collect();
    assert_eq!(names, ["Инструкция", "Список"]);
    assert_eq!((sheets[0].hidden_rows.len(), sheets[0].hidden_columns.len()), (0, 0));
    assert_eq!(sheets[1].hidden_rows, [3]);
    assert_eq!(sheets[1].hidden_columns, [2]);
    assert_eq!(sheets[1].rows.len(), 4, "hidden rows are read, not dropped");
}
