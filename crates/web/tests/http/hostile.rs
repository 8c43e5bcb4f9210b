//! The hostile corpus through the web upload, on every backend: each file gets its Russian
//! refusal on the import page, nothing is written, and the process (server, database
//! driver, import) stays within its memory budget.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{TestApp, csrf_in, each_backend};

#[path = "../../../documents/tests/hostile/mod.rs"]
pub mod corpus;

/// Uploads `bytes` as a student list; the job's page once it stops refreshing itself.
async fn checked(t: &TestApp, c: &reqwest::Client, name: &str, bytes: Vec<u8>) -> String {
    let page = t.page(c, "/import").await;
    let form = Form::new()
        .text("_csrf", csrf_in(&page))
        .text("kind", "students")
        .text("year", "2025/2026")
        .part("file", Part::bytes(bytes).file_name(name.to_string()));
    let r = c.post(t.at("/import")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let job = r.headers()["location"].to_str().unwrap().to_string();
    for _ in 0..600 {
        let html = t.page(c, &job).await;
        if !html.contains("http-equiv=\"refresh\"") {
            return html;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{}: the check of {name} did not finish", t.backend);
}

async fn people(t: &TestApp) -> usize {
    let mut c = t.app.store.read().await.unwrap();
    storage::repo::persons::identities(&mut c, t.school1)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn hostile_uploads_are_refused_by_name_and_write_nothing() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let before = people(&t).await;
        for case in corpus::corpus() {
            let html = checked(&t, &c, case.file_name, case.bytes).await;
            assert!(
                html.contains(case.refusal),
                "{}: {}: the page does not say «{}»",
                t.backend,
                case.name,
                case.refusal
            );
            assert!(
                !html.contains("id=\"commit\""),
                "{}: {}: offered to commit",
                t.backend,
                case.name
            );
        }
        assert_eq!(people(&t).await, before, "{}: nothing was written", t.backend);
    })
    .await;
    let peak = corpus::peak_rss_mb();
    eprintln!("hostile corpus through the web upload, both backends: peak RSS {peak} MB");
    assert!(
        peak < corpus::MAX_PEAK_RSS_MB,
        "peak RSS of the server's process: {peak} MB"
    );
}

#[tokio::test]
async fn a_card_opens_while_another_writer_holds_the_database_and_its_view_is_audited_after() {
    each_backend(|t| async move {
        let c = t.login("head").await;
        let id = t.person_in(t.school1, "student").await;
        let card = format!("/participants/{id}");
        assert_eq!(c.get(t.at(&card)).send().await.unwrap().status(), StatusCode::OK);
        let views = || async {
            let (_, trail) = t.app.audit_trail(&t.curator(t.school1), id).await.unwrap();
            trail.iter().filter(|e| e.event == domain::AuditEvent::View).count()
        };
        let before = views().await;
        // A long import's transaction: on SQLite, the one writer is taken until it ends.
        let held = t.app.store.begin_bulk().await.unwrap();
        let r = c
            .get(t.at(&card))
            .timeout(std::time::Duration::from_secs(3))
            .send()
            .await
            .expect("the card answers while the writer is busy");
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        drop(held);
        // The view is written once the writer is free, not lost.
        for _ in 0..100 {
            if views().await > before {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("{}: the card view was not audited", t.backend);
    })
    .await;
}
