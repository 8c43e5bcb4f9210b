//! A bounded fuzz of the list reader: workbooks whose XML is generated with every spelling
//! a parser meets (spacing, quotes, prefixes, comments, absurd numbers, junk positions) and
//! CSV of quotes, delimiters and line breaks. The reader must answer — rows or a Russian
//! refusal — without a panic and within the memory budget.
//!
//! `PROPTEST_CASES` sets the number of cases (default 64, as CI runs it); a longer run:
//! `PROPTEST_CASES=20000 cargo nextest run -p documents -E 'binary(fuzz_read)'`.
//! A failing case is shrunk by proptest and belongs in the corpus (`tests/hostile/`).

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod hostile;

use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A number as a file may write it: small, huge, signed, padded or not a number at all.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..100).prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        Just("18446744073709551616999".to_string()),
        Just("-1".to_string()),
        Just(" +42 ".to_string()),
        Just("1e9".to_string()),
        Just("&#49;0".to_string()),
        "[0-9A-Za-z ]{0,6}",
    ]
}

/// `name=value` with the spacing and quotes XML allows.
fn attribute(name: &'static str) -> impl Strategy<Value = String> {
    (
        number(),
        prop::sample::select(vec!["=", " = ", "=\n"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(v, eq, single, prefixed)| {
            let q = if single { '\'' } else { '"' };
            let p = if prefixed { "x:" } else { "" };
            format!(" {p}{name}{eq}{q}{v}{q}")
        })
}

/// A cell reference: a real one, or letters and digits out of any range.
fn reference() -> impl Strategy<Value = String> {
    prop_oneof![
        ("[A-C]", 1u32..50).prop_map(|(c, r)| format!("{c}{r}")),
        ("[A-Z]{1,4}", any::<u32>()).prop_map(|(c, r)| format!("{c}{r}")),
        "[A-Z0-9$:]{0,12}",
    ]
}

fn cell() -> impl Strategy<Value = String> {
    (
        reference(),
        prop::sample::select(vec!["s", "str", "inlineStr", "n", "b", "e", "d", ""]),
        number(),
    )
        .prop_map(|(r, t, v)| {
            if t == "inlineStr" {
                format!("<c r=\"{r}\" t=\"{t}\"><is><t>{v}</t></is></c>")
            } else {
                format!("<c r=\"{r}\" t=\"{t}\"><v>{v}</v></c>")
            }
        })
}

fn row() -> impl Strategy<Value = String> {
    (attribute("r"), any::<bool>(), prop::collection::vec(cell(), 0..6)).prop_map(|(r, hidden, cells)| {
        let hidden = if hidden { " hidden=\"1\"" } else { "" };
        format!("<row{r}{hidden}>{}</row>", cells.concat())
    })
}

fn workbook() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(row(), 0..20),
        attribute("uniqueCount"),
        attribute("count"),
        prop::collection::vec("[А-Яа-я0-9 ]{0,12}", 0..5),
        (attribute("min"), attribute("max")),
        reference(),
        any::<bool>(),
    )
        .prop_map(|(rows, unique, count, strings, (min, max), dimension, comment)| {
            let main = hostile::MAIN;
            let cols = format!("<cols><col{min}{max} hidden=\"1\"/></cols>");
            let sheet = format!(
                "<worksheet xmlns=\"{main}\"><dimension ref=\"{dimension}\"/>{cols}<sheetData>{}</sheetData></worksheet>",
                rows.concat()
            );
            let lead = if comment { "<!-- a comment -->" } else { "" };
            let si: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
            let sst = format!("<?xml version=\"1.0\"?>{lead}<sst xmlns=\"{main}\"{count}{unique}>{si}</sst>");
            hostile::package(&sheet, &sst)
        })
}

fn csv() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just(";".to_string()),
            Just(",".to_string()),
            Just("\t".to_string()),
            Just("\r\n".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            "[А-Яа-я0-9.]{1,8}",
        ],
        1..200,
    )
    .prop_map(|parts| parts.concat().into_bytes())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_workbooks_are_read_or_refused(bytes in workbook()) {
        // A parser's panic is caught by the reader; the default hook would print a backtrace,
        // whose symbols take more memory than the read itself.
        std::panic::set_hook(Box::new(|_| {}));
        hostile::reset_peak_rss();
        let _ = documents::read_book(&bytes, Some("список.xlsx"));
        let _ = std::panic::take_hook();
        let peak = hostile::peak_rss_mb();
        prop_assert!(peak < hostile::MAX_PEAK_RSS_MB, "peak RSS {} MB", peak);
    }

    #[test]
    fn generated_csv_is_read_or_refused(bytes in csv()) {
        if let Ok(book) = documents::read_book(&bytes, Some("список.csv")) {
            // Rows come in order with the numbers a spreadsheet shows.
            let numbers: Vec<usize> = book[0].rows.iter().map(|r| r.number).collect();
            prop_assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
        }
    }
}
