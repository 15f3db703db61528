//! The signatures a step carries: a base64 CMS over the step's exact bytes, verified now against
//! the trust store and revocation, by a signing certificate that names the one who must sign.

use qyzmet_shared::signature::Purpose;
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::error::AppResult;
use crate::signatures;
use crate::store::StoredSignature;

/// A signature (base64 CMS) of `bytes`, verified at `now`: a trusted, valid, unrevoked signing
/// certificate that names `holder` (an IIN, or a BIN for a company's employee).
pub async fn verified(
    state: &AppState,
    cms: Option<&str>,
    bytes: &[u8],
    holder: &str,
    now: i64,
) -> AppResult<StoredSignature> {
    Ok(verified_as(state, cms, bytes, holder, now).await?.0)
}

/// `verified`, with the signer's certificate (DER).
pub async fn verified_as(
    state: &AppState,
    cms: Option<&str>,
    bytes: &[u8],
    holder: &str,
    now: i64,
) -> AppResult<(StoredSignature, Vec<u8>)> {
    use base64::Engine as _;
    let cms = cms
        .and_then(|cms| base64::engine::general_purpose::STANDARD.decode(cms.trim()).ok())
        .ok_or_else(|| ApiError::new(ErrorCode::SignatureMalformed).on_field("cms"))?;
    let verified = signatures::verify_now(
        state.ocsp.as_deref(),
        &state.trust.current(),
        (&cms, Some(bytes)),
        now,
        (Purpose::Signing, Some(holder)),
    )
    .await
    .map_err(|refusal| ApiError::new(refusal.code).on_field("cms"))?;
    signatures::authority(&verified.signer, holder)
        .map_err(|code| ApiError::new(code).on_field("cms"))?;
    let signature = StoredSignature {
        cms,
        signed_sha256: crate::digest::sha256_hex(bytes),
        signer: verified.signer,
        signed_at: verified.signed_at,
    };
    Ok((signature, verified.certificate))
}
