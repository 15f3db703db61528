//! `/api/v1/mobile-sign`: the page's side of signing with eGov Mobile — start a session for what
//! is to be signed, watch it until the phone has signed, or give it up. The phone's side is
//! `egov_mobile`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use qyzmet_shared::api::API_PREFIX;
use qyzmet_shared::mobile_sign::{
    App, MobileSignFor, MobileSignState, MobileSignStatus, MobileSigning, QR_PREFIX,
};
use qyzmet_shared::power::NewPower;
use qyzmet_shared::signature::sign_in_bytes;
use qyzmet_shared::{ApiError, ErrorCode};

use super::limits::{self, Limit};
use super::{files, office, powers, requests};
use crate::AppState;
use crate::auth::{self, Client, SignedIn};
use crate::documents::Qr;
use crate::engine::own;
use crate::error::{AppError, AppResult};
use crate::store::{Account, NewMobileSign};

/// How long a QR code waits for the phone's signature.
pub const SESSION_SECONDS: i64 = 5 * 60;
/// Sessions started per address: a person signs a few things in ten minutes, a centre behind
/// one address a few dozen.
const STARTS: Limit = Limit { name: "mobile_sign", calls: 60, window_seconds: 10 * 60 };

/// Starts signing with eGov Mobile: the bytes are made here from the portal's own records, as the
/// page makes them for a key file, after the same checks as the step they sign (a draft that
/// cannot be filed yet is not offered for signing).
#[utoipa::path(post, path = "/mobile-sign", tag = "signatures", request_body = MobileSignFor,
    responses((status = 201, body = MobileSigning, description = "Show `qr` as a QR code (or open `link` on a phone) and watch `GET /mobile-sign/{id}`"),
        (status = 401, body = ApiError, description = "not_signed_in: every purpose but sign_in needs a session"),
        (status = 403, body = ApiError, description = "Not the caller's to sign (no_power_of_attorney, or not this role's step)"),
        (status = 404, body = ApiError, description = "No such request of the caller's"),
        (status = 409, body = ApiError, description = "not_allowed_now: the step cannot be taken in this status"),
        (status = 422, body = ApiError, description = "invalid_form, no_registry_data, or challenge_expired"),
        (status = 429, body = ApiError, description = "too_many_attempts: 60 sessions per address in 10 minutes")))]
pub async fn start(
    State(state): State<AppState>,
    Client(client): Client,
    me: Option<SignedIn>,
    Json(what): Json<MobileSignFor>,
) -> AppResult<(StatusCode, Json<MobileSigning>)> {
    limits::count(&state, STARTS, client).await?;
    let me = me.map(|SignedIn(me)| me);
    let now = state.store.now();
    let to_sign = to_sign(&state, me.as_ref(), &what, now).await?;
    let (id, watch_hash) = auth::new_token();
    let (link, link_hash) = auth::new_token();
    let expires_at = to_sign.expires_at;
    let new = NewMobileSign {
        watch_hash: &watch_hash,
        link_hash: &link_hash,
        purpose: what.purpose(),
        account_id: me.as_ref().map(|me| me.id),
        request_number: to_sign.request.as_deref(),
        signer: to_sign.signer.as_deref(),
        document: &to_sign.bytes,
        expires_at,
    };
    state.store.mobile_signs().start(&new).await?;
    let api1 = format!("{}{API_PREFIX}/mgovSign/{link}", files::origin(&state));
    let qr = format!("{QR_PREFIX}{api1}");
    let drawn = Qr::of(&qr).ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    let signing = MobileSigning {
        id,
        qr_image: drawn.svg_data_url(),
        qr,
        link: App::Mobile.same_device_link(&api1),
        business_link: App::Business.same_device_link(&api1),
        expires_at,
    };
    Ok((StatusCode::CREATED, Json(signing)))
}

/// What a phone is to sign, and who must sign it.
struct ToSign {
    bytes: Vec<u8>,
    /// The IIN or BIN the certificate must name; none for signing in.
    signer: Option<String>,
    request: Option<String>,
    expires_at: i64,
}

async fn to_sign(
    state: &AppState,
    me: Option<&Account>,
    what: &MobileSignFor,
    now: i64,
) -> AppResult<ToSign> {
    let until = now + SESSION_SECONDS;
    // Every purpose but signing in is the signed-in person's.
    let signed_in = || me.ok_or_else(|| AppError::from(ApiError::new(ErrorCode::NotSignedIn)));
    Ok(match what {
        MobileSignFor::SignIn { challenge } => {
            let challenges = state.store.challenges();
            let (nonce, expires_at) = challenges
                .pending(&auth::token_hash(challenge))
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::ChallengeExpired).on_field("challenge"))?;
            let bytes = sign_in_bytes(&nonce);
            ToSign { bytes, signer: None, request: None, expires_at: expires_at.min(until) }
        }
        MobileSignFor::Filing { request } => {
            let me = signed_in()?;
            let draft = own(state, me, request).await?;
            let ready = requests::ready_to_file(state, me, &draft).await?;
            let signer = Some(ready.holder);
            ToSign { bytes: ready.bytes, signer, request: Some(draft.number), expires_at: until }
        }
        MobileSignFor::Result { request } => {
            let me = signed_in()?;
            let (drafted, bytes) = office::result_to_sign(state, me, request).await?;
            let signer = Some(me.id_number.clone());
            ToSign { bytes, signer, request: Some(drafted.number), expires_at: until }
        }
        MobileSignFor::PowerOfAttorney { representative, services, valid_until } => {
            let me = signed_in()?;
            let new = NewPower {
                representative: representative.clone(),
                services: services.clone(),
                valid_until: valid_until.clone(),
                cms: String::new(),
            };
            let ready = powers::ready_to_grant(state, me, &new, now).await?;
            let signer = Some(me.id_number.clone());
            ToSign { bytes: ready.bytes, signer, request: None, expires_at: until }
        }
    })
}

/// Where a signing session is: the page asks every few seconds until it is final. The id is its
/// secret; a session started signed in is also only its starter's.
#[utoipa::path(get, path = "/mobile-sign/{id}", tag = "signatures",
    params(("id" = String, Path)),
    responses((status = 200, body = MobileSignStatus, description = "Waiting, scanned, signed (with `cms`), refused (with `error`), expired or cancelled"),
        (status = 404, body = ApiError, description = "No such session of the caller's")))]
pub async fn status(
    State(state): State<AppState>,
    me: Option<SignedIn>,
    Path(id): Path<String>,
) -> AppResult<Json<MobileSignStatus>> {
    let session = state
        .store
        .mobile_signs()
        .watched(&auth::token_hash(&id))
        .await?
        .filter(|session| session.is_watched_by(me.as_ref().map(|SignedIn(me)| me)))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let state_now = session.state(state.store.now());
    Ok(Json(MobileSignStatus {
        state: state_now,
        error: session.error,
        cms: session.cms.filter(|_| state_now == MobileSignState::Signed),
        expires_at: session.expires_at,
    }))
}

/// Gives a session up: a phone that scans it afterwards is told it is closed.
#[utoipa::path(delete, path = "/mobile-sign/{id}", tag = "signatures",
    params(("id" = String, Path)),
    responses((status = 204, description = "Cancelled"),
        (status = 404, body = ApiError, description = "No such session waiting for a phone")))]
pub async fn cancel(
    State(state): State<AppState>,
    me: Option<SignedIn>,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let signs = state.store.mobile_signs();
    let hash = auth::token_hash(&id);
    let session = signs.watched(&hash).await?;
    let theirs = session.is_some_and(|s| s.is_watched_by(me.as_ref().map(|SignedIn(me)| me)));
    if theirs && signs.cancel(&hash).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}
