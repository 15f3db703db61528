//! Registries between a CSC and a provider (regulations, "Channels", 2): an operator sends the
//! centre's packages to a provider, the provider's chancellery sends signed results back; the
//! receiving side marks each item and accepts the registry, or refuses it with the reason. A
//! registry of results moves its requests on: sent to the centre, then at the centre (or back to
//! the chancellery).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use qyzmet_shared::csc::{
    self, Direction, NewRegistry, RegistryReceipt, RegistryState, RegistryView,
};
use qyzmet_shared::request::Page;
use qyzmet_shared::workflow::Action;
use qyzmet_shared::{ApiError, ErrorCode, Role};
use serde::Deserialize;

use super::files::{Disposition, pdf_response};
use super::limits;
use crate::AppState;
use crate::auth::SignedIn;
use crate::documents::print_registry;
use crate::engine::{self, Advance, Notice, load};
use crate::error::AppResult;
use crate::mail;
use crate::store::{Account, Effect, Move, Route, Side, StoredRequest};

/// The side `me` is on: an operator's centre or a chancellery's provider; nobody else handles
/// registries.
fn side(me: &Account) -> AppResult<Side<'_>> {
    match (me.role, me.csc.as_deref(), me.provider.as_deref()) {
        (Role::CscOperator, Some(csc), _) => Ok(Side::Centre(csc)),
        (Role::Chancellery, _, Some(provider)) => Ok(Side::Provider(provider)),
        _ => Err(ApiError::new(ErrorCode::Forbidden).into()),
    }
}

fn is_party(side: Side<'_>, registry: &RegistryView) -> bool {
    match side {
        Side::Centre(csc) => registry.csc == csc,
        Side::Provider(provider) => registry.provider == provider,
    }
}

/// The registry numbered `number` if `me`'s side sent or receives it; 404 otherwise.
async fn of_party(state: &AppState, me: &Account, number: &str) -> AppResult<RegistryView> {
    let side = side(me)?;
    state
        .store
        .registries()
        .by_number(number)
        .await?
        .filter(|registry| is_party(side, registry))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound).into())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegistryPage {
    /// Counted from 1.
    page: Option<i64>,
}

/// The registries of the caller's centre (an operator) or provider (a chancellery), newest first.
#[utoipa::path(get, path = "/registries", tag = "csc", security(("session" = [])), params(RegistryPage),
    responses((status = 200, body = Page<RegistryView>, description = "20 a page, with their items and marks"),
        (status = 403, body = ApiError, description = "Neither a CSC operator nor a chancellery"),
        (status = 422, body = ApiError, description = "bad_request on `page`: not a page number")))]
pub async fn list(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    query: Result<Query<RegistryPage>, QueryRejection>,
) -> AppResult<Json<Page<RegistryView>>> {
    let Query(query) = query.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("page"))?;
    let (page, offset) = limits::page(query.page)?;
    let (items, total) =
        state.store.registries().list(side(&me)?, limits::PER_PAGE, offset).await?;
    Ok(Json(Page { items, total, page, per_page: limits::PER_PAGE }))
}

/// Forms a registry of everything that waits to travel: an operator's, of the centre's packages
/// for the provider `to`; a chancellery's, of its signed results for the centre `to`, which are
/// then sent to the centre.
#[utoipa::path(post, path = "/registries", tag = "csc", security(("session" = [])), request_body = NewRegistry,
    responses((status = 201, body = RegistryView, description = "Formed, to print in two copies and send"),
        (status = 403, body = ApiError, description = "Neither a CSC operator nor a chancellery"),
        (status = 409, body = ApiError, description = "not_allowed_now: nothing waits to travel there"),
        (status = 422, body = ApiError, description = "bad_request on `to`: no such provider or centre")))]
pub async fn form(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Json(new): Json<NewRegistry>,
) -> AppResult<(StatusCode, Json<RegistryView>)> {
    let to = new.to.trim();
    let unknown = || ApiError::new(ErrorCode::BadRequest).on_field("to");
    let number = match side(&me)? {
        Side::Centre(csc) => {
            state.catalog.body(to).ok_or_else(unknown)?;
            let packages = state.store.registries().packages_to_send(csc, to).await?;
            let route =
                Route { direction: Direction::ToProvider, csc, provider: to, formed_by: &me };
            form_of(&state, route, &packages, &[]).await?
        }
        Side::Provider(provider) => {
            let centre = csc::centre(to).ok_or_else(unknown)?;
            let signed = state.store.requests().signed_for_centre(provider, centre.id).await?;
            let ids: Vec<i64> = signed.iter().map(|r| r.id).collect();
            let moves = moves(&state, &me, signed, Action::SendToCsc, "").await?;
            let route =
                Route { direction: Direction::ToCsc, csc: centre.id, provider, formed_by: &me };
            form_of(&state, route, &ids, &moves).await?
        }
    };
    mail::deliver_soon(&state);
    Ok((StatusCode::CREATED, Json(of_party(&state, &me, &number).await?)))
}

async fn form_of(
    state: &AppState,
    route: Route<'_>,
    requests: &[i64],
    moves: &[(StoredRequest, Move<'_>)],
) -> AppResult<String> {
    if requests.is_empty() {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    let formed = state.store.registries().form(route, requests, moves).await?;
    Ok(formed.ok_or_else(|| ApiError::new(ErrorCode::NotAllowedNow))?)
}

/// Each request moved on by `action` of `me` with `resolution`, as the workflow allows it now.
async fn moves<'m>(
    state: &AppState,
    me: &'m Account,
    requests: Vec<StoredRequest>,
    action: Action,
    resolution: &'m str,
) -> AppResult<Vec<(StoredRequest, Move<'m>)>> {
    let services: Vec<_> = requests.iter().map(|request| request.service).collect();
    let timing = engine::Timing::load(state, services).await?;
    let now = state.store.now();
    let mut moves = Vec::with_capacity(requests.len());
    for request in requests {
        let step = Advance { action, resolution, effect: Effect::None, notice: Notice::Status };
        let step = engine::plan(state, &timing, me, &request, step, now).await?;
        moves.push((request, step));
    }
    Ok(moves)
}

#[utoipa::path(get, path = "/registries/{number}", tag = "csc", security(("session" = [])),
    params(("number" = String, Path)),
    responses((status = 200, body = RegistryView),
        (status = 403, body = ApiError, description = "Neither a CSC operator nor a chancellery"),
        (status = 404, body = ApiError, description = "Not the caller's side's")))]
pub async fn show(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
) -> AppResult<Json<RegistryView>> {
    Ok(Json(of_party(&state, &me, &number).await?))
}

/// The registry to print: two copies, the second to come back with the receiving side's mark.
#[utoipa::path(get, path = "/registries/{number}/pdf", tag = "csc", security(("session" = [])),
    params(("number" = String, Path), Disposition),
    responses((status = 200, content_type = "application/pdf", description = "Two copies, with a Code 128 barcode of the number"),
        (status = 403, body = ApiError, description = "Neither a CSC operator nor a chancellery"),
        (status = 404, body = ApiError, description = "Not the caller's side's")))]
pub async fn pdf(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    disposition: Result<Query<Disposition>, QueryRejection>,
) -> AppResult<Response> {
    let registry = of_party(&state, &me, &number).await?;
    Ok(pdf_response(&registry.number, print_registry(&registry)?, disposition))
}

/// The receiving side marks each item: the registry is accepted when every listed document is
/// there, and refused with the reason otherwise. Results accepted at a centre wait there for the
/// applicant; a refused registry of results goes back to the chancellery to be sent again.
#[utoipa::path(post, path = "/registries/{number}/receipt", tag = "csc", security(("session" = [])),
    params(("number" = String, Path)), request_body = RegistryReceipt,
    responses((status = 200, body = RegistryView, description = "Accepted or refused, every item marked"),
        (status = 403, body = ApiError, description = "The side that sent it cannot receive it"),
        (status = 404, body = ApiError, description = "Not the caller's side's"),
        (status = 409, body = ApiError, description = "not_allowed_now: received already"),
        (status = 422, body = ApiError, description = "invalid_form: a refusal without its reason; bad_request on `present`: a request not listed")))]
pub async fn receive(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    Json(receipt): Json<RegistryReceipt>,
) -> AppResult<Json<RegistryView>> {
    let registry = of_party(&state, &me, &number).await?;
    let receiving_role = match registry.direction {
        Direction::ToProvider => Role::Chancellery,
        Direction::ToCsc => Role::CscOperator,
    };
    if me.role != receiving_role {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    if registry.state != RegistryState::Sent {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    if receipt.present.iter().any(|p| !registry.items.iter().any(|item| item.request == *p)) {
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("present").into());
    }
    let mistakes = receipt.mistakes(&registry);
    if !mistakes.is_empty() {
        return Err(ApiError::invalid_form(mistakes).into());
    }
    let moves = match registry.direction {
        Direction::ToProvider => Vec::new(),
        Direction::ToCsc => {
            let mut requests = Vec::with_capacity(registry.items.len());
            for item in &registry.items {
                requests.push(load(&state, &item.request).await?);
            }
            let action = if receipt.complete(&registry) {
                Action::AcceptAtCsc
            } else {
                Action::ReturnToProvider
            };
            moves(&state, &me, requests, action, receipt.reason.trim()).await?
        }
    };
    let reason = receipt.reason.trim();
    let received =
        state.store.registries().receive(&registry, &receipt.present, reason, &me, &moves).await?;
    if !received {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    mail::deliver_soon(&state);
    Ok(Json(of_party(&state, &me, &number).await?))
}
