//! The storage contract, checked on SQLite and (when configured) PostgreSQL.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{NaiveDate, Utc};
use storage::repo::{orgs, persons, sessions, users};
use storage::testing::each_backend;
use storage::{PersonFields, PersonFilter, StorageError};

fn fields<'a>(key: &'a str, birth: NaiveDate) -> PersonFields<'a> {
    PersonFields {
        last_name: "Иванова".into(),
        first_name: "Мария".into(),
        patronymic: None,
        search_key: key.into(),
        birth_date: Some(birth),
        category: domain::CategoryKind::Student,
        details: "{}".into(),
        grade: Some(7),
        place: "7А".into(),
        phone: None,
        email: None,
        age_exception: false,
    }
}

#[tokio::test]
async fn migrations_run_twice_and_unique_hits_are_typed() {
    each_backend(move |b, store| async move {
        store.migrate().await.unwrap();
        let now = Utc::now();
        let mut tx = store.begin().await.unwrap();
        let region = orgs::create_org(
            &mut tx,
            domain::OrgKind::Region,
            "Регион",
            "Регион",
            None,
            "Europe/Moscow",
            now,
        )
        .await
        .unwrap();
        let region_row = orgs::get_org(&mut tx, region).await.unwrap().unwrap();
        assert_eq!(region_row.region_id, Some(region), "{b}: a region is its own shard key");
        let birth = NaiveDate::from_ymd_opt(2012, 5, 1).unwrap();
        persons::insert(&mut tx, region, region, &fields("иванова мария", birth), now)
            .await
            .unwrap();
        let dup = persons::insert(&mut tx, region, region, &fields("иванова мария", birth), now).await;
        assert!(matches!(dup, Err(StorageError::Duplicate { .. })), "{b}: {dup:?}");
        drop(tx); // rolled back: nothing half-written
        let mut conn = store.read().await.unwrap();
        assert!(orgs::list_orgs(&mut conn).await.unwrap().is_empty(), "{b}");
    })
    .await;
}

#[tokio::test]
async fn list_search_escapes_like_wildcards_and_pages() {
    each_backend(move |b, store| async move {
        let now = Utc::now();
        let mut tx = store.begin().await.unwrap();
        let org = orgs::create_org(&mut tx, domain::OrgKind::Region, "Р", "Р", None, "Europe/Moscow", now)
            .await
            .unwrap();
        for i in 0..7 {
            let key = format!("петров_{i} иван");
            let birth = NaiveDate::from_ymd_opt(2011, 1, 1 + i).unwrap();
            persons::insert(&mut tx, org, org, &fields(&key, birth), now)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        let mut conn = store.read().await.unwrap();
        let f = |q: &str, offset| PersonFilter {
            org_id: org,
            q: Some(q.to_string()),
            today,
            limit: 5,
            offset,
            ..Default::default()
        };
        let (rows, total) = persons::list(&mut conn, &f("петров_", 0)).await.unwrap();
        assert_eq!((rows.len(), total), (5, 7), "{b}");
        let births: Vec<u32> = rows
            .iter()
            .map(|r| chrono::Datelike::day(&r.birth_date.unwrap()))
            .collect();
        assert_eq!(
            births,
            [1, 2, 3, 4, 5],
            "{b}: the page keeps the order of the search key"
        );
        assert_eq!(
            rows[0].consent,
            domain::ConsentStatus::MissingGuardian,
            "{b}: no consents recorded"
        );
        let (rows, _) = persons::list(&mut conn, &f("петров_", 5)).await.unwrap();
        assert_eq!(rows.len(), 2, "{b}: second page");
        // «%» and «_» are literal characters, not wildcards.
        assert_eq!(persons::list(&mut conn, &f("%", 0)).await.unwrap().1, 0, "{b}");
        assert_eq!(persons::list(&mut conn, &f("петров_1", 0)).await.unwrap().1, 1, "{b}");
    })
    .await;
}

#[tokio::test]
async fn disabling_an_account_deletes_its_sessions() {
    each_backend(move |b, store| async move {
        let mut tx = store.begin().await.unwrap();
        let uid = users::create_user(&mut tx, "u", "У", "hash", None, Utc::now())
            .await
            .unwrap();
        let exp = Utc::now().timestamp() + 600;
        assert!(sessions::create(&mut tx, "s1", Some(uid), "{}", exp).await.unwrap());
        assert!(
            !sessions::create(&mut tx, "s1", Some(uid), "{}", exp).await.unwrap(),
            "{b}: ids never collide"
        );
        users::set_active(&mut tx, uid, false).await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        assert!(
            sessions::load(&mut conn, "s1", Utc::now().timestamp())
                .await
                .unwrap()
                .is_none(),
            "{b}"
        );
    })
    .await;
}

/// A whole list (an export) is read on SQLite in packed chunks, a page row by row: both give
/// the same rows in the same order, whatever the sort; the bulk updates change what they
/// name and keep the rest.
#[tokio::test]
async fn a_whole_base_reads_as_its_pages_and_bulk_updates_keep_the_rest() {
    use storage::repo::{bases, consents};
    use storage::{EntryFields, EntryFilter, EntryPlace, NewConsent};
    each_backend(move |b, store| async move {
        let now = Utc::now();
        let today = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        let mut tx = store.begin().await.unwrap();
        let org = orgs::create_org(&mut tx, domain::OrgKind::Region, "Р", "Р", None, "Europe/Moscow", now)
            .await
            .unwrap();
        let mut people = Vec::new();
        for i in 0u32..(2 * 2_000 + 7) {
            let key = format!("ученик {:05}", (i * 7919) % 4007);
            let birth = NaiveDate::from_ymd_opt(2011, 1 + i % 12, 1 + i % 28).unwrap();
            let mut f = fields(&key, birth);
            let place = format!("{}Б", 5 + i % 7);
            f.place = place.as_str().into();
            f.grade = Some(5 + i64::from(i % 7));
            let phone = format!("+7916{i:07}");
            f.phone = i.is_multiple_of(3).then_some(phone.as_str().into());
            people.push(persons::insert(&mut tx, org, org, &f, now).await.unwrap());
        }
        let parent = persons::insert(
            &mut tx,
            org,
            org,
            &fields("мать", NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()),
            now,
        )
        .await
        .unwrap();
        persons::link_guardian(&mut tx, org, people[1], parent, "мать", "паспорт", now)
            .await
            .unwrap();
        for (person, guardian) in [(people[1], Some(parent)), (people[2], None)] {
            let c = NewConsent {
                person_id: person,
                kind: domain::ConsentKind::Processing,
                guardian_id: guardian,
                authority_doc: None,
                purpose: "наставничество".into(),
                given_on: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
                document_ref: "№ 1".into(),
                recorded_by: None,
            };
            consents::insert(&mut tx, org, &c, now).await.unwrap();
        }
        let entry = |i: usize| EntryFields {
            status: ["candidate", "in_base", "in_pair"][i % 3].into(),
            category: i.is_multiple_of(2).then(|| "gifted".into()),
            teacher: i.is_multiple_of(5),
            sensitive: i.is_multiple_of(7),
            request: format!("запрос «{i}» \"в кавычках\"\n\\ и всё"),
            entry_date: i.is_multiple_of(4).then_some(today),
            form: i.is_multiple_of(3).then(|| "teacher_student".into()),
            ..Default::default()
        };
        let place = EntryPlace {
            org_id: org,
            region_id: org,
            start_year: 2025,
            base: "mentees",
        };
        let ids = bases::insert_many(
            &mut tx,
            place,
            people.iter().enumerate().map(|(i, p)| (*p, entry(i))),
            now,
        )
        .await
        .unwrap();
        // A bulk update changes what it names, and nothing of the other entries.
        let changed = bases::update_many(&mut tx, org, [(ids[3], entry(4)), (ids[5], entry(6))], now)
            .await
            .unwrap();
        assert_eq!(changed, 2, "{b}");
        // Answers (JSON text) and the moment they came, as the questionnaire stores them.
        storage::with_db!(&mut tx, c => sqlx::query(
            "UPDATE base_entries SET answers = $1, answered_at = $2 WHERE id = $3")
            .bind("{\"q\": [1, \"два\"]}").bind(now).bind(ids[6]).execute(&mut *c).await.unwrap().rows_affected());
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        for sort in [
            "name",
            "-name",
            "status",
            "-category",
            "place",
            "-place",
            "entry_date",
            "form",
        ] {
            let f = |limit| EntryFilter {
                org_ids: vec![org],
                start_year: 2025,
                base: "mentees".into(),
                sort: sort.into(),
                today,
                limit,
                ..Default::default()
            };
            let all = bases::list(&mut conn, &f(0)).await.unwrap();
            let page = bases::list(&mut conn, &f(100_000)).await.unwrap();
            assert_eq!(all.len(), people.len(), "{b} {sort}");
            assert!(all == page, "{b} {sort}: a whole list differs from its page");
        }
        let all = bases::list(
            &mut conn,
            &EntryFilter {
                org_ids: vec![org],
                start_year: 2025,
                base: "mentees".into(),
                today,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let existing = bases::existing(&mut conn, org, 2025, "mentees").await.unwrap();
        assert_eq!(existing.len(), people.len(), "{b}");
        assert_eq!(existing[&people[3]], (ids[3], entry(4).fingerprint()), "{b}");
        assert_eq!(existing[&people[7]], (ids[7], entry(7).fingerprint()), "{b}");
        assert_ne!(entry(4).fingerprint(), entry(7).fingerprint(), "{b}");
        let one = bases::fields_of(&mut conn, org, 2025, "mentees", people[3])
            .await
            .unwrap();
        assert_eq!(one, Some((ids[3], entry(4))), "{b}");
        assert_eq!(
            bases::fields_of(&mut conn, org, 2024, "mentees", people[3])
                .await
                .unwrap(),
            None,
            "{b}"
        );
        let by_id = |id: i64| all.iter().find(|r| r.id == id).unwrap();
        assert_eq!(
            (by_id(ids[3]).status, by_id(ids[3]).teacher),
            (domain::base::EntryStatus::InBase, false),
            "{b}"
        );
        assert_eq!(by_id(ids[4]).request, entry(4).request, "{b}");
        assert_eq!(
            (
                by_id(ids[6]).answers.as_str(),
                by_id(ids[6]).answered_at.map(|t| t.timestamp_micros())
            ),
            ("{\"q\": [1, \"два\"]}", Some(now.timestamp_micros())),
            "{b}"
        );
        assert_eq!(by_id(ids[1]).guardian_contact.as_deref(), Some("мать: —"), "{b}");
        assert!(
            by_id(ids[1]).guardian_consent.is_some() && by_id(ids[2]).own_consent.is_some(),
            "{b}"
        );
    })
    .await;
}

/// An import's changes of people: a category changes with its class and place, a missing
/// one keeps them, a phone or e-mail only replaces one that is given.
#[tokio::test]
async fn bulk_person_changes_keep_what_they_do_not_name() {
    use storage::persons::PersonChange;
    each_backend(move |b, store| async move {
        let now = Utc::now();
        let mut tx = store.begin().await.unwrap();
        let org = orgs::create_org(&mut tx, domain::OrgKind::Region, "Р", "Р", None, "Europe/Moscow", now)
            .await
            .unwrap();
        let birth = NaiveDate::from_ymd_opt(2012, 5, 1).unwrap();
        let mut f = fields("иванова мария", birth);
        f.phone = Some("+79160000001".into());
        let a = persons::insert(&mut tx, org, org, &f, now).await.unwrap();
        let b_id = persons::insert(&mut tx, org, org, &fields("петрова анна", birth), now)
            .await
            .unwrap();
        let n = persons::update_many(
            &mut tx,
            org,
            [
                PersonChange {
                    id: a,
                    category: Some(("student".into(), "{\"grade\":8}".into(), Some(8), "8В".into())),
                    phone: None,
                    email: Some("a@example.ru".into()),
                },
                PersonChange {
                    id: b_id,
                    category: None,
                    phone: Some("+79160000002".into()),
                    email: None,
                },
            ],
            now,
        )
        .await
        .unwrap();
        assert_eq!(n, 2, "{b}");
        let pa = persons::get(&mut tx, org, a).await.unwrap().unwrap();
        assert_eq!(
            (
                pa.place.as_str(),
                pa.details.as_str(),
                pa.phone.as_deref(),
                pa.email.as_deref()
            ),
            ("8В", "{\"grade\":8}", Some("+79160000001"), Some("a@example.ru")),
            "{b}"
        );
        let pb = persons::get(&mut tx, org, b_id).await.unwrap().unwrap();
        assert_eq!(
            (pb.place.as_str(), pb.phone.as_deref()),
            ("7А", Some("+79160000002")),
            "{b}"
        );
        let (rows, _) = persons::list(
            &mut tx,
            &PersonFilter {
                org_id: org,
                grade: Some(7),
                today: birth,
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(rows.len(), 1, "{b}: the class number stays with the category");
    })
    .await;
}

#[tokio::test]
async fn a_bulk_transaction_still_refuses_a_missing_row_and_leaves_the_keys_on() {
    let link = |minor: i64| storage::NewGuardianship {
        org_id: 1,
        minor_id: minor,
        guardian_id: minor,
        relation: "мать".into(),
        authority_doc: "импорт".into(),
    };
    each_backend(move |b, store| async move {
        let now = Utc::now();
        let mut tx = store.begin().await.unwrap();
        let org = orgs::create_org(&mut tx, domain::OrgKind::Region, "Р", "Р", None, "Europe/Moscow", now)
            .await
            .unwrap();
        assert_eq!(org, 1, "{b}");
        tx.commit().await.unwrap();

        // A guardianship of a person that does not exist: refused by the bulk transaction
        // (SQLite at the check before the commit, PostgreSQL at the insert), nothing written.
        let mut tx = store.begin_bulk().await.unwrap();
        let refused = match persons::link_many(&mut tx, [link(999_999)], now).await {
            Err(e) => Err(e),
            Ok(_) => tx.check_foreign_keys(&["guardianships"]).await,
        };
        assert!(refused.is_err(), "{b}: {refused:?}");
        drop(tx);
        // The same row in an ordinary transaction afterwards: the keys are checked again.
        let mut tx = store.begin().await.unwrap();
        let again = persons::link_many(&mut tx, [link(999_999)], now).await;
        assert!(again.is_err(), "{b}: foreign keys are off after a bulk transaction");
        drop(tx);
        let mut conn = store.read().await.unwrap();
        let n: i64 = match storage::Db::exec(&mut conn) {
            storage::Exec::Sqlite(c) => sqlx::query_scalar("SELECT COUNT(*) FROM guardianships")
                .fetch_one(&mut *c)
                .await
                .unwrap(),
            storage::Exec::Postgres(c) => sqlx::query_scalar("SELECT COUNT(*) FROM guardianships")
                .fetch_one(&mut *c)
                .await
                .unwrap(),
        };
        assert_eq!(n, 0, "{b}");
    })
    .await;
}

#[tokio::test]
async fn a_failure_on_one_backend_does_not_hide_the_other_and_schemas_are_dropped() {
    use std::sync::{Arc, Mutex};
    let ran = Arc::new(Mutex::new(Vec::new()));
    let schemas = Arc::new(Mutex::new(Vec::<String>::new()));
    let (seen, made) = (ran.clone(), schemas.clone());
    let run = storage::testing::catch_panic(each_backend(move |b, store| {
        let (seen, made) = (seen.clone(), made.clone());
        async move {
            seen.lock().unwrap().push(b);
            let mut c = store.read().await.unwrap();
            if let storage::Exec::Postgres(c) = storage::Db::exec(&mut c) {
                let name: String = sqlx::query_scalar("SELECT current_schema()")
                    .fetch_one(&mut *c)
                    .await
                    .unwrap();
                made.lock().unwrap().push(name);
            }
            assert_ne!(b, "sqlite", "a failure on SQLite");
        }
    }));
    assert_eq!(run.await, Err("failed on sqlite".to_string()));
    // Every configured backend ran, the one after the failure too.
    assert_eq!(*ran.lock().unwrap(), storage::testing::backends());
    if let Ok(url) = std::env::var("NASTAVNIK_TEST_DATABASE_URL")
        && !url.is_empty()
    {
        use sqlx::Connection;
        let made = schemas.lock().unwrap().clone();
        assert_eq!(made.len(), 1, "the PostgreSQL run had its own schema: {made:?}");
        let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = $1")
            .bind(&made[0])
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(left, 0, "the test schema {} is dropped", made[0]);
    }
}
