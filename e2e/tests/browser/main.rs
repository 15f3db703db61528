//! The real built app (Trunk's `dist/`), served by the real backend on an SQLite file, driven in
//! headless Chromium through chromedriver. Selectors are visible text and roles; every wait is
//! for a condition.

#![allow(clippy::unwrap_used, reason = "tests: a panic is the failure report")]

mod counter;
mod crawl;
mod egov_mobile;
#[allow(dead_code, reason = "the API tests' stand-in phone, of which these use a part")]
#[path = "../../../backend/tests/api/egov_phone.rs"]
mod egov_phone;
mod figures;
mod filing;
mod harness;
mod ncalayer;
mod phone;
mod powers;

use harness::{ARROW_LEFT, ARROW_RIGHT, Browser, Database};
use ncalayer::{NcaLayer, Person};
use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::workflow::Action;

#[tokio::test]
async fn catalog_renders_in_kazakh_then_russian() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.sees_link("Мұрағаттық анықтамалар беру").await;
    b.sees_link("Ақмола облысының әкімдігі").await;
    b.sees_link("Ұлытау облысының әкімдігі").await;
    assert_eq!(b.html_lang().await, "kk");

    b.press("Русский").await;
    b.heading("Государственные услуги").await;
    b.sees_link("Выдача архивных справок").await;
    b.sees_link("Акимат Акмолинской области").await;
    b.sees_link("Акимат города Астаны").await;
    assert_eq!(b.html_lang().await, "ru");
    b.close().await;
}

#[tokio::test]
async fn the_language_choice_survives_a_reload() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.press("Русский").await;
    b.heading("Государственные услуги").await;
    b.reload().await;
    b.heading("Государственные услуги").await;
    b.sees_link("Выдача архивных справок").await;
    assert_eq!(b.pressed_language().await, "Русский");

    b.press("Қазақша").await;
    b.reload().await;
    b.heading("Мемлекеттік қызметтер").await;
    b.close().await;
}

/// Issue 19, item 1: every screen's address carries its language, so a link opens in the
/// language it was copied in; the switch keeps the screen; the older addresses still work.
#[tokio::test]
async fn a_link_opens_in_the_language_it_was_copied_in() {
    let b = Browser::open().await;
    // An older address, without a language: the same screen in the remembered one.
    b.visit("/services/archival-certificate").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    assert_eq!(b.path().await, "/kk/services/archival-certificate");
    b.press("Русский").await;
    b.heading("Выдача архивных справок").await;
    assert_eq!(b.path().await, "/ru/services/archival-certificate");
    assert_eq!(b.html_lang().await, "ru");
    // Links carry the language, and the page names its twin in the other one.
    assert_eq!(
        b.link_address("Заказать услугу онлайн").await,
        "/ru/services/archival-certificate/apply"
    );
    let twin = b.evaluate("document.querySelector('link[rel=alternate][hreflang=kk]').href").await;
    assert!(twin.ends_with("/kk/services/archival-certificate"), "{twin}");
    // A link followed from there stays in Russian, as does a reload.
    b.click_link("Заказать услугу онлайн").await;
    b.heading("Вход в систему").await;
    assert!(b.path().await.starts_with("/ru/sign-in"), "{}", b.path().await);
    b.reload().await;
    b.heading("Вход в систему").await;
    b.close().await;

    // Someone else opens the Russian link: Russian, though their browser never chose it.
    let b = Browser::open().await;
    b.visit("/ru/services/archival-certificate").await;
    b.heading("Выдача архивных справок").await;
    assert_eq!(b.pressed_language().await, "Русский");
    b.close().await;
}

/// 003 p. 12: the business-process handbook is public, drawn from the declaration the server
/// enforces, in both languages; the service page says when a filing now would be due.
#[tokio::test]
async fn the_handbook_and_the_due_date_of_a_filing_now_are_public() {
    // Thursday 19 March 2026, 10:00 in Astana: 003's 10 working days are 19–20 March, 26–27
    // (Nauryz and its moved days rest, 21–25), 30–31 March, 1–3 and 6 April.
    let thursday = qyzmet_shared::calendar::Date::new(2026, 3, 19).unwrap().start_in_kazakhstan();
    let b = Browser::open_at(thursday + 10 * 3600).await;
    b.visit("/services/foreign-periodicals").await;
    b.sees_text("06.04.2026").await;
    // 003 p. 9: a centre takes the documents in within 15 minutes.
    b.sees_text("ХҚО-да құжаттарды қабылдау ұзақтығы, көп дегенде").await;
    b.sees_text("15 минут").await;
    b.click_link("Бизнес-үдерістер анықтамалығы").await;
    b.heading("Бизнес-үдерістер анықтамалығы").await;
    // The table: the specialist's 8 working days, the chancellery's 15 minutes.
    b.sees_text("8 жұмыс күні").await;
    b.sees_text("Кеңсе қызметкері").await;
    // The diagram, drawn by the portal: a box per step with its holder, status and limit.
    b.sees_text("Орындаушыда қаралуда · 8 жұмыс күні").await;
    b.press("Русский").await;
    b.heading("Справочник бизнес-процессов").await;
    b.sees_text("8 рабочих дней").await;
    b.sees_text("Сотрудник канцелярии").await;
    b.sees_text("На рассмотрении у исполнителя · 8 рабочих дней").await;
    // 004's people work within the whole term; 002's steps are hours.
    b.visit("/services/archival-certificate/handbook").await;
    b.sees_text("Зарегистрирована, у руководителя · в пределах срока оказания услуги").await;
    b.visit("/services/periodicals-registration/handbook").await;
    b.sees_text("2 часа").await;
    b.press("Қазақша").await;
    b.sees_text("2 сағат").await;
    // A limit an administrator changed shows with the regulation's beside it.
    b.execute(
        "INSERT INTO step_limits (service, status, unit, amount) \
         VALUES ('foreign-periodicals', 'at_specialist', 'working_days', 10)",
    )
    .await;
    b.visit("/services/foreign-periodicals/handbook").await;
    b.sees_text("10 жұмыс күні (регламент бойынша: 8 жұмыс күні)").await;
    b.close().await;
}

#[tokio::test]
async fn deep_links_open_the_right_screen() {
    let b = Browser::open().await;
    b.visit("/services/archival-certificate").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    b.sees_text("15 жұмыс күні").await;
    b.sees_link("Маңғыстау облысының әкімдігі").await;

    // Its kinds and the documents each needs, from the form declarations.
    b.visit("/services/periodicals-registration").await;
    b.sees_text("Қайта есепке қою").await;
    b.sees_text("Бұрынғы куәлік").await;

    b.visit("/services/foreign-media").await;
    b.heading("Облыс аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке алу").await;
    b.sees_text("15 күнтізбелік күн").await;
    b.sees_text("Халыққа қызмет көрсету орталығы (ХҚО)").await;

    b.visit("/bodies/information-committee").await;
    b.press("Русский").await;
    b.heading(
        "Комитет информации Министерства информации и общественного развития Республики Казахстан",
    )
    .await;
    b.sees_link("Постановка на учет, переучет периодических печатных изданий, информационных агентств и сетевых изданий").await;
    b.close().await;
}

#[tokio::test]
async fn an_unknown_path_says_not_found_in_both_languages() {
    let b = Browser::open().await;
    b.visit("/no/such/page").await;
    b.heading("Бет табылмады").await;
    b.sees_link("Каталогқа оралу").await;
    b.press("Русский").await;
    b.heading("Страница не найдена").await;

    b.visit("/services/no-such-service").await;
    b.heading("Страница не найдена").await;
    b.sees_text("Такой услуги нет в каталоге.").await;

    b.click_link("Вернуться в каталог").await;
    b.heading("Государственные услуги").await;
    b.close().await;
}

#[tokio::test]
async fn search_finds_services_and_bodies_in_either_language() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    let periodicals = "Мерзімді баспасөз басылымдарын, ақпарат агенттіктерін және желілік басылымдарды есепке қою, қайта есепке қою";
    b.sees_link(periodicals).await;
    b.type_into("Қызметті немесе органды іздеу", "архивн").await;
    b.sees_link("Мұрағаттық анықтамалар беру").await;
    b.gone_link(periodicals).await;

    b.type_into("Қызметті немесе органды іздеу", "zzz").await;
    b.sees_text("Ештеңе табылмады. Сұрауды өзгертіп көріңіз.").await;
    b.close().await;
}

#[tokio::test]
async fn links_navigate_and_the_back_button_returns() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.click_link("Абай облысының әкімдігі").await;
    b.heading("Абай облысының әкімдігі").await;
    b.click_link("Мұрағаттық анықтамалар беру").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    assert!(b.path().await.ends_with("/services/archival-certificate"));
    b.back().await;
    b.heading("Абай облысының әкімдігі").await;
    b.back().await;
    b.heading("Мемлекеттік қызметтер").await;
    b.close().await;
}

/// Issue 16: a first visit downloads the public app alone (the catalog and its pages); the whole
/// portal comes with the first screen beyond them, and "back" returns to the public screen.
#[tokio::test]
async fn the_first_visit_loads_the_public_app_and_the_portal_when_it_is_needed() {
    const PORTAL: &str = "/portal/qyzmet-frontend-";
    let b = Browser::open().await;
    b.visit("/").await;
    b.heading("Мемлекеттік қызметтер").await;
    b.click_link("Мұрағаттық анықтамалар беру").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    // The service's kinds and their documents come with the catalog.
    b.sees_text("Сканерленген құжаттар:").await;
    assert!(b.fetched("/qyzmet-public-"), "the public app did not load");
    assert!(!b.fetched("/portal/"), "a public screen fetched the portal");
    b.click_link("Кіру").await;
    b.heading("Жүйеге кіру").await;
    assert!(b.fetched(PORTAL), "the sign-in screen came without the portal");
    b.back().await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    // The portal draws the public screens too once it is here: a way back to the catalog.
    b.forget_requests();
    b.click_link("Кіру").await;
    b.heading("Жүйеге кіру").await;
    b.click_link("Qyzmet — мемлекеттік қызметтер порталы").await;
    b.heading("Мемлекеттік қызметтер").await;
    assert!(!b.fetched("/qyzmet-public-"), "the portal handed a public screen back");
    b.close().await;
}

#[tokio::test]
async fn a_citizen_signs_in_sees_the_cabinet_and_signs_out() {
    let b = Browser::open().await;
    b.visit("/").await;
    b.click_link("Кіру").await;
    b.heading("Жүйеге кіру").await;
    b.type_into("ЖСН / БСН", "850315400124").await;
    b.type_into("Құпиясөз", "qyzmet-demo").await;
    b.press("Кіру").await;
    b.heading("Жеке кабинет").await;
    b.sees_text("Нұрланова Айгүл Серікқызы").await;
    b.sees_text("Көрсетілетін қызметті алушы").await;

    // The session is a cookie: a reload keeps it.
    b.reload().await;
    b.heading("Жеке кабинет").await;
    b.press("Русский").await;
    b.sees_text("Услугополучатель").await;

    b.press("Выйти").await;
    b.heading("Государственные услуги").await;
    b.sees_link("Войти").await;
    // Signed out, the cabinet sends the person to sign in.
    b.visit("/cabinet").await;
    b.heading("Вход в систему").await;
    b.close().await;
}

#[tokio::test]
async fn a_citizen_signs_in_with_a_key_file() {
    const SIGNING_WORKER: &str = "/portal/qyzmet-signer_bg.wasm";
    let b = Browser::open().await;
    b.visit("/sign-in").await;
    b.heading("Жүйеге кіру").await;
    // The signing crypto is a worker of its own, fetched only when a key file is used.
    assert!(!b.fetched(SIGNING_WORKER), "the first load fetched the signing worker");
    // The ways are tabs, as on egov.kz (issue 19, item 9): the password's first; the arrow keys
    // move between them as the ARIA pattern has it.
    b.tab_shows("Құпиясөзбен").await;
    b.choose_tab("ЭЦҚ").await;
    b.focus_is_on("sign-in-by-signature").await;
    b.keys(ARROW_RIGHT).await;
    b.tab_shows("QR кодпен").await;
    b.focus_is_on("sign-in-by-phone").await;
    b.shown("QR кодты көрсету", true).await;
    b.keys(ARROW_RIGHT).await;
    b.tab_shows("Құпиясөзбен").await;
    b.keys(ARROW_LEFT).await;
    b.keys(ARROW_LEFT).await;
    b.tab_shows("ЭЦҚ").await;
    b.shown("QR кодты көрсету", false).await;
    // The file picker speaks the portal's language, not the browser's (issue 19, item 9).
    b.sees_text("Файлды таңдау").await;
    b.sees_text("Файл таңдалмаған").await;
    // The signing key is not for signing in; the sign-in key is.
    let signing_key = b.key_file(CITIZEN, Purpose::Signing, Standing::Valid);
    b.choose_file("ЭЦҚ кілті (.p12 файлы)", &signing_key).await;
    b.sees_text(&signing_key.file_name().unwrap().to_string_lossy()).await;
    b.screenshot("sign-in-key-file-chosen").await;
    b.type_into("Кілттің құпиясөзі", "qyzmet-demo").await;
    b.press("Кілтпен кіру").await;
    b.sees_text("Қолтаңбаның түпнұсқалығы расталмады: бұл кілт осы әрекетке арналмаған. Қол қою үшін қол қою кілтін («SIGN»), кіру үшін кіру кілтін («AUTH») таңдаңыз.").await;
    let key = b.key_file(CITIZEN, Purpose::Authentication, Standing::Valid);
    b.choose_file("ЭЦҚ кілті (.p12 файлы)", &key).await;
    b.press("Кілтпен кіру").await;
    b.heading("Жеке кабинет").await;
    b.sees_text("Нұрланова Айгүл Серікқызы").await;
    assert!(b.fetched(SIGNING_WORKER), "signed without the signing worker");
    b.close().await;
}

/// Issue 17 (6): a staff member's right password opens nothing; they are sent to their key, and
/// their sign-in key file opens their desk.
#[tokio::test]
async fn staff_are_sent_to_their_key_and_sign_in_with_it() {
    const SPECIALIST: &str = "831212301353";
    let b = Browser::open().await;
    b.visit("/sign-in").await;
    b.type_into("ЖСН / БСН", SPECIALIST).await;
    b.type_into("Құпиясөз", "qyzmet-demo").await;
    b.press("Кіру").await;
    // They are taken to the key's tab, the refusal said above it.
    b.sees_text("Қызметкерлер порталға тек ЭЦҚ арқылы кіреді: кіру кілтіңізді («AUTH») таңдап, онымен кіріңіз.").await;
    b.tab_shows("ЭЦҚ").await;
    b.focus_is_on("sign-in-by-signature").await;
    b.heading("Жүйеге кіру").await;
    b.sign_in(SPECIALIST).await;
    b.sees_text("Ғабитов Нұржан Серікұлы").await;
    b.sees_text("Менің кезегім").await;
    b.close().await;
}

#[tokio::test]
async fn sign_in_mistakes_are_explained_and_the_typing_kept() {
    let b = Browser::open().await;
    b.visit("/sign-in").await;
    b.heading("Жүйеге кіру").await;
    // The demo offers its key files to try signing with, on the key's tab.
    b.choose_tab("ЭЦҚ").await;
    b.shown("Демо кілттері (әр файлдың құпиясөзі: qyzmet-demo)", true).await;
    b.choose_tab("Құпиясөзбен").await;
    // Sent empty: the error summary takes the focus and links to each field (issue 19, item 8).
    b.press("Кіру").await;
    b.subheading("Мәселе бар: төмендегі өрістерді түзетіңіз").await;
    b.focus_is_on("error-summary").await;
    b.sees_link("ЖСН / БСН: 12 цифрды бос орынсыз және әріпсіз енгізіңіз.").await;
    b.fix_from_the_summary("Құпиясөз", "Құпиясөзді енгізіңіз.", "anything").await;
    // A check digit that does not match: caught in the browser, before any request.
    b.type_into("ЖСН / БСН", "850315400125").await;
    b.press("Кіру").await;
    b.sees_link(
        "ЖСН / БСН: Нөмірде қате бар (бақылау цифры сәйкес емес). Құжаттағы нөмірмен салыстырыңыз.",
    )
    .await;
    b.focus_is_on("error-summary").await;
    assert_eq!(b.field_value("ЖСН / БСН").await, "850315400125");
    assert_eq!(b.field_attribute("ЖСН / БСН", "aria-invalid").await, "true");

    // A wrong password: the server's refusal, in the chosen language.
    b.press("Русский").await;
    b.type_into("ИИН / БИН", "850315400124").await;
    b.type_into("Пароль", "wrong").await;
    b.press("Войти").await;
    b.sees_text("Неверный ИИН/БИН или пароль. Проверьте данные и войдите снова.").await;
    assert_eq!(b.field_value("ИИН / БИН").await, "850315400124");
    b.heading("Вход в систему").await;
    b.close().await;
}

const CITIZEN: &str = "850315400124";

async fn signed_in_citizen() -> Browser {
    let b = Browser::open().await;
    b.sign_in(CITIZEN).await;
    b
}

#[tokio::test]
async fn the_history_lists_filters_and_shows_status_and_deadline() {
    let b = signed_in_citizen().await;
    b.sees_text("Бұл жерде әзірге өтініш жоқ.").await;
    let filed = b.file_request(true).await;
    let draft = b.file_request(false).await;
    b.reload().await;
    b.sees_link(&filed).await;
    b.sees_link(&draft).await;
    b.sees_text("Жіберілді").await;
    assert_eq!(b.listed_requests().await, 2);
    b.choose("Мәртебесі", "Жіберілді").await;
    b.gone_link(&draft).await;
    b.sees_link(&filed).await;
    assert_eq!(b.listed_requests().await, 1);

    // The request's own screen: status, deadline, the timeline, «refresh status».
    b.click_link(&filed).await;
    b.heading(&format!("Өтініш {filed}")).await;
    b.sees_text("Мұрағаттық анықтамалар беру").await;
    b.sees_text("Қарау барысы").await;
    b.press("Мәртебені жаңарту").await;
    b.heading(&format!("Өтініш {filed}")).await;
    b.back().await;
    b.heading("Жеке кабинет").await;
    b.close().await;
}

#[tokio::test]
async fn anyone_checks_a_status_from_a_phone() {
    let b = signed_in_citizen().await;
    let number = b.file_request(true).await;
    b.sign_out().await;
    b.heading("Мемлекеттік қызметтер").await;
    b.phone_sized().await;
    b.click_link("Өтініш мәртебесін тексеру").await;
    b.heading("Өтініш мәртебесін тексеру").await;
    b.type_into("Өтініш нөмірі", &number).await;
    b.type_into("ЖСН / БСН", "920711300344").await;
    b.press("Тексеру").await;
    b.sees_text("Мұндай өтініш табылмады. Нөмір мен ЖСН-ды (БСН-ды) тексеріңіз.").await;
    b.type_into("ЖСН / БСН", "850315400124").await;
    b.press("Тексеру").await;
    b.sees_text("Мұрағаттық анықтамалар беру").await;
    b.sees_text("Жіберілді").await;
    b.press("Русский").await;
    b.sees_text("Выдача архивных справок").await;
    b.sees_text("Отправлена").await;
    b.close().await;
}

#[tokio::test]
async fn staff_take_a_request_from_their_queues_step_by_step() {
    let b = signed_in_citizen().await;
    let number = b.file_request(true).await;
    b.sign_out().await;
    b.heading("Мемлекеттік қызметтер").await;

    // The chancellery finds it in its queue and registers it.
    b.sign_in("810505300788").await;
    b.sees_text("Менің кезегім").await;
    b.click_link(&number).await;
    b.heading(&format!("Өтініш {number}")).await;
    b.press("Тіркеу").await;
    b.sees_text("Тіркелді, басшыда").await;
    // The head's action is not the chancellery's.
    b.no_action(Action::AssignDepartment).await;
    b.sign_out().await;
    b.heading("Мемлекеттік қызметтер").await;

    // The head sends it to a department with a resolution, in Russian.
    b.sign_in("750909400915").await;
    b.press("Русский").await;
    b.click_link(&number).await;
    b.type_into("Резолюция или комментарий", "В архивный отдел, срочно").await;
    // The department that answers for archival certificates is offered first.
    b.choose("Отдел", "Управление архивов и документации").await;
    b.press("Направить в отдел").await;
    b.sees_text("У руководителя отдела").await;
    b.sees_text("В архивный отдел, срочно").await;
    b.sees_text("Управление архивов и документации").await;
    b.press("Қазақша").await;
    b.sign_out().await;

    // The department head gives it to a specialist of the department.
    b.sign_in("880202401133").await;
    b.click_link(&number).await;
    b.choose("Орындаушы", "Ғабитов Нұржан Серікұлы").await;
    b.press("Орындаушыға жолдау").await;
    b.sees_text("Орындаушыда қаралуда").await;
    b.sign_out().await;

    // The specialist drafts a motivated refusal; without grounds it is sent back to the field.
    b.sign_in("831212301353").await;
    b.click_link(&number).await;
    b.tick("Дәлелді бас тарту").await;
    b.press("Нәтиже жобасын жіберу").await;
    b.sees_text("Бас тартудың негіздерін жазыңыз: өтініш берушіге не себепті бас тартылады.").await;
    b.type_into("Резолюция немесе түсініктеме", "Документы за 2005 год не сохранились").await;
    b.press("Нәтиже жобасын жіберу").await;
    b.sees_text("Жоба: әлі қол қойылмаған").await;
    b.sign_out().await;

    // The head signs with their own key, in the browser: the refusal takes its number.
    b.sign_in("750909400915").await;
    b.click_link(&number).await;
    b.sees_text("Нәтижеге ЭЦҚ-мен қол қою").await;
    let head = ("750909400915", Purpose::Signing, Standing::Valid);
    b.sign_with_key_file(head, "qyzmet-demo", "Қол қою").await;
    b.sees_text("N 0001-ДБ").await;
    b.sees_text("ЭЦҚ-мен қол қойған").await;
    b.sees_text("Документы за 2005 год не сохранились").await;
    b.sees_link("Ашу").await;
    b.sign_out().await;

    // The citizen saves the signed document; anyone checks the file on /verify, and a changed
    // byte is caught.
    b.sign_in(CITIZEN).await;
    b.click_link(&number).await;
    b.sees_link("Ашу").await;
    let pdf = b.download("PDF сақтау").await;
    assert!(pdf.starts_with(b"%PDF-"));
    b.click_link("Құжаттың түпнұсқалығын тексеру").await;
    b.heading("Құжаттың түпнұсқалығын тексеру").await;
    b.choose_file("Құжаттың PDF файлы", &b.file("result.pdf", &pdf)).await;
    b.press("Тексеру").await;
    b.sees_text("Құжат түпнұсқа: оны портал берген және ол өзгертілмеген.").await;
    b.sees_text("N 0001-ДБ").await;
    b.sees_text("Н*** А*** С***").await;
    let mut changed = pdf.clone();
    let middle = changed.len() / 2;
    changed[middle] ^= 0x01;
    b.choose_file("Құжаттың PDF файлы", &b.file("changed.pdf", &changed)).await;
    b.press("Тексеру").await;
    b.sees_text("Құжат расталмады: портал мұндай құжат бермеген немесе ол өзгертілген. Құжатты берген органға хабарласыңыз.").await;
    // A QR code whose digest does not match says the same at once.
    b.visit(&format!("/verify?request={number}&hash=00")).await;
    b.sees_text("Құжат расталмады: портал мұндай құжат бермеген немесе ол өзгертілген. Құжатты берген органға хабарласыңыз.").await;

    // The citizen rates the service: both questions need an answer.
    b.visit(&format!("/requests/{number}")).await;
    b.sees_text("Қызмет сапасын бағалау").await;
    b.press("Бағалауды жіберу").await;
    b.sees_text("Жауаптардың бірін таңдаңыз.").await;
    // The questions and answers as 001 (appendix 7) and 004 (appendix 6) word them.
    b.tick_in(
        "Электрондық мемлекеттік қызметті көрсету үдерісінің сапасына және нәтижесіне қанағаттанасыз ба?",
        "Қанағаттанған жоқпын",
    )
    .await;
    b.tick_in(
        "Электрондық мемлекеттік қызметті көрсету тәртібі туралы ақпараттың сапасына қанағаттанасыз ба?",
        "Ішінара қанағаттанамын",
    )
    .await;
    b.press("Бағалауды жіберу").await;
    b.sees_text("Бағалағаныңызға рахмет.").await;
    b.sign_out().await;

    // The head finds it counted on the provider's dashboard.
    b.sign_in("750909400915").await;
    b.click_link("Көрсеткіштер тақтасы").await;
    b.heading("Көрсеткіштер тақтасы").await;
    b.sees_text("Сауалнама нәтижелері").await;
    b.sees_text("Мұрағаттық анықтамалар беру").await;
    b.sees_text("Қазір мерзімі өткен").await;
    b.close().await;
}

#[tokio::test]
async fn the_form_comes_filled_from_the_state_registry() {
    let b = signed_in_citizen().await;
    b.visit("/services/archival-certificate/apply").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    b.wait_field_value("Тегі (сол кездегі құжаттар бойынша)", "Нұрланова").await;
    assert_eq!(b.field_value("Аты").await, "Айгүл");
    assert_eq!(b.field_value("Әкесінің аты").await, "Серікқызы");
    assert_eq!(b.date_value("Туған күні").await, "1985-03-15");
    b.close().await;
}

#[tokio::test]
async fn a_citizen_files_a_request_from_its_declared_form() {
    let b = signed_in_citizen().await;
    b.visit("/services/foreign-periodicals").await;
    b.click_link("Онлайн тапсырыс беру").await;
    b.heading("Облыс аумағында таралатын шетелдік мерзімді баспасөз басылымдарын есепке алу").await;
    // Sending the empty form: every required field says so, nothing is filed. The error summary
    // at the top takes the focus and links to each field (issue 19, item 8).
    b.press("Өтінішті жіберу").await;
    b.sees_text("Міндетті өріс: толтырыңыз.").await;
    assert_eq!(b.field_attribute("Толық атауы", "aria-invalid").await, "true");
    b.subheading("Мәселе бар: төмендегі өрістерді түзетіңіз").await;
    b.focus_is_on("error-summary").await;
    b.screenshot("apply-error-summary").await;
    b.fix_from_the_summary("Шығарылған елі", "Міндетті өріс: толтырыңыз.", "Ресей").await;
    b.sees_link("Толық атауы: Міндетті өріс: толтырыңыз.").await;

    b.choose("Қызметті көрсететін орган", "Астана қаласының әкімдігі").await;
    b.type_into("Толық атауы", "Әлем тынысы").await;
    b.type_into("Шығарылған елі", "Ресей").await;
    b.type_into("Тілі (тілдері)", "орыс").await;
    b.choose("Шығу мерзімділігі", "Айына").await;
    b.type_into("Облыстағы таралымы, дана", "бес мың").await;
    b.type_into("Тарату аумағы (облыс, қала)", "Астана").await;
    b.type_into("Меншік иесі", "«Дала Медиа» ЖШС").await;
    b.type_into("Негізгі тақырыптық бағыты", "Мәдениет").await;
    b.type_into("Байланыс телефоны", "+7 701 234 56 78").await;
    // The shared rule, as typed: the circulation must be a number.
    b.sees_text("1 мен 10000000 арасындағы бүтін санды енгізіңіз.").await;
    b.type_into("Облыстағы таралымы, дана", "5000").await;
    b.press("Жобаны сақтау").await;
    b.sees_text("Жоба сақталды: оны «Қызметтерді алу тарихынан» жалғастыра аласыз.").await;

    // The draft waits in the history and resumes with everything typed.
    b.visit("/cabinet").await;
    b.sees_text("Жоба").await;
    b.click_link_starting("2").await;
    b.click_link("Жобаны толтыруды жалғастыру").await;
    b.heading("Облыс аумағында таралатын шетелдік мерзімді баспасөз басылымдарын есепке алу").await;
    b.wait_field_value("Толық атауы", "Әлем тынысы").await;
    assert_eq!(b.field_value("Облыстағы таралымы, дана").await, "5000");
    // Without the document a person must attach, the package is not signed: it is named.
    b.press("Өтінішті жіберу").await;
    b.sees_text("Құжаттың сканерленген көшірмесін тіркеңіз: Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін).").await;
    b.attach_scan(
        "Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін)",
        "куәлік.pdf",
    )
    .await;
    b.press("Өтінішті жіберу").await;

    // Signing with a key file, opened in the browser: a revoked key and a wrong password are
    // refused with what to do; the person's valid key files it.
    b.sees_text("Өтінішке ЭЦҚ-мен қол қою").await;
    b.sign_with_key_file((CITIZEN, Purpose::Signing, Standing::Revoked), "qyzmet-demo", "Қол қою")
        .await;
    b.sees_text("Қолтаңбаның түпнұсқалығы расталмады: сертификат кері қайтарылған. ҰКО-дан жаңа кілт алыңыз.").await;
    b.sign_with_key_file((CITIZEN, Purpose::Signing, Standing::Valid), "қате", "Қол қою").await;
    b.sees_text("Кілттің құпиясөзі қате. Қайта енгізіңіз.").await;
    b.forget_requests();
    b.type_into("Кілттің құпиясөзі", "qyzmet-demo").await;
    b.press("Қол қою").await;
    b.sees_text("Жіберілді").await;
    // What reached the server while signing: the signature, never the key file, its key or its
    // password.
    let key_file = std::fs::read(b.key_file(CITIZEN, Purpose::Signing, Standing::Valid)).unwrap();
    assert!(b.requests_carried(b"\"cms\""), "the signature itself was sent");
    assert!(!b.requests_carried(b"qyzmet-demo"));
    assert!(!b.requests_carried(&b.private_key(CITIZEN, Purpose::Signing, Standing::Valid)));
    assert!(!b.requests_carried(&key_file));
    b.sees_text("Астана қаласының әкімдігі").await;

    // Opening the form again, the person is told of the request in work, with its link; sending
    // another asks once more (issue 19, item 5).
    let filed = b.path().await.rsplit('/').next().unwrap().to_owned();
    b.visit("/services/foreign-periodicals/apply").await;
    b.subheading("Сізде бұл қызмет бойынша өтініш бар").await;
    b.sees_link(&filed).await;
    for (label, value) in [
        ("Толық атауы", "Әлем тынысы"),
        ("Шығарылған елі", "Ресей"),
        ("Тілі (тілдері)", "орыс"),
        ("Облыстағы таралымы, дана", "5000"),
        ("Тарату аумағы (облыс, қала)", "Астана"),
        ("Меншік иесі", "«Дала Медиа» ЖШС"),
        ("Негізгі тақырыптық бағыты", "Мәдениет"),
        ("Байланыс телефоны", "+7 701 234 56 78"),
    ] {
        b.type_into(label, value).await;
    }
    b.choose("Шығу мерзімділігі", "Айына").await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("Бұл қызмет бойынша өтінішіңіз бар (жоғарыда). Жаңасын бәрібір жіберу үшін «Бәрібір жіберу» батырмасын басыңыз.").await;
    b.press("Бәрібір жіберу").await;
    b.sees_text("Құжаттың сканерленген көшірмесін тіркеңіз: Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін).").await;
    b.close().await;
}

/// Issue 19, item 8: a saved draft saves what is typed as the person pauses, and says so; a
/// reload (a dropped connection, a closed tab) finds it there.
#[tokio::test]
async fn a_saved_draft_saves_what_is_typed_as_the_person_pauses() {
    let b = signed_in_citizen().await;
    let number = b.file_request(false).await;
    b.visit(&format!("/services/archival-certificate/apply?draft={number}")).await;
    b.wait_field_value("Ұйымның атауы (сол кездегі)", "«Қазақтелеком» АҚ").await;
    b.type_into("Ұйымның атауы (сол кездегі)", "«Қазпошта» АҚ").await;
    b.sees_text("Жоба сақталды: оны «Қызметтерді алу тарихынан» жалғастыра аласыз.").await;
    b.reload().await;
    b.wait_field_value("Ұйымның атауы (сол кездегі)", "«Қазпошта» АҚ").await;
    b.close().await;
}

/// Resumes an archival certificate draft (filed by `file_request`) and sends it to the signing step.
async fn to_signing(b: &Browser, number: &str) {
    b.visit(&format!("/services/archival-certificate/apply?draft={number}")).await;
    b.wait_field_value("Ұйымның атауы (сол кездегі)", "«Қазақтелеком» АҚ").await;
    b.press("Өтінішті жіберу").await;
}

#[tokio::test]
async fn a_citizen_signs_a_request_through_ncalayer() {
    let mut ncalayer = NcaLayer::absent().await;
    let b = signed_in_citizen().await;
    let number = b.file_request(false).await;
    to_signing(&b, &number).await;
    // Key file by default; NCALayer on choice, which hides the key file's fields.
    b.shown("Кілттің құпиясөзі", true).await;
    b.tick("NCALayer (компьютердегі ҰКО бағдарламасы)").await;
    b.shown("NCALayer өз терезесін ашады: кілтті және оның құпиясөзін сонда таңдаңыз. Портал оларды көрмейді.", true).await;
    b.shown("Кілттің құпиясөзі", false).await;

    // Not running: said so, with the way out.
    b.press("NCALayer арқылы қол қою").await;
    b.sees_text("NCALayer іске қосылмаған. Оны іске қосып (қажет болса, pki.gov.kz сайтынан орнатып), қайталаңыз немесе кілт файлымен қол қойыңыз.").await;
    b.press("Кілт файлымен қол қою").await;
    b.shown("Кілттің құпиясөзі", true).await;
    b.tick("NCALayer (компьютердегі ҰКО бағдарламасы)").await;

    // Started, but the person closes its window: cancelled, not an error, nothing filed.
    ncalayer.start(Person::Cancels).await;
    b.press("NCALayer арқылы қол қою").await;
    b.sees_text("Қол қою тоқтатылды: NCALayer терезесі жабылды. Дайын болғанда қайталаңыз.").await;

    // The person signs with their signing key: filed.
    ncalayer.start(Person::Signs(b.demo_key(CITIZEN, Purpose::Signing, Standing::Valid))).await;
    b.forget_requests();
    b.press("NCALayer арқылы қол қою").await;
    b.sees_text("Жіберілді").await;
    assert!(b.requests_carried(b"\"cms\""));

    // What the portal asked of NCALayer: a detached CMS of the filing, by the applicant's
    // signing key, in the page's language.
    let calls = ncalayer.calls();
    let call = calls.last().unwrap();
    assert_eq!(call["module"], "kz.gov.pki.knca.basics");
    assert_eq!(call["method"], "sign");
    assert_eq!(call["args"]["signerParams"]["iin"], CITIZEN);
    assert_eq!(call["args"]["signerParams"]["extKeyUsageOids"][0], "1.3.6.1.5.5.7.3.4");
    assert_eq!(call["args"]["signingParams"]["encapsulate"], false);
    assert_eq!(call["args"]["locale"], "kk");
    let signed = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        call["args"]["data"].as_str().unwrap(),
    )
    .unwrap();
    assert!(String::from_utf8(signed).unwrap().contains(&number));
    b.close().await;
}

/// Most of the national CA's holders have GOST 34.10-2015 keys: a GOST key file opens and signs in
/// the browser, and NCALayer answering with a GOST signature files as well.
#[tokio::test]
async fn a_citizen_signs_with_a_gost_key_file_and_through_ncalayer() {
    let mut ncalayer = NcaLayer::absent().await;
    let b = signed_in_citizen().await;
    let number = b.file_request(false).await;
    to_signing(&b, &number).await;
    b.choose_file("ЭЦҚ кілті (.p12 файлы)", &b.gost_key_file(CITIZEN, Purpose::Signing)).await;
    b.type_into("Кілттің құпиясөзі", "qyzmet-demo").await;
    b.forget_requests();
    b.press("Қол қою").await;
    b.sees_text("Жіберілді").await;
    let gost = b.demo_gost_key(CITIZEN, Purpose::Signing);
    assert!(b.requests_carried(b"\"cms\""), "the signature itself was sent");
    assert!(!b.requests_carried(&gost.private_key));
    assert!(!b.requests_carried(b"qyzmet-demo"));

    let number = b.file_request(false).await;
    to_signing(&b, &number).await;
    // The first is in work: sending a second of the same kind is confirmed (issue 19, item 5).
    b.press("Бәрібір жіберу").await;
    b.tick("NCALayer (компьютердегі ҰКО бағдарламасы)").await;
    ncalayer.start(Person::Signs(gost)).await;
    b.press("NCALayer арқылы қол қою").await;
    b.sees_text("Жіберілді").await;
    b.close().await;
}

#[tokio::test]
async fn a_citizen_signs_in_through_ncalayer() {
    let mut ncalayer = NcaLayer::absent().await;
    let b = Browser::open().await;
    b.visit("/sign-in").await;
    b.press("Русский").await;
    b.heading("Вход в систему").await;
    b.choose_tab("ЭЦП").await;
    b.tick("NCALayer (программа НУЦ на компьютере)").await;
    b.press("Войти через NCALayer").await;
    b.sees_text("NCALayer не запущен. Запустите его (при необходимости установите с сайта pki.gov.kz) и повторите или подпишите файлом ключа.").await;

    ncalayer
        .start(Person::Signs(b.demo_key(CITIZEN, Purpose::Authentication, Standing::Valid)))
        .await;
    b.press("Войти через NCALayer").await;
    b.heading("Личный кабинет").await;
    b.sees_text("Нұрланова Айгүл Серікқызы").await;
    let calls = ncalayer.calls();
    let call = calls.last().unwrap();
    // Any person's sign-in key; the challenge travels inside the signature.
    assert_eq!(call["args"]["signerParams"]["extKeyUsageOids"][0], "1.3.6.1.5.5.7.3.2");
    assert!(call["args"]["signerParams"].get("iin").is_none());
    assert_eq!(call["args"]["signingParams"]["encapsulate"], true);
    assert_eq!(call["args"]["locale"], "ru");
    b.close().await;
}

#[tokio::test]
async fn the_cabinet_lists_what_happened_and_takes_an_e_mail_address() {
    let b = signed_in_citizen().await;
    let number = b.file_request(true).await;
    b.visit("/cabinet").await;
    b.heading("Жеке кабинет").await;
    let filed = format!("№ {number} өтініш (Мұрағаттық анықтамалар беру): Жіберілді");
    b.sees_link(&filed).await;
    b.sees_text("жаңа").await;
    b.press("Барлығын оқылды деп белгілеу").await;
    b.gone_button("Барлығын оқылды деп белгілеу").await;
    b.sees_link(&filed).await;

    // The address is checked as typed, by the rule the server applies.
    b.type_into("Хабарламаларға арналған электрондық пошта", "aigul at mail").await;
    b.press("Сақтау").await;
    b.sees_text("Электрондық поштаны name@example.kz түрінде енгізіңіз.").await;
    b.type_into("Хабарламаларға арналған электрондық пошта", "aigul@example.kz").await;
    b.tick("Русский").await;
    b.press("Сақтау").await;
    b.sees_text("Сақталды.").await;
    b.reload().await;
    b.wait_field_value("Хабарламаларға арналған электрондық пошта", "aigul@example.kz").await;
    b.close().await;
}

/// One staff member's step in the browser: signs in, opens the request from their queue, acts,
/// waits until the step is done, signs out.
async fn staff_step(b: &Browser, staff: &str, number: &str, action: &str) {
    b.sign_in(staff).await;
    b.click_link(number).await;
    b.press(action).await;
    b.gone_button(action).await;
    b.sign_out().await;
}

/// The specialist drafts the certificate; where its form counts appendix pages, the draft without
/// them is sent back to the field first.
async fn specialist_drafts(b: &Browser, specialist: &str, number: &str, pages: Option<&str>) {
    const DRAFT: &str = "Нәтиже жобасын жіберу";
    let Some(pages) = pages else { return staff_step(b, specialist, number, DRAFT).await };
    b.sign_in(specialist).await;
    b.click_link(number).await;
    b.press(DRAFT).await;
    b.sees_text("Анықтамаға қоса берілетін беттер санын 0-ден 999-ға дейінгі бүтін санмен жазыңыз (қосымша болмаса — 0).").await;
    b.type_into("Қосымша, бет саны", pages).await;
    b.press(DRAFT).await;
    b.gone_button(DRAFT).await;
    b.sign_out().await;
}

/// The head (or the minister) signs the drafted result with their own key file.
async fn head_signs(b: &Browser, head: &str, number: &str) {
    b.sign_in(head).await;
    b.click_link(number).await;
    b.sign_with_key_file((head, Purpose::Signing, Standing::Valid), "qyzmet-demo", "Қол қою").await;
    b.sees_text("ЭЦҚ-мен қол қойған").await;
    b.sign_out().await;
}

#[tokio::test]
async fn every_service_goes_from_filing_to_a_verified_pdf() {
    const CHANCELLERY: &str = "810505300788";
    const HEAD: &str = "750909400915";
    let regional = |service: &str, kind: &str, form: serde_json::Value| serde_json::json!({"service": service, "kind": kind, "provider": "astana", "form": form});
    let services = [
        (
            regional(
                "archival-certificate",
                "salary",
                serde_json::json!({
                    "surname": "Нұрланова", "given_name": "Айгүл", "patronymic": "Серікқызы",
                    "birth_date": "1985-03-15", "organisation": "«Қазақтелеком» АҚ",
                    "period_from": "2005-01-01", "period_to": "2010-12-31", "phone": "+7 701 234 56 78",
                }),
            ),
            ("880202401133", "831212301353"),
            "N 0001-МА",
            None,
        ),
        (
            regional(
                "foreign-media",
                "registration",
                serde_json::json!({
                    "media_kind": "journal", "registered_in": "almaty-region", "owner": "«Медиа Групп» ЖШҚ",
                    "editorial_address": "Мәскеу, Тверская 1, +7 495 123 45 67", "title": "Әлем журналы",
                    "territory": "Астана", "languages": "орыс", "topics": "Саяхат", "periodicity": "monthly",
                    "volume": "5000 дана", "chief_editor": "Иванов Иван", "phone": "+7 701 234 56 78",
                }),
            ),
            ("790814300127", "930226400079"),
            "N 0001-АЖ",
            // 001, appendix 5: the certificate prints «Қосымша: __ бет».
            Some("2"),
        ),
        (
            regional(
                "foreign-periodicals",
                "registration",
                serde_json::json!({
                    "title": "Die Zeit", "country": "Германия", "languages": "неміс", "periodicity": "weekly",
                    "circulation": "300", "territory": "Астана", "owner": "Zeitverlag GmbH",
                    "topics": "Саясат, мәдениет", "phone": "+7 701 234 56 78",
                }),
            ),
            ("790814300127", "930226400079"),
            "N 0001",
            None,
        ),
    ];
    // On PostgreSQL: one whole walk of every service in the browser on the production database.
    let b = Browser::open_on(Database::Postgres).await;
    for (body, (department_head, specialist), document, pages) in services {
        b.sign_in(CITIZEN).await;
        let number = b.file_request_with(body, true).await;
        b.sign_out().await;
        staff_step(&b, CHANCELLERY, &number, "Тіркеу").await;
        staff_step(&b, HEAD, &number, "Бөлімге жолдау").await;
        staff_step(&b, department_head, &number, "Орындаушыға жолдау").await;
        specialist_drafts(&b, specialist, &number, pages).await;
        head_signs(&b, HEAD, &number).await;
        staff_step(&b, CHANCELLERY, &number, "Беру").await;
        citizen_verifies(&b, &number, document).await;
    }

    // The ministry's periodicals registration: its own chain of roles, with an approval.
    b.sign_in(CITIZEN).await;
    let body = serde_json::json!({"service": "periodicals-registration", "kind": "registration",
        "provider": "information-committee", "form": {
        "outlet_kind": "network", "title": "Дала жаңалықтары", "languages": "қазақ, орыс",
        "periodicity": "daily", "territory": "Қазақстан Республикасы", "topics": "Жаңалықтар",
        "owner": "«Дала Медиа» ЖШС", "chief_editor": "Өтебаев Ұлан",
        "editorial_address": "Астана, Мәңгілік Ел 8", "phone": "+7 701 234 56 78",
    }});
    let number = b.file_request_with(body, true).await;
    b.sign_out().await;
    staff_step(&b, "790414300211", &number, "Тіркеу").await;
    staff_step(&b, "861011400433", &number, "Орындаушыға жолдау").await;
    staff_step(&b, "910303300651", &number, "Жұмысқа алу").await;
    staff_step(&b, "910303300651", &number, "Нәтиже жобасын жіберу").await;
    staff_step(&b, "861011400433", &number, "Келісу").await;
    head_signs(&b, "770727400870", &number).await;
    citizen_verifies(&b, &number, "N 0001-ИК").await;
    b.close().await;
}

/// The citizen finds the result issued, saves the PDF, and the verification page accepts it.
async fn citizen_verifies(b: &Browser, number: &str, document: &str) {
    b.sign_in(CITIZEN).await;
    b.click_link(number).await;
    b.sees_text("Нәтиже берілді").await;
    let pdf = b.download("PDF сақтау").await;
    b.visit("/verify").await;
    b.choose_file("Құжаттың PDF файлы", &b.file(&format!("{number}.pdf"), &pdf)).await;
    b.press("Тексеру").await;
    b.sees_text("Құжат түпнұсқа: оны портал берген және ол өзгертілмеген.").await;
    b.sees_text(document).await;
    b.sign_out().await;
}

#[tokio::test]
async fn an_overdue_request_is_marked_in_the_queue_which_filters_by_service() {
    let b = signed_in_citizen().await;
    let number = b.file_request(true).await;
    b.sign_out().await;
    // The registration's limit passed: moved into the past in the database, the test's clock.
    b.execute(&format!("UPDATE requests SET step_deadline_at = 1 WHERE number = '{number}'")).await;
    b.sign_in("810505300788").await;
    b.sees_text("Менің кезегім").await;
    b.sees_link(&number).await;
    b.sees_text("мерзімі өтті").await;
    b.choose(
        "Қызмет",
        "Облыс аумағында таратылатын шетелдік бұқаралық ақпарат құралдарын есепке алу",
    )
    .await;
    b.sees_text("Бұл жерде әзірге өтініш жоқ.").await;
    b.choose("Қызмет", "Мұрағаттық анықтамалар беру").await;
    b.sees_link(&number).await;
    b.close().await;
}

#[tokio::test]
async fn switching_the_language_mid_form_keeps_what_was_typed() {
    let b = signed_in_citizen().await;
    b.visit("/services/foreign-periodicals/apply").await;
    b.heading("Облыс аумағында таралатын шетелдік мерзімді баспасөз басылымдарын есепке алу").await;
    b.type_into("Толық атауы", "Әлем тынысы").await;
    b.type_into("Облыстағы таралымы, дана", "бес мың").await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("1 мен 10000000 арасындағы бүтін санды енгізіңіз.").await;
    b.press("Русский").await;
    b.heading(
        "Учет иностранных периодических печатных изданий, распространяемых на территории области",
    )
    .await;
    // The same values, and the same mistake, now explained in Russian.
    assert_eq!(b.field_value("Полное наименование").await, "Әлем тынысы");
    assert_eq!(b.field_value("Тираж в области, экземпляров").await, "бес мың");
    b.sees_text("Введите целое число от 1 до 10000000.").await;
    b.close().await;
}

#[tokio::test]
async fn a_request_is_filed_with_the_keyboard_alone() {
    let b = signed_in_citizen().await;
    b.visit("/services/foreign-periodicals/apply").await;
    b.heading("Облыс аумағында таралатын шетелдік мерзімді баспасөз басылымдарын есепке алу").await;
    b.tab_and_type("Толық атауы", "Әлем тынысы").await;
    b.tab_and_type("Шығарылған елі", "Ресей").await;
    b.tab_and_type("Тілі (тілдері)", "орыс").await;
    // A closed list takes the first letters of its option.
    b.tab_and_type("Шығу мерзімділігі", "Ай").await;
    b.tab_and_type("Облыстағы таралымы, дана", "5000").await;
    b.tab_and_type("Тарату аумағы (облыс, қала)", "Астана").await;
    b.tab_and_type("Меншік иесі", "«Дала Медиа» ЖШС").await;
    b.tab_and_type("Негізгі тақырыптық бағыты", "Мәдениет").await;
    b.tab_and_type("Байланыс телефоны", "+7 701 234 56 78").await;
    b.tab_and_enter("Өтінішті жіберу").await;
    // Saved, and the document to attach is named; files come through the system's dialog.
    b.sees_text("Құжаттың сканерленген көшірмесін тіркеңіз: Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін).").await;
    b.attach_scan(
        "Кәсіпкерлік қызметпен айналысу құқығын растайтын құжат (жеке тұлғалар үшін)",
        "куәлік.pdf",
    )
    .await;
    b.tab_and_enter("Өтінішті жіберу").await;
    b.sees_text("Өтінішке ЭЦҚ-мен қол қою").await;
    // The key file is chosen through the system's dialog too; the rest is keys.
    b.choose_file(
        "ЭЦҚ кілті (.p12 файлы)",
        &b.key_file(CITIZEN, Purpose::Signing, Standing::Valid),
    )
    .await;
    b.tab_and_type("Кілттің құпиясөзі", "qyzmet-demo").await;
    b.tab_and_enter("Қол қою").await;
    b.sees_text("Жіберілді").await;
    b.close().await;
}

#[tokio::test]
async fn scanned_documents_are_attached_checked_and_signed_with_the_filing() {
    let b = signed_in_citizen().await;
    let number = b.file_request(false).await;
    b.visit(&format!("/services/archival-certificate/apply?draft={number}")).await;
    b.wait_field_value("Ұйымның атауы (сол кездегі)", "«Қазақтелеком» АҚ").await;
    b.sees_text("Құжаттардың сканерленген көшірмелері").await;
    // Told by content: a text file named like a scan is refused here, before any upload.
    let fake = b.file("scan.pdf", b"just text, not a scan");
    b.choose_file("Жеке басын куәландыратын құжат", &fake).await;
    b.sees_text("Бұл файл PDF, JPEG немесе PNG емес (немесе бос). Құжаттың сканерленген көшірмесін таңдаңыз.").await;
    b.attach_scan("Жеке басын куәландыратын құжат", "Жеке куәлік.pdf").await;

    // The signature covers the file; the filed request lists it.
    b.press("Өтінішті жіберу").await;
    b.sign_with_key_file((CITIZEN, Purpose::Signing, Standing::Valid), "qyzmet-demo", "Қол қою")
        .await;
    b.sees_text("Жіберілді").await;
    b.sees_link("Жеке куәлік.pdf").await;
    let file = b.download("Жеке куәлік.pdf").await;
    assert!(file.starts_with(b"%PDF-1.7"));
    b.close().await;
}

#[tokio::test]
async fn a_citizen_changes_the_password_in_the_cabinet() {
    let b = signed_in_citizen().await;
    b.sees_text("Құпиясөз").await;
    // A weak one is explained; a wrong current one is refused at its field.
    b.type_into("Қазіргі құпиясөз", "қате").await;
    b.type_into("Жаңа құпиясөз", "қысқа").await;
    b.press("Құпиясөзді сақтау").await;
    // The form's error summary takes the focus and leads to the field (issue 19, item 8).
    b.focus_is_on("password-errors").await;
    let weak = "Құпиясөз кемінде 12 таңбадан тұрсын: бірнеше сөзден құралған, есте қалатын тіркес қолайлы.";
    b.fix_from_the_summary("Жаңа құпиясөз", weak, "жаңа-құпия-2027").await;
    b.press("Құпиясөзді сақтау").await;
    b.focus_is_on("password-errors").await;
    let wrong = "Қазіргі құпиясөз қате. Оны қайта енгізіңіз.";
    b.fix_from_the_summary("Қазіргі құпиясөз", wrong, "qyzmet-demo").await;
    b.press("Құпиясөзді сақтау").await;
    b.sees_text("Құпиясөз сақталды.").await;
    // The new one opens the account.
    b.sign_out().await;
    b.visit("/sign-in").await;
    b.type_into("ЖСН / БСН", CITIZEN).await;
    b.type_into("Құпиясөз", "жаңа-құпия-2027").await;
    b.press("Кіру").await;
    b.heading("Жеке кабинет").await;
    b.close().await;
}

/// Without JavaScript (a feature phone, a text browser) `/check` is a plain form the server
/// answers: the status, or «not found» for a wrong pair, in the language chosen.
#[tokio::test]
async fn the_status_check_works_without_javascript() {
    let b = Browser::open_without_javascript().await;
    b.visit("/check").await;
    // The test files its request over the API from the page (WebDriver's own scripts still run).
    let signing_in = serde_json::json!({"id_number": CITIZEN, "password": "qyzmet-demo"});
    b.api_call("POST", "/api/v1/session", signing_in).await;
    let number = b.file_request(true).await;
    b.visit("/check").await;
    b.heading("Өтініш мәртебесін тексеру").await;
    b.type_into("Өтініш нөмірі", &number).await;
    b.type_into("ЖСН / БСН", "920711300344").await;
    b.press("Тексеру").await;
    b.sees_text("Мұндай өтініш табылмады. Нөмір мен ЖСН-ды (БСН-ды) тексеріңіз.").await;
    assert_eq!(b.field_value("Өтініш нөмірі").await, number, "what was typed stays");
    b.type_into("ЖСН / БСН", CITIZEN).await;
    b.press("Тексеру").await;
    b.sees_text("Мұрағаттық анықтамалар беру").await;
    b.sees_text("Жіберілді").await;
    b.sees_text_starting("Кеңсе өтінішті тіркеп, басшыға береді. Нәтиже ").await;
    assert_eq!(b.html_lang().await, "kk");
    // (axe-core cannot run here: its timers do not fire in a page without JavaScript.)
    b.click_link("Русский").await;
    b.heading("Проверка статуса заявки").await;
    b.type_into("Номер заявки", &number).await;
    b.type_into("ИИН / БИН", CITIZEN).await;
    b.press("Проверить").await;
    b.sees_text("Выдача архивных справок").await;
    b.sees_text("Отправлена").await;
    b.sees_text_starting("Канцелярия зарегистрирует заявку и передаст её руководителю. Результат должен быть готов не позднее ").await;
    assert_eq!(b.html_lang().await, "ru");
    b.close().await;

    // With JavaScript, the same address answers through the app.
    let b = Browser::open().await;
    b.visit("/check?number=2026-0000099&iin=850315400124").await;
    b.sees_text("Мұндай өтініш табылмады. Нөмір мен ЖСН-ды (БСН-ды) тексеріңіз.").await;
    assert_eq!(b.field_value("Өтініш нөмірі").await, "2026-0000099");
    b.close().await;
}
