//! Revocation along the whole chain: an issuing CA its root revoked takes its holders' signatures
//! with it, though their own CRL lists nothing.

use qyzmet_shared::ErrorCode;
use qyzmet_shared::eds::{Content, SigningKey, sign};

use super::*;
use crate::signatures::verify;

/// 1 October 2026, noon UTC.
const NOW: i64 = 1_790_856_000;

#[test]
fn a_ca_its_root_revoked_takes_its_holders_signatures_with_it() {
    let root_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap();
    let root_params = ca_params(ROOT_NAME, NOW, 20);
    let root = root_params.self_signed(&root_key).unwrap();
    let root_issuer = Issuer::new(root_params, root_key);
    let issuing_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap();
    let mut issuing_params = ca_params(ISSUING_NAME, NOW, 10);
    let issuing_serial = SerialNumber::from_slice(&[0x1c, 0xa0]);
    issuing_params.serial_number = Some(issuing_serial.clone());
    let issuing = issuing_params.signed_by(&issuing_key, &root_issuer).unwrap();
    let issuer = Issuer::new(ca_params(ISSUING_NAME, NOW, 10), issuing_key);
    let holder = Holder {
        iin: "850315400124",
        surname: "Нұрланова",
        given_name: "Айгүл",
        patronymic: "Серікқызы",
        company: None,
    };
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).unwrap();
    let params = holder_params(&holder, Purpose::Signing, Standing::Valid, 7, NOW);
    let certificate = params.signed_by(&key, &issuer).unwrap();
    let signing_key = SigningKey::from_pkcs8_der(&key.serialize_der()).unwrap();
    let data = "Өтініш".as_bytes();
    let cms = sign(data, certificate.der(), &signing_key, NOW, Content::Detached).unwrap();

    // The issuing CA's own list names no one.
    let mut trust = TrustStore::default();
    trust.add_certificate(root.der().to_vec()).unwrap();
    trust.add_intermediate(issuing.der().to_vec());
    trust.add_crl(crl_params(Vec::new(), NOW).signed_by(&issuer).unwrap().der()).unwrap();
    assert!(verify(&cms, Some(data), &trust, NOW, Purpose::Signing, None).is_ok());

    // The root's list names the issuing CA.
    let revoked = crl_params(vec![revocation(issuing_serial, NOW)], NOW);
    trust.add_crl(revoked.signed_by(&root_issuer).unwrap().der()).unwrap();
    let refused = verify(&cms, Some(data), &trust, NOW, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::CertificateRevoked);
}
