//! Every route × every role against the rule table: a route without a rule cannot exist,
//! and a role without the permission gets 403 (401 for a missing API token).

use domain::{Permission, Role};
use reqwest::{Method, StatusCode};

use crate::helpers::{TestApp, each_backend};

/// Demo login for each role (social_worker is created by the test).
fn login_of(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Head => "head",
        Role::Curator => "curator",
        Role::Coordinator => "coordinator",
        Role::MentorCouncil => "council",
        Role::Mentor => "mentor",
        Role::Mentee => "mentee",
        Role::Guardian => "guardian",
        Role::MunicipalMethodist => "methodist",
        Role::MunicipalTutor => "tutor",
        Role::ClassTeacher => "classteacher",
        Role::Psychologist => "psychologist",
        Role::SocialWorker => "social",
        Role::SchoolSysadmin => "sysadmin",
    }
}

async fn org_of(t: &TestApp, login: &str) -> i64 {
    t.app.login(login, "demo", "127.0.0.1").await.unwrap().roles[0].org_id
}

#[tokio::test]
async fn every_route_times_every_role_follows_the_rule_table() {
    each_backend(|t| async move {
        t.app
            .create_user("social", "Соцпедагогова Анна", "demo", Role::SocialWorker, t.school1)
            .await
            .unwrap();
        let person = t.person_in(t.school1, "student").await;
        let card = t.app.participant_card(&t.curator(t.school1), person).await.unwrap();
        let consent = card.consents.first().map(|c| c.0.id).unwrap_or(1);
        let mut table = web::routes::table();
        // Logging out ends the session: do it last.
        table.sort_by_key(|r| r.path == "/logout");
        assert!(table.len() >= 30, "every route is in the table");
        for role in Role::ALL {
            let login = login_of(role);
            let client = t.login(login).await;
            let org = org_of(&t, login).await;
            let uid = t.app.login(login, "demo", "127.0.0.1").await.unwrap().user.id;
            let token = t.app.issue_token(uid, role, org, "test").await.unwrap();
            for r in &table {
                let path = r
                    .path
                    .replace("{id}", &person.to_string())
                    .replace("{cid}", &consent.to_string());
                let api = path.starts_with("/api/v1");
                let method = Method::from_bytes(r.method.as_str().as_bytes()).unwrap();
                let mut req = client.request(method.clone(), t.at(&path));
                if api {
                    req = req
                        .bearer_auth(&token)
                        .header("content-type", "application/json")
                        .body("{}");
                } else if method == Method::POST {
                    let csrf = t.csrf(&client).await;
                    req = req.form(&[("_csrf", csrf.as_str())]);
                }
                let status = req.send().await.unwrap().status();
                let allowed = role.allows(r.perm);
                let what = format!("{} {:?} {} {}", t.backend, role, r.method, r.path);
                if allowed {
                    // An empty login form is a wrong password (401), not a denied route.
                    let login_form = r.path.starts_with("/login");
                    assert!(
                        status != StatusCode::FORBIDDEN && (status != StatusCode::UNAUTHORIZED || login_form),
                        "{what}: allowed but got {status}"
                    );
                } else {
                    assert_eq!(status, StatusCode::FORBIDDEN, "{what}: denied must be 403");
                }
            }
        }
        // Anonymous: pages redirect to login, the API answers 401; public routes answer.
        let anon = crate::helpers::browser();
        for r in &table {
            let path = r.path.replace("{id}", &person.to_string()).replace("{cid}", "1");
            let method = Method::from_bytes(r.method.as_str().as_bytes()).unwrap();
            let status = anon.request(method, t.at(&path)).send().await.unwrap().status();
            if r.perm == Permission::Public {
                // A questionnaire or choice link with a made-up token answers «not found».
                if ["/q/", "/c/", "/r/"].iter().any(|p| r.path.starts_with(p)) {
                    assert!(status == StatusCode::NOT_FOUND || r.method != "GET", "{path}");
                } else if r.method == "GET" && r.path != "/login/totp" {
                    assert_eq!(status, StatusCode::OK, "{path}");
                }
            } else if path.starts_with("/api/") {
                assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            } else {
                assert_eq!(
                    status,
                    StatusCode::SEE_OTHER,
                    "{path}: anonymous goes to the login page"
                );
            }
        }
    })
    .await;
}

#[tokio::test]
async fn unknown_routes_are_404_in_russian() {
    each_backend(|t| async move {
        let r = reqwest::get(t.at("/no/such/page")).await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.unwrap().contains("Страница не найдена"));
    })
    .await;
}
