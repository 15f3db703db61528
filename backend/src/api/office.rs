//! The provider's side: queues, the workflow's steps with the choices each one needs, and the
//! colleagues a request can be handed to.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use qyzmet_shared::account::StaffMember;
use qyzmet_shared::calendar::Date;
use qyzmet_shared::dashboard::Dashboard;
use qyzmet_shared::form::{self, FieldError};
use qyzmet_shared::request::{Approval, Page, RequestSummary, RequestView, StepAction};
use qyzmet_shared::result::{self, Outcome};
use qyzmet_shared::workflow::{Action, Status};
use qyzmet_shared::{ApiError, ErrorCode, Role, Text, office};

use super::lists::{self, ListQuery};
use crate::AppState;
use crate::auth::SignedIn;
use crate::engine::{self, Advance, Notice, load, view, visible, works_for};
use crate::error::AppResult;
use crate::store::{Account, Effect, Filter, StoredRequest, StoredSignature};

const REFUSAL_REASONS: Text = Text::new(
    "Бас тарту себептерін жазыңыз: қандай құжаттар жетіспейді немесе жарамсыз.",
    "Укажите причины отказа: каких документов не хватает или какие недействительны.",
);
const REFUSAL_GROUNDS: Text = Text::new(
    "Бас тартудың негіздерін жазыңыз: өтініш берушіге не себепті бас тартылады.",
    "Укажите основания отказа: почему заявителю отказано.",
);
const CHOOSE_DEPARTMENT: Text = Text::new(
    "Өтініш жолданатын бөлімді таңдаңыз.",
    "Выберите отдел, в который направляется заявка.",
);
const CHOOSE_SPECIALIST: Text =
    Text::new("Осы бөлімнің орындаушысын таңдаңыз.", "Выберите исполнителя из этого отдела.");
const CHOOSE_OUTCOME: Text = Text::new(
    "Нәтижені таңдаңыз: анықтама немесе дәлелді бас тарту.",
    "Выберите результат: справка или мотивированный отказ.",
);

/// A step of the provider's staff: registering, assigning, drafting, signing, issuing.
#[utoipa::path(post, path = "/requests/{number}/actions", tag = "office", security(("session" = [])),
    params(("number" = String, Path)), request_body = StepAction,
    responses((status = 200, body = RequestView, description = "Moved on; the step is in `events`"),
        (status = 403, body = ApiError, description = "Not this role's step, or not in this staff member's hands"),
        (status = 404, body = ApiError, description = "Not this provider's request"),
        (status = 409, body = ApiError, description = "not_allowed_now, or past_completeness_check"),
        (status = 422, body = ApiError, description = "invalid_form: the department, specialist, outcome or grounds the step needs")))]
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
    // Results travel to a CSC in registries (`/registries`), not one by one, and a walk-in's is
    // handed over with a record of to whom (`/handover`).
    if step.action.by_registry() || step.action.by_handover(request.intake) {
        return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
    }
    let to = engine::check(&me, &request, step.action)?;
    if !holds(&me, &request) {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    let now = state.store.now();
    let approval = approval(&state, &me, &request, &step, now).await?;
    let effect = effect(&state, &request, &step, approval.as_ref(), to, now).await?;
    let resolution = step.resolution.trim();
    let next = Advance { action: step.action, resolution, effect, notice: Notice::Status };
    engine::advance(&state, &me, &request, next, now).await?;
    Ok(Json(view(&state, &load(&state, &number).await?).await?))
}

/// Whether the request is in `me`'s hands: a department head acts on their department's
/// requests, a specialist on those given to them, the chancellery and the head on all of the
/// provider's.
fn holds(me: &Account, request: &StoredRequest) -> bool {
    match me.role {
        Role::DepartmentHead => me.department.is_some() && request.department == me.department,
        Role::Specialist => request.assignee_id == Some(me.id),
        _ => true,
    }
}

/// What the step changes besides the status, from the choices it carries, or which choice is
/// missing or wrong.
async fn effect<'a>(
    state: &AppState,
    request: &StoredRequest,
    step: &'a StepAction,
    approval: Option<&'a StoredSignature>,
    to: Status,
    now: i64,
) -> AppResult<Effect<'a>> {
    let body =
        state.catalog.body(&request.provider).ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    let resolution = step.resolution.trim();
    Ok(match step.action {
        Action::RefuseIncomplete => {
            let grounds = required(resolution, "resolution", REFUSAL_REASONS)?;
            if request.completeness_deadline_at.is_some_and(|deadline| now > deadline) {
                return Err(ApiError::new(ErrorCode::PastCompletenessCheck).into());
            }
            Effect::Draft { outcome: Outcome::Incomplete, grounds, appendix_pages: None }
        }
        // The ministry's chancellery passes requests straight to the unit that answers for them.
        Action::Register if to == Status::AtDepartmentHead => Effect::Department(
            office::responsible(body.kind, request.service)
                .ok_or_else(|| ApiError::new(ErrorCode::Internal))?
                .id,
        ),
        Action::AssignDepartment => {
            let chosen =
                step.department.as_deref().and_then(|id| office::department(body.kind, id));
            Effect::Department(chosen.ok_or_else(|| mistake("department", CHOOSE_DEPARTMENT))?.id)
        }
        Action::AssignSpecialist => {
            let chosen = match step.specialist.as_deref() {
                Some(id_number) => state.store.accounts().by_id_number(id_number).await?,
                None => None,
            };
            let fits = chosen.filter(|a| {
                a.role == Role::Specialist
                    && a.provider.as_deref() == Some(request.provider.as_str())
                    && a.department.is_some()
                    && a.department == request.department
            });
            Effect::Assignee(fits.ok_or_else(|| mistake("specialist", CHOOSE_SPECIALIST))?.id)
        }
        Action::DraftResult => {
            let outcome = step.outcome.ok_or_else(|| mistake("outcome", CHOOSE_OUTCOME))?;
            let grounds = match outcome {
                Outcome::Certificate => "",
                Outcome::Refusal => required(resolution, "resolution", REFUSAL_GROUNDS)?,
                // An incomplete package is refused by its own step, within the completeness check.
                Outcome::Incomplete => return Err(mistake("outcome", CHOOSE_OUTCOME).into()),
            };
            let appendix_pages = result::template(request.service, &request.kind, outcome)
                .appendix_pages(step.appendix_pages)
                .map_err(|reason| mistake("appendix_pages", reason))?;
            Effect::Draft { outcome, grounds, appendix_pages }
        }
        Action::Sign => {
            let drafted =
                request.result.as_ref().ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
            Effect::Signature {
                numbering: result::template(request.service, &request.kind, drafted.outcome)
                    .numbering,
                signature: approval.ok_or_else(|| ApiError::new(ErrorCode::Internal))?,
            }
        }
        _ => Effect::None,
    })
}

/// The drafted result of a request the head `me` may sign now, and the bytes to sign: for
/// signing with eGov Mobile, which fetches them before the step is taken.
pub(super) async fn result_to_sign(
    state: &AppState,
    me: &Account,
    number: &str,
) -> AppResult<(StoredRequest, Vec<u8>)> {
    let request = visible(state, me, number).await?;
    if !works_for(me, &request) {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    engine::check(me, &request, Action::Sign)?;
    if !holds(me, &request) {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    }
    let bytes = approval_bytes(&request)?;
    Ok((request, bytes))
}

/// The canonical bytes of the head's approval of the drafted result (`Approval::signed_bytes`).
fn approval_bytes(request: &StoredRequest) -> AppResult<Vec<u8>> {
    let drafted = request.result.as_ref().ok_or_else(|| ApiError::new(ErrorCode::Internal))?;
    let approval = Approval {
        number: &request.number,
        service: request.service,
        kind: &request.kind,
        provider: &request.provider,
        applicant: &request.applicant_id_number,
        outcome: drafted.outcome,
        grounds: &drafted.grounds,
        appendix_pages: drafted.appendix_pages,
    };
    Ok(approval.signed_bytes())
}

/// The head's signature of the drafted result, verified, when the step signs it: over the
/// approval's exact bytes, by the head's own valid signing key.
async fn approval(
    state: &AppState,
    me: &Account,
    request: &StoredRequest,
    step: &StepAction,
    now: i64,
) -> AppResult<Option<StoredSignature>> {
    if step.action != Action::Sign {
        return Ok(None);
    }
    let bytes = approval_bytes(request)?;
    let (mut signature, certificate) =
        engine::verified_as(state, step.cms.as_deref(), &bytes, &me.id_number, now).await?;
    // With an authority configured, the result carries its token: a time no one at the provider
    // set. Without one, nothing is signed.
    if let Some(tsa) = &state.tsa {
        let trust = state.trust.current();
        let (stamped, time) = tsa
            .stamp(&signature.cms, &certificate, (&trust, state.revocation()), now)
            .await
            .map_err(|error| {
                tracing::warn!(%error, number = %request.number, "the result could not be timestamped");
                ApiError::new(ErrorCode::TimestampUnavailable)
            })?;
        signature.cms = stamped;
        signature.signed_at = Some(time);
    }
    Ok(Some(signature))
}

fn mistake(field: &str, message: Text) -> ApiError {
    ApiError::invalid_form(vec![FieldError { field: field.to_owned(), message }])
}

/// A text the step cannot go without, trimmed, and printable: it may reach a signed document.
fn required<'a>(text: &'a str, field: &str, message: Text) -> Result<&'a str, ApiError> {
    let unprintable = form::unprintable(text);
    if text.is_empty() {
        Err(mistake(field, message))
    } else if !unprintable.is_empty() {
        Err(mistake(field, form::unprintable_message(&unprintable)))
    } else {
        Ok(text)
    }
}

/// A staff member's queue: what waits for their role at their provider, most urgent first — for a
/// department head their department's, for a specialist what was given to them — optionally of
/// one service and in one status.
#[utoipa::path(get, path = "/queue", tag = "office", security(("session" = [])), params(ListQuery),
    responses((status = 200, body = Page<RequestSummary>, description = "What waits for the caller, most urgent first"),
        (status = 403, body = ApiError, description = "Staff only")))]
pub async fn queue(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> AppResult<Json<Page<RequestSummary>>> {
    let Query(query) = query.map_err(|_| ApiError::new(ErrorCode::BadRequest).on_field("page"))?;
    let provider = me.provider.as_deref().ok_or_else(|| ApiError::new(ErrorCode::Forbidden))?;
    let body = state.catalog.body(provider).ok_or_else(|| ApiError::new(ErrorCode::Forbidden))?;
    let waiting = body
        .services
        .iter()
        .flat_map(|&service| {
            service
                .def()
                .workflow
                .steps
                .iter()
                .filter(|step| step.role == me.role)
                .map(move |step| (service, step.status))
        })
        // Narrowed to the service and the status asked for, when asked.
        .filter(|(service, status)| {
            query.service.is_none_or(|s| s == *service) && query.status.is_none_or(|s| s == *status)
        })
        .collect();
    let filter = Filter::Queue {
        provider,
        waiting,
        department: (me.role == Role::DepartmentHead)
            .then(|| me.department.as_deref().unwrap_or_default()),
        assignee: (me.role == Role::Specialist).then_some(me.id),
    };
    lists::page_of(&state, &filter, query.page).await
}

/// The provider's dashboard, for its staff: requests by status, overdue ones, time per step
/// against its limit, and the survey's answers per service.
#[utoipa::path(get, path = "/office/dashboard", tag = "office", security(("session" = [])),
    responses((status = 200, body = Dashboard, description = "The caller's provider, now"),
        (status = 403, body = ApiError, description = "Staff only")))]
pub async fn dashboard(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Dashboard>> {
    let provider = me.provider.as_deref().ok_or_else(|| ApiError::new(ErrorCode::Forbidden))?;
    let dashboards = state.store.dashboards();
    let now = state.store.now();
    let (by_status, overdue) = dashboards.statuses(provider, now).await?;
    let next_year = Date::in_kazakhstan(now).year() + 1;
    let calendar = state.store.calendar().calendar().await?;
    Ok(Json(Dashboard {
        by_status,
        overdue,
        steps: dashboards.steps(provider).await?,
        survey: state.store.surveys().results(provider).await?,
        calendar_missing: (!calendar.has_entered_holidays(next_year)).then_some(next_year),
    }))
}

/// The specialists of the signed-in department head's department: whom a request can be given to.
#[utoipa::path(get, path = "/office/specialists", tag = "office", security(("session" = [])),
    responses((status = 200, body = Vec<StaffMember>, description = "The specialists of the caller's department"),
        (status = 403, body = ApiError, description = "Department heads only")))]
pub async fn specialists(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> AppResult<Json<Vec<StaffMember>>> {
    let (Role::DepartmentHead, Some(provider), Some(department)) =
        (me.role, me.provider.as_deref(), me.department.as_deref())
    else {
        return Err(ApiError::new(ErrorCode::Forbidden).into());
    };
    let staff = state.store.accounts().staff(provider, department, Role::Specialist).await?;
    Ok(Json(
        staff
            .into_iter()
            .map(|a| StaffMember { id_number: a.id_number, full_name: a.full_name })
            .collect(),
    ))
}
