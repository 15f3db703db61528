//! Powers of attorney: a person or a company grants one in the cabinet, signed with its digital
//! signature, and may revoke it; the representative then files in its name (see `requests`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::power::{Grant, NewPower, PowerView, Powers};
use qyzmet_shared::{ApiError, ErrorCode, Role};

use crate::AppState;
use crate::auth::SignedIn;
use crate::engine::verified;
use crate::error::AppResult;
use crate::registry;
use crate::store::{Account, VerifiedGrant};

#[utoipa::path(get, path = "/powers", tag = "powers", security(("session" = [])),
    responses((status = 200, body = Powers, description = "The powers the caller granted, and those granted to them"),
        (status = 403, body = ApiError, description = "Only applicants grant and hold powers of attorney")))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Powers>> {
    applicant(&me)?;
    let powers = state.store.powers();
    Ok(Json(Powers {
        granted: powers.granted_by(me.id).await?,
        received: powers.granted_to(&me.id_number).await?,
    }))
}

/// Grants a power of attorney, signed by the caller (for a company, by its employee's key
/// naming its BIN).
#[utoipa::path(post, path = "/powers", tag = "powers", security(("session" = [])), request_body = NewPower,
    responses((status = 201, body = PowerView, description = "Granted; in force from now"),
        (status = 403, body = ApiError, description = "Only applicants grant powers of attorney"),
        (status = 422, body = ApiError, description = "invalid_form with `fields` (representative, services, valid_until); no_registry_data on `representative`; a signature refused on `cms`")))]
pub async fn grant(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Json(new): Json<NewPower>,
) -> AppResult<(StatusCode, Json<PowerView>)> {
    let now = state.store.now();
    let ready = ready_to_grant(&state, &me, &new, now).await?;
    let signature = verified(&state, Some(&new.cms), &ready.bytes, &me.id_number, now).await?;
    let mut services = new.services.clone();
    services.sort_unstable();
    services.dedup();
    let stored = VerifiedGrant {
        representative: new.representative.trim(),
        representative_name: &ready.representative_name,
        services: &services,
        valid_until: ready.valid_until,
        signature: &signature,
    };
    let id = state.store.powers().grant(&me, &stored).await?;
    let power = state.store.powers().by_id(id).await?;
    Ok((StatusCode::CREATED, Json(power.ok_or_else(|| ApiError::new(ErrorCode::Internal))?)))
}

/// A power of attorney ready to be signed: the bytes its signature covers, its last day, and the
/// representative as the state registry names them.
pub(super) struct ReadyGrant {
    /// `Grant::signed_bytes`.
    pub bytes: Vec<u8>,
    pub valid_until: Date,
    pub representative_name: String,
}

/// Whether `me` may grant the power as asked: an applicant, the representative, services and
/// last day right, the representative known to the state registry.
pub(super) async fn ready_to_grant(
    state: &AppState,
    me: &Account,
    new: &NewPower,
    now: i64,
) -> AppResult<ReadyGrant> {
    applicant(me)?;
    let grant = Grant::from((me.id_number.as_str(), new));
    let mistakes = grant.mistakes(Date::in_kazakhstan(now));
    let Some(valid_until) = grant.until().filter(|_| mistakes.is_empty()) else {
        return Err(ApiError::invalid_form(mistakes).into());
    };
    let record = registry::record(state.registry.as_ref(), new.representative.trim()).await?;
    let Some(representative_name) = record.and_then(|record| record.person_name()) else {
        return Err(ApiError::new(ErrorCode::NoRegistryData).on_field("representative").into());
    };
    Ok(ReadyGrant { bytes: grant.signed_bytes(), valid_until, representative_name })
}

/// Revokes a power the caller granted. Requests already filed under it stay filed; the
/// representative can file no more.
#[utoipa::path(delete, path = "/powers/{id}", tag = "powers", security(("session" = [])),
    params(("id" = i64, Path)),
    responses((status = 204, description = "Revoked"),
        (status = 404, body = ApiError, description = "No such power of the caller's, or revoked already")))]
pub async fn revoke(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(id): Path<i64>,
) -> AppResult<StatusCode> {
    applicant(&me)?;
    if state.store.powers().revoke(&me, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}

fn applicant(me: &Account) -> AppResult<()> {
    if me.role == Role::Applicant {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden).into())
    }
}
