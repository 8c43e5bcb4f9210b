//! The CSV export of a base opened in LibreOffice: a phone or a dash reads exactly as
//! written, and a cell that could run as a formula stays text (OWASP «CSV Injection»).

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use documents::{MentorRow, Mentors};

/// The cells of `csv` as LibreOffice reads them (the file opened as a double-click opens it:
/// UTF-8, «;»), saved again as tab-separated text.
fn through_libreoffice(csv: &[u8]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let file = dir.path().join("baza.csv");
    std::fs::write(&file, csv).unwrap();
    let out_dir = dir.path().join("out");
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--norestore", "--infilter=CSV:59,34,76,1"])
        .args(["--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76,1", "--outdir"])
        .arg(&out_dir)
        .arg(&file)
        .output()
        .expect("LibreOffice (soffice) is missing: run scripts/ensure-doc-tools.sh");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read(out_dir.join("baza.csv")).expect("LibreOffice wrote the CSV");
    csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn a_phone_opens_as_the_phone_and_a_formula_does_not_run() {
    let sample = documents::kind("base_mentors").unwrap().sample;
    let mut base: Mentors = serde_json::from_str(sample).unwrap();
    let data = ["+7 925 123-45-67", "+7(925)1234567", "-", "Иванова, ivanova@mail.ru"];
    let attacks = [
        "=HYPERLINK(\"http://evil.example\";\"нажмите\")",
        "=1+1",
        "@SUM(1+1)",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "\t=1+1",
    ];
    base.rows = data
        .iter()
        .chain(&attacks)
        .map(|v| MentorRow {
            full_name: "Иванов Иван Иванович".into(),
            contacts: (*v).to_string(),
            ..MentorRow::default()
        })
        .collect();
    let rows = through_libreoffice(&base.csv().unwrap());
    let col = rows[0]
        .iter()
        .position(|h| h.starts_with("Контактные данные"))
        .expect("the contacts column");
    let cells: Vec<&str> = rows[1..].iter().map(|r| r[col].as_str()).collect();
    // Data reads exactly as written: no «'» in front of a phone, no number made of it.
    assert_eq!(&cells[..data.len()], &data);
    // A formula stays its own text (marked with «'»), never its result.
    for (cell, attack) in cells[data.len()..].iter().zip(attacks) {
        assert_eq!(*cell, format!("'{attack}"), "{attack:?}");
    }
}
