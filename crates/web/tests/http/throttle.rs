//! Login throttling: the same answers for unknown and known logins, growing delays per
//! login and address kept in the database, and no way for a stranger to lock anyone out.

use chrono::{Duration, Utc};
use reqwest::{Client, StatusCode};

use crate::helpers::{TestApp, browser, csrf_in, each_backend, text_of};

/// What a login attempt answers: status, the message shown and `Retry-After`.
async fn attempt(t: &TestApp, c: &Client, login: &str, password: &str) -> (StatusCode, String, Option<String>) {
    let r = t.post_login(c, login, password).await;
    let status = r.status();
    let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    let html = r.text().await.unwrap();
    (status, text_of(&html, "login-error"), retry)
}

#[tokio::test]
async fn unknown_and_known_logins_get_the_same_answers_and_delays() {
    each_backend(|t| async move {
        let start = Utc::now();
        let mut seen = Vec::new();
        for login in ["curator", "nobody-here"] {
            t.app.clock.set(start);
            let c = browser();
            let mut answers = Vec::new();
            for _ in 0..6 {
                answers.push(attempt(&t, &c, login, "wrong-password").await);
            }
            // After the delay the next wrong password is checked again and doubles the delay.
            t.app.clock.set(start + Duration::seconds(2));
            answers.push(attempt(&t, &c, login, "wrong-password").await);
            answers.push(attempt(&t, &c, login, "demo").await);
            seen.push(answers);
        }
        assert_eq!(
            seen[0], seen[1],
            "{}: an unknown login answers like a known one",
            t.backend
        );
        let answers = &seen[0];
        for a in &answers[..5] {
            assert_eq!(
                (a.0, a.1.as_str(), a.2.as_deref()),
                (StatusCode::UNAUTHORIZED, "Неверный логин или пароль.", None)
            );
        }
        let throttled = |a: &(StatusCode, String, Option<String>), secs: &str| {
            assert_eq!(a.0, StatusCode::TOO_MANY_REQUESTS, "{}", t.backend);
            assert_eq!(a.1, "Слишком много попыток входа. Повторите через 1 мин.");
            assert_eq!(a.2.as_deref(), Some(secs));
        };
        throttled(&answers[5], "1");
        assert_eq!(answers[6].0, StatusCode::UNAUTHORIZED, "checked again after the delay");
        throttled(&answers[7], "2");
        // Once the delay is over the right password opens the account and clears the count.
        t.app.clock.set(start + Duration::seconds(5));
        let c = browser();
        assert_eq!(
            t.post_login(&c, "curator", "demo").await.status(),
            StatusCode::SEE_OTHER
        );
        for _ in 0..4 {
            assert_eq!(attempt(&t, &c, "curator", "wrong").await.0, StatusCode::UNAUTHORIZED);
        }
    })
    .await;
}

#[tokio::test]
async fn a_stranger_cannot_lock_a_curator_out() {
    each_backend(|t| async move {
        let start = Utc::now();
        t.app.clock.set(start);
        // The curator works from their usual address.
        let _ = t.login("curator").await;
        // A stranger guesses from one address, then from forty.
        for _ in 0..12 {
            let _ = t.app.login("curator", "guess", "203.0.113.7").await;
        }
        for i in 0..40 {
            let r = t.app.login("curator", "guess", &format!("198.51.100.{i}")).await;
            assert!(matches!(
                r,
                Err(app::AppError::BadCredentials | app::AppError::Throttled { .. })
            ));
        }
        assert!(matches!(
            t.app.login("curator", "demo", "203.0.113.7").await,
            Err(app::AppError::Throttled { .. })
        ));
        // The curator's own address is not slowed at all.
        let c = browser();
        assert_eq!(
            t.post_login(&c, "curator", "demo").await.status(),
            StatusCode::SEE_OTHER,
            "{}",
            t.backend
        );
        assert_eq!(c.get(t.at("/dashboard")).send().await.unwrap().status(), StatusCode::OK);
        // From a new address the account is slowed by at most a minute, never locked.
        match t.app.login("curator", "demo", "192.0.2.50").await {
            Err(app::AppError::Throttled { retry_after_secs }) => assert!(retry_after_secs <= 60),
            other => panic!("{}: slowed from a new address, got {other:?}", t.backend),
        }
        t.app.clock.set(start + Duration::seconds(61));
        assert!(t.app.login("curator", "demo", "192.0.2.50").await.is_ok());
    })
    .await;
}

#[tokio::test]
async fn the_throttle_survives_a_restart_and_holds_on_a_second_server() {
    each_backend(|t| async move {
        let start = Utc::now();
        t.app.clock.set(start);
        let c = browser();
        for _ in 0..6 {
            let _ = attempt(&t, &c, "head", "wrong").await;
        }
        let other = t.second_server().await;
        other.app.clock.set(start);
        let c2 = browser();
        let (status, text, retry) = attempt(&other, &c2, "head", "demo").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{}", t.backend);
        assert!(text.starts_with("Слишком много попыток входа"));
        assert_eq!(retry.as_deref(), Some("1"));
        other.app.clock.set(start + Duration::seconds(2));
        assert_eq!(
            other.post_login(&c2, "head", "demo").await.status(),
            StatusCode::SEE_OTHER
        );
    })
    .await;
}

#[tokio::test]
async fn totp_code_failures_count_like_wrong_passwords() {
    each_backend(|t| async move {
        let _ = t.login("admin").await; // enrolls TOTP
        let start = Utc::now();
        t.app.clock.set(start);
        let c = browser();
        let r = t.post_login(&c, "admin", "demo").await;
        assert_eq!(r.headers()["location"], "/login/totp");
        let mut statuses = Vec::new();
        for _ in 0..6 {
            let html = t.page(&c, "/login/totp").await;
            let r = c
                .post(t.at("/login/totp"))
                .form(&[("_csrf", csrf_in(&html).as_str()), ("code", "000000")])
                .send()
                .await
                .unwrap();
            statuses.push(r.status());
            if r.status() == StatusCode::TOO_MANY_REQUESTS {
                assert_eq!(r.headers()["retry-after"], "1");
                let html = r.text().await.unwrap();
                assert_eq!(
                    text_of(&html, "login-error"),
                    "Слишком много попыток входа. Повторите через 1 мин."
                );
            }
        }
        assert_eq!(statuses[..5], [StatusCode::UNAUTHORIZED; 5], "{}", t.backend);
        assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS);
        // The password alone does not clear the count of code guesses: once the delay is
        // over, the next wrong code doubles it.
        t.app.clock.set(start + Duration::seconds(2));
        let c2 = browser();
        let r = t.post_login(&c2, "admin", "demo").await;
        assert_eq!(r.headers()["location"], "/login/totp", "{}", t.backend);
        let mut statuses = Vec::new();
        for _ in 0..2 {
            let html = t.page(&c2, "/login/totp").await;
            let r = c2
                .post(t.at("/login/totp"))
                .form(&[("_csrf", csrf_in(&html).as_str()), ("code", "000000")])
                .send()
                .await
                .unwrap();
            statuses.push((r.status(), r.headers().get("retry-after").cloned()));
        }
        assert_eq!(statuses[0].0, StatusCode::UNAUTHORIZED);
        assert_eq!(statuses[1].0, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(statuses[1].1.as_ref().unwrap(), "2");
    })
    .await;
}

#[tokio::test]
async fn counts_are_forgotten_a_day_after_the_last_failure() {
    each_backend(|t| async move {
        let start = Utc::now();
        t.app.clock.set(start);
        for _ in 0..5 {
            let _ = t.app.login("mentor", "wrong", "203.0.113.9").await;
        }
        assert!(matches!(
            t.app.login("mentor", "wrong", "203.0.113.9").await,
            Err(app::AppError::Throttled { .. })
        ));
        // A day later the count starts again: four more failures are not slowed.
        t.app.clock.set(start + Duration::hours(25));
        for _ in 0..4 {
            assert!(matches!(
                t.app.login("mentor", "wrong", "203.0.113.9").await,
                Err(app::AppError::BadCredentials)
            ));
        }
        // The periodic sweep deletes stale counters (its SQL runs on both databases) and
        // leaves the live ones: the fifth failure in a row still slows the address.
        t.app.sweep_expired().await.unwrap();
        let _ = t.app.login("mentor", "wrong", "203.0.113.9").await;
        assert!(matches!(
            t.app.login("mentor", "demo", "203.0.113.9").await,
            Err(app::AppError::Throttled { .. })
        ));
        t.app.clock.set(start + Duration::hours(25) + Duration::seconds(2));
        assert!(
            t.app.login("mentor", "demo", "203.0.113.9").await.is_ok(),
            "{}",
            t.backend
        );
    })
    .await;
}
