//! A real browser through the pairing step: the curator starts a round, changes a weight,
//! moves the demo mentee to the demo mentor, pins a group of the proposal and sends it; meanwhile the mentee's
//! mother withdraws her consent on her own page; the head's approval names the pupil; the
//! head returns the round, the curator takes the pair out and sends it again; the head
//! approves; the order's DOCX, converted by LibreOffice, names the pairs sent, never the
//! pupil, and the curator in the right case; the notices, written while the server's mail
//! worker is down, reach an SMTP server the test runs exactly once after the restart (a
//! worker stopped with mails claimed is `mail.rs`'s case).

use std::time::Duration;

use fantoccini::Locator;

use crate::browser::{open_browser, sign_in};
use crate::helpers::TestApp;

/// The name the page header shows for a demo account.
async fn name_of(t: &TestApp, login: &str) -> String {
    let c = t.login(login).await;
    let page = t.page(&c, "/account").await;
    let at = page.find("<span>").unwrap() + "<span>".len();
    page[at..].split(" · ").next().unwrap().to_string()
}

#[tokio::test]
async fn curator_and_head_take_a_round_to_the_order_in_a_real_browser() {
    let Some((_driver, b, _profile)) = open_browser().await else {
        return;
    };
    let t = crate::helpers::spawn("sqlite").await;
    // The server's mail worker, against an SMTP server the test runs.
    let sink = crate::mail::Sink::start().await;
    let worker = web::mail::spawn(t.app.clone(), sink.config()).unwrap();
    let (mentor, mentee) = (name_of(&t, "mentor").await, name_of(&t, "mentee").await);
    b.set_window_size(1280, 900).await.unwrap();
    let click = |css: &'static str| {
        let b = b.clone();
        async move { b.find(Locator::Css(css)).await.unwrap().click().await.unwrap() }
    };

    sign_in(&b, &t.url, "curator").await;
    b.goto(&t.at("/pairing")).await.unwrap();
    click("#round-start button").await;
    b.wait().for_element(Locator::Id("proposal")).await.unwrap();
    // A weight: the settings open, the value typed, the proposal re-run.
    click("#settings summary").await;
    let field = b.find(Locator::Id("w-availability")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("50").await.unwrap();
    click("#recompute").await;
    b.wait()
        .for_element(Locator::XPath("//input[@id='w-availability'][@value='50']"))
        .await
        .unwrap();
    // The demo mentee to the demo mentor, by their names in the lists.
    for (select, name) in [("move-mentee", &mentee), ("move-mentor", &mentor)] {
        let xpath = format!("//select[@id='{select}']/option[starts-with(., '{name}')]");
        b.find(Locator::XPath(&xpath)).await.unwrap().click().await.unwrap();
    }
    click("#move-pin").await;
    b.wait().for_element(Locator::Id("decisions")).await.unwrap();
    let proposal = b.find(Locator::Id("proposal")).await.unwrap().text().await.unwrap();
    assert!(
        proposal.contains(&mentee) && proposal.contains("закреплено"),
        "{proposal}"
    );
    // A group of the proposal is fixed: each of its mentees pinned with the table's button.
    let group = "//table[@id='proposal']//tr[td[@rowspan > 1]][1]/td[1]/strong";
    let leader = b.find(Locator::XPath(group)).await.unwrap().text().await.unwrap();
    for pinned in 1.. {
        // The first row of the group still offering «Закрепить»: the page reloads each time.
        let rows = format!(
            "//table[@id='proposal']//tr[td/strong[.='{leader}']] | //table[@id='proposal']//tr[td/strong[.='{leader}']]/following-sibling::tr[not(td[@rowspan])][count(preceding-sibling::tr[td[@rowspan]][1]/td/strong[.='{leader}']) = 1]"
        );
        let mut found = None;
        for row in b.find_all(Locator::XPath(&rows)).await.unwrap() {
            if let Ok(button) = row.find(Locator::Css("button[value=pin]")).await {
                found = Some(button);
                break;
            }
        }
        let Some(button) = found else {
            assert!(pinned > 2, "a group of at least two was pinned");
            break;
        };
        button.click().await.unwrap();
        b.wait()
            .for_element(Locator::XPath(&format!("//ul[@id='decisions']/li[{}]", pinned + 1)))
            .await
            .unwrap();
    }
    let decisions = b.find(Locator::Id("decisions")).await.unwrap().text().await.unwrap();
    assert!(decisions.matches(&leader).count() >= 2, "{decisions}");
    let proposal = b.find(Locator::Id("proposal")).await.unwrap().text().await.unwrap();
    assert!(proposal.contains("группа:"), "{proposal}");
    click("#send").await;
    b.wait().for_element(Locator::Id("sent")).await.unwrap();

    // Meanwhile the mentee's mother withdraws her consent on her own page.
    sign_in(&b, &t.url, "guardian").await;
    b.goto(&t.at("/family")).await.unwrap();
    click("section h2 a").await;
    click("ul[id^=consents-] details summary").await;
    click("button[id^=withdraw-]").await;
    b.wait().for_element(Locator::Id("family-done")).await.unwrap();

    // The head's approval names the pupil and changes nothing; the head returns the round.
    sign_in(&b, &t.url, "head").await;
    let round = "/pairing/1";
    b.goto(&t.at(round)).await.unwrap();
    click("#approve").await;
    let refusal = b
        .wait()
        .for_element(Locator::Id("round-errors"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(refusal.contains(&mentee), "{refusal}");
    click("#return").await;
    b.wait().for_element(Locator::Id("proposal")).await.unwrap();

    // The curator takes the pair out (its pin no longer holds) and sends again.
    sign_in(&b, &t.url, "curator").await;
    b.goto(&t.at(round)).await.unwrap();
    let decisions = b.find(Locator::Id("decisions")).await.unwrap().text().await.unwrap();
    assert!(decisions.contains("не действует"), "{decisions}");
    // The first decision is the demo mentee's pin.
    click("#decisions form button").await;
    let mut gone = false;
    for _ in 0..100 {
        let text = match b.find(Locator::Id("decisions")).await {
            Ok(d) => d.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if !text.contains("не действует") && !text.contains(&mentee) {
            gone = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(gone, "the pin was not taken back");
    b.wait().for_element(Locator::Id("send")).await.unwrap();
    let proposal = b.find(Locator::Id("proposal")).await.unwrap().text().await.unwrap();
    assert!(!proposal.contains(&mentee), "{proposal}");
    click("#send").await;
    b.wait().for_element(Locator::Id("sent")).await.unwrap();

    // The server goes down as the head approves: the notices wait in the outbox.
    worker.abort();
    let _ = worker.await;
    sign_in(&b, &t.url, "head").await;
    b.goto(&t.at(round)).await.unwrap();
    let sent = b.find(Locator::Id("sent")).await.unwrap().text().await.unwrap();
    click("#approve").await;
    let order = b
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id("order"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(order.starts_with("Приказ № 1 от"), "{order}");
    // Restarted, the server sends them: each reaches the SMTP server once.
    assert_eq!(sink.count(), 0);
    let again = t.second_server().await;
    let worker = web::mail::spawn(again.app.clone(), sink.config()).unwrap();
    let (mailed, waiting) = crate::mail::drained(&t).await;
    worker.abort();
    assert_eq!(waiting, 0);
    assert!(mailed >= 3, "{mailed} notices");
    assert_eq!(sink.count() as i64, mailed, "every notice once");

    // The order as the school files it: LibreOffice opens the DOCX.
    let head = t.login("head").await;
    let docx = head
        .get(t.at("/orders/1/docx"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("nastavnik-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("order.docx"), &docx).unwrap();
    let out = std::process::Command::new("libreoffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(dir.join("order.docx"))
        .env("HOME", &dir)
        .output()
        .expect("libreoffice");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::process::Command::new("pdftotext")
        .arg(dir.join("order.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(text.contains("Об утверждении наставнических пар/групп"), "{text}");
    // The order names every pair sent and never the pupil whose consent was withdrawn.
    assert!(!text.contains(&mentee), "{text}");
    let first_mentor: String = sent
        .lines()
        .nth(1)
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        !first_mentor.is_empty() && text.contains(&first_mentor),
        "{first_mentor}: {text}"
    );
    // The curator who follows the programs, in the dative.
    assert!(text.contains("Куратору Сафиной Рамиле Маратовне"), "{text}");

    // The mother's page shows no mentor for the child; the mentor's page no mentee.
    sign_in(&b, &t.url, "guardian").await;
    b.goto(&t.at("/family")).await.unwrap();
    let family = b.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(!family.contains("пара утверждена приказом"), "{family}");
    sign_in(&b, &t.url, "mentor").await;
    b.goto(&t.at("/my/pairs")).await.unwrap();
    let page = b.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(!page.contains(&mentee), "{page}");
}
