//! Spawning the app and talking to it like a browser or an API client.

use std::net::SocketAddr;

use app::{App, Settings};
use reqwest::{Client, Response, StatusCode};
use storage::testing::{fresh_store, on_each_backend};

/// A running server with the demo school in a fresh database.
pub struct TestApp {
    /// Base URL.
    pub url: String,
    /// Use cases over the same database.
    pub app: App,
    /// Backend name.
    pub backend: &'static str,
    /// First demo school.
    pub school1: i64,
    /// Second demo school.
    pub school2: i64,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Runs `f` against a fresh app on every configured backend.
pub async fn each_backend<F, Fut>(f: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // Each backend's run is reported on its own and its test schema dropped afterwards.
    on_each_backend(spawn, |t| t.app.store.clone(), f).await;
}

/// Starts the server on port 0 over a fresh, demo-seeded database.
pub async fn spawn(backend: &'static str) -> TestApp {
    let store = fresh_store(backend).await.expect("fresh store");
    let app = App::new(
        store,
        Settings {
            totp_required_for_managers: false,
        },
    );
    app.seed_demo(app::demo::Scale::School)
        .await
        .expect("seed")
        .expect("empty db");
    let schools: Vec<_> = app
        .organizations()
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == domain::OrgKind::School)
        .collect();
    let school1 = schools
        .iter()
        .find(|o| o.short_name == "МБОУ СОШ № 17")
        .map(|o| o.id)
        .unwrap();
    let school2 = schools.iter().find(|o| o.id != school1).map(|o| o.id).unwrap();
    serve(app, backend, (school1, school2)).await
}

/// Starts a server over `app`'s database.
async fn serve(app: App, backend: &'static str, (school1, school2): (i64, i64)) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let config = web::WebConfig {
        logins_per_minute: 1000,
        ..Default::default()
    };
    let metrics = metrics_exporter_prometheus::PrometheusBuilder::new()
        .build_recorder()
        .handle();
    let state = web::AppState::new(app.clone(), config, Some(metrics));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(web::serve(listener, state, async {
        let _ = rx.await;
    }));
    TestApp {
        url: format!("http://{addr}"),
        app,
        backend,
        school1,
        school2,
        shutdown: Some(tx),
    }
}

/// A client that keeps cookies and does not follow redirects (so tests see them).
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the first `name="_csrf"` field in a page.
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    html.find(marker)
        .map(|i| html[i + marker.len()..].chars().take_while(|c| *c != '"').collect())
        .unwrap_or_default()
}

/// The text of an element with `id` (first match), tags stripped.
pub fn text_of(html: &str, id: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}

impl TestApp {
    /// Another server over the same database, as after a restart or beside a second
    /// server on one PostgreSQL: it shares nothing with this one but the database.
    pub async fn second_server(&self) -> TestApp {
        let app = App::new(self.app.store.clone(), self.app.settings.clone());
        serve(app, self.backend, (self.school1, self.school2)).await
    }

    /// Full URL of a path.
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Logs a fresh client in with the demo password; admins enroll TOTP on the way.
    pub async fn login(&self, login: &str) -> Client {
        let c = browser();
        let r = self.post_login(&c, login, "demo").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{} login {login}", self.backend);
        if r.headers()["location"] == "/account/totp" {
            let page = self.page(&c, "/account/totp").await;
            let secret = text_of(&page, "totp-secret");
            let code = app::auth::totp_code(&secret).unwrap();
            let r = c
                .post(self.at("/account/totp"))
                .form(&[("_csrf", csrf_in(&page).as_str()), ("code", code.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        c
    }

    /// The HTML of a page as the client sees it.
    pub async fn page(&self, c: &Client, path: &str) -> String {
        c.get(self.at(path)).send().await.unwrap().text().await.unwrap()
    }

    /// Posts the login form from a fresh login page.
    pub async fn post_login(&self, c: &Client, login: &str, password: &str) -> Response {
        let page = self.page(c, "/login").await;
        c.post(self.at("/login"))
            .form(&[
                ("_csrf", csrf_in(&page).as_str()),
                ("login", login),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    /// The CSRF token of a signed-in client.
    pub async fn csrf(&self, c: &Client) -> String {
        csrf_in(&c.get(self.at("/account")).send().await.unwrap().text().await.unwrap())
    }

    /// Posts a form with the client's CSRF token added.
    pub async fn post(&self, c: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf(c).await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        c.post(self.at(path)).form(&all).send().await.unwrap()
    }

    /// The participants list searched for `q` (with more `filters`), as the search box
    /// gives it: POST, then the list's URL with the saved search's id.
    pub async fn search_participants(&self, c: &Client, q: &str, filters: &[(&str, &str)]) -> String {
        let mut fields = vec![("q", q)];
        fields.extend_from_slice(filters);
        let r = self.post(c, "/participants/search", &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", self.backend);
        let list = r.headers()["location"].to_str().unwrap().to_string();
        self.page(c, &list).await
    }

    /// The id of a demo account.
    pub async fn user_id(&self, login: &str) -> i64 {
        self.app.user_id_by_login(login).await.unwrap()
    }

    /// Any person of a school (by list page of its curator's actor).
    pub async fn person_in(&self, org: i64, category: &str) -> i64 {
        let actor = app::Actor {
            user_id: None,
            name: "test".into(),
            role: domain::Role::Curator,
            org_id: org,
            address: "test".into(),
        };
        let q = app::participants::ListQuery {
            category: Some(category.into()),
            ..Default::default()
        };
        self.app.list_participants(&actor, &q).await.unwrap().rows[0].id
    }

    /// A curator actor of a school, for direct use-case calls.
    pub fn curator(&self, org: i64) -> app::Actor {
        app::Actor {
            user_id: None,
            name: "test".into(),
            role: domain::Role::Curator,
            org_id: org,
            address: "t".into(),
        }
    }
}

/// The options of a `<select id=…>`: (value, text).
pub fn options(html: &str, select: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("#{select} option")).unwrap();
    doc.select(&sel)
        .map(|o| {
            (
                o.value().attr("value").unwrap_or_default().to_string(),
                o.text().collect::<String>(),
            )
        })
        .collect()
}

/// The address of the first link a CSS selector finds on a page.
pub fn href(html: &str, css: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string()
}

/// The version a round's page was shown at (its forms post it back).
pub fn version(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=version]").unwrap();
    doc.select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string()
}

/// Every text cell of an XLSX file, row by row.
pub fn xlsx_texts(bytes: &[u8]) -> Vec<String> {
    let grid = documents::read_grid(bytes, Some("export.xlsx")).unwrap();
    grid.rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter_map(|c| match c {
            documents::read::Cell::Text(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}
