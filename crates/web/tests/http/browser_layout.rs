//! A real browser looks at the bases as a curator does on a phone and on paper: at 390 px
//! no page of the bases scrolls sideways (the sub-menu wraps), and printing the base of
//! mentees puts all 16 columns on the paper (the table is not clipped by its scroll box).

use fantoccini::Locator;
use fantoccini::wd::PrintConfiguration;

use crate::browser::open_browser;

#[tokio::test]
async fn bases_fit_a_phone_and_print_every_column() {
    let Some((_driver, b, profile)) = open_browser().await else {
        return;
    };
    let t = crate::helpers::spawn("sqlite").await;
    b.set_window_size(1280, 900).await.unwrap();
    crate::browser::sign_in(&b, &t.url, "curator").await;

    b.set_window_size(390, 844).await.unwrap();
    for page in ["/bases/mentors", "/bases/mentees", "/import", "/referrals"] {
        b.goto(&t.at(page)).await.unwrap();
        b.wait().for_element(Locator::Css("main h1")).await.unwrap();
        let wide: serde_json::Value = b
            .execute("return document.documentElement.scrollWidth;", vec![])
            .await
            .unwrap();
        let wide = wide.as_f64().unwrap_or(f64::MAX);
        assert!(wide <= 390.0, "{page} scrolls sideways at 390 px: {wide} px wide");
    }

    // Printing from the browser: the last of the 16 columns is on the paper.
    b.set_window_size(1280, 900).await.unwrap();
    b.goto(&t.at("/bases/mentees")).await.unwrap();
    b.wait().for_element(Locator::Id("base")).await.unwrap();
    let pdf = b.print(PrintConfiguration::default()).await.unwrap();
    let path = std::env::temp_dir().join(format!("nastavnik-print-{}.pdf", std::process::id()));
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (scripts/ensure-doc-tools.sh)");
    let text = String::from_utf8_lossy(&out.stdout);
    let _ = std::fs::remove_file(&path);
    let page_width = attr(&text, "<page ", "width").expect("a printed page");
    // The last header «Статус: ожидает пары / в паре / завершил / выбыл» ends with «выбыл».
    let last = text
        .lines()
        .find(|l| l.contains(">выбыл</word>"))
        .unwrap_or_else(|| panic!("the last column is not printed:\n{text}"));
    let right = attr(last, "<word ", "xMax").unwrap();
    assert!(
        right <= page_width,
        "the last column runs off the paper: {right} > {page_width}"
    );
    b.close().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}

/// The number in `name="…"` of the first element opened by `tag` in `xml`.
fn attr(xml: &str, tag: &str, name: &str) -> Option<f64> {
    let at = xml.find(tag)?;
    let rest = &xml[at..];
    let start = rest.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = rest[start..].find('"')? + start;
    rest[start..end].parse().ok()
}
