//! The citizen service centre's counter: an operator opens a draft for the person in front of
//! them (found in the state registry), files it with their own signature through the usual
//! request endpoints, and prints the receipt — or, for a package lacking documents, the refusal
//! receipt, and nothing reaches the provider.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use qyzmet_shared::attachment;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::csc::{Handover, Recipient, RefusalView};
use qyzmet_shared::form;
use qyzmet_shared::notification;
use qyzmet_shared::request::RequestView;
use qyzmet_shared::workflow::{Action, Status};
use qyzmet_shared::{ApiError, ErrorCode, Role};

use super::files::{Disposition, issued, pdf_response};
use crate::AppState;
use crate::auth::SignedIn;
use crate::documents::Receipt;
use crate::engine::{self, Advance, Notice, Read, load, own, view, visible, works_at};
use crate::error::AppResult;
use crate::store::{Effect, Mail};

/// The receipt of a request filed at a CSC counter: printed for the applicant there, and theirs to
/// print again from their history.
#[utoipa::path(get, path = "/requests/{number}/receipt.pdf", tag = "csc", security(("session" = [])),
    params(("number" = String, Path), Disposition),
    responses((status = 200, content_type = "application/pdf", description = "The receipt, with a Code 128 barcode of the number"),
        (status = 404, body = ApiError, description = "No such request for the caller, not filed at a CSC, or not filed yet")))]
pub async fn receipt(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    disposition: Result<Query<Disposition>, QueryRejection>,
) -> AppResult<Response> {
    let request = visible(&state, &me, &number).await?;
    let attachments = state.store.attachments().of_request(request.id).await?;
    let attached: Vec<&str> = attachments.iter().map(|a| a.document.as_str()).collect();
    let receipt =
        Receipt::of_filed(&request, &attached).ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let pdf = receipt.render()?;
    engine::note_read(&state, &me, &request.number, Read::Receipt).await?;
    Ok(pdf_response(&request.number, pdf, disposition))
}

/// Refuses a counter draft whose package lacks a document it must have: the refusal receipt is
/// kept and the draft deleted with its files, so nothing reaches the provider. A complete package
/// is filed, not refused (`not_allowed_now`).
#[utoipa::path(post, path = "/requests/{number}/refusal", tag = "csc", security(("session" = [])),
    params(("number" = String, Path)),
    responses((status = 201, body = RefusalView, description = "The refusal receipt's number and the missing documents; the draft is gone"),
        (status = 404, body = ApiError, description = "Not the operator's own counter draft"),
        (status = 409, body = ApiError, description = "not_allowed_now: the package is complete, or the draft was filed meanwhile")))]
pub async fn refuse(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
) -> AppResult<(StatusCode, Json<RefusalView>)> {
    let draft = own(&state, &me, &number).await?;
    let (Some(csc), Some(counter), Status::Draft) = (&draft.csc, &draft.counter, draft.status)
    else {
        return Err(ApiError::new(ErrorCode::NotFound).into());
    };
    let kind =
        form::kind(draft.service, &draft.kind).ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    let attachments = state.store.attachments().of_request(draft.id).await?;
    let missing: Vec<String> = attachment::missing(kind, &draft.applicant_id_number, &attachments)
        .into_iter()
        .map(|m| m.field)
        .collect();
    if missing.is_empty() {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    let refused = state.store.refusals().refuse(&draft, &me, csc, counter, &missing).await?;
    let number = refused.ok_or_else(|| ApiError::new(ErrorCode::NotAllowedNow))?;
    let refusal = state
        .store
        .refusals()
        .by_number(&number)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    Ok((
        StatusCode::CREATED,
        Json(RefusalView {
            number: refusal.number,
            missing: refusal.missing,
            created_at: refusal.created_at,
        }),
    ))
}

/// A refusal receipt, for the operators of the centre that issued it.
#[utoipa::path(get, path = "/csc/refusals/{number}/receipt.pdf", tag = "csc", security(("session" = [])),
    params(("number" = String, Path), Disposition),
    responses((status = 200, content_type = "application/pdf", description = "The refusal receipt naming the missing documents"),
        (status = 404, body = ApiError, description = "No such refusal at the caller's centre")))]
pub async fn refusal_receipt(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    disposition: Result<Query<Disposition>, QueryRejection>,
) -> AppResult<Response> {
    let refusal = state
        .store
        .refusals()
        .by_number(&number)
        .await?
        .filter(|r| me.role == Role::CscOperator && me.csc.as_deref() == Some(r.csc.as_str()))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let receipt =
        Receipt::of_refusal(&refusal).ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    Ok(pdf_response(&refusal.number, receipt.render()?, disposition))
}

/// The result handed over at the desk it was filed at — a centre's counter, or the provider's
/// chancellery for a walk-in (001 p. 8, 004 p. 6): the employee has checked the identity document
/// of the applicant, or of any representative with a notarised power of attorney, and gives them
/// the paper copy of the signed result (`result.pdf`); or it is sent to the applicant's e-mail as
/// the signed PDF. The request is issued.
#[utoipa::path(post, path = "/requests/{number}/handover", tag = "csc", security(("session" = [])),
    params(("number" = String, Path)), request_body = Handover,
    responses((status = 200, body = RequestView, description = "Issued; the handover is in `events`"),
        (status = 403, body = ApiError, description = "Not an operator of the centre it was filed at, nor of the chancellery that took it in"),
        (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "not_allowed_now: the result is not at the desk yet"),
        (status = 422, body = ApiError, description = "invalid_form: the identity document, or the representative's notarised power (number, date, notary)")))]
pub async fn handover(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    Json(handover): Json<Handover>,
) -> AppResult<Json<RequestView>> {
    let request = visible(&state, &me, &number).await?;
    if !works_at(&me, &request) {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    let to = engine::check(&me, &request, Action::Issue)?;
    let mistakes = handover.mistakes(Date::in_kazakhstan(state.store.now()));
    if !mistakes.is_empty() {
        return Err(ApiError::invalid_form(mistakes).into());
    }
    let recipient = match handover.recipient {
        Recipient::Applicant => request.applicant_name.clone(),
        Recipient::Email => format!("e-mail {}", handover.email.trim()),
        Recipient::Representative => handover.power_record(),
    };
    let notice = match handover.recipient {
        Recipient::Email => {
            // The PDF as issued travels with the e-mail: made now if nobody opened it yet.
            issued(&state, &request).await?;
            let lang = state
                .store
                .accounts()
                .by_id_number(&request.applicant_id_number)
                .await?
                .map(|applicant| applicant.lang)
                .unwrap_or_default();
            let (subject, body) = notification::mail(&request.number, request.service, to, lang);
            let address = handover.email.trim().to_owned();
            Notice::Instead(Some(Mail { to: address, subject, body, attach_result: true }))
        }
        Recipient::Applicant | Recipient::Representative => Notice::Status,
    };
    let resolution = match handover.recipient {
        Recipient::Email => recipient,
        _ => format!("{recipient}; {}", handover.identity_document.trim()),
    };
    let issue =
        Advance { action: Action::Issue, resolution: &resolution, effect: Effect::None, notice };
    engine::advance(&state, &me, &request, issue, state.store.now()).await?;
    Ok(Json(view(&state, &load(&state, &number).await?).await?))
}
