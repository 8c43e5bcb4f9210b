//! The bases over HTTP, on every backend: the upload with its progress page and report,
//! the commit, the base list with its counts and status changes, the export, the
//! questionnaire link a guardian fills in without an account, and the municipal base.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{TestApp, browser, csrf_in, each_backend, text_of};

/// Uploads a file on the import page and follows the progress page to the report.
async fn upload(t: &TestApp, c: &reqwest::Client, kind: &str, name: &str, bytes: Vec<u8>) -> (String, String) {
    let page = t.page(c, "/import").await;
    let form = Form::new()
        .text("_csrf", csrf_in(&page))
        .text("kind", kind.to_string())
        .text("year", "2025/2026")
        .part("file", Part::bytes(bytes).file_name(name.to_string()));
    let r = c.post(t.at("/import")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let job = r.headers()["location"].to_str().unwrap().to_string();
    (job.clone(), report(t, c, &job).await)
}

/// Waits until the job's page stops refreshing itself and returns it.
async fn report(t: &TestApp, c: &reqwest::Client, job: &str) -> String {
    for _ in 0..600 {
        let html = t.page(c, job).await;
        if !html.contains("http-equiv=\"refresh\"") {
            return html;
        }
        assert!(html.contains("<progress"), "a running job shows a progress bar");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

fn students(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from("Фамилия;Имя;Отчество;Дата рождения;Класс;ФИО родителя;Телефон родителя\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
}

/// The card URL of the first participant a name search finds.
async fn card_of(t: &TestApp, c: &reqwest::Client, name: &str) -> String {
    let r = t.post(c, "/participants/search", &[("q", name)]).await;
    let list = r.headers()["location"].to_str().unwrap().to_string();
    let html = t.page(c, &list).await;
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("#participants a").unwrap();
    doc.select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string()
}

fn id_from(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn an_upload_is_checked_reported_committed_and_browsed() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        // A bad class and a minor without a parent: the report names row and column; nothing written.
        let (_, html) = upload(
            &t,
            &c,
            "students",
            "список.csv",
            students(&[
                "Ковалёва;Ника;Олеговна;05.03.2013;13А;Ковалёва Ольга;+79160000001",
                "Зуев;Пётр;;01.02.2012;8А;;",
            ]),
        )
        .await;
        let doc = scraper::Html::parse_document(&html);
        let tr = scraper::Selector::parse("#problems tbody tr").unwrap();
        let rows: Vec<String> = doc
            .select(&tr)
            .map(|r| r.text().collect::<Vec<_>>().join("|"))
            .collect();
        assert!(
            rows.iter().any(|r| r.starts_with("2|«Класс» (E)")),
            "{}: {rows:?}",
            t.backend
        );
        assert!(rows.iter().any(|r| r.starts_with("3|«ФИО родителя» (F)")), "{rows:?}");
        assert!(!html.contains("id=\"commit\""), "no commit while there are errors");

        // A clean file: the commit button, then the people are there.
        let (job, html) = upload(
            &t,
            &c,
            "students",
            "список.csv",
            students(&["Ковалёва;Ника;Олеговна;05.03.2013;7Б;Ковалёва Ольга Петровна;+79160000001"]),
        )
        .await;
        assert!(
            html.contains("id=\"commit\""),
            "{}: {}",
            t.backend,
            text_of(&html, "verdict")
        );
        let r = t.post(&c, &format!("{job}/commit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let done = report(&t, &c, &job).await;
        assert!(
            text_of(&done, "verdict").contains("Записано"),
            "{}",
            text_of(&done, "verdict")
        );
        // Somebody else's job is not found.
        let other = t.login("curator2").await;
        assert_eq!(
            other.get(t.at(&job)).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );

        // The parent came without a birth date: the card says so instead of an age from 1900.
        let parent_card = card_of(&t, &c, "Ковалёва Ольга Петровна").await;
        let card = t.page(&c, &parent_card).await;
        assert!(card.contains("не указана") && !card.contains("1900"), "{}", t.backend);

        // Enroll the imported pupil into the mentees' base from the card.
        let href = card_of(&t, &c, "Ковалёва Ника").await;
        let r = t.post(&c, &format!("{href}/enroll"), &[("base", "mentees")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let card = t.page(&c, &href).await;
        assert!(
            text_of(&card, "entries").contains("кандидат"),
            "no consent yet: a candidate"
        );

        let list = t.page(&c, "/bases/mentees").await;
        let table = text_of(&list, "base");
        assert!(table.contains("Ковалёва Ника Олеговна"), "{table}");
        assert!(table.contains("7Б класс"));
        assert!(text_of(&list, "found").contains("Найден"));
        // Filters: nobody is «в паре» yet.
        let none = t.page(&c, "/bases/mentees?status=in_pair").await;
        assert!(!text_of(&none, "base").contains("Ковалёва"));

        // Without a consent the entry cannot go further than «кандидат».
        let entry = {
            let doc = scraper::Html::parse_document(&list);
            let sel = scraper::Selector::parse("#base tbody tr").unwrap();
            let row = doc
                .select(&sel)
                .find(|tr| tr.text().collect::<String>().contains("Ковалёва Ника"))
                .unwrap();
            let form = scraper::Selector::parse("form.row-action").unwrap();
            row.select(&form)
                .next()
                .unwrap()
                .value()
                .attr("action")
                .unwrap()
                .to_string()
        };
        let r = t.post(&c, &entry, &[("status", "in_base"), ("base", "mentees")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        assert!(r.text().await.unwrap().contains("согласи"));

        // The export with the list's filter: an XLSX with the template's header.
        let r = t
            .post(&c, "/bases/mentees/export", &[("format", "xlsx"), ("group", "learner")])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let disposition = r.headers()["content-disposition"].to_str().unwrap().to_string();
        assert!(
            disposition.contains("baza-nastavlyaemyh") && disposition.ends_with(".xlsx\""),
            "{disposition}"
        );
        let bytes = r.bytes().await.unwrap();
        let texts = crate::helpers::xlsx_texts(&bytes);
        assert!(texts.iter().any(|s| s == "ФИО наставляемого"));
        assert!(texts.iter().any(|s| s == "Ковалёва Ника Олеговна"));
        let csv = t.post(&c, "/bases/mentees/export", &[("format", "csv")]).await;
        assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    })
    .await;
}

/// Creates a pupil with a parent (no consent yet) through the pages; returns the pupil's card URL.
pub(crate) async fn pupil_with_parent(t: &TestApp, c: &reqwest::Client) -> String {
    let today = chrono::Utc::now().date_naive();
    let birth = |years: i32| {
        use chrono::Datelike;
        today
            .with_year(today.year() - years)
            .unwrap()
            .format("%d.%m.%Y")
            .to_string()
    };
    let (b12, b40) = (birth(12), birth(40));
    let r = t
        .post(
            c,
            "/participants",
            &[
                ("last_name", "Сафина"),
                ("first_name", "Алия"),
                ("patronymic", "Ильдаровна"),
                ("kind", "student"),
                ("grade", "6"),
                ("letter", "В"),
                ("birth_date", b12.as_str()),
            ],
        )
        .await;
    let card = r.headers()["location"].to_str().unwrap().to_string();
    let r = t
        .post(
            c,
            "/participants",
            &[
                ("last_name", "Сафина"),
                ("first_name", "Гульнара"),
                ("patronymic", "Рашитовна"),
                ("kind", "parent"),
                ("birth_date", b40.as_str()),
            ],
        )
        .await;
    let parent = id_from(r.headers()["location"].to_str().unwrap()).to_string();
    let r = t
        .post(
            c,
            &format!("{card}/guardians"),
            &[
                ("guardian_id", parent.as_str()),
                ("relation", "мать"),
                ("authority_doc", "свидетельство о рождении"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    card
}

#[tokio::test]
async fn a_guardian_signs_the_consent_and_answers_from_a_personal_link() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        // The school adds its own required question to the mentees' questionnaire.
        let r = t
            .post(
                &c,
                "/bases/questions",
                &[("base", "mentees"), ("label", ""), ("kind", "text")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = t
            .post(
                &c,
                "/bases/questions",
                &[
                    ("base", "mentees"),
                    ("label", "Посещает ли ребёнок кружки?"),
                    ("kind", "yes_no"),
                    ("required", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let questions = t.page(&c, "/bases/questions").await;
        assert!(text_of(&questions, "questions-mentees").contains("Посещает ли ребёнок кружки?"));
        let extra = questions
            .split("/bases/questions/")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .map(|id| format!("extra_{id}"))
            .unwrap();
        let card = pupil_with_parent(&t, &c).await;
        t.post(&c, &format!("{card}/enroll"), &[("base", "mentees")]).await;
        let page = t.page(&c, &card).await;
        let doc = scraper::Html::parse_document(&page);
        let sel = scraper::Selector::parse("#entries form").unwrap();
        let action = doc
            .select(&sel)
            .next()
            .unwrap()
            .value()
            .attr("action")
            .unwrap()
            .to_string();
        let r = t.post(&c, &action, &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Сафина Гульнара Рашитовна (мать)"),
            "the guardian is the respondent"
        );
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("#link").unwrap();
        let url = doc
            .select(&sel)
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_string();
        let path = url.split_once("/q/").map(|(_, tok)| format!("/q/{tok}")).unwrap();
        assert!(!path.contains("Сафин"), "no name in the link");

        // The guardian, without an account: the consent comes first, as its own document.
        let g = browser();
        let page = t.page(&g, &path).await;
        assert!(
            text_of(&page, "consent-document").contains("законным представителем"),
            "{page}"
        );
        let document = text_of(&page, "consent-document");
        assert!(
            document.contains("Я, Сафина Гульнара Рашитовна,") && document.contains("Сафина Алия Ильдаровна"),
            "the consent names the guardian and the child in full (152-ФЗ ст. 9 ч. 4): {document}"
        );
        let token = csrf_in(&page);
        let r = g
            .post(t.at(&format!("{path}/consent")))
            .form(&[("_csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "not ticked: asked again");
        let r = g
            .post(t.at(&format!("{path}/consent")))
            .form(&[("_csrf", token.as_str()), ("agree", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let form = t.page(&g, &path).await;
        assert!(form.contains("id=\"questionnaire\""));
        let token = csrf_in(&form);

        // Missing answers are named; nothing is stored.
        let r = g
            .post(t.at(&path))
            .form(&[("_csrf", token.as_str()), ("interests", "шахматы")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        let errors = text_of(&html, "q-errors");
        assert!(
            errors.contains("запрос") && errors.contains("удобное время"),
            "{errors}"
        );
        assert!(
            errors.contains("Посещает ли ребёнок кружки?"),
            "the school's question is required: {errors}"
        );
        assert!(html.contains("value=\"шахматы\""), "typed answers stay");

        let r = g
            .post(t.at(&path))
            .form(&[
                ("_csrf", token.as_str()),
                ("request", "Трудно с математикой, нужна поддержка"),
                ("subjects", "математика"),
                ("interests", "шахматы, рисование"),
                ("forms", "student_student"),
                ("slots", "1"),
                ("slots", "3"),
                ("mode", "in_person"),
                (extra.as_str(), "да"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(text_of(&r.text().await.unwrap(), "q-message").contains("Анкета отправлена"));

        // The answers are in the base entry, structured; the consent let it into the base.
        let list = t.page(&c, "/bases/mentees").await;
        let table = text_of(&list, "base");
        assert!(table.contains("Трудно с математикой"), "{table}");
        assert!(table.contains("ожидает пары"), "{table}");
        assert!(table.contains("анкетирование"), "the request's source");
        let mut conn = t.app.store.read().await.unwrap();
        // The school's today (Moscow is a day ahead of UTC after 21:00 UTC).
        let today = t.app.today_for(&mut conn, t.school1).await.unwrap();
        let f = storage::EntryFilter {
            org_ids: vec![t.school1],
            person_id: Some(id_from(&card)),
            today,
            sort: "name".into(),
            ..Default::default()
        };
        let entry = storage::repo::bases::list(&mut conn, &f).await.unwrap().remove(0);
        drop(conn);
        let a: domain::questionnaire::Answers = serde_json::from_str(&entry.answers).unwrap();
        assert_eq!(a.interests, vec!["шахматы", "рисование"]);
        assert_eq!(a.availability, 0b1010);
        assert_eq!(a.extra[0].answer, "да");
        assert!(entry.guardian_consent.is_some(), "the guardian's consent is recorded");

        // The link answers once; a made-up one is not found.
        let again = g.get(t.at(&path)).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::GONE);
        assert!(text_of(&again.text().await.unwrap(), "q-message").contains("уже заполнена"));
        let unknown = g.get(t.at(&format!("/q/{}", "0".repeat(64)))).send().await.unwrap();
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        let junk = g.get(t.at("/q/x")).send().await.unwrap();
        assert_eq!(junk.status(), StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn an_expired_link_gets_a_clear_page() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let card = pupil_with_parent(&t, &c).await;
        let actor = t.curator(t.school1);
        let entry = t
            .app
            .enroll(
                &actor,
                id_from(&card),
                domain::base::BaseKind::Mentees,
                &Default::default(),
            )
            .await
            .unwrap();
        // A new link replaces the old one.
        let old = t.app.questionnaire_link(&actor, entry).await.unwrap();
        let link = t.app.questionnaire_link(&actor, entry).await.unwrap();
        let r = browser().get(t.at(&format!("/q/{}", old.token))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::GONE, "{}", t.backend);
        assert!(text_of(&r.text().await.unwrap(), "q-message").contains("новую ссылку"));
        let r = browser().get(t.at(&format!("/q/{}", link.token))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        // Another school's curator cannot touch the entry.
        let other = t.login("curator2").await;
        for path in [
            format!("/bases/entries/{entry}/link"),
            format!("/bases/entries/{entry}/status"),
        ] {
            let r = t.post(&other, &path, &[("status", "left"), ("base", "mentees")]).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        }
        let mut tx = t.app.store.begin().await.unwrap();
        storage::testing::expire_links(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        let r = browser().get(t.at(&format!("/q/{}", link.token))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::GONE);
        assert!(text_of(&r.text().await.unwrap(), "q-message").contains("истёк"));
    })
    .await;
}

#[tokio::test]
async fn the_methodist_sees_adult_mentors_of_the_municipality_only() {
    each_backend(|t| async move {
        let curator = t.login("curator").await;
        // A teacher the demo has not put into the base yet, and a pupil.
        let mentor = {
            let mut conn = t.app.store.read().await.unwrap();
            let people = storage::repo::persons::identities(&mut conn, t.school1).await.unwrap();
            people
                .iter()
                .filter(|p| p.category == domain::CategoryKind::Teacher)
                .map(|p| p.id)
                .max()
                .unwrap()
        };
        let pupil = t.person_in(t.school1, "student").await;
        let name_of = |id: i64| {
            let app = t.app.clone();
            let actor = t.curator(t.school1);
            async move {
                let p = app.participant_card(&actor, id).await.unwrap().person;
                format!("{} {}", p.last_name, p.first_name)
            }
        };
        let (mentor_name, pupil_name) = (name_of(mentor).await, name_of(pupil).await);
        for (p, base) in [(mentor, "mentors"), (pupil, "mentors")] {
            let r = t
                .post(&curator, &format!("/participants/{p}/enroll"), &[("base", base)])
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let m = t.login("methodist").await;
        let page = t.page(&m, "/municipality/mentors?sort=-entry_date").await;
        let table = text_of(&page, "base");
        assert!(table.contains(&mentor_name), "{}: {table}", t.backend);
        assert!(!table.contains(&pupil_name), "minors are not in the municipal base");
        assert!(table.contains("МБОУ СОШ № 17"), "the school is named: {table}");
        assert!(!page.contains("Контактные данные"), "no private columns");
        let r = m.get(t.at("/bases/mentees")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // The demo's second school has mentors ready to work remotely; this teacher is not yet.
        let remote = t.page(&m, "/municipality/mentors?remote=1").await;
        let table = text_of(&remote, "base");
        assert!(!table.contains(&mentor_name) && !table.is_empty(), "{table}");
        // The teacher answers the mentor's questionnaire: online.
        let actor = t.curator(t.school1);
        let entry = t
            .app
            .enroll(&actor, mentor, domain::base::BaseKind::Mentors, &Default::default())
            .await
            .unwrap();
        let link = t.app.questionnaire_link(&actor, entry).await.unwrap();
        let answers = domain::questionnaire::Submitted(
            [
                ("competences", "подготовка к олимпиадам, ИКТ"),
                ("forms", "teacher_teacher"),
                ("kinds", "virtual"),
                ("slots", "6"),
                ("mode", "online"),
                ("capacity", "2"),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        );
        let done = t.app.submit_questionnaire(&link.token, &answers, "test").await.unwrap();
        assert!(matches!(done, app::questionnaire::LinkState::Answered), "{done:?}");
        let remote = t.page(&m, "/municipality/mentors?remote=1").await;
        let table = text_of(&remote, "base");
        assert!(table.contains(&mentor_name), "{}: {table}", t.backend);
        assert!(table.contains("подготовка к олимпиадам"));
        let r = t.post(&m, "/municipality/mentors/export", &[("format", "csv")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let csv = r.text().await.unwrap();
        assert!(!csv.contains("Контактные данные"));
        // The workbook's title names the municipality in the genitive.
        let r = t.post(&m, "/municipality/mentors/export", &[("format", "xlsx")]).await;
        let cells = crate::helpers::xlsx_texts(&r.bytes().await.unwrap());
        assert!(
            cells[0].starts_with("База наставников Зеленодольского муниципального района"),
            "{}",
            cells[0]
        );
    })
    .await;
}

#[tokio::test]
async fn a_class_teachers_request_becomes_a_mentee_entry() {
    each_backend(|t| async move {
        let teacher = t.login("classteacher").await;
        let r = t
            .post(&teacher, "/referrals", &[("subject", ""), ("problem", "")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text_of(&r.text().await.unwrap(), "referral-errors").contains("Кто (ФИО обучающегося)"));
        let pupil = t.person_in(t.school1, "student").await;
        let card = t.app.participant_card(&t.curator(t.school1), pupil).await.unwrap();
        let name = format!("{} {}", card.person.last_name, card.person.first_name);
        let r = t
            .post(
                &teacher,
                "/referrals",
                &[
                    ("subject", name.as_str()),
                    ("grade", "7Б"),
                    ("problem", "Конфликты с одноклассниками, пропуски"),
                    ("category", "behaviour"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // The psychologist sees only their own requests; the class teacher sees theirs.
        let psy = t.login("psychologist").await;
        assert!(!text_of(&t.page(&psy, "/referrals").await, "referrals").contains("Конфликты"));
        let mine = t.page(&teacher, "/referrals").await;
        assert!(text_of(&mine, "referrals").contains("классный руководитель"));
        // A mentor cannot open requests at all.
        let mentor = t.login("mentor").await;
        assert_eq!(
            mentor.get(t.at("/referrals")).send().await.unwrap().status(),
            StatusCode::FORBIDDEN
        );

        // The curator matches it to the pupil and it becomes a base entry.
        let c = t.login("curator").await;
        let list = t.page(&c, "/referrals").await;
        assert!(
            text_of(&list, "referrals").contains("нарушения поведения")
                || text_of(&list, "referrals").contains("поведен")
        );
        let doc = scraper::Html::parse_document(&list);
        let sel = scraper::Selector::parse("#referrals form.row-action").unwrap();
        let action = doc
            .select(&sel)
            .next()
            .unwrap()
            .value()
            .attr("action")
            .unwrap()
            .to_string();
        let pupil_s = pupil.to_string();
        let r = t.post(&c, &action, &[("person", pupil_s.as_str())]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let base = t.page(&c, "/bases/mentees").await;
        let table = text_of(&base, "base");
        assert!(table.contains("Конфликты с одноклассниками"), "{table}");
        assert!(table.contains("классный руководитель"), "the source is kept");
        let again = t.post(&c, &action, &[("person", pupil_s.as_str())]).await;
        assert_eq!(
            again.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "a request converts once"
        );
        assert!(text_of(&t.page(&teacher, "/referrals").await, "referrals").contains("внесён"));
    })
    .await;
}

#[tokio::test]
async fn sensitive_categories_are_hidden_from_the_sysadmin() {
    each_backend(|t| async move {
        // The curator sees the demo's sensitive entries as they are.
        let c = t.login("curator").await;
        let page = t.page(&c, "/bases/mentees").await;
        assert!(
            text_of(&page, "base").contains("имеющие проблемы с поведением"),
            "{}",
            t.backend
        );
        // The school's sysadmin keeps the base but does not see why a pupil is in it.
        let s = t.login("sysadmin").await;
        for path in [
            "/bases/mentees",
            "/bases/mentees?sort=category",
            "/bases/mentees?category=behaviour",
        ] {
            let page = t.page(&s, path).await;
            let text = text_of(&page, "main");
            assert!(!text.contains("имеющие проблемы с поведением"), "{path}");
            assert!(
                !text.contains("конфликты с одноклассниками"),
                "{path}: the request is hidden too"
            );
            assert!(text.contains("особая категория (скрыто)"), "{path}");
        }
        let r = t.post(&s, "/bases/mentees/export", &[("format", "csv")]).await;
        let csv = r.text().await.unwrap();
        assert!(!csv.contains("поведением") && csv.contains("особая категория (скрыто)"));
    })
    .await;
}
