//! Two people acting on one round at the same moment, on every backend: two sends of the
//! same version give one sent proposal; two approvals (two heads, or a double submit) give
//! one order number and no pair twice, and the second is told the round is approved.

use reqwest::StatusCode;

use crate::helpers::{each_backend, version};

#[tokio::test]
async fn two_sends_and_two_approvals_at_once_give_one_proposal_one_order_and_no_pair_twice() {
    each_backend(|t| async move {
        let (c1, c2) = (t.login("curator").await, t.login("curator").await);
        let r = t.post(&c1, "/pairing", &[]).await;
        let at = r.headers()["location"].to_str().unwrap().to_string();
        let page = t.page(&c1, &at).await;
        let v = version(&page);
        let send = format!("{at}/send");
        let form = [("version", v.as_str())];
        let (a, b) = tokio::join!(t.post(&c1, &send, &form), t.post(&c2, &send, &form));
        let mut codes = [a.status(), b.status()];
        codes.sort();
        assert_eq!(
            codes,
            [StatusCode::SEE_OTHER, StatusCode::UNPROCESSABLE_ENTITY],
            "{}",
            t.backend
        );

        let (h1, h2) = (t.login("head").await, t.login("head").await);
        let approve = format!("{at}/approve");
        let (a, b) = tokio::join!(t.post(&h1, &approve, &[]), t.post(&h2, &approve, &[]));
        let (ok, refused) = if a.status() == StatusCode::SEE_OTHER {
            (a, b)
        } else {
            (b, a)
        };
        assert_eq!(ok.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = refused.text().await.unwrap();
        assert!(body.contains("Подбор не на утверждении"), "{}: {body}", t.backend);

        let page = t.page(&c1, &at).await;
        assert!(page.contains("Приказ № 1 "), "{}: {page}", t.backend);
        let doc = scraper::Html::parse_document(&page);
        let rows = scraper::Selector::parse("#sent tbody tr").unwrap();
        let sent = doc.select(&rows).count();
        let mut conn = t.app.store.read().await.unwrap();
        let year = i64::from(chrono::Datelike::year(&chrono::Utc::now().date_naive()));
        // The school's year may already be the next one where it is past midnight.
        let mut orders = 0;
        for y in [year, year + 1] {
            orders += storage::repo::orders::next_number(&mut conn, t.school1, y)
                .await
                .unwrap()
                - 1;
        }
        assert_eq!(orders, 1, "{}: one order in the register", t.backend);
        let paired: u32 = storage::repo::pairing::mentees_per_mentor(&mut conn, t.school1)
            .await
            .unwrap()
            .values()
            .sum();
        assert_eq!(paired as usize, sent, "{}: every mentee sent is paired once", t.backend);
        drop(conn);
        // The API lists the same pairs and groups, each mentee once.
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
        let mut mentees: Vec<i64> = pairs
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                p["mentees"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["id"].as_i64().unwrap())
            })
            .collect();
        assert_eq!(mentees.len(), sent, "{}: {pairs}", t.backend);
        mentees.sort_unstable();
        mentees.dedup();
        assert_eq!(mentees.len(), sent, "{}", t.backend);
        assert!(
            pairs[0]["mentor"]["name"].as_str().unwrap().split(' ').count() >= 2,
            "{}",
            t.backend
        );
    })
    .await;
}
