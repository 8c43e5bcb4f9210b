//! The guardian's own page: their children and the consents they gave (withdrawal by the
//! curator's rule), the questionnaires addressed to them, and nothing of another family.
//! Also the electronic consent's text (152-ФЗ ст. 9 ч. 4): full names and the recipients.

use reqwest::StatusCode;

use crate::helpers::{TestApp, browser, csrf_in, each_backend, text_of};

/// The demo guardian's participant id and their child's (the demo mentee).
async fn family_ids(t: &TestApp) -> (i64, i64) {
    let person = |login: &'static str| {
        let app = t.app.clone();
        async move {
            app.login(login, "demo", "127.0.0.1")
                .await
                .unwrap()
                .user
                .person_id
                .unwrap()
        }
    };
    (person("guardian").await, person("mentee").await)
}

/// The demo guardian account's display name, as the audit trail names the actor.
async fn guardian_name(t: &TestApp) -> String {
    t.app
        .login("guardian", "demo", "127.0.0.1")
        .await
        .unwrap()
        .user
        .display_name
}

async fn full_name(t: &TestApp, id: i64) -> String {
    let p = t.app.participant_card(&t.curator(t.school1), id).await.unwrap().person;
    format!("{} {} {}", p.last_name, p.first_name, p.patronymic.unwrap_or_default())
        .trim()
        .to_string()
}

/// A pupil of school 1 of another family who has a guardian's consent: (pupil, consent).
async fn other_family_consent(t: &TestApp, child: i64) -> (i64, i64) {
    let actor = t.curator(t.school1);
    let q = app::participants::ListQuery {
        category: Some("student".into()),
        ..Default::default()
    };
    for row in t.app.list_participants(&actor, &q).await.unwrap().rows {
        if row.id == child {
            continue;
        }
        let card = t.app.participant_card(&actor, row.id).await.unwrap();
        if let Some(c) = card
            .consents
            .iter()
            .find(|(c, _)| c.guardian_id.is_some() && c.withdrawn_on.is_none())
        {
            return (row.id, c.0.id);
        }
    }
    panic!("the demo has pupils with a guardian's consent");
}

/// The processing consent the guardian gave for the child.
async fn own_consent(t: &TestApp, guardian: i64, child: i64) -> i64 {
    let card = t.app.participant_card(&t.curator(t.school1), child).await.unwrap();
    card.consents
        .iter()
        .find(|(c, _)| {
            c.kind == domain::ConsentKind::Processing && c.guardian_id == Some(guardian) && c.withdrawn_on.is_none()
        })
        .map(|(c, _)| c.id)
        .expect("the demo guardian signed for the mentee")
}

#[tokio::test]
async fn a_guardian_sees_their_child_and_consents_and_no_other_family() {
    each_backend(|t| async move {
        let (_, child) = family_ids(&t).await;
        let name = full_name(&t, child).await;
        let g = t.login("guardian").await;
        let home = g.get(t.at("/")).send().await.unwrap();
        assert_eq!(
            home.headers()["location"],
            "/family",
            "{}: the guardian's home",
            t.backend
        );
        let r = g.get(t.at("/family")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        let page = r.text().await.unwrap();
        assert!(text_of(&page, &format!("child-{child}")).contains(&name), "{page}");
        let consents = text_of(&page, &format!("consents-{child}"));
        assert!(
            consents.contains("Согласие на обработку персональных данных от") && consents.contains("действует"),
            "{consents}"
        );
        assert!(page.contains("Мои запросы на наставничество"));
        let r = g.get(t.at(&format!("/family/children/{child}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);

        // Another family's child and another school's pupil are not found; nor is the card.
        let (other, _) = other_family_consent(&t, child).await;
        let elsewhere = t.person_in(t.school2, "student").await;
        for id in [other, elsewhere] {
            let r = g.get(t.at(&format!("/family/children/{id}"))).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}: child {id}", t.backend);
        }
        let r = g.get(t.at(&format!("/participants/{child}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // The page is not the curator's.
        let c = t.login("curator").await;
        let r = c.get(t.at("/family")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // Each view of the child is in the child's audit trail.
        let (_, trail) = t.app.audit_trail(&t.curator(t.school1), child).await.unwrap();
        let uid = guardian_name(&t).await;
        assert!(
            trail
                .iter()
                .any(|a| a.event == domain::AuditEvent::FamilyView && a.actor.as_deref() == Some(uid.as_str())),
            "{trail:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn withdrawing_on_the_guardian_page_changes_the_curators_card() {
    each_backend(|t| async move {
        let (guardian, child) = family_ids(&t).await;
        let cid = own_consent(&t, guardian, child).await;
        let c = t.login("curator").await;
        let card = t.page(&c, &format!("/participants/{child}")).await;
        assert_eq!(text_of(&card, "consent-status"), "есть", "{}", t.backend);

        let g = t.login("guardian").await;
        let path = format!("/family/children/{child}/consents/{cid}/withdraw");
        let r = t.post(&g, &path, &[("comment", "переходим в другую школу")]).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        let page = r.text().await.unwrap();
        assert!(text_of(&page, "family-done").contains("Согласие отозвано"), "{page}");
        assert!(text_of(&page, &format!("consent-{cid}")).contains("отозвано"));

        let card = t.page(&c, &format!("/participants/{child}")).await;
        assert_ne!(
            text_of(&card, "consent-status"),
            "есть",
            "the card follows the withdrawal"
        );
        assert!(
            card.contains("переходим в другую школу"),
            "the guardian's words are the basis"
        );
        let err = t.app.consent_gate(&t.curator(t.school1), child).await;
        assert!(err.is_err(), "the gate is closed at once");
        // The same rule as the curator's: a second withdrawal is refused with a message.
        let r = t.post(&g, &path, &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let (_, trail) = t.app.audit_trail(&t.curator(t.school1), child).await.unwrap();
        let uid = guardian_name(&t).await;
        assert!(
            trail
                .iter()
                .any(|a| matches!(a.event, domain::AuditEvent::ConsentWithdraw(_))
                    && a.actor.as_deref() == Some(uid.as_str()))
        );
    })
    .await;
}

#[tokio::test]
async fn a_guardian_cannot_withdraw_anothers_consent() {
    each_backend(|t| async move {
        let (_, child) = family_ids(&t).await;
        let c = t.login("curator").await;
        // The father is linked too and signs his own consent for the same child.
        let birth = (chrono::Utc::now().date_naive() - chrono::Days::new(40 * 366))
            .format("%d.%m.%Y")
            .to_string();
        let r = t
            .post(
                &c,
                "/participants",
                &[
                    ("last_name", "Отцов"),
                    ("first_name", "Ильдар"),
                    ("patronymic", "Ринатович"),
                    ("kind", "parent"),
                    ("birth_date", birth.as_str()),
                ],
            )
            .await;
        let father: i64 = r.headers()["location"]
            .to_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let f = father.to_string();
        let r = t
            .post(
                &c,
                &format!("/participants/{child}/guardians"),
                &[
                    ("guardian_id", f.as_str()),
                    ("relation", "отец"),
                    ("authority_doc", "свидетельство о рождении"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let today = chrono::Utc::now().date_naive().format("%d.%m.%Y").to_string();
        let r = t
            .post(
                &c,
                &format!("/participants/{child}/consents"),
                &[
                    ("kind", "dissemination"),
                    ("guardian_id", f.as_str()),
                    ("given_on", today.as_str()),
                    ("document_ref", "№ 77"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let card = t.app.participant_card(&t.curator(t.school1), child).await.unwrap();
        let fathers = card
            .consents
            .iter()
            .find(|(c, _)| c.guardian_id == Some(father))
            .unwrap()
            .0
            .id;
        let (other, others) = other_family_consent(&t, child).await;

        let g = t.login("guardian").await;
        let page = t.page(&g, "/family").await;
        assert!(
            !page.contains(&format!("consent-{fathers}")),
            "only what the guardian gave"
        );
        for path in [
            format!("/family/children/{child}/consents/{fathers}/withdraw"),
            format!("/family/children/{other}/consents/{others}/withdraw"),
            format!("/family/children/{child}/consents/{others}/withdraw"),
        ] {
            let r = t.post(&g, &path, &[]).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}: {path}", t.backend);
        }
        let still = |id: i64, c: i64| {
            let app = t.app.clone();
            let actor = t.curator(t.school1);
            async move {
                let card = app.participant_card(&actor, id).await.unwrap();
                card.consents.iter().any(|(x, _)| x.id == c && x.withdrawn_on.is_none())
            }
        };
        assert!(
            still(child, fathers).await && still(other, others).await,
            "nothing withdrawn"
        );
    })
    .await;
}

#[tokio::test]
async fn a_link_addressed_to_the_guardian_is_listed_and_answered_signed_in() {
    each_backend(|t| async move {
        let (guardian, child) = family_ids(&t).await;
        let actor = t.curator(t.school1);
        let entry = t
            .app
            .enroll(&actor, child, domain::base::BaseKind::Mentees, &Default::default())
            .await
            .unwrap();
        // Without a consent in force the link asks for it first.
        let cid = own_consent(&t, guardian, child).await;
        t.app
            .withdraw_consent(&actor, child, cid, "заявление матери")
            .await
            .unwrap();
        t.app.questionnaire_link(&actor, entry).await.unwrap();

        let g = t.login("guardian").await;
        let page = t.page(&g, "/family").await;
        let links = text_of(&page, &format!("links-{child}"));
        assert!(
            links.contains("Анкета участника программы наставничества"),
            "{}: {page}",
            t.backend
        );
        let href = crate::helpers::href(&page, &format!("#links-{child} a"));
        assert!(href.starts_with("/family/questionnaires/"), "{href}");

        // Another guardian's account does not find it; the curator's role has no such page.
        t.app
            .create_user(
                "guardian2",
                "Другая Мать Ивановна",
                "demo",
                domain::Role::Guardian,
                t.school1,
            )
            .await
            .unwrap();
        let other = t.login("guardian2").await;
        let r = other.get(t.at(&href)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let curator = t.login("curator").await;
        let r = curator.get(t.at(&href)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // The consent document names the guardian and the child in full.
        let consent = t.page(&g, &href).await;
        let text = text_of(&consent, "consent-document");
        let (me, kid) = (full_name(&t, guardian).await, full_name(&t, child).await);
        assert!(text.contains(&me) && text.contains(&kid), "{text}");
        let r = t.post(&g, &format!("{href}/consent"), &[("agree", "1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let form = t.page(&g, &href).await;
        assert!(form.contains("id=\"questionnaire\""), "{form}");
        assert!(form.contains(&format!("action=\"{href}\"")));
        let r = g
            .post(t.at(&href))
            .form(&[
                ("_csrf", csrf_in(&form).as_str()),
                ("request", "Хочет подтянуть физику"),
                ("subjects", "физика"),
                ("forms", "student_student"),
                ("slots", "2"),
                ("mode", "in_person"),
            ])
            .send()
            .await
            .unwrap();
        let status = r.status();
        let html = r.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(text_of(&html, "q-message").contains("Анкета отправлена"));
        let list = t.page(&curator, "/bases/mentees").await;
        assert!(text_of(&list, "base").contains("Хочет подтянуть физику"));
        // The link is closed and leaves the page; the consent is the guardian's, audited as them.
        let page = t.page(&g, "/family").await;
        assert!(!page.contains(&href));
        let uid = guardian_name(&t).await;
        let (_, trail) = t.app.audit_trail(&actor, child).await.unwrap();
        assert!(
            trail
                .iter()
                .any(|a| matches!(a.event, domain::AuditEvent::QuestionnaireAnswer(_))
                    && a.actor.as_deref() == Some(uid.as_str()))
        );
        assert!(own_consent(&t, guardian, child).await > cid, "a new consent");
    })
    .await;
}

#[tokio::test]
async fn the_electronic_consent_names_people_in_full_and_the_recipients() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let birth = (chrono::Utc::now().date_naive() - chrono::Days::new(35 * 366))
            .format("%d.%m.%Y")
            .to_string();
        let r = t
            .post(
                &c,
                "/participants",
                &[
                    ("last_name", "Хайруллина"),
                    ("first_name", "Гузель"),
                    ("patronymic", "Маратовна"),
                    ("kind", "teacher"),
                    ("position", "учитель математики"),
                    ("subjects", "математика"),
                    ("birth_date", birth.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let id: i64 = r.headers()["location"]
            .to_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let actor = t.curator(t.school1);
        let entry = t
            .app
            .enroll(&actor, id, domain::base::BaseKind::Mentors, &Default::default())
            .await
            .unwrap();
        let link = t.app.questionnaire_link(&actor, entry).await.unwrap();
        let page = t.page(&browser(), &format!("/q/{}", link.token)).await;
        let doc = text_of(&page, "consent-document");
        assert!(doc.contains("Я, Хайруллина Гузель Маратовна,"), "{}: {doc}", t.backend);
        let orgs = t.app.organizations().await.unwrap();
        let school = orgs.iter().find(|o| o.id == t.school1).unwrap();
        let municipality = orgs.iter().find(|o| Some(o.id) == school.parent_id).unwrap();
        assert!(doc.contains(&school.name), "the operator: {doc}");
        let recipients = text_of(&page, "consent-recipients");
        assert!(recipients.contains(&municipality.name), "{recipients}");
        assert!(recipients.contains("муниципальной базы наставников"));
        assert!(!doc.contains("не передаются третьим лицам"), "{doc}");
        assert!(text_of(&page, "consent-withdraw").contains("отозвать"));
        assert!(doc.contains("Цель обработки") && doc.contains("Срок"));
    })
    .await;
}
