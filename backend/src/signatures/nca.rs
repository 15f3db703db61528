//! The national CA's own material (its test CA, key files and CMS files made by its software), as
//! kept in `shared/testdata/nca/`: what this portal did not make must verify as NCA says it does.
//! Each file's certificate has expired, so each test runs at a fixed time inside its validity.

use qyzmet_shared::eds::{Content, keyfile, sign};

use super::*;

/// 2022-10-01 00:00 UTC: NCANode's 2022 keys and CRL are in force.
const IN_2022: i64 = 1_664_582_400;
/// 2025-10-20 00:00 UTC: the 2025 keys are three days old; the CRL of April 2025 is still current.
const IN_OCTOBER_2025: i64 = 1_760_918_400;
/// 2026-01-15 00:00 UTC: the 2025 keys are valid, but that CRL passed its next update (26 October).
const IN_2026: i64 = 1_768_435_200;

/// A file of the national CA's material; a PEM certificate as its DER.
pub(super) fn nca(path: &str) -> Vec<u8> {
    use rustls_pki_types::pem::PemObject;
    let path = format!("{}/../shared/testdata/nca/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    CertificateDer::from_pem_slice(&bytes).map(|der| der.to_vec()).unwrap_or(bytes)
}

/// The test root and its issuing CA of 2022 (GOST 34.10-2015), with one of the issuing CA's CRLs.
fn trust(crl: &str) -> TrustStore {
    let mut trust = TrustStore::default();
    trust.add_certificate(nca("ca/root_test_gost_2022.cer")).unwrap();
    trust.add_intermediate(nca("ca/nca_gost2022_test.cer"));
    trust.add_crl(&nca(crl)).unwrap();
    trust
}

fn trust_2022() -> TrustStore {
    trust("ncanode/crl/nca_gost2022_test.crl")
}

fn signed_with(key_file: &str, password: &str, data: &[u8], at: i64) -> Vec<u8> {
    let opened = keyfile::open(&nca(key_file), password).unwrap();
    sign(data, &opened.certificate, &opened.key, at, Content::Detached).unwrap()
}

#[test]
fn an_nca_cms_with_two_signers_is_judged_by_the_holders_signature() {
    // Kalkan's CMS over "test123": a GOST signer (IIN…012) and an RSA one (IIN…011) whose
    // certificate had expired in January 2022.
    let cms = nca("ncanode/SIGNED_CMS.der");
    let verified = verify(&cms, None, &trust_2022(), IN_2022, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some("123456789012"));
    assert_eq!(verified.signer.name, "ТЕСТТОВ ТЕСТТ");
    assert_eq!(verified.signer.algorithm, Some(SignatureAlgorithm::Gost2015));
    assert_eq!(verified.data, b"test123");
    assert_eq!(verified.signed_at, Some(1_664_313_479)); // 2022-09-27 21:17:59 UTC
    let holder = verify(&cms, None, &trust_2022(), IN_2022, Purpose::Signing, Some("123456789012"));
    assert_eq!(holder.unwrap().signer.iin.as_deref(), Some("123456789012"));
    let other = verify(&cms, None, &trust_2022(), IN_2022, Purpose::Signing, Some("123456789011"))
        .unwrap_err();
    assert_eq!(other.code, ErrorCode::CertificateExpired);
    let other = other.signer.unwrap();
    assert_eq!(other.iin.as_deref(), Some("123456789011"));
    assert_eq!(other.algorithm, Some(SignatureAlgorithm::RsaSha256));
}

#[test]
fn a_detached_nca_signature_holds_over_its_data_only() {
    let cms = nca("ncanode/SIGNED_DETACHED_CMS.der");
    let holds = |data: Option<&[u8]>| {
        verify(&cms, data, &trust_2022(), IN_2022, Purpose::Signing, Some("123456789012"))
            .map(|verified| verified.signer.iin)
            .map_err(|refusal| refusal.code)
    };
    assert_eq!(holds(Some(b"test123")), Ok(Some("123456789012".to_owned())));
    assert_eq!(holds(Some(b"test124")), Err(ErrorCode::SignatureInvalid));
    assert_eq!(holds(None), Err(ErrorCode::SignatureMalformed));
}

#[test]
fn nca_certificates_outside_their_period_are_refused_as_such() {
    let cms = nca("ncanode/SIGNED_CMS_ONE_SIGNER.der");
    let mut with_rsa = trust_2022();
    with_rsa.add_certificate(nca("ncanode/ca/nca_rsa_test.crt")).unwrap();
    let code = |at| verify(&cms, None, &with_rsa, at, Purpose::Signing, None).unwrap_err().code;
    // Today, and before the certificate began (it was issued on 18 January 2021).
    assert_eq!(code(1_795_000_000), ErrorCode::CertificateExpired);
    assert_eq!(code(1_600_000_000), ErrorCode::CertificateNotYetValid);
    let gost = nca("ncanode/SIGNED_CMS.der");
    let today = verify(&gost, None, &trust_2022(), 1_795_000_000, Purpose::Signing, None);
    assert_eq!(today.unwrap_err().code, ErrorCode::CertificateExpired);
}

#[test]
fn a_key_file_of_the_national_ca_signs_what_the_server_verifies() {
    let data = "Өтініш: шетелдік мерзімді баспасөз басылымдарын тарату".as_bytes();
    let trust = trust("crl/nca_gost2022_test.crl");
    let cms =
        signed_with("keys/gost2015-2025/individual/valid.p12", "Qwerty12", data, IN_OCTOBER_2025);
    let verified =
        verify(&cms, Some(data), &trust, IN_OCTOBER_2025, Purpose::Signing, Some("123456789011"))
            .unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some("123456789011"));
    assert_eq!(verified.signer.bin, None);
    assert_eq!(verified.signed_at, Some(IN_OCTOBER_2025));

    // A company's first head signs with the company's BIN in the certificate.
    let head = "keys/gost2015-2025/company-first-head/valid.p12";
    let cms = signed_with(head, "Qwerty12", data, IN_OCTOBER_2025);
    let verified =
        verify(&cms, Some(data), &trust, IN_OCTOBER_2025, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signer.bin.as_deref(), Some("123456789021"));

    let changed = verify(&cms, Some(b"other"), &trust, IN_OCTOBER_2025, Purpose::Signing, None);
    assert_eq!(changed.unwrap_err().code, ErrorCode::SignatureInvalid);
}

#[test]
fn a_revocation_list_past_its_next_update_leaves_revocation_unknown() {
    let data = b"filing";
    let trust = trust("crl/nca_gost2022_test.crl");
    let cms = signed_with("keys/gost2015-2025/individual/valid.p12", "Qwerty12", data, IN_2026);
    let refused = verify(&cms, Some(data), &trust, IN_2026, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::RevocationUnknown);
    assert_eq!(refused.signer.unwrap().iin.as_deref(), Some("123456789011"));
}

#[test]
fn a_key_the_national_ca_revoked_is_refused_as_revoked() {
    let data = b"filing";
    let revoked = signed_with("ncanode/KEY_CEO_REVOKED_2015.der", "Aa123456", data, IN_2022);
    let refused = verify(&revoked, Some(data), &trust_2022(), IN_2022, Purpose::Signing, None);
    assert_eq!(refused.unwrap_err().code, ErrorCode::CertificateRevoked);
    let valid = signed_with("ncanode/KEY_INDIVIDUAL_VALID_2015.der", "Aa123456", data, IN_2022);
    assert!(verify(&valid, Some(data), &trust_2022(), IN_2022, Purpose::Signing, None).is_ok());
}

/// The holder's role in a company, as the national CA's certificates of 2025 carry it.
#[test]
fn the_national_cas_certificates_say_what_the_holder_is_to_the_company() {
    use qyzmet_shared::signature::CompanyRole;
    let role = |holder: &str| {
        let path = format!("keys/gost2015-2025/{holder}/valid.p12");
        let opened = keyfile::open(&nca(&path), "Qwerty12").unwrap();
        subject::read(&Certificate::from_der(&opened.certificate).unwrap()).role
    };
    assert_eq!(role("individual"), None);
    assert_eq!(role("company-first-head"), Some(CompanyRole::FirstHead));
    assert_eq!(role("company-employee-with-signing-right"), Some(CompanyRole::SigningRight));
    assert_eq!(role("company-employee"), Some(CompanyRole::Employee));
    assert_eq!(role("company-information-system"), Some(CompanyRole::InformationSystem));
    assert_eq!(role("company-treasury-client"), Some(CompanyRole::Employee));
}

/// A GOST 34.310-2004 CMS the national CA's software made: its timestamp service's token of
/// 18 September 2022 (GOST 34.311-95 digest, 2004 signature). Its signature holds; its key is the
/// time-stamping service's, so as a person's signature it is refused for its usage, not as forged.
#[test]
fn the_national_cas_gost_2004_cms_verifies_up_to_its_key_usage() {
    let mut trust = TrustStore::default();
    trust.add_certificate(nca("ncanode/ca/nca_gost_test.crt")).unwrap();
    trust.add_crl(&nca("ncanode/crl/nca_gost_test.crl")).unwrap();
    let token = nca("ncanode/tsp/tsp_token.bin");
    let at = 1_663_507_214; // 2022-09-18 13:20:14 UTC, the token's time
    let refused = verify(&token, None, &trust, at, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::CertificateWrongUsage);
    let signer = refused.signer.unwrap();
    assert_eq!(signer.name, "СЕРВИС МЕТКИ ВРЕМЕНИ");
    assert_eq!(signer.algorithm, Some(SignatureAlgorithm::Gost2004));
    // One byte of the signed content changed: now the signature fails.
    let mut changed = token.clone();
    let at_content = changed.windows(3).position(|w| w == [0x30, 0x5f, 0x02]).unwrap();
    changed[at_content + 10] ^= 1;
    let forged = verify(&changed, None, &trust, at, Purpose::Signing, None).unwrap_err();
    assert_eq!(forged.code, ErrorCode::SignatureInvalid);
}

/// The national CA's timestamp token reads as RFC 3161 says: a SHA-1 imprint and its time.
#[test]
fn the_national_cas_timestamp_token_reads() {
    let token = nca("ncanode/tsp/tsp_token.bin");
    let signed = timestamp::signed_data(&token).unwrap();
    let content = signed_content(&signed, None).unwrap();
    let info = timestamp::TstInfo::from_der(&content).unwrap();
    assert_eq!(info.imprint_algorithm, ObjectIdentifier::new_unwrap("1.3.14.3.2.26"));
    assert_eq!(info.imprint.len(), 20);
    assert_eq!(info.time, 1_663_507_214); // 2022-09-18 13:20:14 UTC
}
