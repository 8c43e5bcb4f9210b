//! Reading an uploaded table — a list of pupils or staff, or one of the two bases — into
//! people and base entries, with every problem named by row, column and fix.
//!
//! The file is read elsewhere into rows of [`Value`]s; [`analyze`] finds the header row
//! (a title such as «МБОУ СОШ № 17» or «База наставников» may come first), maps the
//! columns by their headers as school information systems («Сетевой город», «Дневник.ру»,
//! «ЭлЖур») and Russian Excel files write them, converts every row and checks each person
//! with [`ParticipantDraft::validate`](crate::participant::ParticipantDraft::validate). It is pure and deterministic: the same rows and
//! options give the same [`Analysis`], so a dry run shows exactly what a commit will load.
//!
//! # Rules
//! - Header row: the first of the first 30 rows in which at least two cells are known
//!   headers. Headers are compared case-, ё/е-, punctuation- and numbering-insensitively
//!   («1. Фамилия*» is «Фамилия»); a header that begins with a long known label (16+
//!   letters, e.g. the long contacts header of the base of mentees) also matches.
//! - A missing required column stops the analysis of the rows (every row would repeat it).
//! - A row with errors gives no [`Record`]; a row with warnings only does. Empty rows, rows
//!   with values only in columns that are not loaded (a «№», an unknown column) and a
//!   numbering row «1, 2, 3 …» right under the header are skipped silently.
//! - In the bases a row may give only a birth year, or no category details: the person is
//!   then checked without the age rules, and [`PersonRecord::category`] is `None`.
//! - Consents in the bases are not loaded: the curator enters each one in the participant's
//!   card from the signed document (one warning per file says so).
//! - Duplicates inside the file (same ФИО after folding case, ё/е and Latin look-alikes, and
//!   the same birth date — or birth year, in the bases) are errors on the later row.
//!   Duplicates against the database are checked by the caller.
//!
//! # Showing a problem
//! `code` is a Fluent message id: `imp-*` ids live in `locales/ru/import.ftl`, and the
//! checks of a participant reuse the `err-*` ids of `main.ftl`. Every argument a message
//! uses is in `args` (all as strings); for `err-*` messages `field` is the column's header
//! as written in the file, and `value` the cell's text. `age` is a number of years: show it
//! with its unit as `L::violation` does (`card-age`). A caller renders one problem as
//!
//! ```text
//! let message = l.args(p.code, &p.args);
//! match (p.row, &p.column) {
//!     (Some(row), Some(column)) => format!("строка {row}, столбец {column}: {message}"),
//!     (Some(row), None) => format!("строка {row}: {message}"),
//!     (None, Some(column)) => format!("столбец {column}: {message}"),
//!     (None, None) => message,
//! }
//! ```
//!
//! where `column` already reads «Дата рождения» (C).
//!
//! # Where things are
//! This file drives the analysis (header row, required columns, rows on two threads,
//! duplicates inside the file); `types` holds what callers see, `headers` the header
//! synonyms and the mapped layout, `cells` the reading of one cell (dates, classes,
//! contacts), `row` the per-row context that checks a person, `people` the rows of the lists
//! of pupils and staff, and `base_rows` the rows of the two bases.

mod base_rows;
mod cells;
mod headers;
mod people;
mod row;
mod types;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::base::BaseKind;
use crate::sheet::column_letter;

use headers::{FIELD_COUNT, Field, Layout, MENTEE_HEADERS, MENTOR_HEADERS, Synonyms, quoted_list};
use row::{BirthKey, LabelMemo, RowCtx, RowOut};

pub use headers::HEADER_SEARCH;
pub use types::{
    Analysis, EntryRecord, GUARDIAN_NAMESAKE_ROW, GUARDIAN_NAMESAKE_SCHOOL, GuardianRecord, ListKind, Options,
    PersonRecord, Problem, Record, Severity, SourceRow, Value,
};

/// Whether the first rows of a sheet hold a header of this kind of list: the sheet to read
/// in a book whose first sheet is, say, instructions.
pub fn has_header(kind: ListKind, head: &[SourceRow]) -> bool {
    let synonyms = Synonyms::new(kind);
    head.iter().take(HEADER_SEARCH).any(|r| is_header(&synonyms, r))
}

/// At least two cells name columns of the list (the «№» column does not count).
fn is_header(synonyms: &Synonyms, r: &SourceRow) -> bool {
    r.cells
        .iter()
        .filter(|c| matches!(c, Value::Text(_)))
        .filter(|c| synonyms.field(&c.text()).is_some_and(|f| f != Field::Number))
        .count()
        >= 2
}

/// Reads the table: header, columns, rows; every problem at once. Pure and deterministic.
pub fn analyze(kind: ListKind, rows: &[SourceRow], opts: &Options) -> Analysis {
    analyze_rows(kind, rows, rows.iter(), opts)
}

/// [`analyze`] of rows it may drop as it goes: each row is freed once read, so a long list
/// is not held twice (as cells and as records) — 80 MB less for 100,000 rows of a base.
pub fn analyze_owned(kind: ListKind, rows: Vec<SourceRow>, opts: &Options) -> Analysis {
    let head: Vec<SourceRow> = rows.iter().take(HEADER_SEARCH).cloned().collect();
    analyze_rows(kind, &head, rows.into_iter(), opts)
}

/// The analysis: `head` are the first rows (the header is searched there), `rows` all of
/// them from the first, in order.
fn analyze_rows<R: std::borrow::Borrow<SourceRow> + Send>(
    kind: ListKind,
    head: &[SourceRow],
    rows: impl ExactSizeIterator<Item = R>,
    opts: &Options,
) -> Analysis {
    let synonyms = Synonyms::new(kind);
    let mut out = Analysis::default();
    let header_at = head.iter().take(HEADER_SEARCH).position(|r| is_header(&synonyms, r));
    let Some(header_at) = header_at else {
        let filled = |r: &SourceRow| r.cells.iter().any(|c| !c.is_empty());
        let listed = |r: &SourceRow| {
            let cells: Vec<Cow<str>> = r.cells.iter().map(Value::text).filter(|t| !t.is_empty()).collect();
            quoted_list(cells.iter().map(|c| c.as_ref()))
        };
        let found = match head.iter().find(|r| filled(r)) {
            Some(r) => listed(r),
            None => rows
                .skip(head.len())
                .find(|r| filled(r.borrow()))
                .map(|r| listed(r.borrow()))
                .unwrap_or_default(),
        };
        out.problems.push(Problem {
            row: None,
            column: None,
            severity: Severity::Error,
            code: "imp-no-header",
            args: vec![
                ("expected", quoted_list(kind.headers().iter().copied())),
                ("found", found),
            ],
        });
        return out;
    };
    let header = &head[header_at];
    out.header_row = Some(header.number);
    let layout = read_header(kind, header, &synonyms, &mut out.problems);
    out.columns = layout
        .headers
        .iter()
        .zip(&layout.fields)
        .map(|(h, f)| (h.clone(), f.and_then(Field::code)))
        .collect();
    if !required_columns(&layout, header.number, &mut out.problems) {
        return out;
    }
    for &col in &opts.hidden_columns {
        if layout
            .fields
            .get(col)
            .copied()
            .flatten()
            .is_some_and(|f| f != Field::Number)
        {
            out.problems.push(Problem {
                row: Some(header.number),
                column: Some(layout.label(col)),
                severity: Severity::Warning,
                code: "imp-hidden-column",
                args: Vec::new(),
            });
        }
    }

    let formulas: HashSet<(usize, usize)> = opts.formulas.iter().copied().collect();
    let mut body: Vec<R> = rows.skip(header_at + 1).collect();
    if body.first().is_some_and(|r| is_numbering_row(r.borrow())) {
        body.remove(0);
    }
    out.records.reserve_exact(body.len());
    let mut seen: HashMap<(String, BirthKey), usize> = HashMap::with_capacity(body.len());
    // Rows are checked on two threads, each half with its own label memo; what needs the
    // whole file (the first stray cell, duplicates inside it) is settled after, in order.
    // Checking was half of a 100,000-row import's dry run.
    let check = |part: Vec<R>| -> Vec<Checked> {
        let mut labels = LabelMemo::default();
        part.into_iter()
            .map(|row| check_row(kind, &layout, row.borrow(), opts, &formulas, &mut labels))
            .collect()
    };
    let parts: Vec<Vec<Checked>> = if body.len() >= PARALLEL_ROWS {
        let second = body.split_off(body.len() / 2);
        std::thread::scope(|scope| {
            let later = scope.spawn(|| check(second));
            let first = check(body);
            // A panic in the checker is a bug; it goes on as one, not as a half report.
            let later = later.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            vec![first, later]
        })
    } else {
        vec![check(body)]
    };
    let mut stray_reported = false;
    for c in parts.into_iter().flatten() {
        if !stray_reported && let Some(col) = c.stray {
            stray_reported = true;
            out.problems.push(Problem {
                row: Some(c.number),
                column: None,
                severity: Severity::Warning,
                code: "imp-beyond-header",
                args: vec![("row", c.number.to_string()), ("letter", column_letter(col))],
            });
        }
        let Some(row) = c.out else {
            continue;
        };
        out.data_rows += 1;
        let RowOut { record, key } = *row;
        out.problems.extend(c.problems);
        let mut duplicate = false;
        if let Some(key) = key {
            match seen.entry(key) {
                Entry::Occupied(first) => {
                    duplicate = true;
                    let col = layout.col(Field::FullName).or(layout.col(Field::LastName));
                    out.problems.push(Problem {
                        row: Some(c.number),
                        column: col.map(|c| layout.label(c)),
                        severity: Severity::Error,
                        code: "imp-duplicate-in-file",
                        args: vec![("row", first.get().to_string())],
                    });
                }
                Entry::Vacant(slot) => {
                    slot.insert(c.number);
                }
            }
        }
        if let (Some(record), false, 0) = (record, duplicate, c.errors) {
            out.records.push(record);
        }
    }
    out
}

/// Rows from which the check runs on two threads.
const PARALLEL_ROWS: usize = 5_000;

/// One row checked on its own: what the whole-file pass needs of it.
struct Checked {
    /// Row number in the file.
    number: usize,
    /// A filled cell beyond the header's columns.
    stray: Option<usize>,
    /// The row read, or `None` for a row without data (boxed: the checked rows of both
    /// halves wait for the merge, and a row is mostly its record).
    out: Option<Box<RowOut>>,
    /// Its problems.
    problems: Vec<Problem>,
    /// Errors among them.
    errors: usize,
}

fn check_row(
    kind: ListKind,
    layout: &Layout,
    row: &SourceRow,
    opts: &Options,
    formulas: &HashSet<(usize, usize)>,
    labels: &mut LabelMemo,
) -> Checked {
    let mut checked = Checked {
        number: row.number,
        stray: layout.stray(row),
        out: None,
        problems: Vec::new(),
        errors: 0,
    };
    if !layout.has_data(row) {
        return checked;
    }
    let mut ctx = RowCtx {
        layout,
        row,
        opts,
        problems: &mut checked.problems,
        errors: 0,
        labels,
    };
    if opts.hidden_rows.binary_search(&row.number).is_ok() {
        ctx.push(Severity::Warning, None, "imp-hidden-row", Vec::new());
    }
    ctx.formula_warnings(formulas);
    ctx.length_errors();
    let out = match kind {
        ListKind::Students => ctx.student(),
        ListKind::Staff => ctx.staff(),
        ListKind::Mentors => ctx.base_row(BaseKind::Mentors),
        ListKind::Mentees => ctx.base_row(BaseKind::Mentees),
    };
    checked.errors = ctx.errors;
    checked.out = Some(Box::new(out));
    checked
}

/// Maps the header row; reports unknown and repeated columns and the ignored consents.
fn read_header(kind: ListKind, header: &SourceRow, synonyms: &Synonyms, problems: &mut Vec<Problem>) -> Layout {
    let width = header.cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
    let mut layout = Layout {
        kind,
        headers: header.cells[..width].iter().map(|c| c.text().into_owned()).collect(),
        fields: Vec::with_capacity(width),
        cols: [None; FIELD_COUNT],
    };
    for col in 0..width {
        let text = &layout.headers[col];
        let field = if text.is_empty() { None } else { synonyms.field(text) };
        match field {
            None if !text.is_empty() => problems.push(Problem {
                row: Some(header.number),
                column: Some(layout.label(col)),
                severity: Severity::Warning,
                code: "imp-unknown-column",
                args: vec![
                    ("column", text.clone()),
                    ("expected", quoted_list(kind.headers().iter().copied())),
                ],
            }),
            Some(f) if f != Field::Number => match layout.cols[f as usize] {
                Some(first) => {
                    problems.push(Problem {
                        row: Some(header.number),
                        column: Some(layout.label(col)),
                        severity: Severity::Error,
                        code: "imp-duplicate-column",
                        args: vec![("column", text.clone()), ("first", layout.label(first))],
                    });
                    layout.fields.push(None);
                    continue;
                }
                None => layout.cols[f as usize] = Some(col),
            },
            _ => {}
        }
        layout.fields.push(field);
    }
    if let Some(col) = layout.col(Field::Consent) {
        problems.push(Problem {
            row: Some(header.number),
            column: Some(layout.label(col)),
            severity: Severity::Warning,
            code: "imp-consents-ignored",
            args: vec![("column", layout.headers[col].clone())],
        });
    }
    layout
}

/// Reports missing required columns; false if any is missing.
fn required_columns(layout: &Layout, header_row: usize, problems: &mut Vec<Problem>) -> bool {
    let has = |f| layout.col(f).is_some();
    let name_ok = has(Field::FullName) || (has(Field::LastName) && has(Field::FirstName));
    let mut ok = true;
    let mut missing = |code: &'static str, column: Option<&str>| {
        ok = false;
        let mut args = Vec::with_capacity(2);
        if let Some(c) = column {
            args.push(("column", c.to_string()));
        }
        args.push(("found", layout.found()));
        problems.push(Problem {
            row: Some(header_row),
            column: None,
            severity: Severity::Error,
            code,
            args,
        });
    };
    match layout.kind {
        ListKind::Students | ListKind::Staff => {
            if !name_ok {
                missing("imp-missing-name-column", None);
            }
            if !has(Field::BirthDate) {
                missing("imp-missing-column", Some("Дата рождения"));
            }
            if layout.kind == ListKind::Students && !has(Field::Class) {
                missing("imp-missing-column", Some("Класс"));
            }
            if layout.kind == ListKind::Staff && !has(Field::Position) {
                missing("imp-missing-column", Some("Должность"));
            }
        }
        ListKind::Mentors if !name_ok => missing("imp-missing-column", Some(MENTOR_HEADERS[1])),
        ListKind::Mentees if !name_ok => missing("imp-missing-column", Some(MENTEE_HEADERS[1])),
        _ => {}
    }
    ok
}

/// «1, 2, 3 …» under the header, as Russian forms number their columns.
fn is_numbering_row(row: &SourceRow) -> bool {
    let mut count = 0;
    for (i, v) in row.cells.iter().enumerate() {
        if v.is_empty() {
            continue;
        }
        if v.text() != (i + 1).to_string() {
            return false;
        }
        count += 1;
    }
    count >= 3
}
