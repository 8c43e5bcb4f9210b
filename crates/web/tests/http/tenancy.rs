//! No cross-school leaks: other schools' people answer 404, tokens stay in their school.

use reqwest::StatusCode;

use crate::helpers::each_backend;

#[tokio::test]
async fn a_curator_cannot_open_or_change_another_schools_person() {
    each_backend(|t| async move {
        let other = t.person_in(t.school2, "student").await;
        let c = t.login("curator").await;
        for path in [
            format!("/participants/{other}"),
            format!("/participants/{other}/edit"),
            format!("/participants/{other}/audit"),
        ] {
            assert_eq!(
                c.get(t.at(&path)).send().await.unwrap().status(),
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        let r = t
            .post(
                &c,
                &format!("/participants/{other}/consents"),
                &[
                    ("kind", "processing"),
                    ("given_on", "2025-09-01"),
                    ("document_ref", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // The list never shows the other school's people.
        let card = t.app.participant_card(&t.curator(t.school2), other).await.unwrap();
        let page = t.search_participants(&c, &card.person.last_name, &[]).await;
        assert!(
            !page.contains(&format!("/participants/{other}\"")),
            "{}: leaked",
            t.backend
        );
    })
    .await;
}

#[tokio::test]
async fn an_api_token_of_one_school_cannot_reach_another() {
    each_backend(|t| async move {
        let uid = t.user_id("curator").await;
        let token = t
            .app
            .issue_token(uid, domain::Role::Curator, t.school1, "t")
            .await
            .unwrap();
        let other = t.person_in(t.school2, "student").await;
        let http = reqwest::Client::new();
        let r = http
            .get(t.at(&format!("/api/v1/participants/{other}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["code"], "not_found");
        // A token for a role the account does not hold in that school is refused outright.
        assert!(
            t.app
                .issue_token(uid, domain::Role::Curator, t.school2, "t")
                .await
                .is_err()
        );
        // A forged token is 401.
        let r = http
            .get(t.at("/api/v1/participants"))
            .bearer_auth("nst_forged")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        // The municipal methodist sees counts, not the minors' cards.
        let m = t.login("methodist").await;
        let own = t.person_in(t.school1, "student").await;
        assert_eq!(
            m.get(t.at(&format!("/participants/{own}")))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::FORBIDDEN
        );
        let page = t.page(&m, "/municipality").await;
        assert!(page.contains("МБОУ СОШ № 17"));
    })
    .await;
}
