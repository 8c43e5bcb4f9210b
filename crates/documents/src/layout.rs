//! The page layout every text document is built into before it is written: paragraphs,
//! numbered items, tables, signature lines, stamps and charts. The DOCX and the PDF
//! writers both read this one tree, so a document looks the same in both.

use serde::Serialize;

use crate::typography::clean;

/// A document laid out for A4.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// A4 landscape instead of portrait (wide tables).
    pub landscape: bool,
    /// Body text size in points (14 is the school default).
    pub font_size: f32,
    /// Page margins in centimetres: top, right, bottom, left (ГОСТ Р 7.0.97: 2, 1, 2, 3).
    pub margins: [f32; 4],
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
}

impl Layout {
    /// An A4 portrait page with the school's defaults.
    pub fn portrait() -> Self {
        Layout {
            landscape: false,
            font_size: 14.0,
            margins: [2.0, 1.0, 2.0, 3.0],
            blocks: Vec::new(),
        }
    }

    /// An A4 landscape page (roadmaps, plans, wide tables).
    pub fn landscape() -> Self {
        Layout {
            landscape: true,
            font_size: 12.0,
            margins: [2.0, 1.0, 1.5, 2.0],
            blocks: Vec::new(),
        }
    }

    /// Adds a block.
    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }

    /// Adds a plain justified paragraph with a first-line indent.
    pub fn text(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.push(Block::Para(Para::body(text)))
    }

    /// Adds a bold centred heading.
    pub fn heading(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.push(Block::Para(Para::heading(text)))
    }

    /// Adds a numbered item («1. …») with a hanging number.
    pub fn item(&mut self, number: impl Into<String>, text: impl AsRef<str>, level: u8) -> &mut Self {
        self.push(Block::Item {
            number: number.into(),
            runs: vec![Run::plain(text)],
            level,
        })
    }

    /// Adds a bulleted line («– …»).
    pub fn bullet(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.push(Block::Item {
            number: "–".into(),
            runs: vec![Run::plain(text)],
            level: 1,
        })
    }

    /// Adds an empty line.
    pub fn gap(&mut self) -> &mut Self {
        self.push(Block::Para(Para {
            runs: Vec::new(),
            align: Align::Left,
            indent: false,
            space_after: 0.0,
        }))
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// По левому краю.
    Left,
    /// По центру.
    Center,
    /// По правому краю.
    Right,
    /// По ширине.
    Justify,
}

/// A piece of text with one style.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// The text, already cleaned.
    pub text: String,
    /// Полужирный.
    pub bold: bool,
    /// Курсив.
    pub italic: bool,
    /// Size in points when it differs from the body.
    pub size: Option<f32>,
    /// Letter spacing in points («П Р И К А З»).
    pub spacing: Option<f32>,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl AsRef<str>) -> Self {
        let raw = text.as_ref();
        // Runs join into one line, so a space at their edge is kept.
        let mut cleaned = clean(raw);
        if raw.ends_with(char::is_whitespace) && !cleaned.is_empty() {
            cleaned.push(' ');
        }
        if raw.starts_with(char::is_whitespace) && !cleaned.is_empty() {
            cleaned.insert(0, ' ');
        }
        Run {
            text: cleaned,
            bold: false,
            italic: false,
            size: None,
            spacing: None,
        }
    }

    /// Bold text.
    pub fn bold(text: impl AsRef<str>) -> Self {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    /// Italic text.
    pub fn italic(text: impl AsRef<str>) -> Self {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }

    /// The same run at another size.
    pub fn sized(mut self, pt: f32) -> Self {
        self.size = Some(pt);
        self
    }

    /// The same run with letter spacing.
    pub fn spaced(mut self, pt: f32) -> Self {
        self.spacing = Some(pt);
        self
    }
}

/// A paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Para {
    /// Its runs.
    pub runs: Vec<Run>,
    /// Alignment.
    pub align: Align,
    /// A first-line indent of 1.25 cm.
    pub indent: bool,
    /// Extra space after, in points.
    pub space_after: f32,
}

impl Para {
    /// Justified body text with an indent.
    pub fn body(text: impl AsRef<str>) -> Self {
        Para {
            runs: vec![Run::plain(text)],
            align: Align::Justify,
            indent: true,
            space_after: 0.0,
        }
    }

    /// A bold centred heading with space after.
    pub fn heading(text: impl AsRef<str>) -> Self {
        Para {
            runs: vec![Run::bold(text)],
            align: Align::Center,
            indent: false,
            space_after: 6.0,
        }
    }

    /// One line with the given alignment.
    pub fn line(runs: Vec<Run>, align: Align) -> Self {
        Para {
            runs,
            align,
            indent: false,
            space_after: 0.0,
        }
    }
}

/// A table cell: one or more lines of text.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Lines of the cell.
    pub lines: Vec<String>,
    /// Bold cell (a stage name, a total).
    pub bold: bool,
    /// Number of columns this cell spans.
    pub span: u16,
}

impl Cell {
    /// A cell of one text, split at line breaks.
    pub fn new(text: impl AsRef<str>) -> Self {
        Cell {
            lines: crate::typography::clean_multiline(text.as_ref()),
            bold: false,
            span: 1,
        }
    }

    /// A bold cell spanning `span` columns (a group row).
    pub fn group(text: impl AsRef<str>, span: u16) -> Self {
        Cell {
            bold: true,
            span,
            ..Cell::new(text)
        }
    }
}

impl<T: AsRef<str>> From<T> for Cell {
    fn from(t: T) -> Self {
        Cell::new(t)
    }
}

/// A block of the page.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A numbered or bulleted item with a hanging number.
    Item {
        /// «1.», «3.2.», «–», «а)».
        number: String,
        /// The text.
        runs: Vec<Run>,
        /// Nesting level, from 0.
        level: u8,
    },
    /// A table with a header row repeated on every page.
    Table {
        /// Relative column widths.
        widths: Vec<u16>,
        /// Header cells.
        header: Vec<String>,
        /// Rows; a row of one spanning cell is a group row.
        rows: Vec<Vec<Cell>>,
        /// Font size in points.
        size: f32,
    },
    /// «Директор ____________ Е. М. Шевченко».
    Signature {
        /// The position, left.
        position: String,
        /// Initials and surname, right.
        name: String,
    },
    /// One line with text at the left and at the right edge (date and number of an order).
    Spread {
        /// Left text.
        left: String,
        /// Right text.
        right: String,
    },
    /// Stamps side by side, e.g. «СОГЛАСОВАНО» left and «УТВЕРЖДЕНО» right.
    Stamps {
        /// Left stamp lines (may be empty).
        left: Vec<String>,
        /// Right stamp lines.
        right: Vec<String>,
    },
    /// A chart: an SVG for the PDF and its PNG rendering for the DOCX.
    Chart {
        /// The SVG text.
        svg: String,
        /// Width in centimetres.
        width_cm: f32,
        /// Height in centimetres.
        height_cm: f32,
        /// The caption under it.
        caption: String,
    },
    /// Start a new page.
    PageBreak,
}
