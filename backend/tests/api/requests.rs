//! Requests through the API: drafted, submitted and walked through every step by the right roles,
//! on both databases.

use crate::helpers::{draft_certificate, plain, to_department, to_specialist};
use base64::Engine as _;
use qyzmet_backend::demo::DEMO_COMPANY_BIN;
use qyzmet_backend::signatures::test_ca::{Purpose, Standing};
use qyzmet_shared::account::Me;
use qyzmet_shared::attachment::missing;
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::registry::RegistryRecord;
use qyzmet_shared::request::Filing;
use qyzmet_shared::request::RequestView;
use qyzmet_shared::request::StepAction;
use qyzmet_shared::result::Outcome;
use qyzmet_shared::workflow::Action;
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ApiError, ErrorCode};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, ORDINARY_EMPLOYEE, TestApp, instant, system_now};

pub(crate) const CITIZEN: &str = "850315400124";
const OTHER_CITIZEN: &str = "920711300344";
pub(crate) const CHANCELLERY: &str = "810505300788";
pub(crate) const HEAD: &str = "750909400915";
pub(crate) const DEPARTMENT_HEAD: &str = "880202401133";
pub(crate) const SPECIALIST: &str = "831212301353";
pub(crate) const MINISTRY_CHANCELLERY: &str = "790414300211";
pub(crate) const MINISTRY_UNIT_HEAD: &str = "861011400433";
pub(crate) const MINISTRY_EXECUTOR: &str = "910303300651";
pub(crate) const MINISTRY_HEAD: &str = "770727400870";

pub(crate) fn salary_certificate() -> Value {
    json!({
        "surname": "Нұрланова", "given_name": "Айгүл", "patronymic": "Серікқызы",
        "birth_date": "1985-03-15", "organisation": "«Қазақтелеком» АҚ",
        "period_from": "2005-01-01", "period_to": "2010-12-31", "phone": "+7 701 234 56 78",
    })
}

pub(crate) async fn seeded(db: Db) -> TestApp {
    TestApp::spawn_demo(db).await
}

pub(crate) async fn ok(response: reqwest::Response) -> RequestView {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap()
}

pub(crate) async fn refused(response: reqwest::Response, status: u16, code: ErrorCode) -> ApiError {
    assert_eq!(response.status(), status);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.code, code);
    assert!(!error.message.is_incomplete());
    error
}

/// A draft of the archival salary certificate at the Astana akimat, with the whole form and
/// the documents it needs.
pub(crate) async fn draft(app: &TestApp, cookie: &str) -> RequestView {
    let created = bare_draft(app, cookie).await;
    complete(app, cookie, &created.number).await
}

/// The same draft with no document attached yet.
pub(crate) async fn bare_draft(app: &TestApp, cookie: &str) -> RequestView {
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": salary_certificate()});
    ok(app.call(Method::POST, "/requests", cookie, Some(body)).await).await
}

/// The smallest file that passes for a scanned PDF.
pub(crate) const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/// Attaches a file for a document of a draft.
pub(crate) async fn attach(
    app: &TestApp,
    cookie: &str,
    number: &str,
    document: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    app.client
        .put(format!("{}/api/v1/requests/{number}/attachments/{document}", app.base))
        .query(&[("name", name)])
        .header(reqwest::header::COOKIE, cookie)
        .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

/// Attaches a scan for every document the draft's applicant must attach and has not; the draft
/// as it then stands.
pub(crate) async fn complete(app: &TestApp, cookie: &str, number: &str) -> RequestView {
    let path = format!("/requests/{number}");
    let request = ok(app.call(Method::GET, &path, cookie, None).await).await;
    let kind = qyzmet_shared::form::kind(request.service, &request.kind).unwrap();
    let missing = missing(kind, &request.applicant_id_number, &request.attachments);
    for document in &missing {
        let attached = attach(app, cookie, number, &document.field, "scan.pdf", PDF.to_vec()).await;
        assert_eq!(attached.status(), 201, "{}", attached.text().await.unwrap());
    }
    ok(app.call(Method::GET, &path, cookie, None).await).await
}

/// Files a draft, signed by the applicant's valid demo key.
pub(crate) async fn submit(
    app: &TestApp,
    cookie: &str,
    number: &str,
    key: &str,
) -> reqwest::Response {
    submit_signed(app, cookie, number, key, Standing::Valid).await
}

/// Files a draft signed with the applicant's key of this standing (revoked, expired …).
pub(crate) async fn submit_signed(
    app: &TestApp,
    cookie: &str,
    number: &str,
    key: &str,
    standing: Standing,
) -> reqwest::Response {
    let shown = app.call(Method::GET, &format!("/requests/{number}"), cookie, None).await;
    let cms = match shown.json::<RequestView>().await {
        Ok(request) if request.status == Status::Draft => {
            app.sign_filing(&complete(app, cookie, number).await, standing)
        }
        Ok(request) => app.sign_filing(&request, standing),
        Err(_) => String::new(),
    };
    submission(app, cookie, number, key, &cms).await
}

/// Files a draft with whatever signature is given.
pub(crate) async fn submission(
    app: &TestApp,
    cookie: &str,
    number: &str,
    key: &str,
    cms: &str,
) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/requests/{number}/submit", app.base))
        .header(reqwest::header::COOKIE, cookie)
        .header("idempotency-key", key)
        .json(&json!({"cms": cms}))
        .send()
        .await
        .unwrap()
}

pub(crate) async fn act(
    app: &TestApp,
    cookie: &str,
    number: &str,
    action: &str,
    resolution: &str,
) -> reqwest::Response {
    step(app, cookie, number, json!({"action": action, "resolution": resolution})).await
}

/// A step with the choices it carries (department, specialist, outcome). A `sign` step that
/// carries no signature is signed here with the acting staff member's demo key, as their browser
/// would sign it.
pub(crate) async fn step(
    app: &TestApp,
    cookie: &str,
    number: &str,
    body: impl serde::Serialize,
) -> reqwest::Response {
    let mut body = serde_json::to_value(body).unwrap();
    if body["action"] == "sign" && body.get("cms").is_none_or(Value::is_null) {
        let me: Me = app.call(Method::GET, "/session", cookie, None).await.json().await.unwrap();
        let request = app.call(Method::GET, &format!("/requests/{number}"), cookie, None).await;
        if let Ok(request) = request.json::<RequestView>().await {
            body["cms"] = app.sign_approval(&request, &me.id_number).into();
        }
    }
    app.call(Method::POST, &format!("/requests/{number}/actions"), cookie, Some(body)).await
}

async fn a_regional_request_walks_every_step_to_issued(db: Db) {
    // Friday 4 December 2026, after the working day's end (18:30).
    let app = TestApp::spawn_demo_at(db, "2026-12-04T19:00:00+05:00").await;
    let citizen = app.session(CITIZEN).await;
    let created = draft(&app, &citizen).await;
    assert_eq!(created.status, Status::Draft);
    assert_eq!(created.applicant_name, "Нұрланова Айгүл Серікқызы");
    let number = created.number;

    let filed = ok(submit(&app, &citizen, &number, "first-click-0001").await).await;
    assert_eq!(filed.status, Status::Submitted);
    // The term: 15 working days. Filed after hours, it counts from Monday 7 December: 7–11,
    // 14–15, 17–18 (16 December is Independence Day), 21–25 and 28 December.
    let submitted_at = filed.submitted_at.unwrap();
    assert_eq!(filed.deadline, Some(instant("2026-12-28T23:59:59+05:00")));
    assert!(filed.step_deadline.unwrap() > submitted_at, "the chancellery's 15 minutes");

    let staff = [
        (CHANCELLERY, StepAction::new(Action::Register, "Тіркелді")),
        (HEAD, to_department("archives")),
        (DEPARTMENT_HEAD, to_specialist(SPECIALIST)),
        (SPECIALIST, draft_certificate(None)),
        (HEAD, StepAction::new(Action::ReturnForRework, "Кезеңді нақтылаңыз")),
        (SPECIALIST, draft_certificate(None)),
        (HEAD, plain(Action::Sign)),
        (CHANCELLERY, plain(Action::Issue)),
    ];
    let mut last = filed;
    for (who, body) in staff {
        let cookie = app.session(who).await;
        last = ok(step(&app, &cookie, &number, body).await).await;
    }
    assert_eq!(last.status, Status::Issued);
    assert_eq!(last.step_deadline, None, "nothing more to do");
    assert_eq!(last.events.len(), 9);
    assert_eq!(last.events[5].resolution, "Кезеңді нақтылаңыз");
    assert_eq!(last.events[5].to, Status::AtSpecialist);
    assert_eq!(last.events[1].actor, "Сейітов Данияр Маратұлы");
    assert_eq!(last.department.as_deref(), Some("archives"));
    assert_eq!(last.assignee.as_deref(), Some("Ғабитов Нұржан Серікұлы"));
    // The archival certificate: numbered when signed, no end of validity.
    let result = last.result.clone().unwrap();
    assert_eq!(result.outcome, Outcome::Certificate);
    assert_eq!(result.number.as_deref(), Some("N 0001-МА"));
    assert_eq!(result.title.ru, "Архивная справка");
    assert_eq!(result.valid_until, None);
    // The applicant sees the same history.
    let seen =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await;
    assert_eq!(seen, last);
}

async fn the_ministry_approves_before_the_head_signs(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let form = json!({
        "outlet_kind": "network", "title": "Дала жаңалықтары", "languages": "қазақ, орыс",
        "periodicity": "daily", "territory": "Қазақстан Республикасы", "topics": "Жаңалықтар",
        "owner": "«Дала Медиа» ЖШС", "owner_bin": "150440002179", "chief_editor": "Өтебаев Ұлан",
        "editorial_address": "Астана, Мәңгілік Ел 8", "phone": "+7 701 234 56 78",
    });
    let body = json!({"service": "periodicals-registration", "kind": "registration", "provider": "information-committee", "form": form});
    let number = ok(app.call(Method::POST, "/requests", &citizen, Some(body)).await).await.number;
    ok(submit(&app, &citizen, &number, "ministry-key-1").await).await;
    for (who, body) in [
        (MINISTRY_CHANCELLERY, plain(Action::Register)),
        (MINISTRY_UNIT_HEAD, to_specialist(MINISTRY_EXECUTOR)),
        (MINISTRY_EXECUTOR, plain(Action::TakeIntoWork)),
        (MINISTRY_EXECUTOR, draft_certificate(None)),
        (MINISTRY_UNIT_HEAD, plain(Action::Approve)),
    ] {
        ok(step(&app, &app.session(who).await, &number, body).await).await;
    }
    // The executor cannot sign for the head.
    refused(
        act(&app, &app.session(MINISTRY_EXECUTOR).await, &number, "sign", "").await,
        403,
        ErrorCode::Forbidden,
    )
    .await;
    let done = ok(act(&app, &app.session(MINISTRY_HEAD).await, &number, "sign", "").await).await;
    assert_eq!(done.status, Status::Issued);
    // The chancellery passed it straight to the committee's unit.
    assert_eq!(done.department.as_deref(), Some("periodicals"));
    let result = done.result.unwrap();
    assert_eq!(result.number.as_deref(), Some("N 0001-ИК"));
    assert!(result.title.ru.starts_with("Свидетельство о постановке на учет"));
}

async fn wrong_roles_and_wrong_moments_are_refused(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &number, "key-wrong-roles").await).await;
    let chancellery = app.session(CHANCELLERY).await;
    let specialist = app.session(SPECIALIST).await;
    // Not the specialist's step, and not the chancellery's action.
    refused(act(&app, &specialist, &number, "register", "").await, 403, ErrorCode::Forbidden).await;
    refused(act(&app, &chancellery, &number, "sign", "").await, 409, ErrorCode::NotAllowedNow)
        .await;
    ok(act(&app, &chancellery, &number, "register", "").await).await;
    refused(act(&app, &chancellery, &number, "register", "").await, 409, ErrorCode::NotAllowedNow)
        .await;
    // The applicant cannot act as staff, and staff cannot submit.
    refused(act(&app, &citizen, &number, "assign_department", "").await, 403, ErrorCode::Forbidden)
        .await;
    refused(act(&app, &chancellery, &number, "submit", "").await, 403, ErrorCode::Forbidden).await;
}

async fn nobody_else_sees_a_request(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let path = format!("/requests/{number}");
    let chancellery = app.session(CHANCELLERY).await;
    // Not even the provider's staff see a draft.
    refused(app.call(Method::GET, &path, &chancellery, None).await, 404, ErrorCode::NotFound).await;
    ok(submit(&app, &citizen, &number, "key-visibility").await).await;
    ok(app.call(Method::GET, &path, &chancellery, None).await).await;
    let other = app.session(OTHER_CITIZEN).await;
    refused(app.call(Method::GET, &path, &other, None).await, 404, ErrorCode::NotFound).await;
    // Another provider's staff: the request does not exist for them.
    let ministry = app.session(MINISTRY_CHANCELLERY).await;
    refused(app.call(Method::GET, &path, &ministry, None).await, 404, ErrorCode::NotFound).await;
    refused(act(&app, &ministry, &number, "register", "").await, 404, ErrorCode::NotFound).await;
    let body = json!({"form": salary_certificate()});
    refused(
        app.call(Method::PUT, &format!("{path}/form"), &other, Some(body)).await,
        404,
        ErrorCode::NotFound,
    )
    .await;
    refused(
        app.call(Method::GET, &path, "qyzmet_session=none", None).await,
        401,
        ErrorCode::NotSignedIn,
    )
    .await;
}

async fn a_doubled_submit_files_one_request(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let (first, second) = tokio::join!(
        submit(&app, &citizen, &number, "double-click-key"),
        submit(&app, &citizen, &number, "double-click-key")
    );
    let (first, second) = (ok(first).await, ok(second).await);
    assert_eq!(first.status, Status::Submitted);
    assert_eq!(first.submitted_at, second.submitted_at);
    let again = ok(submit(&app, &citizen, &number, "double-click-key").await).await;
    assert_eq!(again.events.len(), 1, "one submission in the history");
    refused(
        submit(&app, &citizen, &number, "another-key-123").await,
        409,
        ErrorCode::NotAllowedNow,
    )
    .await;
}

/// An idempotency key is the request's own: the same key on two requests files both (no one can
/// take a key ahead of someone else's submit), a retry by the same signer answers the request as
/// filed, and the key with another signer's signature is refused.
async fn an_idempotency_key_is_the_requests_own(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let (first, second) = (draft(&app, &citizen).await, draft(&app, &citizen).await);
    let key = "portal-key-0001";
    assert_eq!(
        ok(submit(&app, &citizen, &first.number, key).await).await.status,
        Status::Submitted
    );
    assert_eq!(
        ok(submit(&app, &citizen, &second.number, key).await).await.status,
        Status::Submitted
    );
    // Signed again by the same key (a retry after a lost answer): the request as filed.
    let again = ok(submit(&app, &citizen, &first.number, key).await).await;
    assert_eq!(again.events.len(), 1, "filed once");
    // The same key with a signature by another key: not a retry.
    let ca = app.test_ca.as_ref().unwrap();
    let gost = ca.gost_key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    let other = app.signed_with(gost, &Filing::from(&first).signed_bytes());
    let error = refused(
        submission(&app, &citizen, &first.number, key, &other).await,
        422,
        ErrorCode::IdempotencyKeyReused,
    )
    .await;
    assert_eq!(error.field.as_deref(), Some("idempotency-key"));
}

/// Fifty identical submits at once (a double-clicking applicant, a retrying network): one
/// filing, one history entry, one deadline, and every one of them answered with it.
async fn fifty_identical_submits_file_once(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let signed = complete(&app, &citizen, &draft(&app, &citizen).await.number).await;
    let cms = app.sign_filing(&signed, Standing::Valid);
    let number = signed.number.as_str();
    let submits = (0..50).map(|_| submission(&app, &citizen, number, "double-click-0001", &cms));
    let answers = futures::future::join_all(submits).await;
    // Each twin waits for the write lock and then finds the filing it would have made: a retry,
    // answered with the request as filed.
    let mut filed = Vec::new();
    for answer in answers {
        filed.push(ok(answer).await);
    }
    let seen =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await;
    assert_eq!(seen.status, Status::Submitted);
    assert_eq!(seen.events.len(), 1, "filed once");
    for answer in &filed {
        assert_eq!((answer.submitted_at, answer.deadline), (seen.submitted_at, seen.deadline));
    }
    let check = app.store.audit().verify().await.unwrap();
    assert!(matches!(check, qyzmet_backend::store::AuditCheck::Intact { .. }), "{check:?}");
}

/// What is filed is what was signed: a form edited while a filing is checked lands either before
/// it (the filing is refused: the signature no longer covers the draft) or after it (the edit is
/// refused: the request is filed) — never in between.
async fn the_filed_content_is_the_signed_content(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let (mut filed_first, mut edited_first) = (0, 0);
    for round in 0..8 {
        let signed = draft(&app, &citizen).await;
        let cms = app.sign_filing(&signed, Standing::Valid);
        let mut changed = signed.form.clone();
        changed.insert("organisation".to_owned(), format!("«Өзгерген {round}» АҚ"));
        let edit = format!("/requests/{}/form", signed.number);
        let key = format!("race-key-{round:04}");
        let (filing, editing) = tokio::join!(
            submission(&app, &citizen, &signed.number, &key, &cms),
            app.call(Method::PUT, &edit, &citizen, Some(json!({"form": changed})))
        );
        let path = format!("/requests/{}", signed.number);
        let now = ok(app.call(Method::GET, &path, &citizen, None).await).await;
        if now.status == Status::Submitted {
            filed_first += 1;
            assert_eq!(now.form, signed.form, "the filed form is the signed one");
            assert_eq!(filing.status(), 200);
            assert_eq!(editing.status(), 409);
        } else {
            edited_first += 1;
            assert_eq!((now.status, &now.form), (Status::Draft, &changed));
            assert!(editing.status().is_success());
            let code = filing.json::<ApiError>().await.unwrap().code;
            assert!(
                matches!(code, ErrorCode::ChangedWhileSigning | ErrorCode::SignatureInvalid),
                "{code:?}"
            );
        }
    }
    assert_eq!(filed_first + edited_first, 8);
}

async fn form_mistakes_come_back_per_field(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    // A draft may be incomplete, but what is typed must fit.
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {"phone": "8 701"}});
    let error = refused(
        app.call(Method::POST, "/requests", &citizen, Some(body)).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["phone"]);
    // What the result's PDF could not print is refused with the characters named, in both
    // languages.
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {"organisation": "«Ꙁвезда» 漢 АҚ"}});
    let error = refused(
        app.call(Method::POST, "/requests", &citizen, Some(body)).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields.len(), 1, "{error:?}");
    assert_eq!(error.fields[0].field, "organisation");
    for named in ["«Ꙁ» (U+A640)", "«漢» (U+6F22)"] {
        assert!(error.fields[0].message.kk.contains(named), "{error:?}");
        assert!(error.fields[0].message.ru.contains(named), "{error:?}");
    }
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {"surname": "Нұрланова"}});
    let number = ok(app.call(Method::POST, "/requests", &citizen, Some(body)).await).await.number;
    // Submitting the incomplete draft names every missing field (the registry filled the names).
    let error = refused(
        submit(&app, &citizen, &number, "incomplete-key").await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    let missing: Vec<_> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(missing, ["organisation", "period_from", "period_to", "phone"]);
    assert_eq!(error.fields[0].message.ru, "Обязательное поле: заполните его.");
    // Completing the draft keeps it a draft until submitted.
    let path = format!("/requests/{number}/form");
    let updated = ok(app
        .call(Method::PUT, &path, &citizen, Some(json!({"form": salary_certificate()})))
        .await)
    .await;
    assert_eq!((updated.status, updated.form.len()), (Status::Draft, 8));
    ok(submit(&app, &citizen, &number, "complete-key").await).await;
    refused(
        app.call(Method::PUT, &path, &citizen, Some(json!({"form": salary_certificate()}))).await,
        409,
        ErrorCode::NotAllowedNow,
    )
    .await;
    // Unknown kinds and providers that do not offer the service.
    for (kind, provider, field) in
        [("diploma", "astana", "kind"), ("salary", "information-committee", "provider")]
    {
        let body = json!({"service": "archival-certificate", "kind": kind, "provider": provider});
        let error = refused(
            app.call(Method::POST, "/requests", &citizen, Some(body)).await,
            422,
            ErrorCode::BadRequest,
        )
        .await;
        assert_eq!(error.field.as_deref(), Some(field));
    }
    // Staff do not file for themselves.
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana"});
    refused(
        app.call(Method::POST, "/requests", &app.session(CHANCELLERY).await, Some(body)).await,
        403,
        ErrorCode::Forbidden,
    )
    .await;
}

/// 003 p. 5: an incomplete package gets a written motivated refusal — a document of its own,
/// numbered, with its grounds, signed by the head and handed to the applicant like a result.
async fn an_incomplete_package_is_refused_by_a_signed_numbered_document(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &number, "refusal-key-1").await).await;
    let chancellery = app.session(CHANCELLERY).await;
    let error = refused(
        act(&app, &chancellery, &number, "refuse_incomplete", "  ").await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields[0].field, "resolution");
    assert!(error.fields[0].message.ru.contains("причины отказа"));
    let reasons = "Жеке басын куәландыратын құжат тіркелмеген";
    let drafted = ok(act(&app, &chancellery, &number, "refuse_incomplete", reasons).await).await;
    assert_eq!(drafted.status, Status::AwaitingSignature);
    assert_eq!(drafted.events.last().unwrap().resolution, reasons);
    let result = drafted.result.unwrap();
    assert_eq!((result.outcome, result.grounds.as_str()), (Outcome::Incomplete, reasons));
    assert_eq!(result.number, None, "numbered when signed");
    refused(act(&app, &chancellery, &number, "register", "").await, 409, ErrorCode::NotAllowedNow)
        .await;
    // The head signs it with their key: it is numbered in its own sequence.
    let head = app.session(HEAD).await;
    let signed = ok(step(&app, &head, &number, plain(Action::Sign)).await).await;
    assert_eq!(signed.status, Status::Signed);
    let result = signed.result.unwrap();
    assert_eq!(result.number.as_deref(), Some("N 0001-ТБ"));
    assert!(result.signed_by.is_some());
    assert_eq!(
        result.title.ru,
        "Мотивированный отказ в дальнейшем рассмотрении заявления в связи с неполнотой документов"
    );
    // The applicant opens it as a PDF stating the grounds, and it reaches them when issued.
    let pdf =
        app.call(Method::GET, &format!("/requests/{number}/result.pdf"), &citizen, None).await;
    assert_eq!(pdf.status(), 200);
    let text = crate::documents::text_of(&pdf.bytes().await.unwrap());
    for expected in ["N 0001-ТБ", reasons, "неполнотой документов"] {
        assert!(text.contains(expected), "{expected:?} missing from the refusal: {text}");
    }
    let issued = ok(act(&app, &chancellery, &number, "issue", "").await).await;
    assert_eq!(issued.status, Status::Issued);
}

async fn the_registry_decides_who_may_file(db: Db) {
    let app = seeded(db).await;
    let cookie = stranger(&app).await;
    let drafted = draft(&app, &cookie).await;
    // Their own valid key signs, so what refuses the filing is the registry, not the signature.
    let holder = qyzmet_backend::signatures::test_ca::Holder {
        iin: "900101300027",
        surname: "Белгісіз",
        given_name: "Адам",
        patronymic: "",
        company: None,
    };
    let key = app.certified(&holder, Purpose::Signing);
    let cms = app.signed_with(&key, &Filing::from(&drafted).signed_bytes());
    let number = drafted.number;
    let error = refused(
        submission(&app, &cookie, &number, "stranger-key-1", &cms).await,
        422,
        ErrorCode::NoRegistryData,
    )
    .await;
    assert!(error.message.ru.contains("не удалось получить данные заявителя"));
    let still =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &cookie, None).await).await;
    assert_eq!(still.status, Status::Draft);
    // A company the registry of legal entities knows files under its BIN.
    let company = app.session("150440002179").await;
    let number = company_draft(&app, &company).await;
    let filed = ok(submit(&app, &company, &number, "company-key-1").await).await;
    assert_eq!(
        (filed.status, filed.applicant_id_number.as_str()),
        (Status::Submitted, "150440002179")
    );
}

/// A request signed with a GOST 34.10-2015 key (what the national CA issues today) is filed: the
/// demo's test CA has a GOST branch whose chain and CRL are GOST-signed too.
async fn a_filing_signed_with_a_gost_key_is_filed(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let filing = complete(&app, &citizen, &number).await;
    let ca = app.test_ca.as_ref().unwrap();
    let key = ca.gost_key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    let cms = app.signed_with(key, &Filing::from(&filing).signed_bytes());
    let filed = ok(submission(&app, &citizen, &number, "gost-key-1", &cms).await).await;
    assert_eq!(filed.status, Status::Submitted);
    // The GOST branch's revoked key is refused by the GOST CRL.
    let other = draft(&app, &citizen).await.number;
    let filing = complete(&app, &citizen, &other).await;
    let revoked = ca.gost_key(CITIZEN, Purpose::Signing, Standing::Revoked).unwrap();
    let cms = app.signed_with(revoked, &Filing::from(&filing).signed_bytes());
    refused(
        submission(&app, &citizen, &other, "gost-key-2", &cms).await,
        422,
        ErrorCode::CertificateRevoked,
    )
    .await;
}

/// A CRL past its next update tells nothing about today: the filing is refused as
/// `revocation_unknown`, never taken as valid, and nothing is filed.
async fn an_expired_crl_leaves_revocation_unknown(db: Db) {
    let app = TestApp::spawn_demo_with(db, |state, ca| {
        let mut trust = qyzmet_backend::signatures::TrustStore::default();
        trust.add_certificate(ca.root.clone()).unwrap();
        trust.add_intermediate(ca.issuing.clone());
        // Published twenty years ago, with its next update ten years ago.
        let stale = ca.crl_without_revocations(system_now() - 20 * 365 * 24 * 3600).unwrap();
        trust.add_crl(&stale).unwrap();
        state.with_trust(trust)
    })
    .await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let error = refused(
        submit(&app, &citizen, &number, "stale-crl-key").await,
        422,
        ErrorCode::RevocationUnknown,
    )
    .await;
    assert_eq!(error.field.as_deref(), Some("cms"));
    let path = format!("/requests/{number}");
    let now = ok(app.call(Method::GET, &path, &citizen, None).await).await;
    assert_eq!(now.status, Status::Draft, "nothing filed");
}

/// A company files through its first head or an employee with the right to sign: an ordinary
/// employee's key names the company's BIN, but the role in the certificate does not act for it.
async fn an_ordinary_employee_cannot_file_for_the_company(db: Db) {
    let app = seeded(db).await;
    let company = app.session(DEMO_COMPANY_BIN).await;
    let number = company_draft(&app, &company).await;
    let draft = complete(&app, &company, &number).await;
    let employee = app.certified(&ORDINARY_EMPLOYEE, Purpose::Signing);
    let cms = app.signed_with(&employee, &Filing::from(&draft).signed_bytes());
    let error = refused(
        submission(&app, &company, &number, "employee-key-1", &cms).await,
        422,
        ErrorCode::NoCompanyAuthority,
    )
    .await;
    assert_eq!(error.field.as_deref(), Some("cms"));
    let path = format!("/requests/{number}");
    let still = ok(app.call(Method::GET, &path, &company, None).await).await;
    assert_eq!(still.status, Status::Draft);
    // The first head's key files it.
    let filed = ok(submit(&app, &company, &number, "head-key-1").await).await;
    assert_eq!(filed.status, Status::Submitted);
}

async fn a_draft_can_be_deleted_a_filed_request_cannot(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let other = app.session(OTHER_CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let path = format!("/requests/{number}");
    refused(app.call(Method::DELETE, &path, &other, None).await, 404, ErrorCode::NotFound).await;
    assert_eq!(app.call(Method::DELETE, &path, &citizen, None).await.status(), 204);
    refused(app.call(Method::GET, &path, &citizen, None).await, 404, ErrorCode::NotFound).await;
    let filed = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &filed, "filed-key-123").await).await;
    let path = format!("/requests/{filed}");
    refused(app.call(Method::DELETE, &path, &citizen, None).await, 409, ErrorCode::NotAllowedNow)
        .await;
}

/// A periodicals registration drafted by the demo company; its number.
async fn company_draft(app: &TestApp, cookie: &str) -> String {
    let form = json!({
        "outlet_kind": "periodical", "title": "Дала", "languages": "қазақ", "periodicity": "weekly",
        "territory": "Астана", "topics": "Қоғам", "owner": "«Дала Медиа» ЖШС", "chief_editor": "Өтебаев Ұлан",
        "editorial_address": "Астана", "phone": "+7 701 234 56 78",
    });
    let body = json!({"service": "periodicals-registration", "kind": "registration", "provider": "information-committee", "form": form});
    ok(app.call(Method::POST, "/requests", cookie, Some(body)).await).await.number
}

/// 002 p. 10 (12), p. 11 (11): violations «Е-лицензиялау» records in the applicant's data refuse
/// the service at filing with a message of their own, not the registry's "no data"; nothing is
/// filed. Only a regulation that asks «Е-лицензиялау» (002) refuses on them.
async fn violations_in_the_applicants_data_refuse_the_service_distinct_from_no_data(db: Db) {
    let app = seeded(db).await;
    let company = app.session("150440002179").await;
    let number = company_draft(&app, &company).await;
    let registry = app.store.registry();
    for id_number in ["150440002179", CITIZEN] {
        let violation = qyzmet_backend::registry::Violation {
            id_number: id_number.to_owned(),
            reason: "Лицензиат туралы деректер сәйкес емес".to_owned(),
        };
        registry.record_violation(&violation, "system").await.unwrap();
    }
    let error = refused(
        submit(&app, &company, &number, "violations-key-1").await,
        422,
        ErrorCode::ApplicantDataViolations,
    )
    .await;
    assert_ne!(error.message, ErrorCode::NoRegistryData.message());
    assert!(error.message.kk.contains("«Е-лицензиялау»") && error.message.ru.contains("нарушения"));
    let shown =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &company, None).await).await;
    assert_eq!(shown.status, Status::Draft);
    // 004 does not ask «Е-лицензиялау»: the citizen's archival request is filed.
    let citizen = app.session(CITIZEN).await;
    let archival = draft(&app, &citizen).await.number;
    ok(submit(&app, &citizen, &archival, "violations-key-2").await).await;
}

/// Signs in an account whose IIN the state registry of individuals does not know.
pub(crate) async fn stranger(app: &TestApp) -> String {
    let hash = qyzmet_backend::password::hash("құпия сөз").unwrap();
    let stranger = qyzmet_backend::store::NewAccount {
        id_number: "900101300027",
        subject: qyzmet_shared::Subject::Individual,
        full_name: "Белгісіз Адам",
        role: qyzmet_shared::Role::Applicant,
        provider: None,
        department: None,
        csc: None,
        password_hash: &hash,
    };
    app.store.accounts().insert(&stranger, "system").await.unwrap();
    crate::app::session_cookie(&app.sign_in("900101300027", "құпия сөз").await)
}

/// Names and dates the registry knows are filled in, not typed; what the person typed is kept.
async fn a_new_draft_takes_the_applicants_data_from_the_registry(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let response = app.call(Method::GET, "/registry/me", &citizen, None).await;
    let record: RegistryRecord = response.json().await.unwrap();
    assert!(
        matches!(&record, RegistryRecord::Individual { surname, .. } if surname == "Нұрланова")
    );
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "form": {"given_name": "Айгуль", "phone": "+7 701 234 56 78"}});
    let created = ok(app.call(Method::POST, "/requests", &citizen, Some(body)).await).await;
    let field = |id: &str| created.form.get(id).map(String::as_str);
    assert_eq!(field("surname"), Some("Нұрланова"));
    assert_eq!(field("patronymic"), Some("Серікқызы"));
    assert_eq!(field("birth_date"), Some("1985-03-15"));
    assert_eq!(field("given_name"), Some("Айгуль"), "typed, so kept");
    // A company's BIN fills the owner's BIN of its periodical.
    let company = app.session("150440002179").await;
    let body = json!({"service": "periodicals-registration", "kind": "registration", "provider": "information-committee"});
    let created = ok(app.call(Method::POST, "/requests", &company, Some(body)).await).await;
    assert_eq!(created.form.get("owner_bin").map(String::as_str), Some("150440002179"));
    // Someone the registry does not know gets its refusal.
    let cookie = stranger(&app).await;
    refused(
        app.call(Method::GET, "/registry/me", &cookie, None).await,
        422,
        ErrorCode::NoRegistryData,
    )
    .await;
}

/// Regulations, condition 2: the IIN in the certificate is the applicant's, the certificate is
/// valid and not revoked; otherwise "the signature's authenticity is not confirmed", nothing filed.
async fn a_filing_is_accepted_only_with_the_applicants_valid_signature(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let created = draft(&app, &citizen).await;
    let number = created.number.clone();
    let refusals = [
        (
            submit_signed(&app, &citizen, &number, "sig-revoked-1", Standing::Revoked).await,
            ErrorCode::CertificateRevoked,
        ),
        (
            submit_signed(&app, &citizen, &number, "sig-expired-1", Standing::Expired).await,
            ErrorCode::CertificateExpired,
        ),
        (
            submission(&app, &citizen, &number, "sig-missing-1", "").await,
            ErrorCode::SignatureMalformed,
        ),
    ];
    for (response, code) in refusals {
        let error = refused(response, 422, code).await;
        assert_eq!(error.field.as_deref(), Some("cms"));
        assert!(error.message.ru.starts_with("Подлинность подписи не подтверждена"));
    }
    // Another person's valid key over a filing that names them: not these bytes.
    let mut someone_else = created.clone();
    OTHER_CITIZEN.clone_into(&mut someone_else.applicant_id_number);
    let other_key = app.sign_filing(&someone_else, Standing::Valid);
    refused(
        submission(&app, &citizen, &number, "sig-other-01", &other_key).await,
        422,
        ErrorCode::SignatureInvalid,
    )
    .await;
    // The applicant's key over other bytes (the form as it was before a change).
    let signed_before = app.sign_filing(&created, Standing::Valid);
    let mut changed = created.clone();
    changed.form.insert("organisation".to_owned(), "«Самұрық-Қазына» АҚ".to_owned());
    let path = format!("/requests/{number}/form");
    ok(app.call(Method::PUT, &path, &citizen, Some(json!({"form": changed.form}))).await).await;
    refused(
        submission(&app, &citizen, &number, "sig-stale-001", &signed_before).await,
        422,
        ErrorCode::SignatureInvalid,
    )
    .await;
    let still =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await;
    assert_eq!((still.status, still.signed_by), (Status::Draft, None), "nothing filed");
    // Signed as it stands now by the applicant: filed, and the signer is kept with it.
    let filed = ok(submit(&app, &citizen, &number, "sig-good-0001").await).await;
    assert_eq!(filed.status, Status::Submitted);
    let signer = filed.signed_by.unwrap();
    assert_eq!(signer.iin.as_deref(), Some(CITIZEN));
    assert_eq!(signer.name, "НҰРЛАНОВА АЙГҮЛ");
}

/// The signature's IIN must be the applicant's even when the bytes are the applicant's filing.
async fn a_signature_by_someone_else_is_a_signer_mismatch(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let created = draft(&app, &citizen).await;
    // The other citizen signs exactly the applicant's filing with their own valid key.
    let key = app
        .test_ca
        .as_ref()
        .unwrap()
        .key(OTHER_CITIZEN, Purpose::Signing, Standing::Valid)
        .unwrap();
    let bytes = Filing::from(&created).signed_bytes();
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    let cms = sign(&bytes, &key.certificate, &signing_key, app.now(), Content::Detached).unwrap();
    let cms = base64::engine::general_purpose::STANDARD.encode(cms);
    let error = refused(
        submission(&app, &citizen, &created.number, "sig-mismatch-1", &cms).await,
        422,
        ErrorCode::SignerMismatch,
    )
    .await;
    assert!(error.message.kk.contains("ЖСН/БСН"));
}

crate::on_both_databases!(
    violations_in_the_applicants_data_refuse_the_service_distinct_from_no_data,
    a_filing_is_accepted_only_with_the_applicants_valid_signature,
    a_signature_by_someone_else_is_a_signer_mismatch,
    a_new_draft_takes_the_applicants_data_from_the_registry,
    a_draft_can_be_deleted_a_filed_request_cannot,
    an_ordinary_employee_cannot_file_for_the_company,
    a_filing_signed_with_a_gost_key_is_filed,
    an_expired_crl_leaves_revocation_unknown,
    the_registry_decides_who_may_file,
    a_regional_request_walks_every_step_to_issued,
    the_ministry_approves_before_the_head_signs,
    wrong_roles_and_wrong_moments_are_refused,
    nobody_else_sees_a_request,
    a_doubled_submit_files_one_request,
    an_idempotency_key_is_the_requests_own,
    fifty_identical_submits_file_once,
    the_filed_content_is_the_signed_content,
    form_mistakes_come_back_per_field,
    an_incomplete_package_is_refused_by_a_signed_numbered_document,
);
