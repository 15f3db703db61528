//! Signing with eGov Mobile: the page starts a session, a stand-in phone follows eGov's QR signing
//! protocol to the letter, and the signature it sends is what the page files, signs in or grants
//! with. The refusals the app shows: another person's key, a tampered document, a revoked key, a
//! replayed or late signature, a wrong token.

use qyzmet_backend::signatures::test_ca::{Holder, IssuedKey, Purpose, Standing};
use qyzmet_shared::ErrorCode;
use qyzmet_shared::mobile_sign::{MobileSignState, MobileSignStatus, MobileSigning};
use qyzmet_shared::power::Grant;
use qyzmet_shared::request::{Filing, RequestView};
use qyzmet_shared::workflow::{Action, Status};
use reqwest::Method;
use serde_json::{Value, json};

use crate::app::{Db, TestApp, session_cookie};
use crate::egov_phone::{Answer, Phone, served_bytes, signed};
use crate::helpers::{draft_certificate, to_department, to_specialist};
use crate::office::{archival, filed_and_taken};
use crate::powers::AGENT;
use crate::requests::{
    CHANCELLERY, CITIZEN, DEPARTMENT_HEAD, HEAD, SPECIALIST, draft, ok, refused, seeded, stranger,
    submission,
};

/// `POST /mobile-sign` with this body (and session, when given): the session started.
async fn start(app: &TestApp, cookie: Option<&str>, body: Value) -> MobileSigning {
    let response = start_call(app, cookie, body).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 201, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn start_call(app: &TestApp, cookie: Option<&str>, body: Value) -> reqwest::Response {
    let mut request = app.client.post(format!("{}/api/v1/mobile-sign", app.base)).json(&body);
    if let Some(cookie) = cookie {
        request = request.header(reqwest::header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

/// `GET /mobile-sign/{id}`, as the page watches it.
async fn watch(app: &TestApp, cookie: Option<&str>, id: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/api/v1/mobile-sign/{id}", app.base));
    if let Some(cookie) = cookie {
        request = request.header(reqwest::header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

async fn status(app: &TestApp, cookie: Option<&str>, id: &str) -> MobileSignStatus {
    let response = watch(app, cookie, id).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn filing(number: &str) -> Value {
    json!({"purpose": "filing", "request": number})
}

/// A refusal the app shows: its status, code, and a message in the phone's language.
fn shown(answer: &Answer, status: u16, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.body["code"], code, "{}", answer.body);
    assert!(!answer.message().is_empty(), "{}", answer.body);
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let recent = app.store.audit().recent(50).await.unwrap();
    recent.into_iter().map(|entry| entry.action).collect()
}

async fn a_filing_is_signed_on_the_phone_and_filed(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let draft = draft(&app, &citizen).await;
    let session = start(&app, Some(&citizen), filing(&draft.number)).await;

    // The QR code holds API 1's address on the portal's public URL; the same-device links carry
    // it encoded for eGov Mobile and eGov Business.
    let api1 = session.qr.strip_prefix("mobileSign:").unwrap();
    assert!(api1.starts_with(&format!("{}/api/v1/", app.base)), "{api1}");
    assert!(api1.contains("mgovSign"), "{api1}");
    let encoded = qyzmet_shared::mobile_sign::percent_encoded(api1);
    assert_eq!(session.link, format!("https://m.egov.kz/mobileSign/?link={encoded}"));
    assert_eq!(session.business_link, format!("https://m.egov.kz/businessSign/?link={encoded}"));
    assert!((session.expires_at - app.now() - 300).abs() <= 2, "five minutes");
    assert_eq!(status(&app, Some(&citizen), &session.id).await.state, MobileSignState::Waiting);

    // API 1, in Russian: who asks, until when, and where the document is.
    let phone = Phone::new("ru");
    let scanned = phone.scan(&session.qr).await;
    let told = &scanned.answer.body;
    assert_eq!(scanned.answer.status, 200, "{told}");
    assert!(told["description"].as_str().unwrap().contains(&draft.number), "{told}");
    assert!(told["description"].as_str().unwrap().starts_with("Подпишите"), "{told}");
    let expiry = told["expiry_date"].as_str().unwrap();
    assert_eq!(expiry.len(), "2026-11-30T15:05:07.000+0500".len(), "{expiry}");
    assert!(expiry.ends_with("+0500") && expiry.as_bytes()[19] == b'.', "{expiry}");
    for name in ["nameRu", "nameKz", "nameEn", "bin"] {
        assert!(told["organisation"][name].is_string(), "{name}: {told}");
    }
    assert_eq!(told["document"]["auth_type"], "Token");
    assert_eq!(scanned.uri, format!("{api1}/document"));
    assert_eq!(status(&app, Some(&citizen), &session.id).await.state, MobileSignState::Scanned);
    // The QR code is good once: read again, it is refused.
    shown(&phone.scan(&session.qr).await.answer, 403, "mobile_sign_used");

    // API 2: the filing's own bytes, named in three languages.
    let fetched = phone.fetch(&scanned.uri, &scanned.token).await;
    assert_eq!(fetched.status, 200, "{}", fetched.body);
    let document = &fetched.body["documentsToSign"][0];
    assert_eq!(document["id"], 1);
    for name in ["nameRu", "nameKz", "nameEn"] {
        assert!(document[name].as_str().unwrap().contains(&draft.number), "{name}: {document}");
    }
    assert!(document["meta"].as_array().unwrap().iter().all(|m| m["name"].is_string()));
    assert_eq!(document["document"]["file"]["mime"], "text/plain");
    assert_eq!(served_bytes(&fetched.body), Filing::from(&draft).signed_bytes());

    // Signed with the citizen's key and sent back: the page gets the signature and files.
    let sign = |bytes: &[u8]| app.sign(CITIZEN, Standing::Valid, bytes);
    let body = signed(&fetched.body, sign);
    let answer = phone.send(&scanned.uri, &scanned.token, &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(audit_actions(&app).await.contains(&"mobile_sign.signed".to_owned()));
    let done = status(&app, Some(&citizen), &session.id).await;
    assert_eq!(done.state, MobileSignState::Signed);
    let cms = done.cms.unwrap();
    let filed = ok(submission(&app, &citizen, &draft.number, "phone-filing-1", &cms).await).await;
    assert_eq!(filed.status, Status::Submitted);
    assert_eq!(filed.signed_by.and_then(|s| s.iin).as_deref(), Some(CITIZEN));

    // The same signature sent again is refused: each session is signed once.
    shown(&phone.send(&scanned.uri, &scanned.token, &body).await, 403, "mobile_sign_used");
    // Only its starter watches it.
    let other = stranger(&app).await;
    refused(watch(&app, Some(&other), &session.id).await, 404, ErrorCode::NotFound).await;
    refused(watch(&app, None, &session.id).await, 404, ErrorCode::NotFound).await;
}

/// How the stand-in phone signs the bytes it is served.
type Signer<'a> = Box<dyn Fn(&[u8]) -> String + 'a>;

async fn the_phone_is_told_why_its_signature_is_refused(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let draft = draft(&app, &citizen).await;
    let bytes = Filing::from(&draft).signed_bytes();
    let ca = app.test_ca.as_ref().unwrap();
    let cases: [(&str, Signer<'_>, &str, &str); 4] = [
        // Another person's key: the head's, valid, but not the applicant's.
        ("kk", Box::new(|b: &[u8]| app.sign(HEAD, Standing::Valid, b)), "signer_mismatch", "ЖСН"),
        // A document other than the one served.
        (
            "ru",
            Box::new(|_: &[u8]| app.sign(CITIZEN, Standing::Valid, b"tampered")),
            "signature_invalid",
            "",
        ),
        // The citizen's own key, revoked.
        (
            "en",
            Box::new(|b: &[u8]| app.sign(CITIZEN, Standing::Revoked, b)),
            "certificate_revoked",
            "revoked",
        ),
        // The citizen's sign-in key: not for signing documents.
        (
            "ru",
            Box::new(|b: &[u8]| {
                app.signed_with(
                    ca.key(CITIZEN, Purpose::Authentication, Standing::Valid).unwrap(),
                    b,
                )
            }),
            "certificate_wrong_usage",
            "",
        ),
    ];
    for (lang, sign, code, says) in cases {
        let session = start(&app, Some(&citizen), filing(&draft.number)).await;
        let answer = Phone::new(lang).sign(&session.qr, sign).await;
        shown(&answer, 403, code);
        assert!(answer.message().contains(says), "{lang}: {}", answer.message());
        let seen = status(&app, Some(&citizen), &session.id).await;
        assert_eq!(seen.state, MobileSignState::Refused, "{code}");
        assert_eq!(serde_json::to_value(seen.error).unwrap(), code);
        assert_eq!(seen.cms, None, "a refused signature is not handed to the page");
    }
    assert!(audit_actions(&app).await.contains(&"mobile_sign.refused".to_owned()));

    // A wrong token opens nothing, and leaves the session as it was.
    let session = start(&app, Some(&citizen), filing(&draft.number)).await;
    let phone = Phone::new("ru");
    let scanned = phone.scan(&session.qr).await;
    shown(&phone.fetch(&scanned.uri, "not-the-token").await, 401, "mobile_sign_expired");
    let forged = json!({"signMethod": "CMS_SIGN_ONLY", "version": 1, "documentsToSign": [{"id": 1, "document": {"file": {"mime": "text/plain", "data": app.sign(CITIZEN, Standing::Valid, &bytes)}}}]});
    shown(&phone.send(&scanned.uri, "not-the-token", &forged).await, 401, "mobile_sign_expired");
    assert_eq!(status(&app, Some(&citizen), &session.id).await.state, MobileSignState::Scanned);
    // Not the protocol's JSON: refused without using the session up.
    let not_json = phone.send_text(&scanned.uri, &scanned.token, "{\"documentsToSign\": 7}").await;
    shown(&not_json, 400, "signature_malformed");
    let answer = phone.send(&scanned.uri, &scanned.token, &forged).await;
    assert_eq!(answer.status, 200, "the right token still opens it: {}", answer.body);

    // Past its five minutes, the QR code says so, and so does the page.
    let session = start(&app, Some(&citizen), filing(&draft.number)).await;
    app.execute(&format!(
        "UPDATE mobile_signs SET expires_at = {} WHERE state = 'waiting'",
        app.now() - 1
    ))
    .await;
    shown(&Phone::new("kk").scan(&session.qr).await.answer, 403, "mobile_sign_expired");
    assert_eq!(status(&app, Some(&citizen), &session.id).await.state, MobileSignState::Expired);

    // Given up on the page: a phone that scans it afterwards is told.
    let session = start(&app, Some(&citizen), filing(&draft.number)).await;
    let cancel = format!("/mobile-sign/{}", session.id);
    assert_eq!(app.call(Method::DELETE, &cancel, &citizen, None).await.status(), 204);
    shown(&Phone::new("ru").scan(&session.qr).await.answer, 403, "mobile_sign_used");
    assert_eq!(status(&app, Some(&citizen), &session.id).await.state, MobileSignState::Cancelled);
    refused(app.call(Method::DELETE, &cancel, &citizen, None).await, 404, ErrorCode::NotFound)
        .await;

    // A QR code that is not the portal's.
    let unknown = format!("mobileSign:{}/api/v1/mgovSign/nothing-here", app.base);
    shown(&Phone::new("ru").scan(&unknown).await.answer, 404, "mobile_sign_expired");
}

async fn only_what_may_be_signed_is_offered_to_the_phone(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let draft = draft(&app, &citizen).await;
    // Signed in only; and only one's own draft, ready to be filed.
    refused(start_call(&app, None, filing(&draft.number)).await, 401, ErrorCode::NotSignedIn).await;
    let other = stranger(&app).await;
    refused(start_call(&app, Some(&other), filing(&draft.number)).await, 404, ErrorCode::NotFound)
        .await;
    let bare = crate::requests::bare_draft(&app, &citizen).await;
    refused(
        start_call(&app, Some(&citizen), filing(&bare.number)).await,
        422,
        ErrorCode::InvalidForm,
    )
    .await;
    // The head's signature of a result that is not drafted yet.
    let head = app.session(HEAD).await;
    let result = json!({"purpose": "result", "request": draft.number});
    refused(start_call(&app, Some(&head), result).await, 404, ErrorCode::NotFound).await;
    // A sign-in challenge that was never handed out.
    let sign_in = json!({"purpose": "sign_in", "challenge": "made-up"});
    refused(start_call(&app, None, sign_in).await, 422, ErrorCode::ChallengeExpired).await;
    // An unknown purpose is a malformed body.
    let odd = start_call(&app, Some(&citizen), json!({"purpose": "marriage"})).await;
    assert!(odd.status().is_client_error());
}

async fn signing_in_granting_and_the_heads_result_through_the_phone(db: Db) {
    let app = seeded(db).await;
    let ca = app.test_ca.clone().unwrap();

    // Signing in: the challenge from the sign-in page, signed with the citizen's sign-in key
    // (GOST, as eGov Mobile's keys are).
    let challenge = app.challenge().await;
    let body = json!({"purpose": "sign_in", "challenge": challenge.id});
    let session = start(&app, None, body).await;
    let auth = ca.gost_key(CITIZEN, Purpose::Authentication, Standing::Valid).unwrap();
    let answer = Phone::new("kk").sign(&session.qr, |bytes| app.signed_with(auth, bytes)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let cms = status(&app, None, &session.id).await.cms.unwrap();
    let signed_in = app
        .client
        .post(format!("{}/api/v1/session/signature", app.base))
        .json(&json!({"challenge": challenge.id, "cms": cms}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let citizen = session_cookie(&signed_in);

    // A power of attorney, granted from the cabinet.
    let until = qyzmet_shared::calendar::Date::in_kazakhstan(app.now()).plus_days(30).to_string();
    let services = ["archival-certificate"];
    let power = json!({"purpose": "power_of_attorney", "representative": AGENT, "services": services, "valid_until": until});
    let session = start(&app, Some(&citizen), power).await;
    let phone = Phone::new("ru");
    let scanned = phone.scan(&session.qr).await;
    let fetched = phone.fetch(&scanned.uri, &scanned.token).await;
    let codes = [qyzmet_shared::catalog::ServiceCode::ArchivalCertificate];
    let grant =
        Grant { principal: CITIZEN, representative: AGENT, services: &codes, valid_until: &until };
    assert_eq!(served_bytes(&fetched.body), grant.signed_bytes());
    let body = signed(&fetched.body, |bytes| app.sign(CITIZEN, Standing::Valid, bytes));
    assert_eq!(phone.send(&scanned.uri, &scanned.token, &body).await.status, 200);
    let cms = status(&app, Some(&citizen), &session.id).await.cms.unwrap();
    let grant =
        json!({"representative": AGENT, "services": services, "valid_until": until, "cms": cms});
    let granted = app.call(Method::POST, "/powers", &citizen, Some(grant)).await;
    assert_eq!(granted.status(), 201, "{}", granted.text().await.unwrap());

    // The head signs a drafted result from the phone.
    let steps = [
        (CHANCELLERY, qyzmet_shared::request::StepAction::new(Action::Register, "Тіркелді")),
        (HEAD, to_department("archives")),
        (DEPARTMENT_HEAD, to_specialist(SPECIALIST)),
        (SPECIALIST, draft_certificate(None)),
    ];
    let drafted = filed_and_taken(&app, archival(), "phone-result-1", &steps).await;
    let head = app.session(HEAD).await;
    let result = json!({"purpose": "result", "request": drafted.number});
    let session = start(&app, Some(&head), result).await;
    let answer =
        Phone::new("ru").sign(&session.qr, |bytes| app.sign(HEAD, Standing::Valid, bytes)).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let cms = status(&app, Some(&head), &session.id).await.cms.unwrap();
    let sign = json!({"action": "sign", "resolution": "", "cms": cms});
    let path = format!("/requests/{}/actions", drafted.number);
    let signed: RequestView = ok(app.call(Method::POST, &path, &head, Some(sign)).await).await;
    assert_eq!(signed.status, Status::Signed, "{:?}", signed.events.last());
    assert!(signed.result.and_then(|r| r.number).is_some(), "numbered when signed");
}

/// A fresh RSA key (2048 bits) of the citizen, certified now by the demo's test CA.
fn rsa_key(app: &TestApp) -> IssuedKey {
    use rsa::pkcs8::EncodePrivateKey as _;
    let private = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).unwrap();
    let der = private.to_pkcs8_der().unwrap();
    let holder = Holder {
        iin: CITIZEN,
        surname: "Нұрланова",
        given_name: "Айгүл",
        patronymic: "Серікқызы",
        company: None,
    };
    let mut ca = app.test_ca.clone().unwrap();
    ca.certify(&holder, Purpose::Signing, der.as_bytes(), app.now()).unwrap().clone()
}

/// The phone signs with whatever key the person holds: RSA, ECDSA or GOST.
async fn each_kind_of_key_signs_on_the_phone(db: Db) {
    let app = seeded(db).await;
    let citizen = app.session(CITIZEN).await;
    let ca = app.test_ca.clone().unwrap();
    let keys = [
        ("rsa", rsa_key(&app)),
        ("ecdsa", ca.key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap().clone()),
        ("gost", ca.gost_key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap().clone()),
    ];
    for (algorithm, key) in keys {
        let draft = draft(&app, &citizen).await;
        let session = start(&app, Some(&citizen), filing(&draft.number)).await;
        let answer = Phone::new("ru").sign(&session.qr, |bytes| app.signed_with(&key, bytes)).await;
        assert_eq!(answer.status, 200, "{algorithm}: {}", answer.body);
        let cms = status(&app, Some(&citizen), &session.id).await.cms.unwrap();
        let key = format!("phone-{algorithm}");
        let filed = ok(submission(&app, &citizen, &draft.number, &key, &cms).await).await;
        assert_eq!(filed.status, Status::Submitted, "{algorithm}");
    }
}

crate::on_both_databases!(
    each_kind_of_key_signs_on_the_phone,
    a_filing_is_signed_on_the_phone_and_filed,
    the_phone_is_told_why_its_signature_is_refused,
    only_what_may_be_signed_is_offered_to_the_phone,
    signing_in_granting_and_the_heads_result_through_the_phone,
);
