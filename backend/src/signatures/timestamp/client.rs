//! Asking a time-stamping authority (RFC 3161 over HTTP, as NCA's TSP service answers) for a token
//! over a signature, checking it as any token is checked, and putting it into the CMS: the head's
//! result then carries a time no one at the provider could set.

use argon2::password_hash::rand_core::{OsRng, RngCore};

use super::{request, signature_of, stamped, token_of_reply};
use crate::signatures::{Revocation, TrustStore, http, timestamped};

/// Why a signature could not be stamped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TsaError {
    #[error("the time-stamping authority could not be reached: {0}")]
    Unreachable(String),
    #[error("the time-stamping authority granted no token")]
    Refused,
    #[error(
        "the token does not hold: not a trusted authority's, not over this signature, or another nonce"
    )]
    Invalid,
    #[error("the CMS has no signer with this certificate")]
    NoSigner,
}

/// The portal's time-stamping authority.
#[derive(Debug)]
pub struct Tsa {
    url: String,
    http: reqwest::Client,
}

impl Tsa {
    /// The authority at `url` (`http://tsp.pki.gov.kz`).
    pub fn new(url: String) -> Tsa {
        Tsa { url, http: http::client() }
    }

    /// `cms` with a token over the signature of the signer whose certificate is `certificate`
    /// (DER), and the token's time (Unix seconds). The token is checked with `trust` at `now`
    /// before it is put in.
    pub async fn stamp(
        &self,
        cms: &[u8],
        certificate: &[u8],
        trust: (&TrustStore, Revocation),
        now: i64,
    ) -> Result<(Vec<u8>, i64), TsaError> {
        let signature = signature_of(cms, certificate).ok_or(TsaError::NoSigner)?;
        let mut nonce = [0u8; 16];
        OsRng.fill_bytes(&mut nonce);
        // No leading zero: the nonce reads back as the INTEGER's bytes.
        nonce[0] |= 0x40;
        let query = request(&signature, &nonce).ok_or(TsaError::NoSigner)?;
        let reply = http::post(&self.http, &self.url, "application/timestamp-query", query)
            .await
            .map_err(TsaError::Unreachable)?;
        let token = token_of_reply(&reply).ok_or(TsaError::Refused)?;
        let info = timestamped(&token, &signature, trust, now).ok_or(TsaError::Invalid)?;
        if info.nonce.as_deref() != Some(&nonce[..]) {
            return Err(TsaError::Invalid);
        }
        let cms = stamped(cms, certificate, &token).ok_or(TsaError::NoSigner)?;
        Ok((cms, info.time))
    }
}
