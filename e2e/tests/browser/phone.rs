//! One walk of every screen, the provider's staff's at each step of a request included, at a
//! phone's width (360×740) and a desktop's (1280×800), in both languages: nothing is wider than
//! the window, so nothing needs sideways scrolling; at a phone's width axe-core finds nothing
//! serious or critical; each is saved as a screenshot in `target/screenshots/` (`phone-…`,
//! `desktop-…`) for people to look at. Screens reached by acting (the duplicate warning, the
//! signing step, NCALayer's choice, the result with its survey, `/verify`'s answer, the operator's
//! counter record) are walked the same way: both widths, both languages.

use qyzmet_shared::Lang;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use serde_json::json;

use crate::harness::Browser;

const CITIZEN: &str = "850315400124";
const OPERATOR: &str = "781122300562";
const CHANCELLERY: &str = "810505300788";
const HEAD: &str = "750909400915";
const ARCHIVES_HEAD: &str = "880202401133";
const ARCHIVIST: &str = "831212301353";
const DEVICES: [(&str, u32, u32); 2] = [("phone", 360, 740), ("desktop", 1280, 800)];
/// The languages, with the words a screen reached by acting is reached by: (code, the draft's
/// organisation field, send the request, send it anyway, the signing step's heading, NCALayer's
/// way, save the PDF, the survey's button, the PDF's field, check, the verification's answer).
const LANGUAGES: [[&str; 11]; 2] = [
    [
        "kk",
        "Ұйымның атауы (сол кездегі)",
        "Өтінішті жіберу",
        "Бәрібір жіберу",
        "Өтінішке ЭЦҚ-мен қол қою",
        "NCALayer (компьютердегі ҰКО бағдарламасы)",
        "PDF сақтау",
        "Бағалауды жіберу",
        "Құжаттың PDF файлы",
        "Тексеру",
        "Құжат түпнұсқа: оны портал берген және ол өзгертілмеген.",
    ],
    [
        "ru",
        "Название организации (в тот период)",
        "Отправить заявку",
        "Всё равно отправить",
        "Подписание заявки ЭЦП",
        "NCALayer (программа НУЦ на компьютере)",
        "Сохранить PDF",
        "Отправить оценку",
        "PDF-файл документа",
        "Проверить",
        "Документ подлинный: он выдан порталом и не изменён.",
    ],
];

/// What the walk found: screens wider than the window, and what axe-core calls serious or
/// critical.
#[derive(Default)]
struct Findings {
    too_wide: Vec<String>,
    inaccessible: Vec<String>,
}

impl Findings {
    /// Looks at the page as drawn now at `device`'s width: what is wider than the window, what
    /// the accessibility scan finds (at a phone's width), and its screenshot
    /// `{device}-{screen}`.
    async fn look_on(&mut self, b: &Browser, device: &str, screen: &str) {
        let name = format!("{device}-{screen}");
        b.settled().await;
        let overflow = b.sideways_overflow().await;
        if !overflow.is_empty() {
            self.too_wide.push(format!("{name}: {}", overflow.join(", ")));
        }
        if device == "phone" {
            for violation in b.accessibility_violations().await {
                self.inaccessible.push(format!("{name}: {violation}"));
            }
        }
        b.screenshot(&name).await;
    }

    /// Visits each screen at each device's width, in both languages, and looks at it.
    async fn walk(&mut self, b: &Browser, screens: &[(&str, String)]) {
        for (device, width, height) in DEVICES {
            b.window_sized(width, height).await;
            for (lang, other) in [("kk", "Русский"), ("ru", "Қазақша")] {
                for (screen, path) in screens {
                    b.visit(path).await;
                    self.look_on(b, device, &format!("{lang}-{screen}")).await;
                }
                b.press(other).await;
            }
        }
    }

    fn assert_none(&self) {
        assert!(self.too_wide.is_empty(), "wider than the window:\n{}", self.too_wide.join("\n"));
        assert!(
            self.inaccessible.is_empty(),
            "accessibility violations:\n{}",
            self.inaccessible.join("\n")
        );
    }
}

#[tokio::test]
async fn every_screen_fits_a_phone_and_a_desktop_and_passes_the_accessibility_scan() {
    let b = Browser::open().await;
    let mut found = Findings::default();
    found.walk(&b, &[("sign-in", "/sign-in".to_owned())]).await;
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
    found.walk(&b, &screens).await;
    the_signing_step(&b, &mut found, &draft).await;

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
        found.walk(&b, &screens).await;
        b.act(&filed, step, who).await;
    }
    // The head's signing of the drafted result.
    b.sign_out().await;
    b.sign_in(HEAD).await;
    found.walk(&b, &[("head-signing", request.clone())]).await;
    b.act(&filed, json!({"action": "sign"}), HEAD).await;
    b.sign_out().await;
    b.sign_in(CITIZEN).await;
    the_result_and_its_verification(&b, &mut found, &filed).await;

    // The operator's workplace at the counter, with every part of the counter record shown.
    b.sign_out().await;
    b.sign_in(OPERATOR).await;
    for (device, width, height) in DEVICES {
        b.window_sized(width, height).await;
        b.visit("/csc").await;
        b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
        b.press("Тізілімнен табу").await;
        b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;
        b.sees_text("Өкіл").await;
        found.look_on(&b, device, "kk-counter").await;
        b.visit("/ru/csc").await;
        b.type_into("ИИН или БИН заявителя", CITIZEN).await;
        b.press("Найти в реестре").await;
        b.tick("Документы принёс представитель по нотариальной доверенности").await;
        b.sees_text("Представитель").await;
        found.look_on(&b, device, "ru-counter").await;
        b.press("Қазақша").await;
    }
    found.assert_none();
    // The scan does fail: an image without a text alternative is caught.
    b.plant(r#"<img src="/favicon.svg">"#).await;
    let planted = b.accessibility_violations().await;
    assert!(planted.iter().any(|v| v.starts_with("image-alt")), "{planted:?}");
    b.close().await;
}

/// The filing's warning of a request of the kind in work, its signing step, and NCALayer chosen
/// there, in each language at each device's width.
async fn the_signing_step(b: &Browser, found: &mut Findings, draft: &str) {
    let catalog = catalog();
    let service = catalog.service(ServiceCode::ArchivalCertificate).unwrap();
    for ((device, width, height), [lang, organisation, send, send_anyway, signing, ncalayer, ..]) in
        DEVICES.into_iter().flat_map(|device| LANGUAGES.map(|words| (device, words)))
    {
        b.window_sized(width, height).await;
        b.visit(&format!("/{lang}/services/archival-certificate/apply?draft={draft}")).await;
        b.heading(service.title.get(Lang::from_code(lang).unwrap())).await;
        // The draft is loaded into the form before it is sent.
        b.wait_field_value(organisation, "«Қазақтелеком» АҚ").await;
        // The citizen has a request of this kind in work: the form says so and asks first.
        b.press(send).await;
        b.shown(send_anyway, true).await;
        found.look_on(b, device, &format!("{lang}-duplicate-warning")).await;
        b.press(send_anyway).await;
        b.subheading(signing).await;
        found.look_on(b, device, &format!("{lang}-signing")).await;
        b.tick(ncalayer).await;
        found.look_on(b, device, &format!("{lang}-ncalayer-choice")).await;
    }
    b.press("Қазақша").await;
}

/// The signed result with its survey, and `/verify`'s answer on its PDF, in each language at each
/// device's width.
async fn the_result_and_its_verification(b: &Browser, found: &mut Findings, number: &str) {
    for ((device, width, height), [lang, .., save, rate, file, check, authentic]) in
        DEVICES.into_iter().flat_map(|device| LANGUAGES.map(|words| (device, words)))
    {
        b.window_sized(width, height).await;
        b.visit(&format!("/{lang}/requests/{number}")).await;
        let pdf = b.download(save).await;
        b.shown(rate, true).await;
        found.look_on(b, device, &format!("{lang}-result")).await;
        b.visit(&format!("/{lang}/verify")).await;
        b.choose_file(file, &b.file(&format!("{number}.pdf"), &pdf)).await;
        b.press(check).await;
        b.sees_text(authentic).await;
        found.look_on(b, device, &format!("{lang}-verification-answer")).await;
    }
    b.press("Қазақша").await;
}
