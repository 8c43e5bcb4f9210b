//! The XLSX writer of tables (the bases, the roadmap): a title row with the school and the
//! year, the header frozen and repeated on printed pages, column widths, A4 print setup
//! with gridlines, an autofilter, and text cells that Excel never runs as formulas.

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
    /// The rows, streamed.
    pub rows: Box<dyn Iterator<Item = Row> + 'a>,
}

/// Whether a spreadsheet would read `s` as a formula or a command (CSV injection):
/// it begins with `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn err(e: XlsxError) -> DocumentError {
    DocumentError::Write(format!("XLSX: {e}"))
}

/// Writes one sheet as an XLSX workbook.
pub fn write(sheet: &mut Sheet<'_>) -> Result<Vec<u8>, DocumentError> {
    let mut wb = Workbook::new();
    let ncols = sheet.headers.len().max(1) as u16;
    let last_col = ncols - 1;
    let title_fmt = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let sub_fmt = Format::new().set_italic().set_align(FormatAlign::Center);
    let head_fmt = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDE7F0");
    // The data cells take the workbook's default format (top-aligned, wrapped) and the
    // printed gridlines draw the table: a format given per cell was looked up by hashing it,
    // which was a fifth of the export of a base of 100,000 entries.
    let mut cell_fmt = Format::new().set_align(FormatAlign::Top);
    if sheet.wrap {
        cell_fmt = cell_fmt.set_text_wrap();
    }
    wb.set_default_format(&cell_fmt, 20, 64).map_err(err)?;
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
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &head_fmt).map_err(err)?;
    }
    ws.set_freeze_panes(header_row + 1, 0).map_err(err)?;
    row += 1;
    for cells in sheet.rows.by_ref() {
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
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_gridlines(true);
    ws.set_repeat_rows(header_row, header_row).map_err(err)?;
    ws.set_footer("&CСтраница &P из &N");
    // Level 2 instead of zip's 6: a base of 100,000 rows packs in half the time and 10 %
    // bigger (the compression was a fifth of its export).
    wb.set_zip_compression_level(2);
    wb.save_to_buffer().map_err(err)
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
