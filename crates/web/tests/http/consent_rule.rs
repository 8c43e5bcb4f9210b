//! The consent rule through every surface a curator, a head and a methodist see: the
//! participants list and its filter, the card, the base of mentors with its shown status,
//! the XLSX export, the municipal base and the JSON API's list and card, for each case of `domain::consent_cases`, with
//! the application's clock on the table's day. They must say what the domain says.

use app::Actor;
use app::bases::{BaseQuery, ExportFormat};
use app::participants::ListQuery;
use chrono::{NaiveTime, Utc};
use domain::base::{BaseKind, EntryStatus};
use domain::consent_cases::{CASES, TODAY, date};
use domain::{ConsentStatus, Role};
use storage::repo::bases;
use storage::testing::seed_consent_cases;
use storage::{EntryFields, EntryPlace};

use crate::helpers::{each_backend, xlsx_texts};

#[tokio::test]
async fn every_surface_shows_the_consent_rule_of_the_domain() {
    each_backend(|t| async move {
        let b = t.backend;
        let today = date(TODAY);
        t.app
            .clock
            .set(today.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(9));
        let school = t.school1;
        let now = Utc::now();
        let mut tx = t.app.store.begin().await.unwrap();
        let people = seed_consent_cases(&mut tx, school, now).await.unwrap();
        let place = EntryPlace {
            org_id: school,
            region_id: t
                .app
                .organizations()
                .await
                .unwrap()
                .iter()
                .find(|o| o.id == school)
                .and_then(|o| o.region_id)
                .unwrap_or(school),
            start_year: 2025,
            base: "mentors",
        };
        let waiting = people.iter().map(|(id, _, _)| {
            (
                *id,
                EntryFields {
                    status: "in_base".into(),
                    ..Default::default()
                },
            )
        });
        bases::insert_many(&mut tx, place, waiting, now).await.unwrap();
        tx.commit().await.unwrap();

        let curator = t.curator(school);
        let municipality = t
            .app
            .organizations()
            .await
            .unwrap()
            .iter()
            .find(|o| o.id == school)
            .and_then(|o| o.parent_id)
            .unwrap();
        let methodist = Actor {
            role: Role::MunicipalMethodist,
            org_id: municipality,
            ..t.curator(municipality)
        };
        let year = BaseQuery {
            year: Some("2025".into()),
            ..Default::default()
        };
        let base = t
            .app
            .base_page(
                &curator,
                BaseKind::Mentors,
                &BaseQuery {
                    q: Some("кейс".into()),
                    ..year.clone()
                },
            )
            .await
            .unwrap();
        let export = xlsx_texts(
            &t.app
                .export_base(&curator, BaseKind::Mentors, &year, ExportFormat::Xlsx)
                .await
                .unwrap(),
        );
        let municipal = t
            .app
            .base_page(
                &methodist,
                BaseKind::Mentors,
                &BaseQuery {
                    q: Some("кейс".into()),
                    ..year.clone()
                },
            )
            .await;
        let municipal: Vec<i64> = municipal
            .map(|p| p.rows.iter().map(|r| r.person_id).collect())
            .unwrap_or_default();
        let uid = t.user_id("curator").await;
        let token = t.app.issue_token(uid, Role::Curator, school, "t").await.unwrap();
        let http = reqwest::Client::new();
        let api = |path: String| {
            let r = http.get(t.at(&path)).bearer_auth(&token).send();
            async move { r.await.unwrap().json::<serde_json::Value>().await.unwrap() }
        };
        for (id, last, case) in &people {
            let what = format!("{b} {}", case.name);
            let listed = api(format!("/api/v1/participants?q={last}")).await;
            let item = listed["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == *id)
                .cloned();
            assert_eq!(
                item.map(|r| r["consent"].clone()),
                Some(case.expected.code().into()),
                "{what}: the API's list"
            );
            let card = api(format!("/api/v1/participants/{id}")).await;
            assert_eq!(card["processing"], case.expected.code(), "{what}: the API's card");
            let listed = t
                .app
                .list_participants(
                    &curator,
                    &ListQuery {
                        q: Some(last.clone()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            let row = listed.rows.iter().find(|r| r.id == *id);
            assert_eq!(
                row.map(|r| r.consent),
                Some(case.expected),
                "{what}: the participants list"
            );
            let card = t.app.participant_card(&curator, *id).await.unwrap();
            assert_eq!(card.processing, case.expected, "{what}: the card");
            let shown = EntryStatus::InBase.effective(case.expected);
            let entry = base.rows.iter().find(|r| r.person_id == *id);
            assert_eq!(entry.map(|e| e.status), Some(shown), "{what}: the base of mentors");
            // The consent column gives the covering consent's date, and only then.
            let dates: Vec<String> = case
                .consents
                .iter()
                .map(|c| date(c.given_on).format("%d.%m.%Y").to_string())
                .collect();
            let dated = entry.is_some_and(|e| e.cells.iter().any(|c| dates.contains(c)));
            assert_eq!(
                dated,
                case.expected == ConsentStatus::Valid,
                "{what}: the consent column {:?}",
                entry.map(|e| &e.cells)
            );
            // The export's row of the person ends with the status the list shows.
            let name = format!("{last} Тест");
            let at = export
                .iter()
                .position(|c| *c == name)
                .unwrap_or_else(|| panic!("{what}: not exported"));
            assert!(
                export[at..].iter().take(16).any(|c| c == shown.mentor_label()),
                "{what}: the export shows {:?}",
                &export[at..at + 16]
            );
            let adult = !domain::age::is_minor(date(case.birth), today);
            let in_municipal = municipal.contains(id);
            assert_eq!(
                in_municipal,
                adult && case.expected == ConsentStatus::Valid,
                "{what}: the municipal base"
            );
        }
        // The list's filter counts what the table says.
        let count = |consent: &str| {
            let q = ListQuery {
                q: Some("кейс".into()),
                consent: Some(consent.into()),
                ..Default::default()
            };
            let app = t.app.clone();
            let curator = curator.clone();
            async move { app.list_participants(&curator, &q).await.unwrap().total }
        };
        let n = |s: ConsentStatus| CASES.iter().filter(|c| c.expected == s).count() as i64;
        assert_eq!(count("turned_adult").await, n(ConsentStatus::TurnedAdult), "{b}");
        assert_eq!(count("valid").await, n(ConsentStatus::Valid), "{b}");
    })
    .await;
}
