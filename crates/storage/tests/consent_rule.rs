//! The consent rule's SQL (`storage::consent_rule`) against the table the domain's function
//! passes (`domain::consent_cases`), on SQLite and PostgreSQL: the gate, the school's
//! statuses, the participants list with its filter, and the base lists with their shown
//! status, status filter and municipal filter must all say what the domain says.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;
use domain::ConsentStatus;
use domain::base::EntryStatus;
use domain::consent_cases::{CASES, TODAY, date};
use storage::repo::{bases, orgs, persons};
use storage::testing::{each_backend, seed_consent_cases};
use storage::{ConsentFilter, EntryFields, EntryFilter, EntryPlace, PersonFilter, Store};

/// What one backend says about every case: every mismatch, not only the first.
async fn check(backend: &str, store: Store) -> Vec<String> {
    let mut wrong = Vec::new();
    let now = Utc::now();
    let today = date(TODAY);
    let mut tx = store.begin().await.unwrap();
    let org = orgs::create_org(
        &mut tx,
        domain::OrgKind::School,
        "Школа",
        "Школа",
        None,
        "Europe/Moscow",
        now,
    )
    .await
    .unwrap();
    let people = seed_consent_cases(&mut tx, org, now).await.unwrap();
    let place = EntryPlace {
        org_id: org,
        region_id: org,
        start_year: 2025,
        base: "mentees",
    };
    let entries = people.iter().map(|(id, _, _)| {
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
    for (id, last, case) in &people {
        let gate = persons::consent_status(&mut conn, org, *id, today).await.unwrap();
        let listed = persons::list(
            &mut conn,
            &PersonFilter {
                org_id: org,
                q: Some(domain::search_key(last)),
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
        q: Some("кейс".into()),
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

#[tokio::test]
async fn every_surface_of_the_consent_rule_agrees_with_the_domain_on_every_case() {
    each_backend(|b, store| async move {
        let wrong = check(b, store).await;
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    })
    .await;
}
