//! A pin over someone the order already paired, on every backend: a mentee in an active
//! pair (a second pair of the same form) and a mentor whose places the order took are
//! refused with their names and nothing changes; a stranger stays 404.

use reqwest::StatusCode;

use crate::helpers::{each_backend, version};

fn options(html: &str, select: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{select} option")).unwrap();
    doc.select(&sel)
        .filter_map(|o| o.value().attr("value").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn a_second_pair_or_a_full_mentor_is_refused_by_name() {
    each_backend(|t| async move {
        t.app.seed_demo_pairing().await.unwrap();
        let c = t.login("curator").await;
        let draft = t.page(&c, "/pairing/2").await;
        let (mentees, mentors) = (options(&draft, "move-mentee"), options(&draft, "move-mentor"));
        let uid = t.user_id("curator").await;
        let token = t
            .app
            .issue_token(uid, domain::Role::Curator, t.school1, "t")
            .await
            .unwrap();
        let pairs: serde_json::Value = reqwest::Client::new()
            .get(t.at("/api/v1/pairs"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let pairs = pairs.as_array().unwrap();
        let paired = pairs[0]["mentees"][0]["id"].as_i64().unwrap().to_string();
        let paired_name = pairs[0]["mentees"][0]["name"].as_str().unwrap().to_string();
        let before = t.page(&c, "/pairing/2").await;

        // A mentee of an approved pair: a second pair of the same form is refused by name.
        let r = t
            .post(
                &c,
                "/pairing/2/decide",
                &[("mentee", &paired), ("mentor", &mentors[0]), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&format!("{paired_name} уже в паре по приказу (форма «")),
            "{}: {body}",
            t.backend
        );

        // A mentor whose places the order took.
        let full = pairs
            .iter()
            .find(|p| !mentors.contains(&p["mentor"]["id"].as_i64().unwrap().to_string()))
            .expect("a mentor with no place left");
        let (mentor, name) = (
            full["mentor"]["id"].as_i64().unwrap().to_string(),
            full["mentor"]["name"].as_str().unwrap().to_string(),
        );
        let r = t
            .post(
                &c,
                "/pairing/2/decide",
                &[("mentee", &mentees[0]), ("mentor", &mentor), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&format!("У наставника {name} все места заняты парами по приказу")),
            "{}: {body}",
            t.backend
        );

        // Nothing changed; a stranger is still no one.
        let after = t.page(&c, "/pairing/2").await;
        let decisions = |html: &str| html.contains("id=\"decisions\"");
        assert_eq!(decisions(&before), decisions(&after), "{}", t.backend);
        let stranger = t.person_in(t.school2, "teacher").await.to_string();
        let r = t
            .post(
                &c,
                "/pairing/2/decide",
                &[("mentee", &stranger), ("mentor", &mentors[0]), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn two_rounds_sent_over_the_same_mentees_cannot_both_be_approved() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let mut rounds = Vec::new();
        for _ in 0..2 {
            let r = t.post(&c, "/pairing", &[]).await;
            let at = r.headers()["location"].to_str().unwrap().to_string();
            let page = t.page(&c, &at).await;
            let r = t.post(&c, &format!("{at}/send"), &[("version", &version(&page))]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
            rounds.push(at);
        }
        let head = t.login("head").await;
        let r = t.post(&head, &format!("{}/approve", rounds[0]), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        // The second round names the mentees the first order paired; nothing is approved.
        let r = t.post(&head, &format!("{}/approve", rounds[1]), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(body.contains("уже в паре по приказу (форма «"), "{}: {body}", t.backend);
        let page = t.page(&head, &rounds[1]).await;
        assert!(
            page.contains("на утверждении") && !page.contains("id=\"order\""),
            "{}",
            t.backend
        );
    })
    .await;
}
