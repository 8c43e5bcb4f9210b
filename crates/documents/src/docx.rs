//! The DOCX writer: a [`Layout`] as a Word document with the fonts Word has
//! (Times New Roman 14 pt) and the margins of ГОСТ Р 7.0.97.

use docx_rs::{
    AlignmentType, Docx, HeightRule, LineSpacing, LineSpacingType, PageMargin, PageOrientationType, Paragraph, Pic,
    Run as DRun, RunFonts, SpecialIndentType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::DocumentError;
use crate::layout::{Align, Block, Cell, Layout, Para, Run};

const TWIPS_PER_CM: f32 = 567.0;
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
const FONT: &str = "Times New Roman";
/// The row height that marks a header row in docx-rs's output; replaced by `<w:tblHeader/>`
/// after building, because docx-rs cannot write that element itself.
const HEADER_MARK: &str = r#"<w:trHeight w:val="7" w:hRule="atLeast" />"#;

/// Writes the layout as DOCX bytes.
pub fn write(layout: &Layout) -> Result<Vec<u8>, DocumentError> {
    let (w, h, orient) = if layout.landscape {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    } else {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    };
    let [top, right, bottom, left] = layout.margins.map(cm);
    let mut doc = Docx::new()
        .page_size(w, h)
        .page_orient(orient)
        .page_margin(PageMargin {
            top,
            left,
            bottom,
            right,
            header: 709,
            footer: 709,
            gutter: 0,
        })
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(half_points(layout.font_size))
        // Single spacing must name its rule: LibreOffice reads a bare `w:line` as an exact
        // 12 pt line, which clips every inline picture (a chart) to a sliver of one line.
        .default_line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        );
    let text_width = (w as i32 - left - right).max(1000) as usize;
    for block in &layout.blocks {
        doc = match block {
            Block::Para(p) => doc.add_paragraph(paragraph(p)),
            Block::Item { number, runs, level } => doc.add_paragraph(item(number, runs, *level)),
            Block::Table {
                widths,
                header,
                rows,
                size,
            } => doc.add_table(table(widths, header, rows, *size, text_width)),
            // An empty line above the signature, as in a typed order.
            Block::Signature { position, name } => doc
                .add_paragraph(Paragraph::new())
                .add_table(signature(position, name, text_width)),
            Block::Stamps { left, right } => doc.add_table(stamps(left, right, text_width)),
            Block::Spread { left, right } => doc.add_paragraph(
                Paragraph::new()
                    .add_tab(docx_rs::Tab::new().val(docx_rs::TabValueType::Right).pos(text_width))
                    .add_run(DRun::new().add_text(left).add_tab().add_text(right)),
            ),
            Block::Chart {
                svg,
                width_cm,
                height_cm,
                caption,
            } => {
                let png = crate::chart::png(svg, *width_cm, *height_cm)?;
                let emu_per_cm = 360_000.0;
                let pic = Pic::new(&png).size((width_cm * emu_per_cm) as u32, (height_cm * emu_per_cm) as u32);
                // 6 pt above, so the chart does not sit on the border of a table before it.
                doc.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .line_spacing(LineSpacing::new().before(120))
                        .add_run(DRun::new().add_image(pic)),
                )
                .add_paragraph(paragraph(&Para::line(vec![Run::italic(caption)], Align::Center)))
            }
            Block::PageBreak => {
                doc.add_paragraph(Paragraph::new().add_run(DRun::new().add_break(docx_rs::BreakType::Page)))
            }
        };
    }
    let mut xml = doc.build();
    let document =
        String::from_utf8(std::mem::take(&mut xml.document)).map_err(|_| DocumentError::Write("DOCX".into()))?;
    xml.document = document.replace(HEADER_MARK, "<w:tblHeader />").into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocumentError::Write(format!("DOCX: {e}")))?;
    Ok(out.into_inner())
}

fn cm(v: f32) -> i32 {
    (v * TWIPS_PER_CM).round() as i32
}

fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn run(r: &Run) -> DRun {
    let mut out = DRun::new().add_text(&r.text);
    if r.bold {
        out = out.bold();
    }
    if r.italic {
        out = out.italic();
    }
    if let Some(s) = r.size {
        out = out.size(half_points(s));
    }
    if let Some(sp) = r.spacing {
        // w:spacing is in twentieths of a point.
        out = out.character_spacing((sp * 20.0) as i32);
    }
    out
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

fn paragraph(p: &Para) -> Paragraph {
    let mut out = Paragraph::new().align(align(p.align));
    if p.indent {
        out = out.indent(None, Some(SpecialIndentType::FirstLine(cm(1.25))), None, None);
    }
    if p.space_after > 0.0 {
        out = out.line_spacing(LineSpacing::new().after((p.space_after * 20.0) as u32));
    }
    for r in &p.runs {
        out = out.add_run(run(r));
    }
    out
}

fn item(number: &str, runs: &[Run], level: u8) -> Paragraph {
    // The number is text followed by a tab, so the item reads the same in every editor
    // and in the PDF, and a curator can renumber by hand without list styles.
    let left = cm(0.75 + 0.75 * f32::from(level));
    let mut p = Paragraph::new()
        .align(AlignmentType::Both)
        .indent(Some(left), Some(SpecialIndentType::Hanging(cm(0.75))), None, None)
        .add_tab(docx_rs::Tab::new().pos(left as usize))
        .add_run(DRun::new().add_text(number).add_tab());
    for r in runs {
        p = p.add_run(run(r));
    }
    p
}

fn cell_paragraphs(cell: &Cell, size: f32) -> TableCell {
    let mut c = TableCell::new();
    if cell.lines.is_empty() {
        c = c.add_paragraph(Paragraph::new().size(half_points(size)));
    }
    for line in &cell.lines {
        let mut r = DRun::new().add_text(line).size(half_points(size));
        if cell.bold {
            r = r.bold();
        }
        c = c.add_paragraph(Paragraph::new().add_run(r));
    }
    if cell.span > 1 {
        c = c.grid_span(cell.span as usize);
    }
    c
}

fn table(widths: &[u16], header: &[String], rows: &[Vec<Cell>], size: f32, text_width: usize) -> Table {
    let total: usize = widths.iter().map(|w| *w as usize).sum::<usize>().max(1);
    let grid: Vec<usize> = widths.iter().map(|w| *w as usize * text_width / total).collect();
    let head = TableRow::new(
        header
            .iter()
            .map(|h| {
                TableCell::new().add_paragraph(
                    Paragraph::new().align(AlignmentType::Center).add_run(
                        DRun::new()
                            .add_text(crate::typography::clean(h))
                            .bold()
                            .size(half_points(size)),
                    ),
                )
            })
            .collect(),
    )
    .cant_split()
    .row_height(7.0)
    .height_rule(HeightRule::AtLeast);
    let mut out = Table::new(vec![head]);
    for row in rows {
        out = out.add_row(TableRow::new(row.iter().map(|c| cell_paragraphs(c, size)).collect()).cant_split());
    }
    out.set_grid(grid)
        .layout(TableLayoutType::Fixed)
        .width(text_width, WidthType::Dxa)
}

fn signature(position: &str, name: &str, text_width: usize) -> Table {
    let row = TableRow::new(vec![
        TableCell::new().add_paragraph(Paragraph::new().add_run(DRun::new().add_text(position))),
        TableCell::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(DRun::new().add_text("____________")),
        ),
        TableCell::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(DRun::new().add_text(name)),
        ),
    ]);
    Table::without_borders(vec![row])
        .set_grid(vec![
            text_width * 2 / 5,
            text_width / 4,
            text_width - text_width * 2 / 5 - text_width / 4,
        ])
        .layout(TableLayoutType::Fixed)
        .width(text_width, WidthType::Dxa)
}

fn stamps(left: &[String], right: &[String], text_width: usize) -> Table {
    let lines = |ls: &[String]| {
        let mut c = TableCell::new();
        if ls.is_empty() {
            c = c.add_paragraph(Paragraph::new());
        }
        for l in ls {
            c = c.add_paragraph(Paragraph::new().add_run(DRun::new().add_text(l)));
        }
        c
    };
    Table::without_borders(vec![TableRow::new(vec![lines(left), lines(right)])])
        .set_grid(vec![text_width / 2, text_width / 2])
        .layout(TableLayoutType::Fixed)
        .width(text_width, WidthType::Dxa)
}
