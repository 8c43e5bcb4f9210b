//! Text uploads: decoding (UTF-16, UTF-8, Windows-1251), telling text from markup, and
//! CSV as Russian Excel writes it — the delimiter sniffed, a runaway quote named by its row.

use std::borrow::Cow;

use super::{Builder, Cell, Grid, MAX_LINES_IN_CELL, ReadError, SourceFormat, column_letter, damaged};

/// Text in its encoding: UTF-16 with a byte-order mark, UTF-8 (a mark is dropped), else
/// Windows-1251, which Russian Excel writes for «CSV (разделители — точка с запятой)».
pub(super) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (encoding_rs::UTF_16LE.decode_without_bom_handling(rest).0, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (encoding_rs::UTF_16BE.decode_without_bom_handling(rest).0, "UTF-16BE");
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => (Cow::Borrowed(text), "UTF-8"),
        Err(_) => (
            encoding_rs::WINDOWS_1251.decode_without_bom_handling(body).0,
            "windows-1251",
        ),
    }
}

/// Text has no NUL and hardly any other control characters; binary data decoded as
/// Windows-1251 has plenty.
pub(super) fn looks_like_text(text: &str) -> bool {
    let (mut chars, mut controls) = (0usize, 0usize);
    for c in text.chars().take(64 * 1024) {
        if c == '\0' {
            return false;
        }
        chars += 1;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{FFFD}' {
            controls += 1;
        }
    }
    controls * 100 <= chars
}

/// School systems often save an HTML page or an XML 2003 table under an `.xls` name.
pub(super) fn reject_markup(text: &str) -> Result<(), ReadError> {
    let head: String = text.trim_start().chars().take(4096).collect::<String>().to_lowercase();
    if !head.starts_with('<') {
        return Ok(());
    }
    if head.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        return Err(ReadError::Unsupported {
            what: "«Таблица XML 2003»",
        });
    }
    if head.contains("<html") || head.contains("<table") || head.starts_with("<!doctype html") {
        return Err(ReadError::Unsupported {
            what: "веб-страница (HTML), сохранённая под именем таблицы",
        });
    }
    if head.starts_with("<?xml") {
        return Err(ReadError::NotATable {
            found: Some("файл XML"),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------- CSV

pub(super) fn read_csv(text: &str, encoding: &'static str) -> Result<Grid, ReadError> {
    let delimiter = sniff_delimiter(text, if encoding.starts_with("UTF-16") { b'\t' } else { b';' });
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut grid = Builder::default();
    let mut last_start = None;
    // Lines taken by line breaks inside cells so far; the text line where the last record starts.
    let (mut spanned, mut last_line) = (0, 0);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The text is valid UTF-8 and the reader is flexible, so this is not expected.
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(damaged(format!("строка {line} не читается")));
            }
        }
        let (line, byte) = record_start(text, record.position());
        // The row Excel and LibreOffice show: a cell spanning lines is still one row, so the
        // lines spanned by the records above do not count (blank lines do: they are rows).
        // Lines end in `\r` alone in old Mac files, which the reader does not count: keep
        // numbers rising so records never merge.
        let row = line.saturating_sub(spanned);
        let row = last_start.map_or(row, |(previous, _)| row.max(previous + 1));
        last_start = Some((row, byte));
        let mut breaks = 0;
        for (col, field) in record.iter().enumerate() {
            if field.contains('\n') {
                check_runaway(text, delimiter, line, byte, col, field)?;
                breaks += field.matches('\n').count();
            }
            let field = field.strip_suffix('\r').unwrap_or(field);
            if !field.is_empty() {
                grid.put(row, col, Cell::Text(field.to_owned()))?;
            }
        }
        spanned += breaks;
        last_line = line;
    }
    // A quote left open swallows the rest of the file into the last record.
    if let Some((_, byte)) = last_start
        && let Some((row, col)) = open_quote(text, delimiter, last_line, byte)
    {
        return Err(ReadError::UnclosedQuote {
            row,
            column: column_letter(col),
        });
    }
    let rows = grid.finish();
    if rows.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Grid {
        format: SourceFormat::Csv { encoding, delimiter },
        sheet: None,
        rows,
        formulas: Vec::new(),
        date1904: false,
        hidden_rows: Vec::new(),
        hidden_columns: Vec::new(),
    })
}

/// The line and byte where a record starts. The reader notes a position before it skips the
/// line break ending the previous record (and any blank lines), so those are stepped over here.
fn record_start(text: &str, position: Option<&csv::Position>) -> (usize, usize) {
    let Some(p) = position else { return (0, 0) };
    let byte = p.byte() as usize;
    let skipped = text.as_bytes().get(byte..).unwrap_or_default();
    let lead = skipped.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
    let breaks = skipped[..lead].iter().filter(|&&b| b == b'\n').count();
    (p.line() as usize + breaks, byte + lead)
}

/// A cell spanning more lines than any real one does: a quote left open (then reported where
/// it opens) or closed by a stray quote far below.
fn check_runaway(
    text: &str,
    delimiter: u8,
    line: usize,
    byte: usize,
    col: usize,
    field: &str,
) -> Result<(), ReadError> {
    let breaks = field.matches('\n').count();
    if breaks <= MAX_LINES_IN_CELL {
        return Ok(());
    }
    if let Some((row, col)) = open_quote(text, delimiter, line, byte) {
        return Err(ReadError::UnclosedQuote {
            row,
            column: column_letter(col),
        });
    }
    let opens = line
        + text
            .get(byte..)
            .map_or(0, |rest| quote_line_offset(rest, delimiter, col));
    Err(ReadError::RunawayQuote {
        row: opens,
        end: opens + breaks,
        column: column_letter(col),
    })
}

/// Lines from a record's start to the opening quote of its field `col`.
fn quote_line_offset(record: &str, delimiter: u8, col: usize) -> usize {
    let mut scan = QuoteScan::new(delimiter);
    let mut lines = 0;
    for &b in record.as_bytes() {
        if scan.step(b) && scan.field == col {
            return lines;
        }
        if b == b'\n' {
            lines += 1;
        }
    }
    0
}

/// Where a quote opened at or after the record starting at `byte` (on `line`) stays open at
/// the end of the text: (line, 0-based column).
fn open_quote(text: &str, delimiter: u8, line: usize, byte: usize) -> Option<(usize, usize)> {
    let rest = text.get(byte..)?;
    let mut scan = QuoteScan::new(delimiter);
    let (mut lines, mut opened) = (0, (0, 0));
    for &b in rest.as_bytes() {
        if scan.step(b) {
            opened = (line + lines, scan.field);
        }
        if b == b'\n' {
            lines += 1;
        }
    }
    (scan.state == Quote::Inside).then_some(opened)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    FieldStart,
    Unquoted,
    Inside,
    /// A quote inside quotes: doubled, or the closing one.
    Closing,
}

/// The quoting states of the `csv` crate's parser, to find where a quote opened.
struct QuoteScan {
    state: Quote,
    field: usize,
    delimiter: u8,
}

impl QuoteScan {
    fn new(delimiter: u8) -> Self {
        QuoteScan {
            state: Quote::FieldStart,
            field: 0,
            delimiter,
        }
    }

    /// Takes one byte; true when it opens a quoted field.
    fn step(&mut self, b: u8) -> bool {
        let outside = |s: &mut Self| {
            if b == s.delimiter {
                s.state = Quote::FieldStart;
                s.field += 1;
            } else if b == b'\n' || b == b'\r' {
                s.state = Quote::FieldStart;
                s.field = 0;
            } else {
                s.state = Quote::Unquoted;
            }
        };
        match self.state {
            Quote::FieldStart if b == b'"' => {
                self.state = Quote::Inside;
                return true;
            }
            Quote::Inside if b == b'"' => self.state = Quote::Closing,
            Quote::Inside => {}
            Quote::Closing if b == b'"' => self.state = Quote::Inside,
            Quote::FieldStart | Quote::Unquoted | Quote::Closing => outside(self),
        }
        false
    }
}

/// The delimiter among `;`, `\t` and `,` that splits the first lines (outside quotes) most
/// consistently; a title line above the header does not mislead it.
fn sniff_delimiter(text: &str, default: u8) -> u8 {
    const CANDIDATES: [u8; 3] = [b';', b'\t', b','];
    let mut lines: Vec<[usize; 3]> = vec![[0; 3]];
    let mut quoted = false;
    for &b in text.as_bytes().iter().take(64 * 1024) {
        match b {
            // A doubled quote toggles twice and leaves the state as it was.
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if lines.len() == 30 {
                    break;
                }
                lines.push([0; 3]);
            }
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b)
                    && let Some(line) = lines.last_mut()
                {
                    line[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = (0usize, default);
    for (i, &candidate) in CANDIDATES.iter().enumerate() {
        // The most frequent non-zero count of this delimiter per line, and how many lines have it.
        let mut counts: Vec<usize> = lines.iter().map(|l| l[i]).filter(|&n| n > 0).collect();
        counts.sort_unstable();
        let agreeing = counts.chunk_by(|a, b| a == b).map(<[usize]>::len).max().unwrap_or(0);
        if agreeing > best.0 {
            best = (agreeing, candidate);
        }
    }
    best.1
}
