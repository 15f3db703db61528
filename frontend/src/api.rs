//! The typed client of `/api/v1`. Every failure arrives as the shared `ApiError`, so screens show
//! one kind of message whatever went wrong.

use gloo_net::http::Request;
use qyzmet_shared::api::API_PREFIX;
use qyzmet_shared::catalog::Catalog;
use qyzmet_shared::{ApiError, ErrorCode};
use serde::de::DeserializeOwned;

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(&format!("{API_PREFIX}{path}"))
        .send()
        .await
        .map_err(|_| ApiError::new(ErrorCode::Unavailable))?;
    if response.ok() {
        response
            .json()
            .await
            .map_err(|_| ApiError::new(ErrorCode::Internal))
    } else {
        Err(response.json::<ApiError>().await.unwrap_or_else(|_| {
            let code = if response.status() == 404 {
                ErrorCode::NotFound
            } else {
                ErrorCode::Unavailable
            };
            ApiError::new(code)
        }))
    }
}

pub async fn catalog() -> Result<Catalog, ApiError> {
    get("/catalog").await
}
