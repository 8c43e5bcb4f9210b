//! What a reader sees on a printed page: a PDF's pages as pixels (poppler's `pdftoppm`,
//! decoded with `png`) and its words with their boxes (`pdftotext -bbox`), so a test can
//! ask whether a chart shows, a table fills the page and the text is big enough to read.

use std::path::Path;
use std::process::Command;

/// One page of a PDF as 8-bit RGB pixels.
pub struct Page {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    rgb: Vec<u8>,
}

/// A box on the page, in fractions of the page's width and height (0 = left / top).
#[derive(Debug, Clone, Copy)]
pub struct Extent {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Extent {
    /// Width as a fraction of the page's width.
    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    /// Height as a fraction of the page's height.
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

impl Page {
    fn matches(&self, i: usize, colour: [u8; 3], tolerance: u8) -> bool {
        let px = &self.rgb[i * 3..i * 3 + 3];
        px.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= tolerance)
    }

    /// The share of the page (0..1) painted in `colour`, give or take `tolerance` per channel.
    pub fn share_of(&self, colour: [u8; 3], tolerance: u8) -> f32 {
        let n = (0..self.width * self.height)
            .filter(|&i| self.matches(i, colour, tolerance))
            .count();
        n as f32 / (self.width * self.height) as f32
    }

    /// The box around every pixel painted in `colour`, if any.
    pub fn extent_of(&self, colour: [u8; 3], tolerance: u8) -> Option<Extent> {
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        for i in 0..self.width * self.height {
            if self.matches(i, colour, tolerance) {
                let (x, y) = (i % self.width, i / self.width);
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
        (x0 != usize::MAX).then(|| Extent {
            left: x0 as f32 / self.width as f32,
            top: y0 as f32 / self.height as f32,
            right: (x1 + 1) as f32 / self.width as f32,
            bottom: (y1 + 1) as f32 / self.height as f32,
        })
    }
}

/// Every page of `pdf` rendered at `dpi`.
pub fn pages(pdf: &Path, dpi: u32) -> Vec<Page> {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", &dpi.to_string()])
        .arg(pdf)
        .arg(dir.path().join("p"))
        .output()
        .expect("pdftoppm is missing: run scripts/ensure-doc-tools.sh");
    assert!(
        out.status.success(),
        "pdftoppm failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("pages")
        .map(|e| e.expect("page").path())
        .collect();
    // p-1.png … p-10.png: by page number, not by name.
    files.sort_by_key(|p| {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        stem.rsplit('-').next().and_then(|n| n.parse::<u32>().ok()).unwrap_or(0)
    });
    files.iter().map(|f| decode(f)).collect()
}

fn decode(file: &Path) -> Page {
    let mut decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(file).expect("page file")));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG page");
    let mut buf = vec![0; reader.output_buffer_size().expect("page size")];
    let info = reader.next_frame(&mut buf).expect("page pixels");
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let rgb = match channels {
        3 => buf[..width * height * 3].to_vec(),
        4 => buf
            .chunks_exact(4)
            .take(width * height)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect(),
        1 => buf.iter().take(width * height).flat_map(|g| [*g, *g, *g]).collect(),
        n => panic!("{}: {n} channels per pixel", file.display()),
    };
    Page { width, height, rgb }
}

/// A word of a PDF and its box in points (origin at the top left of its page).
#[derive(Debug, Clone)]
pub struct Word {
    /// Page index from 0.
    pub page: usize,
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Word {
    /// Height of the box: about 1.15 times the printed font size.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// Whether one is drawn over the other. The boxes of two lines of one paragraph touch
    /// (a box is taller than the line pitch), so a third of a line is the threshold.
    pub fn overlaps(&self, other: &Word) -> bool {
        let across = self.x1.min(other.x1) - self.x0.max(other.x0);
        let down = self.y1.min(other.y1) - self.y0.max(other.y0);
        self.page == other.page && across > 1.0 && down > self.height().min(other.height()) / 3.0
    }
}

/// The page sizes (points) and the words of `pdf`, read by `pdftotext -bbox`.
pub fn words(pdf: &Path) -> (Vec<(f32, f32)>, Vec<Word>) {
    use quick_xml::events::Event;
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is missing: run scripts/ensure-doc-tools.sh");
    assert!(out.status.success(), "pdftotext -bbox failed on {}", pdf.display());
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut r = quick_xml::Reader::from_str(&html);
    let (mut sizes, mut words) = (Vec::new(), Vec::<Word>::new());
    let mut open: Option<Word> = None;
    let attr = |e: &quick_xml::events::BytesStart, name: &[u8]| -> f32 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| String::from_utf8_lossy(&a.value).parse().ok())
            .unwrap_or(0.0)
    };
    loop {
        match r.read_event().expect("pdftotext's XHTML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"page" => sizes.push((attr(&e, b"width"), attr(&e, b"height"))),
            Event::Start(e) if e.name().as_ref() == b"word" => {
                open = Some(Word {
                    page: sizes.len().saturating_sub(1),
                    text: String::new(),
                    x0: attr(&e, b"xMin"),
                    y0: attr(&e, b"yMin"),
                    x1: attr(&e, b"xMax"),
                    y1: attr(&e, b"yMax"),
                })
            }
            Event::Text(t) => {
                if let Some(w) = open.as_mut() {
                    w.text.push_str(&t.decode().expect("text"));
                }
            }
            Event::GeneralRef(g) => {
                if let Some(w) = open.as_mut() {
                    w.text.push_str(match &*g {
                        b"amp" => "&",
                        b"lt" => "<",
                        b"gt" => ">",
                        b"quot" => "\"",
                        _ => "'",
                    });
                }
            }
            Event::End(e) if e.name().as_ref() == b"word" => words.extend(open.take()),
            _ => {}
        }
    }
    (sizes, words)
}

/// The median of the word heights in points.
pub fn median_height(words: &[Word]) -> f32 {
    let mut h: Vec<f32> = words.iter().map(Word::height).collect();
    h.sort_by(f32::total_cmp);
    h.get(h.len() / 2).copied().unwrap_or(0.0)
}

/// Pairs of words drawn over each other (text of one cell running into the next).
pub fn overlapping(words: &[Word]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            if a.overlaps(b) {
                out.push((a.text.clone(), b.text.clone()));
            }
        }
    }
    out
}
