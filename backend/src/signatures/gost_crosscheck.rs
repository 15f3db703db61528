//! GOST signatures checked by an implementation this project did not write: Python's `gostcrypto`
//! (from PyPI, installed by `cargo xtask test`), with its own Streebog and GOST 34.10-2012. The CMS
//! is taken apart with the `cms` crate; the hash, the curve and the byte order are gostcrypto's
//! and the national CA's facts (little-endian digest, key and r ‖ s), applied here in Python.

use std::fmt::Write as _;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use qyzmet_shared::eds::{Content, SigningKey, keyfile, sign};
use x509_cert::Certificate;

use super::test_ca::{Purpose, Standing};
use super::tests::{CA, CITIZEN, NOW};

const CHECK: &str = r#"
import sys
from gostcrypto import gosthash, gostsignature
key, attributes, signature, content, digest = (bytes.fromhex(a) for a in sys.argv[1:6])
curve = gostsignature.CURVES_R_1323565_1_024_2019["id-tc26-gost-3410-12-512-paramSetA"]
verifier = gostsignature.new(gostsignature.MODE_512, curve)
assert gosthash.new("streebog512", data=content).digest() == digest, "message digest"
hashed = gosthash.new("streebog512", data=attributes).digest()[::-1]
x, y = key[:64][::-1], key[64:][::-1]
r, s = signature[:64][::-1], signature[64:][::-1]
print("valid" if verifier.verify(bytearray(x + y), bytearray(hashed), bytearray(r + s)) else "invalid")
"#;

/// gostcrypto's verdict on the first signer of a CMS over `content`.
fn gostcrypto(cms: &[u8], content: &[u8]) -> String {
    let signed = ContentInfo::from_der(cms).unwrap().content.decode_as::<SignedData>().unwrap();
    let first = &signed.signer_infos.0.as_slice()[0];
    let attributes = first.signed_attrs.as_ref().unwrap();
    let digest = attributes
        .iter()
        .find(|a| a.oid == qyzmet_shared::eds::ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.get(0))
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
        .unwrap();
    let cms::signed_data::SignerIdentifier::IssuerAndSerialNumber(id) = &first.sid else {
        panic!("the signer is named by issuer and serial number");
    };
    let certificate = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .find_map(|choice| match choice {
            cms::cert::CertificateChoices::Certificate(c)
                if c.tbs_certificate.serial_number == id.serial_number =>
            {
                Some(c.clone())
            }
            _ => None,
        })
        .unwrap();
    let bits = certificate.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes();
    let key = der::asn1::OctetString::from_der(bits).unwrap();
    let hex = |bytes: &[u8]| {
        bytes.iter().fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
    };
    let output = std::process::Command::new("python3")
        .args(["-c", CHECK])
        .arg(hex(key.as_bytes()))
        .arg(hex(&attributes.to_der().unwrap()))
        .arg(hex(first.signature.as_bytes()))
        .arg(hex(content))
        .arg(hex(digest.as_bytes()))
        .output()
        .expect("python3 runs (cargo xtask test installs gostcrypto)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn gost_signatures_made_here_verify_with_gostcrypto() {
    let data = "Өтініш: ГОСТ 34.10-2015".as_bytes();
    // The demo's GOST key, through the same code the browser signs with.
    let key = CA.gost_key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    let cms = sign(data, &key.certificate, &signing_key, NOW, Content::Detached).unwrap();
    assert_eq!(gostcrypto(&cms, data), "valid");
    assert_eq!(gostcrypto(&cms, data), "valid", "deterministic nonces verify every time");
    // The national CA's own key file.
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/nca/keys/gost2015-2025/individual/valid.p12"
    ))
    .unwrap();
    let opened = keyfile::open(&file, "Qwerty12").unwrap();
    let cms = sign(data, &opened.certificate, &opened.key, NOW, Content::Attached).unwrap();
    assert_eq!(gostcrypto(&cms, data), "valid");
    // A changed signature fails there too: the check bites.
    let mut forged = cms.clone();
    let at = forged.len() - 10;
    forged[at] ^= 1;
    assert_eq!(gostcrypto(&forged, data), "invalid");
    assert!(Certificate::from_der(&opened.certificate).is_ok());
}

/// The same check on a CMS the national CA's software made: the byte order applied in Python is
/// the national CA's, not this code's mistake repeated.
#[test]
fn gostcrypto_verifies_the_national_cas_own_cms_as_this_verifier_does() {
    let cms = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/nca/ncanode/SIGNED_DETACHED_CMS.der"
    ))
    .unwrap();
    assert_eq!(gostcrypto(&cms, b"test123"), "valid");
}
