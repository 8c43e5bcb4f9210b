//! The consent rule's SQL (`storage::consent_rule`) against the domain's function, case by
//! case (`domain::consent_cases`), on SQLite and PostgreSQL: the gate, the school's
//! statuses, the participants list with its filter, and the base lists with their shown
//! status, status filter and municipal filter must all say what the domain says.

use chrono::Utc;
use domain::base::EntryStatus;
use domain::consent_cases::{CASES, TODAY, date};
use domain::{Consent, ConsentKind, ConsentStatus, GivenBy};
use storage::repo::{bases, consents, orgs, persons};
use storage::testing::{backends, fresh_store};
use storage::{ConsentFilter, EntryFields, EntryFilter, EntryPlace, NewConsent, PersonFields, PersonFilter};

fn person<'a>(key: &'a str, last: &'a str, birth: chrono::NaiveDate, category: &'a str) -> PersonFields<'a> {
    PersonFields {
        last_name: last,
        first_name: "Тест",
        patronymic: None,
        search_key: key,
        birth_date: Some(birth),
        category,
        details: "{}",
        grade: None,
        place: "",
        phone: None,
        email: None,
        age_exception: false,
    }
}

/// What one backend says about every case; a mismatch is reported, not panicked on, so
/// that one backend's failure does not hide the other's result.
async fn check(backend: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let store = fresh_store(backend).await.unwrap();
    let now = Utc::now();
    let today = date(TODAY);
    let mut tx = store.begin().await.unwrap();
    let org = orgs::create_org(&mut tx, "school", "Школа", "Школа", None, "Europe/Moscow", now)
        .await
        .unwrap();
    let mut people = Vec::new();
    for (i, case) in CASES.iter().enumerate() {
        let key = format!("случай {i}");
        let id = persons::insert(
            &mut tx,
            org,
            org,
            &person(&key, case.name, date(case.birth), "student"),
            now,
        )
        .await
        .unwrap();
        let linked_key = format!("родитель {i}");
        let linked = persons::insert(
            &mut tx,
            org,
            org,
            &person(&linked_key, "Родитель", date((1980, 1, 1)), "parent"),
            now,
        )
        .await
        .unwrap();
        persons::link_guardian(&mut tx, org, id, linked, "мать", "свидетельство", now)
            .await
            .unwrap();
        let other_key = format!("бывший {i}");
        let other = persons::insert(
            &mut tx,
            org,
            org,
            &person(&other_key, "Бывший", date((1979, 1, 1)), "parent"),
            now,
        )
        .await
        .unwrap();
        let mut domain_consents = Vec::new();
        for c in case.consents {
            let guardian = c.by_guardian.then_some(if c.linked { linked } else { other });
            let new = NewConsent {
                person_id: id,
                kind: "processing",
                guardian_id: guardian,
                authority_doc: guardian.map(|_| "свидетельство"),
                purpose: "наставничество",
                given_on: date(c.given_on),
                document_ref: "№ 1",
                recorded_by: None,
            };
            let cid = consents::insert(&mut tx, org, &new, now).await.unwrap();
            if let Some(w) = c.withdrawn_on {
                assert!(
                    consents::withdraw(&mut tx, org, id, cid, date(w), "заявление")
                        .await
                        .unwrap()
                );
            }
            domain_consents.push(Consent {
                id: cid,
                kind: ConsentKind::Processing,
                given_by: match guardian {
                    Some(g) => GivenBy::Guardian {
                        guardian_id: g,
                        authority_doc: String::new(),
                    },
                    None => GivenBy::Subject,
                },
                purpose: String::new(),
                given_on: date(c.given_on),
                document_ref: String::new(),
                withdrawn_on: c.withdrawn_on.map(date),
            });
        }
        let by_domain = ConsentStatus::of(
            ConsentKind::Processing,
            Some(date(case.birth)),
            &domain_consents,
            &[linked],
            today,
        );
        if by_domain != case.expected {
            wrong.push(format!("{backend} {}: domain says {by_domain:?}", case.name));
        }
        people.push((id, case));
    }
    let place = EntryPlace {
        org_id: org,
        region_id: org,
        start_year: 2025,
        base: "mentees",
    };
    let entries = people.iter().map(|(id, _)| {
        (
            *id,
            EntryFields {
                status: "in_base".into(),
                ..Default::default()
            },
        )
    });
    bases::insert_many(&mut tx, place, entries, now).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = store.read().await.unwrap();
    let all: std::collections::HashMap<i64, ConsentStatus> = persons::consent_statuses(&mut conn, org, today)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let filter = EntryFilter {
        org_ids: vec![org],
        today,
        sort: "name".into(),
        ..Default::default()
    };
    let entries = bases::list(&mut conn, &filter).await.unwrap();
    let whole = bases::list(
        &mut conn,
        &EntryFilter {
            limit: 0,
            ..filter.clone()
        },
    )
    .await
    .unwrap();
    for (id, case) in &people {
        let gate = persons::consent_status(&mut conn, org, *id, today).await.unwrap();
        let listed = persons::list(
            &mut conn,
            &PersonFilter {
                org_id: org,
                q: Some(format!("случай {}", id_index(&people, *id))),
                today,
                limit: 5,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|r| r.id == *id)
        .map(|r| r.consent);
        let entry = entries.iter().find(|e| e.person_id == *id);
        let exported = whole.iter().find(|e| e.person_id == *id);
        let surfaces = [
            ("gate", gate),
            ("school statuses", all.get(id).copied()),
            ("participants list", listed),
            ("base list", entry.map(|e| e.consent)),
            ("whole base", exported.map(|e| e.consent)),
        ];
        for (surface, got) in surfaces {
            if got != Some(case.expected) {
                wrong.push(format!(
                    "{backend} {}: {surface} says {got:?}, expected {:?}",
                    case.name, case.expected
                ));
            }
        }
        let shown = EntryStatus::InBase.effective(case.expected);
        if entry.map(|e| e.shown_status()) != Some(shown) {
            wrong.push(format!(
                "{backend} {}: the base shows {:?}",
                case.name,
                entry.map(|e| e.shown_status())
            ));
        }
    }
    // Filters and counts come to the same numbers as the table.
    let expected = |pred: &dyn Fn(ConsentStatus) -> bool| CASES.iter().filter(|c| pred(c.expected)).count() as i64;
    let count = |consent| PersonFilter {
        org_id: org,
        q: Some("случай".into()),
        today,
        consent: Some(consent),
        limit: 100,
        ..Default::default()
    };
    for (name, f, n) in [
        ("valid", ConsentFilter::Valid, expected(&|s| s == ConsentStatus::Valid)),
        (
            "not valid",
            ConsentFilter::NotValid,
            expected(&|s| s != ConsentStatus::Valid),
        ),
        (
            "turned adult",
            ConsentFilter::Is(ConsentStatus::TurnedAdult),
            expected(&|s| s == ConsentStatus::TurnedAdult),
        ),
    ] {
        let got = persons::list(&mut conn, &count(f)).await.unwrap().1;
        if got != n {
            wrong.push(format!(
                "{backend}: the participants filter «{name}» finds {got}, expected {n}"
            ));
        }
    }
    let waiting = bases::count(
        &mut conn,
        &EntryFilter {
            status: Some("in_base".into()),
            ..filter.clone()
        },
    )
    .await
    .unwrap();
    let municipal = bases::count(
        &mut conn,
        &EntryFilter {
            confirmed_only: true,
            ..filter.clone()
        },
    )
    .await
    .unwrap();
    let valid = expected(&|s| s == ConsentStatus::Valid);
    if (waiting, municipal) != (valid, valid) {
        wrong.push(format!(
            "{backend}: «ожидает пары» counts {waiting}, the municipal base {municipal}; {valid} have a consent"
        ));
    }
    wrong
}

fn id_index(people: &[(i64, &domain::consent_cases::ConsentCase)], id: i64) -> usize {
    people.iter().position(|(p, _)| *p == id).unwrap_or(0)
}

#[tokio::test]
async fn every_surface_of_the_consent_rule_agrees_with_the_domain_on_every_case() {
    let mut wrong = Vec::new();
    for b in backends() {
        wrong.extend(check(b).await);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
