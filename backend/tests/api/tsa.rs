//! The head's signature of a result timestamped by a time-stamping authority (RFC 3161): a real
//! one, OpenSSL's `openssl ts -reply`, behind a small HTTP front here, with the demo CA's
//! time-stamping key. The token kept in the result's CMS is checked by OpenSSL itself; while the
//! authority does not answer, nothing is signed.

use crate::helpers::{draft_certificate, plain, to_department, to_specialist};
use qyzmet_shared::workflow::Action;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::body::Bytes;
use axum::routing::post;
use base64::Engine as _;
use der::Decode;
use qyzmet_backend::signatures::test_ca::TestCa;
use qyzmet_backend::signatures::timestamp;
use qyzmet_shared::ErrorCode;
use qyzmet_shared::request::RequestView;
use qyzmet_shared::workflow::Status;
use reqwest::Method;
use sha2::{Digest, Sha256};

use crate::app::{Db, TestApp, hex, pem, system_now};
use crate::office::{POLICY_HEAD, POLICY_SPECIALIST, filed_and_taken, foreign_media};

use crate::requests::{CHANCELLERY, HEAD, ok, refused, step};

const TSA_CONFIG: &str = "[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ./serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.398.3.3.2.6
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
";

/// `openssl ts -reply` answering the queries `POST`ed on a loopback port, with the key `authorise`
/// puts in its folder; the folder lives as long as the returned handle.
async fn openssl_tsa() -> (String, Arc<tempfile::TempDir>) {
    let files = Arc::new(tempfile::tempdir().unwrap());
    let folder = Arc::clone(&files);
    let queries = Arc::new(AtomicU32::new(0));
    let answer = move |query: Bytes| {
        let (folder, queries) = (Arc::clone(&folder), Arc::clone(&queries));
        async move {
            let n = queries.fetch_add(1, Ordering::Relaxed);
            let (query_file, reply_file) = (format!("q{n}.tsq"), format!("r{n}.tsr"));
            std::fs::write(folder.path().join(&query_file), &query).unwrap();
            let replied = Command::new("openssl")
                .args(["ts", "-reply", "-queryfile", &query_file, "-signer", "tsa.pem"])
                .args(["-inkey", "tsa.key", "-config", "tsa.cnf", "-out", &reply_file])
                .current_dir(folder.path())
                .output()
                .expect("openssl runs");
            assert!(replied.status.success(), "{}", String::from_utf8_lossy(&replied.stderr));
            std::fs::read(folder.path().join(&reply_file)).unwrap()
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let app = axum::Router::new().route("/", post(answer));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, files)
}

/// Gives the authority its key, certified by `ca` for time-stamping.
fn authorise(files: &tempfile::TempDir, ca: &TestCa) {
    let authority = ca.time_stamping_authority(system_now()).unwrap();
    let write = |name: &str, text: &str| std::fs::write(files.path().join(name), text).unwrap();
    write("tsa.pem", &pem("CERTIFICATE", &authority.certificate));
    write("tsa.key", &pem("PRIVATE KEY", &authority.private_key));
    write("tsa.cnf", TSA_CONFIG);
    write("serial", "01\n");
}

/// A foreign-media request drafted as a certificate, waiting for the head's signature.
async fn awaiting_the_heads_signature(app: &TestApp, key: &str) -> RequestView {
    filed_and_taken(
        app,
        foreign_media(),
        key,
        &[
            (CHANCELLERY, plain(Action::Register)),
            (HEAD, to_department("internal-policy")),
            (POLICY_HEAD, to_specialist(POLICY_SPECIALIST)),
            (POLICY_SPECIALIST, draft_certificate(Some(0))),
        ],
    )
    .await
}

/// The CMS kept for the request's result (DER).
async fn kept_result_signature(app: &TestApp, number: &str) -> Vec<u8> {
    let pool = sqlx::AnyPool::connect(&app.database_url).await.unwrap();
    let cms: String = sqlx::query_scalar(
        "SELECT s.cms FROM request_signatures s JOIN requests r ON r.id = s.request_id
         WHERE r.number = $1 AND s.purpose = 'result'",
    )
    .bind(number)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    base64::engine::general_purpose::STANDARD.decode(cms).unwrap()
}

async fn the_heads_result_carries_the_authoritys_timestamp(db: Db) {
    let (url, files) = openssl_tsa().await;
    let app = TestApp::spawn_demo_with(db, move |state, _| state.with_tsa(Some(url))).await;
    let ca = app.test_ca.clone().unwrap();
    authorise(&files, &ca);
    let before = app.now();
    let waiting = awaiting_the_heads_signature(&app, "timestamp-key-01").await;
    let head = app.session(HEAD).await;
    let signed = ok(step(&app, &head, &waiting.number, plain(Action::Sign)).await).await;
    assert_eq!(signed.status, Status::Signed);
    let cms = kept_result_signature(&app, &waiting.number).await;

    // The token in the head's SignerInfo, checked by OpenSSL: over this signature's SHA-256, by
    // a time-stamping key chained to the demo CA.
    let signed_data = cms::content_info::ContentInfo::from_der(&cms)
        .unwrap()
        .content
        .decode_as::<cms::signed_data::SignedData>()
        .unwrap();
    let heads = signed_data.signer_infos.0.get(0).unwrap();
    let token = timestamp::token(heads).expect("the head's signature carries a token");
    let hex = hex(&Sha256::digest(heads.signature.as_bytes()));
    let dir = files.path();
    std::fs::write(dir.join("token.der"), &token).unwrap();
    let chain = pem("CERTIFICATE", &ca.root) + &pem("CERTIFICATE", &ca.issuing);
    std::fs::write(dir.join("chain.pem"), chain).unwrap();
    let checked = Command::new("openssl")
        .args(["ts", "-verify", "-in", "token.der", "-token_in", "-digest", &hex])
        .args(["-CAfile", "chain.pem"])
        .current_dir(dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&checked.stdout).to_string()
        + &String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success() && said.contains("Verification: OK"), "{said}");
    // Its time is when the head signed, and the result says so.
    let info = timestamp::TstInfo::from_der(&token_content(&token)).unwrap();
    assert!((before..=app.now() + 1).contains(&info.time), "{}", info.time);
}

/// The `TSTInfo` a token carries.
fn token_content(token: &[u8]) -> Vec<u8> {
    let signed = timestamp::signed_data(token).unwrap();
    let content = signed.encap_content_info.econtent.unwrap();
    content.decode_as::<der::asn1::OctetString>().unwrap().into_bytes()
}

async fn while_the_authority_is_silent_no_result_is_signed(db: Db) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/");
    let app = TestApp::spawn_demo_with(db, move |state, _| state.with_tsa(Some(url))).await;
    let waiting = awaiting_the_heads_signature(&app, "timestamp-key-02").await;
    let head = app.session(HEAD).await;
    let error = refused(
        step(&app, &head, &waiting.number, plain(Action::Sign)).await,
        503,
        ErrorCode::TimestampUnavailable,
    )
    .await;
    assert!(error.message.ru.contains("Ничего не сохранено"), "{error:?}");
    let path = format!("/requests/{}", waiting.number);
    let now = ok(app.call(Method::GET, &path, &head, None).await).await;
    assert_eq!(now.status, waiting.status, "nothing signed");
    assert!(now.result.unwrap().number.is_none(), "no number given");
}

crate::on_both_databases!(
    the_heads_result_carries_the_authoritys_timestamp,
    while_the_authority_is_silent_no_result_is_signed,
);
