//! The national CA's own OCSP answers (NCANode's test resources of September 2022), read at a
//! time inside their responder's validity: the `CertID` we compute is NCA's (hashes as OpenSSL
//! prints them), the delegated responder's GOST signature holds, and any change to the answer,
//! another nonce, or a later time refuses it.

use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::serial_number::SerialNumber;

use super::*;
use crate::signatures::TrustStore;
use crate::signatures::nca::nca;

/// 2022-09-02 17:00 UTC, minutes after NCA's responder answered.
const ANSWERED: i64 = 1_662_138_000;

fn certificate(path: &str) -> Certificate {
    Certificate::from_der(&nca(path)).unwrap()
}

/// NCA's test root of 2022 and its issuing CA: the responder's certificate chains to them.
fn trust_2022() -> TrustStore {
    let mut trust = TrustStore::default();
    trust.add_certificate(nca("ca/root_test_gost_2022.cer")).unwrap();
    trust.add_intermediate(nca("ca/nca_gost2022_test.cer"));
    trust
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02X}");
        hex
    })
}

fn serial(hex: &str) -> SerialNumber {
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    SerialNumber::new(&bytes).unwrap()
}

/// The first head's revoked key of 2022, as the answer names it (serial as OpenSSL prints it).
fn revoked_ceo() -> (CertId, Certificate) {
    let issuer = certificate("ca/nca_gost2022_test.cer");
    let id = cert_id(&serial("3A90343E720594C55204B19CB9A402422EF0E622"), &issuer, ID_SHA256);
    (id.unwrap(), issuer)
}

#[test]
fn our_cert_id_is_the_one_nca_answers_for() {
    let (id, _) = revoked_ceo();
    // `openssl ocsp -respin … -resp_text` on NCA's answer.
    assert_eq!(
        hex(id.issuer_name_hash.as_bytes()),
        "4D49C7D498DD61BA9D6E509EF5DCCB0A76C5724F0B2249E30BA0BADD4521C9EA"
    );
    assert_eq!(
        hex(id.issuer_key_hash.as_bytes()),
        "AFC31E0625B7A4D3F0D4F6CC6B9BBAB667C3B1A9B10F8F9B4683BA2768B2F518"
    );
}

#[test]
fn a_gost_2015_answer_of_revoked_reads_as_revoked() {
    let (id, issuer) = revoked_ceo();
    let answer = nca("ncanode/ocsp/ocsp_response_ceo_2015_revoked.bin");
    let read = read(&answer, &id, &issuer, &trust_2022(), ANSWERED, None).unwrap();
    // Revoked on 27 July 2022 10:25:30 UTC; answered 2 September 16:59:28.
    assert_eq!(read.status, Status::Revoked(1_658_917_530));
    assert_eq!(read.this_update, 1_662_137_968);
    // The nonce NCA's responder echoed (OpenSSL shows 0408157B28FD1AC7761E: an OCTET STRING).
    let echoed = [0x15, 0x7B, 0x28, 0xFD, 0x1A, 0xC7, 0x76, 0x1E];
    assert!(read_ok(&answer, &id, &issuer, Some(&echoed)));
    assert_eq!(
        super::read(&answer, &id, &issuer, &trust_2022(), ANSWERED, Some(&[0; 8])),
        Err(OcspError::Nonce)
    );
}

fn read_ok(answer: &[u8], id: &CertId, issuer: &Certificate, nonce: Option<&[u8]>) -> bool {
    read(answer, id, issuer, &trust_2022(), ANSWERED, nonce).is_ok()
}

#[test]
fn a_gost_2004_answer_verifies_under_the_2004_ca() {
    let issuer = certificate("ncanode/ca/nca_gost_test.crt");
    let mut trust = TrustStore::default();
    trust.add_certificate(nca("ncanode/ca/nca_gost_test.crt")).unwrap();
    let id = cert_id(&serial("12E3E7B9966D09EB9CDA64251457E815C2A8DDED"), &issuer, ID_SHA256);
    let answer = nca("ncanode/ocsp/ocsp_response_ceo_sign_2004_revoked.bin");
    let read = read(&answer, &id.unwrap(), &issuer, &trust, 1_662_137_900, None).unwrap();
    assert_eq!(read.status, Status::Revoked(1_642_487_455));
}

#[test]
fn an_answer_about_another_certificate_says_nothing_of_ours() {
    let (_, issuer) = revoked_ceo();
    let other = cert_id(&serial("0FF06211DC82BEB00253FFA000F1DE84ABEF454F"), &issuer, ID_SHA256);
    let answer = nca("ncanode/ocsp/ocsp_response_ceo_2015_revoked.bin");
    assert_eq!(
        read(&answer, &other.unwrap(), &issuer, &trust_2022(), ANSWERED, None),
        Err(OcspError::NotAnswered)
    );
}

#[test]
fn a_changed_answer_an_untrusted_responder_or_a_late_hour_is_refused() {
    let (id, issuer) = revoked_ceo();
    let answer = nca("ncanode/ocsp/ocsp_response_ceo_2015_revoked.bin");
    // One bit of the signed data changed (the revocation's reason, say, or the time).
    let mut response = OcspResponse::from_der(&answer).unwrap();
    let bytes = response.response_bytes.as_mut().unwrap();
    let mut basic = BasicOcspResponse::from_der(bytes.response.as_bytes()).unwrap();
    basic.tbs_response_data.produced_at.0 =
        GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(1_662_137_969)).unwrap();
    bytes.response = OctetString::new(basic.to_der().unwrap()).unwrap();
    let changed = response.to_der().unwrap();
    assert_eq!(
        read(&changed, &id, &issuer, &trust_2022(), ANSWERED, None),
        Err(OcspError::BadSignature)
    );
    // The responder's certificate does not chain to what the portal trusts.
    assert_eq!(
        read(&answer, &id, &issuer, &TrustStore::default(), ANSWERED, None),
        Err(OcspError::Unauthorised)
    );
    // No next update: the answer speaks for an hour, not a day later.
    assert_eq!(
        read(&answer, &id, &issuer, &trust_2022(), ANSWERED + 24 * 3600, None),
        Err(OcspError::Stale)
    );
    assert!(read(b"not an answer", &id, &issuer, &trust_2022(), ANSWERED, None).is_err());
}

#[test]
fn a_request_is_the_der_rfc_6960_describes() {
    let (id, _) = revoked_ceo();
    let request = request(&id, &[7; 16]).unwrap();
    let parsed = OcspRequest::from_der(&request).unwrap();
    assert_eq!(parsed.tbs_request.request_list[0].req_cert, id);
    let nonce = &parsed.tbs_request.request_extensions.unwrap()[0];
    assert_eq!(nonce.extn_id, ID_PKIX_OCSP_NONCE);
    // extnValue holds the nonce as an OCTET STRING, as OpenSSL and NCA write it.
    assert_eq!(nonce.extn_value.as_bytes(), [&[0x04, 16][..], &[7; 16]].concat());
}
