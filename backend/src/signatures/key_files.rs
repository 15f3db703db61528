//! Key files (PKCS #12) written and opened by the shared code, cross-checked with other
//! implementations: OpenSSL opens ours, and we open its — modern (PBES2/AES) and legacy
//! (3DES/RC2/SHA-1, with indefinite lengths); and we open those Java's keytool makes, as the
//! national CA's Java tools do, and sign with their keys so that OpenSSL accepts the signatures.

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
            verify(&cms, None, &CA.trust().unwrap(), NOW, Purpose::Signing, None).is_ok(),
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
    let verified = verify(&cms, Some(data), &trust, NOW, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some("920711300344"));
    let refused = verify(&cms, Some(b"changed"), &trust, NOW, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, qyzmet_shared::ErrorCode::SignatureInvalid);
}

fn keytool(dir: &Path, args: &[&str]) {
    let out = Command::new("keytool")
        .current_dir(dir)
        .args(args)
        // Java reads its arguments (the Kazakh names) in the locale's encoding.
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("keytool runs: `cargo xtask test` installs it");
    assert!(out.status.success(), "keytool {args:?}: {}", String::from_utf8_lossy(&out.stdout));
}

/// Key files as Java writes them — legacy RSA-2048 (3DES key bag, RC2-40 certificate bag, SHA-1
/// MAC: the national CA's older key files) and modern ECDSA P-256 (PBES2/AES-256, SHA-256 MAC) —
/// open with their password, hold the certificate keytool exports, and sign so that OpenSSL
/// verifies the signature.
#[test]
fn key_files_made_by_java_open_and_their_keys_sign() {
    // Java's PKCS #12 takes ASCII passwords only.
    const JAVA_PASSWORD: &str = "Qyzmet-2026";
    let dir = tempfile::tempdir().unwrap();
    let subject = "CN=ӘБДІРАХМАНОВ ҚАНАТ,SURNAME=ӘБДІРАХМАНОВ,GIVENNAME=ҚАНАТ,SERIALNUMBER=IIN920711300344,C=KZ";
    let files = [
        (
            "legacy.p12",
            ["RSA", "-keysize", "2048", "SHA256withRSA"],
            true,
            "pbeWithSHA1And3-KeyTripleDES-CBC",
        ),
        ("modern.p12", ["EC", "-groupname", "secp256r1", "SHA256withECDSA"], false, "AES-256-CBC"),
    ];
    for (name, [algorithm, size_flag, size, signature_algorithm], legacy, cipher) in files {
        let mut args = vec![
            "-genkeypair",
            "-alias",
            "qyzmet",
            "-keyalg",
            algorithm,
            size_flag,
            size,
            "-sigalg",
            signature_algorithm,
            "-dname",
            subject,
            "-validity",
            "365",
            "-storetype",
            "PKCS12",
            "-keystore",
            name,
            "-storepass",
            JAVA_PASSWORD,
        ];
        if legacy {
            args.push("-J-Dkeystore.pkcs12.legacy");
        }
        keytool(dir.path(), &args);
        // The file is what it should be, as OpenSSL reads it.
        let pass = format!("pass:{JAVA_PASSWORD}");
        let mut info = vec!["pkcs12", "-info", "-noout", "-in", name, "-passin", &pass];
        if legacy {
            info.push("-legacy");
        }
        let out = Command::new("openssl").current_dir(dir.path()).args(&info).output().unwrap();
        assert!(String::from_utf8_lossy(&out.stderr).contains(cipher), "{name}");

        let file = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(keyfile::open(&file, "wrong").unwrap_err(), KeyFileError::WrongPassword);
        let opened =
            keyfile::open(&file, JAVA_PASSWORD).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let exported = format!("{name}.cer");
        keytool(
            dir.path(),
            &[
                "-exportcert",
                "-alias",
                "qyzmet",
                "-keystore",
                name,
                "-storepass",
                JAVA_PASSWORD,
                "-file",
                &exported,
            ],
        );
        assert_eq!(opened.certificate, std::fs::read(dir.path().join(&exported)).unwrap());

        let data = "Өтініш: Java".as_bytes();
        let cms = sign(data, &opened.certificate, &opened.key, NOW, Content::Detached).unwrap();
        std::fs::write(dir.path().join("data.txt"), data).unwrap();
        std::fs::write(dir.path().join("signature.der"), &cms).unwrap();
        assert!(openssl_verifies(dir.path()), "{name}");
        std::fs::write(dir.path().join("data.txt"), "Өтініш: changed").unwrap();
        assert!(!openssl_verifies(dir.path()), "{name}: a changed byte must fail");
    }
}

/// Whether OpenSSL accepts `signature.der` over `data.txt` in `dir`. `-noverify`: the certificate
/// is keytool's own, self-signed; the signature itself is checked.
fn openssl_verifies(dir: &Path) -> bool {
    Command::new("openssl")
        .current_dir(dir)
        .args([
            "cms",
            "-verify",
            "-binary",
            "-noverify",
            "-inform",
            "DER",
            "-in",
            "signature.der",
            "-content",
            "data.txt",
            "-out",
            "/dev/null",
        ])
        .output()
        .unwrap()
        .status
        .success()
}
