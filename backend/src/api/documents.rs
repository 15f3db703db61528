//! Result documents: the signed result as a PDF for those who may see the request, and their
//! verification for anyone — by the QR code's request number and digest, or by the file itself.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use qyzmet_shared::result::DocumentCheck;
use qyzmet_shared::{ApiError, ErrorCode};
use serde::Deserialize;

use super::limits;
use super::requests::{load, visible};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::documents::{ResultDocument, pdf_sha256};
use crate::error::AppResult;
use crate::store::{IssuedDocument, SignedFor, StoredRequest};

/// `?download=true` asks for the file to be saved rather than shown.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Disposition {
    #[serde(default)]
    download: bool,
}

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
    Ok(pdf_response(&request.number, issued.pdf, disposition))
}

/// A PDF shown in the browser, or saved as `{name}.pdf` when `?download=true` asks for it.
pub(super) fn pdf_response(
    name: &str,
    pdf: Vec<u8>,
    disposition: Result<Query<Disposition>, QueryRejection>,
) -> Response {
    let download = disposition.is_ok_and(|Query(d)| d.download);
    let kind = if download { "attachment" } else { "inline" };
    // Request and receipt numbers are ASCII: the file name needs no encoding.
    let disposition = format!("{kind}; filename=\"{name}.pdf\"");
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("inline")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        pdf,
    )
        .into_response()
}

/// The request's document as issued, made now if this is the first time it is asked for.
pub(super) async fn issued(state: &AppState, request: &StoredRequest) -> AppResult<IssuedDocument> {
    let documents = state.store.documents();
    if let Some(issued) = documents.of_request(request.id).await? {
        return Ok(issued);
    }
    let document =
        document_of(state, request).await?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let made = document.issue(request.id, origin(state))?;
    documents.issue(&made, &document.number).await
}

/// The portal's address as people reach it, for the QR code: the configured one. Never the `Host`
/// a request names: a document is kept as first made, and anyone could name any host.
fn origin(state: &AppState) -> &str {
    state.public_url.as_deref().unwrap_or(LOCAL_ORIGIN)
}

/// Where a portal started without a public URL listens by default.
const LOCAL_ORIGIN: &str = "http://127.0.0.1:8080";

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

/// The request's result document, with the head's signature as verified; `None` unless signed.
async fn document_of(
    state: &AppState,
    request: &StoredRequest,
) -> AppResult<Option<ResultDocument>> {
    let signer = state.store.requests().signer(request.id, SignedFor::Result).await?;
    Ok(ResultDocument::of(request, signer.as_ref()))
}

fn check(document: Option<ResultDocument>) -> DocumentCheck {
    DocumentCheck { authentic: document.is_some(), document: document.map(|d| d.facts()) }
}
