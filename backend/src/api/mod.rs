//! The JSON API under `/api/v1`.

mod requests;
mod session;

use axum::routing::{get, post, put};
use axum::{Json, Router};
use qyzmet_shared::api::{CalendarEntry, Health};
use qyzmet_shared::catalog::Catalog;
use qyzmet_shared::{ApiError, ErrorCode};

use crate::AppState;
use crate::error::{AppError, AppResult};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/catalog", get(catalog))
        .route("/calendar/{year}", get(calendar_year))
        .route("/session", get(session::current).post(session::sign_in).delete(session::sign_out))
        .route("/requests", get(requests::history).post(requests::create))
        .route("/queue", get(requests::queue))
        .route("/status", get(requests::public_status))
        .route("/requests/{number}", get(requests::show))
        .route("/requests/{number}/form", put(requests::update_form))
        .route("/requests/{number}/submit", post(requests::submit))
        .route("/requests/{number}/actions", post(requests::act))
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

async fn catalog(state: axum::extract::State<AppState>) -> Json<Catalog> {
    Json(Catalog::clone(&state.catalog))
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

async fn not_found() -> AppError {
    ApiError::new(ErrorCode::NotFound).into()
}
