//! The CSC counter in Chromium: the operator finds the citizen in the registry, records her phone
//! and her representative, fills the form for her; an incomplete package gets a refusal receipt,
//! a complete one is signed with the operator's key and its receipt printed (read back); the
//! citizen sees the same request, and an operator of another centre does not.

use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::{ServiceCode, catalog};
use qyzmet_shared::form;
use serde_json::json;

use crate::filing::{Filing, fill, fill_attach_and_sign, regional_forms};
use crate::harness::{Browser, pdf_text, portal_now};

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
    b.subheading("Мұрағаттық анықтамалар беру").await;
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
    // The error summary takes the focus and leads to each field to fix (issue 19, item 8).
    b.focus_is_on("counter-record-errors").await;
    let phone = "Телефонды +7 және 10 цифр түрінде енгізіңіз, мысалы +7 701 234 56 78.";
    b.fix_from_the_summary("Өтініш берушінің телефоны", phone, "+7 701 234 56 78").await;
    let power =
        "Нотариаттық сенімхат: Нотариат куәландырған сенімхаттың нөмірі мен күнін енгізіңіз.";
    b.sees_link(power).await;
    // No representative after all: what was wrong with their fields goes with them.
    b.tick("Құжаттарды нотариаттық сенімхат бойынша өкіл әкелді").await;
    b.gone_link(power).await;

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
    let number = b.path().await.trim_start_matches("/kk/requests/").to_owned();
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
    b.sign_out().await;
    b.sign_in(CITIZEN).await;
    b.click_link(&number).await;
    b.sees_text("Жіберілді").await;
    b.sees_text("Астана қаласы Есіл ауданының ХҚО").await;

    // An operator of another centre does not.
    b.sign_out().await;
    b.sign_in(OTHER_OPERATOR).await;
    b.visit(&format!("/requests/{number}")).await;
    b.sees_text("Сұралған бет немесе жазба табылмады. Мекенжайды тексеріңіз.").await;
    b.close().await;
}

/// The citizen's archival salary certificate, filed by the signed-in operator through the API.
async fn filed_at_the_counter(b: &Browser) -> String {
    b.file_request_with(
        json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
                "on_behalf_of": CITIZEN, "counter": {"phone": "+7 701 234 56 78"},
                "form": {"organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01",
                    "period_to": "2010-12-31", "phone": "+7 701 234 56 78"}}),
        true,
    )
    .await
}

/// A department of the akimat: its id, its head and its specialist.
type Department = (&'static str, &'static str, &'static str);
const ARCHIVES: Department = ("archives", "880202401133", "831212301353");
const INTERNAL_POLICY: Department = ("internal-policy", "790814300127", "930226400079");

/// The akimat's staff work a request to its signed result in `department`, each through the API
/// as signed in.
async fn work_to_signed(b: &Browser, number: &str, (department, head, specialist): Department) {
    let steps = [
        ("810505300788", json!({"action": "register"})),
        ("750909400915", json!({"action": "assign_department", "department": department})),
        (head, json!({"action": "assign_specialist", "specialist": specialist})),
        (
            specialist,
            json!({"action": "draft_result", "outcome": "certificate", "appendix_pages": 1}),
        ),
        ("750909400915", json!({"action": "sign"})),
    ];
    for (who, body) in steps {
        b.sign_in(who).await;
        b.act(number, body, who).await;
        b.sign_out().await;
    }
}

/// The signed result travels to the centre in a registry; the operator accepts it and finds the
/// request by the number on the citizen's receipt, waiting to be handed over.
async fn back_to_the_centre(b: &Browser, filed: &str) {
    b.sign_in("810505300788").await;
    b.choose("Қол қойылған нәтижелерді ХҚО-ға жіберу", "Астана қаласы Есіл ауданының ХҚО").await;
    b.press("Тізілім құру").await;
    b.sees_text("Тізілім құрылды: оны екі данада басып шығарып, курьерге беріңіз.").await;
    b.sign_out().await;
    b.sign_in(OPERATOR).await;
    b.visit("/csc").await;
    b.tick(&format!("{filed} — Нұрланова Айгүл Серікқызы (1)")).await;
    b.press("Белгілерді сақтау").await;
    b.sees_text("Тізілім қабылданды.").await;
    b.type_into("Қолхаттағы өтініш нөмірі", filed).await;
    b.press("Табу").await;
    b.sees_text("Нәтиже ХҚО-да, алуға болады").await;
}

/// 003 p. 5: the written refusal of an incomplete package reaches an applicant who filed at a
/// centre the way a result does — signed by the head, back in a registry, handed over there.
#[tokio::test]
async fn the_refusal_of_an_incomplete_package_is_handed_over_at_the_centre() {
    let b = Browser::open().await;
    b.sign_in(OPERATOR).await;
    let filed = filed_at_the_counter(&b).await;
    b.sign_out().await;
    let grounds = "Еңбек кітапшасының көшірмесі оқылмайды";
    let steps = [
        ("810505300788", json!({"action": "refuse_incomplete", "resolution": grounds})),
        ("750909400915", json!({"action": "sign"})),
    ];
    for (who, body) in steps {
        b.sign_in(who).await;
        b.act(&filed, body, who).await;
        b.sign_out().await;
    }
    back_to_the_centre(&b, &filed).await;
    b.sees_text(
        "Құжаттар топтамасы толық болмағандықтан өтінішті одан әрі қараудан дәлелді бас тарту",
    )
    .await;
    b.type_into("Тексерілген жеке куәлік", "ЖК № 012345678").await;
    b.press("Нәтижені беру").await;
    b.sees_text("Нәтиже берілді").await;
    let paper = pdf_text(&b.download("PDF сақтау").await);
    assert!(paper.contains(grounds), "the grounds missing from the refusal: {paper}");
    b.close().await;
}

/// Each service a CSC takes, filed by the operator for the citizen through the same form, with the
/// scans and the operator's key; each gets its receipt.
#[tokio::test]
async fn an_operator_files_each_csc_service_for_a_citizen() {
    let b = Browser::open().await;
    b.sign_in(OPERATOR).await;
    for (service, kind, values) in regional_forms() {
        let title = catalog().service(service).unwrap().title.kk.to_string();
        let title = title.as_str();
        b.visit("/csc").await;
        b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
        b.press("Тізілімнен табу").await;
        b.type_into("Өтініш берушінің телефоны", "+7 701 234 56 78").await;
        b.choose("Қызмет", title).await;
        b.press("Өтініш нысанын толтыру").await;
        b.subheading(title).await;
        let filing = Filing {
            applicant: CITIZEN,
            signer: OPERATOR,
            service,
            kind,
            provider: "astana",
            values,
        };
        fill_attach_and_sign(&b, &filing).await;
        let receipt = pdf_text(&b.download("Қолхатты басып шығару").await);
        assert!(receipt.contains(title), "{title} missing from its receipt: {receipt}");
    }
    b.close().await;
}

#[tokio::test]
async fn a_package_travels_in_registries_and_the_result_is_handed_over_at_the_counter() {
    let b = Browser::open().await;
    b.sign_in(OPERATOR).await;
    let filed = filed_at_the_counter(&b).await;
    let item = format!("{filed} — Нұрланова Айгүл Серікқызы (1)");

    // The package goes to the akimat in a registry, printed in two copies.
    b.visit("/csc").await;
    b.choose("Құжаттар топтамасын қызмет берушіге жіберу", "Астана қаласының әкімдігі").await;
    b.press("Тізілім құру").await;
    b.sees_text("Тізілім құрылды: оны екі данада басып шығарып, курьерге беріңіз.").await;
    b.screenshot("counter-registries").await;
    let printed = pdf_text(&b.download("Тізілімді басып шығару (2 дана)").await);
    for expected in ["Экземпляр 1", "Экземпляр 2", filed.as_str(), "Нұрланова Айгүл Серікқызы"]
    {
        assert!(printed.contains(expected), "{expected:?} missing from the registry: {printed}");
    }
    b.sign_out().await;

    // The akimat's chancellery ticks what arrived.
    b.sign_in("810505300788").await;
    b.sees_text("Тізілімдер").await;
    b.tick(&item).await;
    let violations = b.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "accessibility violations at the registries:\n{}",
        violations.join("\n")
    );
    b.press("Белгілерді сақтау").await;
    b.sees_text("Тізілім қабылданды.").await;
    b.sign_out().await;

    // The result, signed, travels back to the centre, which finds it by her receipt.
    work_to_signed(&b, &filed, ARCHIVES).await;
    back_to_the_centre(&b, &filed).await;
    let violations = b.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "accessibility violations at the handover:\n{}",
        violations.join("\n")
    );
    // A representative with a notarised power collects it: the power is recorded with the
    // identity document, and a power dated tomorrow is refused on its field.
    // The error summary takes the focus and leads to each field (issue 19, item 8).
    b.tick("Нотариаттық сенімхат бойынша өкілге").await;
    b.press("Нәтижені беру").await;
    b.focus_is_on("handover-errors").await;
    let document = "Тексерілген жеке басын куәландыратын құжатты жазыңыз: түрі мен нөмірі.";
    b.fix_from_the_summary("Тексерілген жеке куәлік", document, "ЖК № 045678912").await;
    b.sees_link("Куәландырған нотариус: Сенімхатты куәландырған нотариустың аты-жөнін жазыңыз.")
        .await;
    b.type_into("Өкілдің аты-жөні (жеке куәлік бойынша)", "Әбдірахманов Қанат Ерланұлы").await;
    b.type_into("Нотариалдық сенімхаттың нөмірі", "1234").await;
    let tomorrow = Date::in_kazakhstan(portal_now()).plus_days(1);
    b.pick_date("Сенімхаттың куәландырылған күні", &tomorrow.to_string()).await;
    b.type_into("Куәландырған нотариус", "Сейітова Ә. Қ.").await;
    b.press("Нәтижені беру").await;
    b.focus_is_on("handover-errors").await;
    let future = "Сенімхаттың куәландырылған күні: Сенімхаттың куәландырылған күнін таңдаңыз: бүгіннен кеш емес.";
    b.click_link(future).await;
    b.focus_is_on_field("Сенімхаттың куәландырылған күні").await;
    b.pick_date("Сенімхаттың куәландырылған күні", "2026-11-02").await;
    b.gone_link(future).await;
    b.press("Нәтижені беру").await;
    b.sees_text("Нәтиже берілді").await;
    b.sees_text(
        "Әбдірахманов Қанат Ерланұлы (нотариалдық сенімхат / нотариальная доверенность № 1234, \
         02.11.2026, нотариус Сейітова Ә. Қ.); ЖК № 045678912",
    )
    .await;
    assert!(b.download("PDF сақтау").await.starts_with(b"%PDF-"), "the paper copy to print");
    b.sign_out().await;

    // She sees it handed over from her own account.
    b.sign_in(CITIZEN).await;
    b.click_link(&filed).await;
    b.sees_text("Нәтиже берілді").await;
    b.close().await;
}

/// 001 p. 8: at the akimat's own chancellery an employee takes a walk-in's application for the
/// registration of a foreign outlet — the person found in the registry, the form filled with the
/// scans, signed with the employee's key — prints the application for them, and, once the head
/// has signed the certificate, e-mails it to them as the signed PDF.
#[tokio::test]
async fn the_chancellery_files_a_walk_in_and_hands_the_result_over() {
    const CHANCELLERY: &str = "810505300788";
    let b = Browser::open().await;
    b.sign_in(CHANCELLERY).await;
    b.click_link("Кеңседе өтініш қабылдау").await;
    b.heading("Кеңседе өтініш қабылдау").await;
    b.type_into("Өтініш берушінің ЖСН-ы немесе БСН-ы", CITIZEN).await;
    b.press("Тізілімнен табу").await;
    b.sees_text("Тізілімде табылды: Нұрланова Айгүл Серікқызы (850315400124)").await;
    b.type_into("Өтініш берушінің телефоны", "+7 701 234 56 78").await;
    let service = catalog().service(ServiceCode::ForeignMedia).unwrap().title.kk.to_string();
    b.choose("Қызмет", &service).await;
    b.press("Өтініш нысанын толтыру").await;
    b.subheading(&service).await;
    let (_, kind, values) =
        regional_forms().into_iter().find(|(code, ..)| *code == ServiceCode::ForeignMedia).unwrap();
    let filing = Filing {
        applicant: CITIZEN,
        signer: CHANCELLERY,
        service: ServiceCode::ForeignMedia,
        kind,
        provider: "astana",
        values,
    };
    fill_attach_and_sign(&b, &filing).await;
    b.sees_text("Қызмет берушінің кеңсесі арқылы берілді").await;
    let number = b.path().await.trim_start_matches("/kk/requests/").to_owned();
    let application = pdf_text(&b.download("Өтінішті ашу (PDF)").await);
    let taken_in = "Қабылдаған / Принял: Сейітов Данияр Маратұлы";
    for expected in [number.as_str(), "Нұрланова Айгүл Серікқызы", taken_in]
    {
        assert!(application.contains(expected), "{expected:?} missing: {application}");
    }
    b.sign_out().await;

    work_to_signed(&b, &number, INTERNAL_POLICY).await;
    b.sign_in(CHANCELLERY).await;
    b.visit(&format!("/requests/{number}")).await;
    b.tick("Өтініш берушінің электрондық поштасына жіберу (қол қойылған PDF)").await;
    b.type_into("Өтініш берушінің электрондық поштасы", "aigul@example.kz").await;
    b.press("Нәтижені поштаға жіберу").await;
    b.sees_text("Нәтиже берілді").await;
    b.sees_text("e-mail aigul@example.kz").await;
    b.close().await;
}
