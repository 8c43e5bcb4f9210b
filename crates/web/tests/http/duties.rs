//! A teacher-mentor's consent to the added duties, on every backend: the curator records
//! and withdraws it on the card; the head's approval of pairs refuses while a teacher
//! mentor has none and names them; a future date, a pupil and another school's teacher are
//! refused; recorded again, the approval goes through.

use reqwest::StatusCode;

use crate::helpers::{each_backend, options, version};

fn text(html: &str, css: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn the_order_needs_every_teacher_mentors_consent_to_the_added_duties() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let r = t.post(&c, "/pairing", &[]).await;
        let at = r.headers()["location"].to_str().unwrap().to_string();
        let page = t.page(&c, &at).await;
        // A teacher mentor of the proposal (a position, not a class, after the name).
        let proposed = text(&page, "#proposal td[rowspan] strong");
        let (teacher, label) = options(&page, "move-mentor")
            .into_iter()
            .find(|(_, l)| {
                let (name, place) = l.split_once(", ").unwrap_or((l, ""));
                proposed.contains(name) && !place.starts_with(|c: char| c.is_ascii_digit())
            })
            .expect("a teacher mentor in the proposal");
        let name = label.split(", ").next().unwrap().to_string();
        let card = format!("/participants/{teacher}");
        assert!(t.page(&c, &card).await.contains("Дано "), "{}", t.backend);
        let r = t.post(&c, &format!("{at}/send"), &[("version", &version(&page))]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);

        // The teacher withdraws the consent; the card says so.
        let r = t.post(&c, &format!("{card}/duties/withdraw"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        assert!(
            text(&t.page(&c, &card).await, "#duties-state").starts_with("Отозвано"),
            "{}",
            t.backend
        );
        let r = t.post(&c, &format!("{card}/duties/withdraw"), &[]).await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}: nothing to withdraw",
            t.backend
        );

        // The head sees it and the approval names the teacher; nothing is approved.
        let head = t.login("head").await;
        let sent = t.page(&head, &at).await;
        assert!(
            text(&sent, "#sent").contains("нет согласия на дополнительные обязанности"),
            "{}",
            t.backend
        );
        let r = t.post(&head, &format!("{at}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let errors = text(&r.text().await.unwrap(), "#round-errors");
        assert!(
            errors.contains(&format!(
                "{name}: нет действующего согласия педагога на возложение дополнительных обязанностей"
            )),
            "{}: {errors}",
            t.backend
        );
        assert!(!t.page(&head, &at).await.contains("id=\"order\""), "{}", t.backend);

        // Bad records are refused and change nothing.
        let r = t
            .post(&c, &format!("{card}/duties"), &[("given_on", "01.01.2099")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(r.text().await.unwrap().contains("позже сегодняшней"), "{}", t.backend);
        let pupil = t.person_in(t.school1, "student").await;
        let r = t
            .post(
                &c,
                &format!("/participants/{pupil}/duties"),
                &[("given_on", "01.09.2026")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let stranger = t.person_in(t.school2, "teacher").await;
        let r = t
            .post(
                &c,
                &format!("/participants/{stranger}/duties"),
                &[("given_on", "01.09.2026")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);

        // Signed again: the approval goes through, and both changes are in the trail.
        let today = chrono::Utc::now()
            .date_naive()
            .pred_opt()
            .unwrap()
            .format("%d.%m.%Y")
            .to_string();
        let r = t.post(&c, &format!("{card}/duties"), &[("given_on", &today)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let r = t.post(&head, &format!("{at}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let trail = t.page(&c, &format!("{card}/audit")).await;
        assert!(
            trail.contains("отозвано согласие педагога") && trail.contains("записано согласие педагога"),
            "{}",
            t.backend
        );
    })
    .await;
}
