//! The one way a request moves. Every move is checked against its regulation's declaration, gets
//! its step's deadline from the calendar, and is recorded with its event, audit entry and
//! notification in one transaction (the store's `apply`); a move that lost a race to another
//! answers `not_allowed_now`. Each move is traced with the request's number, the action and the
//! role.

use qyzmet_shared::calendar::Calendar;
use qyzmet_shared::catalog::ServiceCode;
use qyzmet_shared::regulations::common::COMPLETENESS_CHECK;
use qyzmet_shared::workflow::{Action, Limit, Status, TransitionError};
use qyzmet_shared::{ApiError, ErrorCode};
use tracing::Instrument as _;

use crate::AppState;
use crate::error::AppResult;
use crate::mail;
use crate::store::{Account, Effect, Mail, Move, StoredRequest};

/// What someone does to a request.
pub struct Advance<'m> {
    pub action: Action,
    /// The resolution the request's history records.
    pub resolution: &'m str,
    /// What the move changes besides the status.
    pub effect: Effect<'m>,
    pub notice: Notice,
}

/// What a move tells the applicant.
pub enum Notice {
    /// The new status, as the applicant asked to be told.
    Status,
    /// This mail instead (the result itself by e-mail), or none.
    Instead(Option<Mail>),
}

/// Where `action` by `me` takes the request now, by its regulation: `not_allowed_now` when
/// nobody may do it in this status, `forbidden` when it is another role's.
pub fn check(me: &Account, request: &StoredRequest, action: Action) -> Result<Status, ApiError> {
    let workflow = &request.service.def().workflow;
    workflow.apply(request.status, action, me.role, request.intake).map_err(|error| match error {
        TransitionError::NotAllowedNow => ApiError::new(ErrorCode::NotAllowedNow),
        TransitionError::WrongRole { .. } => ApiError::new(ErrorCode::Forbidden),
    })
}

/// What dates moves: the calendar and the step limits administrators changed, loaded once for
/// the moves of one action (a filing's term and first step, a registry's requests).
pub struct Timing {
    pub calendar: Calendar,
    changed: Vec<(ServiceCode, Vec<(Status, Limit)>)>,
}

impl Timing {
    /// The calendar, and the changed limits of each of `services`.
    pub async fn load(
        state: &AppState,
        services: impl IntoIterator<Item = ServiceCode>,
    ) -> AppResult<Timing> {
        let calendar = state.store.calendar().calendar().await?;
        let mut changed: Vec<(ServiceCode, Vec<(Status, Limit)>)> = Vec::new();
        for service in services {
            if !changed.iter().any(|(loaded, _)| *loaded == service) {
                changed.push((service, state.store.step_limits().of(service).await?));
            }
        }
        Ok(Timing { calendar, changed })
    }

    /// The limits changed for `service`; asking for one not loaded is the caller's mistake.
    fn changed(&self, service: ServiceCode) -> AppResult<&[(Status, Limit)]> {
        let found = self.changed.iter().find(|(loaded, _)| *loaded == service);
        Ok(found
            .map(|(_, limits)| limits.as_slice())
            .ok_or_else(|| ApiError::new(ErrorCode::Internal))?)
    }
}

/// A move checked and dated at `now`, ready for the store: alone (`advance`) or with the others
/// of a registry.
pub async fn plan<'m>(
    state: &AppState,
    timing: &Timing,
    me: &'m Account,
    request: &StoredRequest,
    advance: Advance<'m>,
    now: i64,
) -> AppResult<Move<'m>> {
    let to = check(me, request, advance.action)?;
    // A filing sets the term; every later step runs within the term it set.
    let term = match &advance.effect {
        Effect::Submission { deadline, .. } => Some(*deadline),
        _ => request.deadline_at,
    };
    let mails = match advance.notice {
        Notice::Status => mail::for_step(state, request, to).await?,
        Notice::Instead(mail) => mail.into_iter().collect(),
    };
    let workflow = &request.service.def().workflow;
    let changed = timing.changed(request.service)?;
    Ok(Move {
        actor: me,
        action: advance.action,
        to,
        resolution: advance.resolution,
        step_deadline_at: workflow.step_deadline(to, &timing.calendar, now, term, changed),
        effect: advance.effect,
        mails,
    })
}

/// Moves the request at `now`: checked, dated, recorded and told, or `not_allowed_now` when it
/// moved meanwhile.
pub async fn advance(
    state: &AppState,
    me: &Account,
    request: &StoredRequest,
    advance: Advance<'_>,
    now: i64,
) -> AppResult<Status> {
    let timing = Timing::load(state, [request.service]).await?;
    advance_at(state, &timing, me, request, advance, now).await
}

/// `advance`, dated by `timing` already loaded.
pub async fn advance_at(
    state: &AppState,
    timing: &Timing,
    me: &Account,
    request: &StoredRequest,
    advance: Advance<'_>,
    now: i64,
) -> AppResult<Status> {
    let span = tracing::info_span!(
        "advance",
        number = %request.number,
        action = advance.action.as_str(),
        role = me.role.as_str(),
    );
    async move {
        let step = plan(state, timing, me, request, advance, now).await?;
        if !state.store.requests().apply(request, &step).await? {
            tracing::info!("not moved: the request moved meanwhile");
            return Err(ApiError::new(ErrorCode::NotAllowedNow).into());
        }
        tracing::info!(to = step.to.as_str(), "moved");
        mail::deliver_soon(state);
        Ok(step.to)
    }
    .instrument(span)
    .await
}

/// The deadlines a filing at `now` sets: the result's, by the regulation's term (or the end of
/// its steps), and the completeness check's.
pub fn filing_deadlines(
    timing: &Timing,
    request: &StoredRequest,
    now: i64,
) -> AppResult<(i64, i64)> {
    let changed = timing.changed(request.service)?;
    let calendar = &timing.calendar;
    Ok((
        request.service.def().deadline(calendar, now, request.intake, changed),
        calendar.deadline(now, request.intake, COMPLETENESS_CHECK),
    ))
}
