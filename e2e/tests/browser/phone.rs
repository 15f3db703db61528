//! Every screen at a phone's width (360×740) and a desktop's (1280×800), in both languages:
//! nothing is wider than the window, so nothing needs sideways scrolling; each is saved as a
//! screenshot in `target/screenshots/` (`phone-…`, `desktop-…`) for people to look at.

use crate::harness::Browser;

const CITIZEN: &str = "850315400124";
const OPERATOR: &str = "781122300562";

#[tokio::test]
async fn every_screen_fits_a_phone_and_a_desktop_in_both_languages() {
    let b = Browser::open().await;
    b.phone_sized().await;
    b.sign_in(CITIZEN).await;
    let filed = b.file_request(true).await;
    let draft = b.file_request(false).await;
    let screens = [
        ("home", "/".to_owned()),
        ("service", "/services/foreign-media".to_owned()),
        ("state-body", "/bodies/astana".to_owned()),
        ("status-check", "/check".to_owned()),
        ("verification", "/verify".to_owned()),
        ("open-figures", "/statistics?service=archival-certificate".to_owned()),
        ("cabinet", "/cabinet".to_owned()),
        ("request-form", format!("/services/archival-certificate/apply?draft={draft}")),
        ("new-request-form", "/services/foreign-media/apply".to_owned()),
        ("handbook", "/services/foreign-media/handbook".to_owned()),
        ("not-found", "/no/such/page".to_owned()),
        ("request", format!("/requests/{filed}")),
    ];
    let mut too_wide = Vec::new();
    for (device, width, height) in [("phone", 360, 740), ("desktop", 1280, 800)] {
        b.window_sized(width, height).await;
        for (lang, other) in [("kk", "Русский"), ("ru", "Қазақша")] {
            for (screen, path) in &screens {
                b.visit(path).await;
                b.settled().await;
                let overflow = b.sideways_overflow().await;
                if !overflow.is_empty() {
                    too_wide.push(format!("{device} {lang} {screen}: {}", overflow.join(", ")));
                }
                b.screenshot(&format!("{device}-{lang}-{screen}")).await;
            }
            b.press(other).await;
        }
    }
    b.phone_sized().await;
    // The operator's workplace at the counter, with every part of the counter record shown.
    b.sign_out().await;
    b.sign_in(OPERATOR).await;
    b.visit("/csc").await;
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
    b.press("Тізілімнен табу").await;
    b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;
    b.sees_text("Өкіл").await;
    b.settled().await;
    let overflow = b.sideways_overflow().await;
    if !overflow.is_empty() {
        too_wide.push(format!("kk counter: {}", overflow.join(", ")));
    }
    b.screenshot("phone-kk-counter").await;
    assert!(too_wide.is_empty(), "wider than a phone:\n{}", too_wide.join("\n"));
    b.close().await;
}
