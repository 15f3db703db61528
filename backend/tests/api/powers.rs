//! Powers of attorney: granted with the principal's signature, used by the representative to
//! file and sign in the principal's name, and of no use once revoked or expired.

use qyzmet_backend::demo::{DEMO_COMPANY_BIN, DEMO_COMPANY_HEAD};
use qyzmet_backend::signatures::test_ca::Standing;
use qyzmet_backend::store::AuditCheck;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::power::{Grant, PowerState, PowerView, Powers};
use qyzmet_shared::request::RequestView;
use qyzmet_shared::workflow::Status;
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, TestApp};
use crate::requests::{CITIZEN, HEAD, ok, refused, seeded, submission, submit};

/// The demo representative (also the demo company's head).
pub(crate) const AGENT: &str = DEMO_COMPANY_HEAD;

impl TestApp {
    /// The date `days` from the server's today.
    fn in_days(&self, days: i64) -> String {
        Date::in_kazakhstan(self.now()).plus_days(days).to_string()
    }
}

/// The grant's body, signed with the demo key of `signer` (the principal's own, or its head's
/// for a company).
fn signed_grant(
    app: &TestApp,
    principal: &str,
    signer: &str,
    representative: &str,
    services: &[ServiceCode],
    valid_until: &str,
) -> Value {
    let grant = Grant { principal, representative, services, valid_until };
    let cms = app.sign(signer, Standing::Valid, &grant.signed_bytes());
    json!({"representative": representative, "services": services, "valid_until": valid_until, "cms": cms})
}

async fn granted(response: reqwest::Response) -> PowerView {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn powers(app: &TestApp, cookie: &str) -> Powers {
    app.call(Method::GET, "/powers", cookie, None).await.json().await.unwrap()
}

/// A draft of the archival salary certificate filed by the caller for `principal`.
async fn draft_for(app: &TestApp, cookie: &str, principal: &str) -> reqwest::Response {
    let body = json!({"service": "archival-certificate", "kind": "salary", "provider": "astana",
        "on_behalf_of": principal, "form": {"organisation": "«Қазақтелеком» АҚ",
        "period_from": "2005-01-01", "period_to": "2010-12-31", "phone": "+7 701 234 56 78"}});
    app.call(Method::POST, "/requests", cookie, Some(body)).await
}

/// A request of `CITIZEN` (whose session is `citizen`) filed by `AGENT` under a power of attorney
/// granted for it: the power, and the request's number.
pub(crate) async fn filed_by_representative(app: &TestApp, citizen: &str) -> (PowerView, String) {
    let services = [ServiceCode::ArchivalCertificate];
    let body = signed_grant(app, CITIZEN, CITIZEN, AGENT, &services, &app.in_days(30));
    let power = granted(app.call(Method::POST, "/powers", citizen, Some(body)).await).await;
    let agent = app.session(AGENT).await;
    let draft = ok(draft_for(app, &agent, CITIZEN).await).await;
    let filed = ok(submit(app, &agent, &draft.number, &format!("agent-{}", draft.number)).await);
    (power, filed.await.number)
}

async fn audit_entries(app: &TestApp) -> i64 {
    match app.store.audit().verify().await.unwrap() {
        AuditCheck::Intact { entries } => entries,
        broken => panic!("the chain should hold: {broken:?}"),
    }
}

async fn a_representative_files_and_signs_in_the_principals_name(db: Db) {
    let app = seeded(db).await;
    let (citizen, agent) = (app.session(CITIZEN).await, app.session(AGENT).await);
    let services = [ServiceCode::ArchivalCertificate];
    let before = audit_entries(&app).await;
    let body = signed_grant(&app, CITIZEN, CITIZEN, AGENT, &services, &app.in_days(30));
    let power = granted(app.call(Method::POST, "/powers", &citizen, Some(body)).await).await;
    assert_eq!(audit_entries(&app).await, before + 1, "the grant is in the audit log");
    assert_eq!(power.state, PowerState::Active);
    assert_eq!(power.representative_name, "Әбдірахманов Қанат Ерланұлы", "named by the registry");
    assert_eq!(powers(&app, &agent).await.received, std::slice::from_ref(&power));
    assert_eq!(powers(&app, &citizen).await.granted, std::slice::from_ref(&power));

    // The draft is the principal's, filled from the principal's registry record.
    let draft = ok(draft_for(&app, &agent, CITIZEN).await).await;
    assert_eq!(draft.applicant_id_number, CITIZEN);
    assert_eq!(draft.form.get("surname").map(String::as_str), Some("Нұрланова"));
    let representative = draft.representative.clone().unwrap();
    assert_eq!(
        (representative.iin.as_str(), representative.valid_until),
        (AGENT, power.valid_until)
    );
    // Until it is filed it is the representative's alone.
    let path = format!("/requests/{}", draft.number);
    refused(app.call(Method::GET, &path, &citizen, None).await, 404, ErrorCode::NotFound).await;

    let draft = crate::requests::complete(&app, &agent, &draft.number).await;
    // Signed by the principal instead of the representative who files: refused.
    let principals = app.sign(
        CITIZEN,
        Standing::Valid,
        &qyzmet_shared::request::Filing::from(&draft).signed_bytes(),
    );
    let refusal = submission(&app, &agent, &draft.number, "agent-files-0001", &principals).await;
    refused(refusal, 422, ErrorCode::SignerMismatch).await;
    let filed = ok(submit(&app, &agent, &draft.number, "agent-files-0002").await).await;
    assert_eq!(filed.status, Status::Submitted);
    assert_eq!(filed.signed_by.as_ref().and_then(|s| s.iin.as_deref()), Some(AGENT));
    assert_eq!(filed.events[0].actor, "Әбдірахманов Қанат Ерланұлы", "recorded as theirs");

    // Both see it, and their histories list it.
    let seen: RequestView = ok(app.call(Method::GET, &path, &citizen, None).await).await;
    assert_eq!(seen.representative.map(|r| r.name), Some("Әбдірахманов Қанат Ерланұлы".to_owned()));
    for cookie in [&citizen, &agent] {
        let history: Value =
            app.call(Method::GET, "/requests", cookie, None).await.json().await.unwrap();
        assert_eq!(history["items"][0]["number"], draft.number.as_str());
    }

    // The survey is the principal's to answer, not the representative's (the walk to a result
    // is tested elsewhere: here the request is put at «issued» directly).
    app.execute(&format!(
        "UPDATE requests SET status = 'issued' WHERE number = '{}'",
        draft.number
    ))
    .await;
    let survey = format!("/requests/{}/survey", draft.number);
    let answers = json!({"result": "satisfied", "information": "satisfied"});
    let by_agent = app.call(Method::POST, &survey, &agent, Some(answers.clone())).await;
    refused(by_agent, 403, ErrorCode::Forbidden).await;
    ok(app.call(Method::POST, &survey, &citizen, Some(answers)).await).await;

    // Once the principal revokes the power, the request is theirs alone: the representative no
    // longer reads it, its documents or its place in a history; the principal still sees who
    // filed it.
    let revoke = format!("/powers/{}", power.id);
    assert_eq!(app.call(Method::DELETE, &revoke, &citizen, None).await.status(), 204);
    refused(app.call(Method::GET, &path, &agent, None).await, 404, ErrorCode::NotFound).await;
    let document = format!("{path}/attachments/{}", draft.attachments[0].document);
    refused(app.call(Method::GET, &document, &agent, None).await, 404, ErrorCode::NotFound).await;
    let history: Value =
        app.call(Method::GET, "/requests", &agent, None).await.json().await.unwrap();
    assert_eq!(history["total"], 0, "{history}");
    let seen: RequestView = ok(app.call(Method::GET, &path, &citizen, None).await).await;
    assert_eq!(seen.events[0].actor, "Әбдірахманов Қанат Ерланұлы", "the history keeps the name");
    assert!(app.call(Method::GET, &document, &citizen, None).await.status().is_success());
}

async fn a_company_grants_a_power_signed_by_its_head(db: Db) {
    let app = seeded(db).await;
    let (company, citizen) = (app.session(DEMO_COMPANY_BIN).await, app.session(CITIZEN).await);
    let services = [ServiceCode::PeriodicalsRegistration];
    let until = app.in_days(365);
    // The company's grant is signed by a key naming its BIN, not by the representative's.
    let wrong = signed_grant(&app, DEMO_COMPANY_BIN, CITIZEN, CITIZEN, &services, &until);
    let refusal = app.call(Method::POST, "/powers", &company, Some(wrong)).await;
    assert_eq!(
        refused(refusal, 422, ErrorCode::SignerMismatch).await.field.as_deref(),
        Some("cms")
    );
    let body = signed_grant(&app, DEMO_COMPANY_BIN, DEMO_COMPANY_HEAD, CITIZEN, &services, &until);
    granted(app.call(Method::POST, "/powers", &company, Some(body)).await).await;
    let mut body = crate::office::periodicals_registration();
    body["on_behalf_of"] = DEMO_COMPANY_BIN.into();
    let created = app.call(Method::POST, "/requests", &citizen, Some(body)).await;
    let draft = ok(created).await;
    assert_eq!(draft.applicant_id_number, DEMO_COMPANY_BIN);
    let filed = ok(submit(&app, &citizen, &draft.number, "for-the-company-1").await).await;
    assert_eq!(filed.signed_by.and_then(|s| s.iin), Some(CITIZEN.to_owned()));
}

async fn without_a_power_in_force_nobody_files_for_another(db: Db) {
    let app = seeded(db).await;
    let (citizen, agent) = (app.session(CITIZEN).await, app.session(AGENT).await);
    let no_power = |response| refused(response, 403, ErrorCode::NoPowerOfAttorney);
    // Never granted.
    no_power(draft_for(&app, &agent, CITIZEN).await).await;
    let path = format!("/registry/me?on_behalf_of={CITIZEN}");
    no_power(app.call(Method::GET, &path, &agent, None).await).await;
    // Granted for another service.
    let media = [ServiceCode::ForeignMedia];
    let body = signed_grant(&app, CITIZEN, CITIZEN, AGENT, &media, &app.in_days(10));
    granted(app.call(Method::POST, "/powers", &citizen, Some(body)).await).await;
    no_power(draft_for(&app, &agent, CITIZEN).await).await;
    assert!(app.call(Method::GET, &path, &agent, None).await.status().is_success());

    // Granted, drafted under it, then revoked before the representative signs.
    let archives = [ServiceCode::ArchivalCertificate];
    let body = signed_grant(&app, CITIZEN, CITIZEN, AGENT, &archives, &app.in_days(10));
    let power = granted(app.call(Method::POST, "/powers", &citizen, Some(body)).await).await;
    let draft = ok(draft_for(&app, &agent, CITIZEN).await).await;
    let revoke = format!("/powers/{}", power.id);
    // Only the principal revokes.
    refused(app.call(Method::DELETE, &revoke, &agent, None).await, 404, ErrorCode::NotFound).await;
    assert_eq!(app.call(Method::DELETE, &revoke, &citizen, None).await.status(), 204);
    refused(app.call(Method::DELETE, &revoke, &citizen, None).await, 404, ErrorCode::NotFound)
        .await;
    no_power(submit(&app, &agent, &draft.number, "after-revoke-01").await).await;
    let received = powers(&app, &agent).await.received;
    assert_eq!(received.iter().find(|p| p.id == power.id).unwrap().state, PowerState::Revoked);

    // Expired: in force to the end of today; the portal's clock then moves a day on (the
    // sessions, idle that long, are opened again).
    let body = signed_grant(&app, CITIZEN, CITIZEN, AGENT, &archives, &app.in_days(0));
    let power = granted(app.call(Method::POST, "/powers", &citizen, Some(body)).await).await;
    let drafted = ok(draft_for(&app, &agent, CITIZEN).await).await;
    app.store.clock().advance(24 * 3600);
    let agent = app.session(AGENT).await;
    no_power(draft_for(&app, &agent, CITIZEN).await).await;
    // A draft made while it was in force is not filed after it expired.
    no_power(submit(&app, &agent, &drafted.number, "after-expiry-01").await).await;
    let received = powers(&app, &agent).await.received;
    assert_eq!(received.iter().find(|p| p.id == power.id).unwrap().state, PowerState::Expired);
}

async fn a_wrong_grant_names_each_mistake_and_keeps_nothing(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let body = json!({"representative": CITIZEN, "services": [], "valid_until": app.in_days(-1), "cms": ""});
    let error = refused(
        app.call(Method::POST, "/powers", &citizen, Some(body)).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["representative", "services", "valid_until"]);
    // More than three years ahead.
    let archives = [ServiceCode::ArchivalCertificate];
    let body = signed_grant(&app, CITIZEN, CITIZEN, AGENT, &archives, &app.in_days(3 * 366 + 1));
    let error = refused(
        app.call(Method::POST, "/powers", &citizen, Some(body)).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    assert_eq!(error.fields[0].field, "valid_until");
    // Someone the registry of individuals does not know.
    let unknown = "900101300027";
    let body = signed_grant(&app, CITIZEN, CITIZEN, unknown, &archives, &app.in_days(5));
    let error = refused(
        app.call(Method::POST, "/powers", &citizen, Some(body)).await,
        422,
        ErrorCode::NoRegistryData,
    )
    .await;
    assert_eq!(error.field.as_deref(), Some("representative"));
    // A revoked key.
    let grant = Grant {
        principal: CITIZEN,
        representative: AGENT,
        services: &archives,
        valid_until: &app.in_days(5),
    };
    let revoked = app.sign(CITIZEN, Standing::Revoked, &grant.signed_bytes());
    let body = json!({"representative": AGENT, "services": archives, "valid_until": app.in_days(5), "cms": revoked});
    refused(
        app.call(Method::POST, "/powers", &citizen, Some(body)).await,
        422,
        ErrorCode::CertificateRevoked,
    )
    .await;
    // Staff grant nothing.
    let head = app.session(HEAD).await;
    let body = signed_grant(&app, HEAD, HEAD, AGENT, &archives, &app.in_days(5));
    refused(app.call(Method::POST, "/powers", &head, Some(body)).await, 403, ErrorCode::Forbidden)
        .await;
    assert!(powers(&app, &citizen).await.granted.is_empty(), "nothing was kept");
}

crate::on_both_databases!(
    a_representative_files_and_signs_in_the_principals_name,
    a_company_grants_a_power_signed_by_its_head,
    without_a_power_in_force_nobody_files_for_another,
    a_wrong_grant_names_each_mistake_and_keeps_nothing,
);
