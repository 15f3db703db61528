use std::sync::LazyLock;

use qyzmet_shared::eds::{Content, SigningKey, sign};

use super::test_ca::{Employment, Holder, IssuedKey, Purpose, Standing, TestCa};
use super::*;
use qyzmet_shared::signature::{CompanyRole, SignatureAlgorithm};

pub(super) const CITIZEN: &str = "850315400124";
const COMPANY_HEAD: &str = "920711300344";
pub(super) const NOW: i64 = 1_795_000_000; // November 2026

pub(super) static CA: LazyLock<TestCa> = LazyLock::new(|| {
    let holders = [
        Holder {
            iin: CITIZEN,
            surname: "Нұрланова",
            given_name: "Айгүл",
            patronymic: "Серікқызы",
            company: None,
        },
        Holder {
            iin: COMPANY_HEAD,
            surname: "Әбдірахманов",
            given_name: "Қанат",
            patronymic: "Ерланұлы",
            company: Some(Employment {
                bin: "150440002179",
                name: "«Дала Медиа» ЖШС",
                role: CompanyRole::FirstHead,
            }),
        },
    ];
    TestCa::issue(&holders, NOW).unwrap()
});

fn signed_by(iin: &str, purpose: Purpose, standing: Standing, data: &[u8]) -> Vec<u8> {
    let key = CA.key(iin, purpose, standing).unwrap();
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    sign(data, &key.certificate, &signing_key, NOW - 60, Content::Detached).unwrap()
}

fn refusal(cms: &[u8], data: &[u8]) -> ErrorCode {
    verify(cms, Some(data), &CA.trust().unwrap(), NOW, Purpose::Signing, None).unwrap_err().code
}

#[test]
fn a_signature_by_a_valid_signing_key_holds_and_names_the_signer() {
    let data = "Өтініш 2026-0000001: Нұрланова Айгүл".as_bytes();
    let cms = signed_by(CITIZEN, Purpose::Signing, Standing::Valid, data);
    let verified =
        verify(&cms, Some(data), &CA.trust().unwrap(), NOW, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some(CITIZEN));
    assert_eq!(verified.signer.bin, None);
    assert_eq!(verified.signer.name, "НҰРЛАНОВА АЙГҮЛ");
    assert_eq!(verified.signed_at, Some(NOW - 60));
    assert_eq!(verified.data, data);
    assert!(verified.signer.valid_from < NOW && NOW < verified.signer.valid_until);
}

#[test]
fn a_company_employee_signs_with_the_company_bin() {
    let data = b"periodicals registration";
    let key = CA.key(COMPANY_HEAD, Purpose::Signing, Standing::Valid).unwrap();
    let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
    // The CMS carries the data: the verifier needs nothing beside it.
    let cms = sign(data, &key.certificate, &signing_key, NOW, Content::Attached).unwrap();
    let verified = verify(&cms, None, &CA.trust().unwrap(), NOW, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some(COMPANY_HEAD));
    assert_eq!(verified.signer.role, Some(CompanyRole::FirstHead));
    assert_eq!(authority(&verified.signer, "150440002179"), Ok(()));
    assert_eq!(authority(&verified.signer, COMPANY_HEAD), Ok(()), "and signs as themselves");
    assert_eq!(authority(&verified.signer, CITIZEN), Err(ErrorCode::SignerMismatch));
    let employee =
        SignerCertificate { role: Some(CompanyRole::Employee), ..verified.signer.clone() };
    assert_eq!(authority(&employee, "150440002179"), Err(ErrorCode::NoCompanyAuthority));
    assert_eq!(verified.signer.bin.as_deref(), Some("150440002179"));
    assert_eq!(verified.signer.organisation.as_deref(), Some("«Дала Медиа» ЖШС"));
    assert_eq!(verified.data, data);
    // Given data that differs from what it carries is refused.
    let refused = verify(&cms, Some(b"other"), &CA.trust().unwrap(), NOW, Purpose::Signing, None)
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::SignatureInvalid);
}

#[test]
fn each_failure_has_its_own_code() {
    let data = b"the request's canonical bytes";
    let good = signed_by(CITIZEN, Purpose::Signing, Standing::Valid, data);
    assert_eq!(refusal(&good, b"the request's canonical bytez"), ErrorCode::SignatureInvalid);
    let revoked = signed_by(CITIZEN, Purpose::Signing, Standing::Revoked, data);
    assert_eq!(refusal(&revoked, data), ErrorCode::CertificateRevoked);
    let expired = signed_by(CITIZEN, Purpose::Signing, Standing::Expired, data);
    assert_eq!(refusal(&expired, data), ErrorCode::CertificateExpired);
    let authentication = signed_by(CITIZEN, Purpose::Authentication, Standing::Valid, data);
    assert_eq!(refusal(&authentication, data), ErrorCode::CertificateWrongUsage);
    assert_eq!(refusal(b"not a signature", data), ErrorCode::SignatureMalformed);
    // A key from a CA nobody configured: a "fake NCALayer" self-made chain.
    let stranger_ca = TestCa::issue(
        &[Holder {
            iin: CITIZEN,
            surname: "Нұрланова",
            given_name: "Айгүл",
            patronymic: "",
            company: None,
        }],
        NOW,
    )
    .unwrap();
    let key = stranger_ca.key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    let forged = sign(
        data,
        &key.certificate,
        &SigningKey::from_pkcs8_der(&key.private_key).unwrap(),
        NOW,
        Content::Detached,
    )
    .unwrap();
    let refused =
        verify(&forged, Some(data), &CA.trust().unwrap(), NOW, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::CertificateUntrusted);
    assert_eq!(refused.signer.unwrap().iin.as_deref(), Some(CITIZEN), "the claim is still shown");
    // Nothing is trusted without anchors.
    assert_eq!(
        verify(&good, Some(data), &TrustStore::default(), NOW, Purpose::Signing, None)
            .unwrap_err()
            .code,
        ErrorCode::CertificateUntrusted
    );
}

#[test]
fn a_flipped_byte_in_the_signature_breaks_it() {
    let data = b"bytes";
    let mut cms = signed_by(CITIZEN, Purpose::Signing, Standing::Valid, data);
    let last = cms.len() - 5;
    cms[last] ^= 0x01;
    let code = refusal(&cms, data);
    assert!(
        matches!(code, ErrorCode::SignatureInvalid | ErrorCode::SignatureMalformed),
        "{code:?}"
    );
}

#[test]
fn a_sign_in_key_signs_in_and_a_signing_key_does_not() {
    let challenge = b"qyzmet-sign-in:nonce";
    let auth = signed_by(CITIZEN, Purpose::Authentication, Standing::Valid, challenge);
    let verified =
        verify(&auth, Some(challenge), &CA.trust().unwrap(), NOW, Purpose::Authentication, None)
            .unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some(CITIZEN));
    let signing = signed_by(CITIZEN, Purpose::Signing, Standing::Valid, challenge);
    let refused =
        verify(&signing, Some(challenge), &CA.trust().unwrap(), NOW, Purpose::Authentication, None);
    assert_eq!(refused.unwrap_err().code, ErrorCode::CertificateWrongUsage);
}

/// Production trusts what `QYZMET_TRUST_DIR` holds: CA certificates in PEM or DER, CRLs.
#[test]
fn a_trust_directory_gives_the_same_trust_as_the_ca_itself() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().unwrap();
    let body = base64::engine::general_purpose::STANDARD.encode(&CA.root);
    std::fs::write(
        dir.path().join("root.pem"),
        format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("issuing.cer"), &CA.issuing).unwrap();
    std::fs::write(dir.path().join("nca.crl"), &CA.crl).unwrap();
    std::fs::write(dir.path().join("README.txt"), "not a certificate").unwrap();
    let mut trust = TrustStore::default();
    trust.add_directory(dir.path(), Revocation::Crl).unwrap();
    let data = b"filing";
    let valid = signed_by(CITIZEN, Purpose::Signing, Standing::Valid, data);
    assert!(verify(&valid, Some(data), &trust, NOW, Purpose::Signing, None).is_ok());
    let revoked = signed_by(CITIZEN, Purpose::Signing, Standing::Revoked, data);
    let refused = verify(&revoked, Some(data), &trust, NOW, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::CertificateRevoked);
    // A file that claims to be a certificate and is not stops the start, naming the file.
    std::fs::write(dir.path().join("broken.crt"), "garbage").unwrap();
    let error = TrustStore::default().add_directory(dir.path(), Revocation::Crl).unwrap_err();
    assert!(error.to_string().contains("broken.crt"), "{error}");
}

/// The test CA's GOST branch: every holder's GOST keys chain to its GOST root, the revoked one is
/// in the GOST CRL, a sign-in key signs in only, and the CA keeps the branch in its files.
#[test]
fn the_test_cas_gost_keys_sign_and_are_checked_like_the_national_cas() {
    let data = "Өтініш: ГОСТ 34.10-2015".as_bytes();
    let gost_signed = |iin: &str, purpose: Purpose, standing: Standing| {
        let key = CA.gost_key(iin, purpose, standing).unwrap();
        let signing_key = SigningKey::from_pkcs8_der(&key.private_key).unwrap();
        assert!(format!("{signing_key:?}").contains("Gost2015"));
        sign(data, &key.certificate, &signing_key, NOW - 60, Content::Detached).unwrap()
    };
    let cms = gost_signed(CITIZEN, Purpose::Signing, Standing::Valid);
    let verified =
        verify(&cms, Some(data), &CA.trust().unwrap(), NOW, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signer.iin.as_deref(), Some(CITIZEN));
    assert_eq!(verified.signer.algorithm, Some(SignatureAlgorithm::Gost2015));
    let head = gost_signed(COMPANY_HEAD, Purpose::Signing, Standing::Valid);
    let verified =
        verify(&head, Some(data), &CA.trust().unwrap(), NOW, Purpose::Signing, None).unwrap();
    assert_eq!(authority(&verified.signer, "150440002179"), Ok(()));
    let revoked = gost_signed(CITIZEN, Purpose::Signing, Standing::Revoked);
    assert_eq!(refusal(&revoked, data), ErrorCode::CertificateRevoked);
    let sign_in = gost_signed(CITIZEN, Purpose::Authentication, Standing::Valid);
    assert_eq!(refusal(&sign_in, data), ErrorCode::CertificateWrongUsage);
    // The GOST chain is the test CA's own: an ECDSA-only trust does not take it.
    let mut ecdsa_only = TrustStore::default();
    ecdsa_only.add_certificate(CA.root.clone()).unwrap();
    ecdsa_only.add_intermediate(CA.issuing.clone());
    ecdsa_only.add_crl(&CA.crl).unwrap();
    let refused = verify(&cms, Some(data), &ecdsa_only, NOW, Purpose::Signing, None).unwrap_err();
    assert_eq!(refused.code, ErrorCode::CertificateUntrusted);
    // Kept and read back, the branch is whole.
    let kept = TestCa::from_files(&CA.to_files()).unwrap();
    assert_eq!(kept.gost.as_ref().map(|g| &g.root), CA.gost.as_ref().map(|g| &g.root));
    assert_eq!(
        kept.gost_key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap().certificate,
        CA.gost_key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap().certificate
    );
    assert_eq!(kept.keys.len(), CA.keys.len());
}

/// `cms` with a timestamp token by `authority` at `at` in its first signer, whose imprint is the
/// SHA-256 of `imprinted` (the signature value, for a true token).
fn stamped(cms: &[u8], authority: &IssuedKey, at: i64, imprinted: Option<&[u8]>) -> Vec<u8> {
    use cms::content_info::ContentInfo;
    use cms::signed_data::{SignedData, SignerInfos};
    use der::asn1::{GeneralizedTime, Null, SetOfVec};
    use der::{Any, Tag};
    let info = ContentInfo::from_der(cms).unwrap();
    let mut signed = info.content.decode_as::<SignedData>().unwrap();
    let mut first = signed.signer_infos.0.as_slice()[0].clone();
    let imprint = Sha256::digest(imprinted.unwrap_or(first.signature.as_bytes()));
    let algorithm =
        Any::new(Tag::Sequence, [ID_SHA256.to_der().unwrap(), Null.to_der().unwrap()].concat())
            .unwrap();
    let time = GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(
        u64::try_from(at).unwrap(),
    ))
    .unwrap();
    let tst_info = Any::new(
        Tag::Sequence,
        [
            1u8.to_der().unwrap(),
            ObjectIdentifier::new_unwrap("1.2.398.3.3.2").to_der().unwrap(),
            Any::new(
                Tag::Sequence,
                [
                    algorithm.to_der().unwrap(),
                    OctetString::new(imprint.to_vec()).unwrap().to_der().unwrap(),
                ]
                .concat(),
            )
            .unwrap()
            .to_der()
            .unwrap(),
            7u8.to_der().unwrap(),
            time.to_der().unwrap(),
        ]
        .concat(),
    )
    .unwrap()
    .to_der()
    .unwrap();
    let key = SigningKey::from_pkcs8_der(&authority.private_key).unwrap();
    let token = qyzmet_shared::eds::sign_typed(
        timestamp::ID_TST_INFO,
        &tst_info,
        &authority.certificate,
        &key,
        at,
        Content::Attached,
    )
    .unwrap();
    let mut values = SetOfVec::new();
    values.insert(Any::from_der(&token).unwrap()).unwrap();
    let mut attributes = SetOfVec::new();
    attributes
        .insert(x509_cert::attr::Attribute { oid: timestamp::ID_TIMESTAMP_TOKEN, values })
        .unwrap();
    first.unsigned_attrs = Some(attributes);
    let mut signers = SetOfVec::new();
    signers.insert(first).unwrap();
    signed.signer_infos = SignerInfos(signers);
    let info = ContentInfo {
        content_type: info.content_type,
        content: Any::encode_from(&signed).unwrap(),
    };
    info.to_der().unwrap()
}

/// A signature with a timestamp token takes its signing time from the token, once the token is
/// the authority's, over this signature, and from a time-stamping key; otherwise it is refused.
#[test]
fn a_timestamp_token_over_the_signature_gives_the_signing_time() {
    let data = b"the result, signed by the head";
    let authority = CA.time_stamping_authority(NOW).unwrap();
    let cms = signed_by(CITIZEN, Purpose::Signing, Standing::Valid, data);
    let trust = CA.trust().unwrap();
    let stamp_time = NOW - 30;
    let good = stamped(&cms, &authority, stamp_time, None);
    let verified = verify(&good, Some(data), &trust, NOW, Purpose::Signing, None).unwrap();
    assert_eq!(verified.signed_at, Some(stamp_time), "the token's time, not the signer's");
    let other = stamped(&cms, &authority, stamp_time, Some(b"another signature"));
    assert_eq!(refusal(&other, data), ErrorCode::TimestampInvalid);
    // A person's signing key is no time-stamping authority.
    let person = CA.key(CITIZEN, Purpose::Signing, Standing::Valid).unwrap();
    let forged = stamped(&cms, person, stamp_time, None);
    assert_eq!(refusal(&forged, data), ErrorCode::TimestampInvalid);
    // Nor is an authority the portal does not trust.
    let stranger = TestCa::issue(&[], NOW).unwrap().time_stamping_authority(NOW).unwrap();
    let untrusted = stamped(&cms, &stranger, stamp_time, None);
    assert_eq!(refusal(&untrusted, data), ErrorCode::TimestampInvalid);
}
