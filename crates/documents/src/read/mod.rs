//! Reads the lists schools upload — staff and student lists exported by school information
//! systems, bases kept in Excel — from XLSX or CSV into a plain grid of cells.
//!
//! The reader knows nothing about columns: a caller maps the headers. It tells formats apart
//! by their bytes, refuses zip bombs before inflating anything, bounds the cells it keeps, and
//! words every refusal in Russian for a school curator, naming the row and column where known.
//!
//! Old `.xls`, `.xlsb` and `.ods` books are refused with a hint to save them as `.xlsx`: their
//! readers build every sheet as a dense block sized by numbers the file declares, so a few
//! kilobytes could demand gigabytes; Excel and LibreOffice convert them in one step.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::zipguard::{self, Limits, Problem};

// Column letters and serial dates follow Excel's rules, which the import of the rows
// (`domain::roster`) reads by too: one copy of each, in `domain::sheet`.
pub use domain::sheet::{column_letter, excel_serial_to_date, excel_serial_to_datetime};

mod shape;
mod text;

use text::{decode, looks_like_text, read_csv, reject_markup};

/// The largest file accepted.
const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Limits for a workbook's archive: a real 100,000-row sheet packs about 10–20 times.
const LIMITS: Limits = Limits {
    max_entries: 10_000,
    max_entry: 1024 * 1024 * 1024,
    max_total: 1024 * 1024 * 1024,
    max_ratio: 200,
    ratio_from: 1024 * 1024,
};
/// Cells kept in a grid, counting the empty ones before a filled cell of a row: bounds memory
/// (about 32 bytes a cell plus its text) against a file with one cell far right on every row.
pub const MAX_CELLS: usize = 2_000_000;
/// Text kept in a grid's cells, in bytes: with [`MAX_CELLS`], it holds a read grid to about
/// 100 MB, whatever the file (a long shared string referenced by every cell is copied into
/// each). A base of 100,000 mentees with their requests has about 40 MB.
const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The largest text file (CSV): decoded from Windows-1251 it takes twice its bytes.
const MAX_TEXT_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The largest shared-string table (unpacked) a workbook may carry: calamine holds it whole.
const MAX_SHARED_STRINGS_BYTES: u64 = MAX_TEXT_BYTES as u64;
/// More line breaks than this in one CSV cell means a quote that was never meant to span them.
const MAX_LINES_IN_CELL: usize = 100;
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A value of one cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text, untrimmed.
    Text(String),
    /// A number that is not formatted as a date (an Excel serial stays a number here).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date-formatted number without a time of day.
    Date(NaiveDate),
    /// A date-formatted number with a time of day.
    DateTime(NaiveDateTime),
    /// An error value of a formula, as Excel shows it: `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds no value.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

/// One row of the file; `number` is 1-based as Excel or LibreOffice shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row number as Excel shows it; for CSV, as Excel shows the file opened (a cell spanning
    /// lines is one row, a blank line is a row).
    pub number: usize,
    /// Cells from column A up to the last filled one; a missing cell is empty.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in 0-based column `i`, empty beyond the last filled one.
    pub fn get(&self, i: usize) -> &Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
    }
}

/// What a grid was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Excel workbook (.xlsx, .xlsm).
    Xlsx,
    /// Text with delimiters.
    Csv {
        /// Encoding name: `UTF-8`, `windows-1251`, `UTF-16LE` or `UTF-16BE`.
        encoding: &'static str,
        /// The delimiter found: `;`, `,` or `\t`.
        delimiter: u8,
    },
}

/// All rows of the first non-empty sheet (or the CSV), plus what the reader noticed.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// What the grid was read from.
    pub format: SourceFormat,
    /// The sheet read — the first filled visible one, a hidden one only when no visible sheet
    /// has data; `None` for CSV.
    pub sheet: Option<String>,
    /// Rows holding at least one value, in order; empty rows are left out (`number` keeps the place).
    pub rows: Vec<Row>,
    /// (row number, 0-based column) of every formula cell; the cell holds its cached result.
    pub formulas: Vec<(usize, usize)>,
    /// Whether the workbook counts dates from 1904 (old Mac Excel); matters for raw serials.
    pub date1904: bool,
    /// Rows hidden in Excel (by hand or by a filter), by number; their cells are in `rows`.
    pub hidden_rows: Vec<usize>,
    /// Columns hidden in Excel, 0-based; their cells are in `rows`.
    pub hidden_columns: Vec<usize>,
}

/// Why a file was not read; the text is Russian and says how to fix the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// Nothing to read.
    #[error("в файле нет ни одной заполненной строки; проверьте, что выбран нужный файл")]
    Empty,
    /// The file is bigger than the reader accepts.
    #[error("файл больше 64 МБ; удалите из книги лишние листы и рисунки или разделите список на несколько файлов")]
    TooLarge,
    /// Not a spreadsheet at all.
    #[error(
        "это не таблица{}: сохраните список в Excel как «Книга Excel (.xlsx)» или «CSV (разделители — точка с запятой)»",
        found_suffix(.found)
    )]
    NotATable {
        /// What the file looks like instead, when known: `PDF`, `документ Word`.
        found: Option<&'static str>,
    },
    /// A spreadsheet format this reader does not take.
    #[error(
        "это {what}; откройте файл в Excel или LibreOffice Calc и сохраните как «Книга Excel (.xlsx)» или «CSV (разделители — точка с запятой)»"
    )]
    Unsupported {
        /// The format, in Russian.
        what: &'static str,
    },
    /// An encrypted workbook.
    #[error(
        "файл защищён паролем: откройте его в Excel, снимите пароль (Файл → Сведения → Защита книги → Зашифровать с использованием пароля, сотрите пароль) и сохраните заново"
    )]
    Password,
    /// A damaged or cut-off file.
    #[error("файл повреждён ({detail}); откройте его в Excel и сохраните заново")]
    Damaged {
        /// What does not read, in Russian.
        detail: String,
    },
    /// An archive that unpacks to far more than it holds.
    #[error(
        "файл распаковывается в слишком большой объём (больше 1 ГБ или подозрительно сильное сжатие — похоже на zip-бомбу); файл не принят"
    )]
    Bomb,
    /// More cells than [`MAX_CELLS`].
    #[error(
        "строка {row}, столбец {column}: в таблице больше 2 000 000 ячеек; удалите лишние строки и столбцы (например, случайно заполненные далеко справа или внизу) или разделите список на несколько файлов"
    )]
    TooManyCells {
        /// Row number where the limit was reached.
        row: usize,
        /// Column letter where the limit was reached.
        column: String,
    },
    /// More text than an import may hold in memory.
    #[error(
        "в файле слишком много текста (больше {mb} МБ) — столько не бывает в списке людей; удалите лишние листы, столбцы и повторяющийся длинный текст или разделите список на несколько файлов"
    )]
    TooMuchText {
        /// The limit, in megabytes.
        mb: usize,
    },
    /// A CSV quote opened and never closed.
    #[error(
        "строка {row}, столбец {column}: кавычка открыта и не закрыта до конца файла; закройте кавычку или сохраните таблицу из Excel заново"
    )]
    UnclosedQuote {
        /// Line where the quote opens.
        row: usize,
        /// Column letter of the field it opens.
        column: String,
    },
    /// A CSV quote closed so far away that it swallowed many rows.
    #[error(
        "строки {row}–{end}, столбец {column}: кавычка, открытая в строке {row}, закрывается только в строке {end}, и эти строки слились в одну ячейку; проверьте кавычки в строке {row} или сохраните таблицу из Excel заново"
    )]
    RunawayQuote {
        /// Line where the quote opens.
        row: usize,
        /// Line where it closes.
        end: usize,
        /// Column letter of the field it opens.
        column: String,
    },
}

fn found_suffix(found: &Option<&str>) -> String {
    found.map(|f| format!(", а {f}")).unwrap_or_default()
}

fn damaged(detail: impl Into<String>) -> ReadError {
    ReadError::Damaged { detail: detail.into() }
}

/// Reads the first filled sheet of `bytes` (see [`read_book`]).
pub fn read_grid(bytes: &[u8], file_name: Option<&str>) -> Result<Grid, ReadError> {
    read_book(bytes, file_name)?.into_iter().next().ok_or(ReadError::Empty)
}

/// Reads every filled sheet of `bytes`, visible ones first (a CSV is one); never empty.
/// `file_name` only helps to tell formats apart. The limits on cells and text hold for all
/// the sheets together.
pub fn read_book(bytes: &[u8], file_name: Option<&str>) -> Result<Vec<Grid>, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let named_book = matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods");
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_zip(bytes, named_book);
    }
    if bytes.starts_with(&CFB_MAGIC) {
        return Err(cfb_kind(bytes));
    }
    if let Some(found) = binary_kind(bytes) {
        return Err(ReadError::NotATable { found: Some(found) });
    }
    if bytes.len() > MAX_TEXT_FILE_BYTES {
        // Decoded from Windows-1251, the text takes twice its bytes: refused before that.
        return Err(ReadError::TooMuchText {
            mb: MAX_TEXT_FILE_BYTES >> 20,
        });
    }
    let (text, encoding) = decode(bytes);
    if !looks_like_text(&text) {
        // A workbook cut or garbled beyond its signature still carries its name.
        return Err(if named_book {
            damaged("это не книга Excel, хотя имя файла говорит так")
        } else {
            ReadError::NotATable { found: None }
        });
    }
    reject_markup(&text)?;
    read_csv(&text, encoding).map(|g| vec![g])
}

// ---------------------------------------------------------------- containers and detection

fn read_zip(bytes: &[u8], named_book: bool) -> Result<Vec<Grid>, ReadError> {
    let mut zip = zipguard::open(bytes, &LIMITS).map_err(zip_problem)?;
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    if let Some(types) = zipguard::read_part(&mut zip, "[Content_Types].xml", 4 * 1024 * 1024).map_err(zip_problem)? {
        let types = String::from_utf8_lossy(&types);
        if types.contains("sheet.binary") {
            return Err(ReadError::Unsupported {
                what: "двоичная книга Excel (.xlsb)",
            });
        }
        if types.contains("spreadsheetml") || types.contains("ms-excel.sheet") {
            check_shared_strings(&mut zip, &names)?;
            return read_xlsx_guarded(bytes, zip);
        }
        if types.contains("wordprocessingml") {
            return Err(ReadError::NotATable {
                found: Some("документ Word"),
            });
        }
        if types.contains("presentationml") {
            return Err(ReadError::NotATable {
                found: Some("презентация PowerPoint"),
            });
        }
    } else if let Some(mime) = zipguard::read_head(&mut zip, "mimetype", 128).map_err(zip_problem)? {
        if mime.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Err(ReadError::Unsupported {
                what: "таблица OpenDocument (.ods)",
            });
        }
        if mime.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Err(ReadError::NotATable {
                found: Some("текстовый документ OpenDocument"),
            });
        }
    }
    Err(if named_book {
        damaged("в архиве нет частей книги Excel")
    } else {
        ReadError::NotATable {
            found: Some("архив")
        }
    })
}

fn zip_problem(p: Problem) -> ReadError {
    match p {
        Problem::NotAnArchive => damaged("архив не читается — возможно, файл скачан или скопирован не до конца"),
        Problem::BadEntry | Problem::Damaged => damaged("часть архива не читается"),
        Problem::TooManyEntries => damaged("в архиве больше 10 000 частей"),
        Problem::TooLarge => ReadError::Bomb,
        Problem::Encrypted => ReadError::Password,
        Problem::Unsupported => damaged("часть архива сжата неизвестным способом"),
    }
}

/// Refuses a shared-string table that is too big to hold, or that claims more strings than
/// it can hold: calamine keeps the whole table in memory and reserves room for the declared
/// count up front, so an absurd count would abort the process. The count is read by parsing
/// the XML as calamine does (any spacing, quoting, prefix or comment before it), never by
/// searching the text.
fn check_shared_strings(zip: &mut zipguard::Archive, names: &[String]) -> Result<(), ReadError> {
    for name in names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
    {
        let Ok(part) = zip.by_name(name) else { continue };
        let size = part.size();
        if size > MAX_SHARED_STRINGS_BYTES {
            return Err(ReadError::TooMuchText {
                mb: MAX_TEXT_BYTES >> 20,
            });
        }
        let declared = declared_unique_count(std::io::BufReader::new(part.take(MAX_SHARED_STRINGS_BYTES)));
        // The shortest string entry, `<si><t/></si>`, takes 13 bytes; smaller overstatements
        // (some generators write the count of all string cells) are harmless and let through.
        if declared.is_some_and(|n| n > 1024 && n > size / 13) {
            return Err(damaged("таблица общих строк объявляет больше строк, чем в ней есть"));
        }
    }
    Ok(())
}

/// The `uniqueCount` of the `sst` root element, the largest of its spellings; `None` when
/// there is none or the XML ends first.
fn declared_unique_count(part: impl std::io::BufRead) -> Option<u64> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(part);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) => {
                return e
                    .attributes()
                    .with_checks(false)
                    .filter_map(Result::ok)
                    .filter(|a| a.key.local_name().as_ref() == b"uniqueCount")
                    .filter_map(|a| leading_number(&a.value))
                    .max();
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The number at the start of an attribute's raw value, as lenient parsers read it
/// (spaces and a plus sign before the digits); saturates rather than overflows.
fn leading_number(raw: &[u8]) -> Option<u64> {
    let s = raw.trim_ascii_start();
    let s = s.strip_prefix(b"+").unwrap_or(s);
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    (digits > 0).then(|| {
        s[..digits]
            .iter()
            .fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
    })
}

/// A compound (OLE) file: an encrypted OOXML book or an Excel 97–2003 one.
fn cfb_kind(bytes: &[u8]) -> ReadError {
    // Directory entries hold UTF-16LE names; this avoids parsing the container, whose sector
    // chains a hostile file can make loop.
    let encrypted: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
        ReadError::Password
    } else {
        ReadError::Unsupported {
            what: "файл старого формата Excel 97–2003 (.xls) или другой программы Microsoft Office",
        }
    }
}

/// Well-known binary formats people upload by mistake.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "рисунок"),
        (b"\xFF\xD8\xFF", "рисунок"),
        (b"GIF8", "рисунок"),
        (b"{\\rtf", "документ RTF"),
        (b"\x1F\x8B", "архив"),
        (b"7z\xBC\xAF", "архив"),
        (b"Rar!", "архив"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

// ---------------------------------------------------------------- the grid

/// Collects cells into rows, keeping the cell budget.
#[derive(Default)]
struct Builder {
    rows: Vec<Row>,
    cells: usize,
    text: usize,
    unordered: bool,
}

impl Builder {
    /// Puts a non-empty cell at (row `number`, 0-based `col`).
    fn put(&mut self, number: usize, col: usize, cell: Cell) -> Result<(), ReadError> {
        if cell.is_empty() {
            return Ok(());
        }
        if let Cell::Text(t) = &cell {
            self.text += t.len();
            if self.text > MAX_TEXT_BYTES {
                return Err(ReadError::TooMuchText {
                    mb: MAX_TEXT_BYTES >> 20,
                });
            }
        }
        match self.rows.last() {
            Some(last) if last.number == number => {}
            last => {
                // Rows out of order are merged at the end rather than inserted in place, which
                // would be quadratic on a hostile file.
                self.unordered |= last.is_some_and(|l| l.number > number);
                // Rows of a list are alike: room for as many cells as the last one saves regrowing.
                let width = last.map_or(0, |l| l.cells.len());
                self.rows.push(Row {
                    number,
                    cells: Vec::with_capacity(width),
                });
            }
        }
        let Some(row) = self.rows.last_mut() else {
            return Ok(());
        };
        if let Some(slot) = row.cells.get_mut(col) {
            *slot = cell;
            return Ok(());
        }
        self.cells += col + 1 - row.cells.len();
        if self.cells > MAX_CELLS {
            return Err(ReadError::TooManyCells {
                row: number,
                column: column_letter(col),
            });
        }
        row.cells.resize(col, Cell::Empty);
        row.cells.push(cell);
        Ok(())
    }

    fn finish(mut self) -> Vec<Row> {
        if self.unordered {
            self.rows.sort_by_key(|r| r.number);
            let mut merged: Vec<Row> = Vec::with_capacity(self.rows.len());
            for row in self.rows {
                match merged.last_mut() {
                    Some(last) if last.number == row.number => {
                        if last.cells.len() < row.cells.len() {
                            last.cells.resize(row.cells.len(), Cell::Empty);
                        }
                        for (slot, cell) in last.cells.iter_mut().zip(row.cells) {
                            if !cell.is_empty() {
                                *slot = cell;
                            }
                        }
                    }
                    _ => merged.push(row),
                }
            }
            return merged;
        }
        self.rows
    }
}

// ---------------------------------------------------------------- XLSX

/// Reads a workbook; a panic inside the parser becomes a «damaged file» answer, since the
/// parser meets hostile input here.
fn read_xlsx_guarded(bytes: &[u8], zip: zipguard::Archive) -> Result<Vec<Grid>, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_xlsx(bytes, zip)))
        .unwrap_or_else(|_| Err(damaged("книга не разбирается")))
}

fn read_xlsx(bytes: &[u8], mut zip: zipguard::Archive) -> Result<Vec<Grid>, ReadError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => ReadError::Password,
        _ => damaged("не читается описание книги"),
    })?;
    let date1904 = book.has_1904_epoch();
    let sheets = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect::<Vec<_>>();
    let parts = shape::sheet_parts(&mut zip);
    // Visible sheets first: a hidden sheet usually holds lookup lists, not the data.
    let order = sheets.iter().filter(|s| s.1).chain(sheets.iter().filter(|s| !s.1));
    let mut grids = Vec::new();
    // One budget for the whole book.
    let mut budget = Builder::default();
    for (name, _) in order {
        let (rows, formulas) = read_sheet(&mut book, name, date1904, &mut budget)?;
        if !rows.is_empty() {
            let shape = parts.get(name).map(|p| shape::shape(&mut zip, p)).unwrap_or_default();
            grids.push(Grid {
                format: SourceFormat::Xlsx,
                sheet: Some(name.clone()),
                rows,
                formulas,
                date1904,
                hidden_rows: shape.rows,
                hidden_columns: shape.columns,
            });
        }
    }
    if grids.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(grids)
}

type SheetCells = (Vec<Row>, Vec<(usize, usize)>);

fn read_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    date1904: bool,
    budget: &mut Builder,
) -> Result<SheetCells, ReadError> {
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Default::default()),
        Err(_) => return Err(damaged(format!("не читается лист «{name}»"))),
    };
    // The cells and text of the sheets before count toward this one's limits.
    let mut grid = Builder {
        cells: budget.cells,
        text: budget.text,
        ..Builder::default()
    };
    let mut formulas = Vec::new();
    let mut last_row = 0;
    loop {
        // Values and formulas come in one pass: a cell without `<f>` costs one name
        // comparison more than a value-only read, so formula-free sheets pay nothing.
        let cell = match cells.next_cell_with_formula_metadata() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(_) if last_row == 0 => return Err(damaged(format!("не читается лист «{name}»"))),
            Err(_) => return Err(damaged(format!("лист «{name}» не читается после строки {last_row}"))),
        };
        let (row, col) = (cell.pos.0 as usize + 1, cell.pos.1 as usize);
        last_row = row;
        if cell.formula.is_some() {
            formulas.push((row, col));
        }
        grid.put(row, col, convert(cell.value, date1904))?;
    }
    (budget.cells, budget.text) = (grid.cells, grid.text);
    Ok((grid.finish(), formulas))
}

fn convert(value: DataRef<'_>, date1904: bool) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) if s.is_empty() => Cell::Empty,
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString("") => Cell::Empty,
        DataRef::SharedString(s) => Cell::Text(s.to_owned()),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        // Converted here rather than by calamine, whose conversion panics on an infinite value.
        DataRef::DateTime(d) if d.is_datetime() => serial_cell(d.as_f64(), date1904),
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) => iso_cell(s),
        DataRef::DurationIso(s) => Cell::Text(s),
    }
}

/// A date-formatted number: a date, a date with time, or the number when it is no date.
fn serial_cell(serial: f64, date1904: bool) -> Cell {
    match excel_serial_to_datetime(serial, date1904) {
        Some(dt) if dt.time() == NaiveTime::MIN => Cell::Date(dt.date()),
        Some(dt) => Cell::DateTime(dt),
        None => Cell::Number(serial),
    }
}

/// A cell of type `d` (ISO 8601 text), written by some generators instead of a serial.
fn iso_cell(s: String) -> Cell {
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return Cell::Date(d);
    }
    match NaiveDateTime::parse_from_str(s.trim_end_matches('Z'), "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(dt) if dt.time() == NaiveTime::MIN => Cell::Date(dt.date()),
        Ok(dt) => Cell::DateTime(dt),
        Err(_) => Cell::Text(s),
    }
}
