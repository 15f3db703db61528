//! The lists of requests: the history and the staff queues, a page at a time.

use axum::Json;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::request::{Page, RequestSummary};
use qyzmet_shared::workflow::Status;
use serde::Deserialize;

use super::limits;
use crate::AppState;
use crate::engine;
use crate::error::AppResult;
use crate::store::Filter;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only requests in this status.
    pub(super) status: Option<Status>,
    /// Only requests for this service (a queue).
    pub(super) service: Option<ServiceCode>,
    /// Part of the request's number (the history).
    pub(super) number: Option<String>,
    /// Counted from 1.
    pub(super) page: Option<i64>,
}

/// The page `page` of the requests `filter` selects.
pub(super) async fn page_of(
    state: &AppState,
    filter: &Filter<'_>,
    page: Option<i64>,
) -> AppResult<Json<Page<RequestSummary>>> {
    let (page, offset) = limits::page(page)?;
    let (requests, total) = state.store.requests().list(filter, limits::PER_PAGE, offset).await?;
    let now = state.store.now();
    let items = requests.into_iter().map(|r| engine::summary(r, now)).collect();
    Ok(Json(Page { items, total, page, per_page: limits::PER_PAGE }))
}
