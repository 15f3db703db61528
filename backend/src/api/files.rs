//! Files the API sends: a PDF shown or saved, and the result as issued (made once, kept as
//! made, so that a saved file verifies byte for byte later).

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use qyzmet_shared::{ApiError, ErrorCode};
use serde::Deserialize;

use crate::AppState;
use crate::documents::ResultDocument;
use crate::error::AppResult;
use crate::store::{IssuedDocument, SignedFor, StoredRequest};

/// `?download=true` asks for the file to be saved rather than shown.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Disposition {
    #[serde(default)]
    download: bool,
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
pub(super) fn origin(state: &AppState) -> &str {
    state.public_url.as_deref().unwrap_or(LOCAL_ORIGIN)
}

/// Where a portal started without a public URL listens by default.
const LOCAL_ORIGIN: &str = "http://127.0.0.1:8080";

/// The request's result document, with the head's signature as verified; `None` unless signed.
pub(super) async fn document_of(
    state: &AppState,
    request: &StoredRequest,
) -> AppResult<Option<ResultDocument>> {
    let signer = state.store.requests().signer(request.id, SignedFor::Result).await?;
    Ok(ResultDocument::of(request, signer.as_ref()))
}
