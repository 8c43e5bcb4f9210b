//! Real tools for checking documents: LibreOffice turns DOCX and XLSX into PDF, poppler's
//! pdftotext reads the text back. Both are installed by `scripts/ensure-doc-tools.sh`.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]
use std::path::{Path, PathBuf};

pub mod look;
use std::process::Command;

/// The text of a PDF with spaces normalised (non-breaking spaces and line breaks become
/// single spaces), so phrases can be searched across lines.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is missing: run scripts/ensure-doc-tools.sh");
    assert!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    normalise(&String::from_utf8_lossy(&out.stdout))
}

/// Collapses every run of whitespace (including NBSP) into one space.
pub fn normalise(s: &str) -> String {
    s.replace(['\u{a0}', '\u{200b}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" \u{200b}", "")
}

/// Converts office files to PDF with LibreOffice in one run; returns the PDF paths.
/// Fails the test when LibreOffice refuses a file (a corrupt document).
pub fn libreoffice_to_pdf(files: &[PathBuf], outdir: &Path) -> Vec<PathBuf> {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(outdir)
        .args(files)
        .output()
        .expect("LibreOffice (soffice) is missing: run scripts/ensure-doc-tools.sh");
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    files
        .iter()
        .map(|f| {
            let pdf = outdir.join(f.with_extension("pdf").file_name().expect("file name"));
            assert!(
                pdf.exists(),
                "LibreOffice did not convert {}: {}",
                f.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            pdf
        })
        .collect()
}

/// Asserts that `text` contains every phrase, naming the document and the missing phrase.
pub fn assert_has(doc: &str, text: &str, phrases: &[&str]) {
    for p in phrases {
        assert!(text.contains(&normalise(p)), "{doc}: «{p}» is missing in:\n{text}");
    }
}

/// Like [`assert_has`], ignoring all whitespace: for text that wraps inside table cells.
pub fn assert_has_compact(doc: &str, text: &str, phrases: &[&str]) {
    let squeeze = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
            .collect::<String>()
    };
    let t = squeeze(text);
    for p in phrases {
        assert!(t.contains(&squeeze(p)), "{doc}: «{p}» is missing in:\n{text}");
    }
}

/// The text of a DOCX's main part, one line per paragraph, read with an XML parser (so a
/// document whose XML broke fails here).
pub fn docx_text(docx: &[u8]) -> String {
    use quick_xml::events::Event;
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("DOCX is a zip");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let mut r = quick_xml::Reader::from_str(&xml);
    let (mut out, mut in_t) = (String::new(), false);
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Event::Text(t) if in_t => out.push_str(&t.decode().expect("text")),
            Event::GeneralRef(g) if in_t => out.push_str(match &*g {
                b"amp" => "&",
                b"lt" => "<",
                b"gt" => ">",
                b"quot" => "\"",
                b"apos" => "'",
                _ => "?",
            }),
            _ => {}
        }
    }
    out
}
