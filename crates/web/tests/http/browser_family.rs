//! A real browser: the guardian logs in, lands on «Мои дети», opens the questionnaire the
//! school sent, on a desktop and on a phone (the page fits 390 px without sideways
//! scrolling). Screenshots go to the temp directory (`nastavnik-family-*.png`) for a look.

use fantoccini::Locator;

use crate::browser::open_browser;

async fn fits(b: &fantoccini::Client) -> bool {
    let v: serde_json::Value = b
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    v == serde_json::Value::Bool(true)
}

async fn shot(b: &fantoccini::Client, name: &str) {
    let png = b.screenshot().await.unwrap();
    std::fs::write(std::env::temp_dir().join(format!("nastavnik-family-{name}.png")), png).unwrap();
}

#[tokio::test]
async fn the_guardian_lands_on_their_childrens_page_on_a_desktop_and_a_phone() {
    let Some((_driver, b, profile)) = open_browser().await else {
        return;
    };
    let t = crate::helpers::spawn("sqlite").await;
    let child = t
        .app
        .login("mentee", "demo", "127.0.0.1")
        .await
        .unwrap()
        .user
        .person_id
        .unwrap();
    let actor = t.curator(t.school1);
    let entry = t
        .app
        .enroll(&actor, child, domain::base::BaseKind::Mentees, &Default::default())
        .await
        .unwrap();
    t.app.questionnaire_link(&actor, entry).await.unwrap();

    b.set_window_size(1280, 900).await.unwrap();
    crate::browser::sign_in(&b, &t.url, "guardian").await;
    let section = b
        .wait()
        .for_element(Locator::Id(&format!("child-{child}")))
        .await
        .expect("the guardian's home is their children's page");
    assert!(section.text().await.unwrap().contains("действует"));
    b.find(Locator::Css(&format!("#consents-{child} details summary")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    shot(&b, "1280").await;
    assert!(fits(&b).await);

    b.set_window_size(390, 844).await.unwrap();
    b.refresh().await.unwrap();
    b.wait()
        .for_element(Locator::Id(&format!("child-{child}")))
        .await
        .unwrap();
    shot(&b, "390").await;
    assert!(fits(&b).await, "the page fits a phone screen");
    b.find(Locator::Css(&format!("#links-{child} a")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait().for_element(Locator::Id("questionnaire")).await.unwrap();
    shot(&b, "390-questionnaire").await;
    assert!(fits(&b).await, "the questionnaire fits a phone screen");
    b.close().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);
}
