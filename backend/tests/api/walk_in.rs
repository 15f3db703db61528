//! A walk-in at the provider's own chancellery (001 p. 8, 004 p. 6) through the API: an employee
//! files for the person in front of them with their own signature, the request is worked like
//! any other, and the result is handed over at the chancellery with a record of to whom — never
//! issued as a bare step, never by another desk.

use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::Intake;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::request::NewRequest;
use qyzmet_shared::result::Outcome;
use qyzmet_shared::workflow::Status;

use crate::app::{Db, TestApp, instant};
use crate::documents::text_of;
use crate::helpers::{desk_record, to_the_applicant};
use crate::office::walk_to_issued;
use crate::requests::{
    CHANCELLERY, CITIZEN, HEAD, MINISTRY_CHANCELLERY, act, ok, refused, seeded, step, submit,
};

const OPERATOR: &str = "781122300562";

/// A request opened at a chancellery for the citizen, with their phone: an archival salary
/// certificate with what the registry does not know typed in, or another service's first kind.
fn walk_in(service: ServiceCode, provider: &str) -> NewRequest {
    let (kind, form): (&str, &[(&str, &str)]) = match service {
        ServiceCode::ArchivalCertificate => (
            "salary",
            &[
                ("organisation", "«Қазақтелеком» АҚ"),
                ("period_from", "2005-01-01"),
                ("period_to", "2010-12-31"),
                ("phone", "+7 701 234 56 78"),
            ],
        ),
        _ => ("registration", &[]),
    };
    NewRequest {
        service,
        kind: kind.to_owned(),
        provider: provider.to_owned(),
        form: form.iter().map(|(id, value)| ((*id).to_owned(), (*value).to_owned())).collect(),
        on_behalf_of: Some(CITIZEN.to_owned()),
        counter: Some(desk_record("+7 701 234 56 78")),
    }
}

async fn a_walk_in_is_filed_at_the_chancellery_and_handed_over_there(db: Db) {
    // Monday 30 November 2026, within the working day.
    let app = TestApp::spawn_demo_at(db, "2026-11-30T10:00:00+05:00").await;
    let chancellery = app.session(CHANCELLERY).await;
    let new = walk_in(ServiceCode::ArchivalCertificate, "astana");
    let draft = ok(app.open_request(&chancellery, &new).await).await;
    assert_eq!(draft.intake, Intake::Provider);
    assert_eq!(draft.applicant_id_number, CITIZEN);
    let desk = draft.counter.clone().unwrap();
    assert_eq!((desk.centre.as_str(), desk.operator_iin.as_str()), ("astana", CHANCELLERY));
    // Signed with the employee's own key; the term counts as for an online filing.
    let filed = ok(submit(&app, &chancellery, &draft.number, "office-key-1").await).await;
    assert_eq!(filed.status, Status::Submitted);
    assert_eq!(filed.signed_by.as_ref().and_then(|s| s.iin.as_deref()), Some(CHANCELLERY));
    // 15 working days from the day of filing: 30 November, 1–4, 7–11, 14–15, 17–18 (16 December
    // rests) and 21 December.
    assert_eq!(filed.deadline, Some(instant("2026-12-21T23:59:59+05:00")));
    let number = filed.number.as_str();
    // No centre took it in: no centre's receipt; the application itself is the e-document.
    let receipt = app.file_of(&chancellery, number, "receipt.pdf").await;
    assert_eq!(receipt.status(), 404);
    let application = app.file_of(&chancellery, number, "application.pdf").await;
    assert_eq!(application.status(), 200);
    let application = text_of(&application.bytes().await.unwrap());
    let taken_in = "Қабылдаған / Принял: Сейітов Данияр Маратұлы (Қызмет берушінің кеңсесі / \
                    Канцелярия услугодателя)";
    assert!(application.contains(taken_in), "{application}");

    let mut steps = walk_to_issued("archival-certificate", Outcome::Certificate);
    steps.pop();
    for (who, body) in steps {
        let cookie = app.session(who).await;
        ok(step(&app, &cookie, number, body).await).await;
    }
    // Not a bare step, nor by anyone but this chancellery.
    refused(act(&app, &chancellery, number, "issue", "").await, 409, ErrorCode::NotAllowedNow)
        .await;
    let by_hand = to_the_applicant("ЖК № 012345678");
    let operator = app.session(OPERATOR).await;
    assert_eq!(app.hand_over(&operator, number, &by_hand).await.status(), 404);
    let ministry = app.session(MINISTRY_CHANCELLERY).await;
    assert_eq!(app.hand_over(&ministry, number, &by_hand).await.status(), 404);
    let head = app.session(HEAD).await;
    assert_eq!(app.hand_over(&head, number, &by_hand).await.status(), 403);
    let issued = ok(app.hand_over(&chancellery, number, &by_hand).await).await;
    assert_eq!(issued.status, Status::Issued);
    let record = &issued.events.last().unwrap().resolution;
    assert!(record.contains("Нұрланова Айгүл Серікқызы") && record.contains("ЖК № 012345678"));
    // The applicant has it in their history, issued.
    let citizen = app.session(CITIZEN).await;
    let history = app.history(&citizen).await;
    let line = history.items.iter().find(|r| r.number == number).unwrap();
    assert_eq!(line.status, Status::Issued);
}

async fn a_chancellery_takes_in_only_its_own_services_the_regulation_gives_there(db: Db) {
    let app = seeded(db).await;
    let chancellery = app.session(CHANCELLERY).await;
    // 003 (foreign periodicals) is not taken in at the provider's office.
    let not_there = walk_in(ServiceCode::ForeignPeriodicals, "astana");
    let error =
        refused(app.open_request(&chancellery, &not_there).await, 422, ErrorCode::BadRequest).await;
    assert_eq!(error.field.as_deref(), Some("service"));
    // Another provider's service is not this chancellery's to take in.
    let elsewhere = walk_in(ServiceCode::PeriodicalsRegistration, "information-committee");
    let error =
        refused(app.open_request(&chancellery, &elsewhere).await, 422, ErrorCode::BadRequest).await;
    assert_eq!(error.field.as_deref(), Some("provider"));
    // 002 is electronic only, even at the ministry's own chancellery.
    let ministry = app.session(MINISTRY_CHANCELLERY).await;
    let electronic = walk_in(ServiceCode::PeriodicalsRegistration, "information-committee");
    let error =
        refused(app.open_request(&ministry, &electronic).await, 422, ErrorCode::BadRequest).await;
    assert_eq!(error.field.as_deref(), Some("service"));
    // Nobody else at the provider takes walk-ins in.
    let head = app.session(HEAD).await;
    let archival = walk_in(ServiceCode::ArchivalCertificate, "astana");
    refused(app.open_request(&head, &archival).await, 403, ErrorCode::Forbidden).await;
    // The desk's record is checked as at a centre.
    let no_phone = NewRequest { counter: Some(desk_record("12")), ..archival };
    let error =
        refused(app.open_request(&chancellery, &no_phone).await, 422, ErrorCode::InvalidForm).await;
    assert_eq!(error.fields[0].field, "phone");
}

crate::on_both_databases!(
    a_walk_in_is_filed_at_the_chancellery_and_handed_over_there,
    a_chancellery_takes_in_only_its_own_services_the_regulation_gives_there,
);
