//! Revocation asked of an OCSP responder (RFC 6960): a real one, OpenSSL's `openssl ocsp`, run
//! here with the demo CA's delegated responder key and an index of what it knows. Its answer
//! decides over a CRL that has not yet heard; when it is silent the CRL decides, and without a
//! CRL nothing is filed.

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};

use base64::Engine as _;
use qyzmet_backend::signatures::test_ca::{IssuedKey, Purpose, Standing, TestCa};
use qyzmet_backend::signatures::{Responder, TrustStore};
use qyzmet_shared::ErrorCode;
use qyzmet_shared::request::Filing;
use qyzmet_shared::workflow::Status;
use reqwest::Method;
use serde_json::json;

use crate::app::{Db, TestApp, hex, pem, system_now};
use crate::requests::{CHANCELLERY, CITIZEN, HEAD, draft, ok, refused, submission};
use crate::signatures::verdict;

/// What the responder's index says of a certificate.
#[derive(Clone, Copy)]
enum Known {
    Good,
    Revoked,
}

/// `openssl ocsp` answering for the demo's issuing CA on a loopback port, stopped when dropped.
struct OpensslResponder {
    child: Child,
    _files: tempfile::TempDir,
}

impl Drop for OpensslResponder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The serial number as OpenSSL's index writes it: hex, upper case, no leading zero bytes.
fn index_serial(certificate: &[u8]) -> String {
    use der::Decode;
    let certificate = x509_cert::Certificate::from_der(certificate).unwrap();
    let bytes = certificate.tbs_certificate.serial_number.as_bytes().to_vec();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len() - 1);
    hex(&bytes[first..]).to_uppercase()
}

impl OpensslResponder {
    fn start(ca: &TestCa, port: u16, known: &[(&IssuedKey, Known)]) -> OpensslResponder {
        let files = tempfile::tempdir().unwrap();
        let responder = ca.ocsp_responder(system_now()).unwrap();
        let write = |name: &str, text: String| std::fs::write(files.path().join(name), text);
        write("issuing.pem", pem("CERTIFICATE", &ca.issuing)).unwrap();
        write("responder.pem", pem("CERTIFICATE", &responder.certificate)).unwrap();
        write("responder.key", pem("PRIVATE KEY", &responder.private_key)).unwrap();
        let index: String = known
            .iter()
            .map(|(key, known)| {
                let serial = index_serial(&key.certificate);
                match known {
                    Known::Good => format!("V\t351231235959Z\t\t{serial}\tunknown\t/CN=good\n"),
                    Known::Revoked => format!(
                        "R\t351231235959Z\t260101000000Z,keyCompromise\t{serial}\tunknown\t/CN=revoked\n"
                    ),
                }
            })
            .collect();
        write("index.txt", index).unwrap();
        let mut child = Command::new("openssl")
            .args(["ocsp", "-index", "index.txt", "-port", &port.to_string()])
            .args(["-CA", "issuing.pem", "-rsigner", "responder.pem", "-rkey", "responder.key"])
            .args(["-nmin", "5", "-ignore_err"])
            .current_dir(files.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl runs: `cargo xtask test` needs it on the PATH");
        // It says `ACCEPT [::]:port` once it listens. (A probing connection would not do: the
        // responder serves one connection at a time and would wait on the probe.)
        let mut said = String::new();
        let stdout = child.stdout.take().unwrap();
        std::io::BufReader::new(stdout).read_line(&mut said).unwrap();
        assert!(said.starts_with("ACCEPT"), "openssl ocsp did not start: {said:?}");
        OpensslResponder { child, _files: files }
    }
}

/// A loopback port nothing listens on (yet).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn with_responder_at(db: Db, port: u16) -> TestApp {
    TestApp::spawn_demo_with(db, move |state, _| {
        state.with_ocsp(Some(Responder::Fixed(format!("http://127.0.0.1:{port}/"))))
    })
    .await
}

fn key<'a>(app: &'a TestApp, holder: &str) -> &'a IssuedKey {
    app.test_ca.as_ref().unwrap().key(holder, Purpose::Signing, Standing::Valid).unwrap()
}

/// The citizen files a draft signed with `key`; the answer.
async fn file(app: &TestApp, key: &IssuedKey, idempotency: &str) -> (reqwest::Response, String) {
    let citizen = app.session(CITIZEN).await;
    let request = draft(app, &citizen).await;
    let cms = app.signed_with(key, &Filing::from(&request).signed_bytes());
    (submission(app, &citizen, &request.number, idempotency, &cms).await, request.number)
}

async fn status_of(app: &TestApp, number: &str) -> Status {
    let citizen = app.session(CITIZEN).await;
    ok(app.call(Method::GET, &format!("/requests/{number}"), &citizen, None).await).await.status
}

async fn verdict_of(app: &TestApp, key: &IssuedKey) -> qyzmet_shared::signature::Verdict {
    let data = "Өтініш".as_bytes();
    let cms = app.signed_with(key, data);
    let data = base64::engine::general_purpose::STANDARD.encode(data);
    verdict(app, json!({"cms": cms, "data": data})).await
}

async fn the_responders_answer_decides_over_a_crl_that_has_not_heard(db: Db) {
    let port = free_port();
    let app = with_responder_at(db, port).await;
    let ca = app.test_ca.clone().unwrap();
    // The citizen's key is on no CRL yet, but the responder knows it is revoked.
    let known = [(key(&app, CITIZEN), Known::Revoked), (key(&app, HEAD), Known::Good)];
    let _responder = OpensslResponder::start(&ca, port, &known);
    let (answer, number) = file(&app, key(&app, CITIZEN), "ocsp-revoked").await;
    let error = refused(answer, 422, ErrorCode::CertificateRevoked).await;
    assert_eq!(error.field.as_deref(), Some("cms"));
    assert_eq!(status_of(&app, &number).await, Status::Draft, "nothing filed");
    // Good: the signature holds.
    let good = verdict_of(&app, key(&app, HEAD)).await;
    assert!(good.valid, "{good:?}");
    // A certificate the responder does not know is not taken as good.
    let unknown = verdict_of(&app, key(&app, CHANCELLERY)).await;
    assert_eq!(unknown.code, Some(ErrorCode::RevocationUnknown), "{unknown:?}");
}

async fn when_the_responder_is_silent_the_crl_decides_and_without_one_nothing_is_filed(db: Db) {
    // Nothing listens on the port: every question goes unanswered.
    let port = free_port();
    let app = with_responder_at(db, port).await;
    let (answer, _) = file(&app, key(&app, CITIZEN), "ocsp-silent-1").await;
    assert_eq!(ok(answer).await.status, Status::Submitted, "the CRL says the key is good");
    let revoked = app.test_ca.as_ref().unwrap().key(CITIZEN, Purpose::Signing, Standing::Revoked);
    let (answer, _) = file(&app, revoked.unwrap(), "ocsp-silent-2").await;
    refused(answer, 422, ErrorCode::CertificateRevoked).await;

    // The same CAs trusted without their CRLs: nothing says the key is not revoked.
    let app = TestApp::spawn_demo_with(db, move |state, ca: &TestCa| {
        let mut trust = TrustStore::default();
        trust.add_certificate(ca.root.clone()).unwrap();
        trust.add_intermediate(ca.issuing.clone());
        state
            .with_ocsp(Some(Responder::Fixed(format!("http://127.0.0.1:{port}/"))))
            .with_trust(trust)
    })
    .await;
    let (answer, number) = file(&app, key(&app, CITIZEN), "ocsp-silent-3").await;
    let error = refused(answer, 422, ErrorCode::RevocationUnknown).await;
    assert!(error.message.ru.contains("не ответила"), "{error:?}");
    assert_eq!(status_of(&app, &number).await, Status::Draft, "nothing filed");
}

crate::on_both_databases!(
    the_responders_answer_decides_over_a_crl_that_has_not_heard,
    when_the_responder_is_silent_the_crl_decides_and_without_one_nothing_is_filed,
);
