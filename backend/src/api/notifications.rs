//! The cabinet's notifications: every change of the person's requests, newest first.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use qyzmet_shared::ApiError;
use qyzmet_shared::notification::Notifications;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppResult;

#[utoipa::path(get, path = "/notifications", tag = "session", security(("session" = [])),
    responses((status = 200, body = Notifications, description = "The latest 20, newest first, and how many are unread"),
        (status = 401, body = ApiError, description = "not_signed_in")))]
pub async fn latest(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Notifications>> {
    let (unread, items) = state.store.notifications().latest(me.id).await?;
    Ok(Json(Notifications { unread, items }))
}

#[utoipa::path(post, path = "/notifications/seen", tag = "session", security(("session" = [])),
    responses((status = 204, description = "Everything listed now counts as seen"),
        (status = 401, body = ApiError, description = "not_signed_in")))]
pub async fn seen(State(state): State<AppState>, SignedIn(me): SignedIn) -> AppResult<StatusCode> {
    let notifications = state.store.notifications();
    let (_, items) = notifications.latest(me.id).await?;
    if let Some(newest) = items.first() {
        notifications.seen(me.id, newest.id).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
