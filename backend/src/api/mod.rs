//! The JSON API under `/api/v1`.

mod attachments;
mod csc;
mod demo;
mod documents;
mod egov_mobile;
mod files;
mod limits;
mod lists;
mod mobile_sign;
mod notifications;
mod office;
mod openapi;
mod powers;
mod registries;
pub(crate) mod requests;
mod services;
mod session;
mod signatures;
pub(crate) mod statistics;

use axum::routing::get;
use axum::{Json, Router};
use qyzmet_shared::Role;
use qyzmet_shared::api::{CalendarDay, CalendarEntry, Health};
use qyzmet_shared::calendar::Date;
use std::collections::BTreeMap;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::response::IntoResponse;
use qyzmet_shared::catalog::{Catalog, ServiceCode};
use qyzmet_shared::form::{self, Kind};
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::{AppError, AppResult};
use crate::store::Account;

/// The API's routes, and the OpenAPI document collected from the same handlers at
/// `GET /api/v1/openapi.json`.
pub fn router() -> Router<AppState> {
    let (router, document) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(catalog))
        .routes(routes!(services::deadline))
        .routes(routes!(services::steps))
        .routes(routes!(services::set_step, services::reset_step))
        .routes(routes!(calendar_year))
        .routes(routes!(set_calendar_day, remove_calendar_day))
        .routes(routes!(session::current, session::sign_in, session::sign_out))
        .routes(routes!(session::challenge))
        .routes(routes!(session::sign_in_with_signature))
        .routes(routes!(session::preferences))
        .routes(routes!(session::set_password))
        .routes(routes!(notifications::latest))
        .routes(routes!(notifications::seen))
        .routes(routes!(requests::history, requests::create))
        .routes(routes!(requests::show, requests::delete))
        .routes(routes!(requests::update_form))
        .routes(routes!(requests::earlier))
        .routes(routes!(requests::submit))
        .routes(routes!(requests::survey))
        .routes(routes!(attachments::attach))
        .routes(routes!(attachments::content, attachments::remove))
        .routes(routes!(requests::public_status))
        .routes(routes!(requests::registry_me))
        .routes(routes!(powers::list, powers::grant))
        .routes(routes!(powers::revoke))
        .routes(routes!(csc::receipt))
        .routes(routes!(csc::refuse))
        .routes(routes!(csc::refusal_receipt))
        .routes(routes!(csc::handover))
        .routes(routes!(registries::list, registries::form))
        .routes(routes!(registries::show))
        .routes(routes!(registries::pdf))
        .routes(routes!(registries::receive))
        .routes(routes!(office::act))
        .routes(routes!(office::queue))
        .routes(routes!(office::specialists))
        .routes(routes!(office::dashboard))
        .routes(routes!(statistics::statistics))
        .routes(routes!(documents::result_pdf))
        .routes(routes!(documents::application_pdf))
        .routes(routes!(documents::verify_scanned, documents::verify_file))
        .routes(routes!(signatures::verify))
        .routes(routes!(mobile_sign::start))
        .routes(routes!(mobile_sign::status, mobile_sign::cancel))
        .routes(routes!(egov_mobile::signing_request))
        .routes(routes!(egov_mobile::document, egov_mobile::sign))
        .routes(routes!(demo::key_files))
        .routes(routes!(demo::key_file))
        .split_for_parts();
    let mut document = document;
    openapi::declare_common_answers(&mut document);
    router.route("/openapi.json", get(openapi::serve(&document))).fallback(not_found)
}

#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, body = Health, description = "The server is up and its database answers"),
        (status = 503, body = ApiError, description = "The database does not answer")))]
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
#[derive(serde::Serialize, utoipa::ToSchema)]
struct FullCatalog<'a> {
    #[serde(flatten)]
    catalog: &'a Catalog,
    kinds: BTreeMap<ServiceCode, &'static [Kind]>,
}

#[utoipa::path(get, path = "/catalog", tag = "catalog",
    responses((status = 200, body = FullCatalog,
        description = "State bodies, services, and every service's kinds with their forms")))]
async fn catalog() -> axum::response::Response {
    // The declarations are compiled in and the catalog never changes while the portal runs: its
    // JSON is made on the first call and sent as it is after (issue 16: it was serialised anew on
    // every call).
    static JSON: std::sync::OnceLock<Option<axum::body::Bytes>> = std::sync::OnceLock::new();
    let json = JSON.get_or_init(|| {
        let kinds = ServiceCode::ALL.into_iter().map(|code| (code, form::kinds(code))).collect();
        let full = FullCatalog { catalog: &qyzmet_shared::catalog::catalog(), kinds };
        serde_json::to_vec(&full).ok().map(axum::body::Bytes::from)
    });
    match json {
        Some(json) => {
            let json_type = [(axum::http::header::CONTENT_TYPE, "application/json")];
            (json_type, json.clone()).into_response()
        }
        None => AppError::from(ApiError::new(ErrorCode::Internal)).into_response(),
    }
}

/// The holidays and moved days of a year: what deadlines are counted against.
#[utoipa::path(get, path = "/calendar/{year}", tag = "calendar",
    params(("year" = i32, Path, description = "2000 to 2100")),
    responses((status = 200, body = Vec<CalendarEntry>, description = "Holidays, moved days off and working weekend days"),
        (status = 422, body = ApiError, description = "Not a year in range")))]
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
#[utoipa::path(put, path = "/calendar/days/{date}", tag = "calendar", security(("session" = [])),
    params(("date" = String, Path, format = Date)), request_body = CalendarDay,
    responses((status = 200, body = CalendarEntry), (status = 403, body = ApiError, description = "Administrators only"),
        (status = 422, body = ApiError, description = "A bad date or a note missing in a language")))]
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

#[utoipa::path(delete, path = "/calendar/days/{date}", tag = "calendar", security(("session" = [])),
    params(("date" = String, Path, format = Date)),
    responses((status = 204, description = "The date is an ordinary day again"),
        (status = 403, body = ApiError, description = "Administrators only"), (status = 404, body = ApiError)))]
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
