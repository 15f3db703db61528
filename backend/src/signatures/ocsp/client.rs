//! Asking the responder: one POST per certificate (RFC 6960 appendix A), answers kept until they
//! stop speaking (at most a few minutes), and the verification that uses them — the signer's
//! certificate judged by OCSP, by the CRLs when the responder gives no answer.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use der::{Decode, Encode};
use qyzmet_shared::ErrorCode;
use qyzmet_shared::signature::Purpose;
use x509_cert::Certificate;

use super::{Answer, OcspError, Status, our_cert_id, read, request, responder_url};
use crate::signatures::{Refusal, Revocation, TrustStore, Verified, http, verify_with};

/// How long a good answer is kept at most, whatever it says of its own next update.
const KEPT_SECONDS: i64 = 5 * 60;
/// Answers kept at most; the oldest half goes when full.
const KEPT_ANSWERS: usize = 10_000;

/// Where the responder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Responder {
    /// One address for every certificate (`QYZMET_OCSP_URL=http://ocsp.pki.gov.kz`).
    Fixed(String),
    /// The address each certificate names in its Authority Information Access
    /// (`QYZMET_OCSP_URL=aia`).
    FromCertificate,
}

impl Responder {
    /// The setting as written: `aia`, or an `http://` address.
    pub fn parse(setting: &str) -> Result<Responder, String> {
        match setting.trim() {
            "aia" => Ok(Responder::FromCertificate),
            url if url.starts_with("http://") => Ok(Responder::Fixed(url.to_owned())),
            other => Err(format!(
                "QYZMET_OCSP_URL is {other:?}: give the responder's http:// address (NCA's is \
                 http://ocsp.pki.gov.kz) or `aia` to use the address each certificate names"
            )),
        }
    }
}

/// The OCSP client of the portal: where to ask, and the answers kept.
#[derive(Debug)]
pub struct Ocsp {
    responder: Responder,
    http: reqwest::Client,
    /// Answers by the DER of their `CertID`.
    kept: Mutex<HashMap<Vec<u8>, Answer>>,
}

impl Ocsp {
    pub fn new(responder: Responder) -> Ocsp {
        Ocsp { responder, http: http::client(), kept: Mutex::new(HashMap::new()) }
    }

    /// What the responder says now of `certificate` (DER), issued by a CA of `trust`.
    pub async fn status(
        &self,
        certificate: &[u8],
        trust: &TrustStore,
        now: i64,
    ) -> Result<Answer, OcspError> {
        let certificate = Certificate::from_der(certificate).map_err(|_| OcspError::Malformed)?;
        let issuer = trust.issuer_of(&certificate).ok_or(OcspError::NoIssuer)?;
        let id = our_cert_id(&certificate, &issuer).ok_or(OcspError::Malformed)?;
        let key = id.to_der().map_err(|_| OcspError::Malformed)?;
        if let Some(answer) = self.kept(&key, now) {
            return Ok(answer);
        }
        let url = match &self.responder {
            Responder::Fixed(url) => url.clone(),
            Responder::FromCertificate => responder_url(&certificate).ok_or_else(|| {
                OcspError::Unreachable("the certificate names no OCSP responder".to_owned())
            })?,
        };
        let mut nonce = [0u8; 16];
        OsRng.fill_bytes(&mut nonce);
        let body = request(&id, &nonce).ok_or(OcspError::Malformed)?;
        let bytes = http::post(&self.http, &url, "application/ocsp-request", body)
            .await
            .map_err(OcspError::Unreachable)?;
        let answer = read(&bytes, &id, &issuer, trust, now, Some(&nonce))?;
        if answer.status != Status::Unknown {
            self.keep(key, answer, now);
        }
        Ok(answer)
    }

    fn kept(&self, key: &[u8], now: i64) -> Option<Answer> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get(key).copied().filter(|answer| answer.good_until > now)
    }

    fn keep(&self, key: Vec<u8>, mut answer: Answer, now: i64) {
        // A revocation stays; a good answer is asked again after a few minutes.
        if answer.status == Status::Good {
            answer.good_until = answer.good_until.min(now + KEPT_SECONDS);
        } else {
            answer.good_until = i64::MAX;
        }
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= KEPT_ANSWERS {
            kept.retain(|_, answer| answer.good_until > now && answer.status != Status::Good);
        }
        kept.insert(key, answer);
    }
}

/// Verifies a CMS as `signatures::verify` does, revocation included: with a responder, the
/// signer's certificate is judged by its answer (good, revoked, unknown) and by the CRLs only when
/// it gives none; without one, by the CRLs.
pub async fn verify_now(
    ocsp: Option<&Ocsp>,
    trust: &TrustStore,
    (cms, data): (&[u8], Option<&[u8]>),
    now: i64,
    (purpose, holder): (Purpose, Option<&str>),
) -> Result<Verified, Refusal> {
    let signer = (purpose, holder);
    let Some(ocsp) = ocsp else {
        return verify_with(cms, data, trust, now, signer, Revocation::Crl);
    };
    let verified = verify_with(cms, data, trust, now, signer, Revocation::CrlWhereKnown)?;
    let refuse = |code| Refusal {
        code,
        signer: Some(Box::new(verified.signer.clone())),
        signed_at: verified.signed_at,
    };
    match ocsp.status(&verified.certificate, trust, now).await {
        Ok(Answer { status: Status::Good, .. }) => Ok(verified),
        Ok(Answer { status: Status::Revoked(_), .. }) => Err(refuse(ErrorCode::CertificateRevoked)),
        Ok(Answer { status: Status::Unknown, .. }) => Err(refuse(ErrorCode::RevocationUnknown)),
        Err(error) => {
            tracing::warn!(%error, "no OCSP answer: the CRLs decide");
            verify_with(cms, data, trust, now, signer, Revocation::Crl)
        }
    }
}
