//! The audit trail page: every action in words, typed details, and who acted.

use domain::base::{BaseKind, EntryStatus};
use reqwest::StatusCode;

use crate::helpers::each_backend;

/// The table of the audit page, cell by cell per row.
fn rows(html: &str) -> Vec<Vec<String>> {
    let doc = scraper::Html::parse_document(html);
    let tr = scraper::Selector::parse("tbody tr").unwrap();
    let td = scraper::Selector::parse("td, th").unwrap();
    doc.select(&tr)
        .map(|r| {
            r.select(&td)
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_trail_names_every_action_and_the_respondent_of_a_link() {
    each_backend(|t| async move {
        let actor = t.curator(t.school1);
        let c = t.login("curator").await;
        // A new teacher: no consent yet, so the link's consent is the respondent's own.
        let r = t
            .post(
                &c,
                "/participants",
                &[
                    ("last_name", "Галиева"),
                    ("first_name", "Эльмира"),
                    ("patronymic", "Ринатовна"),
                    ("birth_date", "14.03.1988"),
                    ("kind", "teacher"),
                    ("subjects", "физика"),
                    ("position", "учитель"),
                    ("experience_years", "10"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let adult: i64 = r.headers()["location"]
            .to_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let entry = t
            .app
            .enroll(&actor, adult, BaseKind::Mentors, &Default::default())
            .await
            .unwrap();
        t.app.set_entry_status(&actor, entry, EntryStatus::Left).await.unwrap();
        t.app
            .set_entry_status(&actor, entry, EntryStatus::Candidate)
            .await
            .unwrap();
        let link = t.app.questionnaire_link(&actor, entry).await.unwrap();
        t.app.consent_by_link(&link.token, "203.0.113.7").await.unwrap();
        let answers = domain::questionnaire::Submitted(
            [
                ("competences", "проектная деятельность"),
                ("forms", "teacher_teacher"),
                ("kinds", "virtual"),
                ("slots", "2"),
                ("mode", "online"),
                ("capacity", "1"),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        );
        t.app
            .submit_questionnaire(&link.token, &answers, "203.0.113.7")
            .await
            .unwrap();
        // Rows as earlier versions wrote them, and a code this version does not know.
        let mut tx = t.app.store.begin().await.unwrap();
        for (action, detail) in [("consent_give", "processing (по ссылке анкеты)"), ("merge", "#5")] {
            let event = domain::AuditEvent::Unknown {
                action: action.into(),
                detail: detail.into(),
            };
            let e = storage::AuditEntry {
                org_id: t.school1,
                person_id: Some(adult),
                user_id: None,
                event: &event,
                address: "198.51.100.1",
            };
            storage::repo::audit::write(&mut tx, &e, chrono::Utc::now())
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();

        let r = c
            .get(t.at(&format!("/participants/{adult}/audit")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(!html.contains("Unknown localization key"), "{}: {html}", t.backend);
        let rows = rows(&html);
        let find = |action: &str| {
            rows.iter()
                .find(|r| r.get(2).is_some_and(|a| a == action))
                .unwrap_or_else(|| panic!("{}: no «{action}» in {rows:?}", t.backend))
                .clone()
        };
        let answered = find("заполнена анкета");
        assert_eq!(answered[1], "по личной ссылке", "the respondent, not the command line");
        assert_eq!(answered[3], "База наставников", "the base by its name, not «mentors»");
        let consent = find("согласие по личной ссылке");
        assert_eq!(consent[1], "по личной ссылке");
        assert_eq!(consent[3], "на обработку персональных данных");
        assert_eq!(find("включение в базу")[3], "База наставников");
        assert_eq!(find("смена статуса в базе")[3], "кандидат");
        let added = find("добавление");
        assert!(
            added[1].split(' ').count() == 3,
            "the curator's account by name: {added:?}"
        );
        assert_eq!(
            find("выдана ссылка на анкету")[1],
            "командная строка",
            "an actor without an account"
        );
        let old = rows.iter().filter(|r| r[2] == "согласие по личной ссылке").count();
        assert_eq!(old, 2, "an older row reads like a new one: {rows:?}");
        let odd = find("merge");
        assert_eq!(odd[3], "#5", "an unknown code is shown as stored");
        assert!(
            rows.iter()
                .all(|r| !["mentors", "mentees", "left", "processing"].contains(&r[3].as_str())),
            "{rows:?}"
        );
    })
    .await;
}
