//! OCSP (RFC 6960), as the national CA answers it: the request for one certificate (its `CertID`
//! over the issuer's name and key, SHA-256 as NCA's own clients hash them, and a nonce), and the
//! answer read and checked — a basic response signed by the issuing CA or by a responder it
//! certified for OCSP signing, about this very certificate, current, with our nonce when it
//! echoes one. `client` asks over HTTP and keeps answers for a while.

pub mod client;
#[cfg(test)]
mod tests;

use der::asn1::{GeneralizedTime, OctetString};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use rustls_pki_types::CertificateDer;
use sha2::{Digest, Sha256};
use webpki::EndEntityCert;
use x509_cert::Certificate;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, ExtendedKeyUsage};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    ResponderId, TbsRequest, Version,
};

use super::TrustStore;

const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const ID_PKIX_OCSP_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
/// id-ad-ocsp: the access method of a responder's address in Authority Information Access.
const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
const ID_PE_AUTHORITY_INFO_ACCESS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.1.1");
const ID_CE_EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");
/// id-kp-OCSPSigning: the extended key usage of a delegated responder.
static ID_KP_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");

/// How far the responder's clock may run ahead of ours.
const CLOCK_SKEW_SECONDS: i64 = 5 * 60;
/// An answer without a next update speaks for this long after it was made.
const FRESH_WITHOUT_NEXT_UPDATE: i64 = 60 * 60;

/// What the responder says of the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Good,
    /// Revoked at this Unix time.
    Revoked(i64),
    /// The responder does not know the certificate.
    Unknown,
}

/// A checked answer about one certificate, and until when it speaks (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub status: Status,
    pub this_update: i64,
    pub good_until: i64,
}

/// Why an answer could not be had or does not hold; each leaves the status unknown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcspError {
    #[error("the responder could not be reached: {0}")]
    Unreachable(String),
    #[error("the answer is not an OCSP response")]
    Malformed,
    #[error("the responder refused the request (status {0:?})")]
    Refused(OcspResponseStatus),
    #[error("the answer says nothing of this certificate")]
    NotAnswered,
    #[error("the answer is not signed by the issuing CA or a responder it certified")]
    Unauthorised,
    #[error("the answer's signature does not hold")]
    BadSignature,
    #[error("the answer is stale or from the future")]
    Stale,
    #[error("the answer echoes another nonce: a replay")]
    Nonce,
    #[error("the certificate's issuer is not among the trusted CAs")]
    NoIssuer,
}

/// The `CertID` of the certificate with `serial_number` issued by `issuer`, hashed with SHA-256
/// or SHA-1.
pub fn cert_id(
    serial_number: &SerialNumber,
    issuer: &Certificate,
    hash: ObjectIdentifier,
) -> Option<CertId> {
    let digest = |bytes: &[u8]| -> Option<Vec<u8>> {
        match hash {
            h if h == ID_SHA256 => Some(Sha256::digest(bytes).to_vec()),
            h if h == ID_SHA1 => Some(sha1::Sha1::digest(bytes).to_vec()),
            _ => None,
        }
    };
    let issuer_tbs = &issuer.tbs_certificate;
    let name = issuer_tbs.subject.to_der().ok()?;
    let key = issuer_tbs.subject_public_key_info.subject_public_key.raw_bytes();
    Some(CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid: hash,
            parameters: Some(der::asn1::Null.into()),
        },
        issuer_name_hash: OctetString::new(digest(&name)?).ok()?,
        issuer_key_hash: OctetString::new(digest(key)?).ok()?,
        serial_number: serial_number.clone(),
    })
}

/// The `CertID` the portal asks with (SHA-256).
pub fn our_cert_id(certificate: &Certificate, issuer: &Certificate) -> Option<CertId> {
    cert_id(&certificate.tbs_certificate.serial_number, issuer, ID_SHA256)
}

/// An OCSP request (DER) for one certificate, with a nonce.
pub fn request(id: &CertId, nonce: &[u8]) -> Option<Vec<u8>> {
    let nonce = x509_cert::ext::Extension {
        extn_id: ID_PKIX_OCSP_NONCE,
        critical: false,
        extn_value: OctetString::new(OctetString::new(nonce).ok()?.to_der().ok()?).ok()?,
    };
    OcspRequest {
        tbs_request: TbsRequest {
            version: Version::V1,
            requestor_name: None,
            request_list: vec![Request { req_cert: id.clone(), single_request_extensions: None }],
            request_extensions: Some(vec![nonce]),
        },
        optional_signature: None,
    }
    .to_der()
    .ok()
}

/// The responder's address the certificate gives (Authority Information Access, id-ad-ocsp).
pub fn responder_url(certificate: &Certificate) -> Option<String> {
    let extension = certificate
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == ID_PE_AUTHORITY_INFO_ACCESS)?;
    let access = AuthorityInfoAccessSyntax::from_der(extension.extn_value.as_bytes()).ok()?;
    access.0.into_iter().find_map(|description| match description.access_location {
        GeneralName::UniformResourceIdentifier(uri) if description.access_method == ID_AD_OCSP => {
            Some(uri.to_string())
        }
        _ => None,
    })
}

/// Reads a responder's answer (DER) about the certificate `id` names, issued by `issuer`, at
/// `now` (Unix seconds), `nonce` being the one the request carried.
pub fn read(
    response: &[u8],
    id: &CertId,
    issuer: &Certificate,
    trust: &TrustStore,
    now: i64,
    nonce: Option<&[u8]>,
) -> Result<Answer, OcspError> {
    let response = OcspResponse::from_der(response).map_err(|_| OcspError::Malformed)?;
    if response.response_status != OcspResponseStatus::Successful {
        return Err(OcspError::Refused(response.response_status));
    }
    let bytes = response.response_bytes.ok_or(OcspError::Malformed)?;
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(OcspError::Malformed);
    }
    let basic =
        BasicOcspResponse::from_der(bytes.response.as_bytes()).map_err(|_| OcspError::Malformed)?;
    let signer = responder(&basic, issuer, trust, now)?;
    let answered = basic.tbs_response_data.to_der().map_err(|_| OcspError::Malformed)?;
    let signature = basic.signature.as_bytes().ok_or(OcspError::Malformed)?;
    super::signature_check(&signer, &basic.signature_algorithm.oid, &answered, signature)
        .map_err(|_| OcspError::BadSignature)?;
    let data = &basic.tbs_response_data;
    if let (Some(sent), Some(echoed)) = (nonce, echoed_nonce(data))
        && echoed != sent
    {
        return Err(OcspError::Nonce);
    }
    let single = data
        .responses
        .iter()
        .find(|single| {
            cert_id(&id.serial_number, issuer, single.cert_id.hash_algorithm.oid)
                .is_some_and(|ours| ours == single.cert_id)
        })
        .ok_or(OcspError::NotAnswered)?;
    let this_update = unix(single.this_update.0);
    let good_until =
        single.next_update.map_or(this_update + FRESH_WITHOUT_NEXT_UPDATE, |next| unix(next.0));
    if this_update > now + CLOCK_SKEW_SECONDS || good_until < now {
        return Err(OcspError::Stale);
    }
    let status = match single.cert_status {
        CertStatus::Good(_) => Status::Good,
        CertStatus::Revoked(info) => Status::Revoked(unix(info.revocation_time.0)),
        CertStatus::Unknown(_) => Status::Unknown,
    };
    Ok(Answer { status, this_update, good_until })
}

/// Who signed the answer: the issuing CA itself, or a responder the CA certified for OCSP
/// signing (its certificate carried in the answer, chained to a trusted CA and in force now).
fn responder(
    basic: &BasicOcspResponse,
    issuer: &Certificate,
    trust: &TrustStore,
    now: i64,
) -> Result<Certificate, OcspError> {
    let named = |certificate: &Certificate| match &basic.tbs_response_data.responder_id {
        ResponderId::ByName(name) => *name == certificate.tbs_certificate.subject,
        ResponderId::ByKey(hash) => {
            let key =
                certificate.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes();
            hash.as_bytes() == sha1::Sha1::digest(key).as_slice()
        }
    };
    if named(issuer) {
        return Ok(issuer.clone());
    }
    let delegate = basic
        .certs
        .iter()
        .flatten()
        .find(|certificate| named(certificate))
        .ok_or(OcspError::Unauthorised)?;
    if delegate.tbs_certificate.issuer != issuer.tbs_certificate.subject || !signs_ocsp(delegate) {
        return Err(OcspError::Unauthorised);
    }
    let der = delegate.to_der().map_err(|_| OcspError::Malformed)?;
    let der = CertificateDer::from(der.as_slice());
    let end_entity = EndEntityCert::try_from(&der).map_err(|_| OcspError::Unauthorised)?;
    // A responder's own certificate is not checked for revocation (it carries id-pkix-ocsp-nocheck
    // at NCA, and is short-lived). Its extended usage is checked above: webpki would apply it to
    // the CAs above too, which carry none at NCA.
    let intermediates = trust.intermediates();
    super::chains(&end_entity, (trust, &intermediates), now, &ID_KP_OCSP_SIGNING, None)
        .map_err(|_| OcspError::Unauthorised)?;
    Ok(delegate.clone())
}

/// Whether the CA certified this key for signing OCSP answers (id-kp-OCSPSigning).
fn signs_ocsp(certificate: &Certificate) -> bool {
    certificate.tbs_certificate.extensions.iter().flatten().any(|extension| {
        extension.extn_id == ID_CE_EXT_KEY_USAGE
            && ExtendedKeyUsage::from_der(extension.extn_value.as_bytes())
                .is_ok_and(|usage| usage.0.contains(&ID_KP_OCSP_SIGNING))
    })
}

/// The nonce the answer echoes, if it does.
fn echoed_nonce(data: &x509_ocsp::ResponseData) -> Option<Vec<u8>> {
    let extension =
        data.response_extensions.iter().flatten().find(|e| e.extn_id == ID_PKIX_OCSP_NONCE)?;
    OctetString::from_der(extension.extn_value.as_bytes()).ok().map(OctetString::into_bytes)
}

fn unix(time: GeneralizedTime) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}
