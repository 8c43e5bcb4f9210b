//! The PDF writer: typst typesets a [`Layout`] (or a certificate sheet) with the fonts
//! shipped in `fonts/`, so a PDF never depends on the fonts of the machine.

use std::sync::OnceLock;

use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_as_lib::TypstTemplateMainFile;
use typst_layout::PagedDocument;

use crate::DocumentError;
use crate::layout::Layout;

/// The fonts every PDF is set in (SIL OFL, see `fonts/LICENSE-Liberation.txt`).
pub(crate) static FONTS: [&[u8]; 6] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
];

fn engine(
    cell: &'static OnceLock<TypstEngine<TypstTemplateMainFile>>,
    source: &'static str,
) -> &'static TypstEngine<TypstTemplateMainFile> {
    cell.get_or_init(|| TypstEngine::builder().main_file(source).fonts(FONTS).build())
}

static LAYOUT: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
static CERTIFICATE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();

/// Typesets a text document.
pub fn write(layout: &Layout) -> Result<Vec<u8>, DocumentError> {
    let json = serde_json::to_vec(layout).map_err(|e| DocumentError::Write(e.to_string()))?;
    compile(engine(&LAYOUT, include_str!("../typst/layout.typ")), "layout", json)
}

/// Typesets certificates or letters, one per page, from their JSON view.
pub fn write_certificates(json: Vec<u8>) -> Result<Vec<u8>, DocumentError> {
    compile(
        engine(&CERTIFICATE, include_str!("../typst/certificate.typ")),
        "data",
        json,
    )
}

fn compile(engine: &TypstEngine<TypstTemplateMainFile>, key: &str, json: Vec<u8>) -> Result<Vec<u8>, DocumentError> {
    let mut inputs = Dict::new();
    inputs.insert(key.into(), Bytes::new(json).into_value());
    let doc: PagedDocument = engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| DocumentError::Write(format!("PDF: {e:?}")))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|e| DocumentError::Write(format!("PDF: {e:?}")))
}
