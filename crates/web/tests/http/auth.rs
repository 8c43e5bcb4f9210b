//! Sessions, CSRF, throttling, TOTP and account disabling.

use reqwest::StatusCode;

use crate::helpers::{browser, csrf_in, each_backend};

#[tokio::test]
async fn forged_or_missing_csrf_tokens_are_refused_in_russian() {
    each_backend(|t| async move {
        let c = t.login("curator").await;
        for token in ["", "forged"] {
            let r = c
                .post(t.at("/participants"))
                .form(&[("_csrf", token), ("last_name", "Иванов")])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            assert!(r.text().await.unwrap().contains("Форма устарела"));
        }
        // A cross-site post is stopped before the handler.
        let token = t.csrf(&c).await;
        let r = c
            .post(t.at("/participants"))
            .header("origin", "https://evil.example")
            .header("sec-fetch-site", "cross-site")
            .form(&[("_csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn login_logout_and_session_id_rotation() {
    each_backend(|t| async move {
        let c = browser();
        let page = c.get(t.at("/login")).send().await.unwrap();
        let before = page
            .headers()
            .get("set-cookie")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let html = page.text().await.unwrap();
        let r = c
            .post(t.at("/login"))
            .form(&[
                ("_csrf", csrf_in(&html).as_str()),
                ("login", "curator"),
                ("password", "нет"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.text().await.unwrap().contains("Неверный логин или пароль"));
        let r = t.post_login(&c, "curator", "demo").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let after = r.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
        assert_ne!(
            before.split(';').next(),
            after.split(';').next(),
            "a new session id at login"
        );
        assert!(after.contains("HttpOnly") && after.contains("SameSite=Lax"));
        assert_eq!(c.get(t.at("/dashboard")).send().await.unwrap().status(), StatusCode::OK);
        let token = t.csrf(&c).await;
        c.post(t.at("/logout"))
            .form(&[("_csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        let r = c.get(t.at("/dashboard")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "logged out");
    })
    .await;
}

#[tokio::test]
async fn administrator_must_use_totp_and_then_always_gets_asked() {
    each_backend(|t| async move {
        // First login forces enrollment (the helper enrolls).
        let c = t.login("admin").await;
        assert_eq!(
            c.get(t.at("/organizations")).send().await.unwrap().status(),
            StatusCode::OK
        );
        // The next login asks for a code; a wrong code is refused.
        let c2 = browser();
        let r = t.post_login(&c2, "admin", "demo").await;
        assert_eq!(r.headers()["location"], "/login/totp");
        assert_eq!(
            c2.get(t.at("/organizations")).send().await.unwrap().status(),
            StatusCode::SEE_OTHER,
            "not in before the code"
        );
        let html = t.page(&c2, "/login/totp").await;
        let r = c2
            .post(t.at("/login/totp"))
            .form(&[("_csrf", csrf_in(&html).as_str()), ("code", "000000")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let uid = t.user_id("admin").await;
        let secret = {
            let mut conn = t.app.store.read().await.unwrap();
            storage::repo::users::get_user(&mut conn, uid)
                .await
                .unwrap()
                .unwrap()
                .totp_secret
                .unwrap()
        };
        let code = app::auth::totp_code(&secret).unwrap();
        let html = t.page(&c2, "/login/totp").await;
        let r = c2
            .post(t.at("/login/totp"))
            .form(&[("_csrf", csrf_in(&html).as_str()), ("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            c2.get(t.at("/organizations")).send().await.unwrap().status(),
            StatusCode::OK
        );
    })
    .await;
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_at_once() {
    each_backend(|t| async move {
        let c = t.login("head").await;
        assert_eq!(c.get(t.at("/dashboard")).send().await.unwrap().status(), StatusCode::OK);
        let uid = t.user_id("head").await;
        t.app.set_user_active(uid, false).await.unwrap();
        let r = c.get(t.at("/dashboard")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let login = t.page(&c, "/login?expired=1").await;
        assert!(login.contains("Сеанс завершён"));
        assert!(t.app.login("head", "demo", "127.0.0.1").await.is_err());
    })
    .await;
}

#[tokio::test]
async fn a_user_changes_their_password_and_other_sessions_end() {
    each_backend(|t| async move {
        let here = t.login("mentor").await;
        let elsewhere = t.login("mentor").await;
        let r = t
            .post(
                &here,
                "/account/password",
                &[
                    ("current_password", "неверный"),
                    ("new_password", "новыйпароль1"),
                    ("repeat_password", "новыйпароль1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Текущий пароль введён неверно"));
        let r = t
            .post(
                &here,
                "/account/password",
                &[
                    ("current_password", "demo"),
                    ("new_password", "новыйпароль1"),
                    ("repeat_password", "новыйпароль2"),
                ],
            )
            .await;
        assert!(r.text().await.unwrap().contains("Пароли не совпадают"));
        let r = t
            .post(
                &here,
                "/account/password",
                &[
                    ("current_password", "demo"),
                    ("new_password", "новыйпароль1"),
                    ("repeat_password", "новыйпароль1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", t.backend);
        assert!(
            t.app.login("mentor", "demo", "127.0.0.1").await.is_err(),
            "the old password no longer works"
        );
        assert!(t.app.login("mentor", "новыйпароль1", "127.0.0.1").await.is_ok());
        assert_eq!(
            here.get(t.at("/account")).send().await.unwrap().status(),
            StatusCode::OK,
            "this session stays"
        );
        // The other session is gone from the database; the in-memory copy lives at most 2 s.
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        assert_eq!(
            elsewhere.get(t.at("/account")).send().await.unwrap().status(),
            StatusCode::SEE_OTHER
        );
    })
    .await;
}

#[tokio::test]
async fn reading_pages_does_not_rewrite_the_session() {
    each_backend(|t| async move {
        let c = browser();
        let r = t.post_login(&c, "curator", "demo").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let id = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("nastavnik="))
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_string();
        let stored = || async {
            let mut conn = t.app.store.read().await.unwrap();
            storage::sessions::load(&mut conn, &id, 0)
                .await
                .unwrap()
                .expect("session row")
        };
        assert_eq!(
            c.get(t.at("/participants")).send().await.unwrap().status(),
            StatusCode::OK
        );
        let before = stored().await;
        // Past the store's in-memory read cache, so the session comes from the database again.
        tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
        for _ in 0..3 {
            assert_eq!(
                c.get(t.at("/participants")).send().await.unwrap().status(),
                StatusCode::OK
            );
        }
        let after = stored().await;
        assert_eq!(
            (after.expires_at, &after.data),
            (before.expires_at, &before.data),
            "{}: an unchanged session was written again within a minute",
            t.backend
        );
    })
    .await;
}
