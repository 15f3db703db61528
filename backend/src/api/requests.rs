//! Requests: drafts, submission, the workflow's steps, and who may see what.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use qyzmet_shared::form::{self, FieldError};
use qyzmet_shared::request::{FormUpdate, NewRequest, RequestView, StepAction};
use qyzmet_shared::workflow::{Action, Status, TransitionError, Workflow};
use qyzmet_shared::{ApiError, ErrorCode, Role};

use crate::AppState;
use crate::auth::SignedIn;
use crate::error::AppResult;
use crate::store::{Account, Move, StoredRequest, now_unix};

/// The header that makes a submission safe to retry: the same key files one request.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

pub async fn create(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Json(new): Json<NewRequest>,
) -> AppResult<(StatusCode, Json<RequestView>)> {
    if me.role != Role::Applicant {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    let kind = form::kind(new.service, &new.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field("kind"))?;
    let offers =
        state.catalog.body(&new.provider).is_some_and(|body| body.services.contains(&new.service));
    if !offers {
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("provider").into());
    }
    draft_mistakes(kind, &new.form)?;
    let number = state.store.requests().create_draft(&me, &me, &new).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &load(&state, &number).await?).await?)))
}

pub async fn show(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
) -> AppResult<Json<RequestView>> {
    let request = visible(&state, &me, &number).await?;
    Ok(Json(view(&state, &request).await?))
}

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

/// Files the draft with the provider. A retry with the same `Idempotency-Key` answers with the
/// request as filed instead of filing again.
pub async fn submit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    headers: HeaderMap,
) -> AppResult<Json<RequestView>> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .filter(|k| (8..=100).contains(&k.len()))
        .ok_or_else(|| ApiError::new(ErrorCode::BadRequest).on_field(IDEMPOTENCY_KEY))?
        .to_owned();
    let request = own(&state, &me, &number).await?;
    if request.submit_key.as_deref() == Some(key.as_str()) {
        return Ok(Json(view(&state, &request).await?));
    }
    let kind = form::kind(request.service, &request.kind)
        .ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    let mistakes = form::validate(kind, &request.form);
    if !mistakes.is_empty() {
        return Err(ApiError::invalid_form(mistakes).into());
    }
    let workflow = Workflow::of(request.service);
    let to = workflow.apply(request.status, Action::Submit, me.role).map_err(refusal)?;
    let calendar = state.store.calendar().calendar().await?;
    let now = now_unix();
    let term = state
        .catalog
        .service(request.service)
        .ok_or_else(|| ApiError::new(ErrorCode::Internal))?
        .term;
    let deadline = calendar.deadline(now, request.intake, term);
    let step_deadline = workflow.step(to).map(|step| step.limit.deadline(&calendar, now));
    let step = Move {
        actor: &me,
        action: Action::Submit,
        to,
        resolution: "",
        step_deadline_at: step_deadline,
        submission: Some((&key, deadline)),
    };
    if !state.store.requests().apply(&request, &step).await? {
        // Moved meanwhile: a doubled click with the same key finds its own submission.
        let now_stored = load(&state, &number).await?;
        if now_stored.submit_key.as_deref() != Some(key.as_str()) {
            return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
        }
    }
    Ok(Json(view(&state, &load(&state, &number).await?).await?))
}

/// A step of the provider's staff: registering, assigning, drafting, signing, issuing.
pub async fn act(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    Path(number): Path<String>,
    Json(step): Json<StepAction>,
) -> AppResult<Json<RequestView>> {
    let request = visible(&state, &me, &number).await?;
    if !works_for(&me, &request) || step.action == Action::Submit {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    if step.action == Action::RefuseIncomplete && step.resolution.trim().is_empty() {
        // A motivated refusal: the reasons are what the applicant reads.
        return Err(ApiError::new(ErrorCode::BadRequest).on_field("resolution").into());
    }
    let workflow = Workflow::of(request.service);
    let to = workflow.apply(request.status, step.action, me.role).map_err(refusal)?;
    let calendar = state.store.calendar().calendar().await?;
    let next = Move {
        actor: &me,
        action: step.action,
        to,
        resolution: step.resolution.trim(),
        step_deadline_at: workflow.step(to).map(|s| s.limit.deadline(&calendar, now_unix())),
        submission: None,
    };
    if !state.store.requests().apply(&request, &next).await? {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    Ok(Json(view(&state, &load(&state, &number).await?).await?))
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

fn refusal(error: TransitionError) -> ApiError {
    match error {
        TransitionError::NotAllowedNow => ApiError::new(ErrorCode::NotAllowedNow),
        TransitionError::WrongRole { .. } => ApiError::new(ErrorCode::Forbidden),
    }
}

/// Staff of the request's provider.
fn works_for(me: &Account, request: &StoredRequest) -> bool {
    me.provider.as_deref() == Some(request.provider.as_str())
}

async fn load(state: &AppState, number: &str) -> AppResult<StoredRequest> {
    Ok(state
        .store
        .requests()
        .by_number(number)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?)
}

/// The request if `me` may see it: its applicant, whoever filed it, or its provider's staff once
/// it is submitted. Anyone else gets 404, as if it did not exist.
async fn visible(state: &AppState, me: &Account, number: &str) -> AppResult<StoredRequest> {
    let request = load(state, number).await?;
    let own = request.applicant_id == me.id || request.filed_by_id == me.id;
    let staff = works_for(me, &request) && request.status != Status::Draft;
    if own || staff { Ok(request) } else { Err(ApiError::new(ErrorCode::NotFound).into()) }
}

/// The request if `me` filed it or it is theirs.
async fn own(state: &AppState, me: &Account, number: &str) -> AppResult<StoredRequest> {
    let request = load(state, number).await?;
    if request.applicant_id == me.id || request.filed_by_id == me.id {
        Ok(request)
    } else {
        Err(ApiError::new(ErrorCode::NotFound).into())
    }
}

async fn view(state: &AppState, request: &StoredRequest) -> AppResult<RequestView> {
    Ok(RequestView {
        number: request.number.clone(),
        service: request.service,
        kind: request.kind.clone(),
        provider: request.provider.clone(),
        applicant_id_number: request.applicant_id_number.clone(),
        applicant_name: request.applicant_name.clone(),
        status: request.status,
        form: request.form.clone(),
        created_at: request.created_at,
        submitted_at: request.submitted_at,
        deadline: request.deadline_at,
        step_deadline: request.step_deadline_at,
        events: state.store.requests().events(request.id).await?,
    })
}
