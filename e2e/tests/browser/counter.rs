//! The CSC counter in Chromium: the operator finds the citizen in the registry, records her phone
//! and her representative, fills the form for her; an incomplete package gets a refusal receipt,
//! a complete one is signed with the operator's key and its receipt printed (read back); the
//! citizen sees the same request, and an operator of another centre does not.

use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::form;
use serde_json::json;

use crate::filing::fill;
use crate::harness::{Browser, pdf_text};

const OPERATOR: &str = "781122300562";
const OTHER_OPERATOR: &str = "890417400007";
const CITIZEN: &str = "850315400124";

/// At the workplace, the citizen found and her counter record typed; the form opened for the
/// archival salary certificate, filled from the registry and by the operator.
async fn open_the_form_for_the_citizen(b: &Browser) {
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
    b.press("Тізілімнен табу").await;
    b.sees_text("Тізілімде табылды: Нұрланова Айгүл Серікқызы (850315400124)").await;
    b.type_into("Өтініш берушінің телефоны", "+7 701 234 56 78").await;
    b.choose("Қызмет", "Мұрағаттық анықтамалар беру").await;
    b.press("Өтініш нысанын толтыру").await;
    b.heading("Мұрағаттық анықтамалар беру").await;
    let kind = form::kind(ServiceCode::ArchivalCertificate, "salary").unwrap();
    b.choose("Қызмет түрі", &kind.title.kk).await;
    b.wait_field_value("Тегі (сол кездегі құжаттар бойынша)", "Нұрланова").await;
    let values = json!({"organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01", "period_to": "2010-12-31", "phone": "+7 701 234 56 78"});
    fill(b, kind, &values).await;
}

#[tokio::test]
async fn an_operator_files_for_a_citizen_at_the_counter_and_prints_the_receipts() {
    let b = Browser::open().await;
    b.sign_in(OPERATOR).await;
    b.click_link("ХҚО операторының жұмыс орны").await;
    b.heading("ХҚО операторының жұмыс орны").await;

    // Someone the registry does not know gets the regulation's refusal.
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", "900101300027").await;
    b.press("Тізілімнен табу").await;
    b.sees_text("Мемлекеттік деректер қорынан өтініш беруші туралы деректер алу мүмкін болмады. Деректеріңізді тексеру үшін ХҚО-ға жүгініңіз.").await;

    // The counter record is checked before the form opens: the phone, the representative.
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
    b.press("Тізілімнен табу").await;
    b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;
    b.press("Өтініш нысанын толтыру").await;
    b.sees_text("Телефонды +7 және 10 цифр түрінде енгізіңіз, мысалы +7 701 234 56 78.").await;
    b.sees_text("Нотариат куәландырған сенімхаттың нөмірі мен күнін енгізіңіз.").await;
    b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;

    // She brought no documents: the package is refused with a receipt, and nothing is filed.
    open_the_form_for_the_citizen(&b).await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("Құжаттың сканерленген көшірмесін тіркеңіз: Жеке басын куәландыратын құжат.").await;
    b.press("Бас тарту туралы қолхат беру").await;
    b.sees_text("Өтініш қабылданбады және қызмет берушіге жіберілмеді. Қолхатты басып шығарып, өтініш берушіге беріңіз.").await;
    let refusal = pdf_text(&b.download("Бас тарту туралы қолхатты басып шығару").await);
    for expected in [
        "Расписка об отказе в приёме документов",
        "Нұрланова Айгүл Серікқызы",
        "Жеке басын куәландыратын құжат",
        "Оспанов Ерлан Бауыржанұлы",
    ] {
        assert!(
            refusal.contains(expected),
            "{expected:?} missing from the refusal receipt: {refusal}"
        );
    }

    // She comes back with them, and her representative with a notarised power of attorney.
    b.visit("/csc").await;
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
    b.press("Тізілімнен табу").await;
    b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;
    b.type_into("Өкілдің ЖСН-ы", "920711300344").await;
    b.type_into("Өкілдің аты-жөні (жеке куәлік бойынша)", "Әбдірахманов Қанат Ерланұлы").await;
    b.type_into("Өкілдің телефоны", "+7 702 111 22 33").await;
    b.type_into("Нотариаттық сенімхат", "№ 1234, 01.11.2026").await;
    open_the_form_for_the_citizen(&b).await;
    let violations = b.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "accessibility violations at the counter:\n{}",
        violations.join("\n")
    );
    b.press("Өтінішті жіберу").await;
    b.attach_scan("Жеке басын куәландыратын құжат", "куәлік.pdf").await;
    b.press("Өтінішті жіберу").await;
    b.sees_text("Өтінішке ЭЦҚ-мен қол қою").await;
    b.sign_with_key_file((OPERATOR, Purpose::Signing, Standing::Valid), "qyzmet-demo", "Қол қою")
        .await;
    b.sees_text("Жіберілді").await;
    b.sees_text("Астана қаласы Есіл ауданының ХҚО").await;
    let number = b.path().await.trim_start_matches("/requests/").to_owned();
    let receipt = pdf_text(&b.download("Қолхатты басып шығару").await);
    for expected in [
        "Құжаттарды қабылдағаны туралы қолхат",
        "Расписка о приёме документов",
        number.as_str(),
        "Нұрланова Айгүл Серікқызы",
        "+7 701 234 56 78",
        "Әбдірахманов Қанат Ерланұлы",
        "+7 702 111 22 33",
        "Қабылданған құжаттар (1):",
        "Жеке басын куәландыратын құжат",
        "г. Астана, проспект Мангилик Ел, 8",
        "Оспанов Ерлан Бауыржанұлы",
    ] {
        assert!(receipt.contains(expected), "{expected:?} missing from the receipt: {receipt}");
    }

    // The citizen sees the same request from her own account.
    b.press("Шығу").await;
    b.sign_in(CITIZEN).await;
    b.click_link(&number).await;
    b.sees_text("Жіберілді").await;
    b.sees_text("Астана қаласы Есіл ауданының ХҚО").await;

    // An operator of another centre does not.
    b.press("Шығу").await;
    b.sign_in(OTHER_OPERATOR).await;
    b.visit(&format!("/requests/{number}")).await;
    b.sees_text("Сұралған бет немесе жазба табылмады. Мекенжайды тексеріңіз.").await;
    b.close().await;
}
