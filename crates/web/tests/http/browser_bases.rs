//! A real browser, as a new curator would go: import the sample lists, put a pupil into
//! the base of mentees, issue the questionnaire link, fill it in as the guardian on a
//! phone-sized window, then export both bases; the XLSX files read back with the
//! template's columns and LibreOffice converts them to PDF.

use std::time::Duration;

use fantoccini::Locator;

use crate::browser::open_browser;
use crate::helpers::{csrf_in, text_of};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static/samples");

#[tokio::test]
async fn curator_imports_lists_sends_a_questionnaire_and_exports_the_bases() {
    let Some((_driver, b, profile)) = open_browser().await else {
        return;
    };
    let t = crate::helpers::spawn("sqlite").await;
    b.set_window_size(1280, 900).await.unwrap();
    // A page may be replaced between finding an element and clicking it (the progress page
    // reloads itself): find it again until the click lands.
    let click = |css: String| {
        let b = b.clone();
        async move {
            let mut last = None;
            for _ in 0..100 {
                match b.find(Locator::Css(&css)).await {
                    Ok(e) => match e.click().await {
                        Ok(_) => return,
                        Err(err) => last = Some(err),
                    },
                    Err(err) => last = Some(err),
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("cannot click {css}: {last:?}");
        }
    };
    let wait_text = |id: &'static str, text: &'static str| {
        let b = b.clone();
        async move {
            let xpath = format!("//*[@id='{id}'][contains(., '{text}')]");
            b.wait()
                .at_most(Duration::from_secs(30))
                .for_element(Locator::XPath(&xpath))
                .await
                .unwrap_or_else(|e| panic!("#{id} never said «{text}»: {e}"))
        }
    };

    b.goto(&t.at("/login")).await.unwrap();
    b.find(Locator::Id("login"))
        .await
        .unwrap()
        .send_keys("curator")
        .await
        .unwrap();
    b.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("demo")
        .await
        .unwrap();
    click("form[action$='/login'] button[type=submit]".into()).await;
    b.wait()
        .for_element(Locator::LinkText("Базы наставничества"))
        .await
        .unwrap();

    // Both sample lists: the check, the report, the commit.
    for (kind, file) in [("staff", "sotrudniki.csv"), ("students", "obuchayushchiesya.csv")] {
        b.goto(&t.at("/import")).await.unwrap();
        click(format!("input[name=kind][value={kind}]")).await;
        b.find(Locator::Id("file"))
            .await
            .unwrap()
            .send_keys(&format!("{SAMPLES}/{file}"))
            .await
            .unwrap();
        click("form[action='/import'] button[type=submit]".into()).await;
        wait_text("verdict", "Проверка пройдена").await;
        click("#commit".into()).await;
        wait_text("verdict", "Записано").await;
    }

    // The pupil goes into the base of mentees from her card; the link is issued there.
    b.goto(&t.at("/participants")).await.unwrap();
    b.find(Locator::Id("q"))
        .await
        .unwrap()
        .send_keys("абрамова ева")
        .await
        .unwrap();
    click("form[role=search] button[type=submit]".into()).await;
    wait_text("participants", "Абрамова Ева Сергеевна").await;
    click("#participants a".into()).await;
    b.wait().for_element(Locator::Id("enroll-mentees")).await.unwrap();
    click("#enroll-mentees".into()).await;
    let entries = b.wait().for_element(Locator::Id("entries")).await.unwrap();
    assert!(entries.text().await.unwrap().contains("кандидат"));
    click("#entries button[type=submit]".into()).await;
    let link = b
        .wait()
        .for_element(Locator::Id("link"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(b.source().await.unwrap().contains("Абрамова Наталья Викторовна (мать)"));

    // The guardian on a phone: no account, the consent first, then the questionnaire.
    b.delete_all_cookies().await.unwrap();
    b.set_window_size(390, 844).await.unwrap();
    b.goto(&link).await.unwrap();
    let doc = b.wait().for_element(Locator::Id("consent-document")).await.unwrap();
    assert!(doc.text().await.unwrap().contains("152-ФЗ"));
    click("#agree".into()).await;
    click("#sign".into()).await;
    b.wait().for_element(Locator::Id("questionnaire")).await.unwrap();
    let fits: serde_json::Value = b
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        fits,
        serde_json::Value::Bool(true),
        "the questionnaire fits a phone screen"
    );
    b.find(Locator::Id("request"))
        .await
        .unwrap()
        .send_keys("Хочет подтянуть математику и найти друзей")
        .await
        .unwrap();
    b.find(Locator::Id("interests"))
        .await
        .unwrap()
        .send_keys("рисование, шахматы")
        .await
        .unwrap();
    click("input[name=forms][value=student_student]".into()).await;
    click("input[name=slots][value='2']".into()).await;
    click("input[name=mode][value=in_person]".into()).await;
    click("#send".into()).await;
    wait_text("q-message", "Анкета отправлена").await;
    b.goto(&link).await.unwrap();
    wait_text("q-message", "уже заполнена").await;
    b.close().await.unwrap();
    let _ = std::fs::remove_dir_all(profile);

    // The base shows the answers; both bases export to XLSX that LibreOffice opens.
    let c = t.login("curator").await;
    let mentees = t.page(&c, "/bases/mentees").await;
    assert!(text_of(&mentees, "base").contains("Хочет подтянуть математику"));
    let teacher = t.person_in(t.school1, "teacher").await;
    t.post(&c, &format!("/participants/{teacher}/enroll"), &[("base", "mentors")])
        .await;
    let dir = std::env::temp_dir().join(format!("nastavnik-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (base, header) in [("mentors", "ФИО наставника"), ("mentees", "ФИО наставляемого")]
    {
        let page = t.page(&c, &format!("/bases/{base}")).await;
        let r = c
            .post(t.at(&format!("/bases/{base}/export")))
            .form(&[("_csrf", csrf_in(&page).as_str()), ("format", "xlsx")])
            .send()
            .await
            .unwrap();
        let bytes = r.bytes().await.unwrap();
        let cells = crate::helpers::xlsx_texts(&bytes);
        assert!(cells.iter().any(|s| s == header), "{base}: {cells:?}");
        let path = dir.join(format!("{base}.xlsx"));
        std::fs::write(&path, &bytes).unwrap();
        let out = std::process::Command::new("libreoffice")
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .arg(&path)
            .env("HOME", &dir)
            .output()
            .expect("libreoffice");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let pdf = std::fs::read(dir.join(format!("{base}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{base}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
