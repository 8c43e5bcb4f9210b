//! Pairing rounds over HTTP, on every backend: the curator starts a round over the demo
//! school's bases and reads every pair with the terms of its score; a weight change
//! re-runs in place; bad weights, a stale form, a pin against the model's rules and a
//! group beyond the mentor's places are refused with a message naming what is wrong; a
//! pin moves a mentee, an exclusion takes a pair out; another school's round and people
//! answer 404; every change is in the audit trail.

use reqwest::StatusCode;

use crate::helpers::{TestApp, each_backend, options, version};

/// (person id, «name, place») of a select on the round page.
/// The proposal's rows as text: «mentor | mentee | score | terms».
fn proposal(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let rows = scraper::Selector::parse("#proposal tbody tr").unwrap();
    let cells = scraper::Selector::parse("td").unwrap();
    let mut mentor = String::new();
    let mut out = Vec::new();
    for r in doc.select(&rows) {
        let text = |c: scraper::ElementRef| {
            c.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let tds: Vec<scraper::ElementRef> = r.select(&cells).collect();
        // A group's first row carries the mentor's cell across its rows.
        let rest = match tds.first() {
            Some(first) if first.value().attr("rowspan").is_some() => {
                mentor = text(*first);
                &tds[1..]
            }
            _ => &tds[..],
        };
        out.push(format!(
            "{mentor} | {}",
            rest.iter().map(|c| text(*c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

async fn start(t: &TestApp, c: &reqwest::Client) -> (i64, String) {
    let r = t.post(c, "/pairing", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let at = r.headers()["location"].to_str().unwrap().to_string();
    let id = at.rsplit('/').next().unwrap().parse().unwrap();
    (id, t.page(c, &at).await)
}

fn weights_form<'a>(version: &'a str, over: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("version", version),
        ("objective", "score"),
        ("competences", "300"),
        ("subjects", "200"),
        ("interests", "100"),
        ("same_school", "100"),
        ("age_fit", "100"),
        ("availability", "100"),
        ("meeting", "50"),
        ("mutual_choice", "50"),
    ];
    for (k, v) in over {
        f.retain(|(name, _)| name != k);
        f.push((k, v));
    }
    f
}

#[tokio::test]
async fn the_curator_runs_a_round_reads_every_term_and_changes_a_weight() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        assert!(
            t.page(&c, "/pairing").await.contains("Подборов пар ещё не было"),
            "{}",
            t.backend
        );
        let (id, page) = start(&t, &c).await;
        let rows = proposal(&page);
        assert!(!rows.is_empty(), "{}: {page}", t.backend);
        // Every pair says why, term by term, with points out of the weight.
        assert!(
            rows.iter().all(|r| r.contains("Одна школа — 100 из 100")),
            "{}: {rows:?}",
            t.backend
        );
        assert!(page.contains("Ожидают пары: наставляемых —"), "{}", t.backend);
        // Each mentee left out has a reason in words.
        let doc = scraper::Html::parse_document(&page);
        let left = scraper::Selector::parse("#left li").unwrap();
        for li in doc.select(&left) {
            let text: String = li.text().collect();
            // The waiting list says since when.
            assert!(text.contains("ждёт пары с "), "{}: {text}", t.backend);
            assert!(
                text.split_once(": ").is_some_and(|(_, why)| why.len() > 10),
                "{}: {text}",
                t.backend
            );
        }
        assert!(
            t.page(&c, "/pairing").await.contains(&format!("/pairing/{id}")),
            "{}",
            t.backend
        );

        // The same school no longer counts: the proposal is re-run in place.
        let v = version(&page);
        let form = weights_form(&v, &[("same_school", "0"), ("competences", "400")]);
        let r = t.post(&c, &format!("/pairing/{id}/settings"), &form).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let rows = proposal(&page);
        assert!(
            rows.iter().all(|r| !r.contains("Одна школа")),
            "{}: {rows:?}",
            t.backend
        );
        assert!(page.contains("value=\"400\""), "{}", t.backend);

        // A form shown before that change is refused, not applied over it.
        let r = t
            .post(&c, &format!("/pairing/{id}/settings"), &weights_form(&v, &[]))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(
            r.text().await.unwrap().contains("изменил другой пользователь"),
            "{}",
            t.backend
        );

        // Bad weights name the criterion and the value; nothing changes.
        let v = version(&page);
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/settings"),
                &weights_form(&v, &[("subjects", "-5")]),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Вес «Предмет»: «-5» — не число баллов"),
            "{}: {body}",
            t.backend
        );
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/settings"),
                &weights_form(&v, &[("meeting", "900")]),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(
            r.text().await.unwrap().contains("Сумма весов больше 1000"),
            "{}",
            t.backend
        );
        assert_eq!(
            version(&t.page(&c, &format!("/pairing/{id}")).await),
            v,
            "{}",
            t.backend
        );
    })
    .await;
}

#[tokio::test]
async fn pins_moves_groups_and_exclusions_follow_the_rules_of_the_model() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let mentees = options(&page, "move-mentee");
        let mentors = options(&page, "move-mentor");
        // Pupils have a class («6Б»), teachers a position.
        let is_pupil = |text: &str| {
            text.rsplit(", ")
                .next()
                .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()))
        };
        let pupils: Vec<_> = mentees.iter().filter(|(_, t)| is_pupil(t)).collect();
        let teacher = mentees.iter().find(|(_, t)| !is_pupil(t)).expect("a teacher mentee");
        let pupil_mentor = mentors.iter().find(|(_, t)| is_pupil(t)).expect("a pupil mentor");
        let decide = |mentee: &str, mentor: &str, kind: &'static str| {
            let (mentee, mentor) = (mentee.to_string(), mentor.to_string());
            let t = &t;
            let c = &c;
            async move {
                t.post(
                    c,
                    &format!("/pairing/{id}/decide"),
                    &[("mentee", &mentee), ("mentor", &mentor), ("kind", kind)],
                )
                .await
            }
        };

        // A teacher cannot be pinned to a pupil: the rule is named, nothing is kept.
        let r = decide(&teacher.0, &pupil_mentor.0, "pin").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Эту пару нельзя закрепить: наставник не работает в этой форме наставничества"),
            "{}: {body}",
            t.backend
        );
        assert!(
            !t.page(&c, &format!("/pairing/{id}")).await.contains("id=\"decisions\""),
            "{}",
            t.backend
        );

        // Three pupils pinned to one pupil mentor form a group; a fourth is beyond the places.
        // (Pupils who ask for a teacher are refused by the form rule and skipped here.)
        let mut pinned = Vec::new();
        let mut rest = pupils.iter();
        for (p, _) in rest.by_ref() {
            let r = decide(p, &pupil_mentor.0, "pin").await;
            if r.status() == StatusCode::SEE_OTHER {
                pinned.push(p.clone());
            }
            if pinned.len() == 3 {
                break;
            }
        }
        assert_eq!(pinned.len(), 3, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let name = pupil_mentor.1.split(", ").next().unwrap();
        let rows: Vec<String> = proposal(&page).into_iter().filter(|r| r.starts_with(name)).collect();
        assert_eq!(rows.len(), 3, "{}: {rows:?}", t.backend);
        assert!(rows.iter().all(|r| r.contains("закреплено")), "{}: {rows:?}", t.backend);
        assert!(rows[0].contains("группа: 3 из 3 мест"), "{}: {rows:?}", t.backend);
        let mut full = false;
        for (p, _) in rest {
            let r = decide(p, &pupil_mentor.0, "pin").await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
            full |= r
                .text()
                .await
                .unwrap()
                .contains("все места заняты закреплёнными наставляемыми (мест: 3)");
        }
        assert!(full, "{}: a fourth pupil is refused for the places", t.backend);

        // An exclusion takes a proposed pair out of every later run; undo brings it back.
        // Any proposed pair that is not pinned.
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let (other, excluded) = proposal(&page)
            .iter()
            .filter(|r| !r.contains("закреплено"))
            .find_map(|r| {
                let other = mentors
                    .iter()
                    .find(|(_, text)| r.starts_with(text.split(", ").next().unwrap()))?;
                let mentee_cell = r.split(" | ").nth(1)?;
                let excluded = mentees
                    .iter()
                    .find(|(_, text)| mentee_cell.starts_with(text.split(", ").next().unwrap()))?;
                Some((other, excluded))
            })
            .expect("a proposed pair that is not pinned");
        let other_name = other.1.split(", ").next().unwrap();
        let r = decide(&excluded.0, &other.0, "exclude").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let pupil_name = excluded.1.split(", ").next().unwrap();
        assert!(
            !proposal(&page)
                .iter()
                .any(|r| r.starts_with(other_name) && r.contains(pupil_name)),
            "{}",
            t.backend
        );
        assert!(page.contains("исключена пара"), "{}", t.backend);
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/undo"),
                &[("mentee", &excluded.0), ("mentor", &other.0)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        assert!(
            !t.page(&c, &format!("/pairing/{id}")).await.contains("исключена пара"),
            "{}",
            t.backend
        );

        // Each decision is in the mentee's audit trail.
        let trail = t.page(&c, &format!("/participants/{}/audit", pinned[0])).await;
        assert!(
            trail.contains("решение куратора в подборе пар"),
            "{}: {trail}",
            t.backend
        );
    })
    .await;
}

#[tokio::test]
async fn another_schools_round_and_people_answer_404() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let mentee = options(&page, "move-mentee")[0].0.clone();
        let other = t.login("curator2").await;
        let r = other.get(t.at(&format!("/pairing/{id}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = t
            .post(
                &other,
                &format!("/pairing/{id}/decide"),
                &[("mentee", &mentee), ("mentor", &mentee), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        // A mentor of the other school in a tampered field is no one here.
        let stranger = t.person_in(t.school2, "teacher").await.to_string();
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/decide"),
                &[("mentee", &mentee), ("mentor", &stranger), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        // Roles without the pairing see nothing of it; the head sees it but changes nothing.
        let mentor = t.login("mentor").await;
        let r = mentor.get(t.at("/pairing")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", t.backend);
        let head = t.login("head").await;
        let r = t
            .post(
                &head,
                &format!("/pairing/{id}/decide"),
                &[("mentee", &mentee), ("mentor", &mentee), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", t.backend);
    })
    .await;
}

/// The text of a DOCX's body.
pub(crate) fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let mut text = String::new();
    let mut inside = false;
    for ch in xml.chars() {
        match ch {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => text.push(c),
            _ => {}
        }
    }
    text
}

#[tokio::test]
async fn the_head_approves_with_every_consent_checked_again_and_the_order_is_made() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let rows = proposal(&page);
        let r = t
            .post(&c, &format!("/pairing/{id}/send"), &[("version", &version(&page))])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        // The curator can no longer change a sent round.
        let mentee = options(&page, "move-mentee")[0].0.clone();
        let mentor = options(&page, "move-mentor")[0].0.clone();
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/decide"),
                &[("mentee", &mentee), ("mentor", &mentor), ("kind", "exclude")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);

        // Meanwhile a consent of a proposed pupil is withdrawn.
        let head = t.login("head").await;
        let sent = t.page(&head, &format!("/pairing/{id}")).await;
        assert!(sent.contains("id=\"approve\""), "{}: {sent}", t.backend);
        let doc = scraper::Html::parse_document(&sent);
        let sel = scraper::Selector::parse("#sent tbody tr td").unwrap();
        let cells: Vec<String> = doc.select(&sel).map(|c| c.text().collect()).collect();
        assert_eq!(cells.len(), rows.len() * 6, "{}: {cells:?}", t.backend);
        let pupil_name = cells[2].split(", ").next().unwrap().to_string();
        let pupil = options(&page, "move-mentee")
            .into_iter()
            .find(|(_, text)| text.starts_with(&pupil_name))
            .unwrap()
            .0
            .parse::<i64>()
            .unwrap();
        let curator = t.curator(t.school1);
        let card = t.app.participant_card(&curator, pupil).await.unwrap();
        let consent = card
            .consents
            .iter()
            .find(|(c, _)| c.kind == domain::ConsentKind::Processing)
            .unwrap()
            .0
            .id;
        t.app
            .withdraw_consent(&curator, pupil, consent, "заявление родителя")
            .await
            .unwrap();

        // The head's approval names the pupil and writes nothing.
        let r = t.post(&head, &format!("/pairing/{id}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&format!(
                "{pupil_name}: согласие на обработку персональных данных отозвано"
            )),
            "{}: {body}",
            t.backend
        );
        assert!(
            !t.page(&head, &format!("/pairing/{id}")).await.contains("id=\"order\""),
            "{}",
            t.backend
        );

        // Returned, re-sent without the pupil (no longer waiting for a pair), approved.
        let r = t.post(&head, &format!("/pairing/{id}/return"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(
            !proposal(&page).iter().any(|r| r.contains(&pupil_name)),
            "{}",
            t.backend
        );
        let r = t
            .post(&c, &format!("/pairing/{id}/send"), &[("version", &version(&page))])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let r = t.post(&head, &format!("/pairing/{id}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        // A double submit does not make a second order.
        let r = t.post(&head, &format!("/pairing/{id}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);

        let done = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(done.contains("Приказ № 1 от"), "{}: {done}", t.backend);
        let r = c
            .get(t.at(&format!("/orders/{}/docx", order_id(&done))))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        let text = docx_text(&r.bytes().await.unwrap());
        assert!(
            text.contains("Об утверждении наставнических пар"),
            "{}: {text}",
            t.backend
        );
        let first = proposal(&page).into_iter().next().unwrap();
        let mentor_name = first
            .split(" | ")
            .next()
            .unwrap()
            .split(' ')
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&mentor_name), "{}: {mentor_name} in {text}", t.backend);
        assert!(
            !text.contains(&pupil_name),
            "{}: the withdrawn pupil is not in the order",
            t.backend
        );
        let r = c
            .get(t.at(&format!("/orders/{}/pdf", order_id(&done))))
            .send()
            .await
            .unwrap();
        assert!(r.bytes().await.unwrap().starts_with(b"%PDF"), "{}", t.backend);

        // The bases show the pairs: «в паре» with the other side's name.
        let base = t.page(&c, "/bases/mentors").await;
        assert!(base.contains("в паре"), "{}", t.backend);
        // Another school sees neither the order nor the round.
        let other = t.login("curator2").await;
        let r = other
            .get(t.at(&format!("/orders/{}/docx", order_id(&done))))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
    })
    .await;
}

fn order_id(html: &str) -> String {
    let at = html.find("/orders/").unwrap() + "/orders/".len();
    html[at..].chars().take_while(char::is_ascii_digit).collect()
}

#[tokio::test]
async fn the_demo_has_an_approved_order_a_round_in_progress_and_pairs_on_personal_pages() {
    each_backend(|t| async move {
        t.app.seed_demo_pairing().await.unwrap();
        // Twice is once: the demo's pairing is not repeated.
        t.app.seed_demo_pairing().await.unwrap();
        let c = t.login("curator").await;
        let list = t.page(&c, "/pairing").await;
        assert!(
            list.contains("утверждён приказом") && list.contains("черновик"),
            "{}: {list}",
            t.backend
        );
        assert_eq!(list.matches("href=\"/pairing/").count(), 2, "{}", t.backend);
        let draft = t.page(&c, "/pairing/2").await;
        // The second round has a proposal to review and people waiting.
        assert!(!proposal(&draft).is_empty(), "{}: {draft}", t.backend);
        assert!(draft.contains("id=\"left\""), "{}", t.backend);
        // Its group meeting was held and ranked; a mentee has a choice; one waits with support.
        assert!(
            draft.contains("На встрече: наставляемых — 4, наставников — 2."),
            "{}",
            t.backend
        );
        for id in ["rank-lines", "offer-list", "stability"] {
            assert!(draft.contains(&format!("id=\"{id}\"")), "{}: {id}", t.backend);
        }
        assert!(
            draft.contains("нужна поддержка педагога-психолога</span>"),
            "{}",
            t.backend
        );

        // The demo mentor and mentee see each other; the mentor also the request.
        let mentor = t.login("mentor").await;
        let r = mentor.get(t.at("/")).send().await.unwrap();
        assert_eq!(r.headers()["location"], "/my/pairs", "{}", t.backend);
        let mine = t.page(&mentor, "/my/pairs").await;
        assert!(
            mine.contains("Ваш наставляемый") && mine.contains("Запрос:"),
            "{}: {mine}",
            t.backend
        );
        let mentee = t.login("mentee").await;
        let theirs = t.page(&mentee, "/my/pairs").await;
        assert!(theirs.contains("Ваш наставник"), "{}: {theirs}", t.backend);
        assert!(!theirs.contains("Запрос:"), "{}", t.backend);
        let name = |html: &str| {
            let doc = scraper::Html::parse_document(html);
            let sel = scraper::Selector::parse("section strong").unwrap();
            doc.select(&sel)
                .next()
                .map(|e| e.text().collect::<String>())
                .unwrap_or_default()
        };
        let (pupil, teacher) = (name(&mine), name(&theirs));
        // The mentee's parent sees the child's mentor on the family page.
        let parent = t.login("guardian").await;
        let family = t.page(&parent, "/family").await;
        assert!(
            family.contains(&format!("{teacher}, ")) && family.contains("пара утверждена приказом и действует с"),
            "{}: {family}",
            t.backend
        );
        // The bases name the other side of each pair.
        let mentees_base = t.page(&c, "/bases/mentees").await;
        assert!(mentees_base.contains(&teacher), "{}: {teacher}", t.backend);
        // The mentor's view of the minor is in the minor's trail.
        let q = app::participants::ListQuery {
            q: Some(pupil.clone()),
            ..Default::default()
        };
        let id = t.app.list_participants(&t.curator(t.school1), &q).await.unwrap().rows[0].id;
        let trail = t.page(&c, &format!("/participants/{id}/audit")).await;
        assert!(trail.contains("просмотр карточки"), "{}: {trail}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn a_group_mentor_with_places_left_is_offered_again_in_the_next_round() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let mentees = options(&page, "move-mentee");
        let is_pupil = |text: &str| {
            text.rsplit(", ")
                .next()
                .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()))
        };
        // A pupil mentor leads a group of up to 3; the first round gives them one mentee.
        let mentor = options(&page, "move-mentor")
            .into_iter()
            .find(|(_, text)| is_pupil(text))
            .expect("a pupil mentor");
        let mut pinned = None;
        for (m, _) in &mentees {
            let kind = if pinned.is_none() { "pin" } else { "exclude" };
            let r = t
                .post(
                    &c,
                    &format!("/pairing/{id}/decide"),
                    &[("mentee", m), ("mentor", &mentor.0), ("kind", kind)],
                )
                .await;
            if kind == "pin" && r.status() == StatusCode::SEE_OTHER {
                pinned = Some(m.clone());
            } else if kind == "pin" {
                // Not this pupil's form: rule them out instead.
                let r = t
                    .post(
                        &c,
                        &format!("/pairing/{id}/decide"),
                        &[("mentee", m), ("mentor", &mentor.0), ("kind", "exclude")],
                    )
                    .await;
                assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
            }
        }
        assert!(pinned.is_some(), "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let r = t
            .post(&c, &format!("/pairing/{id}/send"), &[("version", &version(&page))])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let head = t.login("head").await;
        let r = t.post(&head, &format!("/pairing/{id}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);

        // The list of rounds tells the curator who could be paired now; while a round is
        // open, it does not.
        let list = t.page(&c, "/pairing").await;
        assert!(list.contains("id=\"could-pair\""), "{}: {list}", t.backend);
        assert!(list.contains("Теперь можно подобрать наставник"), "{}", t.backend);
        // The next round offers the same mentor with the two places that remain.
        let (_, next) = start(&t, &c).await;
        assert!(
            !t.page(&c, "/pairing").await.contains("id=\"could-pair\""),
            "{}",
            t.backend
        );
        assert!(
            options(&next, "move-mentor").iter().any(|(p, _)| *p == mentor.0),
            "{}: the mentor is not offered again",
            t.backend
        );
        let name = mentor.1.split(", ").next().unwrap();
        let rows: Vec<String> = proposal(&next).into_iter().filter(|r| r.starts_with(name)).collect();
        assert!(rows.len() <= 2, "{}: {rows:?}", t.backend);
        // The mentee paired by the order waits no more.
        assert!(
            !options(&next, "move-mentee")
                .iter()
                .any(|(p, _)| Some(p) == pinned.as_ref()),
            "{}",
            t.backend
        );
    })
    .await;
}
