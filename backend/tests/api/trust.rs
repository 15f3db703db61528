//! The running server and its trust directory: a fresh CRL put there takes effect on SIGHUP
//! without a restart, and an issuing CA without a CRL stops the start. The real binary, a real
//! signal.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_backend::signatures::test_ca::{Holder, Purpose, Standing, TestCa};
use qyzmet_shared::ErrorCode;
use qyzmet_shared::eds::{Content, SigningKey, sign};
use qyzmet_shared::signature::Verdict;
use serde_json::json;

use crate::app::system_now;

/// The server, ended when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn verdict(base: &str, cms: &[u8]) -> Verdict {
    let body = json!({"cms": STANDARD.encode(cms)});
    let url = format!("{base}/api/v1/signatures/verify");
    reqwest::Client::new().post(url).json(&body).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn a_crl_dropped_into_the_trust_directory_takes_effect_on_sighup() {
    let now = system_now();
    let holder = Holder {
        iin: "850315400124",
        surname: "Нұрланова",
        given_name: "Айгүл",
        patronymic: "Серікқызы",
        company: None,
    };
    let ca = TestCa::issue(&[holder], now).unwrap();
    let key = ca.key(holder.iin, Purpose::Signing, Standing::Revoked).unwrap();
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    let cms = sign(b"filing", &key.certificate, &signing_key, now, Content::Attached).unwrap();

    // The CA's certificates and a CRL published before the key was revoked.
    let trust = tempfile::tempdir().unwrap();
    std::fs::write(trust.path().join("root.cer"), &ca.root).unwrap();
    std::fs::write(trust.path().join("issuing.cer"), &ca.issuing).unwrap();
    let earlier = ca.crl_without_revocations(now - 7200).unwrap();
    std::fs::write(trust.path().join("issuing.crl"), earlier).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_qyzmet"))
        .args(["--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .env("QYZMET_TRUST_DIR", trust.path())
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let base = crate::app::announced_base(stdout);

    let before = verdict(&base, &cms).await;
    assert!(before.valid, "not revoked yet: {before:?}");
    std::fs::write(trust.path().join("issuing.crl"), &ca.crl).unwrap();
    let pid = server.0.id().to_string();
    assert!(Command::new("kill").args(["-HUP", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let after = verdict(&base, &cms).await;
        if after.code == Some(ErrorCode::CertificateRevoked) {
            break;
        }
        assert!(Instant::now() < deadline, "the CRL never took effect: {after:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn an_issuing_ca_without_its_crl_stops_the_start_naming_it() {
    let ca = TestCa::issue(&[], system_now()).unwrap();
    let trust = tempfile::tempdir().unwrap();
    std::fs::write(trust.path().join("root.cer"), &ca.root).unwrap();
    std::fs::write(trust.path().join("issuing.cer"), &ca.issuing).unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_qyzmet"))
        .args(["--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .env("QYZMET_TRUST_DIR", trust.path())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("issuing.cer") && said.contains("no CRL"), "{said}");
}
