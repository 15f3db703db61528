//! Requests: drafts, filing with the applicant's signature, the history and the public status check.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use qyzmet_shared::attachment::{self, AttachmentView};
use qyzmet_shared::calendar::{Date, Intake};
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::form::{self, FieldError};
use qyzmet_shared::power::PowerState;
use qyzmet_shared::registry::{self as prefilled, RegistryRecord};
use qyzmet_shared::request::{
    Earlier, Filing, FormUpdate, NewRequest, Page, PublicStatus, RequestSummary, RequestView,
    StillValid, Submission,
};
use qyzmet_shared::result::{self, Outcome};
use qyzmet_shared::survey::{self, SurveyAnswers};
use qyzmet_shared::workflow::{Action, Status};
use qyzmet_shared::{ApiError, ErrorCode, IdNumber, Role};
use serde::Deserialize;

use super::limits;
use super::lists::{self, ListQuery};
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::engine::{self, Advance, Desk, Notice, load, own, view, visible};
use crate::error::{AppError, AppResult};
use crate::registry;
use crate::signatures;
use crate::store::{Account, Effect, Filter, Origin, SignedFor, StoredRequest, Whose};

/// The header that makes a submission safe to retry: the same key files one request.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// Unfiled drafts one account may keep.
const MAX_DRAFTS: i64 = 50;

#[utoipa::path(post, path = "/requests", tag = "requests", security(("session" = [])), request_body = NewRequest,
    responses((status = 201, body = RequestView, description = "A new draft"),
        (status = 403, body = ApiError, description = "Only applicants file for themselves"),
        (status = 409, body = ApiError, description = "too_many_drafts: 50 unfiled drafts already"),
        (status = 422, body = ApiError, description = "invalid_form with `fields`, or bad_request on `kind` / `provider`")))]
pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Json(new): Json<NewRequest>,
) -> AppResult<(StatusCode, Json<RequestView>)> {
    let kind = form::kind(new.service, &new.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("kind"))?;
    let offers =
        state.catalog.body(&new.provider).is_some_and(|body| body.services.contains(&new.service));
    if !offers {
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("provider").into());
    }
    draft_mistakes(kind, &new.form)?;
    // A soft cap (two drafts made at once may pass it by one): enough for anyone's real work,
    // not for filling the database.
    if state.store.requests().drafts_of(me.id).await? >= MAX_DRAFTS {
        return Err(ApiError::new(ErrorCode::TooManyDrafts).into());
    }
    let counter = new.counter.clone();
    let (applicant, origin) = match (me.role, &counter) {
        (Role::Applicant, None) => {
            let (applicant, power) =
                acting_for(&state, &me, new.on_behalf_of.as_deref(), Some(new.service)).await?;
            (applicant, Origin::Portal { power })
        }
        // A desk files for the walk-in it names; staff do not file for themselves.
        (Role::CscOperator, counter) | (Role::Chancellery, counter @ Some(_)) => {
            let (applicant, desk) = engine::walk_in(&state, &me, &new).await?;
            let counter = counter.as_ref().ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
            let origin = match desk {
                Desk::Centre(csc) => Origin::Counter { csc, counter },
                Desk::Chancellery => Origin::Office { counter },
            };
            (applicant, origin)
        }
        (Role::Applicant, Some(_)) => {
            return Err(ApiError::new(ErrorCode::BadRequest).on_field("counter").into());
        }
        _ => return Err(ApiError::new(ErrorCode::Forbidden).into()),
    };
    // What the registry knows is filled in, not typed: only where the applicant left it empty.
    let mut new = new;
    if let Some(record) = registry::record(state.registry.as_ref(), &applicant.id_number).await? {
        for (field, value) in prefilled::prefill(kind, &record) {
            let typed = new.form.entry(field).or_default();
            if typed.trim().is_empty() {
                *typed = value;
            }
        }
    }
    let number = state.store.requests().create_draft(&applicant, &me, origin, &new).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &load(&state, &number).await?).await?)))
}

/// The applicant a request is filed for: the caller, or the principal whose power of attorney
/// in force lets the caller file for `service` (for any service when `None`), with that power.
async fn acting_for(
    state: &AppState,
    me: &Account,
    on_behalf_of: Option<&str>,
    service: Option<ServiceCode>,
) -> AppResult<(Account, Option<i64>)> {
    let Some(principal) = on_behalf_of.map(str::trim).filter(|p| *p != me.id_number) else {
        return Ok((me.clone(), None));
    };
    let no_power = || ApiError::new(ErrorCode::NoPowerOfAttorney).on_field("on_behalf_of");
    let power = match service {
        Some(service) => state.store.powers().in_force(principal, &me.id_number, service).await?,
        None => state
            .store
            .powers()
            .granted_to(&me.id_number)
            .await?
            .into_iter()
            .find(|p| p.principal_id_number == principal && p.state == PowerState::Active),
    }
    .ok_or_else(no_power)?;
    let applicant = state.store.accounts().by_id_number(principal).await?.ok_or_else(no_power)?;
    Ok((applicant, Some(power.id)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegistryQuery {
    /// The IIN/BIN of the principal the caller files for under a power of attorney.
    on_behalf_of: Option<String>,
}

/// The signed-in person or company, or the principal they represent, as the state registry
/// knows them: what their forms are filled from.
#[utoipa::path(get, path = "/registry/me", tag = "requests", security(("session" = [])), params(RegistryQuery),
    responses((status = 200, body = RegistryRecord, description = "The fields a form takes from the registry"),
        (status = 403, body = ApiError, description = "no_power_of_attorney: the caller does not represent `on_behalf_of`"),
        (status = 422, body = ApiError, description = "no_registry_data: the registry does not know the applicant")))]
pub async fn registry_me(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    query: Result<Query<RegistryQuery>, QueryRejection>,
) -> AppResult<Json<RegistryRecord>> {
    let Query(query) =
        query.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("on_behalf_of"))?;
    let applicant = match me.role {
        // Finding the person in the registry is how a desk starts with a walk-in.
        _ if engine::takes_walk_ins(&me) => {
            engine::applicant(query.on_behalf_of.as_deref())?.to_string()
        }
        _ => acting_for(&state, &me, query.on_behalf_of.as_deref(), None).await?.0.id_number,
    };
    let record = registry::record(state.registry.as_ref(), &applicant).await?;
    let record = record.ok_or_else(|| ApiError::new(ErrorCode::NoRegistryData))?;
    // A desk's look-up of someone else's registry record is a read of personal data.
    if engine::takes_walk_ins(&me) {
        engine::note_read(&state, &me, &applicant, engine::Read::Registry).await?;
    }
    Ok(Json(record))
}

#[utoipa::path(get, path = "/requests/{number}", tag = "requests", security(("session" = [])),
    params(("number" = String, Path)),
    responses((status = 200, body = RequestView),
        (status = 404, body = ApiError, description = "Absent, or not the caller's to see")))]
pub async fn show(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
) -> AppResult<Json<RequestView>> {
    let request = visible(&state, &me, &number).await?;
    Ok(Json(view(&state, &request).await?))
}

#[utoipa::path(put, path = "/requests/{number}/form", tag = "requests", security(("session" = [])),
    params(("number" = String, Path)), request_body = FormUpdate,
    responses((status = 200, body = RequestView), (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "No longer a draft"),
        (status = 422, body = ApiError, description = "invalid_form: what is typed does not fit its field")))]
pub async fn update_form(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    Json(update): Json<FormUpdate>,
) -> AppResult<Json<RequestView>> {
    let request = own(&state, &me, &number).await?;
    let kind = form::kind(request.service, &request.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    draft_mistakes(kind, &update.form)?;
    if !state.store.requests().update_draft_form(&request, &me, &update.form).await? {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    Ok(Json(view(&state, &load(&state, &number).await?).await?))
}

/// Deletes a draft the person no longer wants; a filed request cannot be deleted.
#[utoipa::path(delete, path = "/requests/{number}", tag = "requests", security(("session" = [])),
    params(("number" = String, Path)),
    responses((status = 204, description = "The draft is deleted"), (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "A filed request cannot be deleted")))]
pub async fn delete(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
) -> AppResult<StatusCode> {
    let request = own(&state, &me, &number).await?;
    if state.store.requests().delete_draft(&request, &me).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(ErrorCode::NotAllowedNow).into())
    }
}

/// Files the draft with the provider. A retry with the same `Idempotency-Key` answers with the
/// request as filed instead of filing again.
#[utoipa::path(post, path = "/requests/{number}/submit", tag = "requests", security(("session" = [])),
    params(("number" = String, Path),
        ("Idempotency-Key" = String, Header, description = "8 to 100 characters; a retry with the same key files nothing twice")),
    request_body = Submission,
    responses((status = 200, body = RequestView, description = "Filed: status, deadlines"),
        (status = 404, body = ApiError),
        (status = 409, body = ApiError, description = "Already filed under another key"),
        (status = 422, body = ApiError, description = "idempotency_key_reused: the key filed this request with another signature; invalid_form with every missing field and document, no_registry_data, or a signature refused (signature_*, certificate_*, signer_mismatch on `cms`)")))]
pub async fn submit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    headers: HeaderMap,
    submission: Result<Json<Submission>, JsonRejection>,
) -> AppResult<Json<RequestView>> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .filter(|k| (8..=100).contains(&k.len()))
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field(IDEMPOTENCY_KEY))?;
    let request = own(&state, &me, &number).await?;
    // A key is the request's own: kept with its number, no one else's key can collide with it.
    let key = format!("{number}/{key}");
    if request.submit_key.as_deref() == Some(key.as_str()) {
        return retried(&state, &request, submission).await.map(Json);
    }
    let ready = ready_to_file(&state, &me, &request).await?;
    let now = state.store.now();
    let cms = submission.ok().map(|Json(s)| s.cms);
    let signature =
        engine::verified(&state, cms.as_deref(), &ready.bytes, &ready.holder, now).await?;
    let attachments = ready.attachments;
    // Regulation 002: the signed request meets the applicant's record in «Е-лицензиялау».
    let applicant = &request.applicant_id_number;
    if let Some(code) =
        registry::licensing_refusal(state.registry.as_ref(), request.service, applicant).await?
    {
        return Err(ApiError::new(code).into());
    }
    let timing = engine::Timing::load(&state, [request.service]).await?;
    let (deadline, completeness_deadline) = engine::filing_deadlines(&timing, &request, now)?;
    let filing = Advance {
        action: Action::Submit,
        resolution: "",
        effect: Effect::Submission {
            key: &key,
            deadline,
            completeness_deadline,
            signature: &signature,
            form: &request.form,
            attachments: &attachments,
        },
        notice: Notice::Status,
    };
    match engine::advance_at(&state, &timing, &me, &request, filing, now).await {
        Ok(_) => {}
        // Moved meanwhile: a doubled click with the same key finds its own submission.
        Err(AppError::Api(error)) if error.code == ErrorCode::NotAllowedNow => {
            if load(&state, &number).await?.submit_key.as_deref() != Some(key.as_str()) {
                return Err(error.into());
            }
        }
        Err(error) => return Err(error),
    }
    Ok(Json(view(&state, &load(&state, &number).await?).await?))
}

/// The answer to a submission retried with the key that filed it: the request as filed when the
/// body is the one filed (a signature by the same signers: the filed content cannot have changed,
/// and a signer may sign it again a second later), `idempotency_key_reused` when it is another.
async fn retried(
    state: &AppState,
    request: &StoredRequest,
    submission: Result<Json<Submission>, JsonRejection>,
) -> AppResult<RequestView> {
    use base64::Engine as _;
    let sent = submission
        .ok()
        .and_then(|Json(s)| base64::engine::general_purpose::STANDARD.decode(s.cms.trim()).ok());
    let filed = state.store.requests().signature_cms(request.id, SignedFor::Submission).await?;
    let signers = |cms: Option<Vec<u8>>| cms.and_then(|cms| signatures::signer_certificates(&cms));
    let (sent, filed) = (signers(sent), signers(filed));
    if sent.is_none() || sent != filed {
        return Err(ApiError::new(ErrorCode::IdempotencyKeyReused)
            .on_field(IDEMPOTENCY_KEY)
            .into());
    }
    view(state, request).await
}

/// Who signs the filing: the applicant, the employee who drafted it at a desk (a centre's
/// operator, the provider's chancellery), or the representative who drafted it, as long as their
/// power of attorney is still in force (the principal may have revoked it meanwhile).
async fn signer_of<'r>(state: &AppState, request: &'r StoredRequest) -> AppResult<Signer<'r>> {
    if request.intake != Intake::Portal {
        return Ok(Signer::Operator(&request.filer_id_number));
    }
    let Some(power) = request.power_id else {
        return Ok(Signer::Applicant);
    };
    let in_force = state.store.powers().by_id(power).await?.is_some_and(|power| {
        power.covers(request.service) && power.representative == request.filer_id_number
    });
    if !in_force {
        return Err(ApiError::new(ErrorCode::NoPowerOfAttorney).into());
    }
    Ok(Signer::Representative(&request.filer_id_number))
}

/// Who signs a filing.
#[derive(Debug, Clone, Copy)]
enum Signer<'r> {
    Applicant,
    /// The IIN of the representative acting under a power of attorney.
    Representative(&'r str),
    /// The IIN of the employee who filed it at a desk: a centre's operator or the chancellery's.
    Operator(&'r str),
}

/// A draft ready to be signed and filed: what its signature must cover and whose it must be.
pub(super) struct ReadyFiling {
    pub attachments: Vec<AttachmentView>,
    /// `Filing::signed_bytes`.
    pub bytes: Vec<u8>,
    /// The IIN (or BIN) the signing certificate must name: the applicant, their representative,
    /// or the employee at the desk (regulations, condition 2).
    pub holder: String,
}

/// Whether `me` may file the draft now — every field right, every document the applicant must
/// attach, the step allowed, the applicant known to the state registry, the signer's power in
/// force — and what is to be signed.
pub(super) async fn ready_to_file(
    state: &AppState,
    me: &Account,
    request: &StoredRequest,
) -> AppResult<ReadyFiling> {
    let kind = form::kind(request.service, &request.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    let attachments = state.store.attachments().of_request(request.id).await?;
    let mut mistakes = form::validate(kind, &request.form);
    mistakes.extend(attachment::missing(kind, &request.applicant_id_number, &attachments));
    if !mistakes.is_empty() {
        return Err(ApiError::invalid_form(mistakes).into());
    }
    engine::check(me, request, Action::Submit)?;
    // Regulation 002: "no data can be obtained" on an applicant the registry does not know.
    if registry::record(state.registry.as_ref(), &request.applicant_id_number).await?.is_none() {
        return Err(ApiError::new(ErrorCode::NoRegistryData).into());
    }
    let (representative, operator) = match signer_of(state, request).await? {
        Signer::Applicant => (None, None),
        Signer::Representative(iin) => (Some(iin), None),
        Signer::Operator(iin) => (None, Some(iin)),
    };
    let filing = Filing {
        number: &request.number,
        service: request.service,
        kind: &request.kind,
        provider: &request.provider,
        applicant: &request.applicant_id_number,
        representative,
        operator,
        form: &request.form,
        attachments: &attachments,
    };
    let bytes = filing.signed_bytes();
    let holder = representative.or(operator).unwrap_or(&request.applicant_id_number).to_owned();
    Ok(ReadyFiling { attachments, bytes, holder })
}

/// The history («Қызметтерді алу тарихы» / «История получения услуг»): the person's own requests,
/// newest first, by status and number, a page at a time.
#[utoipa::path(get, path = "/requests", tag = "requests", security(("session" = [])), params(ListQuery),
    responses((status = 200, body = Page<RequestSummary>, description = "The caller's requests, newest first, 20 a page"),
        (status = 422, body = ApiError, description = "bad_request on a filter or `page` that is not one")))]
pub async fn history(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> AppResult<Json<Page<RequestSummary>>> {
    let Query(query) =
        query.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("status"))?;
    let number = query.number.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let whose = match (me.role, me.csc.as_deref()) {
        (Role::CscOperator, Some(csc)) => Whose::Centre { csc, operator: me.id },
        _ => Whose::Person(me.id),
    };
    let filter = Filter::History { whose, status: query.status, number };
    lists::page_of(&state, &filter, query.page).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EarlierQuery {
    service: ServiceCode,
    /// The kind's code, as the service's declaration names it.
    kind: String,
}

/// Before filing, what the person already has of this service and kind: requests still in
/// work, and certificates that still hold. Their own requests only (a representative filing for
/// another is not shown the principal's).
#[utoipa::path(get, path = "/requests/earlier", tag = "requests", security(("session" = [])), params(EarlierQuery),
    responses((status = 200, body = Earlier, description = "The caller's own requests a new one would repeat"),
        (status = 422, body = ApiError, description = "bad_request on `service` or `kind`")))]
pub async fn earlier(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    query: Result<Query<EarlierQuery>, QueryRejection>,
) -> AppResult<Json<Earlier>> {
    let Query(query) =
        query.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("service"))?;
    form::kind(query.service, &query.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("kind"))?;
    let today = Date::in_kazakhstan(state.store.now());
    let mut earlier = Earlier::default();
    for request in state.store.requests().earlier(me.id, query.service, &query.kind).await? {
        if !request.status.is_final() {
            earlier.in_work.push(request.number);
            continue;
        }
        let holds_until = request.result.as_ref().and_then(|result| {
            let template = result::template(request.service, &request.kind, result.outcome);
            let limited =
                result.outcome == Outcome::Certificate && request.status == Status::Issued;
            limited.then(|| template.validity.until(result.signed_at?)).flatten()
        });
        if let Some(valid_until) = holds_until.filter(|last| *last >= today) {
            earlier.still_valid.push(StillValid { number: request.number, valid_until });
        }
    }
    Ok(Json(earlier))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// The request's number.
    number: String,
    /// The applicant's IIN or BIN.
    iin: String,
}

/// The status check anyone may make from a phone with the request's number and the applicant's
/// IIN/BIN: the service, the status and the deadline, nothing else. A wrong pair is "not found",
/// and look-ups are limited per address so numbers cannot be trawled.
#[utoipa::path(get, path = "/status", tag = "requests", params(StatusQuery),
    responses((status = 200, body = PublicStatus, description = "Service, status and deadline only"),
        (status = 404, body = ApiError, description = "No such number for this IIN/BIN"),
        (status = 422, body = ApiError, description = "invalid_iin / invalid_bin, or bad_request: the number or the IIN/BIN missing"),
        (status = 429, body = ApiError, description = "More than 30 look-ups in 10 minutes from one address; Retry-After: the seconds until the next is let through")))]
pub async fn public_status(
    State(state): State<AppState>,
    Client(client): Client,
    query: Result<Query<StatusQuery>, QueryRejection>,
) -> AppResult<Json<PublicStatus>> {
    let Query(query) =
        query.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("number"))?;
    Ok(Json(status_of(&state, client, &query.number, &query.iin).await?))
}

/// The public status of the request with this number whose applicant has this IIN/BIN, counted
/// against `client`'s look-ups: for the API and for the page the server renders without
/// JavaScript alike.
pub async fn status_of(
    state: &AppState,
    client: std::net::IpAddr,
    number: &str,
    iin: &str,
) -> AppResult<PublicStatus> {
    let id_number = IdNumber::parse(iin).map_err(|why| ApiError::invalid_id_number("iin", why))?;
    limits::count(state, limits::STATUS_CHECKS, client).await?;
    let found = state.store.requests().public_status(number.trim(), &id_number.to_string()).await?;
    found.ok_or_else(|| ApiError::new(ErrorCode::NotFound).into())
}

/// Drafts may be incomplete, but what is typed must fit its field and every field must exist.
fn draft_mistakes(
    kind: &form::Kind,
    typed: &std::collections::BTreeMap<String, String>,
) -> AppResult<()> {
    let mistakes: Vec<FieldError> = form::validate(kind, typed)
        .into_iter()
        .filter(|e| typed.get(&e.field).is_some_and(|v| !v.trim().is_empty()))
        .collect();
    if mistakes.is_empty() { Ok(()) } else { Err(ApiError::invalid_form(mistakes).into()) }
}

/// The applicant's answers to the survey after the service: once, when the result (or the
/// refusal) is theirs.
#[utoipa::path(post, path = "/requests/{number}/survey", tag = "requests", security(("session" = [])),
    params(("number" = String, Path)), request_body = SurveyAnswers,
    responses((status = 200, body = RequestView, description = "Kept; the request shows the answers"),
        (status = 403, body = ApiError, description = "The caller filed it but is not the applicant"),
        (status = 404, body = ApiError, description = "Not the caller's request"),
        (status = 409, body = ApiError, description = "not_allowed_now: no result yet, or answered already"),
        (status = 422, body = ApiError, description = "bad_request: an answer that is not one of the survey's")))]
pub async fn survey(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    Json(answers): Json<SurveyAnswers>,
) -> AppResult<Json<RequestView>> {
    let request = own(&state, &me, &number).await?;
    // The applicant's opinion: not that of an operator or a representative who filed for them.
    if request.applicant_id != me.id {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    if !survey::open_for(request.status)
        || !state.store.surveys().answer(&request, answers, &me.id_number).await?
    {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    Ok(Json(view(&state, &request).await?))
}
