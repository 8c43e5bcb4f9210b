//! The corpus of hostile uploads, generated (no binaries checked in): each case is a file an
//! attacker could send to the import, and the Russian refusal it must get. The reader's
//! tests, the web upload tests and the command-line tests all run it; each also checks that
//! nothing was written and that the process stayed within its memory budget.
//!
//! Included by path from other crates' tests: it needs only `zip`.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Cursor, Write};

/// The peak resident memory a whole test process (server, database and import) may reach.
pub const MAX_PEAK_RSS_MB: u64 = 256;

/// One hostile upload.
pub struct Case {
    /// Short name, for failure messages.
    pub name: &'static str,
    /// The name it is uploaded under.
    pub file_name: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// A part of the refusal the curator must read.
    pub refusal: &'static str,
}

/// Every case.
pub fn corpus() -> Vec<Case> {
    vec![
        Case {
            name: "uniqueCount with spaces around «=»",
            file_name: "список.xlsx",
            bytes: book(
                &[("Фамилия", 0)],
                Some(sst_with_root(
                    r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count = "1" uniqueCount = "3000000000000">"#,
                )),
            ),
            refusal: "таблица общих строк объявляет больше строк",
        },
        Case {
            name: "uniqueCount in single quotes after a long comment, prefixed root",
            file_name: "список.xlsx",
            bytes: book(
                &[("Фамилия", 0)],
                Some(format!(
                    "<?xml version=\"1.0\"?><!--{}--><x:sst xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main' uniqueCount='+2000000000000'><x:si><x:t>Фамилия</x:t></x:si></x:sst>",
                    " ".repeat(10_000)
                )),
            ),
            refusal: "таблица общих строк объявляет больше строк",
        },
        Case {
            name: "ZIP64 end record declaring 2^40 entries",
            file_name: "список.xlsx",
            bytes: zip64_count(&book(&[("Фамилия", 0)], None), 1 << 40),
            refusal: "в архиве больше 10 000 частей",
        },
        Case {
            name: "end record declaring 60,000 entries",
            file_name: "список.xlsx",
            bytes: eocd_count(&book(&[("Фамилия", 0)], None), 60_000),
            refusal: "в архиве больше 10 000 частей",
        },
        Case {
            name: "end record declaring more entries than its directory holds",
            file_name: "список.xlsx",
            bytes: eocd_count(&book(&[("Фамилия", 0)], None), 9_000),
            refusal: "архив не читается",
        },
        Case {
            name: "one long shared string in thousands of cells",
            file_name: "список.xlsx",
            bytes: fan_out(40_000, 3_000),
            refusal: "в файле слишком много текста (больше 64 МБ)",
        },
        Case {
            name: "a cell in column XFD on every row",
            file_name: "список.xlsx",
            bytes: far_right(400),
            refusal: "в таблице больше 2 000 000 ячеек",
        },
        Case {
            name: "zip bomb",
            file_name: "список.xlsx",
            bytes: zip_bomb(),
            refusal: "zip-бомбу",
        },
    ]
}

/// Starts the peak count of [`peak_rss_mb`] again from the memory in use now (Linux 4.0+).
pub fn reset_peak_rss() {
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
}

/// Peak resident memory of this process so far, in MB (Linux).
pub fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap()
        / 1024
}

pub const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn sst_with_root(root: &str) -> String {
    format!("<?xml version=\"1.0\"?>{root}<si><t>Фамилия</t></si></sst>")
}

/// A workbook written by hand: one sheet whose cells are (text, shared string index or
/// inline); `sst` replaces the shared-string table.
fn book(cells: &[(&str, usize)], sst: Option<String>) -> Vec<u8> {
    let mut row = String::new();
    let mut strings = String::new();
    for (i, (text, _)) in cells.iter().enumerate() {
        row.push_str(&format!(
            "<c r=\"{}1\" t=\"s\"><v>{i}</v></c>",
            (b'A' + i as u8) as char
        ));
        strings.push_str(&format!("<si><t>{text}</t></si>"));
    }
    let sheet = format!("<worksheet xmlns=\"{MAIN}\"><sheetData><row r=\"1\">{row}</row></sheetData></worksheet>");
    let sst = sst.unwrap_or_else(|| format!("<sst xmlns=\"{MAIN}\" uniqueCount=\"{}\">{strings}</sst>", cells.len()));
    package(&sheet, &sst)
}

/// The parts of a one-sheet workbook around `sheet` and `sst`.
pub fn package(sheet: &str, sst: &str) -> Vec<u8> {
    let types = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = format!(
        "<?xml version=\"1.0\"?><workbook xmlns=\"{MAIN}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Список\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let book_rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
    ])
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

/// Where the end-of-central-directory record starts.
fn eocd_at(bytes: &[u8]) -> usize {
    (0..bytes.len() - 21)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .unwrap()
}

/// The archive with its end record declaring `count` entries.
fn eocd_count(bytes: &[u8], count: u16) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = eocd_at(&out);
    out[at + 8..at + 10].copy_from_slice(&count.to_le_bytes());
    out[at + 10..at + 12].copy_from_slice(&count.to_le_bytes());
    out
}

/// The archive with a ZIP64 end record (and its locator) declaring `count` entries.
fn zip64_count(bytes: &[u8], count: u64) -> Vec<u8> {
    let at = eocd_at(bytes);
    let (body, end) = bytes.split_at(at);
    let cd_size = u64::from(u32::from_le_bytes(end[12..16].try_into().unwrap()));
    let cd_offset = u64::from(u32::from_le_bytes(end[16..20].try_into().unwrap()));
    let mut out = body.to_vec();
    let record = out.len() as u64;
    out.extend_from_slice(b"PK\x06\x06");
    out.extend_from_slice(&44u64.to_le_bytes());
    out.extend_from_slice(&45u16.to_le_bytes());
    out.extend_from_slice(&45u16.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(b"PK\x06\x07");
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&record.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    let mut eocd = end.to_vec();
    eocd[8..10].copy_from_slice(&0xFFFFu16.to_le_bytes());
    eocd[10..12].copy_from_slice(&0xFFFFu16.to_le_bytes());
    eocd[16..20].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    out.extend_from_slice(&eocd);
    out
}

/// One shared string of `chars` Cyrillic letters, referenced by `cells` cells.
fn fan_out(chars: usize, cells: usize) -> Vec<u8> {
    let mut rows = String::from("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
    for r in 2..=cells + 1 {
        rows.push_str(&format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>1</v></c></row>"));
    }
    let sheet = format!("<worksheet xmlns=\"{MAIN}\"><sheetData>{rows}</sheetData></worksheet>");
    let sst = format!(
        "<sst xmlns=\"{MAIN}\" uniqueCount=\"2\"><si><t>Фамилия</t></si><si><t>{}</t></si></sst>",
        "ж".repeat(chars)
    );
    package(&sheet, &sst)
}

/// A number in column XFD on each of `rows` rows.
fn far_right(rows: usize) -> Vec<u8> {
    let mut xml = String::new();
    for r in 1..=rows {
        xml.push_str(&format!("<row r=\"{r}\"><c r=\"XFD{r}\"><v>1</v></c></row>"));
    }
    let sheet = format!("<worksheet xmlns=\"{MAIN}\"><sheetData>{xml}</sheetData></worksheet>");
    package(&sheet, &format!("<sst xmlns=\"{MAIN}\" uniqueCount=\"0\"></sst>"))
}

/// A sheet part of 100 MB of zeros, packed to about 100 KB.
pub fn zip_bomb() -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        let block = vec![b'0'; 1 << 20];
        for _ in 0..100 {
            z.write_all(&block).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}
