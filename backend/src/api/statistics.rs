//! `GET /statistics`: the open figures of how each provider renders each service, for anyone.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use qyzmet_shared::statistics::Statistics;
use qyzmet_shared::{ApiError, ErrorCode};
use tokio::sync::Mutex;

use crate::AppState;
use crate::error::AppResult;

/// How long counted figures are sent before they are counted again, in seconds: the count reads
/// a year of requests, and anyone may ask for it, so no caller can make the server count on each
/// call; browsers and proxies may keep the answer as long.
pub const COUNTED_FOR: i64 = 300;

/// The figures last counted, as JSON, with when they were counted; shared by every call, and
/// locked while they are counted so that concurrent callers wait for one count.
#[derive(Debug, Clone, Default)]
pub struct CountedFigures(Arc<Mutex<Option<(i64, Bytes)>>>);

#[utoipa::path(get, path = "/statistics", tag = "statistics",
    responses((status = 200, body = Statistics,
        description = "For each service at each provider: requests filed and finished in the last 30 and 365 days, \
            the share finished in term, the median time to the result, refusals, and the survey's answers. \
            No personal data; counted at most every five minutes")))]
pub async fn statistics(State(state): State<AppState>) -> AppResult<Response> {
    let now = state.store.now();
    let mut counted = state.counted_figures.0.lock().await;
    let json = match &*counted {
        Some((at, json)) if now - at < COUNTED_FOR => json.clone(),
        _ => {
            let figures = state.store.open_figures().count(now).await?;
            let json = Bytes::from(
                serde_json::to_vec(&figures).map_err(|_| ApiError::new(ErrorCode::Internal))?,
            );
            *counted = Some((now, json.clone()));
            json
        }
    };
    drop(counted);
    let headers = [
        (header::CONTENT_TYPE, "application/json".to_owned()),
        (header::CACHE_CONTROL, format!("public, max-age={COUNTED_FOR}")),
    ];
    Ok((headers, json).into_response())
}
