//! The backend's one error type. Handlers return it with `?`; it becomes the shared `ApiError`
//! body, and internal causes go to the log, never to the client.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use qyzmet_shared::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An answer meant for the user, with its code and bilingual message.
    #[error("{0}")]
    Api(ApiError),
    /// A rate limit met: `too_many_attempts`, and the client may call again in `wait_seconds`.
    #[error("rate limited for {wait_seconds} s")]
    Limited { wait_seconds: i64 },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("password hashing: {0}")]
    Password(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("PDF: {0}")]
    Pdf(#[from] crate::documents::PdfError),
}

impl From<ApiError> for AppError {
    fn from(err: ApiError) -> Self {
        AppError::Api(err)
    }
}

impl AppError {
    /// What the client is told.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            AppError::Api(err) => err.clone(),
            AppError::Limited { wait_seconds } => ApiError::too_many_attempts(*wait_seconds),
            AppError::Database(err)
                if err
                    .as_database_error()
                    .is_some_and(sqlx::error::DatabaseError::is_unique_violation) =>
            {
                ApiError::new(ErrorCode::Conflict)
            }
            AppError::Database(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_)) => {
                ApiError::new(ErrorCode::Unavailable)
            }
            _ => ApiError::new(ErrorCode::Internal),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = self.to_api_error();
        if body.code == ErrorCode::Internal || body.code == ErrorCode::Unavailable {
            tracing::error!(error = %self, "request failed");
        }
        let status = StatusCode::from_u16(body.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(body)).into_response();
        if let AppError::Limited { wait_seconds } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait_seconds));
        }
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
