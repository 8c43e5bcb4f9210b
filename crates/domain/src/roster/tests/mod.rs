//! Tests of the import, by concern; the helpers and the check of the messages are here.

mod bases;
mod cells;
mod headers;
mod people;
mod volume;

use chrono::NaiveDate;

use super::*;
use crate::category::Category;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn opts() -> Options {
    Options::new(day(2025, 10, 1))
}

fn cell(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

fn sheet(table: &[&[&str]]) -> Vec<SourceRow> {
    table
        .iter()
        .enumerate()
        .map(|(i, r)| SourceRow {
            number: i + 1,
            cells: r.iter().map(|c| cell(c)).collect(),
        })
        .collect()
}

/// (row, column, code) of every problem.
fn found(a: &Analysis) -> Vec<(Option<usize>, Option<&str>, &str)> {
    a.problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.code))
        .collect()
}

const IMPORT_FTL: &str = include_str!("../../../../web/locales/ru/import.ftl");
const MAIN_FTL: &str = include_str!("../../../../web/locales/ru/main.ftl");

/// The text of a Fluent message, with its continuation lines.
fn message(ftl: &str, id: &str) -> Option<String> {
    let start = ftl.find(&format!("\n{id} ="))?;
    let mut out = String::new();
    for (i, line) in ftl[start + 1..].lines().enumerate() {
        if i > 0 && !line.starts_with(' ') {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// `{ $name }` variables of a message.
fn variables(text: &str) -> Vec<String> {
    text.match_indices('$')
        .map(|(i, _)| {
            text[i + 1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// Every problem has a message whose variables it all provides.
fn assert_renderable(a: &Analysis) {
    for p in &a.problems {
        let text = message(IMPORT_FTL, p.code)
            .or_else(|| message(MAIN_FTL, p.code))
            .unwrap_or_else(|| panic!("no message for {}", p.code));
        for v in variables(&text) {
            assert!(p.arg(&v).is_some(), "{} needs ${v}: {p:?}", p.code);
        }
    }
}

fn analyze_ok(kind: ListKind, rows: &[SourceRow], opts: &Options) -> Analysis {
    let a = analyze(kind, rows, opts);
    assert_renderable(&a);
    // The import reads its rows owned: the same analysis, every case of these tests.
    assert_eq!(analyze_owned(kind, rows.to_vec(), opts), a);
    a
}

fn student(grade: u8, letter: Option<&str>) -> Option<Category> {
    Some(Category::Student {
        grade,
        letter: letter.map(str::to_string),
    })
}

/// Every file of the module but its tests, by name: the codes of the messages are looked for
/// in all of them (a test checks none is left out).
const SOURCES: [(&str, &str); 7] = [
    ("base_rows.rs", include_str!("../base_rows.rs")),
    ("cells.rs", include_str!("../cells.rs")),
    ("headers.rs", include_str!("../headers.rs")),
    ("mod.rs", include_str!("../mod.rs")),
    ("people.rs", include_str!("../people.rs")),
    ("row.rs", include_str!("../row.rs")),
    ("types.rs", include_str!("../types.rs")),
];

#[test]
fn every_import_message_exists_and_is_used() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/roster");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".rs"))
        .collect();
    files.sort();
    let listed: Vec<&str> = SOURCES.iter().map(|(name, _)| *name).collect();
    assert_eq!(files, listed, "every file of the module is searched for codes");
    let mut used: Vec<String> = SOURCES
        .iter()
        .flat_map(|(_, src)| {
            src.match_indices("\"imp-")
                .map(|(i, _)| src[i + 1..].chars().take_while(|c| *c != '"').collect::<String>())
        })
        .filter(|code| code.len() > "imp-".len())
        .collect();
    used.sort();
    used.dedup();
    let mut defined: Vec<String> = IMPORT_FTL
        .lines()
        .filter(|l| l.starts_with("imp-"))
        .map(|l| l.split(" =").next().unwrap_or("").to_string())
        .collect();
    defined.sort();
    assert_eq!(used, defined);
    assert!(
        IMPORT_FTL
            .lines()
            .all(|l| l.starts_with("imp-") || l.starts_with('#') || l.starts_with(' ') || l.is_empty())
    );
    for line in MAIN_FTL.lines() {
        assert!(!line.starts_with("imp-"), "ids must not collide: {line}");
    }
}
