//! Charts of the reports: an SVG bar chart (charts-rs) for the PDF, rendered to PNG
//! (resvg) for the DOCX, both with the shipped Liberation Sans so Cyrillic labels show.

use std::sync::{Arc, OnceLock};

use serde_json::json;

use crate::DocumentError;
use crate::pdf::FONTS;

const FAMILY: &str = "Liberation Sans";
/// Pixels per centimetre of the PNG (300 dpi prints sharp).
const PX_PER_CM: f32 = 300.0 / 2.54;
/// SVG user units per centimetre of the chart.
const UNITS_PER_CM: f32 = 40.0;

/// One bar series: its name and a value per category.
pub struct Series<'a> {
    /// Name in the legend.
    pub name: &'a str,
    /// Values, one per category.
    pub values: Vec<f64>,
}

/// A bar chart as SVG text, `width_cm` × `height_cm` in size.
pub fn bars(
    title: &str,
    categories: &[String],
    series: &[Series],
    width_cm: f32,
    height_cm: f32,
) -> Result<String, DocumentError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| charts_rs::add_fonts(&[FONTS[4], FONTS[5]]).is_ok());
    if !ok {
        return Err(DocumentError::Write("chart fonts".into()));
    }
    let config = json!({
        "width": width_cm * UNITS_PER_CM,
        "height": height_cm * UNITS_PER_CM,
        "font_family": FAMILY,
        "title_text": title,
        "title_font_size": 16,
        "legend_show": series.len() > 1,
        "legend_font_size": 12,
        "x_axis_data": categories,
        "x_axis_font_size": 11,
        "series_list": series.iter().map(|s| json!({
            "name": s.name,
            "data": s.values,
            "label_show": true,
        })).collect::<Vec<_>>(),
    });
    let chart =
        charts_rs::BarChart::from_json(&config.to_string()).map_err(|e| DocumentError::Write(format!("chart: {e}")))?;
    chart.svg().map_err(|e| DocumentError::Write(format!("chart: {e}")))
}

/// The chart rendered to PNG for Word, which shows SVG only in its newest versions.
pub fn png(svg: &str, width_cm: f32, height_cm: f32) -> Result<Vec<u8>, DocumentError> {
    static FONTDB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    let db = FONTDB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        for f in FONTS {
            db.load_font_data(f.to_vec());
        }
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    });
    let options = resvg::usvg::Options {
        fontdb: db.clone(),
        font_family: FAMILY.into(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| DocumentError::Write(format!("chart: {e}")))?;
    let (w, h) = ((width_cm * PX_PER_CM) as u32, (height_cm * PX_PER_CM) as u32);
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or_else(|| DocumentError::Write("chart size".into()))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| DocumentError::Write(format!("chart: {e}")))
}
