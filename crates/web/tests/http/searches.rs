//! A list's name search, on every backend: the search box posts, the answer is a 303 to the
//! list's URL with an opaque id instead of the name (so Back and reload work and a filtered
//! list can be bookmarked), the id works only for the account that searched, and an
//! expired id says so on the page.

use reqwest::StatusCode;

use crate::helpers::{TestApp, each_backend, text_of};

/// The first name-like cell of a list's table (`table` is its id).
fn first_name_in(html: &str, table: &str, column: usize) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{table} tbody tr td:nth-child({column})")).unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

/// The value of the search box.
fn search_box(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input#q").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_default()
        .to_string()
}

/// Posts a search and checks the redirect; the Location.
async fn search(t: &TestApp, c: &reqwest::Client, list: &str, name: &str, filter: (&str, &str)) -> String {
    let surname = name.split_whitespace().next().unwrap();
    let r = t.post(c, &format!("{list}/search"), &[("q", surname), filter]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}: {list}", t.backend);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("{list}?")), "{location}");
    assert!(location.contains("s="), "{location}");
    let kept = format!("{}={}", filter.0, filter.1);
    assert!(location.contains(&kept), "other filters stay as they are: {location}");
    let encoded = serde_urlencoded::to_string([("q", surname)]).unwrap();
    let lower = location.to_lowercase();
    for part in name.split_whitespace() {
        let enc = serde_urlencoded::to_string([("q", part)]).unwrap();
        assert!(
            !location.contains(part) && !lower.contains(&enc[2..].to_lowercase()),
            "{}: no part of the name in {location}",
            t.backend
        );
    }
    assert!(!lower.contains(&encoded[2..].to_lowercase()));
    location
}

#[tokio::test]
async fn a_searched_name_stays_out_of_urls_and_the_list_reloads_for_its_owner_only() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let other = t.login("coordinator").await;
        // (list, table id, column of the name, a filter that is no name)
        for (list, table, column, filter) in [
            ("/participants", "participants", 1, ("withdrawn", "1")),
            ("/bases/mentors", "base", 2, ("sort", "-name")),
            ("/bases/mentees", "base", 2, ("sort", "-name")),
        ] {
            let all = t.page(&c, &format!("{list}?{}={}", filter.0, filter.1)).await;
            let name = first_name_in(&all, table, column);
            assert!(!name.is_empty(), "{}: {list} has rows", t.backend);
            let everyone = text_of(&all, "found");

            let location = search(&t, &c, list, &name, filter).await;
            // The list at that URL is filtered by the name, on every reload.
            for _ in 0..2 {
                let r = c.get(t.at(&location)).send().await.unwrap();
                assert_eq!(r.status(), StatusCode::OK, "{}: {location}", t.backend);
                let html = r.text().await.unwrap();
                assert!(html.contains(&name), "{}: {list} lists {name}", t.backend);
                assert_eq!(search_box(&html), name.split_whitespace().next().unwrap());
                assert_ne!(text_of(&html, "found"), everyone, "{}: {list} is filtered", t.backend);
                assert!(!html.contains("id=\"search-expired\""));
            }
            // The same search again gives the same URL (a bookmark stays one).
            assert_eq!(search(&t, &c, list, &name, filter).await, location, "{}", t.backend);

            // Another account with the same URL does not get the search.
            let r = other.get(t.at(&location)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let html = r.text().await.unwrap();
            assert_eq!(search_box(&html), "", "{}: {list}", t.backend);
            assert_eq!(text_of(&html, "found"), everyone, "{}: {list} unfiltered", t.backend);
            assert!(html.contains("id=\"search-expired\""), "{}: {list} says why", t.backend);
        }

        // An expired search: the list says so in Russian and shows everyone.
        let all = t.page(&c, "/participants?withdrawn=1").await;
        let name = first_name_in(&all, "participants", 1);
        let location = search(&t, &c, "/participants", &name, ("withdrawn", "1")).await;
        let mut tx = t.app.store.begin().await.unwrap();
        storage::testing::expire_jobs_and_searches(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        let html = t.page(&c, &location).await;
        assert!(
            text_of(&html, "search-expired").contains("больше не действует"),
            "{}",
            t.backend
        );
        assert_eq!(text_of(&html, "found"), text_of(&all, "found"));
        // A blank search is the plain list's URL with its filters.
        let r = t
            .post(&c, "/participants/search", &[("q", " "), ("category", "student")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/participants?category=student");
    })
    .await;
}
