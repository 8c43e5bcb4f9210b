//! API tokens carry no more rights than their account holds at the moment of the request;
//! a role taken away or a password changed ends them; the account lists and revokes its own.

use domain::{AuditAction, Role};
use reqwest::StatusCode;

use crate::helpers::{TestApp, browser, each_backend};

/// The status of `GET /api/v1/me` with a bearer token.
async fn me(t: &TestApp, token: &str) -> StatusCode {
    browser()
        .get(t.at("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_token_stops_at_once_when_its_role_is_taken_away() {
    each_backend(|t| async move {
        let uid = t.user_id("curator").await;
        let token = t.app.issue_token(uid, Role::Curator, t.school1, "sync").await.unwrap();
        assert_eq!(me(&t, &token).await, StatusCode::OK);
        // The role row alone goes (as another server or a manual fix would do it): the
        // token is checked against the account's roles at each request.
        {
            let mut tx = t.app.store.begin().await.unwrap();
            storage::repo::users::remove_role(&mut tx, uid, "curator", t.school1)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        assert_eq!(me(&t, &token).await, StatusCode::UNAUTHORIZED, "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn removing_a_role_ends_the_accounts_sessions_and_tokens_and_is_audited() {
    each_backend(|t| async move {
        let c = t.login("head").await;
        assert_eq!(c.get(t.at("/dashboard")).send().await.unwrap().status(), StatusCode::OK);
        let uid = t.user_id("head").await;
        let token = t.app.issue_token(uid, Role::Head, t.school1, "reports").await.unwrap();
        let operator = app::Actor::operator(t.school1);
        t.app.remove_role(&operator, uid, Role::Head, t.school1).await.unwrap();
        assert_eq!(me(&t, &token).await, StatusCode::UNAUTHORIZED, "{}", t.backend);
        // The rights go at once (the account is re-read); the session itself is gone from
        // the database, and the in-memory copy lives at most 2 s.
        let r = c.get(t.at("/dashboard")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", t.backend);
        tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
        let r = c.get(t.at("/dashboard")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "the session ended");
        // Giving the role back does not bring the revoked token back.
        {
            let mut tx = t.app.store.begin().await.unwrap();
            storage::repo::users::assign_role(&mut tx, uid, "head", t.school1)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        assert_eq!(me(&t, &token).await, StatusCode::UNAUTHORIZED);
        let mut conn = t.app.store.read().await.unwrap();
        let trail = storage::repo::audit::of_action(&mut conn, t.school1, AuditAction::RoleRemove, 5)
            .await
            .unwrap();
        assert_eq!(
            trail.first().map(|r| r.event.clone()),
            Some(domain::AuditEvent::RoleRemove {
                user: uid,
                role: Role::Head
            })
        );
        // A role the account does not hold is «not found»; a curator may not remove roles.
        assert!(matches!(
            t.app.remove_role(&operator, uid, Role::Psychologist, t.school1).await,
            Err(app::AppError::NotFound)
        ));
        let curator = app::Actor {
            role: Role::Curator,
            ..operator.clone()
        };
        assert!(matches!(
            t.app.remove_role(&curator, uid, Role::Head, t.school1).await,
            Err(app::AppError::Forbidden)
        ));
    })
    .await;
}

#[tokio::test]
async fn a_password_change_ends_the_accounts_tokens() {
    each_backend(|t| async move {
        let uid = t.user_id("mentor").await;
        let roles = t.app.login("mentor", "demo", "127.0.0.1").await.unwrap().roles;
        let role = Role::from_code(&roles[0].role).unwrap();
        let token = t.app.issue_token(uid, role, roles[0].org_id, "phone").await.unwrap();
        assert_eq!(me(&t, &token).await, StatusCode::OK);
        let c = t.login("mentor").await;
        let r = t
            .post(
                &c,
                "/account/password",
                &[
                    ("current_password", "demo"),
                    ("new_password", "новыйпароль1"),
                    ("repeat_password", "новыйпароль1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(me(&t, &token).await, StatusCode::UNAUTHORIZED, "{}", t.backend);
    })
    .await;
}

#[tokio::test]
async fn the_tokens_page_lists_and_revokes_ones_own_tokens_only() {
    each_backend(|t| async move {
        let uid = t.user_id("curator").await;
        let mine = t
            .app
            .issue_token(uid, Role::Curator, t.school1, "выгрузка-1С")
            .await
            .unwrap();
        let head = t.user_id("head").await;
        let theirs = t.app.issue_token(head, Role::Head, t.school1, "отчёты").await.unwrap();
        assert_eq!(me(&t, &mine).await, StatusCode::OK);
        let c = t.login("curator").await;
        let page = t.page(&c, "/account").await;
        assert!(page.contains("href=\"/account/tokens\""));
        let page = t.page(&c, "/account/tokens").await;
        assert!(
            page.contains("выгрузка-1С") && !page.contains("отчёты"),
            "{}",
            t.backend
        );
        assert!(page.contains("Куратор") || page.contains("куратор"));
        let tokens = t.app.tokens_of(uid).await.unwrap();
        let id = tokens[0].id;
        assert!(tokens[0].last_used_at.is_some(), "the use is noted");
        let their_id = t.app.tokens_of(head).await.unwrap()[0].id;
        // Without the form's token nothing happens.
        let r = c
            .post(t.at(&format!("/account/tokens/{id}/revoke")))
            .form(&[("_csrf", "forged")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(me(&t, &mine).await, StatusCode::OK);
        // Another account's token is not found and keeps working.
        let r = t.post(&c, &format!("/account/tokens/{their_id}/revoke"), &[]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(me(&t, &theirs).await, StatusCode::OK);
        let r = t.post(&c, &format!("/account/tokens/{id}/revoke"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(me(&t, &mine).await, StatusCode::UNAUTHORIZED);
        let page = t.page(&c, "/account/tokens").await;
        assert!(page.contains("отозван"));
        assert!(!page.contains(&format!("/account/tokens/{id}/revoke")));
        let mut conn = t.app.store.read().await.unwrap();
        let trail = storage::repo::audit::of_action(&mut conn, t.school1, AuditAction::TokenRevoke, 5)
            .await
            .unwrap();
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].event, domain::AuditEvent::TokenRevoke(id));
        assert_eq!(trail[0].address, "127.0.0.1");
    })
    .await;
}
