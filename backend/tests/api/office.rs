//! The provider's office: departments and specialists chosen by the right people, results drafted
//! as certificates or motivated refusals and numbered when signed, and the completeness check's
//! 2 working days.

use crate::helpers::{draft_certificate, draft_refusal, plain, to_department, to_specialist};
use qyzmet_shared::account::StaffMember;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::request::StepAction;
use qyzmet_shared::request::{Page, RequestSummary, RequestView};
use qyzmet_shared::result::Outcome;
use qyzmet_shared::workflow::Action;
use qyzmet_shared::workflow::Status;
use qyzmet_shared::{ApiError, ErrorCode};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, TestApp, instant};
use crate::requests::{
    CHANCELLERY, CITIZEN, DEPARTMENT_HEAD, HEAD, MINISTRY_CHANCELLERY, MINISTRY_EXECUTOR,
    MINISTRY_HEAD, MINISTRY_UNIT_HEAD, SPECIALIST, draft, ok, refused, seeded, step, submit,
};

/// The Astana akimat's internal policy department.
pub(crate) const POLICY_HEAD: &str = "790814300127";
pub(crate) const POLICY_SPECIALIST: &str = "930226400079";

async fn field_mistake(response: reqwest::Response, field: &str) -> ApiError {
    let error = refused(response, 422, ErrorCode::InvalidForm).await;
    assert_eq!(error.fields.len(), 1, "{error:?}");
    assert_eq!(error.fields[0].field, field);
    assert!(!error.fields[0].message.is_incomplete());
    error
}

async fn queue(app: &TestApp, cookie: &str) -> Vec<String> {
    let response = app.call(Method::GET, "/queue", cookie, None).await;
    let page: Page<RequestSummary> = response.json().await.unwrap();
    page.items.into_iter().map(|r| r.number).collect()
}

/// Files a request and takes it through the steps given, each by its staff member.
pub(crate) async fn filed_and_taken(
    app: &TestApp,
    body: Value,
    key: &str,
    steps: &[(&str, StepAction)],
) -> RequestView {
    let citizen = app.session(CITIZEN).await;
    let number = ok(app.call(Method::POST, "/requests", &citizen, Some(body)).await).await.number;
    let mut last = ok(submit(app, &citizen, &number, key).await).await;
    for (who, body) in steps {
        last = ok(step(app, &app.session(who).await, &number, body.clone()).await).await;
    }
    last
}

pub(crate) fn archival() -> Value {
    json!({"service": "archival-certificate", "kind": "salary", "provider": "astana", "form": {
        "surname": "Нұрланова", "given_name": "Айгүл", "patronymic": "Серікқызы",
        "birth_date": "1985-03-15", "organisation": "«Қазақтелеком» АҚ",
        "period_from": "2005-01-01", "period_to": "2010-12-31", "phone": "+7 701 234 56 78",
    }})
}

pub(crate) fn foreign_media() -> Value {
    json!({"service": "foreign-media", "kind": "registration", "provider": "astana", "form": {
        "media_kind": "journal", "registered_in": "almaty-region", "owner": "«Медиа Групп» ЖШҚ",
        "editorial_address": "Мәскеу, Тверская 1, +7 495 123 45 67", "title": "Әлем журналы",
        "territory": "Астана", "languages": "орыс", "topics": "Саяхат", "periodicity": "monthly",
        "volume": "5000 дана", "chief_editor": "Иванов Иван", "phone": "+7 701 234 56 78",
    }})
}

fn foreign_periodicals() -> Value {
    json!({"service": "foreign-periodicals", "kind": "registration", "provider": "astana", "form": {
        "title": "Die Zeit", "country": "Германия", "languages": "неміс", "periodicity": "weekly",
        "circulation": "300", "territory": "Астана", "owner": "Zeitverlag GmbH",
        "topics": "Саясат, мәдениет", "phone": "+7 701 234 56 78",
    }})
}

pub(crate) fn periodicals_registration() -> Value {
    json!({"service": "periodicals-registration", "kind": "registration", "provider": "information-committee", "form": {
        "outlet_kind": "network", "title": "Дала жаңалықтары", "languages": "қазақ, орыс",
        "periodicity": "daily", "territory": "Қазақстан Республикасы", "topics": "Жаңалықтар",
        "owner": "«Дала Медиа» ЖШС", "chief_editor": "Өтебаев Ұлан",
        "editorial_address": "Астана, Мәңгілік Ел 8", "phone": "+7 701 234 56 78",
    }})
}

/// The steps from filing to the result, by the right staff, ending with `outcome` issued.
pub(crate) fn walk_to_issued(service: &str, outcome: Outcome) -> Vec<(&'static str, StepAction)> {
    let draft = match outcome {
        Outcome::Certificate => draft_certificate(Some(1)),
        Outcome::Refusal | Outcome::Incomplete => draft_refusal("Негіздер: деректер расталмады"),
    };
    match service {
        "periodicals-registration" => vec![
            (MINISTRY_CHANCELLERY, plain(Action::Register)),
            (MINISTRY_UNIT_HEAD, to_specialist(MINISTRY_EXECUTOR)),
            (MINISTRY_EXECUTOR, plain(Action::TakeIntoWork)),
            (MINISTRY_EXECUTOR, draft),
            (MINISTRY_UNIT_HEAD, plain(Action::Approve)),
            (MINISTRY_HEAD, plain(Action::Sign)),
        ],
        "archival-certificate" => vec![
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("archives")),
            (DEPARTMENT_HEAD, to_specialist(SPECIALIST)),
            (SPECIALIST, draft),
            (HEAD, plain(Action::Sign)),
            (CHANCELLERY, plain(Action::Issue)),
        ],
        _ => vec![
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("internal-policy")),
            (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
            (POLICY_SPECIALIST, draft),
            (HEAD, plain(Action::Sign)),
            (CHANCELLERY, plain(Action::Issue)),
        ],
    }
}

async fn the_request_reaches_only_the_department_and_the_specialist_chosen(db: Db) {
    let app = seeded(db).await;
    let registered = filed_and_taken(
        &app,
        archival(),
        "office-key-01",
        &[(CHANCELLERY, plain(Action::Register))],
    )
    .await;
    let number = registered.number;
    let head = app.session(HEAD).await;
    // The head must choose a department, and one the akimat has.
    field_mistake(
        step(&app, &head, &number, json!({"action": "assign_department"})).await,
        "department",
    )
    .await;
    field_mistake(step(&app, &head, &number, to_department("nowhere")).await, "department").await;
    // Sent to internal policy: the archives' department head neither sees it queued nor acts.
    let sent = ok(step(&app, &head, &number, to_department("internal-policy")).await).await;
    assert_eq!(sent.department.as_deref(), Some("internal-policy"));
    let archives_head = app.session(DEPARTMENT_HEAD).await;
    let policy_head = app.session(POLICY_HEAD).await;
    assert!(!queue(&app, &archives_head).await.contains(&number));
    assert_eq!(queue(&app, &policy_head).await, std::slice::from_ref(&number));
    refused(
        step(&app, &archives_head, &number, to_specialist(SPECIALIST)).await,
        403,
        ErrorCode::Forbidden,
    )
    .await;
    // The department head picks from their own department's specialists.
    let response = app.call(Method::GET, "/office/specialists", &policy_head, None).await;
    let specialists: Vec<StaffMember> = response.json().await.unwrap();
    assert_eq!(
        specialists.iter().map(|s| s.id_number.as_str()).collect::<Vec<_>>(),
        [POLICY_SPECIALIST]
    );
    refused(
        app.call(Method::GET, "/office/specialists", &head, None).await,
        403,
        ErrorCode::Forbidden,
    )
    .await;
    field_mistake(step(&app, &policy_head, &number, to_specialist(SPECIALIST)).await, "specialist")
        .await;
    field_mistake(step(&app, &policy_head, &number, to_specialist(CITIZEN)).await, "specialist")
        .await;
    let assigned =
        ok(step(&app, &policy_head, &number, to_specialist(POLICY_SPECIALIST)).await).await;
    assert_eq!(assigned.assignee.as_deref(), Some("Оразбекова Ләззат Қайратқызы"));
    // Only the chosen specialist has it in their queue and may draft the result.
    let archives_specialist = app.session(SPECIALIST).await;
    let policy_specialist = app.session(POLICY_SPECIALIST).await;
    assert!(queue(&app, &archives_specialist).await.is_empty());
    assert_eq!(queue(&app, &policy_specialist).await, std::slice::from_ref(&number));
    let certificate = draft_certificate(None);
    refused(
        step(&app, &archives_specialist, &number, certificate.clone()).await,
        403,
        ErrorCode::Forbidden,
    )
    .await;
    let drafted = ok(step(&app, &policy_specialist, &number, certificate).await).await;
    assert_eq!(drafted.status, Status::AwaitingSignature);
    assert_eq!(drafted.result.unwrap().number, None, "numbered only when signed");
}

async fn a_motivated_refusal_carries_its_grounds_and_its_own_number(db: Db) {
    let app = seeded(db).await;
    let at_specialist = filed_and_taken(
        &app,
        archival(),
        "office-key-02",
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("archives")),
            (DEPARTMENT_HEAD, to_specialist(SPECIALIST)),
        ],
    )
    .await;
    let number = at_specialist.number;
    let specialist = app.session(SPECIALIST).await;
    field_mistake(
        step(&app, &specialist, &number, json!({"action": "draft_result"})).await,
        "outcome",
    )
    .await;
    let error = field_mistake(
        step(
            &app,
            &specialist,
            &number,
            json!({"action": "draft_result", "outcome": "refusal", "resolution": " "}),
        )
        .await,
        "resolution",
    )
    .await;
    assert!(error.fields[0].message.ru.contains("основания отказа"));
    // Grounds the PDF font cannot draw would make a refusal no one can print: said at once.
    let unprintable =
        json!({"action": "draft_result", "outcome": "refusal", "resolution": "Себебі 漢"});
    let error =
        field_mistake(step(&app, &specialist, &number, unprintable).await, "resolution").await;
    assert!(error.fields[0].message.ru.contains("«漢» (U+6F22)"), "{error:?}");
    let grounds = "Мұрағатта 2005–2010 жылдардың жалақы ведомостары сақталмаған";
    let refusal = draft_refusal(grounds);
    ok(step(&app, &specialist, &number, refusal).await).await;
    ok(step(&app, &app.session(HEAD).await, &number, plain(Action::Sign)).await).await;
    let issued =
        ok(step(&app, &app.session(CHANCELLERY).await, &number, plain(Action::Issue)).await).await;
    assert_eq!(issued.status, Status::Issued);
    let result = issued.result.unwrap();
    assert_eq!(result.outcome, Outcome::Refusal);
    assert_eq!(result.grounds, grounds);
    assert_eq!(result.number.as_deref(), Some("N 0001-ДБ"));
    assert!(result.title.kk.contains("дәлелді бас тарту"));
    assert!(result.signed_at.is_some());
}

async fn the_head_signs_the_result_with_their_own_key(db: Db) {
    let app = seeded(db).await;
    let drafted = filed_and_taken(
        &app,
        archival(),
        "approval-key-01",
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("archives")),
            (DEPARTMENT_HEAD, to_specialist(SPECIALIST)),
            (SPECIALIST, draft_certificate(None)),
        ],
    )
    .await;
    let number = drafted.number.clone();
    let head = app.session(HEAD).await;
    let sign = |cms: String| json!({"action": "sign", "cms": cms});
    // No signature, someone else's key, and the applicant's filing signature: each refused,
    // nothing numbered.
    refused(
        step(&app, &head, &number, sign(String::new())).await,
        422,
        ErrorCode::SignatureMalformed,
    )
    .await;
    let specialists = app.sign_approval(&drafted, SPECIALIST);
    refused(step(&app, &head, &number, sign(specialists)).await, 422, ErrorCode::SignerMismatch)
        .await;
    let filing = app.sign_filing(&drafted, qyzmet_backend::signatures::test_ca::Standing::Valid);
    refused(step(&app, &head, &number, sign(filing)).await, 422, ErrorCode::SignatureInvalid).await;
    let unsigned: RequestView = app
        .call(Method::GET, &format!("/requests/{number}"), &head, None)
        .await
        .json()
        .await
        .unwrap();
    assert!(unsigned.result.as_ref().unwrap().number.is_none());

    let signed =
        ok(step(&app, &head, &number, sign(app.sign_approval(&drafted, HEAD))).await).await;
    let result = signed.result.unwrap();
    assert_eq!(result.number.as_deref(), Some("N 0001-МА"));
    let head_signer = result.signed_by.unwrap();
    assert_eq!(head_signer.iin.as_deref(), Some(HEAD));
    assert!(!head_signer.name.is_empty());
}

/// A foreign media registration from registration to the head's signature.
fn foreign_media_walk() -> [(&'static str, StepAction); 5] {
    [
        (CHANCELLERY, plain(Action::Register)),
        (HEAD, to_department("internal-policy")),
        (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
        (POLICY_SPECIALIST, draft_certificate(Some(1))),
        (HEAD, plain(Action::Sign)),
    ]
}

async fn foreign_media_certificates_run_in_sequence_and_hold_until_31_december(db: Db) {
    let app = seeded(db).await;
    let walk = foreign_media_walk();
    let first = filed_and_taken(&app, foreign_media(), "media-key-001", &walk).await;
    let second = filed_and_taken(&app, foreign_media(), "media-key-002", &walk).await;
    let (first, second) = (first.result.unwrap(), second.result.unwrap());
    assert_eq!(first.number.as_deref(), Some("N 0001-АЖ"));
    assert_eq!(second.number.as_deref(), Some("N 0002-АЖ"));
    let year = Date::in_kazakhstan(first.signed_at.unwrap()).year();
    assert_eq!(first.valid_until, Date::new(year, 12, 31));
    assert_eq!(first.title.ru, "Справка об учете иностранного средства массовой информации");
}

/// Results signed at the same moment still take numbers one after the other: a counter row of
/// their kind gives each its number, whatever else the two signings touch.
async fn results_signed_at_once_are_numbered_apart(db: Db) {
    let app = seeded(db).await;
    let walk = foreign_media_walk();
    let first = filed_and_taken(&app, foreign_media(), "media-key-001", &walk[..4]).await;
    let second = filed_and_taken(&app, foreign_media(), "media-key-002", &walk[..4]).await;
    let head = app.session(HEAD).await;
    let (one, other) = tokio::join!(
        step(&app, &head, &first.number, plain(Action::Sign)),
        step(&app, &head, &second.number, plain(Action::Sign)),
    );
    let mut numbers = Vec::new();
    for signed in [one, other] {
        numbers.push(ok(signed).await.result.unwrap().number.unwrap());
    }
    numbers.sort();
    assert_eq!(numbers, ["N 0001-АЖ", "N 0002-АЖ"]);
}

async fn an_incomplete_package_may_be_refused_only_within_two_working_days(db: Db) {
    // Wednesday 2 December 2026, within the working day: the day itself and the 3rd.
    let app = TestApp::spawn_demo_at(db, "2026-12-02T11:00:00+05:00").await;
    let citizen = app.session(CITIZEN).await;
    let number = draft(&app, &citizen).await.number;
    let filed = ok(submit(&app, &citizen, &number, "completeness-1").await).await;
    assert_eq!(filed.completeness_deadline, Some(instant("2026-12-03T23:59:59+05:00")));
    // Two working days later the package may no longer be refused as incomplete.
    app.execute(&format!(
        "UPDATE requests SET completeness_deadline_at = {} WHERE number = '{number}'",
        filed.submitted_at.unwrap() - 1
    ))
    .await;
    let chancellery = app.session(CHANCELLERY).await;
    let refusal = StepAction::new(Action::RefuseIncomplete, "Құжат жоқ");
    let error = refused(
        step(&app, &chancellery, &number, refusal.clone()).await,
        409,
        ErrorCode::PastCompletenessCheck,
    )
    .await;
    assert!(error.message.ru.contains("мотивированный отказ"));
    let unchanged =
        ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await;
    assert_eq!((unchanged.status, unchanged.events.len()), (Status::Submitted, 1));
    // Within the window the specialist who checks the documents may refuse too.
    let other = filed_and_taken(
        &app,
        archival(),
        "completeness-2",
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("archives")),
            (DEPARTMENT_HEAD, to_specialist(SPECIALIST)),
            (SPECIALIST, refusal),
        ],
    )
    .await;
    assert_eq!(other.status, Status::AwaitingSignature);
    assert_eq!(other.result.unwrap().outcome, Outcome::Incomplete);
}

async fn every_service_is_walked_to_a_certificate_and_to_a_refusal(db: Db) {
    let app = seeded(db).await;
    for (i, body) in
        [foreign_periodicals(), foreign_media(), periodicals_registration(), archival()]
            .into_iter()
            .enumerate()
    {
        let service = body["service"].as_str().unwrap().to_owned();
        for outcome in [Outcome::Certificate, Outcome::Refusal] {
            let steps = walk_to_issued(&service, outcome);
            let outcome = outcome.as_str();
            let done =
                filed_and_taken(&app, body.clone(), &format!("walk-{i}-{outcome}"), &steps).await;
            assert_eq!(done.status, Status::Issued, "{service} {outcome}");
            assert_eq!(done.events.len(), 1 + steps.len(), "{service} {outcome}");
            let result = done.result.unwrap();
            assert_eq!(result.outcome.as_str(), outcome);
            assert!(result.number.unwrap().starts_with("N 0001"), "{service} {outcome}");
            assert_eq!(result.grounds.is_empty(), outcome == "certificate");
        }
    }
}

crate::on_both_databases!(
    the_head_signs_the_result_with_their_own_key,
    every_service_is_walked_to_a_certificate_and_to_a_refusal,
    the_request_reaches_only_the_department_and_the_specialist_chosen,
    a_motivated_refusal_carries_its_grounds_and_its_own_number,
    foreign_media_certificates_run_in_sequence_and_hold_until_31_december,
    results_signed_at_once_are_numbered_apart,
    an_incomplete_package_may_be_refused_only_within_two_working_days,
);
