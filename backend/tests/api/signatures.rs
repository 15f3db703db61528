//! `POST /api/v1/signatures/verify` over HTTP, and the demo's test CA kept in the database.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_backend::demo;
use qyzmet_backend::signatures::test_ca::{Holder, Purpose, Standing, TestCa};
use qyzmet_shared::ApiError;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::account::Me;
use qyzmet_shared::eds::keyfile;
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::signature::{DemoKeyFile, SignatureAlgorithm, Verdict};
use serde_json::{Value, json};

use crate::app::{Db, ORDINARY_EMPLOYEE, TestApp, system_now};

const IIN: &str = "850315400124";

fn test_ca() -> TestCa {
    let holder = Holder {
        iin: IIN,
        surname: "Нұрланова",
        given_name: "Айгүл",
        patronymic: "Серікқызы",
        company: None,
    };
    TestCa::issue(&[holder], system_now()).unwrap()
}

fn signed(ca: &TestCa, standing: Standing, data: &[u8], content: Content) -> Vec<u8> {
    let key = ca.key(IIN, Purpose::Signing, standing).unwrap();
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    let now = system_now();
    sign(data, &key.certificate, &signing_key, now, content).unwrap()
}

pub(crate) async fn verdict(app: &TestApp, body: Value) -> Verdict {
    let response = app
        .client
        .post(format!("{}/api/v1/signatures/verify", app.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn integrators_learn_whether_a_signature_holds_and_who_made_it(db: Db) {
    let ca = test_ca();
    let app = TestApp::spawn_trusting(db, ca.trust().unwrap()).await;
    let data = "Өтініш: Қ Ә Ғ Ң Ө Ұ Ү Һ І".as_bytes();

    let detached = signed(&ca, Standing::Valid, data, Content::Detached);
    let body = json!({"cms": STANDARD.encode(&detached), "data": STANDARD.encode(data)});
    let valid = verdict(&app, body).await;
    assert!(valid.valid, "{valid:?}");
    let signer = valid.signer.unwrap();
    assert_eq!((signer.iin.as_deref(), signer.name.as_str()), (Some(IIN), "НҰРЛАНОВА АЙГҮЛ"));
    assert!(!signer.serial_number.is_empty() && signer.valid_from < signer.valid_until);
    assert_eq!(signer.algorithm, Some(SignatureAlgorithm::EcdsaP256Sha256));

    // A CMS that carries its content needs no data beside it.
    let attached = signed(&ca, Standing::Valid, data, Content::Attached);
    assert!(verdict(&app, json!({"cms": STANDARD.encode(&attached)})).await.valid);

    // Refusals come with their code, both languages, and who the certificate names.
    let body = json!({"cms": STANDARD.encode(&detached), "data": STANDARD.encode(b"changed")});
    let changed = verdict(&app, body).await;
    assert_eq!((changed.valid, changed.code), (false, Some(ErrorCode::SignatureInvalid)));
    let revoked = signed(&ca, Standing::Revoked, data, Content::Attached);
    let refused = verdict(&app, json!({"cms": STANDARD.encode(&revoked)})).await;
    assert_eq!(refused.code, Some(ErrorCode::CertificateRevoked));
    assert!(refused.message.unwrap().ru.starts_with("Подлинность подписи не подтверждена"));
    assert_eq!(refused.signer.unwrap().iin.as_deref(), Some(IIN));
    let expired = signed(&ca, Standing::Expired, data, Content::Attached);
    let refused = verdict(&app, json!({"cms": STANDARD.encode(&expired)})).await;
    assert_eq!(refused.code, Some(ErrorCode::CertificateExpired));

    // Not base64: the field is named.
    let response = app
        .client
        .post(format!("{}/api/v1/signatures/verify", app.base))
        .json(&json!({"cms": "not base64!"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let error: ApiError = response.json().await.unwrap();
    assert_eq!(error.field.as_deref(), Some("cms"));
}

async fn a_portal_that_trusts_no_one_accepts_no_signature(db: Db) {
    let ca = test_ca();
    let app = TestApp::spawn(db).await;
    let cms = signed(&ca, Standing::Valid, b"data", Content::Attached);
    let refused = verdict(&app, json!({"cms": STANDARD.encode(&cms)})).await;
    assert_eq!(refused.code, Some(ErrorCode::CertificateUntrusted));
}

/// The demo's CA is issued once and kept: what it signed verifies after a restart.
async fn the_demo_test_ca_is_kept_in_the_database(db: Db) {
    let app = TestApp::spawn(db).await;
    let first = demo::test_ca(&app.store).await.unwrap();
    let again = demo::test_ca(&app.store).await.unwrap();
    assert_eq!(first.root, again.root);
    assert_eq!(first.keys.len(), again.keys.len());
    // Every demo person has a signing and a sign-in key; the company head's names the company.
    let head = again.key(demo::DEMO_COMPANY_HEAD, Purpose::Signing, Standing::Valid).unwrap();
    let cms = {
        let key = SigningKey::from_pkcs8_der(&head.private_key).unwrap();
        sign(b"x", &head.certificate, &key, app.now(), Content::Attached).unwrap()
    };
    let now = app.now();
    let verified = qyzmet_backend::signatures::verify(
        &cms,
        None,
        &again.trust().unwrap(),
        now,
        Purpose::Signing,
        None,
    )
    .unwrap();
    assert_eq!(verified.signer.bin.as_deref(), Some("150440002179"));
    for demo in
        demo::DEMO_ACCOUNTS.iter().filter(|d| d.subject == qyzmet_shared::Subject::Individual)
    {
        for purpose in [Purpose::Signing, Purpose::Authentication] {
            assert!(
                again.key(demo.id_number, purpose, Standing::Valid).is_some(),
                "{}",
                demo.id_number
            );
        }
    }
}

/// Anyone trying the demo downloads a person's key file and opens it with the demo password.
async fn the_demo_offers_key_files_that_open_with_the_demo_password(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let response = app.get("/api/v1/demo/key-files").await;
    assert_eq!(response.status(), 200);
    let files: Vec<DemoKeyFile> = response.json().await.unwrap();
    let revoked = files
        .iter()
        .find(|f| f.iin == IIN && f.purpose == Purpose::Signing && f.standing == Standing::Revoked)
        .unwrap();
    assert_eq!(revoked.holder, "Нұрланова Айгүл Серікқызы");
    assert!(files.iter().any(|f| f.purpose == Purpose::Authentication));
    let response = app.get(&format!("/api/v1/demo/key-files/{}", revoked.name)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/x-pkcs12");
    let bytes = response.bytes().await.unwrap();
    let opened = keyfile::open(&bytes, demo::DEMO_PASSWORD).unwrap();
    let issued =
        app.test_ca.as_ref().unwrap().key(IIN, Purpose::Signing, Standing::Revoked).unwrap();
    assert_eq!(opened.certificate, issued.certificate);
    assert_eq!(app.get("/api/v1/demo/key-files/nobody.p12").await.status(), 404);
    // Without the test CA there is nothing to offer.
    let plain = TestApp::spawn(Db::Sqlite).await;
    assert_eq!(plain.get("/api/v1/demo/key-files").await.status(), 404);
}

/// Signs a sign-in challenge with a demo key and sends it; the response as it comes.
async fn signature_sign_in(
    app: &TestApp,
    iin: &str,
    purpose: Purpose,
) -> (reqwest::Response, String) {
    let key = app.test_ca.as_ref().unwrap().key(iin, purpose, Standing::Valid).unwrap();
    app.sign_in_with(key).await
}

/// The first sign-in of someone the state registry knows is named as the registry has them, not
/// as the certificate spells it (a certificate may carry the name in Latin letters, or an older
/// one).
async fn a_first_sign_in_is_named_from_the_registry_when_it_knows_the_person(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    app.register_newcomer().await;
    let holder = Holder {
        iin: "900101300027",
        surname: "SARSENBAYEV",
        given_name: "GALYM",
        patronymic: "",
        company: None,
    };
    let (response, _) = app.sign_in_with(&app.certified(&holder, Purpose::Authentication)).await;
    assert_eq!(response.status(), 200);
    let me: Me = app.me(Some(&crate::app::session_cookie(&response))).await.json().await.unwrap();
    assert_eq!(me.full_name, "Сәрсенбаев Ғалым Өмірұлы");
}

/// A person with a valid sign-in key and no account yet: the first sign-in opens one, named from
/// the certificate (the registry does not know them), with no password; the second finds it;
/// they set a password and it opens the account too.
async fn a_first_sign_in_with_a_signature_opens_a_citizens_account(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let newcomer = Holder {
        iin: "900101300027",
        surname: "Белгісіз",
        given_name: "Адам",
        patronymic: "",
        company: None,
    };
    let key = app.certified(&newcomer, Purpose::Authentication);
    let accounts_before = app.store.accounts().count().await.unwrap();
    let (response, _) = app.sign_in_with(&key).await;
    assert_eq!(response.status(), 200);
    let me: Me = app.me(Some(&crate::app::session_cookie(&response))).await.json().await.unwrap();
    assert_eq!(me.id_number, newcomer.iin);
    assert_eq!(me.full_name, "Белгісіз Адам");
    assert_eq!(me.role, qyzmet_shared::Role::Applicant);
    let (again, _) = app.sign_in_with(&key).await;
    assert_eq!(again.status(), 200);
    assert_eq!(app.store.accounts().count().await.unwrap(), accounts_before + 1, "opened once");
    // No password opens it.
    assert!(!me.has_password);
    for password in ["", "!", "qyzmet-demo"] {
        assert_eq!(app.sign_in(newcomer.iin, password).await.status(), 401, "{password:?}");
    }
    // Until they set one: the first needs no current password, a weak one is refused.
    let cookie = crate::app::session_cookie(&again);
    let set =
        |body: Value| app.call(reqwest::Method::PUT, "/session/password", &cookie, Some(body));
    let weak = set(json!({"new": "қысқа"})).await;
    assert_eq!(weak.status(), 422);
    let error: ApiError = weak.json().await.unwrap();
    assert_eq!(error.fields[0].field, "new");
    let saved: Me = set(json!({"new": "қызмет-портал-2026"})).await.json().await.unwrap();
    assert!(saved.has_password);
    assert_eq!(app.sign_in(newcomer.iin, "қызмет-портал-2026").await.status(), 200);
    // The next change needs the current one.
    let wrong = set(json!({"current": "қате2026", "new": "жаңа-құпиясөз-2027"})).await;
    assert_eq!(wrong.status(), 401);
    let error: ApiError = wrong.json().await.unwrap();
    assert_eq!(
        (error.code, error.field.as_deref()),
        (ErrorCode::InvalidCredentials, Some("current"))
    );
    let changed = set(json!({"current": "қызмет-портал-2026", "new": "жаңа-құпиясөз-2027"})).await;
    assert_eq!(changed.status(), 200);
    assert_eq!(app.sign_in(newcomer.iin, "қызмет-портал-2026").await.status(), 401);
    assert_eq!(app.sign_in(newcomer.iin, "жаңа-құпиясөз-2027").await.status(), 200);
}

/// A sign-in challenge holds for five minutes: a signature of it made or sent later is refused,
/// so a captured one cannot be replayed afterwards.
async fn a_challenge_signed_after_five_minutes_is_refused(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let challenge = app.challenge().await;
    let lasts = challenge.expires_at - app.now();
    assert!((298..=300).contains(&lasts), "{lasts} s");
    // Five minutes and a second pass on the portal's clock.
    app.store.clock().advance(301);
    let key = app.test_ca.as_ref().unwrap().key(IIN, Purpose::Authentication, Standing::Valid);
    let (late, _) = app.answer(&challenge, key.unwrap()).await;
    assert_eq!(late.status(), 422);
    let error: ApiError = late.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::ChallengeExpired);
    // A fresh one still opens the session.
    let (response, _) = signature_sign_in(&app, IIN, Purpose::Authentication).await;
    assert_eq!(response.status(), 200);
}

async fn a_sign_in_key_signs_a_person_or_their_company_in(db: Db) {
    let app = TestApp::spawn_demo(db).await;
    let (response, body) = signature_sign_in(&app, IIN, Purpose::Authentication).await;
    assert_eq!(response.status(), 200);
    let cookie = crate::app::session_cookie(&response);
    let me: Me = app.me(Some(&cookie)).await.json().await.unwrap();
    assert_eq!(me.id_number, IIN);
    // A challenge is good once.
    let again = app
        .client
        .post(format!("{}/api/v1/session/signature", app.base))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 422);
    let error: ApiError = again.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::ChallengeExpired);
    // The signing key is not for signing in.
    let (refused, _) = signature_sign_in(&app, IIN, Purpose::Signing).await;
    let error: ApiError = refused.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::CertificateWrongUsage);
    // The company head's key names the company: its account opens.
    let (response, _) =
        signature_sign_in(&app, demo::DEMO_COMPANY_HEAD, Purpose::Authentication).await;
    assert_eq!(response.status(), 200);
    let cookie = crate::app::session_cookie(&response);
    let me: Me = app.me(Some(&cookie)).await.json().await.unwrap();
    assert_eq!(me.id_number, demo::DEMO_COMPANY_BIN);
    // An ordinary employee's key names the company too, but signs them in as themselves.
    let key = app.certified(&ORDINARY_EMPLOYEE, Purpose::Authentication);
    let (response, _) = app.sign_in_with(&key).await;
    assert_eq!(response.status(), 200);
    let me: Me = app.me(Some(&crate::app::session_cookie(&response))).await.json().await.unwrap();
    assert_eq!(me.id_number, ORDINARY_EMPLOYEE.iin);
    assert_eq!(me.role, qyzmet_shared::Role::Applicant);
}

/// Verification costs CPU (a GOST chain takes milliseconds): 60 per address in ten minutes, and
/// the same for PDFs.
async fn public_verification_is_rate_limited(db: Db) {
    let app = TestApp::spawn_trusting(db, test_ca().trust().unwrap()).await;
    let junk = json!({"cms": STANDARD.encode(b"not a CMS"), "data": STANDARD.encode(b"x")});
    for _ in 0..60 {
        assert!(!verdict(&app, junk.clone()).await.valid);
    }
    let post = |path: &str, body: reqwest::Body| {
        app.client.post(format!("{}/api/v1{path}", app.base)).body(body).send()
    };
    let over = app
        .client
        .post(format!("{}/api/v1/signatures/verify", app.base))
        .json(&junk)
        .send()
        .await
        .unwrap();
    assert_eq!(over.status(), 429);
    // The caller is told when the first of its 60 calls leaves the window: ten minutes on.
    let wait: i64 = over.headers()[reqwest::header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((590..=600).contains(&wait), "{wait}");
    let error: ApiError = over.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::TooManyAttempts);
    // The PDF check counts towards the same limit.
    let pdf = post("/documents/verify", reqwest::Body::from(b"%PDF-1.7".to_vec())).await.unwrap();
    assert_eq!(pdf.status(), 429);
}

crate::on_both_databases!(
    public_verification_is_rate_limited,
    a_sign_in_key_signs_a_person_or_their_company_in,
    a_challenge_signed_after_five_minutes_is_refused,
    a_first_sign_in_with_a_signature_opens_a_citizens_account,
    a_first_sign_in_is_named_from_the_registry_when_it_knows_the_person,
    the_demo_offers_key_files_that_open_with_the_demo_password,
    integrators_learn_whether_a_signature_holds_and_who_made_it,
    a_portal_that_trusts_no_one_accepts_no_signature,
    the_demo_test_ca_is_kept_in_the_database,
);
