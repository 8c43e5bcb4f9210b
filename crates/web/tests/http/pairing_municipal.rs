//! The municipal virtual round (R3.4), on every backend: the methodist runs the pairing
//! screen over the municipality's people ready for virtual mentoring; a pupil is named by
//! first name and initial only; a mentor of the pupil's own school or outside the municipal
//! base cannot be pinned; the school-only steps are refused. Sent, the round becomes the
//! mentee's school's part: another school's curator cannot open it, the head returns it (the
//! pupil waits again), a second round is approved only once the mentor of the other school
//! has the consent to the added duties; then both schools' curators, the pupil, the
//! guardian and the methodist see the pair, each as much as they need.

use reqwest::StatusCode;

use crate::helpers::{TestApp, each_backend, options, version};

fn texts(html: &str, css: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>()).collect()
}

/// A pupil of the first school waiting for a pair asks for a teacher, online:
/// (person, entry, «Фамилия Имя», «Имя Ф.»).
async fn virtual_pupil(t: &TestApp) -> (i64, i64, String, String) {
    let curator = t.curator(t.school1);
    let q = app::bases::BaseQuery {
        status: Some("in_base".into()),
        group: Some("learner".into()),
        ..Default::default()
    };
    let base = t
        .app
        .base_page(&curator, domain::base::BaseKind::Mentees, &q)
        .await
        .unwrap();
    let row = &base.rows[0];
    let (person, entry) = (row.person_id, row.id);
    let p = t.app.participant_card(&curator, person).await.unwrap().person;
    let link = t.app.questionnaire_link(&curator, entry).await.unwrap();
    let answers = domain::questionnaire::Submitted(
        [
            ("request", "подготовка к олимпиаде по математике"),
            ("forms", "teacher_student"),
            ("kinds", "virtual"),
            ("slots", "6"),
            ("mode", "online"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
    );
    let done = t.app.submit_questionnaire(&link.token, &answers, "test").await.unwrap();
    assert!(matches!(done, app::questionnaire::LinkState::Answered), "{done:?}");
    let initial = p.last_name.chars().next().unwrap();
    (
        person,
        entry,
        format!("{} {}", p.last_name, p.first_name),
        format!("{} {initial}.", p.first_name),
    )
}

/// An account of a participant with the demo password.
async fn account_of(t: &TestApp, login: &str, person: i64, (role, org): (domain::Role, i64)) {
    let hash = app::auth::hash_password("demo".into()).await.unwrap();
    let mut tx = t.app.store.begin().await.unwrap();
    let id = storage::repo::users::create_user(&mut tx, login, login, &hash, Some(person), chrono::Utc::now())
        .await
        .unwrap();
    storage::repo::users::assign_role(&mut tx, id, role.code(), org)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Starts a municipal round as the methodist; its address and page.
async fn start(t: &TestApp, m: &reqwest::Client) -> (String, String) {
    let r = t.post(m, "/pairing", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let at = r.headers()["location"].to_str().unwrap().to_string();
    let page = t.page(m, &at).await;
    (at, page)
}

/// The newest part of a municipal round on a school's list of rounds.
async fn part_of(t: &TestApp, c: &reqwest::Client) -> String {
    let list = t.page(c, "/pairing").await;
    let doc = scraper::Html::parse_document(&list);
    let row = scraper::Selector::parse("#rounds tbody tr").unwrap();
    let a = scraper::Selector::parse("a").unwrap();
    let tr = doc
        .select(&row)
        .find(|tr| tr.text().collect::<String>().contains("муниципальный подбор"))
        .expect("a part of the municipal round on the school's list");
    tr.select(&a).next().unwrap().value().attr("href").unwrap().to_string()
}

#[tokio::test]
async fn a_municipal_virtual_round_goes_to_the_mentees_school_and_both_schools_see_the_pair() {
    each_backend(|t| async move {
        t.app.seed_demo_pairing().await.unwrap();
        let orgs = t.app.organizations().await.unwrap();
        let short = |id: i64| orgs.iter().find(|o| o.id == id).unwrap().short_name.clone();
        let (school1, school2) = (short(t.school1), short(t.school2));
        let (pupil, entry, full, brief) = virtual_pupil(&t).await;
        // The pupil's category is a sensitive one: the request stays in the school.
        let c1 = t.login("curator").await;
        let path = format!("/bases/entries/{entry}");
        let form = t.page(&c1, &path).await;
        let values = crate::entry::with(
            crate::entry::form_values(&form),
            &[
                ("_csrf", crate::helpers::csrf_in(&form).as_str()),
                ("category", "difficult_situation"),
            ],
        );
        let r = c1.post(t.at(&path)).form(&values).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        assert!(crate::entry::stored(&t, entry).await.sensitive, "{}", t.backend);

        // The methodist's round: the pupil by first name and initial, a mentor of the other school.
        let m = t.login("methodist").await;
        assert!(
            t.page(&m, "/pairing")
                .await
                .contains("Муниципальный подбор для виртуального")
        );
        let (at, page) = start(&t, &m).await;
        assert!(page.contains("id=\"municipal-intro\""), "{}", t.backend);
        assert!(
            !page.contains(&full),
            "{}: the methodist sees no pupil's full name",
            t.backend
        );
        assert!(
            !page.contains("олимпиаде"),
            "{}: nor a sensitive entry's request",
            t.backend
        );
        assert!(!page.contains("id=\"meeting\""), "{}", t.backend);
        let rows = texts(&page, "#proposal tbody tr");
        let row = rows.iter().find(|r| r.contains(&brief)).unwrap_or_else(|| {
            panic!(
                "{}: the pupil is proposed: {rows:?} {:?}",
                t.backend,
                texts(&page, "#left")
            )
        });
        assert!(row.contains(&school1) && row.contains(&school2), "{}: {row}", t.backend);
        // The municipal base's remote mentors of both schools (adults only).
        let mentors = options(&page, "move-mentor");
        let theirs: Vec<_> = mentors.iter().filter(|(_, l)| l.ends_with(&school2)).collect();
        assert!(
            !theirs.is_empty() && mentors.iter().any(|(_, l)| l.ends_with(&school1)),
            "{mentors:?}"
        );

        // A mentor of the mentee's own school is refused by the rule; someone outside the
        // municipal base (a pupil) is not found; the school-only steps are refused.
        let mentees = options(&page, "move-mentee");
        let same = mentees
            .iter()
            .find(|(_, l)| l.ends_with(&school2))
            .expect("a young teacher of the second school waits too");
        let r = t
            .post(
                &m,
                &format!("{at}/decide"),
                &[("mentee", &same.0), ("mentor", &theirs[0].0), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(
            r.text().await.unwrap().contains("наставник из той же школы"),
            "{}",
            t.backend
        );
        let local = t.person_in(t.school1, "student").await.to_string();
        let r = t
            .post(
                &m,
                &format!("{at}/decide"),
                &[("mentee", &pupil.to_string()), ("mentor", &local), ("kind", "pin")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = t
            .post(&m, &format!("{at}/meeting"), &[("present", &pupil.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(r.text().await.unwrap().contains("проводятся в школе"), "{}", t.backend);

        // Sent: the first school gets its part; the methodist can no longer take it back.
        let r = t.post(&m, &format!("{at}/send"), &[("version", &version(&page))]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let sent = t.page(&m, &at).await;
        assert!(
            !sent.contains("id=\"no-pairs\"") && !sent.contains("id=\"send\""),
            "{}",
            t.backend
        );
        let parts = texts(&sent, "#parts tbody tr");
        assert!(
            parts
                .iter()
                .any(|p| p.contains(&school1) && p.contains("на утверждении")),
            "{}: {parts:?}",
            t.backend
        );
        let r = t.post(&m, &format!("{at}/return"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);

        // The other school's curator cannot open it; the head returns it.
        let head = t.login("head").await;
        let part = part_of(&t, &head).await;
        // The list dates a change by the school's day (Moscow is ahead of UTC after 21:00).
        let today = {
            let mut conn = t.app.store.read().await.unwrap();
            t.app.today_for(&mut conn, t.school1).await.unwrap()
        };
        let list = texts(&t.page(&head, "/pairing").await, "#rounds tbody tr").concat();
        assert!(
            list.contains(&today.format("%d.%m.%Y").to_string()),
            "{}: {list}",
            t.backend
        );
        let c2 = t.login("curator2").await;
        let r = c2.get(t.at(&part)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let sent = t.page(&head, &part).await;
        assert!(sent.contains("id=\"part-intro\""), "{}", t.backend);
        // Only the head declines a part, not the school's curator.
        let r = t.post(&c1, &format!("{part}/return"), &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", t.backend);
        let r = t.post(&head, &format!("{part}/return"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let parts = texts(&t.page(&m, &at).await, "#parts tbody tr");
        assert!(
            parts.iter().any(|p| p.contains("возвращён")),
            "{}: {parts:?}",
            t.backend
        );

        // The pupil waits again: a second round, sent; the head sees the full names.
        let (at, page) = start(&t, &m).await;
        assert!(texts(&page, "#proposal").concat().contains(&brief), "{}", t.backend);
        let r = t.post(&m, &format!("{at}/send"), &[("version", &version(&page))]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let part = part_of(&t, &head).await;
        let sent = t.page(&head, &part).await;
        let row = texts(&sent, "#sent tbody tr")
            .into_iter()
            .find(|r| r.contains(&full))
            .unwrap_or_else(|| panic!("{}: the head sees the pupil by name", t.backend));
        assert!(row.contains(&school2), "{}: {row}", t.backend);
        let (mentor, mentor_label) = mentors
            .iter()
            .find(|(_, l)| row.contains(l.split(", ").next().unwrap()))
            .cloned()
            .expect("the pupil's mentor");
        let mentor_name = mentor_label.split(", ").next().unwrap().to_string();

        // The mentor's school withdraws the consent to the added duties: the head's approval
        // names the mentor; recorded again, it goes through.
        let card = format!("/participants/{mentor}");
        let r = t.post(&c2, &format!("{card}/duties/withdraw"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let r = t.post(&head, &format!("{part}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains(&format!("{mentor_name}: нет действующего согласия педагога")),
            "{}",
            t.backend
        );
        let today = {
            let mut conn = t.app.store.read().await.unwrap();
            t.app.today_for(&mut conn, t.school2).await.unwrap()
        };
        let r = t
            .post(
                &c2,
                &format!("{card}/duties"),
                &[("given_on", &today.format("%d.%m.%Y").to_string())],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let r = t.post(&head, &format!("{part}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);

        // The order of the first school names the mentor with the school.
        let approved = t.page(&head, &part).await;
        let docx = head
            .get(t.at(&crate::helpers::href(&approved, "#order-docx")))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let text = crate::pairing::docx_text(&docx).replace('\u{a0}', " ");
        assert!(text.contains(&school2), "{}: {text}", t.backend);
        assert!(
            text.contains("виртуальное (дистанционное) наставничество"),
            "{}",
            t.backend
        );
        assert!(text.contains("Куратору "), "{}", t.backend);

        // Both schools' curators see the pair: the mentee's school in full, the mentor's
        // school the pupil by first name and initial.
        let active = texts(&t.page(&c1, "/pairing").await, "#active-pairs tbody tr").concat();
        assert!(
            active.contains(&full) && active.contains(&mentor_name),
            "{}: {active}",
            t.backend
        );
        let list2 = t.page(&c2, "/pairing").await;
        let active = texts(&list2, "#active-pairs tbody tr").concat();
        assert!(active.contains(&mentor_name), "{}: {active}", t.backend);
        assert!(active.contains(&brief) && active.contains(&school1), "{active}");
        assert!(
            !list2.contains(&full),
            "{}: no pupil's full name in the other school",
            t.backend
        );
        let last = mentor_name.split(' ').next().unwrap();
        let base = t.page(&c2, &format!("/bases/mentors?q={last}")).await;
        assert!(base.contains(&format!("{brief} ({school1})")), "{}", t.backend);
        {
            let mut conn = t.app.store.read().await.unwrap();
            let mentor: i64 = mentor.parse().unwrap();
            let pairs = storage::repo::pairing::active_pairs_of(&mut conn, t.school2, mentor)
                .await
                .unwrap();
            assert!(
                pairs
                    .iter()
                    .any(|p| p.org_id == t.school1 && p.mentees.contains(&pupil))
            );
        }

        // The pupil sees the mentor with the school; the mentor the pupil with the school and
        // the request (the view in the pupil's school's trail); the methodist the order.
        account_of(&t, "pupil1", pupil, (domain::Role::Mentee, t.school1)).await;
        let mine = t.page(&t.login("pupil1").await, "/my/pairs").await;
        assert!(mine.contains(&mentor_name) && mine.contains(&school2), "{}", t.backend);
        let mentor_id: i64 = mentor.parse().unwrap();
        account_of(&t, "mentor2", mentor_id, (domain::Role::Mentor, t.school2)).await;
        let theirs = t.page(&t.login("mentor2").await, "/my/pairs").await;
        assert!(theirs.contains(&full) && theirs.contains(&school1), "{}", t.backend);
        assert!(theirs.contains("подготовка к олимпиаде по математике"), "{}", t.backend);
        let mut seen = false;
        for _ in 0..40 {
            let trail = t.app.audit_trail(&t.curator(t.school1), pupil).await.unwrap().1;
            seen = trail.iter().any(|a| a.actor.as_deref() == Some("mentor2"));
            if seen {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            seen,
            "{}: the mentor's view is in the pupil's school's trail",
            t.backend
        );
        let parts = texts(&t.page(&m, &at).await, "#parts tbody tr");
        assert!(
            parts
                .iter()
                .any(|p| p.contains(&school1) && p.contains("утверждён") && p.contains("№ ")),
            "{}: {parts:?}",
            t.backend
        );
    })
    .await;
}

#[tokio::test]
async fn a_mentor_whose_place_another_order_took_is_refused_by_name() {
    each_backend(|t| async move {
        let orgs = t.app.organizations().await.unwrap();
        let short = |id: i64| orgs.iter().find(|o| o.id == id).unwrap().short_name.clone();
        let school1 = short(t.school1);
        // The methodist proposes a teacher of the first school to the second school.
        let m = t.login("methodist").await;
        let (at, page) = start(&t, &m).await;
        let (mentor, label) = options(&page, "move-mentor")
            .into_iter()
            .find(|(_, l)| l.ends_with(&school1))
            .expect("a remote-ready mentor of the first school");
        let name = label.split(", ").next().unwrap().to_string();
        assert!(
            texts(&page, "#proposal tbody tr").iter().any(|r| r.contains(&name)),
            "{}: {page}",
            t.backend
        );
        let r = t.post(&m, &format!("{at}/send"), &[("version", &version(&page))]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);

        // Meanwhile the first school gives her its own young teacher, and its head approves.
        let c = t.login("curator").await;
        let r = t.post(&c, "/pairing", &[]).await;
        let own = r.headers()["location"].to_str().unwrap().to_string();
        let page = t.page(&c, &own).await;
        let teachers: Vec<String> = options(&page, "move-mentee")
            .into_iter()
            .filter(|(_, l)| l.contains("учитель"))
            .map(|(id, _)| id)
            .collect();
        let mut pinned = false;
        for mentee in &teachers {
            let form = [
                ("mentee", mentee.as_str()),
                ("mentor", mentor.as_str()),
                ("kind", "pin"),
            ];
            if t.post(&c, &format!("{own}/decide"), &form).await.status() == StatusCode::SEE_OTHER {
                pinned = true;
                break;
            }
        }
        assert!(pinned, "{}: a young teacher of the first school fits her", t.backend);
        let page = t.page(&c, &own).await;
        let r = t
            .post(&c, &format!("{own}/send"), &[("version", &version(&page))])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let r = t.post(&t.login("head").await, &format!("{own}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);

        // The second school's head is refused, the mentor named; nothing is approved.
        let head2 = t.login("head2").await;
        let part = part_of(&t, &head2).await;
        let r = t.post(&head2, &format!("{part}/approve"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let body = r.text().await.unwrap();
        assert!(
            body.contains(&format!("{name}: у наставника 1 место, по приказам уже занято 1")),
            "{}: {body}",
            t.backend
        );
        assert!(!t.page(&head2, &part).await.contains("id=\"order\""), "{}", t.backend);
    })
    .await;
}
