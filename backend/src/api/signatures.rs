//! `POST /api/v1/signatures/verify`: the portal's signature verifier, offered to integrators.

use axum::Json;
use axum::extract::State;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qyzmet_shared::signature::{Purpose, Verdict, VerifyRequest};
use qyzmet_shared::{ApiError, ErrorCode};

use super::limits;
use crate::AppState;
use crate::auth::Client;
use crate::error::AppResult;
use crate::signatures;

/// Checks a CMS signature as a signed request is checked (structure, signature over the data,
/// chain to a trusted CA, validity now, revocation, signing usage) and says who signed.
#[utoipa::path(post, path = "/signatures/verify", tag = "signatures", request_body = VerifyRequest,
    responses((status = 200, body = Verdict, description = "Valid, or why not; the signer whenever the certificate could be read"),
        (status = 422, body = ApiError, description = "bad_request on `cms` or `data`: not base64"),
        (status = 429, body = ApiError, description = "too_many_attempts: 60 verifications per address in 10 minutes")))]
pub async fn verify(
    State(state): State<AppState>,
    Client(client): Client,
    Json(request): Json<VerifyRequest>,
) -> AppResult<Json<Verdict>> {
    limits::count(&state, limits::VERIFICATIONS, client).await?;
    let decode = |text: &str, field: &str| {
        STANDARD
            .decode(text.trim())
            .map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field(field))
    };
    let cms = decode(&request.cms, "cms")?;
    let data = request.data.as_deref().map(|d| decode(d, "data")).transpose()?;
    let verdict = match signatures::verify_now(
        state.ocsp.as_deref(),
        &state.trust.current(),
        (&cms, data.as_deref()),
        state.store.now(),
        (Purpose::Signing, None),
    )
    .await
    {
        Ok(verified) => Verdict {
            valid: true,
            code: None,
            message: None,
            signer: Some(verified.signer),
            signed_at: verified.signed_at,
        },
        Err(refusal) => Verdict {
            valid: false,
            code: Some(refusal.code),
            message: Some(refusal.code.message()),
            signer: refusal.signer.map(|signer| *signer),
            signed_at: refusal.signed_at,
        },
    };
    Ok(Json(verdict))
}
