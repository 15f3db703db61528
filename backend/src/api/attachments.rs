//! Scanned documents of a draft: attached one per document of the kind's list (so the document's
//! id names the file), read back by whoever may see the request, removed while it is a draft.

use axum::Json;
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use qyzmet_shared::attachment::{self, AttachmentView, FileProblem, MAX_BYTES};
use qyzmet_shared::form;
use qyzmet_shared::{ApiError, ErrorCode};
use serde::Deserialize;

use crate::AppState;
use crate::auth::SignedIn;
use crate::engine::{self, own, visible};
use crate::error::AppResult;
use crate::store::NewAttachment;

/// The file's name as the person chose it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FileName {
    name: String,
}

/// The longest file name kept.
const NAME_CHARS: usize = 200;

#[utoipa::path(put, path = "/requests/{number}/attachments/{document}", tag = "requests", security(("session" = [])),
    params(("number" = String, Path), ("document" = String, Path, description = "A document id of the kind's list"), FileName),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: PDF, JPEG or PNG, up to 10 MB"),
    responses((status = 201, body = AttachmentView, description = "Attached, in place of the file attached for this document before"),
        (status = 404, body = ApiError, description = "Not the caller's request"),
        (status = 409, body = ApiError, description = "not_allowed_now: no longer a draft"),
        (status = 413, body = ApiError, description = "file_too_large"),
        (status = 422, body = ApiError, description = "unsupported_file (by content), or bad_request on `document` or `name`")))]
pub async fn attach(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((number, document)): Path<(String, String)>,
    name: Result<Query<FileName>, QueryRejection>,
    body: Body,
) -> AppResult<(StatusCode, Json<AttachmentView>)> {
    let request = own(&state, &me, &number).await?;
    let listed = form::kind(request.service, &request.kind)
        .is_some_and(|kind| kind.documents.iter().any(|d| d.id == document));
    if !listed {
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("document").into());
    }
    let name = name.ok().map(|Query(n)| file_name(&n.name)).filter(|n| !n.is_empty());
    let name = name.ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("name"))?;
    // Read up to one byte past the limit: more than that is too large, whatever it holds.
    let content = axum::body::to_bytes(body, MAX_BYTES + 1)
        .await
        .map_err(|_| ApiError::new(ErrorCode::FileTooLarge).on_field("file"))?;
    let kind = attachment::check(&content).map_err(|problem| {
        let code = match problem {
            FileProblem::TooLarge => ErrorCode::FileTooLarge,
            FileProblem::Empty | FileProblem::Unsupported => ErrorCode::UnsupportedFile,
        };
        ApiError::new(code).on_field("file")
    })?;
    let file = NewAttachment { document: &document, name: &name, kind, content: &content };
    let attachments = state.store.attachments();
    if !attachments.attach(&request, &file, &me.id_number).await? {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    let attached =
        attachments.of_request(request.id).await?.into_iter().find(|a| a.document == document);
    Ok((StatusCode::CREATED, Json(attached.ok_or_else(|| ApiError::new(ErrorCode::Internal))?)))
}

/// The last part of a path a browser may send, trimmed and cut to a reasonable length.
fn file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    last.trim().chars().filter(|c| !c.is_control()).take(NAME_CHARS).collect()
}

#[utoipa::path(get, path = "/requests/{number}/attachments/{document}", tag = "requests", security(("session" = [])),
    params(("number" = String, Path), ("document" = String, Path)),
    responses((status = 200, description = "The file, as attached, with its media type"),
        (status = 404, body = ApiError, description = "No such file of a request the caller may see")))]
pub async fn content(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((number, document)): Path<(String, String)>,
) -> AppResult<Response> {
    let request = visible(&state, &me, &number).await?;
    let (file, bytes) = state
        .store
        .attachments()
        .content(request.id, &document)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    engine::note_read(&state, &me, &request.number, engine::Read::Attachment).await?;
    let disposition = format!(
        "inline; filename=\"attachment.{}\"; filename*=UTF-8''{}",
        file.kind.as_str(),
        percent_encoded(&file.name)
    );
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(file.kind.media_type())),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition)
                    .unwrap_or_else(|_| HeaderValue::from_static("inline")),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        bytes,
    )
        .into_response())
}

/// RFC 5987: every byte but unreserved ASCII as `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[utoipa::path(delete, path = "/requests/{number}/attachments/{document}", tag = "requests", security(("session" = [])),
    params(("number" = String, Path), ("document" = String, Path)),
    responses((status = 204, description = "Removed"),
        (status = 404, body = ApiError, description = "No such file of the caller's draft")))]
pub async fn remove(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path((number, document)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let request = own(&state, &me, &number).await?;
    if state.store.attachments().remove(&request, &document, &me.id_number).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}
