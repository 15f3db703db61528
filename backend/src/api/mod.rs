//! The JSON API under `/api/v1`.

mod office;
mod requests;
mod session;

use axum::routing::{get, post, put};
use axum::{Json, Router};
use qyzmet_shared::Role;
use qyzmet_shared::api::{CalendarDay, CalendarEntry, Health};
use qyzmet_shared::calendar::Date;
use std::collections::BTreeMap;

use axum::response::IntoResponse;
use qyzmet_shared::catalog::{Catalog, ServiceCode};
use qyzmet_shared::form::{self, Kind};
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::store::Account;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/catalog", get(catalog))
        .route("/calendar/{year}", get(calendar_year))
        .route("/calendar/days/{date}", put(set_calendar_day).delete(remove_calendar_day))
        .route("/session", get(session::current).post(session::sign_in).delete(session::sign_out))
        .route("/requests", get(requests::history).post(requests::create))
        .route("/queue", get(office::queue))
        .route("/office/specialists", get(office::specialists))
        .route("/status", get(requests::public_status))
        .route("/requests/{number}", get(requests::show).delete(requests::delete))
        .route("/requests/{number}/form", put(requests::update_form))
        .route("/requests/{number}/submit", post(requests::submit))
        .route("/requests/{number}/actions", post(office::act))
        .fallback(not_found)
}

async fn health(state: axum::extract::State<AppState>) -> AppResult<Json<Health>> {
    let schema_version = state.store.schema_version().await.map_err(|err| {
        tracing::error!(error = %err, "health check: database does not answer");
        ApiError::new(ErrorCode::Unavailable)
    })?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        database: state.store.backend().name().to_owned(),
        schema_version,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}

/// The whole catalog: state bodies, services, and each service's kinds with their forms.
#[derive(serde::Serialize)]
struct FullCatalog<'a> {
    #[serde(flatten)]
    catalog: &'a Catalog,
    kinds: BTreeMap<ServiceCode, &'static [Kind]>,
}

async fn catalog(state: axum::extract::State<AppState>) -> axum::response::Response {
    let kinds = ServiceCode::ALL.into_iter().map(|code| (code, form::kinds(code))).collect();
    Json(FullCatalog { catalog: &state.catalog, kinds }).into_response()
}

/// The holidays and moved days of a year: what deadlines are counted against.
async fn calendar_year(
    state: axum::extract::State<AppState>,
    axum::extract::Path(year): axum::extract::Path<String>,
) -> AppResult<Json<Vec<CalendarEntry>>> {
    let year: i32 = year
        .parse()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("year"))?;
    Ok(Json(state.store.calendar().year(year).await?))
}

/// `PUT /api/v1/calendar/days/{date}`: an administrator enters a holiday, a moved day off or a
/// working Saturday.
async fn set_calendar_day(
    state: axum::extract::State<AppState>,
    SignedIn(me): SignedIn,
    axum::extract::Path(date): axum::extract::Path<String>,
    Json(day): Json<CalendarDay>,
) -> AppResult<Json<CalendarEntry>> {
    let date = administered_date(&me, &date)?;
    if day.note.is_incomplete() {
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("note").into());
    }
    let entry = CalendarEntry { date, kind: day.kind, note: day.note };
    state.store.calendar().set(&entry, &me.id_number).await?;
    Ok(Json(entry))
}

async fn remove_calendar_day(
    state: axum::extract::State<AppState>,
    SignedIn(me): SignedIn,
    axum::extract::Path(date): axum::extract::Path<String>,
) -> AppResult<axum::http::StatusCode> {
    let date = administered_date(&me, &date)?;
    if state.store.calendar().remove(date, &me.id_number).await? {
        Ok(axum::http::StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}

/// The date of a calendar edit, for administrators only.
fn administered_date(me: &Account, date: &str) -> AppResult<Date> {
    if me.role != Role::Administrator {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    Ok(Date::parse(date).ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("date"))?)
}

async fn not_found() -> AppError {
    ApiError::new(ErrorCode::NotFound).into()
}
