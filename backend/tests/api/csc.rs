//! The CSC counter through the API: an operator files for a citizen found in the registry and
//! signs with their own key, the receipt is read back (text by `pdftotext`, barcode by
//! `zbarimg`), an incomplete package gets a refusal receipt and no request, and an operator sees
//! only their own centre's requests.

use qyzmet_shared::result::Outcome;
use std::process::Command;

use base64::Engine as _;

use qyzmet_backend::signatures::test_ca::Standing;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::csc::{Direction, RefusalView, RegistryState, RegistryView};
use qyzmet_shared::request::{Page, PublicStatus, RequestSummary, RequestView};
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ErrorCode, Role};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, TestApp, instant};
use crate::documents::text_of;
use crate::office::walk_to_issued;
use crate::requests::{CHANCELLERY, CITIZEN, complete, ok, refused, seeded, step, submit};

pub(crate) const OPERATOR: &str = "781122300562";
/// An operator of another centre (Saryarka).
pub(crate) const OTHER_OPERATOR: &str = "890417400007";
const REPRESENTATIVE: &str = "920711300344";

/// What the operator records at the counter: the applicant's phone, and a representative with a
/// notarised power of attorney.
fn counter() -> Value {
    json!({"phone": "+7 701 234 56 78", "representative": {
        "iin": REPRESENTATIVE, "name": "Әбдірахманов Қанат Ерланұлы",
        "phone": "+7 702 111 22 33", "power_of_attorney": "№ 1234, 01.11.2026"}})
}

/// An archival salary certificate opened at the counter for `applicant`; the operator types what
/// the registry does not know.
fn at_counter(applicant: &str, counter: &Value) -> Value {
    json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "on_behalf_of": applicant, "counter": counter,
        "form": {"organisation": "«Қазақтелеком» АҚ", "period_from": "2005-01-01",
            "period_to": "2010-12-31", "phone": "+7 701 234 56 78"}})
}

async fn receipt(app: &TestApp, cookie: &str, number: &str) -> reqwest::Response {
    app.call(Method::GET, &format!("/requests/{number}/receipt.pdf"), cookie, None).await
}

/// The barcode on the first page of a PDF, as a scanner reads it.
pub(crate) fn barcode_of(pdf: &[u8]) -> String {
    codes_in(pdf, "code128").swap_remove(0)
}

/// The codes of this symbology (zbar's name: `code128`, `qrcode`) on the pages of a PDF, page by
/// page, each page rendered at 200 dpi as a printer would and read by zbar as a scanner reads it.
/// It fails when there is none.
pub(crate) fn codes_in(pdf: &[u8], symbology: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let rendered = Command::new("pdftoppm")
        .args(["-png", "-r", "200"])
        .arg(&file)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm runs: `cargo xtask test` installs poppler-utils");
    assert!(rendered.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|x| x == "png"))
        .collect();
    pages.sort();
    let scanned = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", &format!("-S{symbology}.enable")])
        .args(&pages)
        .output()
        .expect("zbarimg runs: `cargo xtask test` installs zbar-tools");
    // zbarimg exits 4 when some page had no code: what counts is what it read.
    let codes: Vec<String> =
        String::from_utf8(scanned.stdout).unwrap().lines().map(str::to_owned).collect();
    assert!(
        !codes.is_empty(),
        "no {symbology} found: {}",
        String::from_utf8_lossy(&scanned.stderr)
    );
    codes
}

async fn an_operator_files_for_a_citizen_and_prints_the_receipt(db: Db) {
    // Thursday 3 December 2026, within the working day.
    let app = TestApp::spawn_demo_at(db, "2026-12-03T10:00:00+05:00").await;
    let operator = app.session(OPERATOR).await;
    let body = at_counter(CITIZEN, &counter());
    let draft = ok(app.call(Method::POST, "/requests", &operator, Some(body)).await).await;
    assert_eq!(draft.applicant_id_number, CITIZEN);
    assert_eq!(draft.applicant_name, "Нұрланова Айгүл Серікқызы");
    assert_eq!(
        draft.form.get("surname").map(String::as_str),
        Some("Нұрланова"),
        "from the registry"
    );
    let shown = draft.counter.clone().unwrap();
    assert_eq!((shown.centre.as_str(), shown.operator_iin.as_str()), ("astana-esil", OPERATOR));
    assert_eq!(shown.counter.representative.unwrap().iin, REPRESENTATIVE);
    // The operator attaches the scans and signs with their own key; the citizen's would not do.
    let draft = complete(&app, &operator, &draft.number).await;
    let by_citizen = app.sign(
        CITIZEN,
        Standing::Valid,
        &qyzmet_shared::request::Filing::from(&draft).signed_bytes(),
    );
    let wrong =
        crate::requests::submission(&app, &operator, &draft.number, "counter-key-1", &by_citizen)
            .await;
    refused(wrong, 422, ErrorCode::SignerMismatch).await;
    let filed = ok(submit(&app, &operator, &draft.number, "counter-key-2").await).await;
    assert_eq!(filed.status, Status::Submitted);
    assert_eq!(filed.signed_by.as_ref().map(|s| s.iin.as_deref()), Some(Some(OPERATOR)));
    // The day the CSC accepts the documents is not counted in the term: its 15 working days are
    // 4, 7–11, 14–15, 17–18 (16 December rests) and 21–25 December. Filed on the portal at
    // the same moment it would end on the 24th.
    assert_eq!(filed.deadline, Some(instant("2026-12-25T23:59:59+05:00")));

    // The receipt: every field the regulation lists, in both languages, and the number scanned.
    let printed = receipt(&app, &operator, &filed.number).await;
    assert_eq!(printed.status(), 200);
    assert_eq!(printed.headers()["content-type"], "application/pdf");
    let pdf = printed.bytes().await.unwrap();
    let text = text_of(&pdf);
    for expected in [
        "Құжаттарды қабылдағаны туралы қолхат",
        "Расписка о приёме документов",
        filed.number.as_str(),
        "03.12.2026",
        "Мұрағаттық анықтамалар беру",
        "Нұрланова Айгүл Серікқызы",
        CITIZEN,
        "+7 701 234 56 78",
        "Әбдірахманов Қанат Ерланұлы",
        "+7 702 111 22 33",
        "№ 1234, 01.11.2026",
        &format!("Қабылданған құжаттар ({}):", filed.attachments.len()),
        &format!("Принятые документы ({}):", filed.attachments.len()),
        // The day the result is issued, the term's last.
        "25.12.2026",
        "Астана қ., Мәңгілік Ел даңғылы, 8",
        "г. Астана, проспект Мангилик Ел, 8",
        "09:00–20:00",
        "Оспанов Ерлан Бауыржанұлы",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the receipt: {text}");
    }
    let kind = qyzmet_shared::form::kind(filed.service, &filed.kind).unwrap();
    for attached in &filed.attachments {
        let label = kind.documents.iter().find(|d| d.id == attached.document).unwrap();
        assert!(text.contains(label.label.ru.as_ref()), "{} not on the receipt", label.id);
    }
    assert_eq!(barcode_of(&pdf), filed.number);
    assert_eq!(crate::documents::beyond_the_margin(&pdf), Vec::<String>::new());
    crate::documents::assert_pdf_a(&pdf, Date::new(2026, 12, 3).unwrap());

    // The citizen sees the same request: in their history, in full, with the receipt, and on
    // the public status check.
    let citizen = app.session(CITIZEN).await;
    let history: Page<RequestSummary> =
        app.call(Method::GET, "/requests", &citizen, None).await.json().await.unwrap();
    assert!(history.items.iter().any(|r| r.number == filed.number));
    let theirs =
        ok(app.call(Method::GET, &format!("/requests/{}", filed.number), &citizen, None).await)
            .await;
    assert_eq!(
        theirs.counter.map(|c| c.operator_name),
        Some("Оспанов Ерлан Бауыржанұлы".to_owned())
    );
    assert_eq!(receipt(&app, &citizen, &filed.number).await.status(), 200);
    let status = app.get(&format!("/api/v1/status?number={}&iin={CITIZEN}", filed.number)).await;
    let status: PublicStatus = status.json().await.unwrap();
    assert_eq!(status.status, Status::Submitted);
    // And the provider's chancellery registers it like any other.
    let chancellery = app.session(CHANCELLERY).await;
    let registered = crate::requests::act(&app, &chancellery, &filed.number, "register", "").await;
    assert_eq!(ok(registered).await.status, Status::AtHead);
}

async fn a_person_the_registry_does_not_know_is_refused_and_one_it_knows_gets_an_account(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let unknown = at_counter("900101300027", &json!({"phone": "+7 701 234 56 78"}));
    let response = app.call(Method::POST, "/requests", &operator, Some(unknown)).await;
    refused(response, 422, ErrorCode::NoRegistryData).await;
    let lookup =
        app.call(Method::GET, "/registry/me?on_behalf_of=900101300027", &operator, None).await;
    refused(lookup, 422, ErrorCode::NoRegistryData).await;
    assert_eq!(app.store.accounts().by_id_number("900101300027").await.unwrap(), None);

    // Someone in the registry with no account yet gets one, named as the registry has them.
    app.register_newcomer().await;
    let found =
        app.call(Method::GET, "/registry/me?on_behalf_of=900101300027", &operator, None).await;
    assert_eq!(found.status(), 200);
    let known = at_counter("900101300027", &json!({"phone": "+7 701 234 56 78"}));
    let draft = ok(app.call(Method::POST, "/requests", &operator, Some(known)).await).await;
    assert_eq!(draft.applicant_name, "Сәрсенбаев Ғалым Өмірұлы");
    let account = app.store.accounts().by_id_number("900101300027").await.unwrap().unwrap();
    assert_eq!(
        (account.role, account.full_name.as_str()),
        (Role::Applicant, "Сәрсенбаев Ғалым Өмірұлы")
    );
}

async fn the_counter_record_is_checked_field_by_field(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let bad = json!({"phone": "8 701", "representative": {"iin": CITIZEN, "name": "",
        "phone": "+7 702 111 22 33", "power_of_attorney": ""}});
    let response =
        app.call(Method::POST, "/requests", &operator, Some(at_counter(CITIZEN, &bad))).await;
    let error = refused(response, 422, ErrorCode::InvalidForm).await;
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["phone", "representative_iin", "representative_name", "power_of_attorney"]);
    let no_counter = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "on_behalf_of": CITIZEN});
    let response = app.call(Method::POST, "/requests", &operator, Some(no_counter)).await;
    refused(response, 422, ErrorCode::InvalidForm).await;
    let bad_iin = at_counter("850315400125", &json!({"phone": "+7 701 234 56 78"}));
    let response = app.call(Method::POST, "/requests", &operator, Some(bad_iin)).await;
    let error = refused(response, 422, ErrorCode::InvalidIin).await;
    assert_eq!(error.field.as_deref(), Some("on_behalf_of"));
    // The ministry's registration is filed on the portal only (regulation 002).
    let ministry = json!({"service": "periodicals-registration", "kind": "registration",
        "provider": "information-committee", "on_behalf_of": CITIZEN,
        "counter": {"phone": "+7 701 234 56 78"}});
    let response = app.call(Method::POST, "/requests", &operator, Some(ministry)).await;
    let error = refused(response, 422, ErrorCode::BadRequest).await;
    assert_eq!(error.field.as_deref(), Some("service"));
    // A citizen cannot pass their request off as filed at a counter.
    let citizen = app.session(CITIZEN).await;
    let mut own = at_counter(CITIZEN, &counter());
    own["on_behalf_of"] = Value::Null;
    let response = app.call(Method::POST, "/requests", &citizen, Some(own)).await;
    let error = refused(response, 422, ErrorCode::BadRequest).await;
    assert_eq!(error.field.as_deref(), Some("counter"));
    // Nothing was written by any of these.
    let history: Page<RequestSummary> =
        app.call(Method::GET, "/requests", &operator, None).await.json().await.unwrap();
    assert_eq!(history.total, 0);
}

async fn an_incomplete_package_gets_a_refusal_receipt_and_no_request(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let body = at_counter(CITIZEN, &json!({"phone": "+7 701 234 56 78"}));
    let draft = ok(app.call(Method::POST, "/requests", &operator, Some(body)).await).await;
    // 004: an archival salary certificate needs the applicant's identity document, and the
    // operator attached nothing.
    let expected = ["identity"];
    let refusal = app
        .call(Method::POST, &format!("/requests/{}/refusal", draft.number), &operator, None)
        .await;
    assert_eq!(refusal.status(), 201);
    let refusal: RefusalView = refusal.json().await.unwrap();
    assert_eq!(refusal.missing, expected);
    // The draft is gone: nothing reaches the provider or the citizen's history.
    let gone = app.call(Method::GET, &format!("/requests/{}", draft.number), &operator, None).await;
    assert_eq!(gone.status(), 404);
    let citizen = app.session(CITIZEN).await;
    let history: Page<RequestSummary> =
        app.call(Method::GET, "/requests", &citizen, None).await.json().await.unwrap();
    assert_eq!(history.total, 0);
    // The refusal receipt names each missing document, for the operator's centre only.
    let path = format!("/csc/refusals/{}/receipt.pdf", refusal.number);
    let printed = app.call(Method::GET, &path, &operator, None).await;
    assert_eq!(printed.status(), 200);
    let pdf = printed.bytes().await.unwrap();
    let text = text_of(&pdf);
    for expected in [
        "Құжаттарды қабылдаудан бас тарту туралы қолхат",
        "Расписка об отказе в приёме документов",
        refusal.number.as_str(),
        "Нұрланова Айгүл Серікқызы",
        "Оспанов Ерлан Бауыржанұлы",
        "Недостающие документы (1):",
        "Жеке басын куәландыратын құжат",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the refusal receipt: {text}");
    }
    assert_eq!(barcode_of(&pdf), refusal.number);
    assert_eq!(crate::documents::beyond_the_margin(&pdf), Vec::<String>::new());
    crate::documents::assert_pdf_a(&pdf, Date::in_kazakhstan(app.now()));
    let other = app.session(OTHER_OPERATOR).await;
    assert_eq!(app.call(Method::GET, &path, &other, None).await.status(), 404);
    assert_eq!(app.call(Method::GET, &path, &citizen, None).await.status(), 404);

    // A complete package is filed, not refused.
    let body = at_counter(CITIZEN, &json!({"phone": "+7 701 234 56 78"}));
    let draft = ok(app.call(Method::POST, "/requests", &operator, Some(body)).await).await;
    complete(&app, &operator, &draft.number).await;
    let refusal = app
        .call(Method::POST, &format!("/requests/{}/refusal", draft.number), &operator, None)
        .await;
    refused(refusal, 409, ErrorCode::NotAllowedNow).await;
}

async fn an_operator_sees_only_their_centres_requests_and_acts_only_at_the_counter(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let body = at_counter(CITIZEN, &json!({"phone": "+7 701 234 56 78"}));
    let draft = ok(app.call(Method::POST, "/requests", &operator, Some(body)).await).await;
    let filed: RequestView =
        ok(submit(&app, &operator, &draft.number, "counter-key-3").await).await;
    let path = format!("/requests/{}", filed.number);
    // A citizen's own portal request is no operator's business.
    let citizen = app.session(CITIZEN).await;
    let portal = crate::requests::draft(&app, &citizen).await;
    let portal = ok(submit(&app, &citizen, &portal.number, "portal-key-1").await).await;

    let other = app.session(OTHER_OPERATOR).await;
    assert_eq!(app.call(Method::GET, &path, &other, None).await.status(), 404);
    assert_eq!(receipt(&app, &other, &filed.number).await.status(), 404);
    let theirs: Page<RequestSummary> =
        app.call(Method::GET, "/requests", &other, None).await.json().await.unwrap();
    assert_eq!(theirs.total, 0);
    let ours: Page<RequestSummary> =
        app.call(Method::GET, "/requests", &operator, None).await.json().await.unwrap();
    let numbers: Vec<&str> = ours.items.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, [filed.number.as_str()]);
    let portal_path = format!("/requests/{}", portal.number);
    assert_eq!(app.call(Method::GET, &portal_path, &operator, None).await.status(), 404);
    // No provider's step is an operator's to take, and no portal draft is theirs to open.
    let register = crate::requests::act(&app, &operator, &filed.number, "register", "").await;
    refused(register, 403, ErrorCode::Forbidden).await;
    let portal_body =
        json!({"service": "archival-certificate", "kind": "salary", "provider": "astana"});
    let response = app.call(Method::POST, "/requests", &operator, Some(portal_body)).await;
    refused(response, 422, ErrorCode::InvalidIin).await;
}

async fn registry(app: &TestApp, cookie: &str, to: &str) -> reqwest::Response {
    app.call(Method::POST, "/registries", cookie, Some(json!({"to": to}))).await
}

async fn registry_ok(response: reqwest::Response) -> RegistryView {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn mark(
    app: &TestApp,
    cookie: &str,
    number: &str,
    present: &[&str],
    reason: &str,
) -> reqwest::Response {
    let body = json!({"present": present, "reason": reason});
    app.call(Method::POST, &format!("/registries/{number}/receipt"), cookie, Some(body)).await
}

/// A request filed at the counter (with a representative), by `OPERATOR`.
pub(crate) async fn filed_at_counter(app: &TestApp, operator: &str, key: &str) -> RequestView {
    let body = at_counter(CITIZEN, &counter());
    let draft = ok(app.call(Method::POST, "/requests", operator, Some(body)).await).await;
    ok(submit(app, operator, &draft.number, key).await).await
}

async fn a_package_travels_to_the_provider_in_a_registry_marked_item_by_item(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let filed = filed_at_counter(&app, &operator, "counter-key-4").await;
    let number = filed.number.as_str();

    // The package goes to the akimat in a registry, printed in two copies.
    let outbound = registry_ok(registry(&app, &operator, "astana").await).await;
    assert_eq!((outbound.direction, outbound.state), (Direction::ToProvider, RegistryState::Sent));
    assert_eq!(outbound.items.len(), 1);
    assert_eq!(outbound.items[0].request, number);
    assert_eq!(outbound.items[0].documents, filed.attachments.len());
    refused(registry(&app, &operator, "astana").await, 409, ErrorCode::NotAllowedNow).await;
    let printed = app
        .call(Method::GET, &format!("/registries/{}/pdf", outbound.number), &operator, None)
        .await;
    assert_eq!(printed.status(), 200);
    let pdf = printed.bytes().await.unwrap();
    let text = text_of(&pdf);
    for expected in [
        "Экземпляр 1",
        "Экземпляр 2",
        outbound.number.as_str(),
        number,
        "Нұрланова Айгүл Серікқызы",
        "Астана қаласы Есіл ауданының ХҚО",
        "Оспанов Ерлан Бауыржанұлы",
        "Мұрағаттық анықтамалар беру / Выдача архивных справок",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the registry: {text}");
    }
    assert_eq!(barcode_of(&pdf), outbound.number);
    assert_eq!(crate::documents::beyond_the_margin(&pdf), Vec::<String>::new());
    crate::documents::assert_pdf_a(&pdf, Date::in_kazakhstan(app.now()));
    // The sender cannot receive it; the akimat's chancellery marks it item by item.
    let path = format!("/registries/{}", outbound.number);
    refused(
        mark(&app, &operator, &outbound.number, &[number], "").await,
        403,
        ErrorCode::Forbidden,
    )
    .await;
    let chancellery = app.session(CHANCELLERY).await;
    let incoming: Page<RegistryView> =
        app.call(Method::GET, "/registries", &chancellery, None).await.json().await.unwrap();
    assert_eq!(
        incoming.items.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
        [outbound.number.as_str()]
    );
    let error = refused(
        mark(&app, &chancellery, &outbound.number, &[], " ").await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields[0].field, "reason");
    let accepted =
        registry_ok(mark(&app, &chancellery, &outbound.number, &[number], "").await).await;
    assert_eq!(accepted.state, RegistryState::Accepted);
    assert_eq!(accepted.items[0].present, Some(true));
    assert_eq!(accepted.received_by.as_deref(), Some("Сейітов Данияр Маратұлы"));
    refused(
        mark(&app, &chancellery, &outbound.number, &[number], "").await,
        409,
        ErrorCode::NotAllowedNow,
    )
    .await;
    let other = app.session(OTHER_OPERATOR).await;
    assert_eq!(app.call(Method::GET, &path, &other, None).await.status(), 404);
}

async fn a_result_travels_back_in_a_registry_and_is_handed_over_at_the_counter(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let other = app.session(OTHER_OPERATOR).await;
    let chancellery = app.session(CHANCELLERY).await;
    let filed = filed_at_counter(&app, &operator, "counter-key-5").await;
    let number = filed.number.as_str();

    // The akimat works it to a signed result; it goes back only through the centre.
    let mut steps = walk_to_issued("archival-certificate", Outcome::Certificate);
    steps.pop();
    for (who, body) in steps {
        let cookie = app.session(who).await;
        ok(step(&app, &cookie, number, body).await).await;
    }
    let issue = crate::requests::act(&app, &chancellery, number, "issue", "").await;
    refused(issue, 409, ErrorCode::NotAllowedNow).await;
    let alone = crate::requests::act(&app, &chancellery, number, "send_to_csc", "").await;
    refused(alone, 409, ErrorCode::NotAllowedNow).await;
    refused(registry(&app, &chancellery, "nowhere").await, 422, ErrorCode::BadRequest).await;
    let back = registry_ok(registry(&app, &chancellery, "astana-esil").await).await;
    assert_eq!((back.direction, back.items[0].documents), (Direction::ToCsc, 1));
    let shown =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &operator, None).await).await;
    assert_eq!(shown.status, Status::SentToCsc);
    // The result is not in it: the centre refuses the registry, and the result goes back.
    let refused_back =
        registry_ok(mark(&app, &operator, &back.number, &[], "Анықтаманың түпнұсқасы жоқ").await)
            .await;
    assert_eq!(
        (refused_back.state, refused_back.items[0].present),
        (RegistryState::Refused, Some(false))
    );
    let returned =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &chancellery, None).await).await;
    assert_eq!(returned.status, Status::Signed);
    assert_eq!(returned.events.last().unwrap().resolution, "Анықтаманың түпнұсқасы жоқ");
    // Sent again, this time complete: the result waits at the centre.
    let again = registry_ok(registry(&app, &chancellery, "astana-esil").await).await;
    registry_ok(mark(&app, &operator, &again.number, &[number], "").await).await;
    let citizen = app.session(CITIZEN).await;
    let waiting =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await;
    assert_eq!(waiting.status, Status::AtCsc);

    // Handed over: to a representative with a notarised power, identity checked; the power's
    // number, date and notary are required and recorded.
    let handover_path = format!("/requests/{number}/handover");
    let handover = |body: Value| app.call(Method::POST, &handover_path, &operator, Some(body));
    let error = refused(
        handover(json!({"recipient": "representative", "identity_document": "",
            "representative": "Әбдірахманов Қанат Ерланұлы", "power_number": "1234",
            "power_date": "2099-01-01", "notary": ""}))
        .await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["identity_document", "power_date", "notary"]);
    let by_other = app
        .call(
            Method::POST,
            &format!("/requests/{number}/handover"),
            &other,
            Some(json!({"recipient": "applicant", "identity_document": "ЖК № 012345678"})),
        )
        .await;
    assert_eq!(by_other.status(), 404);
    let issued = ok(handover(json!({"recipient": "representative",
        "identity_document": "ЖК № 045678912", "representative": "Әбдірахманов Қанат Ерланұлы",
        "power_number": "1234", "power_date": "2026-11-01", "notary": "Сейітова Ә. Қ."}))
    .await)
    .await;
    assert_eq!(issued.status, Status::Issued);
    let last = issued.events.last().unwrap();
    assert!(
        [
            "Әбдірахманов Қанат Ерланұлы",
            "№ 1234",
            "01.11.2026",
            "нотариус Сейітова Ә. Қ.",
            "ЖК № 045678912"
        ]
        .iter()
        .all(|part| last.resolution.contains(part)),
        "{}",
        last.resolution
    );
    let paper =
        app.call(Method::GET, &format!("/requests/{number}/result.pdf"), &operator, None).await;
    assert_eq!(paper.status(), 200);
    let seen =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await;
    assert_eq!(seen.status, Status::Issued);
    refused(
        handover(json!({"recipient": "applicant", "identity_document": "ЖК № 012345678"})).await,
        409,
        ErrorCode::NotAllowedNow,
    )
    .await;
}

/// A counter request worked to its signed result, sent back to the centre and accepted there.
async fn waiting_at_the_centre(app: &TestApp, operator: &str, key: &str) -> String {
    let number = filed_at_counter(app, operator, key).await.number;
    let mut steps = walk_to_issued("archival-certificate", Outcome::Certificate);
    steps.pop();
    for (who, body) in steps {
        let cookie = app.session(who).await;
        ok(step(app, &cookie, &number, body).await).await;
    }
    let chancellery = app.session(CHANCELLERY).await;
    let back = registry_ok(registry(app, &chancellery, "astana-esil").await).await;
    registry_ok(mark(app, operator, &back.number, &[number.as_str()], "").await).await;
    number
}

async fn a_result_can_be_sent_from_the_counter_to_the_applicants_email_as_the_signed_pdf(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let number = waiting_at_the_centre(&app, &operator, "counter-key-6").await;
    let path = format!("/requests/{number}/handover");
    let bad = json!({"recipient": "email", "email": "not an address"});
    let error = refused(
        app.call(Method::POST, &path, &operator, Some(bad)).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields[0].field, "email");
    let body = json!({"recipient": "email", "email": "aigul@example.kz"});
    let issued = ok(app.call(Method::POST, &path, &operator, Some(body)).await).await;
    assert_eq!(issued.status, Status::Issued);
    assert_eq!(issued.events.last().unwrap().resolution, "e-mail aigul@example.kz");
    // The e-mail carries the very PDF the portal issued.
    let result =
        app.call(Method::GET, &format!("/requests/{number}/result.pdf"), &operator, None).await;
    let result = result.bytes().await.unwrap();
    let attachment = format!("filename=\"{number}.pdf\"");
    // The step e-mails are there already: wait for the one with the result.
    let sent =
        app.mail_where(|m| m.contains("To: aigul@example.kz") && m.contains(&attachment)).await;
    let part = &sent[sent.find(&attachment).unwrap()..];
    let encoded: String = part
        .split("\r\n\r\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|line| !line.starts_with("--"))
        .collect();
    let attached = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).unwrap();
    assert_eq!(attached, result.to_vec());
}

/// A registry and the moves of its requests are one transaction: when its list of items cannot
/// be written (the table is away, as a full disk or a lost connection would leave it) after its
/// requests were moved on, no registry is left and no request has moved; once it can, the same
/// registry forms whole.
async fn a_registry_that_cannot_be_written_whole_leaves_nothing_behind(db: Db) {
    let app = seeded(db).await;
    let operator = app.session(OPERATOR).await;
    let chancellery = app.session(CHANCELLERY).await;
    let number = filed_at_counter(&app, &operator, "whole-key-1").await.number;
    let mut steps = walk_to_issued("archival-certificate", Outcome::Certificate);
    steps.pop();
    for (who, body) in steps {
        ok(step(&app, &app.session(who).await, &number, body).await).await;
    }
    let events = format!(
        "SELECT COUNT(*) FROM request_events e JOIN requests r ON r.id = e.request_id \
         WHERE r.number = '{number}'"
    );
    let before = app.count(&events).await;
    app.execute("ALTER TABLE csc_registry_items RENAME TO csc_registry_items_away").await;
    let failed = registry(&app, &chancellery, "astana-esil").await;
    app.execute("ALTER TABLE csc_registry_items_away RENAME TO csc_registry_items").await;
    refused(failed, 500, ErrorCode::Internal).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM csc_registries").await, 0, "no registry");
    assert_eq!(app.count(&events).await, before, "no step in the request's history");
    let path = format!("/requests/{number}");
    let unmoved = ok(app.call(Method::GET, &path, &chancellery, None).await).await;
    assert_eq!(unmoved.status, Status::Signed, "not sent");
    let formed = registry_ok(registry(&app, &chancellery, "astana-esil").await).await;
    assert_eq!(formed.items.len(), 1);
    assert_eq!(app.count(&events).await, before + 1);
    let sent = ok(app.call(Method::GET, &path, &chancellery, None).await).await;
    assert_eq!(sent.status, Status::SentToCsc);
}

crate::on_both_databases!(
    a_registry_that_cannot_be_written_whole_leaves_nothing_behind,
    a_result_can_be_sent_from_the_counter_to_the_applicants_email_as_the_signed_pdf,
    a_package_travels_to_the_provider_in_a_registry_marked_item_by_item,
    a_result_travels_back_in_a_registry_and_is_handed_over_at_the_counter,
    an_operator_files_for_a_citizen_and_prints_the_receipt,
    a_person_the_registry_does_not_know_is_refused_and_one_it_knows_gets_an_account,
    the_counter_record_is_checked_field_by_field,
    an_incomplete_package_gets_a_refusal_receipt_and_no_request,
    an_operator_sees_only_their_centres_requests_and_acts_only_at_the_counter,
);
