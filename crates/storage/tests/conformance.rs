//! The storage contract, checked on SQLite and (when configured) PostgreSQL.

use chrono::{NaiveDate, Utc};
use storage::repo::{orgs, persons, sessions, users};
use storage::testing::{backends, fresh_store};
use storage::{PersonFields, PersonFilter, StorageError};

fn fields<'a>(key: &'a str, birth: NaiveDate) -> PersonFields<'a> {
    PersonFields {
        last_name: "Иванова",
        first_name: "Мария",
        patronymic: None,
        search_key: key,
        birth_date: birth,
        category: "student",
        details: "{}",
        grade: Some(7),
        place: "7А",
        phone: None,
        email: None,
        age_exception: false,
    }
}

#[tokio::test]
async fn migrations_run_twice_and_unique_hits_are_typed() {
    for b in backends() {
        let store = fresh_store(b).await.unwrap();
        store.migrate().await.unwrap();
        let now = Utc::now();
        let mut tx = store.begin().await.unwrap();
        let region = orgs::create_org(&mut tx, "region", "Регион", "Регион", None, "Europe/Moscow", now)
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
    }
}

#[tokio::test]
async fn list_search_escapes_like_wildcards_and_pages() {
    for b in backends() {
        let store = fresh_store(b).await.unwrap();
        let now = Utc::now();
        let mut tx = store.begin().await.unwrap();
        let org = orgs::create_org(&mut tx, "region", "Р", "Р", None, "Europe/Moscow", now)
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
            adult_cutoff: NaiveDate::from_ymd_opt(2007, 10, 1).unwrap(),
            limit: 5,
            offset,
            ..Default::default()
        };
        let (rows, total) = persons::list(&mut conn, &f("петров_", 0)).await.unwrap();
        assert_eq!((rows.len(), total), (5, 7), "{b}");
        let births: Vec<u32> = rows.iter().map(|r| chrono::Datelike::day(&r.birth_date)).collect();
        assert_eq!(
            births,
            [1, 2, 3, 4, 5],
            "{b}: the page keeps the order of the search key"
        );
        assert!(!rows[0].own_ok && !rows[0].guardian_ok, "{b}: no consents recorded");
        let (rows, _) = persons::list(&mut conn, &f("петров_", 5)).await.unwrap();
        assert_eq!(rows.len(), 2, "{b}: second page");
        // «%» and «_» are literal characters, not wildcards.
        assert_eq!(persons::list(&mut conn, &f("%", 0)).await.unwrap().1, 0, "{b}");
        assert_eq!(persons::list(&mut conn, &f("петров_1", 0)).await.unwrap().1, 1, "{b}");
    }
}

#[tokio::test]
async fn disabling_an_account_deletes_its_sessions() {
    for b in backends() {
        let store = fresh_store(b).await.unwrap();
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
    }
}
