//! What the declarations answer about a service before anyone files: the term calculator.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use qyzmet_shared::api::DueDate;
use qyzmet_shared::calendar::{Date, Intake, KAZAKHSTAN_OFFSET_SECONDS};
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::{ApiError, ErrorCode};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::error::AppResult;
use crate::store::now_unix;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// `portal`, `csc` or `provider`: how the request is taken in.
    intake: Option<String>,
    /// The moment of filing, RFC 3339; now when absent.
    at: Option<String>,
}

/// The term calculator: when a request filed at `at` through `intake` must have its result, by
/// the service's regulation and the calendar (the service page's "filed now, due by …" and the
/// centre's receipt print the same date).
#[utoipa::path(get, path = "/services/{code}/deadline", tag = "catalog",
    params(("code" = String, Path, description = "The service's code"), DeadlineQuery),
    responses((status = 200, body = DueDate),
        (status = 422, body = ApiError, description = "An unknown service, an intake the service does not take, or a time that is not RFC 3339")))]
pub async fn deadline(
    State(state): State<AppState>,
    Path(code): Path<String>,
    query: Result<Query<DeadlineQuery>, QueryRejection>,
) -> AppResult<Json<DueDate>> {
    let bad = |field: &str| ApiError::new(ErrorCode::BadRequest).on_field(field);
    let service = ServiceCode::from_code(&code).ok_or_else(|| bad("service"))?;
    let Query(query) = query.map_err(|_| bad("intake"))?;
    let intake = query
        .intake
        .as_deref()
        .and_then(Intake::from_code)
        .filter(|intake| service.def().accepts(*intake))
        .ok_or_else(|| bad("intake"))?;
    let at = match query.at.as_deref() {
        None => now_unix(),
        Some(at) => OffsetDateTime::parse(at, &Rfc3339).map_err(|_| bad("at"))?.unix_timestamp(),
    };
    let calendar = state.store.calendar().calendar().await?;
    let deadline = service.def().deadline(&calendar, at, intake);
    Ok(Json(DueDate { deadline: in_kazakhstan(deadline)?, date: Date::in_kazakhstan(deadline) }))
}

/// An instant as RFC 3339 on Kazakhstan's clock.
fn in_kazakhstan(unix: i64) -> Result<String, ApiError> {
    let internal = || ApiError::new(ErrorCode::Internal);
    let seconds = i32::try_from(KAZAKHSTAN_OFFSET_SECONDS).map_err(|_| internal())?;
    let offset = time::UtcOffset::from_whole_seconds(seconds).map_err(|_| internal())?;
    OffsetDateTime::from_unix_timestamp(unix)
        .map_err(|_| internal())?
        .to_offset(offset)
        .format(&Rfc3339)
        .map_err(|_| internal())
}
