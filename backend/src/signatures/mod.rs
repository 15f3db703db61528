//! Verification of electronic digital signatures, as the regulations require of every signed
//! request: the CMS structure, the signature over the exact bytes, the chain to a trusted
//! certification authority, the validity period, revocation by CRL, the key's usage, and (for a
//! request) that the IIN/BIN in the certificate is the applicant's. Each failure is its own error
//! code with a message in both languages.

mod subject;
pub mod test_ca;
mod trust;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{OctetString, UtcTime};
use der::{Decode, Encode};
use qyzmet_shared::ErrorCode;
use qyzmet_shared::eds::{
    ECDSA_WITH_SHA256, ID_MESSAGE_DIGEST, ID_SHA256, ID_SIGNED_DATA, ID_SIGNING_TIME,
    RSA_ENCRYPTION, SHA256_WITH_RSA,
};
use qyzmet_shared::signature::{Purpose, SignerCertificate};
use rustls_pki_types::{CertificateDer, UnixTime};
use sha2::{Digest, Sha256};
use webpki::{EndEntityCert, KeyUsage, RevocationCheckDepth, RevocationOptionsBuilder};
use x509_cert::Certificate;
use x509_cert::ext::pkix::{KeyUsage as KeyUsageExtension, KeyUsages};

pub use trust::{TrustError, TrustStore};

/// The extended key usages each purpose needs, as the chain check takes them.
static EKU_SIGNING: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap(Purpose::Signing.extended_key_usage());
static EKU_AUTHENTICATION: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap(Purpose::Authentication.extended_key_usage());

const ID_KEY_USAGE: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("2.5.29.15");

/// A signature that holds, with who made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub signer: SignerCertificate,
    pub signed_at: Option<i64>,
    /// The signed bytes (carried by the CMS, or given beside it).
    pub data: Vec<u8>,
    pub certificate: Vec<u8>,
}

/// Why a signature does not hold: the error code, and what could be read of the signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: ErrorCode,
    pub signer: Option<Box<SignerCertificate>>,
    pub signed_at: Option<i64>,
}

impl Refusal {
    fn malformed() -> Refusal {
        Refusal { code: ErrorCode::SignatureMalformed, signer: None, signed_at: None }
    }
}

/// Whether a certificate names the applicant: the person by IIN, or a company by the BIN its
/// employee's certificate carries.
pub fn names(signer: &SignerCertificate, applicant: &str) -> bool {
    match qyzmet_shared::IdNumber::parse(applicant) {
        Ok(qyzmet_shared::IdNumber::Bin(_)) => signer.bin.as_deref() == Some(applicant),
        _ => signer.iin.as_deref() == Some(applicant),
    }
}

/// Verifies a CMS SignedData (DER) with one signer over `data`, or over the content it carries,
/// at `now` (Unix seconds): validity and revocation are judged when the portal receives it, not
/// at the time the signer claims.
pub fn verify(
    cms: &[u8],
    data: Option<&[u8]>,
    trust: &TrustStore,
    now: i64,
    purpose: Purpose,
) -> Result<Verified, Refusal> {
    let signed = ContentInfo::from_der(cms)
        .ok()
        .filter(|info| info.content_type == ID_SIGNED_DATA)
        .and_then(|info| info.content.decode_as::<SignedData>().ok())
        .ok_or_else(Refusal::malformed)?;
    let content = signed_content(&signed, data)?;
    let [signer_info] = signed.signer_infos.0.as_slice() else {
        return Err(Refusal::malformed());
    };
    let certificate =
        signer_certificate(&signed, &signer_info.sid).ok_or_else(Refusal::malformed)?;
    let certificate_der = certificate.to_der().map_err(|_| Refusal::malformed())?;
    let holder = subject::read(&certificate);
    let refuse =
        |code, signed_at| Refusal { code, signer: Some(Box::new(holder.clone())), signed_at };

    // The signed attributes bind the digest of the content; the signature covers them.
    let attributes = signer_info.signed_attrs.as_ref().ok_or_else(Refusal::malformed)?;
    let signed_at = attributes
        .iter()
        .find(|a| a.oid == ID_SIGNING_TIME)
        .and_then(|a| a.values.get(0))
        .and_then(|v| v.decode_as::<UtcTime>().ok())
        .and_then(|t| i64::try_from(t.to_unix_duration().as_secs()).ok());
    if signer_info.digest_alg.oid != ID_SHA256 {
        return Err(refuse(ErrorCode::SignatureInvalid, signed_at));
    }
    let digest = attributes
        .iter()
        .find(|a| a.oid == ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.get(0))
        .and_then(|v| v.decode_as::<OctetString>().ok());
    if digest.as_ref().map(OctetString::as_bytes) != Some(Sha256::digest(&content).as_slice()) {
        return Err(refuse(ErrorCode::SignatureInvalid, signed_at));
    }
    let signed_bytes = attributes.to_der().map_err(|_| Refusal::malformed())?;
    let certificate_ref = CertificateDer::from(certificate_der.as_slice());
    let end_entity = EndEntityCert::try_from(&certificate_ref)
        .map_err(|_| refuse(ErrorCode::CertificateUntrusted, signed_at))?;
    let algorithm: &dyn rustls_pki_types::SignatureVerificationAlgorithm =
        match signer_info.signature_algorithm.oid {
            oid if oid == ECDSA_WITH_SHA256 => webpki::ring::ECDSA_P256_SHA256,
            oid if oid == SHA256_WITH_RSA || oid == RSA_ENCRYPTION => {
                webpki::ring::RSA_PKCS1_2048_8192_SHA256
            }
            _ => return Err(refuse(ErrorCode::SignatureInvalid, signed_at)),
        };
    end_entity
        .verify_signature(algorithm, &signed_bytes, signer_info.signature.as_bytes())
        .map_err(|_| refuse(ErrorCode::SignatureInvalid, signed_at))?;

    // The certificate: for this purpose, chained to a trust anchor, in its period, not revoked.
    if !signs(&certificate, purpose) {
        return Err(refuse(ErrorCode::CertificateWrongUsage, signed_at));
    }
    let carried: Vec<CertificateDer<'_>> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            cms::cert::CertificateChoices::Certificate(c) => c.to_der().ok(),
            cms::cert::CertificateChoices::Other(_) => None,
        })
        .map(CertificateDer::from)
        .collect();
    let intermediates: Vec<CertificateDer<'_>> =
        carried.into_iter().chain(trust.intermediates()).collect();
    let crls: Vec<_> = trust.crls().iter().collect();
    let revocation = RevocationOptionsBuilder::new(&crls)
        .map(|builder| builder.with_depth(RevocationCheckDepth::EndEntity).build())
        .ok();
    let usage = match purpose {
        Purpose::Signing => &EKU_SIGNING,
        Purpose::Authentication => &EKU_AUTHENTICATION,
    };
    let when = UnixTime::since_unix_epoch(std::time::Duration::from_secs(
        u64::try_from(now).unwrap_or_default(),
    ));
    end_entity
        .verify_for_usage(
            trust.algorithms(),
            trust.anchors(),
            &intermediates,
            when,
            KeyUsage::required_if_present(usage.as_bytes()),
            revocation,
            None,
        )
        .map_err(|error| refuse(chain_refusal(&error), signed_at))?;
    Ok(Verified { signer: holder, signed_at, data: content, certificate: certificate_der })
}

/// The bytes that were signed: those the CMS carries, or those given beside it (both, and they
/// must agree).
fn signed_content(signed: &SignedData, data: Option<&[u8]>) -> Result<Vec<u8>, Refusal> {
    let carried = match &signed.encap_content_info.econtent {
        Some(any) => Some(any.decode_as::<OctetString>().map_err(|_| Refusal::malformed())?),
        None => None,
    };
    match (carried, data) {
        (Some(carried), Some(given)) if carried.as_bytes() != given => {
            Err(Refusal { code: ErrorCode::SignatureInvalid, signer: None, signed_at: None })
        }
        (Some(carried), _) => Ok(carried.into_bytes()),
        (None, Some(given)) => Ok(given.to_vec()),
        (None, None) => Err(Refusal::malformed()),
    }
}

fn signer_certificate(signed: &SignedData, sid: &SignerIdentifier) -> Option<Certificate> {
    signed.certificates.iter().flat_map(|set| set.0.iter()).find_map(|choice| {
        let cms::cert::CertificateChoices::Certificate(certificate) = choice else {
            return None;
        };
        let tbs = &certificate.tbs_certificate;
        let matches = match sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(id) => {
                subject::key_identifier(certificate).is_some_and(|ski| ski == id.0.as_bytes())
            }
        };
        matches.then(|| certificate.clone())
    })
}

/// A key for the purpose: a signing key's usage allows non-repudiation or digital signatures, a
/// sign-in key's digital signatures.
fn signs(certificate: &Certificate, purpose: Purpose) -> bool {
    let usage = certificate.tbs_certificate.extensions.iter().flatten().find_map(|ext| {
        (ext.extn_id == ID_KEY_USAGE)
            .then(|| KeyUsageExtension::from_der(ext.extn_value.as_bytes()).ok())
            .flatten()
    });
    usage.is_some_and(|usage| match purpose {
        Purpose::Signing => {
            usage.0.contains(KeyUsages::DigitalSignature)
                || usage.0.contains(KeyUsages::NonRepudiation)
        }
        Purpose::Authentication => usage.0.contains(KeyUsages::DigitalSignature),
    })
}

fn chain_refusal(error: &webpki::Error) -> ErrorCode {
    match error {
        webpki::Error::CertExpired { .. }
        | webpki::Error::CertNotValidYet { .. }
        | webpki::Error::InvalidCertValidity => ErrorCode::CertificateExpired,
        webpki::Error::CertRevoked => ErrorCode::CertificateRevoked,
        webpki::Error::RequiredEkuNotFoundContext(_) => ErrorCode::CertificateWrongUsage,
        _ => ErrorCode::CertificateUntrusted,
    }
}

#[cfg(test)]
mod key_files;
#[cfg(test)]
mod tests;
