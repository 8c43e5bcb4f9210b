//! Import jobs live in the database, on every backend: a job started on one server is seen
//! and committed on another (a restart, or two servers on one PostgreSQL); only the account
//! that uploaded the file sees it; an expired job is gone; a check cut off by a stop says so
//! and checks the stored file again.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{TestApp, csrf_in, each_backend, text_of};

fn students(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from("Фамилия;Имя;Отчество;Дата рождения;Класс;ФИО родителя;Телефон родителя\r\n");
    for r in rows {
        text.push_str(r);
        text.push_str("\r\n");
    }
    encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
}

/// Uploads a clean student list; the job's page path.
async fn start(t: &TestApp, c: &reqwest::Client) -> String {
    let page = t.page(c, "/import").await;
    let file = students(&["Рестартова;Вера;Ильинична;05.03.2013;7А;Рестартова Ольга Ивановна;+79161112233"]);
    let form = Form::new()
        .text("_csrf", csrf_in(&page))
        .text("kind", "students")
        .text("year", "2025/2026")
        .part("file", Part::bytes(file).file_name("ученики.csv"));
    let r = c.post(t.at("/import")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
    let job = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        job.starts_with("/import/") && job.len() >= "/import/".len() + 32,
        "{job}"
    );
    job
}

/// The job's page once it stops refreshing itself.
async fn settled(t: &TestApp, c: &reqwest::Client, job: &str) -> String {
    for _ in 0..600 {
        let html = t.page(c, job).await;
        if !html.contains("http-equiv=\"refresh\"") {
            return html;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{}: the job did not finish", t.backend);
}

async fn pupils_named(t: &TestApp, name: &str) -> usize {
    let mut c = t.app.store.read().await.unwrap();
    let key = domain::search_key(name);
    storage::repo::persons::identities(&mut c, t.school1)
        .await
        .unwrap()
        .iter()
        .filter(|i| i.search_key == key)
        .count()
}

#[tokio::test]
async fn a_job_started_on_one_server_is_committed_on_another_once_and_only_by_its_owner() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let job = start(&t, &c).await;
        let html = settled(&t, &c, &job).await;
        assert!(
            html.contains("id=\"commit\""),
            "{}: a clean check offers the commit",
            t.backend
        );

        // A second server over the same database knows nothing of the first one's memory.
        let b = t.second_server().await;
        let cb = b.login("curator").await;
        let html = settled(&b, &cb, &job).await;
        assert!(
            text_of(&html, "verdict").contains("Проверка пройдена"),
            "{}: {}",
            t.backend,
            text_of(&html, "verdict")
        );
        assert_eq!(
            pupils_named(&t, "Рестартова Вера Ильинична").await,
            0,
            "checked, not written"
        );

        // Another account of the same school, and a curator of another school: not found.
        for login in ["coordinator", "curator2"] {
            let other = b.login(login).await;
            let r = other.get(b.at(&job)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}: {login} sees the job", t.backend);
            let r = b.post(&other, &format!("{job}/commit"), &[]).await;
            assert_eq!(
                r.status(),
                StatusCode::NOT_FOUND,
                "{}: {login} commits the job",
                t.backend
            );
        }
        assert_eq!(pupils_named(&t, "Рестартова Вера Ильинична").await, 0);

        // The owner commits on the second server; a second click writes nothing more.
        let r = b.post(&cb, &format!("{job}/commit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let html = settled(&b, &cb, &job).await;
        assert!(
            text_of(&html, "verdict").contains("Записано"),
            "{}: {html:.2000}",
            t.backend
        );
        assert_eq!(pupils_named(&t, "Рестартова Вера Ильинична").await, 1, "{}", t.backend);
        let r = b.post(&cb, &format!("{job}/commit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let html = settled(&t, &c, &job).await;
        assert!(
            text_of(&html, "verdict").contains("Записано"),
            "the first server shows it too"
        );
        assert_eq!(pupils_named(&t, "Рестартова Вера Ильинична").await, 1, "written once");

        // Expired: gone from every server, and the sweep deletes it.
        let mut tx = t.app.store.begin().await.unwrap();
        storage::testing::expire_jobs_and_searches(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        for s in [&t, &b] {
            let r = c.get(s.at(&job)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{}: an expired job", t.backend);
        }
        t.app.sweep_expired().await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_check_cut_off_by_a_stop_says_so_and_checks_the_stored_file_again() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        let job = start(&t, &c).await;
        settled(&t, &c, &job).await;
        // As a server that stopped in the middle of the check leaves the job.
        let mut tx = t.app.store.begin().await.unwrap();
        storage::testing::cut_off_jobs(&mut tx).await.unwrap();
        tx.commit().await.unwrap();

        // The next server to start marks it interrupted.
        let b = t.second_server().await;
        let cb = b.login("curator").await;
        let html = settled(&b, &cb, &job).await;
        let failure = text_of(&html, "import-failure");
        assert!(failure.contains("сервер перезапускался"), "{}: {failure:?}", t.backend);
        assert!(failure.contains("ничего не записано"), "{failure:?}");
        assert!(html.contains("id=\"check-again\""), "{}", t.backend);
        assert!(!html.contains("id=\"commit\""), "no commit without a report");

        // «Проверить снова» checks the stored file: no new upload.
        let r = b.post(&cb, &format!("{job}/check"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", t.backend);
        let html = settled(&b, &cb, &job).await;
        assert!(html.contains("id=\"commit\""), "{}: {html:.2000}", t.backend);
    })
    .await;
}
