//! Smaller things a user sees: the way back from an error page, the QR code of the TOTP
//! setup, the link to the card a new participant would duplicate.

use reqwest::StatusCode;

use crate::helpers::{browser, csrf_in, each_backend, text_of};

/// The `href` of the element with `id`.
fn href(html: &str, id: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
    doc.select(&sel).next()?.value().attr("href").map(str::to_string)
}

#[tokio::test]
async fn an_error_page_leads_back_where_the_user_came_from() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let other = t.person_in(t.school2, "student").await;
        // Another school's card, opened from the second page of the list.
        let r = c
            .get(t.at(&format!("/participants/{other}")))
            .header("referer", t.at("/participants?page=2"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let html = r.text().await.unwrap();
        assert_eq!(
            href(&html, "error-back-to").as_deref(),
            Some("/participants?page=2"),
            "{}",
            t.backend
        );
        assert!(html.contains("href=\"/\""), "the home page stays offered");
        // Typed in by hand, or from another site: the section's list.
        let r = c
            .get(t.at(&format!("/participants/{other}/edit")))
            .header("referer", "https://elsewhere.example/participants?page=9")
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert_eq!(href(&html, "error-back-to").as_deref(), Some("/participants"));
        let html = t.page(&c, "/bases/mentees/999999").await;
        assert_eq!(href(&html, "error-back-to").as_deref(), Some("/bases/mentees"));
        // Browsers send the page they came from to our own pages only.
        let r = c.get(t.at("/participants")).send().await.unwrap();
        assert_eq!(r.headers()["referrer-policy"], "same-origin");
    })
    .await;
}

/// The dark cells of the QR code in an inline SVG as the `qrcode` crate draws it: one path
/// of rectangles `M{x} {y}h{w}v{h}H{x}V{y}` over a `width` × `height` canvas.
fn decode_qr(svg: &str) -> String {
    let attr = |name: &str| -> usize {
        let at = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (w, h) = (attr("width"), attr("height"));
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut dark = vec![false; w * h];
    for rect in d.split('M').filter(|s| !s.is_empty()) {
        let nums: Vec<usize> = rect
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, rw, rh) = (nums[0], nums[1], nums[2], nums[3]);
        for yy in y..y + rh {
            for xx in x..x + rw {
                dark[yy * w + xx] = true;
            }
        }
    }
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w, h, |x, y| dark[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn totp_setup_shows_a_qr_code_drawn_here() {
    each_backend(|t| async move {
        let c = browser();
        let r = t.post_login(&c, "admin", "demo").await;
        assert_eq!(r.headers()["location"], "/account/totp", "{}", t.backend);
        let page = t.page(&c, "/account/totp").await;
        let secret = text_of(&page, "totp-secret");
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse("svg#totp-qr").unwrap();
        let svg = doc.select(&sel).next().expect("a QR code in the page").html();
        let uri = decode_qr(&svg);
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(
            uri.contains(&format!("secret={secret}")),
            "the code holds the secret shown: {uri}"
        );
        assert!(
            !page.contains("<img") && !page.contains("<script"),
            "drawn in the page, no outside service"
        );
        assert!(text_of(&page, "totp-qr-label").contains("Наведите камеру"));
        // The code still sets the second factor up.
        let code = app::auth::totp_code(&secret).unwrap();
        let r = c
            .post(t.at("/account/totp"))
            .form(&[("_csrf", csrf_in(&page).as_str()), ("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn a_duplicate_participant_links_to_the_existing_card() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let fields = [
            ("last_name", "Ёлкина"),
            ("first_name", "Алёна"),
            ("patronymic", "Игоревна"),
            ("birth_date", "12.04.2012"),
            ("kind", "student"),
            ("grade", "8"),
            ("letter", "б"),
        ];
        let r = t.post(&c, "/participants", &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let card = r.headers()["location"].to_str().unwrap().to_string();
        let mut again = fields.to_vec();
        again[0] = ("last_name", "елкина");
        let r = t.post(&c, "/participants", &again).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("#form-errors a").unwrap();
        let links: Vec<_> = doc.select(&sel).filter_map(|a| a.value().attr("href")).collect();
        assert_eq!(links, [card.as_str()], "the summary opens the existing card");
        // Other messages still point at their fields.
        let mut bad = fields.to_vec();
        bad[5] = ("grade", "13");
        let html = t.post(&c, "/participants", &bad).await.text().await.unwrap();
        let doc = scraper::Html::parse_document(&html);
        let links: Vec<_> = doc.select(&sel).filter_map(|a| a.value().attr("href")).collect();
        assert_eq!(links, ["#grade"]);
    })
    .await;
}
