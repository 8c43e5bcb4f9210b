//! The XLSX writer of tables (the bases, the roadmap): a title row with the school and the
//! year, the header frozen and repeated on printed pages, column widths, A4 print setup
//! with gridlines, an autofilter, and text cells that Excel never runs as formulas.
//!
//! Printing: a wide table is fitted to at most two pages across (never to a 4 pt smear on
//! one), and every wrapped row stores its height, because LibreOffice does not measure the
//! rows of an opened file and draws wrapped text over the next row.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::DocumentError;

/// A row of cell texts.
pub type Row = Vec<String>;

/// One worksheet of a table.
pub struct Sheet<'a> {
    /// Worksheet name (≤ 31 characters).
    pub name: &'a str,
    /// Title row: «База наставников МБОУ «…» на 2025–2026 учебный год».
    pub title: String,
    /// A second title line (the filter the export used), if any.
    pub subtitle: Option<String>,
    /// Column headers in the template's order.
    pub headers: &'a [&'a str],
    /// Column widths in characters.
    pub widths: &'a [f64],
    /// Print on landscape A4.
    pub landscape: bool,
    /// Wrap long text in cells.
    pub wrap: bool,
    /// Leading columns printed again on the second page across (the number and the name).
    pub key_columns: u16,
    /// The rows, streamed.
    pub rows: Box<dyn Iterator<Item = Row> + 'a>,
}

/// Whether a spreadsheet would read `s` as a formula or a command (CSV injection):
/// it begins with `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell of a CSV as a spreadsheet must open it (OWASP «CSV Injection»). A CSV has no
/// cell types, so what XLSX marks as text (`quotePrefix`) is marked here with a leading
/// `'` — only for a cell that could compute or call something: `=…`, `@…`, a tab or a
/// carriage return first, and `+…`/`-…` unless it is plain data. Plain data starting with
/// `+` or `-` stays as written, so that it opens as written (LibreOffice and Excel show the
/// `'` of a CSV literally): dashes only («-»), a signed number («-5»), and a phone with a
/// space or brackets («+7 925 123-45-67», «+7(925)1234567»), which no spreadsheet computes.
pub fn csv_text(s: &str) -> Cow<'_, str> {
    if looks_like_formula(s) && !plain_signed(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// `+…` or `-…` that is data, not arithmetic: see [`csv_text`].
fn plain_signed(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let number = match rest.split_once([',', '.']) {
        Some((whole, frac)) => digits(whole) && digits(frac),
        None => digits(rest),
    };
    let dashes = s.bytes().all(|b| b == b'-');
    let phone = s.starts_with('+')
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.contains([' ', '('])
        && rest.chars().all(|c| c.is_ascii_digit() || " ()-".contains(c));
    number || dashes || phone
}

fn err(e: XlsxError) -> DocumentError {
    DocumentError::Write(format!("XLSX: {e}"))
}

/// Writes one sheet as an XLSX workbook.
pub fn write(sheet: &mut Sheet<'_>) -> Result<Vec<u8>, DocumentError> {
    let mut wb = Workbook::new();
    let ncols = sheet.headers.len().max(1) as u16;
    let last_col = ncols - 1;
    let across = pages_across(sheet.widths, sheet.landscape);
    // Centred over two pages the title would be cut in half by the page edge: it starts at
    // the left of the first page instead.
    let title_align = if across > 1 {
        FormatAlign::Left
    } else {
        FormatAlign::Center
    };
    let title_fmt = Format::new()
        .set_font_name(FONT)
        .set_bold()
        .set_font_size(14)
        .set_align(title_align)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let sub_fmt = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_italic()
        .set_align(title_align);
    let head_fmt = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDE7F0");
    // The data cells take the workbook's default format (top-aligned, wrapped) and the
    // printed gridlines draw the table: a format given per cell was looked up by hashing it,
    // which was a fifth of the export of a base of 100,000 entries.
    // Arial 10 (Liberation Sans in LibreOffice, the same metrics) rather than Calibri, which
    // LibreOffice replaces by a wider font where Calibri is not installed: the row heights
    // below are estimated for one font that every office has.
    let mut cell_fmt = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_align(FormatAlign::Top);
    if sheet.wrap {
        cell_fmt = cell_fmt.set_text_wrap();
    }
    wb.set_default_format(&cell_fmt, 17, 64).map_err(err)?;
    // Excel keeps a quote-prefixed cell as text even when the curator edits it.
    let text_fmt = cell_fmt.clone().set_quote_prefix();
    let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
    ws.set_name(sheet.name).map_err(err)?;
    for (i, w) in sheet.widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w).map_err(err)?;
    }
    let mut row = 0u32;
    ws.merge_range(row, 0, row, last_col, &sanitize(&sheet.title), &title_fmt)
        .map_err(err)?;
    ws.set_row_height(row, 36).map_err(err)?;
    row += 1;
    if let Some(s) = &sheet.subtitle {
        ws.merge_range(row, 0, row, last_col, &sanitize(s), &sub_fmt)
            .map_err(err)?;
        row += 1;
    }
    let header_row = row;
    let wrap = sheet.wrap.then(|| Wrap::new(sheet.widths));
    if let Some(w) = &wrap {
        set_height(ws, row, w.lines(sheet.headers.iter().copied(), HEADER_CHAR_PX))?;
    }
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &head_fmt).map_err(err)?;
    }
    ws.set_freeze_panes(header_row + 1, 0).map_err(err)?;
    row += 1;
    for cells in sheet.rows.by_ref() {
        // The height goes in before the cells: in constant-memory mode a row is written out
        // as soon as the next one starts.
        if let Some(w) = &wrap {
            set_height(ws, row, w.lines(cells.iter().map(String::as_str), CHAR_PX))?;
        }
        for (c, v) in cells.iter().take(ncols as usize).enumerate() {
            let v = sanitize(v);
            if looks_like_formula(&v) {
                ws.write_string_with_format(row, c as u16, v.into_owned(), &text_fmt)
                    .map_err(err)?;
            } else {
                ws.write_string(row, c as u16, v.into_owned()).map_err(err)?;
            }
        }
        row += 1;
        if row >= 1_048_576 {
            return Err(DocumentError::invalid(
                "rows",
                "в листе Excel не больше 1 048 576 строк; разбейте выгрузку",
            ));
        }
    }
    let last_row = row.saturating_sub(1).max(header_row);
    ws.autofilter(header_row, 0, last_row, last_col).map_err(err)?;
    ws.set_paper_size(9);
    if sheet.landscape {
        ws.set_landscape();
    }
    ws.set_margins(SIDE_MARGIN_IN, SIDE_MARGIN_IN, 0.6, 0.6, 0.3, 0.3);
    let key = sheet.key_columns.min(ncols);
    ws.set_print_fit_to_pages(across, 0);
    if across > 1 && key > 0 {
        ws.set_repeat_columns(0, key - 1).map_err(err)?;
    }
    ws.set_print_gridlines(true);
    ws.set_repeat_rows(header_row, header_row).map_err(err)?;
    ws.set_footer("&CСтраница &P из &N");
    // Level 2 instead of zip's 6: a base of 100,000 rows packs in half the time and 10 %
    // bigger (the compression was a fifth of its export).
    wb.set_zip_compression_level(2);
    wb.save_to_buffer().map_err(err)
}

/// The font of the cells, the one the row heights are estimated for.
const FONT: &str = "Arial";
const FONT_SIZE: u8 = 10;
/// One line of Arial 10, in points: Excel's own row height for it.
const LINE_PT: f64 = 12.75;
/// Average advance of a Cyrillic letter of Arial 10 in pixels at 96 dpi (a space is less, a
/// capital more); a bold header letter is wider. Slightly generous, so a row is rather a
/// little taller than needed than cut.
const CHAR_PX: f64 = 7.4;
const HEADER_CHAR_PX: f64 = 8.2;
/// Left and right page margins in inches.
const SIDE_MARGIN_IN: f64 = 0.3;
/// The smallest print scale that keeps Arial 10 at least 8 pt on paper.
const MIN_SCALE: f64 = 0.8;

/// Column pixel widths as Excel draws them (7 px per character of the default font, plus
/// 5 px of padding), which is what the wrapped text of a cell has to fit into.
fn column_px(width: f64) -> f64 {
    (width * 7.0 + 5.0).floor()
}

/// How many pages across the table prints on: one when it fits at a readable scale,
/// else two (the key columns are printed again on the second).
fn pages_across(widths: &[f64], landscape: bool) -> u16 {
    let paper_in = if landscape { 11.69 } else { 8.27 };
    let printable_pt = (paper_in - 2.0 * SIDE_MARGIN_IN) * 72.0;
    let table_pt = widths.iter().map(|w| column_px(*w)).sum::<f64>() * 0.75;
    if table_pt * MIN_SCALE <= printable_pt { 1 } else { 2 }
}

/// The row-height estimate of wrapped text: how many lines a cell takes in its column.
struct Wrap {
    /// Pixels available for text in each column.
    room_px: Vec<f64>,
}

impl Wrap {
    fn new(widths: &[f64]) -> Self {
        // Excel and LibreOffice keep about 3 px of padding on each side of a cell's text.
        Self {
            room_px: widths.iter().map(|w| (column_px(*w) - 6.0).max(7.0)).collect(),
        }
    }

    /// The most lines any cell of the row takes.
    fn lines<'a>(&self, cells: impl Iterator<Item = &'a str>, char_px: f64) -> u32 {
        cells
            .zip(&self.room_px)
            .map(|(text, room)| lines_of(text, (room / char_px).floor().max(1.0) as usize))
            .max()
            .unwrap_or(1)
    }
}

/// Lines that `text` wraps to at `per_line` characters, word by word as an office wraps
/// it (a word longer than a line is broken).
fn lines_of(text: &str, per_line: usize) -> u32 {
    // Most cells are short: those are one line without looking at the words.
    if text.len() <= per_line || (!text.contains('\n') && text.chars().count() <= per_line) {
        return 1;
    }
    let mut lines = 0u32;
    for paragraph in text.split('\n') {
        let mut used = 0usize;
        let mut count = 1u32;
        for word in paragraph.split_whitespace() {
            let len = word.chars().count();
            let need = if used == 0 { len } else { used + 1 + len };
            if need <= per_line {
                used = need;
            } else if len <= per_line {
                count += 1;
                used = len;
            } else {
                // A long word starts a new line (unless the line is empty) and is cut.
                count += u32::from(used > 0) + (len.div_ceil(per_line) as u32 - 1);
                used = len % per_line;
            }
        }
        lines += count;
    }
    lines.max(1)
}

fn set_height(ws: &mut rust_xlsxwriter::Worksheet, row: u32, lines: u32) -> Result<(), DocumentError> {
    // One line keeps the default height: most rows of a base, and no attribute to write.
    if lines > 1 {
        ws.set_row_height(row, f64::from(lines) * LINE_PT + 2.0).map_err(err)?;
    }
    Ok(())
}

/// Text a spreadsheet can hold: no control characters, at most 32,767 characters.
/// Borrows the value when it is already fine, so each cell is copied once, into the writer.
fn sanitize(v: &str) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if v.len() <= 32_000 && !v.contains(bad) {
        return Cow::Borrowed(v);
    }
    let cleaned: String = v.chars().filter(|c| !bad(*c)).collect();
    if cleaned.chars().count() > 32_000 {
        let mut cut: String = cleaned.chars().take(32_000).collect();
        cut.push('…');
        Cow::Owned(cut)
    } else {
        Cow::Owned(cleaned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_keep_phones_and_dashes_and_quote_what_could_run() {
        for plain in [
            "+7 925 123-45-67",
            "+7(925)1234567",
            "+7 (925) 123-45-67",
            "-",
            "--",
            "-5",
            "-2,5",
            "Иванов",
        ] {
            assert_eq!(csv_text(plain), plain, "{plain:?}");
        }
        for formula in [
            "=HYPERLINK(\"http://evil\")",
            "@SUM(1+1)",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "+7 925+1",
            "\t=1+1",
            "\r=1+1",
            "=1+1",
        ] {
            assert_eq!(csv_text(formula), format!("'{formula}"), "{formula:?}");
        }
    }
}
