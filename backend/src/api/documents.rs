//! Documents of a request for those who may see it: the application as filed and the signed
//! result, as PDFs; and the result's verification for anyone — by the QR code's request number and
//! digest, or by the file itself.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use qyzmet_shared::result::DocumentCheck;
use qyzmet_shared::{ApiError, ErrorCode};
use serde::Deserialize;

use super::files::{Disposition, document_of, issued, pdf_response};
use super::limits;
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::documents::{Application, ResultDocument, pdf_sha256};
use crate::engine::{Read, load, note_read, visible};
use crate::error::AppResult;
use crate::store::SignedFor;

#[utoipa::path(get, path = "/requests/{number}/result.pdf", tag = "documents", security(("session" = [])),
    params(("number" = String, Path), Disposition),
    responses((status = 200, content_type = "application/pdf", description = "The signed result, as issued"),
        (status = 404, body = ApiError, description = "No such request for the caller, or its result is not signed yet")))]
pub async fn result_pdf(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    disposition: Result<Query<Disposition>, QueryRejection>,
) -> AppResult<Response> {
    let request = visible(&state, &me, &number).await?;
    let issued = issued(&state, &request).await?;
    note_read(&state, &me, &request.number, Read::Result).await?;
    Ok(pdf_response(&request.number, issued.pdf, disposition))
}

/// The application as the applicant filed and signed it (001, appendix 5; 003).
#[utoipa::path(get, path = "/requests/{number}/application.pdf", tag = "documents", security(("session" = [])),
    params(("number" = String, Path), Disposition),
    responses((status = 200, content_type = "application/pdf", description = "«Өтініш / Заявление»: number, date of filing, particulars, signer, Code 128 barcode"),
        (status = 404, body = ApiError, description = "No such request for the caller, or a draft")))]
pub async fn application_pdf(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    disposition: Result<Query<Disposition>, QueryRejection>,
) -> AppResult<Response> {
    let request = visible(&state, &me, &number).await?;
    let signer = state.store.requests().signer(request.id, SignedFor::Submission).await?;
    let application =
        Application::of(&request, signer).ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let name = format!("{}-application", request.number);
    let pdf = application.render()?;
    note_read(&state, &me, &request.number, Read::Application).await?;
    Ok(pdf_response(&name, pdf, disposition))
}

/// What the QR code carries.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Scanned {
    /// The request number.
    request: String,
    /// SHA-256 (hex) of the document's content.
    hash: String,
}

#[utoipa::path(get, path = "/documents/verify", tag = "documents", params(Scanned),
    responses((status = 200, body = DocumentCheck, description = "Whether the portal issued this document, unchanged"),
        (status = 422, body = ApiError, description = "bad_request: the request number or the hash is missing")))]
pub async fn verify_scanned(
    State(state): State<AppState>,
    scanned: Result<Query<Scanned>, QueryRejection>,
) -> AppResult<axum::Json<DocumentCheck>> {
    let Query(scanned) = scanned.map_err(|_| ApiError::new(ErrorCode::BadRequest))?;
    let document = match load(&state, scanned.request.trim()).await {
        Ok(request) => document_of(&state, &request).await?,
        Err(_) => None,
    };
    let authentic = document.filter(|d| d.content_sha256() == scanned.hash.trim().to_lowercase());
    Ok(axum::Json(check(authentic)))
}

#[utoipa::path(post, path = "/documents/verify", tag = "documents",
    request_body(content = Vec<u8>, content_type = "application/pdf", description = "The PDF file as saved"),
    responses((status = 200, body = DocumentCheck, description = "Whether the portal issued this very file, unchanged"),
        (status = 429, body = ApiError, description = "too_many_attempts: 60 verifications per address in 10 minutes")))]
pub async fn verify_file(
    State(state): State<AppState>,
    Client(client): Client,
    file: Bytes,
) -> AppResult<axum::Json<DocumentCheck>> {
    limits::count(&state, limits::VERIFICATIONS, client).await?;
    let Some(number) = state.store.documents().request_of_pdf(&pdf_sha256(&file)).await? else {
        return Ok(axum::Json(check(None)));
    };
    let document = document_of(&state, &load(&state, &number).await?).await?;
    Ok(axum::Json(check(document)))
}

fn check(document: Option<ResultDocument>) -> DocumentCheck {
    DocumentCheck { authentic: document.is_some(), document: document.map(|d| d.facts()) }
}
