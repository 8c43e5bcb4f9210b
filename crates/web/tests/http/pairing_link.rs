//! The personal link to a mentee's choice, on every backend: the curator offers a minor
//! mentee a choice and issues the link (shown once, to the guardian); it opens without an
//! account and names the pupil by first name and initial only; a mentor not offered is
//! no one; the choice becomes a pin and closes the link; a second use, a garbage token and
//! a link before any offer are refused.

use reqwest::StatusCode;

use crate::helpers::{browser, csrf_in, each_backend};

fn input_value(html: &str, id: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_guardian_without_an_account_chooses_by_link_once() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let r = t.post(&c, "/pairing", &[]).await;
        let at = r.headers()["location"].to_str().unwrap().to_string();
        let uid = t.user_id("mentee").await;
        let child = {
            let mut conn = t.app.store.read().await.unwrap();
            storage::repo::users::get_user(&mut conn, uid)
                .await
                .unwrap()
                .unwrap()
                .person_id
                .unwrap()
        }
        .to_string();
        // No link before an offer.
        let r = t.post(&c, &format!("{at}/offer-link"), &[("mentee", &child)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(r.text().await.unwrap().contains("Сначала предложите"), "{}", t.backend);
        let r = t.post(&c, &format!("{at}/offer"), &[("mentee", &child)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let r = t.post(&c, &format!("{at}/offer-link"), &[("mentee", &child)]).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("(мать)") || page.contains("(отец)"),
            "{}: to the guardian: {page}",
            t.backend
        );
        let url = input_value(&page, "link");
        let path = url
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
            .unwrap();
        assert!(path.starts_with("/c/") && path.len() == 3 + 64, "{}: {url}", t.backend);

        // The guardian opens it without signing in.
        let g = browser();
        let html = g.get(t.at(&path)).send().await.unwrap().text().await.unwrap();
        let card = t.page(&c, &format!("/participants/{child}")).await;
        let full = {
            let doc = scraper::Html::parse_document(&card);
            let sel = scraper::Selector::parse("h1").unwrap();
            doc.select(&sel).next().unwrap().text().collect::<String>()
        };
        let mut parts = full.split_whitespace();
        let (last, first) = (parts.next().unwrap(), parts.next().unwrap());
        let initial: String = last.chars().take(1).collect();
        assert!(html.contains(&format!("{first} {initial}.")), "{}: {html}", t.backend);
        assert!(!html.contains(last), "{}: the surname is not shown", t.backend);
        assert!(html.contains("Выбрать этого наставника"), "{}", t.backend);
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse(".candidates input[name=mentor]").unwrap();
        let mentor = doc
            .select(&sel)
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_string();
        let token = csrf_in(&html);

        // A mentor who was not offered is no one; the link stays open.
        let stranger = t.person_in(t.school2, "teacher").await.to_string();
        let r = g
            .post(t.at(&path))
            .form(&[("_csrf", token.as_str()), ("mentor", stranger.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = g
            .post(t.at(&path))
            .form(&[("_csrf", token.as_str()), ("mentor", mentor.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        assert!(r.text().await.unwrap().contains("Выбор сохранён"), "{}", t.backend);

        // Once: the link is closed; a garbage token is unknown.
        let r = g.get(t.at(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::GONE, "{}", t.backend);
        let r = g.get(t.at("/c/not-a-token")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);

        // The choice is a pin of the round, in the pupil's trail.
        let round = t.page(&c, &at).await;
        let doc = scraper::Html::parse_document(&round);
        let sel = scraper::Selector::parse("#decisions").unwrap();
        let decisions: String = doc.select(&sel).next().unwrap().text().collect();
        assert!(decisions.contains("закреплена пара"), "{}: {decisions}", t.backend);
        let trail = t.page(&c, &format!("/participants/{child}/audit")).await;
        assert!(
            trail.contains("выбор наставника по личной ссылке"),
            "{}: {trail}",
            t.backend
        );
    })
    .await;
}

fn select_options(html: &str, select: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{select} option")).unwrap();
    doc.select(&sel)
        .filter_map(|o| {
            let v = o.value().attr("value")?.to_string();
            (!v.is_empty()).then(|| (v, o.text().collect::<String>()))
        })
        .collect()
}

#[tokio::test]
async fn an_attendee_ranks_by_link_among_those_who_came_once() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let r = t.post(&c, "/pairing", &[]).await;
        let at = r.headers()["location"].to_str().unwrap().to_string();
        let page = t.page(&c, &at).await;
        let mentees = select_options(&page, "move-mentee");
        let mentors = select_options(&page, "move-mentor");
        let (a, m1, m2, absent) = (&mentees[0], &mentors[0], &mentors[1], &mentors[2]);
        let r = t
            .post(
                &c,
                &format!("{at}/meeting"),
                &[("present", &a.0), ("present", &m1.0), ("present", &m2.0)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        // No link for someone who was not at the meeting.
        let r = t.post(&c, &format!("{at}/rank-link"), &[("person", &absent.0)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let r = t.post(&c, &format!("{at}/rank-link"), &[("person", &a.0)]).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        let url = input_value(&r.text().await.unwrap(), "link");
        let path = url
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
            .unwrap();
        assert!(path.starts_with("/r/"), "{}: {url}", t.backend);

        // The attendee opens it: only the mentors who came are offered.
        let g = browser();
        let html = g.get(t.at(&path)).send().await.unwrap().text().await.unwrap();
        let offered: Vec<String> = select_options(&html, "r-first").into_iter().map(|(v, _)| v).collect();
        let mut came = vec![m1.0.clone(), m2.0.clone()];
        came.sort();
        let mut offered_sorted = offered.clone();
        offered_sorted.sort();
        assert_eq!(offered_sorted, came, "{}", t.backend);
        let token = csrf_in(&html);
        // A tampered choice of someone absent is refused by name; the link stays open.
        let r = g
            .post(t.at(&path))
            .form(&[("_csrf", token.as_str()), ("first", absent.0.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let name = absent.1.split(", ").next().unwrap();
        assert!(
            r.text()
                .await
                .unwrap()
                .contains(&format!("{name} не был(а) на общей встрече")),
            "{}",
            t.backend
        );
        let r = g
            .post(t.at(&path))
            .form(&[
                ("_csrf", token.as_str()),
                ("first", m2.0.as_str()),
                ("second", m1.0.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        assert!(r.text().await.unwrap().contains("Выбор сохранён"), "{}", t.backend);
        assert_eq!(
            g.get(t.at(&path)).send().await.unwrap().status(),
            StatusCode::GONE,
            "{}",
            t.backend
        );

        // The round has the ranking, and the trail says it came by link.
        let page = t.page(&c, &at).await;
        let (an, n2, n1) = (
            a.1.split(", ").next().unwrap(),
            m2.1.split(", ").next().unwrap(),
            m1.1.split(", ").next().unwrap(),
        );
        assert!(page.contains(&format!("{an}: {n2} → {n1}")), "{}", t.backend);
        let trail = t.page(&c, &format!("/participants/{}/audit", a.0)).await;
        assert!(
            trail.contains("выбор участника после общей встречи по личной ссылке"),
            "{}",
            t.backend
        );
    })
    .await;
}
