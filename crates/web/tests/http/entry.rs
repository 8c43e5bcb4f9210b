//! The page of one base entry over HTTP, on every backend: the questionnaire answers as the
//! respondent gave them, the entry's columns edited with the import's checks, a stale edit
//! refused, read-only and masked for those who only see the bases, 404 for another school;
//! and the questionnaire offers only the forms that fit the participant.

use domain::base::BaseKind;
use reqwest::StatusCode;

use crate::bases::pupil_with_parent;
use crate::helpers::{TestApp, browser, csrf_in, each_backend, text_of, xlsx_texts};

fn id_from(location: &str) -> i64 {
    location.rsplit('/').next().unwrap().parse().unwrap()
}

/// A pupil with a parent in the base of mentees: (entry id, person id).
async fn pupil_entry(t: &TestApp, c: &reqwest::Client) -> (i64, i64) {
    let card = pupil_with_parent(t, c).await;
    let person = id_from(&card);
    let entry = t
        .app
        .enroll(&t.curator(t.school1), person, BaseKind::Mentees, &Default::default())
        .await
        .unwrap();
    (entry, person)
}

/// The guardian opens the link and signs the consent; the questionnaire form's path and token.
async fn open_as_guardian(t: &TestApp, g: &reqwest::Client, entry: i64) -> (String, String) {
    let link = t.app.questionnaire_link(&t.curator(t.school1), entry).await.unwrap();
    let path = format!("/q/{}", link.token);
    let page = t.page(g, &path).await;
    let r = g
        .post(t.at(&format!("{path}/consent")))
        .form(&[("_csrf", csrf_in(&page).as_str()), ("agree", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let form = t.page(g, &path).await;
    assert!(form.contains("id=\"questionnaire\""), "{form}");
    let token = csrf_in(&form);
    (path, token)
}

/// The values of the entry form's inputs, selects and text areas, as a browser would post them.
pub(crate) fn form_values(html: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    let inputs = scraper::Selector::parse("#entry-form input").unwrap();
    for i in doc.select(&inputs) {
        let name = i.value().attr("name").unwrap_or_default().to_string();
        out.push((name, i.value().attr("value").unwrap_or_default().to_string()));
    }
    let selects = scraper::Selector::parse("#entry-form select").unwrap();
    let selected = scraper::Selector::parse("option[selected]").unwrap();
    for s in doc.select(&selects) {
        let name = s.value().attr("name").unwrap_or_default().to_string();
        let value = s
            .select(&selected)
            .next()
            .and_then(|o| o.value().attr("value"))
            .unwrap_or_default();
        out.push((name, value.to_string()));
    }
    let areas = scraper::Selector::parse("#entry-form textarea").unwrap();
    for a in doc.select(&areas) {
        let name = a.value().attr("name").unwrap_or_default().to_string();
        out.push((name, a.text().collect()));
    }
    out
}

pub(crate) fn with(mut values: Vec<(String, String)>, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    for (k, v) in changes {
        match values.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v.to_string(),
            None => values.push((k.to_string(), v.to_string())),
        }
    }
    values
}

pub(crate) async fn stored(t: &TestApp, entry: i64) -> storage::EntryRow {
    let mut conn = t.app.store.read().await.unwrap();
    let today = t.app.today_at(t.school1).await.unwrap();
    storage::repo::bases::get(&mut conn, t.school1, entry, today)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn the_entry_page_shows_the_answers_of_the_questionnaire() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (entry, person) = pupil_entry(&t, &c).await;
        let page = t.page(&c, &format!("/bases/entries/{entry}")).await;
        assert!(
            text_of(&page, "entry-answers").contains("Анкета не заполнена"),
            "{}: {page}",
            t.backend
        );
        // The card and the base list lead to the entry.
        let card = t.page(&c, &format!("/participants/{person}")).await;
        assert!(card.contains(&format!("href=\"/bases/entries/{entry}\"")));
        let list = t.page(&c, "/bases/mentees?sort=-entry_date").await;
        assert!(list.contains(&format!("href=\"/bases/entries/{entry}\"")));

        let g = browser();
        let (path, token) = open_as_guardian(&t, &g, entry).await;
        let r = g
            .post(t.at(&path))
            .form(&[
                ("_csrf", token.as_str()),
                ("request", "Трудно с математикой, нужна поддержка"),
                ("subjects", "математика, физика"),
                ("interests", "шахматы, рисование"),
                ("forms", "student_student"),
                ("kinds", "group"),
                ("slots", "0"),
                ("slots", "5"),
                ("mode", "in_person"),
                ("motivation", "хочет увереннее отвечать у доски"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);

        let page = t.page(&c, &format!("/bases/entries/{entry}")).await;
        let answers = text_of(&page, "entry-answers");
        for want in [
            "Заполнил(а) родитель (законный представитель): Сафина Гульнара Рашитовна (мать)",
            "С чем ребёнку нужна помощь наставника (запрос)",
            "Трудно с математикой, нужна поддержка",
            "математика, физика",
            "шахматы, рисование",
            "Ученик – ученик",
            "наставничество в группе",
            "очный",
            "хочет увереннее отвечать у доски",
        ] {
            assert!(answers.contains(want), "{}: {want} not in {answers}", t.backend);
        }
        assert!(!answers.contains("Анкета не заполнена"));
        let slots = text_of(&page, "entry-slots");
        assert_eq!(slots.matches('✓').count(), 2, "{slots}");
        // Monday before noon (bit 0) and Wednesday after noon (bit 5).
        let doc = scraper::Html::parse_document(&page);
        let rows = scraper::Selector::parse("#entry-slots tbody tr").unwrap();
        let ticked: Vec<String> = doc
            .select(&rows)
            .map(|r| r.text().collect::<String>())
            .filter(|r| r.contains('✓'))
            .collect();
        assert!(ticked[0].starts_with("пн") && ticked[1].starts_with("ср"), "{ticked:?}");
    })
    .await;
}

#[tokio::test]
async fn a_pupils_questionnaire_offers_no_teachers_forms_and_refuses_a_crafted_one() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (entry, _) = pupil_entry(&t, &c).await;
        let g = browser();
        let (path, token) = open_as_guardian(&t, &g, entry).await;
        let form = t.page(&g, &path).await;
        let offered = text_of(&form, "forms");
        assert!(offered.contains("Ученик – ученик"), "{}: {offered}", t.backend);
        for teachers in [
            "Руководитель образовательной организации – учитель",
            "Педагог вуза/колледжа – молодой педагог",
            "Учитель – учитель",
        ] {
            assert!(!offered.contains(teachers), "{teachers} offered to a pupil");
        }
        assert!(!form.contains("value=\"head_teacher\""));
        assert!(!text_of(&form, "kinds").contains("реверсивное"));

        let r = g
            .post(t.at(&path))
            .form(&[
                ("_csrf", token.as_str()),
                ("request", "Нужна помощь с алгеброй"),
                ("forms", "head_teacher"),
                ("slots", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let errors = text_of(&r.text().await.unwrap(), "q-errors");
        assert!(
            errors.contains("«Руководитель образовательной организации – учитель» не подходит"),
            "{errors}"
        );
        let e = stored(&t, entry).await;
        assert!(e.answered_at.is_none() && e.form.is_none(), "nothing is stored");
        // The link still works for a fitting answer.
        let r = g
            .post(t.at(&path))
            .form(&[
                ("_csrf", token.as_str()),
                ("request", "Нужна помощь с алгеброй"),
                ("forms", "teacher_student"),
                ("slots", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(stored(&t, entry).await.form.as_deref(), Some("teacher_student"));
    })
    .await;
}

#[tokio::test]
async fn an_edit_is_stored_and_shows_in_the_list_and_the_export() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let person = t.person_in(t.school1, "teacher").await;
        let entry = t
            .app
            .enroll(&t.curator(t.school1), person, BaseKind::Mentors, &Default::default())
            .await
            .unwrap();
        let path = format!("/bases/entries/{entry}");
        let page = t.page(&c, &path).await;
        let values = with(
            form_values(&page),
            &[
                ("_csrf", csrf_in(&page).as_str()),
                ("category", "veteran_teacher"),
                ("competences", "подготовка к ОГЭ по математике"),
                ("agreement", "не требуется"),
                ("trained", "Школа наставников, ноябрь 2025"),
                ("form", "teacher_student"),
                ("counterpart", "Сафина Алия, 6 «В»"),
                ("program_dates", "МБОУ СОШ № 17, сентябрь 2025 – май 2026"),
                ("results", "Алия сдала ОГЭ на «4»"),
                ("case_link", "https://school17.example/cases/12"),
            ],
        );
        let r = c.post(t.at(&path)).form(&values).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let page = t.page(&c, r.headers()["location"].to_str().unwrap()).await;
        assert!(text_of(&page, "entry-notice").contains("сохранены"));
        assert!(page.contains("Алия сдала ОГЭ на «4»") || page.contains("Алия сдала ОГЭ на &laquo;4&raquo;"));

        let e = stored(&t, entry).await;
        assert_eq!(e.category.as_deref(), Some("veteran_teacher"));
        assert_eq!(e.form.as_deref(), Some("teacher_student"));
        assert_eq!(e.trained, "Школа наставников, ноябрь 2025");
        let last = e.last_name.clone();

        // A search answers 303 to the list with an opaque id of the text.
        let found = t.post(&c, "/bases/mentors/search", &[("q", last.as_str())]).await;
        assert_eq!(found.status(), StatusCode::SEE_OTHER);
        let list = t.page(&c, found.headers()["location"].to_str().unwrap()).await;
        let table = text_of(&list, "base");
        for want in [
            "ветераны педагогического труда",
            "Школа наставников, ноябрь 2025",
            "Учитель – ученик",
            "https://school17.example/cases/12",
        ] {
            assert!(table.contains(want), "{want} not in the list: {table}");
        }
        let r = t.post(&c, "/bases/mentors/export", &[("format", "xlsx")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let cells = xlsx_texts(&r.bytes().await.unwrap());
        for want in ["Алия сдала ОГЭ на «4»", "МБОУ СОШ № 17, сентябрь 2025 – май 2026"]
        {
            assert!(cells.iter().any(|s| s == want), "{want} not in the export");
        }
        // The audit trail names the entry.
        let (_, trail) = t.app.audit_trail(&t.curator(t.school1), person).await.unwrap();
        assert!(
            trail.iter().any(|a| a.event == domain::AuditEvent::EntryEdit(entry)),
            "audited"
        );
    })
    .await;
}

#[tokio::test]
async fn a_bad_value_is_refused_naming_the_field_and_nothing_is_written() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (entry, _) = pupil_entry(&t, &c).await;
        let before = stored(&t, entry).await;
        let path = format!("/bases/entries/{entry}");
        let page = t.page(&c, &path).await;
        let values = with(
            form_values(&page),
            &[
                ("_csrf", csrf_in(&page).as_str()),
                ("entry_date", "31.02.2025"),
                ("form", "nonsense"),
                ("results", "новый результат"),
            ],
        );
        let r = c.post(t.at(&path)).form(&values).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{}", t.backend);
        let html = r.text().await.unwrap();
        let errors = text_of(&html, "entry-errors");
        assert!(
            errors.contains("«Дата вхождения в программу»")
                && errors.contains("31.02.2025")
                && errors.contains("ДД.ММ.ГГГГ"),
            "{errors}"
        );
        assert!(
            errors.contains("«Форма наставничества»") && errors.contains("Ученик – ученик"),
            "the message lists the forms: {errors}"
        );
        assert!(html.contains("value=\"31.02.2025\""), "typed values stay");
        assert!(html.contains("новый результат"));
        assert_eq!(stored(&t, entry).await, before, "nothing is written");
    })
    .await;
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_the_fresh_values() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (entry, _) = pupil_entry(&t, &c).await;
        let path = format!("/bases/entries/{entry}");
        let page = t.page(&c, &path).await;
        let form = form_values(&page);
        let csrf = csrf_in(&page);
        let first = with(form.clone(), &[("_csrf", csrf.as_str()), ("results", "первая правка")]);
        let r = c.post(t.at(&path)).form(&first).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);

        // A second form made from the same version does not overwrite the first edit.
        let second = with(form.clone(), &[("_csrf", csrf.as_str()), ("results", "вторая правка")]);
        let r = c.post(t.at(&path)).form(&second).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        let stale = text_of(&html, "entry-stale");
        assert!(stale.contains("Запись изменили, пока вы её правили"), "{stale}");
        assert!(stale.contains("вторая правка"), "what was typed is shown: {stale}");
        let fresh = form_values(&html);
        assert!(
            fresh.contains(&("results".to_string(), "первая правка".to_string())),
            "{fresh:?}"
        );
        assert_eq!(stored(&t, entry).await.results, "первая правка");

        // A change by another path (the list's status form) makes a form stale too.
        let page = t.page(&c, &path).await;
        let form = form_values(&page);
        t.app
            .set_entry_status(&t.curator(t.school1), entry, domain::base::EntryStatus::Left)
            .await
            .unwrap();
        let third = with(form, &[("_csrf", csrf.as_str()), ("results", "третья правка")]);
        let r = c.post(t.at(&path)).form(&third).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let e = stored(&t, entry).await;
        assert_eq!(
            (e.results.as_str(), e.status),
            ("первая правка", domain::base::EntryStatus::Left)
        );
    })
    .await;
}

#[tokio::test]
async fn other_schools_get_404_and_viewers_see_the_entry_read_only_and_masked() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let (entry, _) = pupil_entry(&t, &c).await;
        let path = format!("/bases/entries/{entry}");
        let other = t.login("curator2").await;
        let r = other.get(t.at(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}", t.backend);
        let r = t.post(&other, &path, &[("results", "чужая правка")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(stored(&t, entry).await.results, "");

        // The head sees the entry without a form and may not post one.
        let head = t.login("head").await;
        let page = t.page(&head, &path).await;
        assert!(page.contains("id=\"entry-record\"") && !page.contains("id=\"entry-form\""));
        let r = t.post(&head, &path, &[("results", "правка")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // The school's sysadmin sees a sensitive entry with its category masked.
        let q = app::bases::BaseQuery {
            category: Some("behaviour".into()),
            ..Default::default()
        };
        let sensitive = t
            .app
            .base_page(&t.curator(t.school1), BaseKind::Mentees, &q)
            .await
            .unwrap()
            .rows[0]
            .id;
        let curator_view = t.page(&c, &format!("/bases/entries/{sensitive}")).await;
        assert!(text_of(&curator_view, "main").contains("имеющие проблемы с поведением"));
        let s = t.login("sysadmin").await;
        let page = t.page(&s, &format!("/bases/entries/{sensitive}")).await;
        let text = text_of(&page, "main");
        assert!(text.contains("особая категория (скрыто)"), "{text}");
        assert!(!text.contains("имеющие проблемы с поведением"), "{text}");
        assert!(!page.contains("id=\"entry-form\""));
    })
    .await;
}
