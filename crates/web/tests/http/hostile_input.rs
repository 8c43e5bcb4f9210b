//! Hostile or odd input through the pages and the API: Unicode forms of the same letters,
//! invisible characters, Latin look-alikes in a search, fields a role may not set, and
//! unknown fields of the JSON API.

use reqwest::StatusCode;

use crate::helpers::{TestApp, each_backend, text_of};

fn years_ago(y: i32) -> String {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    let d = today.with_year(today.year() - y).unwrap_or(today) - chrono::Days::new(30);
    d.format("%d.%m.%Y").to_string()
}

#[tokio::test]
async fn unicode_forms_of_a_name_are_one_name_in_the_form_the_api_and_the_search() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let birth = years_ago(13);
        // «й» typed as «и» + combining breve, with a zero-width space and a soft hyphen.
        let fields = [
            ("last_name", "Андреи\u{0306}\u{200B}чук\u{00AD}"),
            ("first_name", "\u{FEFF}Ксения"),
            ("patronymic", "Ильинична"),
            ("birth_date", birth.as_str()),
            ("kind", "student"),
            ("grade", "7"),
            ("letter", "б"),
        ];
        let r = t.post(&c, "/participants", &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let card_url = r.headers()["location"].to_str().unwrap().to_string();
        let card = t.page(&c, &card_url).await;
        assert_eq!(text_of(&card, "person-name"), "Андрейчук Ксения Ильинична");
        // Found however the letters are typed: NFD, Latin look-alikes, an invisible character.
        for q in [
            "Андреи\u{0306}чук",
            "Aндpeйчук Kсeния",
            "андрей\u{200D}чук",
            "Андрейчук",
        ] {
            let page = t.search_participants(&c, q, &[]).await;
            assert!(
                page.contains(&format!("href=\"{card_url}\"")),
                "{}: search {q:?}",
                t.backend
            );
        }
        // A direction override is named, not removed and not called «not Russian letters».
        let mut bad = fields.to_vec();
        bad[1] = ("first_name", "\u{202E}яинесК");
        let r = t.post(&c, "/participants", &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        let msg = text_of(&html, "first_name-err");
        assert!(msg.contains("невидимый символ") && msg.contains("U+202E"), "{msg}");

        // The API: the same normalization, and its search folds the same look-alikes.
        let uid = t.user_id("curator").await;
        let token = t
            .app
            .issue_token(uid, domain::Role::Curator, t.school1, "t")
            .await
            .unwrap();
        let http = reqwest::Client::new();
        let body = serde_json::json!({
            "last_name": "Зуи\u{0306}ков\u{2060}", "first_name": "Тимур", "birth_date": years_ago(12),
            "category": "student", "grade": 6
        });
        let r = http
            .post(t.at("/api/v1/participants"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{}", t.backend);
        let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        let list = api_search(&t, &http, &token, "Зyйкoв").await;
        let items = list["items"].as_array().unwrap();
        assert!(items.iter().any(|p| p["id"] == id), "{list}");
        assert!(items.iter().any(|p| p["last_name"] == "Зуйков"), "{list}");
    })
    .await;
}

#[tokio::test]
async fn a_parent_cannot_pass_a_request_off_as_the_psychologists() {
    each_backend(|t| async move {
        let parent = t.login("guardian").await;
        let problem = "Не хочет ходить в школу по понедельникам";
        let r = t
            .post(
                &parent,
                "/referrals",
                &[
                    ("subject", "Иванов Пётр"),
                    ("problem", problem),
                    ("source", "psychologist"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        // The curator sees the request as the parents', whatever the form said.
        let c = t.login("curator").await;
        let list = t.page(&c, "/referrals").await;
        let doc = scraper::Html::parse_document(&list);
        let rows = scraper::Selector::parse("#referrals tbody tr").unwrap();
        let row = doc
            .select(&rows)
            .map(|r| r.text().collect::<String>())
            .find(|r| r.contains(problem))
            .expect("the request is listed");
        assert!(row.contains("родители") && !row.contains("психолог"), "{row}");
    })
    .await;
}

#[tokio::test]
async fn the_api_refuses_fields_it_does_not_take_and_names_them() {
    each_backend(|t| async move {
        let uid = t.user_id("curator").await;
        let token = t.app.issue_token(uid, domain::Role::Curator, t.school1, "t").await.unwrap();
        let http = reqwest::Client::new();
        let body = serde_json::json!({
            "last_name": "Лебедев", "first_name": "Тимур", "birth_date": years_ago(12),
            "category": "student", "grade": 6, "org_id": 2
        });
        let r = http.post(t.at("/api/v1/participants")).bearer_auth(&token).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!(e["code"], "unknown_field");
        assert_eq!(e["field"], "org_id");
        assert!(e["message"].as_str().unwrap().starts_with("Неизвестное поле «org_id»"), "{e}");
        // Nothing was written.
        let list = api_search(&t, &http, &token, "лебедев тимур").await;
        assert_eq!(list["total"], 0, "{list}");

        // Every input type: a consent, a guardian link, a withdrawal.
        let id = t.person_in(t.school1, "student").await;
        let cases = [
            (
                format!("/api/v1/participants/{id}/consents"),
                serde_json::json!({"kind": "processing", "given_on": "2025-09-01", "document_ref": "1", "verified": true}),
                "verified",
            ),
            (
                format!("/api/v1/participants/{id}/guardians"),
                serde_json::json!({"guardian_id": 1, "relation": "мать", "authority_doc": "", "school": 1}),
                "school",
            ),
            (
                format!("/api/v1/participants/{id}/consents/1/withdraw"),
                serde_json::json!({"reason": "", "withdrawn_on": "2020-01-01"}),
                "withdrawn_on",
            ),
        ];
        for (path, body, field) in cases {
            let r = http.post(t.at(&path)).bearer_auth(&token).json(&body).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            let e: serde_json::Value = r.json().await.unwrap();
            assert_eq!(e["field"], field, "{path}: {e}");
        }
    })
    .await;
}

/// The API's participant list searched for `q`.
async fn api_search(t: &TestApp, http: &reqwest::Client, token: &str, q: &str) -> serde_json::Value {
    http.get(t.at("/api/v1/participants"))
        .query(&[("q", q)])
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}
