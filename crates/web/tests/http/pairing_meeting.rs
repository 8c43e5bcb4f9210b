//! What the people of a round say, over HTTP on every backend: the curator records the
//! group meeting and a paper ranking form; a ranking that names someone who was not at the
//! meeting, the same side, or one person twice is refused by name; the mutual first choice
//! of a mentee and a mentor gives their pair in the stable mode, and the page says no pair
//! would rather be together; an attendee ranks on their own page; a guardian chooses a
//! mentor for a minor among the candidates offered and the choice becomes a pin; the
//! minor sees the choice but cannot make it; the waiting list flags the psychologist's
//! support and says how long each waited; an empty base proposes nothing and sends nothing.

use reqwest::StatusCode;

use crate::helpers::{TestApp, each_backend, version};

/// (person id, «name, place») of a select on a page, without the empty choice.
fn options(html: &str, select: &str) -> Vec<(String, String)> {
    crate::helpers::options(html, select)
        .into_iter()
        .filter(|(v, _)| !v.is_empty())
        .collect()
}

fn text(html: &str, css: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn start(t: &TestApp, c: &reqwest::Client) -> (i64, String) {
    let r = t.post(c, "/pairing", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let at = r.headers()["location"].to_str().unwrap().to_string();
    let id = at.rsplit('/').next().unwrap().parse().unwrap();
    (id, t.page(c, &at).await)
}

/// The participant a demo account belongs to.
async fn person_of(t: &TestApp, login: &str) -> i64 {
    let uid = t.user_id(login).await;
    let mut conn = t.app.store.read().await.unwrap();
    storage::repo::users::get_user(&mut conn, uid)
        .await
        .unwrap()
        .and_then(|u| u.person_id)
        .unwrap()
}

fn name(option: &str) -> &str {
    option.split(", ").next().unwrap()
}

/// A mentor the rules allow for the mentee other than `not`, found by pinning and undoing.
async fn admissible_mentor(
    t: &TestApp,
    c: &reqwest::Client,
    id: i64,
    mentee: &str,
    mentors: &[(String, String)],
    not: &str,
) -> Option<(String, String)> {
    for (m, label) in mentors.iter().filter(|(_, l)| name(l) != not) {
        let pair = [("mentee", mentee), ("mentor", m.as_str()), ("kind", "pin")];
        if t.post(c, &format!("/pairing/{id}/decide"), &pair).await.status() == StatusCode::SEE_OTHER {
            let r = t.post(c, &format!("/pairing/{id}/undo"), &pair[..2]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
            return Some((m.clone(), label.clone()));
        }
    }
    None
}

#[tokio::test]
async fn the_mutual_ranking_after_the_meeting_gives_stable_pairs_and_names_who_was_not_there() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let mentees = options(&page, "move-mentee");
        let mentors = options(&page, "move-mentor");
        // The proposal's rows: «mentor name» per mentee name.
        let rows = text(&page, "#proposal tbody tr");
        // A mentee with a pair in the proposal and another mentor the rules allow for them.
        let mut found = None;
        for (e, label) in &mentees {
            if !rows.contains(name(label)) {
                continue;
            }
            let current = mentors
                .iter()
                .map(|(_, l)| name(l))
                .find(|m| rows.lines().any(|r| r.contains(m) && r.contains(name(label))))
                .unwrap_or("");
            if let Some(m) = admissible_mentor(&t, &c, id, e, &mentors, current).await {
                found = Some(((e.clone(), label.clone()), m));
                break;
            }
        }
        let ((a, a_label), (m, m_label)) = found.expect("a mentee with a second admissible mentor");
        let absent_mentee = mentees.iter().find(|(e, _)| *e != a).unwrap().clone();
        let absent_mentor = mentors.iter().find(|(x, _)| *x != m).unwrap().clone();

        // Who came: the mentee and the mentor only.
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/meeting"),
                &[("present", &a), ("present", &m)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(
            page.contains("На встрече: наставляемых — 1, наставников — 1."),
            "{}: {}",
            t.backend,
            text(&page, "#meeting-count")
        );

        // Bad rankings are refused by name and change nothing.
        let ranks = format!("/pairing/{id}/ranks");
        let bad: [(&[(&str, &str)], String); 4] = [
            (
                &[("person", &absent_mentee.0), ("first", &m)],
                format!("{} не был(а) на общей встрече", name(&absent_mentee.1)),
            ),
            (
                &[("person", &a), ("first", &absent_mentor.0)],
                format!("{} не был(а) на общей встрече", name(&absent_mentor.1)),
            ),
            (
                &[("person", &a), ("first", &a)],
                format!("{} — с той же стороны", name(&a_label)),
            ),
            (
                &[("person", &a), ("first", &m), ("second", &m)],
                format!("{} выбран(а) дважды", name(&m_label)),
            ),
        ];
        for (form, message) in bad {
            let r = t.post(&c, &ranks, form).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}: {form:?}", t.backend);
            let body = r.text().await.unwrap();
            assert!(
                text(&body, "#round-errors").contains(&message),
                "{}: {}",
                t.backend,
                text(&body, "#round-errors")
            );
        }
        assert!(
            t.page(&c, &format!("/pairing/{id}"))
                .await
                .contains("Ещё никто не назвал"),
            "{}",
            t.backend
        );
        // A person of another school in a tampered form is no one here.
        let stranger = t.person_in(t.school2, "teacher").await.to_string();
        let r = t.post(&c, &ranks, &[("person", &a), ("first", &stranger)]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);

        // The mutual first choice, entered from the paper forms.
        for (who, whom) in [(&a, &m), (&m, &a)] {
            let r = t.post(&c, &ranks, &[("person", who), ("first", whom)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        }
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let lines = text(&page, "#rank-lines li");
        assert!(
            lines.contains(&format!("{}: {}", name(&a_label), name(&m_label))),
            "{}: {lines}",
            t.backend
        );

        // The stable mode pairs them, says why, and finds no pair that would rather be
        // together.
        let mut form = vec![("version", version(&page)), ("objective", "stable".to_string())];
        for (k, v) in [
            ("competences", "300"),
            ("subjects", "200"),
            ("interests", "100"),
            ("same_school", "100"),
            ("age_fit", "100"),
            ("availability", "100"),
            ("meeting", "50"),
            ("mutual_choice", "50"),
        ] {
            form.push((k, v.to_string()));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = t.post(&c, &format!("/pairing/{id}/settings"), &form).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let rows = text(&page, "#proposal tbody tr");
        let row = rows
            .lines()
            .find(|r| r.contains(name(&a_label)))
            .unwrap_or_default()
            .to_string();
        // The row of a group's later mentee has no mentor cell: find the group's first row.
        let doc = scraper::Html::parse_document(&page);
        let trs = scraper::Selector::parse("#proposal tbody tr").unwrap();
        let mut mentor_of_a = String::new();
        let mut mentor = String::new();
        for tr in doc.select(&trs) {
            let cells: Vec<String> = tr
                .select(&scraper::Selector::parse("td").unwrap())
                .map(|td| td.text().collect::<String>())
                .collect();
            if tr
                .select(&scraper::Selector::parse("td[rowspan]").unwrap())
                .next()
                .is_some()
            {
                mentor = cells[0].clone();
            }
            if cells.iter().any(|c| c.contains(name(&a_label))) {
                mentor_of_a = mentor.clone();
            }
        }
        assert!(
            mentor_of_a.contains(name(&m_label)),
            "{}: {mentor_of_a} / {row}",
            t.backend
        );
        assert!(
            row.contains("Выбрали друг друга после групповой встречи"),
            "{}: {row}",
            t.backend
        );
        assert!(
            text(&page, "#stability").contains("нет ни одного наставляемого и наставника"),
            "{}: {}",
            t.backend,
            text(&page, "#stability")
        );

        // The meeting is in the mentee's audit trail.
        let trail = t.page(&c, &format!("/participants/{a}/audit")).await;
        assert!(trail.contains("групповая встреча подбора пар"), "{}", t.backend);
        // The head reads the round but records nothing.
        let head = t.login("head").await;
        let r = t.post(&head, &ranks, &[("person", &a), ("first", &m)]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn an_attendee_ranks_on_their_own_page_and_only_among_those_who_came() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let me = person_of(&t, "mentor").await.to_string();
        let mentees = options(&page, "move-mentee");
        assert!(
            options(&page, "move-mentor").iter().any(|(p, _)| *p == me),
            "{}",
            t.backend
        );
        let (came, not) = (&mentees[0], &mentees[1]);
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/meeting"),
                &[("present", &me), ("present", &came.0)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let mentor = t.login("mentor").await;
        let mine = t.page(&mentor, "/my/pairs").await;
        let offered = options(&mine, &format!("my-first-{id}"));
        assert_eq!(offered, vec![came.clone()], "{}", t.backend);
        // A tampered choice of someone who did not come is refused by name.
        let r = t
            .post(
                &mentor,
                "/my/ranks",
                &[("round", &id.to_string()), ("person", &me), ("first", &not.0)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(text(&body, "#my-error").contains(name(&not.1)), "{}: {body}", t.backend);
        // Ranking for someone else is no one's business.
        let r = t
            .post(
                &mentor,
                "/my/ranks",
                &[("round", &id.to_string()), ("person", &came.0), ("first", &me)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = t
            .post(
                &mentor,
                "/my/ranks",
                &[("round", &id.to_string()), ("person", &me), ("first", &came.0)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let mine = t.page(&mentor, "/my/pairs").await;
        assert!(
            mine.contains(&format!("value=\"{}\" selected", came.0)),
            "{}",
            t.backend
        );
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(text(&page, "#rank-lines").contains(name(&came.1)), "{}", t.backend);
        // Leaving the meeting's list drops the ranking.
        let r = t.post(&c, &format!("/pairing/{id}/meeting"), &[("present", &me)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        assert!(
            t.page(&c, &format!("/pairing/{id}"))
                .await
                .contains("Ещё никто не назвал"),
            "{}",
            t.backend
        );
    })
    .await;
}

#[tokio::test]
async fn a_guardian_chooses_a_mentor_for_a_minor_and_the_choice_becomes_a_pin() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let child = person_of(&t, "mentee").await.to_string();
        assert!(
            options(&page, "move-mentee").iter().any(|(p, _)| *p == child),
            "{}",
            t.backend
        );
        let r = t.post(&c, &format!("/pairing/{id}/offer"), &[("mentee", &child)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(text(&page, "#offer-list").contains("ещё не выбрал"), "{}", t.backend);

        // The pupil sees the candidates and the reasons, but the guardian chooses.
        let pupil = t.login("mentee").await;
        let theirs = t.page(&pupil, "/my/pairs").await;
        assert!(
            theirs.contains("Выбор за несовершеннолетнего делает родитель"),
            "{}: {theirs}",
            t.backend
        );
        let doc = scraper::Html::parse_document(&theirs);
        let cands = scraper::Selector::parse(".candidates > li").unwrap();
        let n = doc.select(&cands).count();
        assert!((1..=5).contains(&n), "{}: {n}", t.backend);
        assert!(theirs.contains(" из "), "{}: the reasons are shown", t.backend);
        let parent = t.login("guardian").await;
        let family = t.page(&parent, "/family").await;
        let doc = scraper::Html::parse_document(&family);
        let mentor_field = scraper::Selector::parse(".candidates input[name=mentor]").unwrap();
        let first: String = doc
            .select(&mentor_field)
            .next()
            .expect("a candidate to choose")
            .value()
            .attr("value")
            .unwrap()
            .to_string();
        let r = t
            .post(&pupil, "/my/choice", &[("round", &id.to_string()), ("mentor", &first)])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        // A mentor who was not offered, or another child, is not found.
        let stranger = t.person_in(t.school2, "teacher").await.to_string();
        let at = format!("/family/children/{child}/choice");
        let r = t
            .post(&parent, &at, &[("round", &id.to_string()), ("mentor", &stranger)])
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = t
            .post(
                &parent,
                &format!("/family/children/{first}/choice"),
                &[("round", &id.to_string()), ("mentor", &first)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = t
            .post(&parent, &at, &[("round", &id.to_string()), ("mentor", &first)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let family = t.page(&parent, &format!("/family/children/{child}")).await;
        assert!(family.contains("Ваш выбор"), "{}", t.backend);

        // The choice is a pin of the round, and the proposal keeps it.
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        let decisions = text(&page, "#decisions");
        assert!(decisions.contains("закреплена пара"), "{}: {decisions}", t.backend);
        assert!(text(&page, "#offer-list").contains("(выбран)"), "{}", t.backend);
        let trail = t.page(&c, &format!("/participants/{child}/audit")).await;
        assert!(trail.contains("выбор наставника наставляемым"), "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn the_waiting_list_flags_support_and_an_empty_base_proposes_nothing() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (id, page) = start(&t, &c).await;
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse("#left li input[name=mentee]").unwrap();
        let waiting: String = doc
            .select(&sel)
            .next()
            .expect("someone waiting")
            .value()
            .attr("value")
            .unwrap()
            .to_string();
        assert!(
            text(&page, "#left").contains(" дн"),
            "{}: {}",
            t.backend,
            text(&page, "#left")
        );
        let r = t
            .post(
                &c,
                &format!("/pairing/{id}/support"),
                &[("mentee", &waiting), ("on", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(
            text(&page, "#left .support").contains("нужна поддержка педагога-психолога"),
            "{}",
            t.backend
        );
        let r = t
            .post(&c, &format!("/pairing/{id}/support"), &[("mentee", &waiting)])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, &format!("/pairing/{id}")).await;
        assert!(text(&page, "#left .support").is_empty(), "{}", t.backend);

        // A new school with empty bases: the round proposes nothing and sends nothing.
        let parent = t.app.organization(t.school1).await.unwrap().parent_id;
        let operator = app::Actor::operator(t.school1);
        let new = t
            .app
            .create_org(
                &operator,
                domain::OrgKind::School,
                "Новая школа",
                "Новая",
                parent,
                "Europe/Moscow",
            )
            .await
            .unwrap();
        let curator = t.curator(new);
        let round = t.app.start_round(&curator).await.unwrap();
        let v = t.app.pairing_round(&curator, round).await.unwrap();
        assert!(
            v.groups.is_empty() && v.mentees.is_empty() && v.left.is_empty(),
            "{}",
            t.backend
        );
        match t.app.send_round(&curator, (round, v.round.version)).await {
            Err(app::AppError::Invalid(e)) => assert_eq!(e.0[0].code, "err-pairing-empty", "{}", t.backend),
            other => panic!("{}: {other:?}", t.backend),
        }
        assert_eq!(
            t.app.pairing_round(&curator, round).await.unwrap().round.state,
            domain::pairing::RoundState::Draft,
            "{}",
            t.backend
        );
    })
    .await;
}
