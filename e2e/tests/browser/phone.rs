//! Every screen at a phone's width (360×740) and a desktop's (1280×800), in both languages, the
//! provider's staff's at each step of a request included:
//! nothing is wider than the window, so nothing needs sideways scrolling; each is saved as a
//! screenshot in `target/screenshots/` (`phone-…`, `desktop-…`) for people to look at.

use serde_json::json;

use crate::harness::Browser;

const CITIZEN: &str = "850315400124";
const OPERATOR: &str = "781122300562";
const CHANCELLERY: &str = "810505300788";
const HEAD: &str = "750909400915";
const ARCHIVES_HEAD: &str = "880202401133";
const ARCHIVIST: &str = "831212301353";
const DEVICES: [(&str, u32, u32); 2] = [("phone", 360, 740), ("desktop", 1280, 800)];

/// Visits each screen at each device's width, in both languages, saving a screenshot of each and
/// noting in `too_wide` what is wider than the window.
async fn walk(b: &Browser, screens: &[(&str, String)], too_wide: &mut Vec<String>) {
    for (device, width, height) in DEVICES {
        b.window_sized(width, height).await;
        for (lang, other) in [("kk", "Русский"), ("ru", "Қазақша")] {
            for (screen, path) in screens {
                b.visit(path).await;
                look(b, &format!("{device}-{lang}-{screen}"), too_wide).await;
            }
            b.press(other).await;
        }
    }
}

/// Notes in `too_wide` what of the page now is wider than the window, and saves its screenshot.
async fn look(b: &Browser, name: &str, too_wide: &mut Vec<String>) {
    b.settled().await;
    let overflow = b.sideways_overflow().await;
    if !overflow.is_empty() {
        too_wide.push(format!("{name}: {}", overflow.join(", ")));
    }
    b.screenshot(name).await;
}

#[tokio::test]
async fn every_screen_fits_a_phone_and_a_desktop_in_both_languages() {
    let b = Browser::open().await;
    let mut too_wide = Vec::new();
    walk(&b, &[("sign-in", "/sign-in".to_owned())], &mut too_wide).await;
    b.phone_sized().await;
    b.sign_in(CITIZEN).await;
    let filed = b.file_request(true).await;
    let draft = b.file_request(false).await;
    let request = format!("/requests/{filed}");
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
        ("request", request.clone()),
    ];
    walk(&b, &screens, &mut too_wide).await;

    // The provider's staff, each with the request at their step and its action form, in the
    // order the regulation passes it on (issue 19, item 9).
    let staff = [
        (
            CHANCELLERY,
            vec![
                ("chancellery-cabinet", "/cabinet".to_owned()),
                ("walk-in", "/office/walk-in".to_owned()),
                ("chancellery-request", request.clone()),
            ],
            json!({"action": "register"}),
        ),
        (
            HEAD,
            vec![
                ("head-cabinet", "/cabinet".to_owned()),
                ("dashboard", "/office".to_owned()),
                ("head-request", request.clone()),
            ],
            json!({"action": "assign_department", "department": "archives"}),
        ),
        (
            ARCHIVES_HEAD,
            vec![("department-head-request", request.clone())],
            json!({"action": "assign_specialist", "specialist": ARCHIVIST}),
        ),
        (
            ARCHIVIST,
            vec![("specialist-request", request.clone())],
            json!({"action": "draft_result", "outcome": "certificate", "appendix_pages": 1}),
        ),
    ];
    for (who, screens, step) in staff {
        b.sign_out().await;
        b.sign_in(who).await;
        walk(&b, &screens, &mut too_wide).await;
        b.act(&filed, step, who).await;
    }
    // The head's signing of the drafted result.
    b.sign_out().await;
    b.sign_in(HEAD).await;
    walk(&b, &[("head-signing", request)], &mut too_wide).await;

    b.phone_sized().await;
    // The operator's workplace at the counter, with every part of the counter record shown.
    b.sign_out().await;
    b.sign_in(OPERATOR).await;
    b.visit("/csc").await;
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
    b.press("Тізілімнен табу").await;
    b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;
    b.sees_text("Өкіл").await;
    look(&b, "phone-kk-counter", &mut too_wide).await;
    assert!(too_wide.is_empty(), "wider than a phone:\n{}", too_wide.join("\n"));
    b.close().await;
}
