//! `nastavnik document` as a curator runs it: list the kinds, take a sample, render it, and
//! get a Russian message with exit status 1 (and no file written) when the data is wrong.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .expect("run nastavnik")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `nastavnik document render --kind K --data D --format F --out O [extra…]`.
fn render(kind: &str, data: &Path, format: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "document",
        "render",
        "--kind",
        kind,
        "--data",
        s(data),
        "--format",
        format,
        "--out",
        s(out),
    ];
    args.extend_from_slice(extra);
    nastavnik(&args)
}

#[test]
fn kinds_samples_and_render_from_the_command_line() {
    let out = nastavnik(&["document", "kinds"]);
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    for code in [
        "order_introduce_model",
        "order_pairs",
        "position",
        "roadmap",
        "results_summary",
        "base_mentors",
        "certificate",
    ] {
        assert!(list.contains(code), "{code} in {list}");
    }
    assert!(list.contains("Приказ «Об утверждении наставнических пар/групп»"));

    let dir = tempfile::tempdir().unwrap();
    let samples = dir.path().join("samples");
    assert!(
        nastavnik(&["document", "kinds", "--samples", s(&samples)])
            .status
            .success()
    );
    let data = samples.join("order_pairs.json");
    let docx = dir.path().join("pairs.docx");
    let out = render("order_pairs", &data, "docx", &docx, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));

    let fields = nastavnik(&["document", "fields", "--kind", "order_pairs", "--data", s(&data)]);
    let fields = String::from_utf8(fields.stdout).unwrap();
    assert!(
        fields.contains("{{приказ.номер}}") && fields.contains("{{пары.наставник}}"),
        "{fields}"
    );

    // Bad data: no order number. The message names the field; the old file stays as it was.
    let before = std::fs::read(&docx).unwrap();
    let mut bad: serde_json::Value = serde_json::from_slice(&std::fs::read(&data).unwrap()).unwrap();
    bad["order"]["number"] = serde_json::json!("");
    let bad_path = dir.path().join("bad.json");
    std::fs::write(&bad_path, bad.to_string()).unwrap();
    let out = render("order_pairs", &bad_path, "docx", &docx, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("не заполнено обязательное поле order.number (номер приказа)"),
        "{err}"
    );
    assert_eq!(std::fs::read(&docx).unwrap(), before);
    let fresh = dir.path().join("never.pdf");
    let out = render("order_pairs", &bad_path, "pdf", &fresh, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!fresh.exists());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
            .count(),
        0
    );

    // A format the kind does not have, and a blank that is not a DOCX.
    let out = render("base_mentors", &samples.join("base_mentors.json"), "pdf", &fresh, &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("доступно: xlsx"));
    let out = render("order_pairs", &data, "docx", &fresh, &["--template", s(&data)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("это не файл DOCX"));
}
