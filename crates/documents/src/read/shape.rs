//! What calamine does not tell about a sheet: which rows and columns are hidden. Read from
//! the sheet's own XML with a streaming parser (the workbook's relationships name the part
//! of each sheet), so a filtered list is not loaded silently.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use quick_xml::events::{BytesStart, Event};

use crate::zipguard::Archive;

/// The XML of a part is read up to this many bytes (the archive's limits bound it too).
const MAX_PART: u64 = 1024 * 1024 * 1024;
/// Excel's last column.
const MAX_COLUMN: usize = 16_384;
/// Excel's last row.
const MAX_ROW: usize = 1_048_576;

/// Hidden rows (Excel numbers) and hidden columns (0-based) of one sheet, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Shape {
    /// Rows hidden by hand or by a filter.
    pub rows: Vec<usize>,
    /// Columns hidden.
    pub columns: Vec<usize>,
}

/// Sheet name → the path of its part in the archive; empty when the workbook's description
/// does not read (the sheets then read as if nothing were hidden).
pub(super) fn sheet_parts(zip: &mut Archive) -> HashMap<String, String> {
    let book = part_text(zip, "_rels/.rels")
        .and_then(|rels| {
            targets(&rels)
                .into_iter()
                .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
        })
        .map(|(_, _, target)| target.trim_start_matches('/').to_string())
        .unwrap_or_else(|| "xl/workbook.xml".to_string());
    let (dir, file) = book.rsplit_once('/').unwrap_or(("", book.as_str()));
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(rels) = part_text(zip, &rels_path) else {
        return HashMap::new();
    };
    let by_id: HashMap<String, String> = targets(&rels)
        .into_iter()
        .map(|(id, _, target)| (id, resolve(dir, &target)))
        .collect();
    let Some(workbook) = part_text(zip, &book) else {
        return HashMap::new();
    };
    let mut parts = HashMap::new();
    each_element(workbook.as_bytes(), |e| {
        if e.local_name().as_ref() == b"sheet" {
            let name = attr(e, b"name");
            let id = attr(e, b"id");
            if let (Some(name), Some(part)) = (name, id.and_then(|id| by_id.get(&id))) {
                parts.insert(name, part.clone());
            }
        }
        true
    });
    parts
}

/// The hidden rows and columns of the sheet in `part`.
pub(super) fn shape(zip: &mut Archive, part: &str) -> Shape {
    let Some(name) = find(zip, part) else {
        return Shape::default();
    };
    let Ok(file) = zip.by_name(&name) else {
        return Shape::default();
    };
    // Marks rather than lists: a hostile file may repeat a row or a range endlessly.
    let mut rows = vec![false; MAX_ROW + 1];
    let mut columns = vec![false; MAX_COLUMN];
    let mut row = 0usize;
    each_element(BufReader::new(file.take(MAX_PART)), |e| {
        match e.local_name().as_ref() {
            b"row" => {
                // A row without its number follows the one before it.
                row = attr(e, b"r").and_then(|r| r.trim().parse().ok()).unwrap_or(row + 1);
                if row <= MAX_ROW && attr(e, b"hidden").is_some_and(|h| is_true(&h)) {
                    rows[row] = true;
                }
            }
            b"col" if attr(e, b"hidden").is_some_and(|h| is_true(&h)) => {
                let number = |key| attr(e, key).and_then(|v| v.trim().parse::<usize>().ok());
                if let Some(min) = number(b"min").filter(|m| (1..=MAX_COLUMN).contains(m)) {
                    let max = number(b"max").unwrap_or(min).clamp(min, MAX_COLUMN);
                    columns[min - 1..max].fill(true);
                }
            }
            _ => {}
        }
        true
    });
    let marked = |v: Vec<bool>| v.into_iter().enumerate().filter(|(_, m)| *m).map(|(i, _)| i).collect();
    Shape {
        rows: marked(rows),
        columns: marked(columns),
    }
}

fn is_true(v: &str) -> bool {
    matches!(v.trim(), "1" | "true")
}

/// Calls `f` on every start and empty element until it returns false or the XML ends or breaks.
fn each_element(input: impl BufRead, mut f: impl FnMut(&BytesStart) -> bool) {
    let mut xml = quick_xml::Reader::from_reader(input);
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if !f(&e) {
                    return;
                }
            }
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// The unescaped value of the attribute with local name `key`.
fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// (Id, Type, Target) of every relationship of a `.rels` part.
fn targets(rels: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    each_element(rels.as_bytes(), |e| {
        if e.local_name().as_ref() == b"Relationship"
            && let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target"))
        {
            out.push((id, attr(e, b"Type").unwrap_or_default(), target));
        }
        true
    });
    out
}

/// A relationship's target as a path in the archive, from the directory of its source.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The archive's name for `path`, matched without regard to case as Excel does.
fn find(zip: &Archive, path: &str) -> Option<String> {
    zip.file_names()
        .find(|n| n.eq_ignore_ascii_case(path))
        .map(str::to_owned)
}

/// A small part as text (a description of the book, at most 4 MB).
fn part_text(zip: &mut Archive, path: &str) -> Option<String> {
    let name = find(zip, path)?;
    let mut buf = Vec::new();
    zip.by_name(&name)
        .ok()?
        .take(4 * 1024 * 1024)
        .read_to_end(&mut buf)
        .ok()?;
    String::from_utf8(buf).ok()
}
