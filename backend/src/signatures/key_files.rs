//! Key files (PKCS #12) written and opened by the shared code, cross-checked with OpenSSL: it
//! opens ours, and we open its — modern (PBES2/AES) and legacy (3DES/RC2/SHA-1, as the national
//! CA's Java tools write, with indefinite lengths).

use std::path::Path;
use std::process::Command;

use qyzmet_shared::eds::keyfile::{self, KeyFileError, RANDOM_BYTES, Style};
use qyzmet_shared::eds::{Content, sign};

use super::test_ca::{Purpose, Standing};
use super::tests::{CA, CITIZEN, NOW};
use super::verify;

const PASSWORD: &str = "Құпия-2026";

fn random() -> [u8; RANDOM_BYTES] {
    std::array::from_fn(|i| u8::try_from(i * 37 % 251).unwrap())
}

fn openssl(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> =
        body.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!("-----BEGIN {label}-----\n{}\n-----END {label}-----\n", lines.join("\n"))
}

#[test]
fn our_key_files_open_with_the_password_only_and_sign() {
    let issued = CA.key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    for style in [Style::Modern, Style::Legacy] {
        let file =
            keyfile::write(&issued.private_key, &issued.certificate, PASSWORD, style, &random());
        assert_eq!(keyfile::open(&file, "wrong").unwrap_err(), KeyFileError::WrongPassword);
        let opened = keyfile::open(&file, PASSWORD).unwrap();
        assert_eq!(opened.certificate, issued.certificate);
        let cms = sign(b"data", &opened.certificate, &opened.key, NOW, Content::Attached).unwrap();
        assert!(
            verify(&cms, None, &CA.trust().unwrap(), NOW, Purpose::Signing).is_ok(),
            "{style:?}"
        );
    }
    assert_eq!(keyfile::open(b"not a key file", PASSWORD).unwrap_err(), KeyFileError::NotAKeyFile);
}

#[test]
fn openssl_opens_our_key_files_and_we_open_its() {
    let dir = tempfile::tempdir().unwrap();
    let issued = CA.key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    let pass = format!("pass:{PASSWORD}");
    for (style, legacy) in [(Style::Modern, false), (Style::Legacy, true)] {
        let file =
            keyfile::write(&issued.private_key, &issued.certificate, PASSWORD, style, &random());
        std::fs::write(dir.path().join("ours.p12"), &file).unwrap();
        let mut args = vec!["pkcs12", "-in", "ours.p12", "-passin", &pass, "-nodes"];
        if legacy {
            args.push("-legacy");
        }
        let out = openssl(dir.path(), &args);
        assert!(out.contains("IIN850315400124"), "{style:?}: {out}");
        assert!(out.contains("PRIVATE KEY"), "{style:?}");
    }
    std::fs::write(dir.path().join("key.pem"), pem("PRIVATE KEY", &issued.private_key)).unwrap();
    std::fs::write(dir.path().join("cert.pem"), pem("CERTIFICATE", &issued.certificate)).unwrap();
    for legacy in [false, true] {
        let mut args = vec![
            "pkcs12",
            "-export",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-passout",
            &pass,
            "-out",
            "theirs.p12",
        ];
        if legacy {
            args.push("-legacy");
        }
        openssl(dir.path(), &args);
        let file = std::fs::read(dir.path().join("theirs.p12")).unwrap();
        let opened =
            keyfile::open(&file, PASSWORD).unwrap_or_else(|e| panic!("legacy={legacy}: {e:?}"));
        assert_eq!(opened.certificate, issued.certificate);
        assert_eq!(keyfile::open(&file, "wrong").unwrap_err(), KeyFileError::WrongPassword);
    }
}

/// The national CA's older keys are RSA-2048: an RSA key made by OpenSSL, certified by the test
/// CA, opened from a key file and signing in the shared code, verifies — and one changed byte
/// does not.
#[test]
fn an_rsa_key_signs_and_verifies_like_the_national_cas() {
    let dir = tempfile::tempdir().unwrap();
    openssl(
        dir.path(),
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-outform",
            "DER",
            "-out",
            "rsa.der",
        ],
    );
    // Key bags hold PKCS #8; OpenSSL writes RSA keys as PKCS #1 unless asked.
    openssl(
        dir.path(),
        &[
            "pkcs8", "-topk8", "-nocrypt", "-inform", "DER", "-in", "rsa.der", "-outform", "DER",
            "-out", "rsa8.der",
        ],
    );
    let der = std::fs::read(dir.path().join("rsa8.der")).unwrap();
    let mut ca = CA.clone();
    let holder = super::test_ca::Holder {
        iin: "920711300344",
        surname: "Әбдірахманов",
        given_name: "Қанат",
        patronymic: "Ерланұлы",
        company: None,
    };
    let issued = ca.certify(&holder, Purpose::Signing, &der, NOW).unwrap().clone();
    let file = keyfile::write(
        &issued.private_key,
        &issued.certificate,
        PASSWORD,
        Style::Legacy,
        &random(),
    );
    let opened = keyfile::open(&file, PASSWORD).unwrap();
    assert!(matches!(opened.key, qyzmet_shared::eds::SigningKey::Rsa(_)));
    let data = "Өтініш: RSA".as_bytes();
    let cms = sign(data, &opened.certificate, &opened.key, NOW, Content::Detached).unwrap();
    let trust = ca.trust().unwrap();
    let verified = verify(&cms, Some(data), &trust, NOW, Purpose::Signing).unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some("920711300344"));
    let refused = verify(&cms, Some(b"changed"), &trust, NOW, Purpose::Signing).unwrap_err();
    assert_eq!(refused.code, qyzmet_shared::ErrorCode::SignatureInvalid);
}
