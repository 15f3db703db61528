//! What the declarations answer about a service before anyone files: the term calculator and
//! the steps' limits, which an administrator may change without code (the declaration stays the
//! default, the database holds the current value, the audit log who changed it).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use qyzmet_shared::Role;
use qyzmet_shared::api::{DueDate, StepLimit};
use qyzmet_shared::calendar::{Date, Intake, KAZAKHSTAN_OFFSET_SECONDS};
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::regulations::Deadline;
use qyzmet_shared::workflow::{Limit, Status};
use qyzmet_shared::{ApiError, ErrorCode};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppResult;

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
    let service = service_of(&code)?;
    let Query(query) = query.map_err(|_| bad("intake"))?;
    let intake = query
        .intake
        .as_deref()
        .and_then(Intake::from_code)
        .filter(|intake| service.def().accepts(*intake))
        .ok_or_else(|| bad("intake"))?;
    let at = match query.at.as_deref() {
        None => state.store.now(),
        Some(at) => OffsetDateTime::parse(at, &Rfc3339).map_err(|_| bad("at"))?.unix_timestamp(),
    };
    let calendar = state.store.calendar().calendar().await?;
    let changed = state.store.step_limits().of(service).await?;
    let deadline = service.def().deadline(&calendar, at, intake, &changed);
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

/// Each step of the service's back office with its limit as declared and as it is now.
#[utoipa::path(get, path = "/services/{code}/steps", tag = "catalog",
    params(("code" = String, Path, description = "The service's code")),
    responses((status = 200, body = Vec<StepLimit>),
        (status = 422, body = ApiError, description = "An unknown service")))]
pub async fn steps(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<Vec<StepLimit>>> {
    let service = service_of(&code)?;
    Ok(Json(step_limits(&state, service).await?))
}

/// An administrator sets a step's limit (`{"unit": "working_minutes", "amount": 30}`,
/// `working_days`, or `within_term` where the regulation has a whole term); the audit log keeps
/// who changed it, from what to what.
#[utoipa::path(put, path = "/services/{code}/steps/{status}", tag = "catalog", security(("session" = [])),
    params(("code" = String, Path), ("status" = Status, Path)), request_body = Limit,
    responses((status = 200, body = Vec<StepLimit>, description = "The steps, the change made"),
        (status = 403, body = ApiError, description = "Administrators only"),
        (status = 404, body = ApiError, description = "The service has no such step"),
        (status = 422, body = ApiError, description = "A limit out of range (1–9600 working minutes, 1–365 working days), or within_term for a service with no whole term")))]
pub async fn set_step(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((code, status)): Path<(String, String)>,
    limit: Result<Json<Limit>, JsonRejection>,
) -> AppResult<Json<Vec<StepLimit>>> {
    let (service, status, declared) = administered_step(&me, &code, &status)?;
    let Json(limit) = limit.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("unit"))?;
    let fits = match limit {
        Limit::WorkingMinutes(minutes) => (1..=9600).contains(&minutes),
        Limit::WorkingDays(days) => (1..=365).contains(&days),
        Limit::WithinTerm => service.def().deadline == Deadline::Term,
    };
    if !fits {
        let field = if limit == Limit::WithinTerm { "unit" } else { "amount" };
        return Err(ApiError::new(ErrorCode::BadRequest).on_field(field).into());
    }
    state.store.step_limits().set(service, status, Some(limit), declared, &me.id_number).await?;
    Ok(Json(step_limits(&state, service).await?))
}

/// An administrator returns a step to the limit its regulation declares.
#[utoipa::path(delete, path = "/services/{code}/steps/{status}", tag = "catalog", security(("session" = [])),
    params(("code" = String, Path), ("status" = Status, Path)),
    responses((status = 200, body = Vec<StepLimit>, description = "The steps, this one as declared"),
        (status = 403, body = ApiError, description = "Administrators only"),
        (status = 404, body = ApiError, description = "The service has no such step")))]
pub async fn reset_step(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((code, status)): Path<(String, String)>,
) -> AppResult<Json<Vec<StepLimit>>> {
    let (service, status, declared) = administered_step(&me, &code, &status)?;
    state.store.step_limits().set(service, status, None, declared, &me.id_number).await?;
    Ok(Json(step_limits(&state, service).await?))
}

fn service_of(code: &str) -> Result<ServiceCode, ApiError> {
    ServiceCode::from_code(code)
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("service"))
}

/// The service, the step and its declared limit, for an administrator only.
fn administered_step(
    me: &crate::store::Account,
    code: &str,
    status: &str,
) -> Result<(ServiceCode, Status, Limit), ApiError> {
    if me.role != Role::Administrator {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let service = service_of(code)?;
    let step = Status::ALL
        .into_iter()
        .find(|s| s.as_str() == status)
        .and_then(|status| service.def().workflow.step(status))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    Ok((service, step.status, step.limit))
}

async fn step_limits(state: &AppState, service: ServiceCode) -> AppResult<Vec<StepLimit>> {
    let changed = state.store.step_limits().of(service).await?;
    let workflow = &service.def().workflow;
    Ok(workflow
        .steps
        .iter()
        .map(|step| StepLimit {
            status: step.status,
            role: step.role,
            declared: step.limit,
            current: workflow.limit(step.status, &changed).unwrap_or(step.limit),
        })
        .collect())
}
