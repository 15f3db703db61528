//! Powers of attorney in the browser: a citizen grants one in the cabinet, signed with her key;
//! her representative files and signs a request in her name; she sees it and revokes the power.

use std::time::Duration;

use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::power::Grant;
use serde_json::json;

use crate::harness::{Browser, portal_now, signed_by};

const CITIZEN: &str = "850315400124";
const AGENT: &str = "920711300344";

/// Signs with the demo key of `iin` in the signing form on the page.
async fn sign_with_key_file(b: &Browser, iin: &str, button: &str) {
    b.choose_file("ЭЦҚ кілті (.p12 файлы)", &b.key_file(iin, Purpose::Signing, Standing::Valid))
        .await;
    b.type_into("Кілттің құпиясөзі", "qyzmet-demo").await;
    b.press(button).await;
}

#[tokio::test]
async fn a_representative_files_in_the_principals_name_under_a_signed_power() {
    let b = Browser::open().await;
    b.sign_in(CITIZEN).await;
    b.sees_text("Сенімхаттар").await;
    b.sees_text("Сізге әлі ешкім сенімхат берген жоқ.").await;

    // An empty grant names every mistake before anything is signed.
    // The grant's error summary takes the focus, leads to each field, and shrinks as they are
    // fixed (issue 19, item 8).
    b.press("Қол қойып, сенімхат беру").await;
    b.focus_is_on("grant-errors").await;
    b.fix_from_the_summary("Өкілдің ЖСН-ы", "12 цифрды бос орынсыз және әріпсіз енгізіңіз.", AGENT)
        .await;
    let services =
        "Қандай қызметтерге: Өкіл қандай қызметтерді ала алатынын таңдаңыз (кемінде біреуін).";
    b.click_link(services).await;
    b.focus_is_on("power-services").await;
    b.tick_in("Қандай қызметтерге", "Мұрағаттық анықтамалар беру").await;
    b.gone_link(services).await;
    let until_link =
        "Соңғы күні (қоса алғанда): Сенімхаттың соңғы күнін енгізіңіз: күні, айы, жылы.";
    b.sees_link(until_link).await;
    let until = Date::in_kazakhstan(portal_now()).plus_days(30);
    b.pick_date("Соңғы күні (қоса алғанда)", &until.to_string()).await;
    b.gone_link(until_link).await;
    sign_with_key_file(&b, CITIZEN, "Қол қойып, сенімхат беру").await;
    b.sees_text("Сенімхат берілді.").await;
    b.sees_text("Әбдірахманов Қанат Ерланұлы (920711300344)").await;

    // The representative finds the power in his cabinet and files under it.
    b.sign_in(AGENT).await;
    b.sees_text("Нұрланова Айгүл Серікқызы (850315400124)").await;
    b.click_link("Оның атынан өтініш беру").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    // The form is hers: filled from her registry record.
    b.wait_field_value("Тегі (сол кездегі құжаттар бойынша)", "Нұрланова").await;
    assert_eq!(b.field_value("Кімнің атынан").await, CITIZEN);
    b.type_into("Ұйымның атауы (сол кездегі)", "«Қазақтелеком» АҚ").await;
    b.type_into("Лауазымы", "Инженер").await;
    // A date is typed as day, month and year, with an example; one that does not exist is
    // refused on its field with the shared rule's words.
    b.sees_text("Мысалы, 27 3 2007").await;
    b.pick_date("Кезеңнің басы", "2005-02-31").await;
    b.pick_date("Кезеңнің соңы", "2010-12-31").await;
    b.type_into("Байланыс телефоны", "+7 701 234 56 78").await;
    b.press("Өтінішті жіберу").await;
    let no_such_day =
        "Кезеңнің басы: Бар күнді сандармен жазыңыз: күні, айы, жылы (мысалы, 27 3 2007).";
    b.click_link(no_such_day).await;
    b.focus_is_on_field("Кезеңнің басы").await;
    b.pick_date("Кезеңнің басы", "2005-01-01").await;
    b.gone_link(no_such_day).await;
    b.press("Өтінішті жіберу").await;
    // Her identity document is part of the package.
    b.sees_text("Құжаттың сканерленген көшірмесін тіркеңіз: Жеке басын куәландыратын құжат.").await;
    let scan = b.file("куәлік.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
    b.choose_file("Жеке басын куәландыратын құжат", &scan).await;
    b.sees_text("куәлік.pdf").await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("Өтінішке ЭЦҚ-мен қол қою").await;
    sign_with_key_file(&b, AGENT, "Қол қою").await;
    b.sees_text("Жіберілді").await;
    b.sees_text("Сенімхат бойынша өкіл").await;
    b.sees_text("920711300344 — Әбдірахманов Қанат Ерланұлы").await;
    let path = b.path().await;
    let number = path.trim_start_matches("/kk/requests/");

    // She sees the request in her history and revokes the power.
    b.sign_in(CITIZEN).await;
    b.sees_link(number).await;
    b.press("Кері қайтару").await;
    b.sees_text("Сенімхат кері қайтарылды.").await;
    b.sees_text("Кері қайтарылды").await;
    b.gone_button("Кері қайтару").await;
    b.close().await;
}

/// Holds back the page's answers from addresses containing `part` by `millis`, and notes in
/// `window.heldBack` when the last one is let through: a slow registry, for one applicant.
const HOLD_BACK: &str = r#"
    const [part, millis] = arguments;
    const fetch = window.fetch;
    window.heldBack = "not asked";
    window.fetch = function (input, init) {
        const url = typeof input === "string" ? input : input.url;
        const answer = fetch.call(this, input, init);
        if (!url.includes(part)) return answer;
        window.heldBack = "held";
        return answer.then(response => new Promise(done => setTimeout(() => {
            window.heldBack = "let through";
            done(response);
        }, millis)));
    };
"#;

/// The registry's answer about an applicant no longer chosen fills nothing: the representative
/// picks his principal and at once himself again; her record, arriving late, leaves his own
/// names in the form.
#[tokio::test]
async fn a_late_registry_answer_about_another_applicant_fills_nothing() {
    let b = Browser::open().await;
    b.sign_in(CITIZEN).await;
    let until = Date::in_kazakhstan(portal_now()).plus_days(30).to_string();
    let services = [ServiceCode::ArchivalCertificate];
    let grant = Grant {
        principal: CITIZEN,
        representative: AGENT,
        services: &services,
        valid_until: &until,
    };
    let key = b.demo_key(CITIZEN, Purpose::Signing, Standing::Valid);
    let body = json!({"representative": AGENT, "services": services, "valid_until": until,
        "cms": signed_by(&key, &grant.signed_bytes())});
    b.call("POST", "/api/v1/powers", body, json!({}), 201).await;

    b.sign_in(AGENT).await;
    b.visit("/kk/services/archival-certificate/apply").await;
    let surname = "Тегі (сол кездегі құжаттар бойынша)";
    b.wait_field_value(surname, "Әбдірахманов").await;
    b.run_script(HOLD_BACK, vec![format!("on_behalf_of={CITIZEN}").into(), 2000.into()]).await;
    b.choose("Кімнің атынан", &format!("Нұрланова Айгүл Серікқызы ({CITIZEN})")).await;
    b.choose("Кімнің атынан", "Өз атымнан").await;
    assert_eq!(b.evaluate("window.heldBack").await, "held", "her record was asked for");
    for _ in 0..50 {
        if b.evaluate("window.heldBack").await == "let through" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(b.evaluate("window.heldBack").await, "let through");
    // Time for the page to act on it, were it to.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(b.field_value(surname).await, "Әбдірахманов");
    assert_eq!(b.field_value("Кімнің атынан").await, "");
    b.close().await;
}
