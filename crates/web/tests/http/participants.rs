//! Adding, validating, finding and editing participants through the pages and the API.

use reqwest::StatusCode;

use crate::helpers::{TestApp, each_backend, text_of};

fn pupil<'a>(last: &'a str, birth: &'a str, grade: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("last_name", last),
        ("first_name", "Алёна"),
        ("patronymic", "Игоревна"),
        ("birth_date", birth),
        ("kind", "student"),
        ("grade", grade),
        ("letter", "б"),
    ]
}

/// Fields to override, the field that must complain, and what it must say.
type Case = (Vec<(&'static str, String)>, &'static str, &'static str);

fn years_ago(y: i32) -> String {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    let d = today.with_year(today.year() - y).unwrap_or(today) - chrono::Days::new(30);
    d.format("%d.%m.%Y").to_string()
}

async fn add(t: &TestApp, c: &reqwest::Client, fields: &[(&str, &str)]) -> reqwest::Response {
    t.post(c, "/participants", fields).await
}

#[tokio::test]
async fn curator_adds_a_pupil_and_finds_them_ignoring_case_and_yo() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let birth = years_ago(13);
        let r = add(&t, &c, &pupil("Семёнова-Тян-Шанская", &birth, "7")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let card_url = r.headers()["location"].to_str().unwrap().to_string();
        let card = t.page(&c, &card_url).await;
        assert_eq!(text_of(&card, "person-name"), "Семёнова-Тян-Шанская Алёна Игоревна");
        assert!(
            text_of(&card, "gate").contains("Нет согласия родителя"),
            "minor without consent is blocked"
        );
        for q in ["семенова-тян", "СЕМЁНОВА", "Се\u{0308}менова", "алена игоревна"]
        {
            let page = t.search_participants(&c, q, &[]).await;
            assert!(
                page.contains(&format!("href=\"{card_url}\"")),
                "{}: search {q:?}",
                t.backend
            );
        }
        // Filters and pagination.
        let page = t.page(&c, "/participants?grade=7&category=student").await;
        assert!(page.contains(&format!("href=\"{card_url}\"")));
        let all = t.page(&c, "/participants").await;
        assert!(all.contains("rel=\"next\""), "more than 50 people → pages");
        let p2 = t.page(&c, "/participants?page=2").await;
        assert!(p2.contains("Страница 2 из"));
    })
    .await;
}

#[tokio::test]
async fn bad_input_gets_russian_messages_per_field_and_nothing_is_written() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let cases: Vec<Case> = vec![
            (
                vec![("birth_date", years_ago(9)), ("grade", "5".into())],
                "birth_date",
                "В программе участвуют обучающиеся 10–17 лет",
            ),
            (
                vec![("birth_date", years_ago(13)), ("grade", "12".into())],
                "grade",
                "Класс должен быть числом от 5 до 11",
            ),
            (
                vec![("birth_date", "01.01.2100".into()), ("grade", "7".into())],
                "birth_date",
                "не может быть в будущем",
            ),
            (
                vec![("birth_date", "31.02.2012".into()), ("grade", "7".into())],
                "birth_date",
                "не распознана",
            ),
            (
                vec![("last_name", "Ивaнoвa".into()), ("birth_date", years_ago(13))],
                "last_name",
                "латинские буквы, похожие на русские: ao",
            ),
            (
                vec![("last_name", "".into()), ("birth_date", years_ago(13))],
                "last_name",
                "Заполните поле «Фамилия»",
            ),
            (
                vec![("last_name", "Я".repeat(150_000)), ("birth_date", years_ago(13))],
                "last_name",
                "слишком длинное",
            ),
        ];
        let before = t.app.dashboard(&t.curator(t.school1)).await.unwrap().counts.total;
        for (over, field, msg) in cases {
            let mut f: Vec<(&str, String)> = pupil("Петрова", "", "7")
                .into_iter()
                .map(|(k, v)| (k, v.to_string()))
                .collect();
            for (k, v) in over {
                f.retain(|(fk, _)| *fk != k);
                f.push((k, v));
            }
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = add(&t, &c, &refs).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{} {field}", t.backend);
            let html = r.text().await.unwrap();
            let err = text_of(&html, &format!("{field}-err"));
            assert!(err.contains(msg), "{field}: {err:?} should say {msg:?}");
        }
        // A body over the limit gets a Russian page, not a dropped connection.
        let huge = "Я".repeat(1_000_000);
        let r = add(&t, &c, &[("last_name", huge.as_str())]).await;
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(r.text().await.unwrap().contains("Слишком большой запрос"));
        let after = t.app.dashboard(&t.curator(t.school1)).await.unwrap().counts.total;
        assert_eq!(before, after, "nothing half-written");
    })
    .await;
}

#[tokio::test]
async fn duplicates_are_caught_ignoring_yo_and_case() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let birth = years_ago(14);
        assert_eq!(
            add(&t, &c, &pupil("Ёлкина", &birth, "8")).await.status(),
            StatusCode::SEE_OTHER
        );
        let r = add(&t, &c, &pupil("елкина", &birth, "8")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text_of(&r.text().await.unwrap(), "last_name-err").contains("Такой участник уже есть"));
        // An 18-year-old pupil needs the curator's confirmation.
        let r = add(&t, &c, &pupil("Старшая", &years_ago(18), "11")).await;
        assert!(text_of(&r.text().await.unwrap(), "birth_date-err").contains("в порядке исключения"));
        let eighteen = years_ago(18);
        let mut f = pupil("Старшая", &eighteen, "11");
        f.push(("age_exception", "on"));
        assert_eq!(add(&t, &c, &f).await.status(), StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn api_creates_lists_and_explains_errors_with_stable_codes() {
    each_backend(|t| async move {
        let uid = t.user_id("curator").await;
        let token = t.app.issue_token(uid, domain::Role::Curator, t.school1, "t").await.unwrap();
        let http = reqwest::Client::new();
        let body = serde_json::json!({
            "last_name": "Кузнецов", "first_name": "Тимур", "birth_date": years_ago(12),
            "category": "student", "grade": 6
        });
        let r = http.post(t.at("/api/v1/participants")).bearer_auth(&token).json(&body).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CREATED, "{}", t.backend);
        let id = r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        let list: serde_json::Value = http
            .get(t.at("/api/v1/participants?q=кузнецов тимур"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(list["items"].as_array().unwrap().iter().any(|p| p["id"] == id));
        assert_eq!(list["items"][0]["consent"], "missing_guardian");
        let bad = serde_json::json!({"last_name": "", "first_name": "Тимур", "birth_date": "2030-01-01", "category": "student", "grade": 12});
        let r = http.post(t.at("/api/v1/participants")).bearer_auth(&token).json(&bad).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!(e["code"], "invalid");
        assert_eq!(e["field"], "last_name");
        let codes: Vec<&str> = e["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["err-required", "err-grade", "err-birth-future"]);
        let r = http.post(t.at("/api/v1/participants")).bearer_auth(&token).body("{not json").header("content-type", "application/json").send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json::<serde_json::Value>().await.unwrap()["code"], "bad_request");
        // The OpenAPI document describes the API.
        let doc: serde_json::Value = reqwest::get(t.at("/api/openapi.json")).await.unwrap().json().await.unwrap();
        assert!(doc["paths"]["/api/v1/participants"]["post"].is_object());
    })
    .await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_health_and_metrics_answer() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let r = c.get(t.at("/participants")).send().await.unwrap();
        let h = r.headers();
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["cache-control"], "no-store");
        assert_eq!(
            h["referrer-policy"], "same-origin",
            "other sites never see our addresses"
        );
        let html = r.text().await.unwrap();
        assert!(!html.contains("<script"), "no inline or remote script");
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no asset from another host"
        );
        assert_eq!(reqwest::get(t.at("/healthz")).await.unwrap().status(), StatusCode::OK);
        assert_eq!(reqwest::get(t.at("/metrics")).await.unwrap().status(), StatusCode::OK);
    })
    .await;
}

#[tokio::test]
async fn search_finds_words_in_any_order_without_names_in_urls() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let birth = years_ago(12);
        let r = add(&t, &c, &pupil("Андреева", &birth, "6")).await;
        let card_url = r.headers()["location"].to_str().unwrap().to_string();
        // The search form posts: the name is in the body, not in the address.
        let html = t.page(&c, "/participants").await;
        assert!(html.contains("action=\"/participants/search\" class=\"filters"));
        let r = t.post(&c, "/participants/search", &[("q", "алёна андреева")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let list = r.headers()["location"].to_str().unwrap().to_string();
        assert!(t.page(&c, &list).await.contains(&format!("href=\"{card_url}\"")), "{}", t.backend);
        // An old link past the last page shows the last page.
        let html = t.page(&c, "/participants?page=999").await;
        assert!(html.contains("<table id=\"participants\""));
        // A non-numeric id is «not found» in Russian, on pages and in the API.
        let r = c.get(t.at("/participants/abc")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.unwrap().contains("Страница не найдена"));
        let uid = t.user_id("curator").await;
        let token = t.app.issue_token(uid, domain::Role::Curator, t.school1, "t").await.unwrap();
        let http = reqwest::Client::new();
        let r = http.get(t.at("/api/v1/participants/abc")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.json::<serde_json::Value>().await.unwrap()["code"], "not_found");
        // A field of the wrong type is named.
        let body = serde_json::json!({"last_name": "А", "first_name": "Б", "birth_date": "2012-01-01", "category": "student", "grade": "7"});
        let r = http.post(t.at("/api/v1/participants")).bearer_auth(&token).json(&body).send().await.unwrap();
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("bad_request"), Some("grade")));
    })
    .await;
}
