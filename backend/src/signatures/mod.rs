//! Verification of electronic digital signatures, as the regulations require of every signed
//! request: the CMS structure, the signature over the exact bytes, the chain to a trusted
//! certification authority, the validity period, revocation by CRL, the key's usage, and (for a
//! request) that the IIN/BIN in the certificate is the applicant's. Each failure is its own error
//! code with a message in both languages.

mod gost_chain;
mod http;
pub mod ocsp;
mod subject;
pub mod test_ca;
pub mod timestamp;
mod trust;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{OctetString, UtcTime};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use qyzmet_shared::eds::gost;
use qyzmet_shared::eds::{
    ECDSA_WITH_SHA256, ID_MESSAGE_DIGEST, ID_SHA256, ID_SIGNED_DATA, ID_SIGNING_TIME,
    RSA_ENCRYPTION, SHA256_WITH_RSA,
};
use qyzmet_shared::signature::CompanyRole;
use qyzmet_shared::signature::{Purpose, SignatureAlgorithm, SignerCertificate};
use qyzmet_shared::{ErrorCode, IdNumber};
use rustls_pki_types::{CertificateDer, UnixTime};
use sha2::{Digest, Sha256};
use webpki::{
    EndEntityCert, ExpirationPolicy, KeyUsage, RevocationCheckDepth, RevocationOptionsBuilder,
    UnknownStatusPolicy,
};
use x509_cert::Certificate;
use x509_cert::ext::pkix::{KeyUsage as KeyUsageExtension, KeyUsages};

pub use ocsp::client::{Ocsp, Responder, verify_now};
pub use timestamp::client::{Tsa, TsaError};
pub use trust::{Trust, TrustError, TrustStore};

/// The extended key usages each purpose needs, as the chain check takes them.
static EKU_SIGNING: ObjectIdentifier =
    ObjectIdentifier::new_unwrap(Purpose::Signing.extended_key_usage());
static EKU_AUTHENTICATION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap(Purpose::Authentication.extended_key_usage());
static EKU_TIMESTAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");

/// What a signer's key must be for: a person's purpose, or a time-stamping authority's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Usage {
    Person(Purpose),
    Timestamping,
}

const ID_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");

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
    match IdNumber::parse(applicant) {
        Ok(IdNumber::Bin(_)) => signer.bin.as_deref() == Some(applicant),
        _ => signer.iin.as_deref() == Some(applicant),
    }
}

/// Whether the signer may sign for `applicant`: the person themselves; for a company, its first
/// head or an employee with the right to sign, as their certificate says (an ordinary employee's
/// key names the company too, but does not act for it).
pub fn authority(signer: &SignerCertificate, applicant: &str) -> Result<(), ErrorCode> {
    if !names(signer, applicant) {
        return Err(ErrorCode::SignerMismatch);
    }
    let for_company = matches!(IdNumber::parse(applicant), Ok(IdNumber::Bin(_)));
    if for_company && !signer.role.is_some_and(CompanyRole::acts_for_company) {
        return Err(ErrorCode::NoCompanyAuthority);
    }
    Ok(())
}

/// Verifies a CMS SignedData (DER) over `data`, or over the content it carries, at `now` (Unix
/// seconds): validity and revocation are judged when the portal receives it, not at the time the
/// signer claims.
///
/// A CMS may carry several signers (eGov Mobile's do) and certificates beyond the chain: each
/// signer is checked, and the verdict is that of the signer who is `holder` (an IIN or BIN) when
/// one is, else of the first signer that holds, else of the first signer.
pub fn verify(
    cms: &[u8],
    data: Option<&[u8]>,
    trust: &TrustStore,
    now: i64,
    purpose: Purpose,
    holder: Option<&str>,
) -> Result<Verified, Refusal> {
    verify_with(cms, data, trust, now, (purpose, holder), Revocation::Crl)
}

/// The certificates (DER) of a CMS's signers, as it names them, unverified: what tells a retry
/// of the same signer's filing from another.
pub fn signer_certificates(cms: &[u8]) -> Option<Vec<Vec<u8>>> {
    let signed = ContentInfo::from_der(cms).ok()?.content.decode_as::<SignedData>().ok()?;
    signed
        .signer_infos
        .0
        .iter()
        .map(|signer| signer_certificate(&signed, &signer.sid)?.to_der().ok())
        .collect()
}

/// How revocation is judged while the chain is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    /// By the CRLs alone: each certificate needs its issuer's CRL, in force now.
    Crl,
    /// By the CRLs the trust store has, as far as they go (a certificate one of them lists is
    /// refused, expired or not): an OCSP answer about the signer decides the rest.
    CrlWhereKnown,
}

/// `verify`, with revocation judged as `revocation` says.
pub fn verify_with(
    cms: &[u8],
    data: Option<&[u8]>,
    trust: &TrustStore,
    now: i64,
    (purpose, holder): (Purpose, Option<&str>),
    revocation: Revocation,
) -> Result<Verified, Refusal> {
    let signed = ContentInfo::from_der(cms)
        .ok()
        .filter(|info| info.content_type == ID_SIGNED_DATA)
        .and_then(|info| info.content.decode_as::<SignedData>().ok())
        .ok_or_else(Refusal::malformed)?;
    let content = signed_content(&signed, data)?;
    let verdicts: Vec<Result<Verified, Refusal>> = signed
        .signer_infos
        .0
        .iter()
        .map(|signer| {
            let usage = Usage::Person(purpose);
            verify_signer(&signed, signer, &content, (trust, revocation), now, usage)
        })
        .collect();
    let is_holder = |verdict: &&Result<Verified, Refusal>| {
        let certificate = match verdict {
            Ok(verified) => Some(&verified.signer),
            Err(refusal) => refusal.signer.as_deref(),
        };
        holder.zip(certificate).is_some_and(|(holder, certificate)| names(certificate, holder))
    };
    let chosen = verdicts
        .iter()
        .filter(is_holder)
        .find(|verdict| verdict.is_ok())
        .or_else(|| verdicts.iter().find(is_holder))
        .or_else(|| verdicts.iter().find(|verdict| verdict.is_ok()))
        .or_else(|| verdicts.first());
    chosen.cloned().unwrap_or_else(|| Err(Refusal::malformed()))
}

/// One signer: the digest of the content, the signature over the signed attributes, and the
/// certificate (usage, chain, validity, revocation).
fn verify_signer(
    signed: &SignedData,
    signer_info: &SignerInfo,
    content: &[u8],
    (trust, revocation_mode): (&TrustStore, Revocation),
    now: i64,
    usage: Usage,
) -> Result<Verified, Refusal> {
    let certificate =
        signer_certificate(signed, &signer_info.sid).ok_or_else(Refusal::malformed)?;
    let certificate_der = certificate.to_der().map_err(|_| Refusal::malformed())?;
    let mut holder = subject::read(&certificate);
    holder.algorithm = algorithm_of(&signer_info.signature_algorithm.oid);
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
    let expected = digest(&signer_info.digest_alg.oid, content)
        .ok_or_else(|| refuse(ErrorCode::AlgorithmUnsupported, signed_at))?;
    let digest = attributes
        .iter()
        .find(|a| a.oid == ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.get(0))
        .and_then(|v| v.decode_as::<OctetString>().ok());
    if digest.as_ref().map(OctetString::as_bytes) != Some(expected.as_slice()) {
        return Err(refuse(ErrorCode::SignatureInvalid, signed_at));
    }
    let signed_bytes = attributes.to_der().map_err(|_| Refusal::malformed())?;
    let certificate_ref = CertificateDer::from(certificate_der.as_slice());
    let end_entity = EndEntityCert::try_from(&certificate_ref)
        .map_err(|_| refuse(ErrorCode::CertificateUntrusted, signed_at))?;
    let signature = signer_info.signature.as_bytes();
    signature_check(&certificate, &signer_info.signature_algorithm.oid, &signed_bytes, signature)
        .map_err(|code| refuse(code, signed_at))?;

    // A timestamp token, when the signer has one, gives the signing time (an authority's own
    // tokens are not followed further).
    let token = timestamp::token(signer_info).filter(|_| usage != Usage::Timestamping);
    let signed_at = match token {
        Some(token) => Some(
            timestamped(&token, signature, (trust, revocation_mode), now)
                .ok_or_else(|| refuse(ErrorCode::TimestampInvalid, signed_at))?
                .time,
        ),
        None => signed_at,
    };

    // The certificate: for this purpose, chained to a trust anchor, in its period, not revoked.
    if !signs(&certificate, usage) {
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
    // Every certificate of the chain is looked up in the CRLs its issuer published, old or not: a
    // CA its root revoked takes its holders with it, and a certificate a list names stays revoked.
    // Whether the signer's own issuer vouches for today is asked below.
    let revocation = RevocationOptionsBuilder::new(&crls).ok().map(|builder| {
        builder
            .with_depth(RevocationCheckDepth::Chain)
            .with_expiration_policy(ExpirationPolicy::Ignore)
            .with_status_policy(UnknownStatusPolicy::Allow)
            .build()
    });
    let extended_usage = match usage {
        Usage::Person(Purpose::Signing) => &EKU_SIGNING,
        Usage::Person(Purpose::Authentication) => &EKU_AUTHENTICATION,
        Usage::Timestamping => &EKU_TIMESTAMPING,
    };
    chains(&end_entity, (trust, &intermediates), now, extended_usage, revocation)
        .map_err(|error| refuse(chain_refusal(&error), signed_at))?;
    // By CRLs alone, the signer's issuer must have a list in force now: one past its next update
    // (or none) tells nothing about today. With OCSP, its answer decides that instead.
    if revocation_mode == Revocation::Crl
        && !trust.has_current_crl(&certificate.tbs_certificate.issuer, now)
    {
        return Err(refuse(ErrorCode::RevocationUnknown, signed_at));
    }
    Ok(Verified { signer: holder, signed_at, data: content.to_vec(), certificate: certificate_der })
}

/// Whether `end_entity` chains, through `intermediates`, to an anchor of `trust` at `now` (Unix
/// seconds), for the extended key usage `usage` where it names any, with `revocation` checked.
fn chains(
    end_entity: &EndEntityCert<'_>,
    (trust, intermediates): (&TrustStore, &[CertificateDer<'_>]),
    now: i64,
    usage: &'static ObjectIdentifier,
    revocation: Option<webpki::RevocationOptions<'_>>,
) -> Result<(), webpki::Error> {
    let when = UnixTime::since_unix_epoch(std::time::Duration::from_secs(
        u64::try_from(now).unwrap_or_default(),
    ));
    end_entity
        .verify_for_usage(
            trust.algorithms(),
            trust.anchors(),
            intermediates,
            when,
            KeyUsage::required_if_present(usage.as_bytes()),
            revocation,
            None,
        )
        .map(drop)
}

/// Whether `signature` over `message` holds for `signer`'s key, with the algorithm `algorithm`
/// names (RSA or ECDSA with SHA-256, or a GOST algorithm of the national CA).
fn signature_check(
    signer: &Certificate,
    algorithm: &ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), ErrorCode> {
    let der = signer.to_der().map_err(|_| ErrorCode::SignatureMalformed)?;
    let der = CertificateDer::from(der.as_slice());
    let end_entity = EndEntityCert::try_from(&der).map_err(|_| ErrorCode::CertificateUntrusted)?;
    let webpki_algorithm: &dyn rustls_pki_types::SignatureVerificationAlgorithm = match *algorithm {
        oid if oid == ECDSA_WITH_SHA256 => webpki::ring::ECDSA_P256_SHA256,
        oid if oid == SHA256_WITH_RSA || oid == RSA_ENCRYPTION => {
            webpki::ring::RSA_PKCS1_2048_8192_SHA256
        }
        oid => {
            let gost = gost::Algorithm::from_oid(&oid).ok_or(ErrorCode::AlgorithmUnsupported)?;
            let key_info = &signer.tbs_certificate.subject_public_key_info;
            if key_info.algorithm.oid != gost.key_oid() {
                return Err(ErrorCode::SignatureInvalid);
            }
            let key = gost::key_from_bits(key_info.subject_public_key.raw_bytes())
                .ok_or(ErrorCode::SignatureInvalid)?;
            return gost.verify(key, message, signature).map_err(|_| ErrorCode::SignatureInvalid);
        }
    };
    end_entity
        .verify_signature(webpki_algorithm, message, signature)
        .map_err(|error| signature_refusal(&error))
}

/// The family of a signature algorithm the portal verifies.
fn algorithm_of(oid: &ObjectIdentifier) -> Option<SignatureAlgorithm> {
    match *oid {
        oid if oid == ECDSA_WITH_SHA256 => Some(SignatureAlgorithm::EcdsaP256Sha256),
        oid if oid == SHA256_WITH_RSA || oid == RSA_ENCRYPTION => {
            Some(SignatureAlgorithm::RsaSha256)
        }
        oid => gost::Algorithm::from_oid(&oid).map(|gost| match gost {
            gost::Algorithm::Gost2015 => SignatureAlgorithm::Gost2015,
            gost::Algorithm::Gost2004 => SignatureAlgorithm::Gost2004,
        }),
    }
}

/// The digest a signer's digest algorithm (or a timestamp's imprint) makes of the content, if the
/// portal knows it. SHA-1 only for imprints: the national CA's TSP service still writes them so.
fn digest(algorithm: &ObjectIdentifier, content: &[u8]) -> Option<Vec<u8>> {
    if *algorithm == ID_SHA256 {
        return Some(Sha256::digest(content).to_vec());
    }
    if *algorithm == ID_SHA1 {
        return Some(sha1::Sha1::digest(content).to_vec());
    }
    gost::Algorithm::ALL
        .into_iter()
        .find(|gost| gost.digest_oid() == *algorithm)
        .map(|gost| gost.digest(content))
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

/// The time a signature's timestamp token vouches for, if the token holds: the authority's
/// signature over its `TSTInfo`, its certificate for time-stamping, chained, in force and not
/// revoked now, and its imprint the hash of this very signature.
fn timestamped(
    token: &[u8],
    signature: &[u8],
    trust: (&TrustStore, Revocation),
    now: i64,
) -> Option<timestamp::TstInfo> {
    let signed = timestamp::signed_data(token)?;
    let content = signed_content(&signed, None).ok()?;
    let info = timestamp::TstInfo::from_der(&content).ok()?;
    let [authority] = signed.signer_infos.0.as_slice() else { return None };
    verify_signer(&signed, authority, &content, trust, now, Usage::Timestamping).ok()?;
    (digest(&info.imprint_algorithm, signature)? == info.imprint).then_some(info)
}

/// A key for the usage: a signing key's (or a time-stamping authority's) allows non-repudiation or
/// digital signatures, a sign-in key's digital signatures.
fn signs(certificate: &Certificate, usage: Usage) -> bool {
    let key_usage = certificate.tbs_certificate.extensions.iter().flatten().find_map(|ext| {
        (ext.extn_id == ID_KEY_USAGE)
            .then(|| KeyUsageExtension::from_der(ext.extn_value.as_bytes()).ok())
            .flatten()
    });
    key_usage.is_some_and(|key_usage| match usage {
        Usage::Person(Purpose::Signing) | Usage::Timestamping => {
            key_usage.0.contains(KeyUsages::DigitalSignature)
                || key_usage.0.contains(KeyUsages::NonRepudiation)
        }
        Usage::Person(Purpose::Authentication) => key_usage.0.contains(KeyUsages::DigitalSignature),
    })
}

fn chain_refusal(error: &webpki::Error) -> ErrorCode {
    match error {
        webpki::Error::CertExpired { .. } | webpki::Error::InvalidCertValidity => {
            ErrorCode::CertificateExpired
        }
        webpki::Error::CertNotValidYet { .. } => ErrorCode::CertificateNotYetValid,
        webpki::Error::CertRevoked => ErrorCode::CertificateRevoked,
        webpki::Error::CrlExpired { .. } | webpki::Error::UnknownRevocationStatus => {
            ErrorCode::RevocationUnknown
        }
        webpki::Error::RequiredEkuNotFoundContext(_) => ErrorCode::CertificateWrongUsage,
        webpki::Error::UnsupportedSignatureAlgorithmForPublicKeyContext(_)
        | webpki::Error::UnsupportedSignatureAlgorithmContext(_) => ErrorCode::AlgorithmUnsupported,
        _ => ErrorCode::CertificateUntrusted,
    }
}

/// A key the certificate holds but the portal cannot check is unsupported, not forged.
fn signature_refusal(error: &webpki::Error) -> ErrorCode {
    match error {
        webpki::Error::UnsupportedSignatureAlgorithmForPublicKeyContext(_)
        | webpki::Error::UnsupportedSignatureAlgorithmContext(_) => ErrorCode::AlgorithmUnsupported,
        _ => ErrorCode::SignatureInvalid,
    }
}

#[cfg(test)]
mod gost_crosscheck;
#[cfg(test)]
mod key_files;
#[cfg(test)]
mod nca;
#[cfg(test)]
mod tests;
