//! A personalized program's saves on every backend (storage): the note, plan and dates come back
//! as written; a save over an older version is refused naming who saved in between, and
//! nothing is overwritten; every version is kept with who made it; another school's program
//! is not found.

use chrono::{NaiveDate, Utc};
use domain::program::{Note, Period};
use storage::repo::{pairing, programs, users};

use crate::helpers::each_backend;

#[tokio::test]
async fn a_save_over_an_older_version_names_who_saved_in_between() {
    each_backend(|t| async move {
        t.app.seed_demo_pairing().await.unwrap();
        let (curator, mentor) = (t.user_id("curator").await, t.user_id("mentor").await);
        let mut tx = t.app.store.begin().await.unwrap();
        let mentor_name = users::get_user(&mut tx, mentor).await.unwrap().unwrap().display_name;
        let pair = pairing::active_pairs(&mut tx, t.school1).await.unwrap()[0].id;
        let note = Note {
            problem: "трудности с подготовкой к олимпиаде".into(),
            goals: "подготовка к муниципальному этапу".into(),
            mode: Some(domain::base::Mode::Mixed),
            ..Note::default()
        };
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let period = Period {
            start: d(9, 15),
            end: d(12, 20),
        };
        let plan = [domain::program::PlanItem {
            direction: domain::program::Direction::SubjectProfessional,
            activity: "разбор олимпиадных заданий прошлых лет".into(),
            work_form: "практикум".into(),
            from: Some(d(10, 1)),
            to: Some(d(10, 31)),
            responsible: "наставник".into(),
            planned_result: "решено 20 задач".into(),
            done: false,
        }];
        let fields = programs::ProgramFields {
            period,
            length_reason: "",
            note: &note,
            plan: &plan,
        };
        let id = programs::insert(&mut tx, (t.school1, pair), fields, Some(curator), Utc::now())
            .await
            .unwrap();
        let stored = programs::of_pair(&mut tx, t.school1, pair).await.unwrap().unwrap();
        assert_eq!(
            (stored.id, stored.version, &stored.note, stored.period),
            (id, 1, &note, period)
        );
        assert_eq!(stored.plan, plan, "{}: the plan comes back as written", t.backend);

        // The mentor saves over version 1; the curator's form, also shown at 1, is refused.
        let mentors = Note {
            tasks: "разобрать задания прошлых лет".into(),
            ..note.clone()
        };
        let by_mentor = programs::ProgramFields {
            note: &mentors,
            ..fields
        };
        let saved = programs::save(&mut tx, (t.school1, id, 1), by_mentor, Some(mentor), Utc::now())
            .await
            .unwrap();
        assert_eq!(saved, programs::Saved::Done(2), "{}", t.backend);
        let late = programs::save(&mut tx, (t.school1, id, 1), fields, Some(curator), Utc::now())
            .await
            .unwrap();
        match late {
            programs::Saved::Conflict { by, .. } => assert_eq!(by.as_deref(), Some(mentor_name.as_str())),
            other => panic!("{}: {other:?}", t.backend),
        }
        let stored = programs::get(&mut tx, t.school1, id).await.unwrap().unwrap();
        assert_eq!(
            (stored.version, &stored.note),
            (2, &mentors),
            "{}: nothing overwritten",
            t.backend
        );
        let kept = programs::versions(&mut tx, t.school1, id).await.unwrap();
        let who: Vec<(i64, Option<String>)> = kept.into_iter().map(|(v, by, _)| (v, by)).collect();
        assert_eq!(who[0], (2, Some(mentor_name.clone())), "{}", t.backend);
        assert_eq!(who.len(), 2, "{}", t.backend);

        // Another school finds nothing and cannot save it.
        assert!(programs::get(&mut tx, t.school2, id).await.unwrap().is_none());
        let foreign = programs::save(&mut tx, (t.school2, id, 2), fields, None, Utc::now())
            .await
            .unwrap();
        assert_eq!(foreign, programs::Saved::Missing, "{}", t.backend);
        tx.commit().await.unwrap();
    })
    .await;
}
