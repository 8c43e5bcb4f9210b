//! A real browser (Debian chromium + chromedriver): the curator adds a pupil with a
//! guardian and the guardian's consent, then finds the pupil in the list.
//! Runs when `NASTAVNIK_BROWSER_TESTS=1` (set by `scripts/test.sh`).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{ClientBuilder, Locator};

/// The chromedriver process, stopped on drop.
pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn years_ago(y: i32) -> String {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    (today.with_year(today.year() - y).unwrap_or(today) - chrono::Days::new(10))
        .format("%d.%m.%Y")
        .to_string()
}

/// Signs `login` in with the demo password on the login page of `base` (cookies of an
/// earlier account are dropped first) and waits for the signed-in page.
pub(crate) async fn sign_in(b: &fantoccini::Client, base: &str, login: &str) {
    use fantoccini::Locator;
    b.delete_all_cookies().await.unwrap();
    b.goto(&format!("{base}/login")).await.unwrap();
    for (id, value) in [("login", login), ("password", "demo")] {
        b.find(Locator::Id(id)).await.unwrap().send_keys(value).await.unwrap();
    }
    b.find(Locator::Css("form[action$='/login'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait()
        .for_element(Locator::XPath("//button[contains(., 'Выйти')]"))
        .await
        .unwrap();
}

/// A headless chromium driven over WebDriver; `None` unless `NASTAVNIK_BROWSER_TESTS=1`.
pub(crate) async fn open_browser() -> Option<(Driver, fantoccini::Client, std::path::PathBuf)> {
    if std::env::var("NASTAVNIK_BROWSER_TESTS").as_deref() != Ok("1") {
        eprintln!("browser test skipped: set NASTAVNIK_BROWSER_TESTS=1 (scripts/test.sh does)");
        return None;
    }
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let driver = Driver(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (run scripts/ensure-browser.sh)"),
    );
    let profile = std::env::temp_dir().join(format!("nastavnik-chrome-{port}"));
    let caps: serde_json::Map<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.display())]
        }
    }))
    .unwrap();
    for _ in 0..50 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return Some((driver, c, profile)),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    panic!("chromedriver does not answer");
}

#[tokio::test]
async fn curator_adds_pupil_with_guardian_and_consent_in_a_real_browser() {
    let Some((_driver, b, profile)) = open_browser().await else {
        return;
    };
    let t = crate::helpers::spawn("sqlite").await;
    let fill = |id: &'static str, v: String| {
        let b = b.clone();
        async move {
            let e = b.find(Locator::Id(id)).await.unwrap();
            e.clear().await.unwrap();
            e.send_keys(&v).await.unwrap();
        }
    };
    let submit = |form_action: &'static str| {
        let b = b.clone();
        async move {
            b.find(Locator::Css(&format!(
                "form[action$='{form_action}'] button[type=submit]"
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        }
    };

    b.goto(&t.at("/login")).await.unwrap();
    fill("login", "curator".into()).await;
    fill("password", "demo".into()).await;
    submit("/login").await;
    b.wait().for_element(Locator::LinkText("Участники")).await.unwrap();

    // The guardian first, then the pupil.
    b.goto(&t.at("/participants/new")).await.unwrap();
    fill("last_name", "Хабибуллина".into()).await;
    fill("first_name", "Гульнара".into()).await;
    fill("patronymic", "Ильдаровна".into()).await;
    fill("birth_date", years_ago(38)).await;
    b.find(Locator::Css("#kind option[value=parent]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    submit("/participants").await;
    b.wait().for_element(Locator::Id("person-name")).await.unwrap();

    b.goto(&t.at("/participants/new")).await.unwrap();
    fill("last_name", "Хабибуллин".into()).await;
    fill("first_name", "Артём".into()).await;
    fill("patronymic", "Ренатович".into()).await;
    fill("birth_date", years_ago(13)).await;
    fill("grade", "7".into()).await;
    fill("letter", "В".into()).await;
    submit("/participants").await;
    let name = b
        .wait()
        .for_element(Locator::Id("person-name"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(name, "Хабибуллин Артём Ренатович");

    // Link the guardian and record her consent.
    b.find(Locator::Css("details summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let option = b
        .find(Locator::XPath(
            "//select[@id='guardian_id']/option[contains(., 'Хабибуллина Гульнара')]",
        ))
        .await
        .unwrap();
    option.click().await.unwrap();
    submit("/guardians").await;
    b.wait()
        .for_element(Locator::XPath("//li[contains(., 'Хабибуллина Гульнара Ильдаровна')]"))
        .await
        .unwrap();
    let summaries = b.find_all(Locator::Css("details summary")).await.unwrap();
    summaries.last().unwrap().click().await.unwrap();
    fill("document_ref", "№ 7В-14, папка согласий".into()).await;
    submit("/consents").await;
    // The card before the submit has a #consent-status too («нет»), so wait for the
    // reloaded card's status rather than reading whichever page is up at that moment.
    let status = b
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//*[@id='consent-status' and normalize-space(.)='есть']",
        ))
        .await;
    assert!(
        status.is_ok(),
        "the card does not show the consent as given: {status:?}"
    );

    // Find the pupil in the list, ё typed as е.
    b.goto(&t.at("/participants")).await.unwrap();
    fill("q", "хабибуллин артем".into()).await;
    b.find(Locator::Css("form[role=search] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The list before the search has a #participants table too: wait for the one that
    // holds the pupil, so the text is read from the page the search returned.
    let table = b
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//*[@id='participants'][contains(., 'Хабибуллин Артём Ренатович')]",
        ))
        .await
        .expect("the search finds the pupil typed with е for ё")
        .text()
        .await
        .unwrap();
    assert!(table.contains("Хабибуллин Артём Ренатович"), "{table}");
    assert!(table.contains("есть"));
    b.close().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
